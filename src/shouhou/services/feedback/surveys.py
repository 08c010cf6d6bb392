"""Satisfaction surveys 满意度调查 (DOMAIN §6, issue 13): a survey of a ticket, a visit or a
customer, the follow-up callback a low score calls for (and the low scores still awaiting it),
closing a ticket with the customer's scores, and the key customers' survey campaign. Views,
lists, pending surveys and the figures are in ``survey_stats``.

- *service* surveys 《客户满意度调查表》: attitude 服务态度, quality 服务质量, resolution
  故障解决水平 and timeliness 及时性, each 1–5, and a comment;
- *product* surveys 《产品使用情况征询意见表》: structure/performance 结构性能, appearance
  外观, delivery date 交货期, price 价格 and after-sales service 售后服务, each 1–5, and
  suggestions.

A survey carries the scores the customer gave: at least one, any of them may be missing (the
customer would not say; ``ticket close --quality --attitude`` gives two). The figures count
the mean of those given.

Low score (issue 13 item 5): a service survey with any score ≤ 2 creates a due callback
(origin ``low-score``) due ``survey.low_score_callback`` after it is recorded (default 24 h,
0 turns the rule off), once per survey (``survey:{id}:low-score``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.timeutil import iso_utc, to_utc

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.models import Survey, Ticket, Visit
    from shouhou.services.config import Settings
    from shouhou.services.tickets.sla import Rules

KINDS = ("service", "product")
SCORES: dict[str, tuple[str, ...]] = {
    "service": ("attitude", "quality", "resolution", "timeliness"),
    "product": ("structure", "appearance", "delivery", "price", "service"),
}
ALL_SCORES = (*SCORES["service"], *SCORES["product"])
LOWEST, HIGHEST = 1, 5
# Issue 13: "a low score (any dimension ≤ 2)"; "satisfied: the mean of the four ≥ 4".
LOW_SCORE = 2
SATISFIED_MEAN = 4
LOW_SCORE_SETTING = "survey.low_score_callback"
LOW_SCORE_ORIGIN = "low-score"
CAMPAIGN_ORIGIN = "survey-campaign"
CALLBACK = "callback"
# A ticket is surveyed once its job is done.
TICKET_DONE = ("resolved", "closed")
# A low score's callback still to be made (a missed one is booked again).
FOLLOW_UP_OPEN = ("due", "scheduled", "in_progress", "missed")


def low_score_key(survey_id: int) -> str:
    return f"survey:{survey_id}:low-score"


def campaign_key(customer_id: int, first: date, last: date) -> str:
    return f"campaign:{customer_id}:{first.isoformat()}:{last.isoformat()}"


# -- scores -----------------------------------------------------------------------------------


def check_scores(kind: str, scores: Mapping[str, int | None]) -> dict[str, int]:
    """The scores given (None = not given), each 1–5 and of the survey's kind; at least one."""
    if kind not in KINDS:
        raise UsageError("err.bad_choice", field="kind", value=kind, accepted="|".join(KINDS))
    given = {name: value for name, value in scores.items() if value is not None}
    for name, value in given.items():
        if name not in SCORES[kind]:
            raise UsageError(
                "err.survey_score_kind", field=name, kind=kind, accepted=_flags(SCORES[kind])
            )
        if not LOWEST <= value <= HIGHEST:
            raise UsageError("err.bad_choice", field=name, value=value, accepted="1-5")
    if not given:
        raise UsageError("err.survey_no_score", kind=kind, accepted=_flags(SCORES[kind]))
    return given


def _flags(names: tuple[str, ...]) -> str:
    return " ".join(f"--{name}" for name in names)


def scores_of(survey: Survey) -> dict[str, int]:
    """The scores the survey's kind asks for that the customer gave."""
    found = ((name, getattr(survey, name)) for name in SCORES.get(survey.kind, ()))
    return {name: value for name, value in found if value is not None}


def mean(values: list[int]) -> Decimal | None:
    """The mean of the given scores, to 2 decimals (half up); None when none were given."""
    if not values:
        return None
    exact = Decimal(sum(values)) / Decimal(len(values))
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def is_satisfied(values: Sequence[int | None]) -> bool | None:
    """Issue 13: satisfied when the mean of the scores given is ≥ 4 (compared exactly:
    sum ≥ 4 × count); None when none were given. The one definition: ``report kpi`` uses it
    and its SQL form (``reports.kpi.satisfied``) is tested against it."""
    given = [value for value in values if value is not None]
    if not given:
        return None
    return sum(given) >= SATISFIED_MEAN * len(given)


def is_low(values: list[int]) -> bool:
    return any(value <= LOW_SCORE for value in values)


# -- what is surveyed -------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a survey is about: a ticket (its customer and device), a visit (its customer,
    device and ticket, if any) or a customer (and one of their devices)."""

    customer_id: int
    device_id: int | None = None
    ticket: Ticket | None = None
    visit: Visit | None = None

    @property
    def done_at(self) -> datetime | None:
        """When the job surveyed was done: a survey is taken after it."""
        if self.visit is not None:
            return self.visit.finished_at
        if self.ticket is not None:
            return self.ticket.resolved_at
        return None


def target_of(
    session: Session,
    *,
    ticket_ref: str | None = None,
    visit_ref: str | None = None,
    customer_ref: str | None = None,
    device_ref: str | None = None,
) -> Target:
    """Exactly one of a ticket (resolved or closed), a visit (done) or a customer (with
    ``device_ref``, one of theirs); a ticket or visit still being worked on is refused."""
    from shouhou.services.customers.customers import resolve_customer
    from shouhou.services.customers.devices import get_device
    from shouhou.services.tickets.records import get_ticket
    from shouhou.services.visits.records import get_visit

    named = [ref for ref in (ticket_ref, visit_ref, customer_ref) if ref is not None]
    if len(named) != 1 or (device_ref is not None and customer_ref is None):
        raise UsageError("err.survey_target")
    if ticket_ref is not None:
        ticket = get_ticket(session, ticket_ref)
        if ticket.status not in TICKET_DONE:
            raise DomainError("err.survey_ticket_open", number=ticket.number, status=ticket.status)
        return Target(ticket.customer_id, ticket.device_id, ticket=ticket)
    if visit_ref is not None:
        from shouhou.models import Ticket

        visit = get_visit(session, visit_ref)
        if visit.status != "done":
            raise DomainError("err.survey_visit_open", number=visit.number, status=visit.status)
        of = session.get(Ticket, visit.ticket_id) if visit.ticket_id is not None else None
        return Target(visit.customer_id, visit.device_id, ticket=of, visit=visit)
    assert customer_ref is not None
    customer = resolve_customer(session, customer_ref)
    assert customer.id is not None
    if device_ref is None:
        return Target(customer.id)
    device = get_device(session, device_ref)
    if device.customer_id != customer.id:
        raise DomainError(
            "err.survey_device_customer", serial=device.serial, customer=customer.name
        )
    return Target(customer.id, device.id)


# -- recording --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """A survey just recorded, and the callback its low score called for (if any)."""

    survey: Survey
    follow_up: Visit | None = None


def record(
    session: Session,
    stamp: Stamp,
    target: Target,
    *,
    scores: Mapping[str, int | None],
    kind: str = "service",
    comment: str | None = None,
    channel: str = "phone",
    taken_at: datetime | None = None,
    settings: Settings,
    zone: tzinfo,
) -> Recorded:
    """Record a survey (DOMAIN §6) of ``target`` taken at ``taken_at`` (default: now, the
    stamp's time; a paper form entered later gives its own), by the acting user.

    A survey of a job is taken once it is done: not before the ticket was resolved or the visit
    finished, and not in the future. A service survey with a score ≤ 2 creates its follow-up
    callback (:func:`follow_up_low_score`)."""
    from shouhou.models import Survey
    from shouhou.vocabulary import CHANNEL

    given = check_scores(kind, scores)
    if channel not in CHANNEL.values:
        raise CHANNEL.refusal(channel)
    moment = to_utc(taken_at or stamp.at)
    if moment > to_utc(stamp.at):
        raise UsageError("err.future_event", field="at", value=iso_utc(moment))
    done_at = target.done_at
    if done_at is not None and moment < to_utc(done_at):
        job = target.visit.number if target.visit is not None else _ticket_number(target)
        raise UsageError("err.survey_before_job", number=job, done=iso_utc(done_at))
    text = comment.strip() if comment and comment.strip() else None
    survey = Survey(
        kind=kind,
        customer_id=target.customer_id,
        ticket_id=target.ticket.id if target.ticket is not None else None,
        visit_id=target.visit.id if target.visit is not None else None,
        device_id=target.device_id,
        comment=text,
        channel=channel,
        taken_at=moment,
        taken_by=stamp.actor,
        created_at=stamp.at,
        **given,
    )
    session.add(survey)
    session.flush()
    assert survey.id is not None
    audit.record(
        session,
        stamp,
        entity="survey",
        entity_id=survey.id,
        action="survey_record",
        changes={"kind": kind, **given, "taken_at": moment, **({"comment": text} if text else {})},
    )
    follow_up = follow_up_low_score(session, stamp, survey, settings=settings, zone=zone)
    return Recorded(survey, follow_up)


def _ticket_number(target: Target) -> str:
    return target.ticket.number if target.ticket is not None else ""


def follow_up_low_score(
    session: Session, stamp: Stamp, survey: Survey, *, settings: Settings, zone: tzinfo
) -> Visit | None:
    """Issue 13 item 5: a service survey with any score ≤ 2 calls the customer back — a due
    callback (origin ``low-score``) for the survey's ticket, customer and device, due
    ``survey.low_score_callback`` (clock time) after the survey is recorded: the firm can only
    call back once it knows, so a paper form entered days later is not born overdue. Nothing
    for a product survey (its opinions go to the product's makers), when the rule is off (0) or
    when this survey's callback exists (``survey:{id}:low-score``)."""
    from shouhou.durations import parse_duration
    from shouhou.services.visits.due import create_due

    given = scores_of(survey)
    if survey.kind != "service" or not is_low(list(given.values())):
        return None
    minutes = parse_duration(settings[LOW_SCORE_SETTING]).minutes
    if not minutes:
        return None
    assert survey.id is not None
    low = "; ".join(f"{name} {value}" for name, value in given.items() if value <= LOW_SCORE)
    return create_due(
        session,
        stamp,
        kind=CALLBACK,
        customer_id=survey.customer_id,
        due_at=to_utc(stamp.at) + timedelta(minutes=minutes),
        origin=LOW_SCORE_ORIGIN,
        zone=zone,
        dedupe_key=low_score_key(survey.id),
        ticket_id=survey.ticket_id,
        device_id=survey.device_id,
        work=f"low score 低分 (survey 调查 #{survey.id}): {low}",
    )


def close_ticket(
    session: Session,
    stamp: Stamp,
    ref: str,
    rules: Rules,
    *,
    quality: int | None = None,
    attitude: int | None = None,
    resolution: int | None = None,
    timeliness: int | None = None,
    channel: str = "phone",
) -> tuple[Ticket, Recorded | None]:
    """``ticket close``: close the ticket (``tickets.lifecycle.close``) and, when the customer
    gave scores, record them as a service survey of the ticket taken now — with its low-score
    callback (:func:`follow_up_low_score`). Scores are checked (1–5) before anything changes."""
    from shouhou.services.tickets.lifecycle import close

    scores = {
        "attitude": attitude,
        "quality": quality,
        "resolution": resolution,
        "timeliness": timeliness,
    }
    rated = any(value is not None for value in scores.values())
    if rated:
        check_scores("service", scores)
    ticket = close(session, stamp, ref, rules)
    if not rated:
        return ticket, None
    recorded = record(
        session,
        stamp,
        Target(ticket.customer_id, ticket.device_id, ticket=ticket),
        scores=scores,
        channel=channel,
        settings=rules.settings,
        zone=rules.zone,
    )
    return ticket, recorded


# -- low scores awaiting their callback -------------------------------------------------------


def awaiting_follow_up(
    session: Session, *, now: datetime, engineer: str | None = None
) -> list[dict[str, Any]]:
    """Low-score surveys whose callback is still to be made (due, booked, under way or
    missed), the callback due soonest first: ``survey_id, taken_at, customer_name, ticket,
    low`` (the scores ≤ 2), ``callback, callback_status, due_at, engineer, late`` (a due
    callback past its time, a booked one past its appointment). ``engineer``: only callbacks
    meant for that person. Two queries."""
    from sqlmodel import col, select

    from shouhou.models import Customer, Survey, Ticket, Visit

    query = select(Visit).where(
        Visit.origin == LOW_SCORE_ORIGIN, col(Visit.status).in_(FOLLOW_UP_OPEN)
    )
    if engineer is not None:
        query = query.where(Visit.engineer == engineer)
    callbacks: dict[int, Visit] = {}
    for visit in session.exec(query):
        survey_id = _survey_of_key(visit.dedupe_key)
        if survey_id is not None:
            callbacks[survey_id] = visit
    if not callbacks:
        return []
    rows = session.exec(
        select(Survey, Customer.name, Ticket.number)
        .join(Customer, col(Customer.id) == col(Survey.customer_id))
        .outerjoin(Ticket, col(Ticket.id) == col(Survey.ticket_id))
        .where(col(Survey.id).in_(list(callbacks)))
    )
    found = []
    for survey, name, number in rows:
        visit = callbacks[survey.id or 0]
        when = visit.appointment_at if visit.status == "scheduled" else visit.due_at
        found.append(
            {
                "survey_id": survey.id,
                "taken_at": iso_utc(survey.taken_at),
                "customer_name": name,
                "ticket": number,
                "low": {k: v for k, v in scores_of(survey).items() if v <= LOW_SCORE},
                "callback": visit.number,
                "callback_status": visit.status,
                "due_at": iso_utc(visit.due_at),
                "scheduled_at": iso_utc(visit.appointment_at),
                "engineer": visit.engineer,
                "late": visit.status == "missed" or (when is not None and to_utc(when) < now),
            }
        )
    found.sort(key=lambda row: (row["due_at"] or "", row["survey_id"]))
    return found


def _survey_of_key(key: str | None) -> int | None:
    """``survey:12:low-score`` → 12."""
    parts = (key or "").split(":")
    if len(parts) == 3 and parts[0] == "survey" and parts[1].isdigit():
        return int(parts[1])
    return None


# -- the key customers' campaign --------------------------------------------------------------


@dataclass(frozen=True)
class Campaign:
    """What ``survey campaign`` did: callbacks created, ones there from an earlier run, and key
    customers surveyed in the window already (none needed)."""

    customers: int
    created: int
    existing: int
    surveyed: int


def campaign(
    session: Session, stamp: Stamp, *, first: date, last: date, today: date, zone: tzinfo
) -> Campaign:
    """DOMAIN §6 "key customers surveyed in July–August each year": a due survey callback
    (origin ``survey-campaign``) for every key customer, due by the end of ``last`` (local), for
    the window [first, last]. Idempotent: one per customer and window
    (``campaign:{customer}:{first}:{last}``); a key customer with a survey taken in the window
    already needs none. A window that has ended is refused: its callbacks would be born late.
    Three queries, then one per callback created."""
    from sqlmodel import col, select

    from shouhou.models import Customer, Survey, Visit
    from shouhou.services.visits.callbacks import day_end
    from shouhou.services.visits.due import create_due
    from shouhou.timeutil import day_start

    if last < first:
        raise UsageError("err.survey_campaign_span", first=first, last=last)
    if last < today:
        raise UsageError("err.survey_campaign_past", last=last)
    key_ids = [
        i
        for i in session.exec(
            select(Customer.id)
            .where(col(Customer.key_customer).is_(True))
            .order_by(col(Customer.id))
        )
        if i is not None
    ]
    keys = {campaign_key(i, first, last): i for i in key_ids}
    existing = set(
        session.exec(select(Visit.dedupe_key).where(col(Visit.dedupe_key).in_(list(keys))))
    )
    surveyed = (
        set(
            session.exec(
                select(Survey.customer_id)
                .where(
                    col(Survey.customer_id).in_(key_ids),
                    col(Survey.taken_at) >= day_start(first, zone),
                    col(Survey.taken_at) < day_start(last + timedelta(days=1), zone),
                )
                .distinct()
            )
        )
        if key_ids
        else set()
    )
    created = skipped = 0
    for key, customer_id in keys.items():
        if key in existing:
            continue
        if customer_id in surveyed:
            skipped += 1
            continue
        visit = create_due(
            session,
            stamp,
            kind=CALLBACK,
            customer_id=customer_id,
            due_at=day_end(last, zone),
            origin=CAMPAIGN_ORIGIN,
            zone=zone,
            dedupe_key=key,
            work=f"satisfaction survey 满意度调查 {first.isoformat()}…{last.isoformat()}",
        )
        created += visit is not None
    return Campaign(
        customers=len(key_ids), created=created, existing=len(existing), surveyed=skipped
    )
