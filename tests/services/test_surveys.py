"""Satisfaction surveys (DOMAIN §6, issue 13 items 3–5): recording a survey of a ticket, a visit
or a customer; what is refused; the follow-up callback of a low score; ``ticket close`` scores
through ``close_ticket``; the low scores awaiting their callback; the key customers' campaign;
what is still to be asked (``pending``), in two queries; the list and show views.

DOMAIN §6: "After every job the customer rates the service: attitude, quality, fault-resolution
level, timeliness; plus comments. For products: structure/performance, appearance, delivery
date, price, after-sales service. Key customers surveyed in July–August each year." Issue 13:
"a low score (any dimension ≤ 2) opens a follow-up callback automatically".

The office: 天控 (key customer) with S1 (compressor) and S2; 明华 (not key) with S3.
Monday 2026-11-23, Asia/Shanghai (no daylight saving).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from shouhou.errors import DomainError, NotFound, ShouhouError, UsageError
from shouhou.i18n import translate
from shouhou.models import AuditEntry, Survey, Ticket, Visit
from shouhou.services import config
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.feedback import surveys
from shouhou.services.feedback.survey_stats import (
    iter_survey_views,
    pending,
    survey_detail,
    survey_view,
)
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.intake import open_ticket
from shouhou.services.tickets.sla import Rules, load_rules
from shouhou.services.visits import due, lifecycle, schedule

SH = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH)


NOW = at(MONDAY, 10)
FRIDAY = date(2026, 11, 20)
RECEIVED, RESOLVED = at(FRIDAY, 9), at(FRIDAY, 15)
SATURDAY_11 = at(date(2026, 11, 21), 11)


def by(actor: str, moment: datetime = NOW) -> Stamp:
    return Stamp(actor, moment)


def local(moment: datetime | None) -> datetime:
    assert moment is not None
    return moment.astimezone(SH)


def refused(exc: type[ShouhouError], action: Callable[[], object]) -> str:
    with pytest.raises(exc) as info:
        action()
    return translate("en", info.value.key, **info.value.fields)


@pytest.fixture
def rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def office(session: Session) -> dict[str, int]:
    stamp = by("clerk", at(date(2026, 1, 2), 9))
    tiankong = add_customer(session, stamp, name="天控", phone="022-1", key_customer=True)
    minghua = add_customer(session, stamp, name="明华", phone="022-2")
    ids = {"tiankong": tiankong.id or 0, "minghua": minghua.id or 0}
    for serial, owner, line in (
        ("S1", "tiankong", "compressor"),
        ("S2", "tiankong", "lighting"),
        ("S3", "minghua", "compressor"),
    ):
        device = add_device(
            session,
            stamp,
            customer_id=ids[owner],
            model="GA37",
            serial=serial,
            product_line=line,
            accepted_on=date(2026, 1, 2),
            warranty_months=24,
        )
        ids[serial] = device.id or 0
    return ids


def fixed_ticket(
    session: Session,
    rules: Rules,
    office: dict[str, int],
    *,
    serial: str = "S1",
    engineer: str = "王工",
    received: datetime = RECEIVED,
    resolved: datetime | None = RESOLVED,
) -> Ticket:
    """A minor ticket on ``serial`` assigned to ``engineer`` and (unless ``resolved`` is None)
    resolved — without the callback rules (``lifecycle.resolve``)."""
    customer = "minghua" if serial == "S3" else "tiankong"
    ticket = open_ticket(
        session,
        by("clerk", received),
        customer_id=office[customer],
        severity="3",
        symptom="漏气",
        received_at=received,
        rules=rules,
        device_id=office[serial],
    ).ticket
    tickets.assign(session, by("clerk", received), ticket.number, engineer, rules)
    tickets.diagnose(
        session, by(engineer, received), ticket.number, cause="quality", finding="f", rules=rules
    )
    if resolved is not None:
        tickets.resolve(session, by(engineer, resolved), ticket.number, action="修复", rules=rules)
    return ticket


def done_visit(
    session: Session,
    rules: Rules,
    *,
    customer: int,
    serial: str | None,
    kind: str = "install",
    engineer: str = "张工",
    finished: datetime = SATURDAY_11,
) -> Visit:
    """A customer's visit (no ticket) booked, started and done by ``engineer``."""
    visit, _ = schedule.schedule_visit(
        session,
        by("clerk", finished - timedelta(days=1)),
        kind=kind,
        engineer=engineer,
        appointment_at=finished - timedelta(hours=2),
        zone=SH,
        customer_ref=str(customer),
        device_ref=serial,
        force=True,
    )
    lifecycle.start(session, by(engineer, finished - timedelta(hours=2)), visit.number, rules)
    lifecycle.finish(session, by(engineer, finished), visit.number, work_done="完成", rules=rules,
                     zone=SH)  # fmt: skip
    return visit


def done_callback(
    session: Session,
    rules: Rules,
    *,
    customer: int,
    made: datetime,
    ticket: Ticket | None = None,
    device: int | None = None,
) -> Visit:
    """A callback due for the customer (or ticket), made by phone at ``made``."""
    visit = due.create_due(
        session,
        by("clerk", made - timedelta(hours=1)),
        kind="callback",
        customer_id=customer,
        due_at=made + timedelta(days=1),
        origin="key-customer",
        zone=SH,
        ticket_id=ticket.id if ticket is not None else None,
        device_id=device,
    )
    assert visit is not None
    lifecycle.finish(session, by("小刘", made), visit.number, work_done="电话回访", rules=rules,
                     zone=SH, result="ok")  # fmt: skip
    return visit


SERVICE = {"attitude": 5, "quality": 4, "resolution": 4, "timeliness": 5}


def survey_of(
    session: Session,
    rules: Rules,
    *,
    stamp: Stamp | None = None,
    scores: dict[str, int | None] | None = None,
    kind: str = "service",
    taken_at: datetime | None = None,
    **refs: str,
) -> surveys.Recorded:
    return surveys.record(
        session,
        stamp or by("小刘"),
        surveys.target_of(session, **refs),
        scores=scores if scores is not None else dict(SERVICE),
        kind=kind,
        taken_at=taken_at,
        settings=rules.settings,
        zone=SH,
    )


def callbacks_of(session: Session) -> list[Visit]:
    return list(session.exec(select(Visit).where(Visit.kind == "callback").order_by(col(Visit.id))))


# -- recording --------------------------------------------------------------------------------


def test_a_ticket_survey_takes_its_customer_and_device(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    ticket = fixed_ticket(session, rules, office)
    recorded = survey_of(session, rules, ticket_ref=ticket.number)
    survey = recorded.survey
    assert (survey.kind, survey.ticket_id, survey.visit_id) == ("service", ticket.id, None)
    assert (survey.customer_id, survey.device_id) == (office["tiankong"], office["S1"])
    assert (survey.attitude, survey.quality, survey.resolution, survey.timeliness) == (5, 4, 4, 5)
    assert (survey.taken_by, local(survey.taken_at), survey.channel) == ("小刘", NOW, "phone")
    assert recorded.follow_up is None  # nothing ≤ 2
    entry = session.exec(select(AuditEntry).where(AuditEntry.entity == "survey")).one()
    assert (entry.entity_id, entry.action, entry.actor) == (survey.id, "survey_record", "小刘")
    # mean (5 + 4 + 4 + 5) / 4 = 4.50 ≥ 4: satisfied
    view = survey_view(survey)
    assert (view["overall"], view["satisfied"], view["low"]) == ("4.50", True, False)


def test_a_visit_survey_takes_the_visit_and_its_ticket(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    install = done_visit(session, rules, customer=office["minghua"], serial="S3")
    survey = survey_of(session, rules, visit_ref=install.number).survey
    assert (survey.visit_id, survey.ticket_id) == (install.id, None)
    assert (survey.customer_id, survey.device_id) == (office["minghua"], office["S3"])
    ticket = fixed_ticket(session, rules, office)
    repair = done_callback(
        session, rules, customer=office["tiankong"], made=NOW - timedelta(hours=1), ticket=ticket
    )
    of_callback = survey_of(session, rules, visit_ref=repair.number).survey
    assert (of_callback.visit_id, of_callback.ticket_id) == (repair.id, ticket.id)


def test_a_customer_survey_with_one_of_their_devices(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    survey = survey_of(session, rules, customer_ref="天控", device_ref="S2").survey
    assert (survey.customer_id, survey.device_id, survey.ticket_id) == (
        office["tiankong"],
        office["S2"],
        None,
    )
    assert refused(
        DomainError, lambda: survey_of(session, rules, customer_ref="明华", device_ref="S1")
    ) == (
        "error: device S1 does not belong to 明华 — give one of the customer's devices "
        "(`shouhou device list --customer …`)"
    )


def test_scores_are_checked(session: Session, rules: Rules, office: dict[str, int]) -> None:
    ticket = fixed_ticket(session, rules, office)
    n = ticket.number
    assert (
        refused(UsageError, lambda: survey_of(session, rules, ticket_ref=n, scores={"quality": 6}))
        == "error: quality '6' is not allowed — accepted: 1-5"
    )
    assert (
        refused(UsageError, lambda: survey_of(session, rules, ticket_ref=n, scores={"attitude": 0}))
        == "error: attitude '0' is not allowed — accepted: 1-5"
    )
    assert refused(
        UsageError, lambda: survey_of(session, rules, ticket_ref=n, scores={"price": 3})
    ) == (
        "error: --price is not a score of a service survey — give --attitude --quality "
        "--resolution --timeliness, or --kind for the other form"
    )
    assert refused(
        UsageError, lambda: survey_of(session, rules, ticket_ref=n, scores={"quality": None})
    ) == (
        "error: a service survey needs at least one score — give --attitude --quality "
        "--resolution --timeliness (1-5)"
    )
    assert session.exec(select(Survey)).all() == []


def test_what_a_survey_is_of_is_checked(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    ticket = fixed_ticket(session, rules, office)
    one_of = (
        "error: a survey is of one ticket, one visit or one customer — give one of --ticket ID, "
        "--visit ID or --customer REF [--device SERIAL]"
    )
    assert refused(UsageError, lambda: surveys.target_of(session)) == one_of
    assert (
        refused(
            UsageError,
            lambda: surveys.target_of(session, ticket_ref=ticket.number, customer_ref="天控"),
        )
        == one_of
    )
    assert refused(UsageError, lambda: surveys.target_of(session, device_ref="S1")) == one_of
    with pytest.raises(NotFound):
        surveys.target_of(session, ticket_ref="SH2611-0099")


def test_a_job_is_surveyed_once_done_and_not_before(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    """Resolved 2026-11-20 15:00: a survey dated 14:00 that day is refused, 15:00 accepted; a
    ticket still being worked on and a visit not done are refused."""
    working = fixed_ticket(session, rules, office, resolved=None)
    assert refused(DomainError, lambda: survey_of(session, rules, ticket_ref=working.number)) == (
        f"error: ticket {working.number} is in progress: its job is not done yet — survey it "
        "once it is resolved"
    )
    fixed = fixed_ticket(session, rules, office)
    early = at(date(2026, 11, 20), 14)
    assert refused(
        UsageError, lambda: survey_of(session, rules, ticket_ref=fixed.number, taken_at=early)
    ) == (
        f"error: the survey of {fixed.number} is dated before the job was done — give a later --at"
    )
    on_time = survey_of(
        session, rules, ticket_ref=fixed.number, taken_at=at(date(2026, 11, 20), 15)
    )
    assert local(on_time.survey.taken_at) == at(date(2026, 11, 20), 15)
    assert local(on_time.survey.created_at) == NOW
    booked, _ = schedule.schedule_visit(
        session,
        by("clerk"),
        kind="install",
        engineer="张工",
        appointment_at=NOW + timedelta(days=1),
        zone=SH,
        customer_ref="明华",
        device_ref=None,
    )
    assert refused(DomainError, lambda: survey_of(session, rules, visit_ref=booked.number)) == (
        f"error: visit {booked.number} is scheduled, not done — survey it once it is done "
        "(`shouhou visit done`)"
    )
    assert refused(
        UsageError,
        lambda: survey_of(
            session, rules, ticket_ref=fixed.number, taken_at=NOW + timedelta(minutes=1)
        ),
    ).startswith("error: at '2026-11-23T02:01:00+00:00' is in the future")


# -- low scores -------------------------------------------------------------------------------


def test_a_low_score_calls_the_customer_back_within_24_hours(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    """Issue 13 item 5: any service score ≤ 2. A paper form taken Saturday 11-21 14:00 and
    recorded Monday 10:00: the callback is due 24 h after the firm learns of it — Tuesday
    2026-11-24 10:00 — for the ticket's customer and device; a 3 everywhere calls for none."""
    ticket = fixed_ticket(session, rules, office, received=at(date(2026, 11, 19), 9),
                          resolved=at(date(2026, 11, 19), 15))  # fmt: skip
    threes: dict[str, int | None] = {"attitude": 3, "quality": 3, "resolution": 3, "timeliness": 3}
    fine = survey_of(session, rules, ticket_ref=ticket.number, scores=threes)
    assert fine.follow_up is None
    low = survey_of(
        session,
        rules,
        ticket_ref=ticket.number,
        scores={"attitude": 5, "quality": 2, "resolution": 4, "timeliness": 1},
        taken_at=at(date(2026, 11, 21), 14),
    )
    visit = low.follow_up
    assert visit is not None
    assert (visit.kind, visit.status, visit.origin) == ("callback", "due", "low-score")
    assert local(visit.due_at) == at(date(2026, 11, 24), 10)
    assert (visit.ticket_id, visit.customer_id, visit.device_id) == (
        ticket.id,
        office["tiankong"],
        office["S1"],
    )
    assert visit.dedupe_key == f"survey:{low.survey.id}:low-score"
    assert (
        visit.left_over == f"low score 低分 (survey 调查 #{low.survey.id}): quality 2; timeliness 1"
    )
    assert visit.engineer is None  # the clerk or manager calls, not the engineer rated
    # the rule runs once per survey
    again = surveys.follow_up_low_score(
        session, by("小刘"), low.survey, settings=rules.settings, zone=SH
    )
    assert again is None
    assert len(callbacks_of(session)) == 1


def test_no_callback_for_a_product_survey_or_when_the_rule_is_off(
    session: Session, office: dict[str, int]
) -> None:
    product = {"structure": 2, "appearance": 4, "delivery": 1, "price": 3, "service": 4}
    rules = load_rules(session, zone=SH)
    assert (
        survey_of(session, rules, customer_ref="天控", kind="product", scores=product).follow_up
        is None
    )
    config.set_value(session, by("李经理"), "survey.low_score_callback", "0")
    off = load_rules(session, zone=SH)
    low = survey_of(session, off, customer_ref="天控", scores={"attitude": 1})
    assert low.follow_up is None
    config.set_value(session, by("李经理"), "survey.low_score_callback", "2h")
    two_hours = survey_of(session, load_rules(session, zone=SH), customer_ref="天控",
                          scores={"attitude": 2})  # fmt: skip
    assert two_hours.follow_up is not None
    assert local(two_hours.follow_up.due_at) == at(MONDAY, 12)
    assert callbacks_of(session) == [two_hours.follow_up]


def test_close_ticket_records_the_scores_as_a_survey(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    """``ticket close --quality 2 --attitude 4``: closed, survey (quality 2, attitude 4, mean
    3.00) taken at the close by the closer, and its low-score callback due Tue 10:00."""
    ticket = fixed_ticket(session, rules, office)
    closed, recorded = surveys.close_ticket(
        session, by("小刘"), ticket.number, rules, quality=2, attitude=4
    )
    assert closed.status == "closed"
    assert recorded is not None
    survey = recorded.survey
    assert (survey.quality, survey.attitude, survey.resolution) == (2, 4, None)
    assert (survey.ticket_id, survey.taken_by, local(survey.taken_at)) == (ticket.id, "小刘", NOW)
    assert survey_view(survey)["overall"] == "3.00"
    assert recorded.follow_up is not None
    assert local(recorded.follow_up.due_at) == at(MONDAY + timedelta(days=1), 10)
    unrated = fixed_ticket(session, rules, office)
    closed, nothing = surveys.close_ticket(session, by("小刘"), unrated.number, rules)
    assert (closed.status, nothing) == ("closed", None)
    bad = fixed_ticket(session, rules, office)
    assert (
        refused(
            UsageError,
            lambda: surveys.close_ticket(session, by("小刘"), bad.number, rules, timeliness=9),
        )
        == "error: timeliness '9' is not allowed — accepted: 1-5"
    )
    assert bad.status == "resolved"  # checked before anything changed


def test_low_scores_awaiting_their_callback(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    """Recorded Mon 10:00, the callback is due Tue 10:00: listed, not late on Monday, late on
    Tuesday 10:01; once the callback is made the survey leaves the list."""
    ticket = fixed_ticket(session, rules, office)
    low = survey_of(session, rules, ticket_ref=ticket.number, scores={"quality": 1, "attitude": 5})
    assert low.follow_up is not None
    rows = surveys.awaiting_follow_up(session, now=NOW)
    assert [(r["survey_id"], r["callback"], r["low"], r["late"]) for r in rows] == [
        (low.survey.id, low.follow_up.number, {"quality": 1}, False)
    ]
    assert rows[0]["ticket"] == ticket.number and rows[0]["customer_name"] == "天控"
    tuesday = at(MONDAY + timedelta(days=1), 10, 1)
    assert surveys.awaiting_follow_up(session, now=tuesday)[0]["late"] is True
    assert surveys.awaiting_follow_up(session, now=NOW, engineer="王工") == []
    lifecycle.finish(session, by("小刘", tuesday), low.follow_up.number, work_done="致歉并约复查",
                     rules=rules, zone=SH, result="ok")  # fmt: skip
    assert surveys.awaiting_follow_up(session, now=tuesday) == []


# -- campaign ---------------------------------------------------------------------------------


def test_campaign_calls_every_key_customer_once(session: Session, office: dict[str, int]) -> None:
    """DOMAIN §6 July–August 2027: key customers 天控 and 华北 (明华 is not key) each get a due
    callback, due 2027-08-31 23:59; running it again creates none; 华北, surveyed on
    2027-07-10, is not called in the 2027-07-01…09-30 window."""
    huabei = add_customer(session, by("clerk"), name="华北", key_customer=True)
    first, last = date(2027, 7, 1), date(2027, 8, 31)
    done = surveys.campaign(session, by("李经理"), first=first, last=last, today=MONDAY, zone=SH)
    assert (done.customers, done.created, done.existing, done.surveyed) == (2, 2, 0, 0)
    made = callbacks_of(session)
    assert [(v.customer_id, v.origin, v.status) for v in made] == [
        (office["tiankong"], "survey-campaign", "due"),
        (huabei.id, "survey-campaign", "due"),
    ]
    assert {local(v.due_at) for v in made} == {at(last, 23, 59)}
    assert made[0].dedupe_key == f"campaign:{office['tiankong']}:2027-07-01:2027-08-31"
    again = surveys.campaign(session, by("李经理"), first=first, last=last, today=MONDAY, zone=SH)
    assert (again.created, again.existing) == (0, 2)
    assert len(callbacks_of(session)) == 2
    rules = load_rules(session, zone=SH)
    later = by("小刘", at(date(2027, 7, 10), 9))
    survey_of(session, rules, stamp=later, customer_ref="华北")
    autumn = surveys.campaign(session, later, first=first, last=date(2027, 9, 30),
                              today=date(2027, 7, 10), zone=SH)  # fmt: skip
    assert (autumn.created, autumn.existing, autumn.surveyed) == (1, 0, 1)


def test_campaign_windows_are_checked(session: Session, office: dict[str, int]) -> None:
    run = surveys.campaign
    assert refused(
        UsageError,
        lambda: run(
            session, by("x"), first=date(2027, 8, 31), last=date(2027, 7, 1), today=MONDAY, zone=SH
        ),  # fmt: skip
    ) == (
        "error: --to 2027-07-01 is before --from 2027-08-31 — give a campaign that ends after "
        "it starts"
    )
    assert (
        refused(
            UsageError,
            lambda: run(
                session,
                by("x"),
                first=date(2026, 7, 1),
                last=date(2026, 8, 31),
                today=MONDAY,
                zone=SH,
            ),  # fmt: skip
        )
        == "error: a campaign ending on 2026-08-31 is over — give a --to of today or later"
    )


# -- pending ----------------------------------------------------------------------------------


@contextmanager
def counting(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = session.get_bind()

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_pending_lists_finished_jobs_nobody_asked_about(
    session: Session, rules: Rules, office: dict[str, int]
) -> None:
    """Issue 13: "resolved tickets and done visits with neither a survey nor a callback".

    Tickets (all resolved 11-20 15:00 unless said): T1 no survey → pending; T2 closed with a
    survey → no; T3 a callback of it done → no; T4 its callback still due → pending; T5 surveyed,
    then reopened and resolved again 11-22 → pending (the new fix is not asked about yet); T6
    in progress → no. Visits (no ticket): V1 install done 11-21 → pending; V2 surveyed → no;
    V3 inspection of S1 done 11-19, a callback to 天控 (no device) done 11-20 → no; V4 install
    of S3 done 11-21, the only callback to 明华 done before it → pending; V5 a callback itself →
    no. Oldest first; two queries however many rows."""
    t1 = fixed_ticket(session, rules, office)
    t2 = fixed_ticket(session, rules, office)
    surveys.close_ticket(session, by("小刘"), t2.number, rules, quality=5)
    t3 = fixed_ticket(session, rules, office)
    done_callback(session, rules, customer=office["tiankong"], made=NOW - timedelta(hours=2),
                  ticket=t3)  # fmt: skip
    t4 = fixed_ticket(session, rules, office, engineer="李工")
    due.create_due(session, by("clerk"), kind="callback", customer_id=office["tiankong"],
                   due_at=NOW, origin="phone-advice", zone=SH, ticket_id=t4.id)  # fmt: skip
    t5 = fixed_ticket(session, rules, office)
    survey_of(session, rules, ticket_ref=t5.number, taken_at=at(date(2026, 11, 21), 9))
    tickets.reopen(session, by("小刘", at(date(2026, 11, 21), 10)), t5.number, reason="复现",
                   rules=rules)  # fmt: skip
    tickets.resolve(session, by("王工", at(date(2026, 11, 22), 16)), t5.number, action="再修",
                    rules=rules)  # fmt: skip
    fixed_ticket(session, rules, office, resolved=None)
    v1 = done_visit(session, rules, customer=office["tiankong"], serial="S2",
                    finished=at(date(2026, 11, 21), 11))  # fmt: skip
    v2 = done_visit(session, rules, customer=office["tiankong"], serial="S2")
    survey_of(session, rules, visit_ref=v2.number)
    done_visit(session, rules, customer=office["tiankong"], serial="S1", kind="inspection",
               finished=at(date(2026, 11, 19), 11))  # fmt: skip
    done_callback(session, rules, customer=office["tiankong"], made=at(date(2026, 11, 20), 9))
    done_callback(session, rules, customer=office["minghua"], made=at(date(2026, 11, 20), 9),
                  device=office["S3"])  # fmt: skip
    v4 = done_visit(session, rules, customer=office["minghua"], serial="S3",
                    finished=at(date(2026, 11, 21), 16))  # fmt: skip
    with counting(session) as statements:
        rows = pending(session, now=NOW)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
    assert [(r["source"], r["number"]) for r in rows] == [
        ("ticket", t1.number),
        ("ticket", t4.number),
        ("visit", v1.number),
        ("visit", v4.number),
        ("ticket", t5.number),
    ]
    first = rows[0]
    assert (first["engineer"], first["customer_name"], first["days"]) == ("王工", "天控", 2)
    assert first["finished_at"] == "2026-11-20T07:00:00+00:00"
    assert (rows[2]["kind"], rows[2]["engineer"], rows[2]["status"]) == ("install", "张工", "done")
    assert [r["number"] for r in pending(session, now=NOW, limit=2)] == [t1.number, t4.number]
    since = pending(session, now=NOW, since=at(date(2026, 11, 21), 0))
    assert [r["number"] for r in since] == [v1.number, v4.number, t5.number]


# -- views ------------------------------------------------------------------------------------


def test_list_and_show(session: Session, rules: Rules, office: dict[str, int]) -> None:
    """Newest first; --low: a score ≤ 2 of either kind; --kind; a span of taken times; one
    customer. ``show`` adds the device, its product line, the follow-up and the trail."""
    ticket = fixed_ticket(session, rules, office)
    old = survey_of(session, rules, ticket_ref=ticket.number, taken_at=at(date(2026, 11, 21), 9))
    low = survey_of(session, rules, customer_ref="明华", scores={"timeliness": 2})
    product = survey_of(session, rules, customer_ref="天控", device_ref="S2", kind="product",
                        scores={"price": 2, "structure": 5})  # fmt: skip
    every = list(iter_survey_views(session))
    assert [v["id"] for v in every] == [product.survey.id, low.survey.id, old.survey.id]
    assert every[2]["ticket"] == ticket.number and every[2]["customer_name"] == "天控"
    assert low.follow_up is not None
    assert every[1]["follow_up"] == low.follow_up.number
    lows = [v["id"] for v in iter_survey_views(session, low=True)]
    assert lows == [product.survey.id, low.survey.id]
    assert [v["id"] for v in iter_survey_views(session, kind="product")] == [product.survey.id]
    monday = at(MONDAY, 0)
    assert [v["id"] for v in iter_survey_views(session, until=monday)] == [old.survey.id]
    assert len(list(iter_survey_views(session, since=monday))) == 2
    mine = iter_survey_views(session, customer_id=office["minghua"])
    assert [v["id"] for v in mine] == [low.survey.id]
    assert [v["id"] for v in iter_survey_views(session, limit=1)] == [product.survey.id]
    shown = survey_detail(session, str(low.survey.id))
    assert shown["follow_up_status"] == "due"
    assert shown["follow_up_due_at"] == "2026-11-24T02:00:00+00:00"
    assert [e["action"] for e in shown["timeline"]] == ["survey_record"]
    assert set(shown) >= {
        "id", "ticket_id", "visit_id", "customer_id", "attitude", "quality", "resolution",
        "timeliness", "overall",
    }  # fmt: skip
    item = survey_detail(session, f"#{product.survey.id}")
    assert (item["device_serial"], item["product_line"], item["overall"]) == (
        "S2",
        "lighting",
        "3.50",
    )
    assert refused(NotFound, lambda: survey_detail(session, "99")) == (
        "error: no survey '99' — give a survey id (`shouhou survey list`)"
    )
