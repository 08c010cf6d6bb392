"""A visit from arrival to its end: start (arrival, with the arrival KPI), done, missed,
cancelled (DOMAIN §3).

Arrival on a ticket's repair visit *is* the ticket's arrival on site: one event stops the
ticket's on-site clock and starts the visit, whichever command records it — ``visit start`` or
``ticket arrive`` (both go through :func:`arrive`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.errors import InvalidTransition, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.visits.records import get_visit, log, require_transition

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.models import Ticket, Visit, VisitCheck
    from shouhou.services.tickets.sla import Rules

DEFAULT_GRACE = "15m"


@dataclass(frozen=True)
class ArrivalKpi:
    """On time or not, and minutes late (rounded up; 0 on time)."""

    on_time: bool
    late_minutes: int
    limit: datetime


def grace_of(rules: Rules) -> timedelta:
    """Setting ``visit.grace`` (default 15 min): how late after the appointment still counts
    as on time."""
    from shouhou.durations import parse_duration

    return timedelta(minutes=parse_duration(rules.settings["visit.grace"]).minutes)


def arrival_kpi(
    *,
    arrived_at: datetime,
    appointment_at: datetime,
    grace: timedelta,
    onsite_due_at: datetime | None = None,
) -> ArrivalKpi:
    """DOMAIN §3/§7 on-time arrival: on time iff arrived no later than appointment + grace and,
    for a ticket, no later than its on-site deadline — the earlier limit binds. Minutes late
    are counted past that limit, rounded up."""
    limit = appointment_at + grace
    if onsite_due_at is not None and onsite_due_at < limit:
        limit = onsite_due_at
    late = (arrived_at - limit).total_seconds()
    return ArrivalKpi(on_time=late <= 0, late_minutes=max(0, math.ceil(late / 60)), limit=limit)


def _ticket_of(session: Session, visit: Visit) -> Ticket | None:
    from shouhou.models import Ticket

    return session.get(Ticket, visit.ticket_id) if visit.ticket_id is not None else None


def _start(
    session: Session, stamp: Stamp, visit: Visit, rules: Rules, engineer: str | None = None
) -> Visit:
    """Record the visit's arrival and its KPI. For a ticket's repair visit the arrival is the
    ticket's: recorded on the ticket now if it has none (stopping its on-site clock), else the
    ticket's own arrival time is the visit's — never a second arrival — and the ticket's
    on-site deadline also bounds "on time". Other kinds of visit to a ticket (a callback, a
    training) are measured against their appointment only."""
    from shouhou.services.tickets import lifecycle as tickets

    require_transition(visit, "in_progress")
    was = visit.status
    if visit.status == "due":
        _take_unbooked(session, stamp, visit, engineer)
    assert visit.appointment_at is not None
    ticket = _ticket_of(session, visit)
    arrived_at = stamp.at
    onsite_due_at = None
    if ticket is not None and visit.kind == "repair":
        if ticket.arrived_at is None:
            tickets.arrive(session, stamp, ticket.number, rules)
        assert ticket.arrived_at is not None
        arrived_at = ticket.arrived_at
        onsite_due_at = ticket.onsite_due_at  # only the repair visit is bound by it
    kpi = arrival_kpi(
        arrived_at=arrived_at,
        appointment_at=visit.appointment_at,
        grace=grace_of(rules),
        onsite_due_at=onsite_due_at,
    )
    visit.status = "in_progress"
    visit.arrived_at = arrived_at
    visit.on_time = kpi.on_time
    visit.late_minutes = kpi.late_minutes
    log(
        session,
        stamp,
        visit,
        action="visit_start",
        changes={
            "status": [was, "in_progress"],
            "arrived_at": arrived_at,
            "on_time": kpi.on_time,
            "late_minutes": kpi.late_minutes,
        },
    )
    return visit


def _take_unbooked(session: Session, stamp: Stamp, visit: Visit, engineer: str | None) -> None:
    """A due visit done without a booking (a callback made at once, an inspection done while
    on site): the engineer named, else the one it was meant for, else whoever records it; its
    appointment is this moment."""
    from shouhou.services import users

    name = engineer or visit.engineer or stamp.actor
    visit.engineer = users.canonical_name(session, name)
    visit.appointment_at = stamp.at


def start(
    session: Session, stamp: Stamp, ref: str, rules: Rules, *, engineer: str | None = None
) -> Visit:
    """``visit start``: the engineer arrived (``stamp.at``); see :func:`_start`. A due visit
    started without a booking takes ``engineer`` (default: the one it is meant for)."""
    return _start(session, stamp, get_visit(session, ref), rules, engineer)


def repair_visit_of(session: Session, ticket_id: int) -> Visit | None:
    """The ticket's next scheduled repair visit (earliest appointment), if any."""
    from sqlmodel import col, select

    from shouhou.models import Visit

    return session.exec(
        select(Visit)
        .where(Visit.ticket_id == ticket_id, Visit.kind == "repair", Visit.status == "scheduled")
        .order_by(col(Visit.appointment_at), col(Visit.id))
    ).first()


def arrive(
    session: Session, stamp: Stamp, ticket_ref: str, rules: Rules
) -> tuple[Ticket, Visit | None]:
    """``ticket arrive``: the ticket's arrival on site, and — when a repair visit is scheduled
    for it — that visit's start, as one event (the same moment, one on-site clock)."""
    from shouhou.services.tickets import lifecycle as tickets
    from shouhou.services.tickets.records import get_ticket

    ticket = get_ticket(session, ticket_ref)
    assert ticket.id is not None
    visit = repair_visit_of(session, ticket.id)
    if visit is None:
        return tickets.arrive(session, stamp, ticket.number, rules), None
    if ticket.arrived_at is not None:
        raise InvalidTransition("err.already", number=ticket.number, what="arrive")
    return ticket, _start(session, stamp, visit, rules)


@dataclass
class Finished:
    """What ``visit done`` did: the visit, the due visit carrying the rest of a partial one,
    the checklist rows, the ticket a callback's "problem" reopened."""

    visit: Visit
    follow_up: Visit | None = None
    checks: list[VisitCheck] = field(default_factory=list)
    reopened: Ticket | None = None


def _carry_forward(
    session: Session,
    stamp: Stamp,
    visit: Visit,
    *,
    left: str,
    due_at: datetime | None,
    zone: tzinfo,
) -> Visit:
    """The rest of a partial visit as a new due visit linked to it (``follows_id``): same
    kind, ticket, customer, device and lead, due by ``due_at`` — default one day later."""
    from shouhou.services.visits.due import create_due

    due = due_at or stamp.at + timedelta(days=1)
    if due <= stamp.at:
        raise UsageError("err.visit_due_later", value=due.isoformat())
    assert visit.id is not None
    rest = create_due(
        session,
        stamp,
        kind=visit.kind,
        customer_id=visit.customer_id,
        device_id=visit.device_id,
        ticket_id=visit.ticket_id,
        due_at=due,
        origin="partial",
        zone=zone,
        dedupe_key=f"visit:{visit.id}:rest",
        follows_id=visit.id,
        engineer=visit.engineer,
        work=left,
    )
    assert rest is not None  # a visit is finished once, so its rest is carried once
    return rest


def finish(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    work_done: str,
    rules: Rules,
    zone: tzinfo,
    signed_by: str | None = None,
    rating: int | None = None,
    engineer: str | None = None,
    partial_left: str | None = None,
    partial: bool = False,
    rest_due_at: datetime | None = None,
    checks: Sequence[str] = (),
    result: str | None = None,
    note: str | None = None,
) -> Finished:
    """The work is done: what was done, who signed for the customer, their rating 1–5
    (DOMAIN §2 service report: "signed by the customer … customer's rating").

    Done in part (``partial`` with ``partial_left``), the rest becomes a new due visit linked
    to this one — never silently dropped. An inspection's checklist is filled from ``checks``
    (see ``checklists.record_checks``). A callback records its ``result``: ``problem`` reopens
    the ticket (``callbacks.after_callback``). A due visit (a callback made by phone) may be
    done at once, by ``engineer`` (default: the one it is meant for, else the actor).
    """
    if not work_done.strip():
        raise UsageError("err.required", field="work")
    if rating is not None and not 1 <= rating <= 5:
        raise UsageError("err.visit_rating", value=rating)
    if partial and not (partial_left and partial_left.strip()):
        raise UsageError("err.visit_partial_left")
    if partial_left and not partial:
        raise UsageError("err.visit_left_without_partial")
    visit = get_visit(session, ref)
    require_transition(visit, "done")
    if result is not None and visit.kind != "callback":
        raise UsageError("err.visit_result_kind", number=visit.number, kind=visit.kind)
    was = visit.status
    if was == "due":
        _take_unbooked(session, stamp, visit, engineer)
    if visit.arrived_at is not None and stamp.at < visit.arrived_at:
        raise UsageError("err.visit_done_before_arrival", number=visit.number)
    visit.status = "done"
    visit.finished_at = stamp.at
    visit.work_done = work_done.strip()
    visit.signed_by = signed_by.strip() if signed_by and signed_by.strip() else None
    visit.rating = rating
    changes: dict[str, Any] = {
        "status": [was, "done"],
        "finished_at": stamp.at,
        "work_done": visit.work_done,
        "signed_by": visit.signed_by,
        "rating": rating,
    }
    if partial and partial_left:
        visit.partial = True
        visit.left_over = partial_left.strip()
        changes["partial"] = True
        changes["left_over"] = visit.left_over
    log(session, stamp, visit, action="visit_done", changes=changes)
    done = Finished(visit)
    if checks or visit.kind == "inspection":
        from shouhou.services.visits import checklists

        done.checks = checklists.record_checks(session, stamp, visit, checks)
    if result is not None:
        from shouhou.services.visits import callbacks

        done.reopened = callbacks.after_callback(
            session, stamp, visit, outcome=result, note=note, rules=rules
        )
    if visit.partial and visit.left_over:
        done.follow_up = _carry_forward(
            session, stamp, visit, left=visit.left_over, due_at=rest_due_at, zone=zone
        )
    return done


def _end(session: Session, stamp: Stamp, ref: str, *, to: str, reason: str) -> Visit:
    if not reason.strip():
        raise UsageError("err.required", field="reason")
    visit = get_visit(session, ref)
    require_transition(visit, to)
    changes = {"status": [visit.status, to], "reason": reason.strip()}
    visit.status = to
    visit.end_reason = reason.strip()
    log(session, stamp, visit, action=f"visit_{to}", changes=changes)
    return visit


def missed(session: Session, stamp: Stamp, ref: str, *, reason: str) -> Visit:
    """The visit did not take place as booked (engineer or customer absent); it may be
    re-booked with ``reschedule``."""
    return _end(session, stamp, ref, to="missed", reason=reason)


def cancel(session: Session, stamp: Stamp, ref: str, *, reason: str) -> Visit:
    """The visit will not take place; only one not yet started can be cancelled."""
    return _end(session, stamp, ref, to="cancelled", reason=reason)
