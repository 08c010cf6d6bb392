"""Booking an engineer for a visit and re-booking it (DOMAIN §3: "agree the time with the
customer; if the engineer will be late, call ahead and re-book").

An engineer is never booked into two visits that overlap — a visit holds the engineer from its
appointment for its expected duration — unless the booking is forced; the refusal names the
visit it clashes with and its time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, InvalidTransition, UsageError
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
    members_of,
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


def helpers_of(session: Session, visit: Visit) -> list[str]:
    """The visit's helpers (the lead is ``visit.engineer``)."""
    assert visit.id is not None
    return members_of(session, [visit.id]).get(visit.id, [])


def find_clash(
    session: Session,
    *,
    engineers: list[str],
    start: datetime,
    expected_minutes: int,
    ignore_id: int | None = None,
) -> tuple[Visit, str] | None:
    """The first booked visit (scheduled or in progress) of any of ``engineers`` — as lead or
    helper — whose time [appointment, appointment + expected) overlaps [start, start +
    expected_minutes), and the person it double-books."""
    from sqlmodel import col, or_, select

    from shouhou.models import Visit, VisitMember

    end = start + timedelta(minutes=expected_minutes)
    helping = select(VisitMember.visit_id).where(col(VisitMember.engineer).in_(engineers))
    query = (
        select(Visit)
        .where(
            or_(col(Visit.engineer).in_(engineers), col(Visit.id).in_(helping)),
            col(Visit.status).in_(BOOKED),
            col(Visit.appointment_at) < end,
            col(Visit.appointment_at) > start - timedelta(minutes=MAX_EXPECTED_MINUTES),
        )
        .order_by(col(Visit.appointment_at), col(Visit.id))
    )
    candidates = [
        v
        for v in session.exec(query)
        if v.id != ignore_id
        and v.appointment_at is not None
        and v.appointment_at + timedelta(minutes=v.expected_minutes) > start
    ]
    teams = members_of(session, [v.id for v in candidates if v.id is not None])
    for other in candidates:
        assert other.id is not None
        busy = [other.engineer, *teams.get(other.id, [])]
        for name in engineers:
            if name in busy:
                return other, name
    return None


def _refuse_clash(
    session: Session,
    *,
    engineers: list[str],
    start: datetime,
    expected_minutes: int,
    ignore_id: int | None,
    force: bool,
    zone: tzinfo,
) -> Visit | None:
    """The clashing visit when ``force`` books over it; else the refusal naming it and who."""
    found = find_clash(
        session,
        engineers=engineers,
        start=start,
        expected_minutes=expected_minutes,
        ignore_id=ignore_id,
    )
    if found is None:
        return None
    other, who = found
    if not force:
        from shouhou.timeutil import format_local

        assert other.appointment_at is not None
        until = other.appointment_at + timedelta(minutes=other.expected_minutes)
        raise DomainError(
            "err.visit_clash",
            engineer=who,
            other=other.number,
            start=format_local(other.appointment_at, zone),
            end=format_local(until, zone, with_date=False),
        )
    return other


def _team(session: Session, lead: str, helpers: Sequence[str]) -> list[str]:
    """Lead first, then the helpers as people (``users.canonical_name``), each once; the lead
    named again as a helper is refused."""
    team = [lead]
    for helper in helpers:
        if not helper.strip():
            raise UsageError("err.required", field="helper")
        name = users.canonical_name(session, helper)
        if name == lead:
            raise UsageError("err.visit_helper_is_lead", name=name)
        if name not in team:
            team.append(name)
    return team


def _set_helpers(session: Session, visit: Visit, helpers: list[str]) -> None:
    """Replace the visit's helpers (rows of ``visit_member``)."""
    from sqlalchemy import delete

    from shouhou.models import VisitMember

    assert visit.id is not None
    session.execute(delete(VisitMember).where(VisitMember.visit_id == visit.id))  # type: ignore[arg-type]
    for name in helpers:
        session.add(VisitMember(visit_id=visit.id, engineer=name))
    session.flush()


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


def _team_changes(changes: dict[str, Any], before: list[str], after: list[str]) -> None:
    if before != after:
        changes["helpers"] = [before, after] if before else after


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
    helpers: Sequence[str] = (),
    force: bool = False,
) -> tuple[Visit, Visit | None]:
    """Book ``engineer`` (and ``helpers``: the team) for a visit (DOMAIN §3); returns it and the
    visit it was forced over.

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
    team = _team(session, users.canonical_name(session, engineer), helpers)
    forced_over = _refuse_clash(
        session,
        engineers=team,
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
        engineer=team[0],
        appointment_at=appointment_at,
        expected_minutes=expected_minutes,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    changes: dict[str, Any] = {
        "number": visit.number,
        "kind": kind,
        "engineer": team[0],
        "appointment_at": appointment_at,
        "expected_minutes": expected_minutes,
        "ticket_id": ticket_id,
        "customer_id": customer_id,
        "device_id": device_id,
    }
    _team_changes(changes, [], team[1:])
    if forced_over is not None:
        changes["forced_over"] = forced_over.number
    log(session, stamp, visit, action="visit_schedule", changes=changes)
    _set_helpers(session, visit, team[1:])
    return visit, forced_over


def _rebook(
    session: Session,
    stamp: Stamp,
    visit: Visit,
    *,
    action: str,
    appointment_at: datetime,
    zone: tzinfo,
    engineer: str | None,
    helpers: Sequence[str] | None,
    expected_minutes: int | None,
    force: bool,
    reason: str | None = None,
) -> Visit | None:
    """Give ``visit`` (due, scheduled or missed) a time, lead and team: the clash check runs
    over every member, ignoring the visit itself. Unnamed parts are kept."""
    require_transition(visit, "scheduled")
    lead_text = engineer or visit.engineer
    if not lead_text or not lead_text.strip():
        raise UsageError("err.required", field="engineer")
    before = helpers_of(session, visit)
    team = _team(
        session, users.canonical_name(session, lead_text), before if helpers is None else helpers
    )
    minutes = _check_minutes(expected_minutes or visit.expected_minutes)
    forced_over = _refuse_clash(
        session,
        engineers=team,
        start=appointment_at,
        expected_minutes=minutes,
        ignore_id=visit.id,
        force=force,
        zone=zone,
    )
    changes: dict[str, Any] = {"appointment_at": [visit.appointment_at, appointment_at]}
    if reason is not None:
        changes["reason"] = reason
    if visit.status != "scheduled":
        changes["status"] = [visit.status, "scheduled"]
    if team[0] != visit.engineer:
        changes["engineer"] = [visit.engineer, team[0]]
    if minutes != visit.expected_minutes:
        changes["expected_minutes"] = [visit.expected_minutes, minutes]
    _team_changes(changes, before, team[1:])
    if forced_over is not None:
        changes["forced_over"] = forced_over.number
    if reason is not None:  # a re-booking, counted
        visit.reschedule_count += 1
        visit.reschedule_reason = reason
        visit.end_reason = None
    visit.status = "scheduled"
    visit.appointment_at = appointment_at
    visit.engineer = team[0]
    visit.expected_minutes = minutes
    log(session, stamp, visit, action=action, changes=changes)
    _set_helpers(session, visit, team[1:])
    return forced_over


def book(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    appointment_at: datetime,
    zone: tzinfo,
    engineer: str | None = None,
    helpers: Sequence[str] | None = None,
    expected_minutes: int | None = None,
    force: bool = False,
) -> tuple[Visit, Visit | None]:
    """Book a due visit (an inspection of a plan, a callback, the rest of a partial visit):
    its time and engineer — by default the one it is meant for — and team."""
    visit = get_visit(session, ref)
    if visit.status != "due":
        raise InvalidTransition("err.visit_not_due", number=visit.number, current=visit.status)
    forced_over = _rebook(
        session,
        stamp,
        visit,
        action="visit_book",
        appointment_at=appointment_at,
        zone=zone,
        engineer=engineer,
        helpers=helpers,
        expected_minutes=expected_minutes,
        force=force,
    )
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
    helpers: Sequence[str] | None = None,
    expected_minutes: int | None = None,
    force: bool = False,
) -> tuple[Visit, Visit | None]:
    """Re-book a scheduled or missed visit at a new time (DOMAIN §3 "call ahead and re-book"),
    optionally with another engineer, team or duration; the reason is kept and the re-bookings
    counted. The clash check runs again over every member, ignoring the visit itself."""
    if not reason.strip():
        raise UsageError("err.required", field="reason")
    visit = get_visit(session, ref)
    if visit.status == "due":
        raise InvalidTransition("err.visit_book_first", number=visit.number)
    forced_over = _rebook(
        session,
        stamp,
        visit,
        action="visit_reschedule",
        appointment_at=appointment_at,
        zone=zone,
        engineer=engineer,
        helpers=helpers,
        expected_minutes=expected_minutes,
        force=force,
        reason=reason.strip(),
    )
    return visit, forced_over
