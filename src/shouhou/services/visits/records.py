"""Visit records: kinds, states and the state machine, lookup by number or id, the audit entry
every change writes, the JSON view (CLI.md "visit" shape) and the list query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shouhou.errors import InvalidTransition, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Visit

# DOMAIN §3: repair on site, installation and commissioning 安装调试, periodic inspection 巡检,
# follow-up callback 回访, training 培训.
KINDS = ("repair", "install", "inspection", "callback", "training")
STATUSES = ("scheduled", "in_progress", "done", "missed", "cancelled")
# Booked → arrived → done; a booking may be missed or cancelled; a missed one is re-booked.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "scheduled": ("scheduled", "in_progress", "missed", "cancelled"),
    "in_progress": ("done",),
    "missed": ("scheduled", "cancelled"),
    "done": (),
    "cancelled": (),
}
# The states in which a visit holds the engineer's time (the clash check).
BOOKED = ("scheduled", "in_progress")
# The longest visit: a clash search never looks further back than this.
MAX_EXPECTED_MINUTES = 24 * 60
NUMBER_PREFIX = "VS"


def choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise UsageError("err.bad_choice", field=field, value=value, accepted="|".join(allowed))
    return value


def get_visit(session: Session, ref: str | int) -> Visit:
    """By number (VS2612-0001) or id."""
    from sqlmodel import select

    from shouhou.models import Visit

    text = str(ref).strip()
    found = session.exec(select(Visit).where(Visit.number == text.upper())).first()
    if found is None and text.isdigit():
        found = session.get(Visit, int(text))
    if found is None:
        raise NotFound("err.visit_not_found", ref=text)
    return found


def require_transition(visit: Visit, to: str) -> None:
    allowed = TRANSITIONS.get(visit.status, ())
    if to not in allowed:
        raise InvalidTransition(
            "err.visit_transition",
            number=visit.number,
            current=visit.status,
            wanted=to,
            allowed=", ".join(allowed) or "-",
        )


def log(
    session: Session,
    stamp: Stamp,
    visit: Visit,
    *,
    action: str,
    changes: dict[str, Any] | None = None,
) -> None:
    """Write the row and its audit entry (DOMAIN §8: every change shows who and when)."""
    visit.updated_at = stamp.at
    session.add(visit)
    session.flush()
    assert visit.id is not None
    audit.record(session, stamp, entity="visit", entity_id=visit.id, action=action, changes=changes)


def _iso(moment: datetime | None) -> str | None:
    from shouhou.timeutil import iso_utc

    return iso_utc(moment)


def visit_view(visit: Visit, ticket_number: str | None = None) -> dict[str, Any]:
    """The JSON shape of a visit (CLI.md: ``id, ticket_id, customer_id, device_id, kind,
    engineer, scheduled_at, arrived_at, done_at, on_time, status`` and more)."""
    return {
        "id": visit.id,
        "number": visit.number,
        "kind": visit.kind,
        "status": visit.status,
        "ticket_id": visit.ticket_id,
        "ticket": ticket_number,
        "customer_id": visit.customer_id,
        "device_id": visit.device_id,
        "engineer": visit.engineer,
        "scheduled_at": _iso(visit.appointment_at),
        "expected_minutes": visit.expected_minutes,
        "arrived_at": _iso(visit.arrived_at),
        "done_at": _iso(visit.finished_at),
        "on_time": visit.on_time,
        "late_minutes": visit.late_minutes,
        "work_done": visit.work_done,
        "signed_by": visit.signed_by,
        "rating": visit.rating,
        "reschedule_count": visit.reschedule_count,
        "reschedule_reason": visit.reschedule_reason,
        "end_reason": visit.end_reason,
        "created_at": _iso(visit.created_at),
    }


def ticket_number_of(session: Session, visit: Visit) -> str | None:
    from shouhou.models import Ticket

    if visit.ticket_id is None:
        return None
    ticket = session.get(Ticket, visit.ticket_id)
    return ticket.number if ticket is not None else None


def iter_visit_views(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    engineer: str | None = None,
    status: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Visits by appointment time, optionally in [since, until), of one engineer (compared as
    people: ``users.canonical_name``) or in one state."""
    from sqlmodel import col, select

    from shouhou.models import Ticket, Visit
    from shouhou.services import users

    query = select(Visit, Ticket.number).outerjoin(Ticket, col(Ticket.id) == col(Visit.ticket_id))
    if since is not None:
        query = query.where(col(Visit.appointment_at) >= since)
    if until is not None:
        query = query.where(col(Visit.appointment_at) < until)
    if engineer:
        query = query.where(Visit.engineer == users.canonical_name(session, engineer))
    if status:
        query = query.where(Visit.status == choice(status, STATUSES, "status"))
    query = query.order_by(col(Visit.appointment_at), col(Visit.id))
    if limit is not None:
        query = query.limit(limit)
    for visit, number in session.exec(query):
        yield visit_view(visit, number)


def visit_detail(session: Session, ref: str) -> dict[str, Any]:
    """``visit show``: the visit's view, its customer's name, device serial and audit trail."""
    from shouhou.models import Customer, Device
    from shouhou.views import audit_view

    visit = get_visit(session, ref)
    assert visit.id is not None
    view = visit_view(visit, ticket_number_of(session, visit))
    customer = session.get(Customer, visit.customer_id)
    device = session.get(Device, visit.device_id) if visit.device_id is not None else None
    view["customer_name"] = customer.name if customer is not None else None
    view["device_serial"] = device.serial if device is not None else None
    view["timeline"] = [
        audit_view(e) for e in audit.trail(session, entity="visit", entity_id=visit.id)
    ]
    return view
