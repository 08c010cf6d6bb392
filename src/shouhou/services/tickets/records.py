"""Ticket records: lookup by number, the status log and audit entries every change writes,
the state-machine table and its guards, the cached deadlines, streaming filtered lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shouhou.errors import InvalidTransition, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.tickets.sla import CLOSED_STATES, Rules, pauses_from, sla_of

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket, TicketEvent
    from shouhou.services.tickets.deadlines import SlaState


# DOMAIN §2 flow: new → assigned → responded → in progress → resolved → closed.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("assigned", "responded", "in_progress", "cancelled"),
    "assigned": ("assigned", "responded", "in_progress", "cancelled"),
    "responded": ("assigned", "in_progress", "resolved", "cancelled"),
    "in_progress": ("assigned", "resolved", "cancelled"),
    "resolved": ("closed", "in_progress"),
    "closed": ("in_progress",),
    "cancelled": (),
}


def choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise UsageError("err.bad_choice", field=field, value=value, accepted="|".join(allowed))
    return value


def get_ticket(session: Session, ref: str | int) -> Ticket:
    """By number (SH2611-0042), external number, or id."""
    from sqlmodel import or_, select

    from shouhou.models import Ticket

    text = str(ref).strip()
    found = session.exec(
        select(Ticket).where(or_(Ticket.number == text.upper(), Ticket.external_number == text))
    ).first()
    if found is None and text.isdigit():
        found = session.get(Ticket, int(text))
    if found is None:
        raise NotFound("err.ticket_not_found", ref=text)
    return found


def events_of(session: Session, ticket_id: int) -> list[TicketEvent]:
    from sqlmodel import col, select

    from shouhou.models import TicketEvent

    return list(
        session.exec(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(col(TicketEvent.at), col(TicketEvent.id))
        )
    )


def state_of(session: Session, ticket: Ticket, rules: Rules, now: datetime) -> SlaState:
    assert ticket.id is not None
    return sla_of(ticket, pauses_from(events_of(session, ticket.id)), rules, now)


def log_event(
    session: Session,
    stamp: Stamp,
    ticket: Ticket,
    *,
    kind: str,
    action: str,
    changes: dict[str, Any] | None = None,
    note: str | None = None,
    status: str | None = None,
) -> None:
    from shouhou.models import TicketEvent

    assert ticket.id is not None
    session.add(
        TicketEvent(
            ticket_id=ticket.id, at=stamp.at, kind=kind, status=status, actor=stamp.actor, note=note
        )
    )
    audit.record(
        session, stamp, entity="ticket", entity_id=ticket.id, action=action, changes=changes
    )


def refresh(session: Session, ticket: Ticket, rules: Rules, now: datetime) -> SlaState:
    """Recompute SLA from the log; cache current deadlines and remember misses for good."""
    session.add(ticket)
    session.flush()
    state = state_of(session, ticket, rules, now)
    ms = state.milestones
    ticket.reply_due_at = ms["reply"].due_at
    ticket.onsite_due_at = ms["onsite"].due_at
    ticket.resolve_due_at = ms["resolve"].due_at
    recorded = {m for m in ticket.missed.split(",") if m}
    recorded.update(state.overdue())
    ticket.missed = ",".join(m for m in ("reply", "onsite", "resolve") if m in recorded)
    session.add(ticket)
    return state


def require_open(ticket: Ticket) -> None:
    if ticket.status in CLOSED_STATES:
        raise InvalidTransition("err.ticket_closed", number=ticket.number, status=ticket.status)


def require_workable(ticket: Ticket) -> None:
    """Work (arrival, diagnosis) happens on an open ticket that is not yet resolved."""
    require_open(ticket)
    if ticket.status == "resolved":
        raise InvalidTransition(
            "err.transition",
            number=ticket.number,
            current=ticket.status,
            wanted="in_progress",
            allowed=", ".join(TRANSITIONS["resolved"]),
        )


def require_transition(ticket: Ticket, to: str) -> None:
    """Refuse before changing anything: ``to`` must be a next state (closing twice is not)."""
    allowed = TRANSITIONS.get(ticket.status, ())
    if to not in allowed:
        raise InvalidTransition(
            "err.transition",
            number=ticket.number,
            current=ticket.status,
            wanted=to,
            allowed=", ".join(allowed) or "-",
        )


def not_before_intake(ticket: Ticket, stamp: Stamp) -> None:
    """A reply, visit, pause or fix cannot happen before the request came in."""
    if stamp.at < ticket.received_at:
        raise UsageError("err.before_intake", field="at", number=ticket.number)


def iter_tickets(
    session: Session,
    *,
    statuses: Sequence[str] | None = None,
    severity: str | None = None,
    assignee: str | None = None,
    customer_id: int | None = None,
    device_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    in_warranty: bool | None = None,
    waiting: bool = False,
    repeat: bool = False,
    overdue_before: datetime | None = None,
    due_between: tuple[datetime, datetime] | None = None,
) -> Iterator[Ticket]:
    """Tickets matching the filters, streamed (the caller sorts and limits)."""
    from sqlmodel import col, or_, select

    from shouhou.models import Ticket

    query = select(Ticket)
    if statuses:
        query = query.where(col(Ticket.status).in_(statuses))
    if severity:
        query = query.where(Ticket.severity == severity)
    if assignee:
        query = query.where(Ticket.assignee == assignee)
    if customer_id is not None:
        query = query.where(Ticket.customer_id == customer_id)
    if device_id is not None:
        query = query.where(Ticket.device_id == device_id)
    if since is not None:
        query = query.where(col(Ticket.received_at) >= since)
    if until is not None:
        query = query.where(col(Ticket.received_at) < until)
    if in_warranty is not None:
        query = query.where(Ticket.in_warranty == in_warranty)
    if waiting:
        query = query.where(col(Ticket.waiting_since).is_not(None))
    if repeat:
        query = query.where(or_(col(Ticket.repeat_of_id).is_not(None), Ticket.repair_count >= 3))
    if overdue_before is not None:
        # Pre-filter on cached deadlines; the caller confirms on the computed SLA state.
        query = query.where(
            or_(
                Ticket.missed != "",
                (col(Ticket.replied_at).is_(None)) & (col(Ticket.reply_due_at) < overdue_before),
                (col(Ticket.resolved_at).is_(None)) & (col(Ticket.resolve_due_at) < overdue_before),
                (col(Ticket.arrived_at).is_(None)) & (col(Ticket.onsite_due_at) < overdue_before),
                col(Ticket.waiting_since).is_not(None),
            )
        )
    if due_between is not None:
        start, end = due_between
        query = query.where(
            or_(
                col(Ticket.reply_due_at).between(start, end) & col(Ticket.replied_at).is_(None),
                col(Ticket.onsite_due_at).between(start, end) & col(Ticket.arrived_at).is_(None),
                col(Ticket.resolve_due_at).between(start, end) & col(Ticket.resolved_at).is_(None),
                col(Ticket.waiting_since).is_not(None),
            )
        )
    yield from session.exec(query.order_by(col(Ticket.id)).execution_options(yield_per=1000))


def pauses_for(session: Session, ticket_ids: Sequence[int]) -> dict[int, list[Any]]:
    """Pauses of many tickets in one query (wait/resume events only)."""
    from sqlmodel import col, select

    from shouhou.models import TicketEvent

    by_ticket: dict[int, list[TicketEvent]] = {}
    for start in range(0, len(ticket_ids), 900):
        chunk = ticket_ids[start : start + 900]
        rows = session.exec(
            select(TicketEvent).where(
                col(TicketEvent.ticket_id).in_(chunk), col(TicketEvent.kind).in_(("wait", "resume"))
            )
        )
        for event in rows:
            by_ticket.setdefault(event.ticket_id, []).append(event)
    return {tid: pauses_from(events) for tid, events in by_ticket.items()}
