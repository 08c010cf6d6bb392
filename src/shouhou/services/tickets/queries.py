"""Read side of tickets: list views sorted by urgency, the detail view, the overdue list.

Lists filter, order and LIMIT in SQL on the SLA state stored on the row (``ranking``) and build
views only for the rows they print, from plain rows of the columns a view shows
(``listing.list_select``); a view's SLA fields come from the stored deadlines by arithmetic
(``listing.stored_fields``), except a waiting ticket's, whose deadlines move with the clock and
are computed from its log. ``ticket show`` always computes from the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from shouhou.services.tickets.deadlines import SlaState
from shouhou.services.tickets.listing import (
    BRIEF_COLUMNS,
    BRIEF_KEYS,
    LIST_COLUMNS,
    SlaFields,
    brief_view_of,
    columns_of,
    list_select,
    state_fields,
    stored_fields,
    view_of,
)
from shouhou.services.tickets.sla import (
    Rules,
    escalation_after,
    sla_of,
    spare_unit_due,
    state_from_stored,
    urgency,
)
from shouhou.timeutil import iso_utc

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Select
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
    """The view of a ticket with a computed SLA state (``listing.view_of``)."""
    return view_of(
        columns_of(ticket),
        state_fields(ticket, state, rules, now),
        rules,
        totals,
        customer_name=customer_name,
        device_serial=device_serial,
        loan_open=loan_open,
    )


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
    """Views of many ORM tickets with a fixed number of queries (no N+1).

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


def _row_views(
    session: Session, query: Select[Any], rules: Rules, now: datetime, *, brief: bool = False
) -> list[tuple[dict[str, Any], SlaFields]]:
    """Views of the rows of ``query`` (``listing.list_select`` filtered and ordered), in its
    order, with their SLA fields: from the row for a ticket that is not waiting, from the log
    (``views_for``) for a waiting one. ``brief``: the rows have ``BRIEF_COLUMNS`` and the views
    only ``BRIEF_KEYS`` (no charges)."""
    from sqlmodel import col, select

    from shouhou.models import Ticket
    from shouhou.services.tickets.charges import ZERO, Totals

    session.flush()  # as the session's autoflush would; the rows are plain, not ORM objects
    rows = session.connection().execute(query).mappings().all()
    escalate = escalation_after(rules)
    fields: list[SlaFields | None] = [
        None if row["waiting_since"] is not None else stored_fields(row, now, escalate)
        for row in rows
    ]
    waiting = [row["id"] for row, sla in zip(rows, fields, strict=True) if sla is None]
    computed: dict[int, tuple[dict[str, Any], SlaFields]] = {}
    if waiting:
        tickets = session.exec(select(Ticket).where(col(Ticket.id).in_(waiting))).all()
        for ticket, state, view in views_for(session, tickets, rules, now):
            assert ticket.id is not None
            if brief:
                view = {key: view[key] for key in BRIEF_KEYS}
            computed[ticket.id] = (view, state_fields(ticket, state, rules, now))
    lent = _open_loans(
        session,
        [row["id"] for row, sla in zip(rows, fields, strict=True) if sla and sla.spare_candidate],
    )
    if brief:
        return [
            computed[row["id"]]
            if sla is None
            else (brief_view_of(row, sla, loan_open=row["id"] in lent), sla)
            for row, sla in zip(rows, fields, strict=True)
        ]
    totals = _totals_for(session, [row["id"] for row in rows])
    empty = Totals(ZERO, ZERO, ZERO, ZERO)
    result = []
    for row, sla in zip(rows, fields, strict=True):
        if sla is None:
            result.append(computed[row["id"]])
            continue
        view = view_of(
            row,
            sla,
            rules,
            totals.get(row["id"], empty),
            customer_name=row["customer_name"],
            device_serial=row["device_serial"],
            loan_open=row["id"] in lent,
        )
        result.append((view, sla))
    return result


_PLAIN_SORTS = ("number", "received", "newest")


def _list_where(
    rules: Rules,
    now: datetime,
    *,
    statuses: Sequence[str] | None,
    overdue: bool,
    due_today: bool,
    **filters: Any,
) -> list[ColumnElement[bool]]:
    """The WHERE clauses of ``ticket list`` (see :func:`list_views`)."""
    from shouhou.services.tickets.ranking import due_within, overdue_condition
    from shouhou.services.tickets.records import ticket_filters

    where = ticket_filters(statuses=statuses, **filters)
    if overdue:
        where.append(overdue_condition(now))
    if due_today:
        day_start = now.astimezone(rules.zone).replace(hour=0, minute=0, second=0, microsecond=0)
        where.append(due_within(day_start, day_start + timedelta(days=1)))
    return where


def count_matching(
    session: Session,
    rules: Rules,
    now: datetime,
    *,
    statuses: Sequence[str] | None,
    overdue: bool = False,
    due_today: bool = False,
    **filters: Any,
) -> int:
    """How many tickets ``list_views`` lists with these filters and no limit (``COUNT``)."""
    from sqlalchemy import func, select

    from shouhou.models import Ticket

    where = _list_where(
        rules, now, statuses=statuses, overdue=overdue, due_today=due_today, **filters
    )
    table = Ticket.__table__  # type: ignore[attr-defined]
    return int(session.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


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
    brief: bool = False,
    **filters: Any,
) -> list[dict[str, Any]]:
    """``ticket list``: filter, order (most urgent first by default) and limit in SQL.

    ``overdue``: a deadline missed (recorded) or late now; ``due_today``: a deadline not yet
    met falls on today's local date (a waiting ticket only if it had passed before the wait).
    ``sort``: urgency | number | received | newest (ties: oldest, then by id). ``brief``: only
    what a table shows (``listing.BRIEF_KEYS``), from fewer columns and without charges.
    """
    from sqlmodel import col

    from shouhou.models import Ticket
    from shouhou.services.tickets.ranking import urgency_order

    query = list_select(BRIEF_COLUMNS if brief else LIST_COLUMNS).where(
        *_list_where(rules, now, statuses=statuses, overdue=overdue, due_today=due_today, **filters)
    )
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
    views = [view for view, _ in _row_views(session, query, rules, now, brief=brief)]
    if sort == "urgency":  # the score of the printed views decides (see ``ranking``)
        views.sort(key=lambda v: -v["urgency"])
    return views


def overdue_views(session: Session, rules: Rules, now: datetime) -> list[dict[str, Any]]:
    """Unresolved tickets past a deadline right now, most late first, with how late."""
    from sqlmodel import col

    from shouhou.models import Ticket
    from shouhou.services.tickets.ranking import late_now

    query = (
        list_select()
        .where(col(Ticket.status).in_(OPEN_STATES[:-1]), late_now(now))
        .order_by(col(Ticket.next_due_at), col(Ticket.id))
    )
    result = []
    for view, sla in _row_views(session, query, rules, now):
        if sla.late > timedelta(0):
            view["late_minutes"] = int(sla.late.total_seconds() // 60)
            view["late_milestones"] = sla.late_milestones
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
