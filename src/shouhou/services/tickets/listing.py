"""The view of a ticket in a list, and its SLA fields read from the state stored on the row.

A list (``queries.list_views`` / ``overdue_views``) fetches, in one query, only the columns a
view shows (``LIST_COLUMNS``) with the customer's name and the device's serial joined in, as
plain rows, not ORM objects. For a ticket that is not waiting, every SLA field of its view
follows from the stored deadlines and the times they were met by plain arithmetic
(:func:`stored_fields`): no log, no calendar, no :class:`SlaState`. This is
``sla.state_from_stored`` followed by what :func:`queries.ticket_view` derives from a state,
inlined; both give the same view (``tests/services/test_sla_stored.py`` compares them). A
waiting ticket's deadlines move with the clock: its view is computed from its log
(:func:`state_fields` on ``sla.sla_of``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from shouhou.services.tickets.sla import (
    CRITICAL,
    FINISHED_STATES,
    POINT_STEP,
    SEVERITY_POINTS,
    Rules,
    auto_escalation_level,
    lateness,
    missed_milestones,
    spare_unit_due,
    urgency,
)
from shouhou.timeutil import to_utc

if TYPE_CHECKING:
    from sqlalchemy import Select

    from shouhou.models import Ticket
    from shouhou.services.tickets.charges import Totals
    from shouhou.services.tickets.deadlines import SlaState

# The ticket columns a list view reads (the rest of the row stays in the database).
LIST_COLUMNS = (
    "id",
    "number",
    "external_number",
    "status",
    "severity",
    "channel",
    "mode",
    "customer_id",
    "device_id",
    "contact",
    "phone",
    "symptom",
    "request",
    "category",
    "cause",
    "finding",
    "action",
    "received_at",
    "received_by",
    "assignee",
    "component",
    "fault_date",
    "in_warranty",
    "warranty_note",
    "chargeable",
    "reply_due_at",
    "onsite_due_at",
    "resolve_due_at",
    "replied_at",
    "arrived_at",
    "resolved_at",
    "closed_at",
    "missed",
    "waiting_since",
    "wait_reason",
    "escalation_level",
    "escalated_to",
    "repair_count",
    "repeat_of_id",
    "approved_by",
    "updated_at",
)
# What a table of tickets needs (``brief``): the columns it shows and the SLA inputs.
BRIEF_COLUMNS = (
    "id",
    "number",
    "status",
    "severity",
    "assignee",
    "symptom",
    "received_at",
    "reply_due_at",
    "onsite_due_at",
    "resolve_due_at",
    "replied_at",
    "arrived_at",
    "resolved_at",
    "missed",
    "waiting_since",
    "escalation_level",
    "updated_at",
)
# The keys of a brief view: what ``ticket list`` shows in a table and sorts on.
BRIEF_KEYS = (
    "id",
    "number",
    "status",
    "severity",
    "customer_name",
    "device_serial",
    "assignee",
    "symptom",
    "overdue",
    "waiting",
    "next_due",
    "next_due_at",
    "minutes_left",
    "escalation_level",
    "urgency",
    "spare_unit_due",
)
_ZERO = timedelta(0)


def _iso(moment: datetime | None) -> str | None:
    """``timeutil.iso_utc``, one call less for what the database returns (aware UTC)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo is UTC else to_utc(moment)).isoformat()


class SlaFields(NamedTuple):
    """What a view shows of a ticket's SLA state at one moment."""

    reply_due_at: datetime | None
    onsite_due_at: datetime | None
    resolve_due_at: datetime | None
    overdue: list[str]  # missed now or recorded as missed before
    next_due: str | None  # the earliest pending milestone of an unfinished ticket
    next_due_at: datetime | None
    minutes_left: int | None  # negative when late; None when paused or nothing pends
    escalation_level: int  # stored, or higher when late enough
    urgency: int  # ``sla.urgency``
    spare_candidate: bool  # ``sla.spare_unit_due`` unless a spare unit is out on loan
    late: timedelta  # ``sla.lateness``: how late the most overdue pending milestone is
    late_milestones: list[str]  # pending milestones past their deadline


def list_select(columns: tuple[str, ...] = LIST_COLUMNS) -> Select[Any]:
    """``SELECT`` of these ticket columns, the customer's name and the device's serial."""
    from sqlalchemy import select

    from shouhou.models import Customer, Device, Ticket

    table = Ticket.__table__  # type: ignore[attr-defined]
    customer = Customer.__table__  # type: ignore[attr-defined]
    device = Device.__table__  # type: ignore[attr-defined]
    return (
        select(
            *(table.c[name] for name in columns),
            customer.c.name.label("customer_name"),
            device.c.serial.label("device_serial"),
        )
        .select_from(table)
        .outerjoin(customer, customer.c.id == table.c.customer_id)
        .outerjoin(device, device.c.id == table.c.device_id)
    )


def columns_of(ticket: Ticket) -> dict[str, Any]:
    """An ORM ticket as a list row (the view reads rows by column name)."""
    return {name: getattr(ticket, name) for name in LIST_COLUMNS}


def stored_fields(
    row: Mapping[Any, Any], now: datetime, escalate: tuple[timedelta, timedelta]
) -> SlaFields:
    """The SLA fields of a ticket that is not waiting, from its row alone.

    As ``sla.state_from_stored``: a milestone is missed when met after its deadline, or still
    pending past it at ``now`` — or at the end (fix or cancellation) of a finished ticket.
    ``escalate``: ``sla.escalation_after`` (how late goes to the supervisor, the manager).
    """
    status = row["status"]
    running = status not in FINISHED_STATES
    end = None  # ``sla.finished_at``
    if status in ("resolved", "closed"):
        end = row["resolved_at"]
    elif status == "cancelled":
        end = row["updated_at"]
    clock = end if end is not None and end < now else now
    recorded = row["missed"].split(",") if row["missed"] else ()
    reply_due, onsite_due, resolve_due = (
        row["reply_due_at"],
        row["onsite_due_at"],
        row["resolve_due_at"],
    )
    overdue: list[str] = []
    late_names: list[str] = []
    late = _ZERO
    next_name: str | None = None
    next_at: datetime | None = None
    for name, due, met in (
        ("reply", reply_due, row["replied_at"]),
        ("onsite", onsite_due, row["arrived_at"]),
        ("resolve", resolve_due, row["resolved_at"]),
    ):
        if due is None:
            missed = False
        elif met is not None:
            missed = met > due
        else:
            missed = clock > due
            if next_at is None or due < next_at:  # ties: the earlier milestone
                next_name, next_at = name, due
            if now > due:
                late_names.append(name)
                late = max(late, now - due)
        if missed or name in recorded:
            overdue.append(name)
    level = row["escalation_level"]
    points = SEVERITY_POINTS.get(row["severity"], 0)
    minutes_left = None
    if running and next_at is not None:
        remaining = next_at - now
        minutes_left = int(remaining.total_seconds() // 60)
        if remaining < _ZERO:
            points += 200 + min(100, -remaining // POINT_STEP)
        else:
            points += max(0, 150 - remaining // POINT_STEP)
        if late > _ZERO:  # ``sla.auto_escalation_level``
            supervisor, manager = escalate
            level = max(level, 2 if late > manager else 1 if late > supervisor else 0)
    else:
        next_name = next_at = None
    points += 60 * level + min(50, max(0, (now - row["received_at"]).days))
    spare = (
        running
        and row["severity"] == CRITICAL
        and resolve_due is not None
        and row["resolved_at"] is None
        and now > resolve_due
    )
    return SlaFields(
        reply_due,
        onsite_due,
        resolve_due,
        overdue,
        next_name,
        next_at,
        minutes_left,
        level,
        points,
        spare,
        late,
        late_names,
    )


def state_fields(ticket: Ticket, state: SlaState, rules: Rules, now: datetime) -> SlaFields:
    """The SLA fields of a ticket from a computed state (``ticket show``, a waiting ticket)."""
    ms = state.milestones
    running = ticket.status not in FINISHED_STATES
    level = max(ticket.escalation_level, auto_escalation_level(state, rules, now) if running else 0)
    nxt = state.next_due() if running else None
    return SlaFields(
        ms["reply"].due_at,
        ms["onsite"].due_at,
        ms["resolve"].due_at,
        missed_milestones(ticket, state),
        nxt.name if nxt else None,
        nxt.due_at if nxt else None,
        int(nxt.remaining.total_seconds() // 60)
        if nxt and nxt.remaining is not None and not state.paused
        else None,
        level,
        urgency(ticket, state, level, now).score,
        spare_unit_due(ticket, state, now, loan_open=False),
        lateness(state, now),
        [
            m.name
            for m in ms.values()
            if m.due_at is not None and m.met_at is None and now > m.due_at
        ],
    )


def view_of(
    row: Mapping[Any, Any],
    sla: SlaFields,
    rules: Rules,
    totals: Totals | None,
    *,
    customer_name: str | None,
    device_serial: str | None,
    loan_open: bool,
) -> dict[str, Any]:
    """The stable JSON shape of CLI.md plus display helpers (customer name, urgency, whether a
    spare unit is due — ``loan_open``: a spare unit is out on loan for the ticket)."""
    received_at = row["received_at"]
    view: dict[str, Any] = {
        "id": row["id"],
        "number": row["number"],
        "external_number": row["external_number"],
        "status": row["status"],
        "severity": row["severity"],
        "channel": row["channel"],
        "mode": row["mode"],
        "customer_id": row["customer_id"],
        "customer_name": customer_name,
        "device_id": row["device_id"],
        "device_serial": device_serial,
        "contact": row["contact"],
        "phone": row["phone"],
        "symptom": row["symptom"],
        "request": row["request"],
        "category": row["category"],
        "cause": row["cause"],
        "finding": row["finding"],
        "action": row["action"],
        "received_at": _iso(received_at),
        "received_by": row["received_by"],
        "assignee": row["assignee"],
        # DOMAIN §1 verdict inputs; older tickets: NULL component = whole unit, NULL = intake day
        "component": row["component"] or ("unit" if row["device_id"] is not None else None),
        "fault_date": (row["fault_date"] or received_at.astimezone(rules.zone).date()).isoformat(),
        "in_warranty": row["in_warranty"],
        "warranty_state": row["warranty_note"],
        "chargeable": row["chargeable"],
        "reply_due_at": _iso(sla.reply_due_at),
        "onsite_due_at": _iso(sla.onsite_due_at),
        "resolve_due_at": _iso(sla.resolve_due_at),
        "replied_at": _iso(row["replied_at"]),
        "arrived_at": _iso(row["arrived_at"]),
        "resolved_at": _iso(row["resolved_at"]),
        "closed_at": _iso(row["closed_at"]),
        "overdue": sla.overdue,
        "waiting": row["waiting_since"] is not None,
        "wait_reason": row["wait_reason"],
        "next_due": sla.next_due,
        "next_due_at": _iso(sla.next_due_at),
        "minutes_left": sla.minutes_left,
        "escalation_level": sla.escalation_level,
        "escalated_to": row["escalated_to"],
        "repair_count": row["repair_count"],
        "repeat_of_id": row["repeat_of_id"],
        "approved_by": row["approved_by"],
        "urgency": sla.urgency,
        "spare_unit_due": sla.spare_candidate and not loan_open,
    }
    if totals is not None:
        from shouhou.services.tickets.charges import ZERO

        view["charges"] = {
            "parts": str(totals.parts),
            "labor": str(totals.labor),
            "travel": str(totals.travel),
            "total": str(totals.total),
            # ``charges.payable``: nothing when the repair is free
            "payable": str(totals.total if row["chargeable"] else ZERO),
        }
    return view


def brief_view_of(row: Mapping[Any, Any], sla: SlaFields, *, loan_open: bool) -> dict[str, Any]:
    """The part of :func:`view_of` that a table shows (``BRIEF_KEYS``), from ``BRIEF_COLUMNS``."""
    return {
        "id": row["id"],
        "number": row["number"],
        "status": row["status"],
        "severity": row["severity"],
        "customer_name": row["customer_name"],
        "device_serial": row["device_serial"],
        "assignee": row["assignee"],
        "symptom": row["symptom"],
        "overdue": sla.overdue,
        "waiting": row["waiting_since"] is not None,
        "next_due": sla.next_due,
        "next_due_at": _iso(sla.next_due_at),
        "minutes_left": sla.minutes_left,
        "escalation_level": sla.escalation_level,
        "urgency": sla.urgency,
        "spare_unit_due": sla.spare_candidate and not loan_open,
    }
