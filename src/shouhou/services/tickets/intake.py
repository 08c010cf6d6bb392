"""Intake 受理: a request becomes a ticket — number, customer and device, warranty verdict for
the faulty component at the fault date, deadlines from the moment it came in, repeat and
three-strikes check (DOMAIN §1–§2). :func:`receive_call` also opens the file of a new caller
and registers a device the database did not know, in the same transaction (issue 10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.enums import Channel, Severity
from shouhou.errors import DomainError, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.tickets.records import choice
from shouhou.services.tickets.repeats import RepeatInfo, find_repeat, local_date
from shouhou.services.tickets.sla import Rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Customer, Device, Ticket
    from shouhou.services.customers.warranty import FaultVerdict, Verdict


@dataclass(frozen=True)
class IntakeResult:
    ticket: Ticket
    customer: Customer
    device: Device | None
    verdict: Verdict | None  # every term of the device on the fault date
    fault_verdict: FaultVerdict | None  # the one that decides: the faulty component's
    reply_due: datetime
    onsite_due: datetime | None
    resolve_due: datetime
    repeat: RepeatInfo | None


@dataclass(frozen=True)
class NewCustomer:
    """A caller with no customer file yet (DOMAIN §2: look it up, else open one)."""

    name: str
    phone: str | None = None
    contact: str | None = None
    zone: str = "local"


@dataclass(frozen=True)
class NewDevice:
    """A serial the database does not know, registered under the caller's customer."""

    serial: str
    model: str
    accepted_on: date | None = None
    purchase_date: date | None = None
    components: tuple[tuple[str, int], ...] = ()


def fault_day(ticket: Ticket, zone: tzinfo) -> date:
    """The day the fault occurred: recorded at intake, else (older tickets) the intake day."""
    return ticket.fault_date or local_date(ticket.received_at, zone)


def check_fault_date(fault_on: date, received_at: datetime, zone: tzinfo) -> None:
    """A fault is reported after it occurs: its date cannot be after the intake day."""
    received_on = local_date(received_at, zone)
    if fault_on > received_on:
        raise UsageError(
            "err.fault_after_intake",
            field="fault-date",
            value=fault_on.isoformat(),
            received=received_on.isoformat(),
        )


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
    component: str | None = None,
    fault_date: date | None = None,
) -> IntakeResult:
    """Receive a service request (DOMAIN §2 intake, 首问责任制: the clerk owns it).

    DOMAIN §1: the warranty verdict is that of the ``component`` the fault is attributed to
    (default the whole unit), judged at the ``fault_date`` (default the intake day in the
    firm's zone) — which may be earlier than the intake; the deadlines still count from
    ``received_at``. Repeats and three strikes are checked when the fault category is known.
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
    fault_on = fault_date or local_date(received_at, rules.zone)
    check_fault_date(fault_on, received_at, rules.zone)
    if component is not None and device_id is None:
        raise UsageError("err.component_needs_device", field="component", value=component)
    customer = get_customer(session, customer_id)
    device = None
    verdict = None
    judged = None
    if device_id is not None:
        device = get_device(session, device_id)
        if device.customer_id != customer_id:
            raise DomainError(
                "err.device_other_customer", serial=device.serial, customer=customer.name
            )
        verdict = warranty_of(session, device, fault_on)
        judged = verdict.judge(component.strip() if component else None)
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
            received_at=received_at,
            fault_on=fault_on,
            window_days=rules.settings.int("repeat.window_days"),
            zone=rules.zone,
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
        component=judged.component if judged else None,
        fault_date=fault_on,
        zone=customer.zone,
        received_at=received_at,
        received_by=received_by or stamp.actor,
        in_warranty=judged.covered if judged else None,
        warranty_note=judged.state if judged else None,
        reply_due_at=reply_due,
        onsite_due_at=None,
        resolve_due_at=resolve_due,
        next_due_at=min(reply_due, resolve_due),  # stored SLA state (records.refresh)
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
            "component": ticket.component,
            "fault_date": fault_on.isoformat(),
            "in_warranty": ticket.in_warranty,
        },
    )
    return IntakeResult(
        ticket=ticket,
        customer=customer,
        device=device,
        verdict=verdict,
        fault_verdict=judged,
        reply_due=reply_due,
        onsite_due=onsite_due,
        resolve_due=resolve_due,
        repeat=repeat,
    )


def receive_call(
    session: Session,
    stamp: Stamp,
    *,
    customer_id: int | None,
    new_customer: NewCustomer | None = None,
    device_id: int | None = None,
    new_device: NewDevice | None = None,
    **ticket: Any,
) -> IntakeResult:
    """The phone call in one transaction (issue 10, 首问责任制): open the caller's customer file
    when it is new, register the device when its serial is new (whole-unit term from the
    ``warranty.months`` setting; components optional), then :func:`open_ticket` with
    ``ticket``'s fields. All or nothing: a refusal anywhere leaves no customer or device."""
    from shouhou.services import config
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.customers.devices import add_device

    if new_customer is not None:
        customer_id = add_customer(
            session,
            stamp,
            name=new_customer.name,
            phone=new_customer.phone,
            contact=new_customer.contact,
            zone=new_customer.zone,
        ).id
    if customer_id is None:
        raise UsageError("err.required", field="customer")
    if new_device is not None:
        device_id = add_device(
            session,
            stamp,
            customer_id=customer_id,
            model=new_device.model,
            serial=new_device.serial,
            accepted_on=new_device.accepted_on,
            purchase_date=new_device.purchase_date,
            warranty_months=config.load(session).int("warranty.months"),
            components=new_device.components,
        ).id
    return open_ticket(session, stamp, customer_id=customer_id, device_id=device_id, **ticket)
