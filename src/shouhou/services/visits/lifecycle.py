"""A visit from arrival to its end: start (arrival, with the arrival KPI), done, missed,
cancelled (DOMAIN §3).

Arrival on a ticket's repair visit *is* the ticket's arrival on site: one event stops the
ticket's on-site clock and starts the visit, whichever command records it — ``visit start`` or
``ticket arrive`` (both go through :func:`arrive`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.errors import InvalidTransition, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.visits.records import get_visit, log, require_transition

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket, Visit
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


def _start(session: Session, stamp: Stamp, visit: Visit, rules: Rules) -> Visit:
    """Record the visit's arrival and its KPI. For a ticket's repair visit the arrival is the
    ticket's: recorded on the ticket now if it has none (stopping its on-site clock), else the
    ticket's own arrival time is the visit's — never a second arrival — and the ticket's
    on-site deadline also bounds "on time". Other kinds of visit to a ticket (a callback, a
    training) are measured against their appointment only."""
    from shouhou.services.tickets import lifecycle as tickets

    require_transition(visit, "in_progress")
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
            "status": ["scheduled", "in_progress"],
            "arrived_at": arrived_at,
            "on_time": kpi.on_time,
            "late_minutes": kpi.late_minutes,
        },
    )
    return visit


def start(session: Session, stamp: Stamp, ref: str, rules: Rules) -> Visit:
    """``visit start``: the engineer arrived (``stamp.at``); see :func:`_start`."""
    return _start(session, stamp, get_visit(session, ref), rules)


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


def finish(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    work_done: str,
    signed_by: str | None = None,
    rating: int | None = None,
) -> Visit:
    """The work is done: what was done, who signed for the customer, their rating 1–5
    (DOMAIN §2 service report: "signed by the customer … customer's rating")."""
    if not work_done.strip():
        raise UsageError("err.required", field="work")
    if rating is not None and not 1 <= rating <= 5:
        raise UsageError("err.visit_rating", value=rating)
    visit = get_visit(session, ref)
    require_transition(visit, "done")
    if visit.arrived_at is not None and stamp.at < visit.arrived_at:
        raise UsageError("err.visit_done_before_arrival", number=visit.number)
    visit.status = "done"
    visit.finished_at = stamp.at
    visit.work_done = work_done.strip()
    visit.signed_by = signed_by.strip() if signed_by and signed_by.strip() else None
    visit.rating = rating
    changes: dict[str, Any] = {
        "status": ["in_progress", "done"],
        "finished_at": stamp.at,
        "work_done": visit.work_done,
        "signed_by": visit.signed_by,
        "rating": rating,
    }
    log(session, stamp, visit, action="visit_done", changes=changes)
    return visit


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
