"""Plain contexts for the printed ticket documents: the service report sheet 售后服务报告单
and the return slip 退货单. Templates receive these dicts, never a session."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError
from shouhou.i18n import Translator
from shouhou.timeutil import format_local, money

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import ChargeLine, Customer, Device, ReturnRecord, Ticket
    from shouhou.services.config import Settings


def company_header(settings: Settings) -> dict[str, str]:
    """The company block at the head of every printed document (settings ``company.*``)."""
    return {
        "name": settings["company.name"],
        "address": settings["company.address"],
        "phone": settings["company.phone"],
    }


def customer_block(customer: Customer) -> dict[str, Any]:
    """The customer block of a printed document: name, contact, phone, address."""
    return {
        "id": customer.id,
        "name": customer.name,
        "contact": customer.contact,
        "phone": customer.phone,
        "address": customer.address,
    }


def device_block(device: Device | None) -> dict[str, Any] | None:
    """The device block of a printed document: serial, brand, model and its dates."""
    if device is None:
        return None
    return {
        "serial": device.serial,
        "brand": device.brand,
        "model": device.model,
        "purchase_date": device.purchase_date.isoformat() if device.purchase_date else None,
        "accepted_on": device.accepted_on.isoformat() if device.accepted_on else None,
        "factory_date": device.factory_date.isoformat() if device.factory_date else None,
    }


def _parties(session: Session, ticket: Ticket) -> tuple[Customer, Device | None]:
    from shouhou.services.customers.customers import get_customer
    from shouhou.services.customers.devices import get_device

    customer = get_customer(session, ticket.customer_id)
    device = get_device(session, ticket.device_id) if ticket.device_id is not None else None
    return customer, device


def sheet_context(
    session: Session, ref: str, *, lang: str, zone: tzinfo, now: datetime
) -> dict[str, Any]:
    """Everything on the service report sheet (DOMAIN §2 售后服务报告单)."""
    from shouhou.services.tickets.charges import lines_of, totals_of
    from shouhou.services.tickets.records import get_ticket
    from shouhou.services.tickets.returns import loans_of

    t = Translator(lang)
    ticket = get_ticket(session, ref)
    assert ticket.id is not None
    customer, device = _parties(session, ticket)
    lines = lines_of(session, ticket.id)
    totals = totals_of(lines)

    def local(moment: datetime | None) -> str | None:
        return format_local(moment, zone) or None

    ratings = _ratings(session, ticket.id)
    from shouhou.services.config import load

    return {
        "lang": lang,
        "printed_at": format_local(now, zone),
        "company": company_header(load(session)),
        "ticket": {
            "number": ticket.number,
            "status": ticket.status,
            "status_label": t(f"status.{ticket.status}"),
            "severity": ticket.severity,
            "severity_label": t(f"severity.{ticket.severity}"),
            "channel_label": t(f"channel.{ticket.channel}"),
            "received_at": local(ticket.received_at),
            "received_by": ticket.received_by,
            "assignee": ticket.assignee,
            "mode_label": t(f"mode.{ticket.mode}") if ticket.mode else None,
            "symptom": ticket.symptom,
            "request": ticket.request,
            "category": ticket.category,
            "cause_label": t(f"cause.{ticket.cause}") if ticket.cause else None,
            "finding": ticket.finding,
            "action": ticket.action,
            "replied_at": local(ticket.replied_at),
            "arrived_at": local(ticket.arrived_at),
            "resolved_at": local(ticket.resolved_at),
            "closed_at": local(ticket.closed_at),
            "in_warranty": ticket.in_warranty,
            # DOMAIN §1: the verdict is the faulty component's when it has its own term.
            "warranty_component": ticket.component
            if ticket.component not in (None, "unit")
            else None,
            # The verdict prints from in_warranty; the note adds only what it does not say.
            "warranty_note": t(f"warranty.{ticket.warranty_note}")
            if ticket.warranty_note in ("under_contract", "void", "unknown")
            else None,
            "chargeable": ticket.chargeable,
            "labor_hours": ticket.labor_hours,
            "approved_by": ticket.approved_by,
            "escalation_level": ticket.escalation_level,
        },
        "customer": customer_block(customer),
        "device": device_block(device),
        "charges": {
            "currency": load(session)["currency"],
            "lines": [charge_line(t, line) for line in lines],
            "parts": str(totals.parts),
            "labor": str(totals.labor),
            "travel": str(totals.travel),
            "total": str(totals.total),
        },
        "loans": [
            {
                "unit_serial": loan.unit_serial,
                "lent_at": local(loan.lent_at),
                "returned_at": local(loan.returned_at),
            }
            for loan in loans_of(session, ticket.id)
        ],
        "ratings": ratings,
    }


def slip_context(
    session: Session, ref: str, *, lang: str, zone: tzinfo, now: datetime
) -> dict[str, Any]:
    """The return slip (DOMAIN §2 退货单) of the ticket's latest return or exchange."""
    from shouhou.services.config import load
    from shouhou.services.tickets.records import get_ticket
    from shouhou.services.tickets.returns import returns_of

    t = Translator(lang)
    ticket = get_ticket(session, ref)
    assert ticket.id is not None
    records = returns_of(session, ticket.id)
    if not records:
        raise DomainError("err.no_return", number=ticket.number)
    record = records[-1]
    customer, device = _parties(session, ticket)
    return {
        "lang": lang,
        "printed_at": format_local(now, zone),
        "company": company_header(load(session)),
        "customer": customer_block(customer),
        "device": device_block(device),
        "ticket": {
            "number": ticket.number,
            "symptom": ticket.symptom,
            "received_at": format_local(ticket.received_at, zone),
            "cause_label": t(f"cause.{ticket.cause}") if ticket.cause else None,
        },
        "record": return_block(t, record, zone),
    }


def return_block(t: Translator, record: ReturnRecord, zone: tzinfo) -> dict[str, Any]:
    """A return or exchange as the printed documents show it (the slip, the customer file)."""
    return {
        "kind": record.kind,
        "kind_label": t(f"return.{record.kind}"),
        "reason": record.reason,
        "condition": record.condition,
        "opinion": record.opinion,
        "faulty_serial": record.faulty_serial,
        "replacement_serial": record.replacement_serial,
        "created_at": format_local(record.created_at, zone),
        "created_by": record.created_by,
    }


def charge_line(t: Translator, line: ChargeLine) -> dict[str, str]:
    """One bill line as the printed forms show it: labour and travel lines are named by their
    kind ("repair labour" / 维修工时), not by the stored description, so the kind is not
    printed twice."""
    return {
        "kind": line.kind,
        "kind_label": t(f"charge.{line.kind}"),
        "description": t(f"charge.item.{line.kind}")
        if line.kind in ("labor", "travel")
        else line.description,
        "quantity": line.quantity,
        "unit_price": str(money(line.unit_price_cents)),
        "amount": str(money(line.amount_cents)),
    }


def _ratings(session: Session, ticket_id: int) -> dict[str, int | None] | None:
    """The customer's rating printed on the sheet: the ticket's latest service survey (the
    survey table is read as data; recording surveys is the feedback services' work)."""
    from sqlmodel import col, select

    from shouhou.models import Survey

    survey = session.exec(
        select(Survey)
        .where(Survey.ticket_id == ticket_id, Survey.kind == "service")
        .order_by(col(Survey.taken_at).desc(), col(Survey.id).desc())
    ).first()
    if survey is None or (survey.quality is None and survey.attitude is None):
        return None
    return {"quality": survey.quality, "attitude": survey.attitude}
