"""Read side of tickets: list views sorted by urgency, the detail view, the overdue list.

Lists filter, order and LIMIT in SQL on the SLA state stored on the row (``ranking``) and build
views only for the rows they print; those views read the stored deadlines (``sla.
state_from_stored``), except a waiting ticket's, whose deadlines move with the clock and are
computed from its log. ``ticket show`` always computes from the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.services.tickets.deadlines import SlaState
from shouhou.services.tickets.sla import (
    FINISHED_STATES,
    Rules,
    auto_escalation_level,
    lateness,
    missed_milestones,
    sla_of,
    spare_unit_due,
    state_from_stored,
    urgency,
)
from shouhou.timeutil import iso_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket
    from shouhou.services.tickets.charges import Totals

OPEN_STATES = ("new", "assigned", "responded", "in_progress", "resolved")


def ticket_view(
    ticket: Ticket,
    state: SlaState,
    rules: Rules,
    now: datetime,
    totals: Totals | None,
    *,
    customer_name: str | None = None,
    device_serial: str | None = None,
    loan_open: bool = False,
) -> dict[str, Any]:
    """The stable JSON shape of CLI.md plus display helpers (customer name, urgency, whether a
    spare unit is due — ``loan_open``: a spare unit is out on loan for the ticket)."""
    from shouhou.services.tickets.charges import payable

    ms = state.milestones
    running = ticket.status not in FINISHED_STATES
    level = max(ticket.escalation_level, auto_escalation_level(state, rules, now) if running else 0)
    nxt = state.next_due() if running else None
    score = urgency(ticket, state, level, now)
    view: dict[str, Any] = {
        "id": ticket.id,
        "number": ticket.number,
        "external_number": ticket.external_number,
        "status": ticket.status,
        "severity": ticket.severity,
        "channel": ticket.channel,
        "mode": ticket.mode,
        "customer_id": ticket.customer_id,
        "customer_name": customer_name,
        "device_id": ticket.device_id,
        "device_serial": device_serial,
        "contact": ticket.contact,
        "phone": ticket.phone,
        "symptom": ticket.symptom,
        "request": ticket.request,
        "category": ticket.category,
        "cause": ticket.cause,
        "finding": ticket.finding,
        "action": ticket.action,
        "received_at": iso_utc(ticket.received_at),
        "received_by": ticket.received_by,
        "assignee": ticket.assignee,
        # DOMAIN §1 verdict inputs; older tickets: NULL component = whole unit, NULL = intake day
        "component": ticket.component or ("unit" if ticket.device_id is not None else None),
        "fault_date": (
            ticket.fault_date or ticket.received_at.astimezone(rules.zone).date()
        ).isoformat(),
        "in_warranty": ticket.in_warranty,
        "warranty_state": ticket.warranty_note,
        "chargeable": ticket.chargeable,
        "reply_due_at": iso_utc(ms["reply"].due_at),
        "onsite_due_at": iso_utc(ms["onsite"].due_at),
        "resolve_due_at": iso_utc(ms["resolve"].due_at),
        "replied_at": iso_utc(ticket.replied_at),
        "arrived_at": iso_utc(ticket.arrived_at),
        "resolved_at": iso_utc(ticket.resolved_at),
        "closed_at": iso_utc(ticket.closed_at),
        "overdue": missed_milestones(ticket, state),
        "waiting": ticket.waiting_since is not None,
        "wait_reason": ticket.wait_reason,
        "next_due": nxt.name if nxt else None,
        "next_due_at": iso_utc(nxt.due_at) if nxt else None,
        "minutes_left": int(nxt.remaining.total_seconds() // 60)
        if nxt and nxt.remaining is not None and not state.paused
        else None,
        "escalation_level": level,
        "escalated_to": ticket.escalated_to,
        "repair_count": ticket.repair_count,
        "repeat_of_id": ticket.repeat_of_id,
        "approved_by": ticket.approved_by,
        "urgency": score.score,
        "spare_unit_due": spare_unit_due(ticket, state, now, loan_open=loan_open),
    }
    if totals is not None:
        view["charges"] = {
            "parts": str(totals.parts),
            "labor": str(totals.labor),
            "travel": str(totals.travel),
            "total": str(totals.total),
            "payable": str(payable(ticket, totals)),
        }
    return view


def _lookups(session: Session, tickets: Sequence[Ticket]) -> tuple[dict[int, str], dict[int, str]]:
    from sqlmodel import col, select

    from shouhou.models import Customer, Device

    customer_ids = sorted({t.customer_id for t in tickets})
    device_ids = sorted({t.device_id for t in tickets if t.device_id is not None})
    names: dict[int, str] = {}
    serials: dict[int, str] = {}
    for start in range(0, len(customer_ids), 900):
        chunk = customer_ids[start : start + 900]
        for cid, name in session.exec(
            select(Customer.id, Customer.name).where(col(Customer.id).in_(chunk))
        ):
            names[cid] = name  # type: ignore[index]
    for start in range(0, len(device_ids), 900):
        chunk = device_ids[start : start + 900]
        for did, serial in session.exec(
            select(Device.id, Device.serial).where(col(Device.id).in_(chunk))
        ):
            serials[did] = serial  # type: ignore[index]
    return names, serials


def _totals_for(session: Session, ticket_ids: Sequence[int]) -> dict[int, Totals]:
    from sqlalchemy import func
    from sqlmodel import col, select

    from shouhou.models import ChargeLine
    from shouhou.services.tickets.charges import ZERO, Totals
    from shouhou.timeutil import money

    sums: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ticket_ids), 900):
        chunk = ticket_ids[start : start + 900]
        rows = session.exec(
            select(ChargeLine.ticket_id, ChargeLine.kind, func.sum(ChargeLine.amount_cents))
            .where(col(ChargeLine.ticket_id).in_(chunk))
            .group_by(col(ChargeLine.ticket_id), col(ChargeLine.kind))
        )
        for tid, kind, total in rows:
            sums.setdefault(tid, {})[kind] = money(total)
    return {
        tid: Totals(
            parts=s.get("part", ZERO),
            labor=s.get("labor", ZERO),
            travel=s.get("travel", ZERO),
            other=s.get("other", ZERO),
        )
        for tid, s in sums.items()
    }


def _open_loans(session: Session, ticket_ids: Sequence[int]) -> set[int]:
    """Which of these tickets have a spare unit out on loan (not returned)."""
    from sqlmodel import col, select

    from shouhou.models import Loan

    found: set[int] = set()
    for start in range(0, len(ticket_ids), 900):
        chunk = ticket_ids[start : start + 900]
        found.update(
            session.exec(
                select(Loan.ticket_id).where(
                    col(Loan.ticket_id).in_(chunk), col(Loan.returned_at).is_(None)
                )
            )
        )
    return found


def views_for(
    session: Session, tickets: Sequence[Ticket], rules: Rules, now: datetime
) -> list[tuple[Ticket, SlaState, dict[str, Any]]]:
    """Views of many tickets with a fixed number of queries (no N+1).

    SLA state from the stored deadlines, or from the log for a waiting ticket (see module).
    """
    from shouhou.services.tickets.charges import ZERO, Totals
    from shouhou.services.tickets.records import pauses_for

    ids = [t.id for t in tickets if t.id is not None]
    pauses = pauses_for(session, [t.id for t in tickets if t.id and t.waiting_since is not None])
    states: dict[int, SlaState] = {}
    for ticket in tickets:
        assert ticket.id is not None
        states[ticket.id] = (
            state_from_stored(ticket, now)
            if ticket.waiting_since is None
            else sla_of(ticket, pauses.get(ticket.id, []), rules, now)
        )
    spare = [
        t.id
        for t in tickets
        if t.id is not None and spare_unit_due(t, states[t.id], now, loan_open=False)
    ]
    lent = _open_loans(session, spare)
    totals = _totals_for(session, ids)
    names, serials = _lookups(session, tickets)
    empty = Totals(ZERO, ZERO, ZERO, ZERO)
    result = []
    for ticket in tickets:
        assert ticket.id is not None
        state = states[ticket.id]
        view = ticket_view(
            ticket,
            state,
            rules,
            now,
            totals.get(ticket.id, empty),
            customer_name=names.get(ticket.customer_id),
            device_serial=serials.get(ticket.device_id or 0),
            loan_open=ticket.id in lent,
        )
        result.append((ticket, state, view))
    return result


_PLAIN_SORTS = ("number", "received", "newest")


def list_views(
    session: Session,
    rules: Rules,
    now: datetime,
    *,
    statuses: Sequence[str] | None,
    overdue: bool = False,
    due_today: bool = False,
    limit: int | None = None,
    sort: str = "urgency",
    **filters: Any,
) -> list[dict[str, Any]]:
    """``ticket list``: filter, order (most urgent first by default) and limit in SQL.

    ``overdue``: a deadline missed (recorded) or late now; ``due_today``: a deadline not yet
    met falls on today's local date (a waiting ticket only if it had passed before the wait).
    ``sort``: urgency | number | received | newest (ties: oldest, then by id).
    """
    from sqlmodel import col, select

    from shouhou.models import Ticket
    from shouhou.services.tickets.ranking import due_within, overdue_condition, urgency_order
    from shouhou.services.tickets.records import ticket_filters

    query = select(Ticket).where(*ticket_filters(statuses=statuses, **filters))
    if overdue:
        query = query.where(overdue_condition(now))
    if due_today:
        day_start = now.astimezone(rules.zone).replace(hour=0, minute=0, second=0, microsecond=0)
        query = query.where(due_within(day_start, day_start + timedelta(days=1)))
    if sort == "urgency":
        query = query.order_by(*urgency_order(now, rules))
    elif sort == "number":
        query = query.order_by(col(Ticket.number))
    elif sort in _PLAIN_SORTS:
        received = col(Ticket.received_at)
        query = query.order_by(received.desc() if sort == "newest" else received, col(Ticket.id))
    else:
        raise ValueError(f"unknown sort {sort!r}")
    if limit is not None:
        query = query.limit(limit)
    views = [view for _, _, view in views_for(session, list(session.exec(query)), rules, now)]
    if sort == "urgency":  # the score of the printed views decides (see ``ranking``)
        views.sort(key=lambda v: -v["urgency"])
    return views


def overdue_views(session: Session, rules: Rules, now: datetime) -> list[dict[str, Any]]:
    """Unresolved tickets past a deadline right now, most late first, with how late."""
    from sqlmodel import col, select

    from shouhou.models import Ticket
    from shouhou.services.tickets.ranking import late_now

    query = (
        select(Ticket)
        .where(col(Ticket.status).in_(OPEN_STATES[:-1]), late_now(now))
        .order_by(col(Ticket.next_due_at), col(Ticket.id))
    )
    result = []
    for _ticket, state, view in views_for(session, list(session.exec(query)), rules, now):
        late = lateness(state, now)
        if late > timedelta(0):
            view["late_minutes"] = int(late.total_seconds() // 60)
            view["late_milestones"] = [
                m.name
                for m in state.milestones.values()
                if m.due_at is not None and m.met_at is None and now > m.due_at
            ]
            result.append(view)
    result.sort(key=lambda v: (-v["late_minutes"], v["id"]))
    return result


def detail(session: Session, ref: str, rules: Rules, now: datetime) -> dict[str, Any]:
    """``ticket show``: the view plus charge lines, loans, returns, urgency and timeline."""
    from shouhou.services import audit
    from shouhou.services.tickets.charges import lines_of, totals_of
    from shouhou.services.tickets.records import get_ticket, state_of
    from shouhou.services.tickets.returns import loans_of, returns_of
    from shouhou.timeutil import money
    from shouhou.views import audit_view, loan_view

    ticket = get_ticket(session, ref)
    assert ticket.id is not None
    state = state_of(session, ticket, rules, now)
    lines = lines_of(session, ticket.id)
    loans = loans_of(session, ticket.id)
    names, serials = _lookups(session, [ticket])
    view = ticket_view(
        ticket,
        state,
        rules,
        now,
        totals_of(lines),
        customer_name=names.get(ticket.customer_id),
        device_serial=serials.get(ticket.device_id or 0),
        loan_open=any(loan.returned_at is None for loan in loans),
    )
    level = view["escalation_level"]
    view["urgency_parts"] = [
        {"factor": factor, "points": points, "detail": detail_text}
        for factor, points, detail_text in urgency(ticket, state, level, now).parts
    ]
    view["milestones"] = [
        {
            "name": m.name,
            "due_at": iso_utc(m.due_at),
            "met_at": iso_utc(m.met_at),
            "missed": m.name in view["overdue"],
            "minutes_left": int(m.remaining.total_seconds() // 60) if m.remaining else None,
        }
        for m in state.milestones.values()
    ]
    view["charge_lines"] = [
        {
            "kind": line.kind,
            "description": line.description,
            "quantity": line.quantity,
            "unit_price": str(money(line.unit_price_cents)),
            "amount": str(money(line.amount_cents)),
        }
        for line in lines
    ]
    view["loans"] = [loan_view(loan, ticket.number) for loan in loans]
    view["returns"] = [
        {
            "kind": r.kind,
            "reason": r.reason,
            "condition": r.condition,
            "opinion": r.opinion,
            "faulty_serial": r.faulty_serial,
            "replacement_serial": r.replacement_serial,
            "created_at": iso_utc(r.created_at),
            "created_by": r.created_by,
        }
        for r in returns_of(session, ticket.id)
    ]
    view["timeline"] = [
        audit_view(e) for e in audit.trail(session, entity="ticket", entity_id=ticket.id)
    ]
    return view
