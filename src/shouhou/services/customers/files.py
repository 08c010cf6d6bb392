"""A customer's and a device's file: what ``customer show`` and ``device show`` print — the
record, devices with their warranty verdict, open tickets, loans out, the audit trail."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from shouhou.services import audit
from shouhou.services.customers.customers import get_customer
from shouhou.services.customers.devices import get_device, iter_devices, warranty_of

if TYPE_CHECKING:
    from sqlmodel import Session


def customer_file(session: Session, customer_ref: int | str, *, on: Any) -> dict[str, Any]:
    """Everything an engineer needs about a customer: file, devices, open tickets, loans, trail.
    ``customer_ref``: an id, or a string naming one customer (id, phone, unique name part)."""
    from sqlmodel import col, select

    from shouhou.models import Loan, Ticket
    from shouhou.views import audit_view, customer_view, device_view, loan_view, ticket_brief

    customer = get_customer(session, customer_ref)
    customer_id = customer.id
    assert customer_id is not None
    record = customer_view(customer)
    record["devices"] = [
        device_view(d, warranty_of(session, d, on))
        for d in iter_devices(session, customer_id=customer_id)
    ]
    open_tickets = session.exec(
        select(Ticket)
        .where(
            Ticket.customer_id == customer_id, col(Ticket.status).not_in(("closed", "cancelled"))
        )
        .order_by(col(Ticket.received_at))
    )
    record["open_tickets"] = [ticket_brief(t) for t in open_tickets]
    loans = session.exec(
        select(Loan, Ticket)
        .join(Ticket, col(Ticket.id) == col(Loan.ticket_id))
        .where(Ticket.customer_id == customer_id, col(Loan.returned_at).is_(None))
    )
    record["loans_out"] = [loan_view(loan, ticket.number) for loan, ticket in loans]
    record["timeline"] = [
        audit_view(e) for e in audit.trail(session, entity="customer", entity_id=customer_id)
    ]
    return record


def device_file(session: Session, ref: str, *, on: date) -> dict[str, Any]:
    """A device with warranty verdict, its tickets and its audit trail."""
    from sqlmodel import col, select

    from shouhou.models import Ticket
    from shouhou.views import audit_view, device_view, ticket_brief

    device = get_device(session, ref)
    assert device.id is not None
    record = device_view(device, warranty_of(session, device, on))
    record["customer_name"] = get_customer(session, device.customer_id).name
    tickets = session.exec(
        select(Ticket).where(Ticket.device_id == device.id).order_by(col(Ticket.received_at))
    )
    record["tickets"] = [ticket_brief(t) for t in tickets]
    record["timeline"] = [
        audit_view(e) for e in audit.trail(session, entity="device", entity_id=device.id)
    ]
    return record
