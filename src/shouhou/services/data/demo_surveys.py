"""The satisfaction surveys of the demo (issue 13): the scores customers give when the demo closes
a ticket (:func:`close_scores`, through ``feedback.surveys.close_ticket``), and after the tickets
and visits (:func:`add_demo_surveys`) the product surveys of last summer's key-customer campaign,
surveys of finished installations and inspections, and two recent low scores whose follow-up
callbacks are still to be made — so ``survey stats``, ``survey pending`` and ``shouhou today``
have something to show. Everything goes through the survey services; times are relative to
"now".
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, TypedDict

from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.tickets.sla import Rules

CLERKS = ("小刘", "小赵")
PRODUCT_COMMENTS = (
    "设备运行稳定，希望缩短备件交货期",
    "外观做工好，价格略高",
    "性能满足生产要求",
    "Delivery was two weeks late",
    None,
)
SERVICE_COMMENTS = ("安装调试认真，讲解清楚", "巡检及时，记录详细", None, None)


class Scores(TypedDict, total=False):
    """What ``feedback.surveys.close_ticket`` takes as the customer's scores."""

    quality: int
    attitude: int
    resolution: int
    timeliness: int


def close_scores(rng: random.Random) -> Scores:
    """The scores a customer gives when the demo closes a ticket — mostly 4 and 5, now and then
    a 2 (which calls for a follow-up callback) — or none at all (about one in eight: the
    customer could not be reached, so ``survey pending`` lists the ticket)."""
    if rng.random() < 0.12:
        return {}
    return {
        "quality": rng.choices([5, 4, 3, 2], weights=[6, 3, 1, 0.3])[0],
        "attitude": rng.choices([5, 4, 3], weights=[7, 2, 1])[0],
        "resolution": rng.choices([5, 4, 3, 2], weights=[6, 3, 1, 0.3])[0],
        "timeliness": rng.choices([5, 4, 3, 2, 1], weights=[5, 3, 1.5, 0.4, 0.1])[0],
    }


def add_demo_surveys(session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo) -> int:
    """Product surveys, surveys of done visits and two recent low scores (see the module);
    returns the number of surveys in the database."""
    from sqlmodel import func, select

    from shouhou.models import Survey

    rng = random.Random(13)
    _product_campaign(session, stamp, rules=rules, zone=zone, rng=rng)
    _visit_surveys(session, stamp, rules=rules, zone=zone, rng=rng)
    _recent_low_scores(session, stamp, rules=rules, zone=zone)
    return int(session.exec(select(func.count()).select_from(Survey)).one())


def _last_summer(today: date) -> tuple[date, date]:
    """The latest July–August (DOMAIN §6 campaign) that has ended by ``today``."""
    year = today.year if today >= date(today.year, 9, 1) else today.year - 1
    return date(year, 7, 1), date(year, 8, 31)


def _product_campaign(
    session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo, rng: random.Random
) -> None:
    """The key customers' product opinions 《产品使用情况征询意见表》, taken by phone in last
    July–August, one device each."""
    from sqlmodel import col, select

    from shouhou.models import Customer, Device
    from shouhou.services.feedback import surveys

    first, last = _last_summer(stamp.at.astimezone(zone).date())
    rows = session.exec(
        select(col(Customer.id), col(Device.serial), col(Device.accepted_on))
        .join(Device, col(Device.customer_id) == col(Customer.id))
        .where(col(Customer.key_customer).is_(True))
        .order_by(col(Customer.id), col(Device.id))
    ).all()
    seen: set[int] = set()
    for customer_id, serial, accepted_on in rows:
        if customer_id is None or customer_id in seen:
            continue
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        if accepted_on is not None and accepted_on > day:
            continue
        seen.add(customer_id)
        taken = datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59)), tzinfo=zone)
        surveys.record(
            session,
            Stamp(rng.choice(CLERKS), taken),
            surveys.target_of(session, customer_ref=str(customer_id), device_ref=serial),
            kind="product",
            scores={
                "structure": rng.choices([5, 4, 3], weights=[5, 4, 1])[0],
                "appearance": rng.choices([5, 4, 3], weights=[6, 3, 1])[0],
                "delivery": rng.choices([5, 4, 3, 2], weights=[3, 4, 2, 1])[0],
                "price": rng.choices([5, 4, 3, 2], weights=[2, 4, 3, 1])[0],
                "service": rng.choices([5, 4, 3], weights=[6, 3, 1])[0],
            },
            comment=rng.choice(PRODUCT_COMMENTS),
            settings=rules.settings,
            zone=zone,
        )


def _visit_surveys(
    session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo, rng: random.Random
) -> None:
    """About half the installations, inspections and trainings done (not of a ticket) get a
    service survey the day after, at the engineer's next call; the rest stay pending."""
    from sqlmodel import col, select

    from shouhou.models import Visit
    from shouhou.services.feedback import surveys

    done = session.exec(
        select(Visit)
        .where(
            Visit.status == "done",
            col(Visit.kind).in_(("install", "inspection", "training")),
            col(Visit.ticket_id).is_(None),
            col(Visit.finished_at) < stamp.at - timedelta(days=2),
        )
        .order_by(col(Visit.finished_at), col(Visit.id))
    ).all()
    for visit in done:
        if rng.random() < 0.5:
            continue
        assert visit.finished_at is not None
        surveys.record(
            session,
            Stamp(rng.choice(CLERKS), visit.finished_at + timedelta(hours=rng.randint(18, 30))),
            surveys.target_of(session, visit_ref=visit.number),
            scores={
                "attitude": rng.choices([5, 4], weights=[8, 2])[0],
                "quality": rng.choices([5, 4, 3], weights=[6, 3, 1])[0],
                "resolution": rng.choices([5, 4, 3], weights=[6, 3, 1])[0],
                "timeliness": rng.choices([5, 4, 3], weights=[5, 4, 1])[0],
            },
            comment=rng.choice(SERVICE_COMMENTS),
            settings=rules.settings,
            zone=zone,
        )


def _recent_low_scores(session: Session, stamp: Stamp, *, rules: Rules, zone: tzinfo) -> None:
    """Two customers unhappy with a recent repair, asked by phone: one 26 hours ago (its
    callback, due 24 hours after, is late now), one 3 hours ago (due tomorrow morning). Both
    show in ``shouhou today`` until their callbacks are made."""
    from sqlmodel import col, select

    from shouhou.models import Survey, Ticket
    from shouhou.services.feedback import surveys

    asked = [stamp.at - timedelta(hours=26), stamp.at - timedelta(hours=3)]
    unhappy = (
        {"attitude": 4, "quality": 2, "resolution": 2, "timeliness": 3},
        {"attitude": 1, "quality": 3, "resolution": 4, "timeliness": 2},
    )
    surveyed = select(Survey.ticket_id).where(col(Survey.ticket_id).is_not(None))
    candidates = session.exec(
        select(Ticket)
        .where(
            col(Ticket.status).in_(surveys.TICKET_DONE),
            col(Ticket.resolved_at) < asked[0],
            col(Ticket.id).not_in(surveyed),
        )
        .order_by(col(Ticket.resolved_at).desc(), col(Ticket.id))
        .limit(len(asked))
    ).all()
    comments = ("维修后仍偶有异响，希望再来检查", "工程师到场晚且未提前告知")
    for ticket, moment, scores, comment in zip(candidates, asked, unhappy, comments, strict=False):
        surveys.record(
            session,
            Stamp(CLERKS[0], moment),
            surveys.Target(ticket.customer_id, ticket.device_id, ticket=ticket),
            scores=dict(scores),
            comment=comment,
            settings=rules.settings,
            zone=zone,
        )
