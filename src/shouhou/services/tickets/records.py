"""Ticket records: lookup by number, the status log and audit entries every change writes,
the state-machine table and its guards, the SLA state stored on the row (issue 9), and the
SQL filters of ticket lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shouhou.errors import InvalidTransition, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.tickets.sla import (
    CLOSED_STATES,
    FINISHED_STATES,
    Rules,
    StoredSla,
    pauses_from,
    sla_of,
    stored_sla,
)

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement
    from sqlmodel import Session

    from shouhou.models import Ticket, TicketEvent
    from shouhou.services.tickets.deadlines import Pause, SlaState


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


def _require_in_order(session: Session, stamp: Stamp, ticket: Ticket, action: str) -> None:
    """A ticket's events happen in order (issue 15.5): none may be dated before the one it
    follows — a reply before the intake, an arrival before the reply, a resume before its
    wait would give negative pauses and wrong verdicts. Same-minute events are fine."""
    from sqlalchemy import func, select

    from shouhou.models import TicketEvent

    latest = session.execute(
        select(func.max(TicketEvent.at)).where(TicketEvent.ticket_id == ticket.id)  # type: ignore[arg-type]
    ).scalar_one_or_none()
    if latest is not None and stamp.at < latest:
        from shouhou.services.config import firm_zone
        from shouhou.timeutil import format_local

        zone = firm_zone(session)
        raise UsageError(
            "err.event_out_of_order",
            number=ticket.number,
            action=action,
            at=format_local(stamp.at, zone),
            previous=format_local(latest, zone),
        )


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
    _require_in_order(session, stamp, ticket, action)
    session.add(
        TicketEvent(
            ticket_id=ticket.id, at=stamp.at, kind=kind, status=status, actor=stamp.actor, note=note
        )
    )
    audit.record(
        session, stamp, entity="ticket", entity_id=ticket.id, action=action, changes=changes
    )


def refresh(session: Session, ticket: Ticket, rules: Rules, now: datetime) -> SlaState:
    """Recompute SLA from the log and store it on the row in the same transaction (issue 9):
    current deadlines, the next one, minutes late of met milestones; misses are kept for good.

    Every event that can change a deadline or meet one goes through here (``lifecycle``).
    """
    session.add(ticket)
    session.flush()
    assert ticket.id is not None
    pauses = pauses_from(events_of(session, ticket.id))
    state = sla_of(ticket, pauses, rules, now)
    _store(ticket, state, pauses)
    session.add(ticket)
    return state


def _store(ticket: Ticket, state: SlaState, pauses: Sequence[Pause]) -> None:
    stored: StoredSla = stored_sla(ticket, state, pauses)
    ticket.reply_due_at = stored.reply_due_at
    ticket.onsite_due_at = stored.onsite_due_at
    ticket.resolve_due_at = stored.resolve_due_at
    ticket.next_due_at = stored.next_due_at
    ticket.reply_late_min = stored.reply_late_min
    ticket.onsite_late_min = stored.onsite_late_min
    ticket.resolve_late_min = stored.resolve_late_min
    recorded = {m for m in ticket.missed.split(",") if m}
    recorded.update(state.overdue())
    ticket.missed = ",".join(m for m in ("reply", "onsite", "resolve") if m in recorded)


# Settings behind the stored deadlines: changing one restates the unfinished tickets.
DEADLINE_SETTINGS = ("sla.", "zone.", "hours.", "time_zone")


def rules_changed(session: Session, *, now: datetime, key: str | None = None) -> int:
    """After ``config set KEY`` — or a holiday / make-up day change (``key`` None) — restate the
    unfinished tickets when the change moves deadlines; how many were restated."""
    from shouhou.services.config import firm_zone
    from shouhou.services.tickets.sla import load_rules

    if key is not None and not key.startswith(DEADLINE_SETTINGS):
        return 0
    session.flush()
    return restate(session, load_rules(session, zone=firm_zone(session)), now)


def restate(session: Session, rules: Rules, now: datetime, *, batch: int = 500) -> int:
    """Recompute the stored SLA state of every unfinished ticket under ``rules``; how many.

    For a change of the rules behind the deadlines (``sla.*``, ``zone.*``, working hours, the
    time zone, holidays and make-up days): finished tickets keep the verdict of their time.
    """
    from sqlmodel import col, select

    from shouhou.models import Ticket

    count = 0
    last = 0
    while True:
        tickets = list(
            session.exec(
                select(Ticket)
                .where(col(Ticket.status).not_in(FINISHED_STATES), col(Ticket.id) > last)
                .order_by(col(Ticket.id))
                .limit(batch)
            )
        )
        if not tickets:
            return count
        pauses = pauses_for(session, [t.id for t in tickets if t.id is not None])
        for ticket in tickets:
            assert ticket.id is not None
            found = pauses.get(ticket.id, [])
            _store(ticket, sla_of(ticket, found, rules, now), found)
            session.add(ticket)
        session.flush()
        count += len(tickets)
        last = tickets[-1].id or last


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


def ticket_filters(
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
) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``ticket list``'s filters (the caller adds SLA conditions)."""
    from sqlmodel import col, or_

    from shouhou.models import Ticket

    where: list[ColumnElement[bool]] = []
    if statuses:
        where.append(col(Ticket.status).in_(statuses))
    if severity:
        where.append(col(Ticket.severity) == severity)
    if assignee:
        where.append(col(Ticket.assignee) == assignee)
    if customer_id is not None:
        where.append(col(Ticket.customer_id) == customer_id)
    if device_id is not None:
        where.append(col(Ticket.device_id) == device_id)
    if since is not None:
        where.append(col(Ticket.received_at) >= since)
    if until is not None:
        where.append(col(Ticket.received_at) < until)
    if in_warranty is not None:
        where.append(col(Ticket.in_warranty) == in_warranty)
    if waiting:
        where.append(col(Ticket.waiting_since).is_not(None))
    if repeat:
        where.append(or_(col(Ticket.repeat_of_id).is_not(None), col(Ticket.repair_count) >= 3))
    return where


def pauses_for(session: Session, ticket_ids: Sequence[int]) -> dict[int, list[Pause]]:
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
