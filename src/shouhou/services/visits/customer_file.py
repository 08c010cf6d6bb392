"""The engineer's customer file 客户档案 (issue 11 §7; DOMAIN §1 "every ticket, visit, part,
complaint and survey about it"): contacts, devices with per-component warranty, open tickets
with their deadlines, the full ticket history per device (symptom, cause, finding, work done,
parts and charges), loans, returns and every visit — as one plain dict that the
``customer_file`` templates render and ``--format json`` prints.

It lives under ``visits/`` because it reads visits as well as tickets, charges, loans and
returns, and a layer may only import those below it: visits may read tickets, tickets may not
read visits (``customers/files.py`` keeps the short file that ``customer show`` prints).

A fixed number of queries whatever the size of the customer (customer, devices, components,
tickets, charge lines, loans, returns, visits, visit teams, settings): 10 devices × 200 tickets
and 100 visits print in well under a second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.i18n import Translator
from shouhou.timeutil import format_local, to_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import ChargeLine, Device, Loan, Ticket

CLOSED_STATUSES = ("closed", "cancelled")
# Visits not over yet: always on the file, whatever ``since`` says.
OPEN_VISIT_STATUSES = ("due", "scheduled", "in_progress")


def dossier_context(
    session: Session,
    ref: str,
    *,
    lang: str,
    zone: tzinfo,
    now: datetime,
    since: date | None = None,
) -> dict[str, Any]:
    """Everything in the customer file of the customer ``ref`` (id, phone or a unique part of
    the name, CLI.md). ``since`` limits the ticket history, loans and returns to what happened
    on or after that local day; open tickets, loans still out and visits not over yet are
    always shown. Visits are listed newest first (appointment, else due date)."""
    from sqlalchemy import and_, or_
    from sqlmodel import col, select

    from shouhou.models import ChargeLine, Device, DeviceComponent, Loan, ReturnRecord, Ticket
    from shouhou.services import config
    from shouhou.services.customers import warranty
    from shouhou.services.customers.customers import get_customer
    from shouhou.services.tickets.documents import company_header, return_block

    t = Translator(lang)
    settings = config.load(session)
    customer = get_customer(session, ref)
    customer_id = customer.id
    assert customer_id is not None
    today = now.astimezone(zone).date()
    start = to_utc(datetime.combine(since, time.min, tzinfo=zone)) if since else None

    def local(moment: datetime | None) -> str | None:
        return format_local(moment, zone) or None

    devices = list(
        session.exec(
            select(Device).where(Device.customer_id == customer_id).order_by(col(Device.id))
        )
    )
    terms: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for component in session.exec(
        select(DeviceComponent)
        .join(Device, col(Device.id) == col(DeviceComponent.device_id))
        .where(Device.customer_id == customer_id)
        .order_by(col(DeviceComponent.id))
    ):
        terms[component.device_id].append((component.name, component.months))

    in_scope: Any = col(Ticket.customer_id) == customer_id
    if start is not None:
        in_scope = and_(
            in_scope,
            or_(col(Ticket.received_at) >= start, col(Ticket.status).not_in(CLOSED_STATUSES)),
        )
    tickets = list(
        session.exec(
            select(Ticket)
            .where(in_scope)
            .order_by(col(Ticket.received_at).desc(), col(Ticket.id).desc())
        )
    )
    lines: dict[int, list[ChargeLine]] = defaultdict(list)
    for line in session.exec(
        select(ChargeLine)
        .join(Ticket, col(Ticket.id) == col(ChargeLine.ticket_id))
        .where(in_scope)
        .order_by(col(ChargeLine.id))
    ):
        lines[line.ticket_id].append(line)
    loans = [
        (loan, number)
        for loan, number in session.exec(
            select(Loan, Ticket.number)
            .join(Ticket, col(Ticket.id) == col(Loan.ticket_id))
            .where(Ticket.customer_id == customer_id)
            .order_by(col(Loan.lent_at).desc(), col(Loan.id).desc())
        )
        if start is None or loan.returned_at is None or _after(loan.lent_at, start)
    ]
    returns = [
        (record, number)
        for record, number in session.exec(
            select(ReturnRecord, Ticket.number)
            .join(Ticket, col(Ticket.id) == col(ReturnRecord.ticket_id))
            .where(Ticket.customer_id == customer_id)
            .order_by(col(ReturnRecord.created_at).desc(), col(ReturnRecord.id).desc())
        )
        if start is None or _after(record.created_at, start)
    ]

    serials = {device.id: device.serial for device in devices}
    history: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for ticket in tickets:
        if start is None or _after(ticket.received_at, start):
            history[ticket.device_id].append(
                _history_entry(ticket, lines.get(ticket.id or 0, []), t, local)
            )

    device_records = []
    for device in devices:
        verdict = warranty.verdict(
            on=today,
            accepted_on=device.accepted_on,
            purchase_date=device.purchase_date,
            unit_months=device.warranty_months,
            components=terms.get(device.id or 0, ()),
            contract_until=device.contract_until,
            serial_tampered=device.serial_tampered,
        )
        device_records.append(_device_entry(device, verdict, history.get(device.id, []), t))

    open_tickets = [
        _open_entry(ticket, serials.get(ticket.device_id), t, local, now)
        for ticket in reversed(tickets)
        if ticket.status not in CLOSED_STATUSES
    ]
    visits = _visits(session, customer_id, start=start, t=t, local=local)
    return {
        "lang": lang,
        "printed_at": format_local(now, zone),
        "company": company_header(settings),
        "currency": settings["currency"],
        "since": since.isoformat() if since else None,
        "customer": {
            "id": customer.id,
            "name": customer.name,
            "contact": customer.contact,
            "phone": customer.phone,
            "address": customer.address,
            "region": customer.region,
            "zone": customer.zone,
            "zone_label": t(f"zone.{customer.zone}"),
            "key": customer.key_customer,
            "notes": customer.notes,
        },
        "summary": {
            "devices": len(devices),
            "tickets": sum(len(entries) for entries in history.values()),
            "open_tickets": len(open_tickets),
            "visits": len(visits),
        },
        "open_tickets": open_tickets,
        "devices": device_records,
        "other_tickets": history.get(None, []),
        "loans": [_loan_entry(loan, number, local) for loan, number in loans],
        "returns": [
            {"ticket": number, **return_block(t, record, zone)} for record, number in returns
        ],
        "visits": visits,
    }


def _visits(
    session: Session, customer_id: int, *, start: datetime | None, t: Translator, local: Any
) -> list[dict[str, Any]]:
    """Every visit to the customer, newest first (DOMAIN §3): kind, state, engineer and team,
    appointment (a due visit: by when), arrival on time or not, work done, what was left and
    the visit carrying it on, a callback's outcome. Two queries."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from shouhou.models import Device, Ticket, Visit
    from shouhou.services.visits.documents import team_of, visit_record

    when = func.coalesce(col(Visit.appointment_at), col(Visit.due_at), col(Visit.created_at))
    rows = list(
        session.exec(
            select(Visit, Ticket.number, Device.serial)
            .outerjoin(Ticket, col(Ticket.id) == col(Visit.ticket_id))
            .outerjoin(Device, col(Device.id) == col(Visit.device_id))
            .where(Visit.customer_id == customer_id)
            .order_by(when.desc(), col(Visit.id).desc())
        )
    )
    follow_ups = {visit.follows_id: visit.number for visit, _, _ in rows if visit.follows_id}
    numbers = {visit.id: visit.number for visit, _, _ in rows}
    shown = [
        (visit, number, serial)
        for visit, number, serial in rows
        if start is None
        or visit.status in OPEN_VISIT_STATUSES
        or _after(visit.appointment_at or visit.due_at or visit.created_at, start)
    ]
    team = team_of(session, [visit.id for visit, _, _ in shown if visit.id is not None])
    return [
        {
            **visit_record(t, visit, local, helpers=team.get(visit.id or 0, [])),
            "ticket": number,
            "device_serial": serial,
            "follow_up": follow_ups.get(visit.id or 0),
            "follows": numbers.get(visit.follows_id),
        }
        for visit, number, serial in shown
    ]


def _after(moment: datetime, start: datetime) -> bool:
    """``moment`` (stored UTC, naive on SQLite) is on or after ``start``."""
    return to_utc(moment) >= to_utc(start)


def _device_entry(
    device: Device, verdict: Any, tickets: list[dict[str, Any]], t: Translator
) -> dict[str, Any]:
    return {
        "id": device.id,
        "serial": device.serial,
        "brand": device.brand,
        "model": device.model,
        "product_line": device.product_line,
        "configuration": device.configuration,
        "factory_date": _iso(device.factory_date),
        "purchase_date": _iso(device.purchase_date),
        "accepted_on": _iso(device.accepted_on),
        "warranty_start": _iso(verdict.start),
        "warranty_state": verdict.state,
        "warranty_label": t(f"warranty.{verdict.state}"),
        "warranty": [
            {
                "component": line.component,
                "months": line.months,
                "until": _iso(line.until),
                "in_warranty": line.in_warranty,
            }
            for line in verdict.lines
        ],
        "contract_until": _iso(device.contract_until),
        "serial_tampered": device.serial_tampered,
        "notes": device.notes,
        "tickets": tickets,
    }


def _history_entry(
    ticket: Ticket, lines: Sequence[ChargeLine], t: Translator, local: Any
) -> dict[str, Any]:
    from shouhou.services.tickets.charges import totals_of
    from shouhou.services.tickets.documents import charge_line

    totals = totals_of(lines)
    return {
        "id": ticket.id,
        "number": ticket.number,
        "status": ticket.status,
        "status_label": t(f"status.{ticket.status}"),
        "severity": ticket.severity,
        "severity_label": t(f"severity.{ticket.severity}"),
        "received_at": local(ticket.received_at),
        "resolved_at": local(ticket.resolved_at),
        "closed_at": local(ticket.closed_at),
        "assignee": ticket.assignee,
        "symptom": ticket.symptom,
        "request": ticket.request,
        "category": ticket.category,
        "component": ticket.component,
        "cause": ticket.cause,
        "cause_label": t(f"cause.{ticket.cause}") if ticket.cause else None,
        "finding": ticket.finding,
        "action": ticket.action,
        "in_warranty": ticket.in_warranty,
        "chargeable": ticket.chargeable,
        "labor_hours": ticket.labor_hours,
        "parts": [
            {"description": line.description, "quantity": line.quantity}
            for line in lines
            if line.kind == "part"
        ],
        "charges": {
            "lines": [charge_line(t, line) for line in lines],
            "parts": str(totals.parts),
            "labor": str(totals.labor),
            "travel": str(totals.travel),
            "other": str(totals.other),
            "total": str(totals.total),
        },
    }


def _open_entry(
    ticket: Ticket, serial: str | None, t: Translator, local: Any, now: datetime
) -> dict[str, Any]:
    due = ticket.next_due_at
    return {
        "number": ticket.number,
        "status": ticket.status,
        "status_label": t(f"status.{ticket.status}"),
        "severity": ticket.severity,
        "severity_label": t(f"severity.{ticket.severity}"),
        "device_serial": serial,
        "received_at": local(ticket.received_at),
        "assignee": ticket.assignee,
        "symptom": ticket.symptom,
        "reply_due_at": local(ticket.reply_due_at),
        "onsite_due_at": local(ticket.onsite_due_at),
        "resolve_due_at": local(ticket.resolve_due_at),
        "next_due_at": local(due),
        "overdue": due is not None and to_utc(due) < to_utc(now),
    }


def _loan_entry(loan: Loan, number: str, local: Any) -> dict[str, Any]:
    return {
        "ticket": number,
        "unit_serial": loan.unit_serial,
        "lent_at": local(loan.lent_at),
        "returned_at": local(loan.returned_at),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
