"""Callback rules 回访 (DOMAIN §3, issue 11): the callbacks the events call for, created as due
visits of kind ``callback`` by the events themselves, and what a callback's result does.

DOMAIN §3: "2 h after advice given by phone; 3 h after a fix the engineer was not sure of;
within 1 week after a major repair; within 10 days of delivering a new product; key customers
at least twice a year". Each delay is a setting (``callback.*``, clock time); ``0`` turns its
rule off.

- :func:`resolve_ticket` resolves a ticket and creates its callback (phone advice, uncertain
  fix, major repair);
- :func:`after_acceptance` — a new device accepted: a callback within ``callback.new_device``;
- :func:`key_customer_due` — key customers, ``callback.key_customer`` times a year (run by
  ``upkeep.refresh``);
- :func:`after_callback` — the callback's result: the problem back reopens the ticket.

Every creation carries a ``dedupe_key`` naming its cause, so running a rule again creates
nothing new (``due.create_due``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from shouhou.errors import UsageError
from shouhou.services.audit import Stamp
from shouhou.services.visits.due import create_due
from shouhou.services.visits.records import choice, log

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.models import Device, Ticket, Visit
    from shouhou.services.config import Settings
    from shouhou.services.tickets.sla import Rules

KIND = "callback"
OUTCOMES = ("ok", "problem")
# The ticket rules in order of precedence when two fall due at the same moment.
TICKET_ORIGINS = ("phone-advice", "uncertain-fix", "major-repair")
# The reason kept on a callback a later resolution replaced (stored text, both languages).
SUPERSEDED = "superseded by a later resolution 已由再次解决后的回访取代"
SETTING_OF = {
    "phone-advice": "callback.phone_advice",
    "uncertain-fix": "callback.uncertain_fix",
    "major-repair": "callback.major_repair",
    "new-device": "callback.new_device",
}
KEY_CUSTOMER_SETTING = "callback.key_customer"
# Major repair (issue 11): severity 1 (critical) or 2 (major) ...
MAJOR_SEVERITIES = ("1", "2")
# A day-based window ends at this local time of its last day ("within 10 days").
DAY_END = time(23, 59)
# A callback still to happen (not done, missed or cancelled).
OPEN_STATES = ("due", "scheduled", "in_progress")


def delay_of(settings: Settings, origin: str) -> timedelta | None:
    """The wait set for ``origin``'s rule (clock time), or None when the rule is off (0)."""
    from shouhou.durations import parse_duration

    minutes = parse_duration(settings[SETTING_OF[origin]]).minutes
    return timedelta(minutes=minutes) if minutes else None


def day_end(day: date, zone: tzinfo) -> datetime:
    """The last minute of ``day`` in the firm's zone, as the moment a day-based window ends."""
    from shouhou.timeutil import to_utc

    return to_utc(datetime.combine(day, DAY_END, tzinfo=zone))


# -- after a ticket is resolved ---------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """One rule that applies to a resolution: why, and by when."""

    origin: str
    due_at: datetime


def is_major_repair(session: Session, ticket: Ticket, rules: Rules) -> bool:
    """Issue 11 "major repair": severity 1 or 2, or a bill (parts + labour + travel, whoever
    pays it) above ``approval.threshold`` — the amount that needs a manager's approval."""
    from shouhou.services.tickets.charges import lines_of, totals_of

    if ticket.severity in MAJOR_SEVERITIES:
        return True
    assert ticket.id is not None
    total = totals_of(lines_of(session, ticket.id)).total
    return total > rules.settings.money("approval.threshold")


def rules_for_resolution(
    session: Session, ticket: Ticket, rules: Rules, *, uncertain: bool
) -> list[Due]:
    """Every callback rule that applies to the resolution just recorded, earliest first
    (ties in the order phone advice, uncertain fix, major repair). Rules set to 0 are off.

    DOMAIN §3: 2 h after phone advice 电话指导 (the ticket's support mode is ``phone``), 3 h
    after a fix the engineer was not sure of, within 7 days after a major repair — each
    counted in clock time from the resolution."""
    from shouhou.timeutil import to_utc

    assert ticket.resolved_at is not None
    applies = {
        "phone-advice": ticket.mode == "phone",
        "uncertain-fix": uncertain,
        "major-repair": is_major_repair(session, ticket, rules),
    }
    found: list[Due] = []
    for origin in TICKET_ORIGINS:
        if not applies[origin]:
            continue
        delay = delay_of(rules.settings, origin)
        if delay is not None:
            found.append(Due(origin, to_utc(ticket.resolved_at) + delay))
    return sorted(found, key=lambda d: (d.due_at, TICKET_ORIGINS.index(d.origin)))


def resolutions_of(session: Session, ticket_id: int) -> int:
    """How many times the ticket was resolved (its ``resolve`` entries in the audit trail)."""
    from sqlmodel import func, select

    from shouhou.models import AuditEntry

    return int(
        session.exec(
            select(func.count()).where(
                AuditEntry.entity == "ticket",
                AuditEntry.entity_id == ticket_id,
                AuditEntry.action == "resolve",
            )
        ).one()
    )


def resolve_ticket(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    action: str,
    uncertain: bool = False,
    rules: Rules,
) -> tuple[Ticket, list[Visit]]:
    """Resolve the ticket (``tickets.lifecycle.resolve``) and create the callback its rules
    call for (DOMAIN §3), for the ticket's customer and device, meant for its assignee.

    Several rules may apply (a critical fault fixed by phone advice is also a major repair);
    one callback is created, due at the earliest of their times: each rule is a deadline
    ("within 7 days"), and one call before the earliest meets them all — calling the customer
    again about the same fix only annoys them, and a call that finds the problem back reopens
    the ticket anyway. The rules that also applied are named in its audit entry.

    The key is ``ticket:{id}:{origin}:{n}``, n counting the ticket's resolutions: a reopened
    and resolved again ticket gets a new callback. Returns the ticket and the callbacks made
    (none when every rule that applies is off).
    """
    from shouhou.services.tickets.lifecycle import resolve
    from shouhou.timeutil import iso_utc

    ticket = resolve(session, stamp, ref, action=action, rules=rules)
    assert ticket.id is not None
    _supersede(session, stamp, ticket.id)
    found = rules_for_resolution(session, ticket, rules, uncertain=uncertain)
    if not found:
        return ticket, []
    first = found[0]
    n = resolutions_of(session, ticket.id)
    visit = create_due(
        session,
        stamp,
        kind=KIND,
        customer_id=ticket.customer_id,
        due_at=first.due_at,
        origin=first.origin,
        zone=rules.zone,
        dedupe_key=f"ticket:{ticket.id}:{first.origin}:{n}",
        ticket_id=ticket.id,
        device_id=ticket.device_id,
        engineer=ticket.assignee,
    )
    if visit is None:  # resolutions are counted: only a replayed transaction gets here
        return ticket, []
    if len(found) > 1:
        log(
            session,
            stamp,
            visit,
            action="callback_rules",
            changes={"also": [f"{d.origin} {iso_utc(d.due_at)}" for d in found[1:]]},
        )
    return ticket, [visit]


def _supersede(session: Session, stamp: Stamp, ticket_id: int) -> None:
    """A callback still due from an earlier resolution of a ticket since reopened is moot:
    this resolution's callback replaces it (cancelled, with the reason)."""
    from sqlmodel import col, select

    from shouhou.models import Visit

    stale = session.exec(
        select(Visit).where(
            Visit.ticket_id == ticket_id,
            Visit.kind == KIND,
            Visit.status == "due",
            col(Visit.origin).in_(TICKET_ORIGINS),
        )
    ).all()
    for visit in stale:
        changes = {"status": ["due", "cancelled"], "reason": SUPERSEDED}
        visit.status = "cancelled"
        visit.end_reason = SUPERSEDED
        log(session, stamp, visit, action="visit_cancelled", changes=changes)


# -- a new device accepted --------------------------------------------------------------------


def new_device_due_at(accepted_on: date, settings: Settings, zone: tzinfo) -> datetime | None:
    """DOMAIN §3 "within 10 days of delivering a new product": the end of the acceptance day
    plus ``callback.new_device`` (default 10d: accepted 11-20 → due 11-30 23:59); None when the
    rule is off."""
    from shouhou.durations import parse_duration
    from shouhou.timeutil import to_utc

    minutes = parse_duration(settings[SETTING_OF["new-device"]]).minutes
    if not minutes:
        return None
    # Days add on the local calendar (a 10-day window ends at 23:59 whatever the DST).
    return to_utc(datetime.combine(accepted_on, DAY_END, tzinfo=zone) + timedelta(minutes=minutes))


def after_acceptance(
    session: Session, stamp: Stamp, device: Device, *, today: date, zone: tzinfo
) -> Visit | None:
    """The callback a new device's acceptance 验收 calls for (DOMAIN §3), due by the end of
    the acceptance day plus ``callback.new_device``; nothing when the device has no acceptance
    date, the rule is off, the window has passed by ``today`` (history being entered or
    imported) or the callback exists already (``device:{id}:new-device``)."""
    from shouhou.services import config

    if device.accepted_on is None:
        return None
    due_at = new_device_due_at(device.accepted_on, config.load(session), zone)
    if due_at is None or due_at.astimezone(zone).date() < today:
        return None
    assert device.id is not None
    return create_due(
        session,
        stamp,
        kind=KIND,
        customer_id=device.customer_id,
        due_at=due_at,
        origin="new-device",
        zone=zone,
        dedupe_key=f"device:{device.id}:new-device",
        device_id=device.id,
    )


# -- key customers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One of the ``per_year`` periods of a year: months ``first``..``last`` (1-based)."""

    year: int
    index: int  # 1-based
    per_year: int
    first: date
    last: date

    @property
    def label(self) -> str:
        """``2026H2`` (twice a year), ``2026Q4``, ``2026M11``, ``2026`` (once) or ``2026P2/5``."""
        if self.per_year == 1:
            return str(self.year)
        letter = {2: "H", 4: "Q", 12: "M"}.get(self.per_year)
        if letter is not None:
            return f"{self.year}{letter}{self.index}"
        return f"{self.year}P{self.index}/{self.per_year}"


def period_of(day: date, per_year: int) -> Period:
    """The period containing ``day`` when a year is cut into ``per_year`` periods of 12/n
    months (n = 2: Jan–Jun, Jul–Dec). When 12/n is not whole, period i starts at month
    ⌊12·i/n⌋ + 1 (n = 5: Jan–Feb, Mar–Apr, May–Jul, Aug–Sep, Oct–Dec)."""
    import calendar

    if not 1 <= per_year <= 12:
        raise ValueError(per_year)
    index = next(i for i in range(per_year) if day.month <= 12 * (i + 1) // per_year)
    first_month = 12 * index // per_year + 1
    last_month = 12 * (index + 1) // per_year
    last_day = calendar.monthrange(day.year, last_month)[1]
    return Period(
        year=day.year,
        index=index + 1,
        per_year=per_year,
        first=date(day.year, first_month, 1),
        last=date(day.year, last_month, last_day),
    )


def _covered(session: Session, customer_ids: list[int], start: datetime, end: datetime) -> set[int]:
    """Of ``customer_ids``, those with a callback in [start, end): done in it, or still to
    happen and due or booked in it (any origin — one call a period is what the rule asks)."""
    from sqlmodel import and_, col, func, or_, select

    from shouhou.models import Visit

    if not customer_ids:
        return set()
    planned = func.coalesce(col(Visit.appointment_at), col(Visit.due_at))
    query = select(col(Visit.customer_id)).where(
        Visit.kind == KIND,
        col(Visit.customer_id).in_(customer_ids),
        or_(
            and_(
                Visit.status == "done",
                col(Visit.finished_at) >= start,
                col(Visit.finished_at) < end,
            ),
            and_(col(Visit.status).in_(OPEN_STATES), planned >= start, planned < end),
        ),
    )
    return set(session.exec(query.distinct()))


def key_customer_due(session: Session, stamp: Stamp, *, today: date, zone: tzinfo) -> int:
    """Key customers' callbacks (DOMAIN §3 "key customers at least twice a year"):
    ``callback.key_customer`` (default 2, 0 = off) a year, one per period — half years by
    default, due by the end of the period. Only the period containing ``today``; a customer
    with a callback in it already (done, or due or booked in it, any origin) needs none.
    Idempotent (``customer:{id}:key:{period}``); returns how many were created.

    Cheap on a large customer file: one query for the key customers, one for those covered.
    """
    from sqlmodel import col, select

    from shouhou.models import Customer
    from shouhou.services import config
    from shouhou.timeutil import to_utc

    per_year = config.load(session).int(KEY_CUSTOMER_SETTING)
    if per_year == 0:
        return 0
    period = period_of(today, per_year)
    key_ids = list(
        session.exec(
            select(col(Customer.id))
            .where(col(Customer.key_customer).is_(True))
            .order_by(col(Customer.id))
        )
    )
    if not key_ids:
        return 0
    start = to_utc(datetime.combine(period.first, time(0), tzinfo=zone))
    end = to_utc(datetime.combine(period.last + timedelta(days=1), time(0), tzinfo=zone))
    covered = _covered(session, [i for i in key_ids if i is not None], start, end)
    due_at = day_end(period.last, zone)
    created = 0
    for customer_id in key_ids:
        if customer_id is None or customer_id in covered:
            continue
        visit = create_due(
            session,
            stamp,
            kind=KIND,
            customer_id=customer_id,
            due_at=due_at,
            origin="key-customer",
            zone=zone,
            dedupe_key=f"customer:{customer_id}:key:{period.label}",
        )
        created += visit is not None
    return created


# -- the callback's result --------------------------------------------------------------------


def after_callback(
    session: Session,
    stamp: Stamp,
    visit: Visit,
    *,
    outcome: str,
    note: str | None,
    rules: Rules,
) -> Ticket | None:
    """Record a callback's result (``visit.outcome``): ``ok``, or ``problem`` — the problem
    is back. Issue 11: "a callback that finds the problem back reopens the ticket": on a
    ticket's callback the ticket is reopened (``tickets.lifecycle.reopen``, the note as the
    reason) and returned — a ticket open already (reopened since, or a callback booked by hand
    on an open ticket) is returned as it is, being worked on. A problem needs a note saying
    what was found (``--note``). A customer's callback (no ticket), or one for a cancelled
    ticket, returns None: the problem needs a new ticket."""
    from shouhou.models import Ticket
    from shouhou.services.tickets.lifecycle import reopen

    choice(outcome, OUTCOMES, "result")
    if visit.kind != KIND:
        raise UsageError("err.visit_result_kind", number=visit.number, kind=visit.kind)
    text = note.strip() if note else ""
    if outcome == "problem" and not text:
        raise UsageError("err.callback_problem_note", number=visit.number)
    changes: dict[str, object] = {"outcome": [visit.outcome, outcome]}
    if text:
        changes["note"] = text
    visit.outcome = outcome
    log(session, stamp, visit, action="callback_result", changes=changes)
    if outcome == "ok" or visit.ticket_id is None:
        return None
    ticket = session.get(Ticket, visit.ticket_id)
    assert ticket is not None
    if ticket.status == "cancelled":
        return None
    if ticket.status not in ("resolved", "closed"):
        return ticket
    return reopen(session, stamp, ticket.number, reason=text, rules=rules)
