"""Booking an engineer for a visit and re-booking it (DOMAIN §3: "agree the time with the
customer; if the engineer will be late, call ahead and re-book").

An engineer is never booked into two visits that overlap — a visit holds the engineer from its
appointment for its expected duration — unless the booking is forced; the refusal names the
visit it clashes with and its time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, UsageError
from shouhou.services import numbering, users
from shouhou.services.audit import Stamp
from shouhou.services.visits.records import (
    BOOKED,
    KINDS,
    MAX_EXPECTED_MINUTES,
    NUMBER_PREFIX,
    choice,
    get_visit,
    log,
    require_transition,
)

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.models import Visit


def _check_minutes(expected_minutes: int) -> int:
    if not 1 <= expected_minutes <= MAX_EXPECTED_MINUTES:
        raise UsageError("err.visit_minutes", value=expected_minutes, high=MAX_EXPECTED_MINUTES)
    return expected_minutes


def find_clash(
    session: Session,
    *,
    engineer: str,
    start: datetime,
    expected_minutes: int,
    ignore_id: int | None = None,
) -> Visit | None:
    """The engineer's first booked visit (scheduled or in progress) whose time
    [appointment, appointment + expected) overlaps [start, start + expected_minutes)."""
    from sqlmodel import col, select

    from shouhou.models import Visit

    end = start + timedelta(minutes=expected_minutes)
    query = (
        select(Visit)
        .where(
            Visit.engineer == engineer,
            col(Visit.status).in_(BOOKED),
            col(Visit.appointment_at) < end,
            col(Visit.appointment_at) > start - timedelta(minutes=MAX_EXPECTED_MINUTES),
        )
        .order_by(col(Visit.appointment_at), col(Visit.id))
    )
    for other in session.exec(query):
        if other.id == ignore_id:
            continue
        if other.appointment_at + timedelta(minutes=other.expected_minutes) > start:
            return other
    return None


def _refuse_clash(
    session: Session,
    *,
    engineer: str,
    start: datetime,
    expected_minutes: int,
    ignore_id: int | None,
    force: bool,
    zone: tzinfo,
) -> Visit | None:
    """The clashing visit when ``force`` books over it; else the refusal naming it."""
    other = find_clash(
        session,
        engineer=engineer,
        start=start,
        expected_minutes=expected_minutes,
        ignore_id=ignore_id,
    )
    if other is not None and not force:
        from shouhou.timeutil import format_local

        until = other.appointment_at + timedelta(minutes=other.expected_minutes)
        raise DomainError(
            "err.visit_clash",
            engineer=engineer,
            other=other.number,
            start=format_local(other.appointment_at, zone),
            end=format_local(until, zone, with_date=False),
        )
    return other


def _target(
    session: Session,
    *,
    kind: str,
    ticket_ref: str | None,
    customer_ref: str | None,
    device_ref: str | None,
) -> tuple[int | None, int, int | None]:
    """(ticket id, customer id, device id) of the visit: a ticket's visit is at the ticket's
    customer and device; otherwise the customer named, and the device if it is theirs."""
    from shouhou.services.customers.customers import resolve_customer
    from shouhou.services.customers.devices import get_device
    from shouhou.services.tickets.records import get_ticket, require_open, require_workable

    if ticket_ref is not None:
        if customer_ref is not None or device_ref is not None:
            raise UsageError("err.visit_target", field="customer")
        ticket = get_ticket(session, ticket_ref)
        (require_workable if kind == "repair" else require_open)(ticket)
        assert ticket.id is not None
        return ticket.id, ticket.customer_id, ticket.device_id
    if customer_ref is None:
        raise UsageError("err.visit_target", field="ticket")
    customer = resolve_customer(session, customer_ref)
    assert customer.id is not None
    device_id = None
    if device_ref is not None:
        device = get_device(session, device_ref)
        if device.customer_id != customer.id:
            raise DomainError(
                "err.visit_device_customer", serial=device.serial, customer=customer.name
            )
        device_id = device.id
    return None, customer.id, device_id


def schedule_visit(
    session: Session,
    stamp: Stamp,
    *,
    kind: str,
    engineer: str,
    appointment_at: datetime,
    zone: tzinfo,
    expected_minutes: int = 60,
    ticket_ref: str | None = None,
    customer_ref: str | None = None,
    device_ref: str | None = None,
    force: bool = False,
) -> tuple[Visit, Visit | None]:
    """Book ``engineer`` for a visit (DOMAIN §3); returns it and the visit it was forced over.

    For a ticket (``ticket_ref``) the visit is at the ticket's customer and device; a repair
    visit needs a ticket still being worked, any other kind an open one. Otherwise a customer
    (id, phone, name fragment) and optionally one of their devices (serial or id). The number
    is ``VS`` + the booking month + a sequence (``VS2612-0001``).
    """
    from shouhou.models import Visit

    choice(kind, KINDS, "type")
    if not engineer.strip():
        raise UsageError("err.required", field="engineer")
    _check_minutes(expected_minutes)
    ticket_id, customer_id, device_id = _target(
        session, kind=kind, ticket_ref=ticket_ref, customer_ref=customer_ref, device_ref=device_ref
    )
    name = users.canonical_name(session, engineer)
    forced_over = _refuse_clash(
        session,
        engineer=name,
        start=appointment_at,
        expected_minutes=expected_minutes,
        ignore_id=None,
        force=force,
        zone=zone,
    )
    prefix = NUMBER_PREFIX + stamp.at.astimezone(zone).strftime("%y%m")
    visit = Visit(
        number=numbering.reserve(session, prefix)[0],
        kind=kind,
        status="scheduled",
        ticket_id=ticket_id,
        customer_id=customer_id,
        device_id=device_id,
        engineer=name,
        appointment_at=appointment_at,
        expected_minutes=expected_minutes,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    changes: dict[str, Any] = {
        "number": visit.number,
        "kind": kind,
        "engineer": name,
        "appointment_at": appointment_at,
        "expected_minutes": expected_minutes,
        "ticket_id": ticket_id,
        "customer_id": customer_id,
        "device_id": device_id,
    }
    if forced_over is not None:
        changes["forced_over"] = forced_over.number
    log(session, stamp, visit, action="visit_schedule", changes=changes)
    return visit, forced_over


def reschedule(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    appointment_at: datetime,
    reason: str,
    zone: tzinfo,
    engineer: str | None = None,
    expected_minutes: int | None = None,
    force: bool = False,
) -> tuple[Visit, Visit | None]:
    """Re-book a scheduled or missed visit at a new time (DOMAIN §3 "call ahead and re-book"),
    optionally with another engineer or duration; the reason is kept and the re-bookings
    counted. The clash check runs again, ignoring the visit itself."""
    if not reason.strip():
        raise UsageError("err.required", field="reason")
    visit = get_visit(session, ref)
    require_transition(visit, "scheduled")
    name = users.canonical_name(session, engineer) if engineer else visit.engineer
    minutes = _check_minutes(expected_minutes or visit.expected_minutes)
    forced_over = _refuse_clash(
        session,
        engineer=name,
        start=appointment_at,
        expected_minutes=minutes,
        ignore_id=visit.id,
        force=force,
        zone=zone,
    )
    changes: dict[str, Any] = {
        "appointment_at": [visit.appointment_at, appointment_at],
        "reason": reason.strip(),
    }
    if visit.status != "scheduled":
        changes["status"] = [visit.status, "scheduled"]
    if name != visit.engineer:
        changes["engineer"] = [visit.engineer, name]
    if minutes != visit.expected_minutes:
        changes["expected_minutes"] = [visit.expected_minutes, minutes]
    if forced_over is not None:
        changes["forced_over"] = forced_over.number
    visit.status = "scheduled"
    visit.appointment_at = appointment_at
    visit.engineer = name
    visit.expected_minutes = minutes
    visit.reschedule_count += 1
    visit.reschedule_reason = reason.strip()
    visit.end_reason = None
    log(session, stamp, visit, action="visit_reschedule", changes=changes)
    return visit, forced_over
