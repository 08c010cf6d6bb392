"""Intake 受理: a request becomes a ticket — number, customer and device, warranty verdict at
the fault date, deadlines from the moment it came in, repeat check (DOMAIN §1–§2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from shouhou.enums import Channel, Severity
from shouhou.errors import DomainError, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.tickets.records import choice
from shouhou.services.tickets.repeats import RepeatInfo, find_repeat
from shouhou.services.tickets.sla import Rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Customer, Device, Ticket
    from shouhou.services.customers.warranty import Verdict


@dataclass(frozen=True)
class IntakeResult:
    ticket: Ticket
    customer: Customer
    device: Device | None
    verdict: Verdict | None
    reply_due: datetime
    onsite_due: datetime | None
    resolve_due: datetime
    repeat: RepeatInfo | None


def open_ticket(
    session: Session,
    stamp: Stamp,
    *,
    customer_id: int,
    severity: str,
    symptom: str,
    received_at: datetime,
    rules: Rules,
    device_id: int | None = None,
    channel: str = "phone",
    contact: str | None = None,
    phone: str | None = None,
    request: str | None = None,
    category: str | None = None,
    received_by: str | None = None,
    external_number: str | None = None,
) -> IntakeResult:
    """Receive a service request (DOMAIN §2 intake, 首问责任制: the clerk owns it).

    The warranty verdict is decided as of the fault date (``received_at``), not today.
    """
    from sqlmodel import select

    from shouhou.models import Ticket, TicketEvent
    from shouhou.services import numbering
    from shouhou.services.customers.customers import get_customer
    from shouhou.services.customers.devices import get_device, warranty_of
    from shouhou.services.tickets.deadlines import deadlines_at_intake

    choice(severity, [s.value for s in Severity], "severity")
    choice(channel, [c.value for c in Channel], "channel")
    if not symptom.strip():
        raise UsageError("err.required", field="symptom")
    customer = get_customer(session, customer_id)
    device = None
    verdict = None
    if device_id is not None:
        device = get_device(session, device_id)
        if device.customer_id != customer_id:
            raise DomainError(
                "err.device_other_customer", serial=device.serial, customer=customer.name
            )
        verdict = warranty_of(session, device, received_at.astimezone(rules.zone).date())
    if external_number:
        taken = session.exec(select(Ticket.id).where(Ticket.external_number == external_number))
        if taken.first() is not None:
            raise DomainError("err.duplicate_external", number=external_number)
    repeat = None
    if device is not None and category:
        assert device.id is not None
        repeat = find_repeat(
            session,
            device_id=device.id,
            category=category,
            before=received_at,
            window_days=rules.settings.int("repeat.window_days"),
        )
    reply_due, onsite_due, resolve_due = deadlines_at_intake(
        received_at=received_at,
        severity=severity,
        zone=customer.zone,
        policies=rules.policies,
        zone_onsite=rules.zone_onsite,
        calendar=rules.calendar,
        needs_onsite=True,
    )
    ticket = Ticket(
        number=numbering.next_number(session, received_at, rules.zone),
        external_number=external_number or None,
        status="new",
        severity=severity,
        channel=channel,
        customer_id=customer_id,
        device_id=device.id if device else None,
        contact=contact or customer.contact,
        phone=phone or customer.phone,
        symptom=symptom.strip(),
        request=request,
        category=category,
        zone=customer.zone,
        received_at=received_at,
        received_by=received_by or stamp.actor,
        in_warranty=verdict.covered if verdict else None,
        warranty_note=verdict.state if verdict else None,
        reply_due_at=reply_due,
        onsite_due_at=None,
        resolve_due_at=resolve_due,
        repeat_of_id=repeat.previous_id if repeat and repeat.within_window else None,
        repair_count=repeat.repair_count if repeat else 1,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(ticket)
    session.flush()
    assert ticket.id is not None
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            at=received_at,
            kind="status",
            status="new",
            actor=stamp.actor,
            note=None,
        )
    )
    audit.record(
        session,
        Stamp(stamp.actor, received_at),
        entity="ticket",
        entity_id=ticket.id,
        action="create",
        changes={
            "number": ticket.number,
            "severity": severity,
            "channel": channel,
            "customer_id": customer_id,
            "device": device.serial if device else None,
            "symptom": ticket.symptom,
            "in_warranty": ticket.in_warranty,
        },
    )
    return IntakeResult(
        ticket=ticket,
        customer=customer,
        device=device,
        verdict=verdict,
        reply_due=reply_due,
        onsite_due=onsite_due,
        resolve_due=resolve_due,
        repeat=repeat,
    )
