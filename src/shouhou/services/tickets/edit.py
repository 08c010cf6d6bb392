"""Correcting a ticket after intake (issue 10, CLI.md ``ticket edit``).

A ticket opened without a device gets one; a wrong customer, symptom, fault date, severity,
contact or faulty component is put right. Whatever changes, the rules that depend on it are
judged again in the same transaction: the warranty verdict (DOMAIN §1: the faulty component's
term at the fault date), free or chargeable once a cause is recorded, the repeat and
three-strikes check, and the deadlines (DOMAIN §2: counted from intake with the new severity
and the customer's zone, through ``records.refresh``). One audit entry lists every change.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from shouhou.enums import Severity
from shouhou.errors import DomainError, InvalidTransition, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.tickets.records import choice, get_ticket, refresh
from shouhou.services.tickets.repeats import RepeatInfo, judge_repeat
from shouhou.services.tickets.sla import CLOSED_STATES, Rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Customer, Device, Ticket
    from shouhou.services.customers.warranty import FaultVerdict, Verdict

# What ``ticket edit`` can change, as its options name them (for "nothing to change").
OPTIONS = (
    "--device",
    "--customer",
    "--symptom",
    "--fault-date",
    "--severity",
    "--contact",
    "--phone",
    "--component",
    "--category",
    "--request",
)

# The ticket's fields the audit entry compares, before and after.
TRACKED = (
    "customer_id",
    "device",
    "zone",
    "contact",
    "phone",
    "symptom",
    "request",
    "category",
    "severity",
    "fault_date",
    "component",
    "in_warranty",
    "warranty_note",
    "chargeable",
    "repeat_of_id",
    "repair_count",
)
DEADLINES = ("reply_due_at", "onsite_due_at", "resolve_due_at")


@dataclass(frozen=True)
class TicketChanges:
    """What the clerk asks to change; ``None`` leaves a field as it is."""

    device: str | None = None  # serial or id
    customer: str | None = None  # id, phone or a name fragment matching one customer
    symptom: str | None = None
    fault_date: date | None = None
    severity: str | None = None  # "1" | "2" | "3"
    contact: str | None = None
    phone: str | None = None
    component: str | None = None  # "unit" or a component of the device
    category: str | None = None
    request: str | None = None

    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


@dataclass(frozen=True)
class EditResult:
    ticket: Ticket
    customer: Customer
    device: Device | None
    verdict: Verdict | None  # every term of the device on the fault date
    fault_verdict: FaultVerdict | None  # the faulty component's: the one that decides
    repeat: RepeatInfo | None
    changes: dict[str, list[Any]]  # {field: [old, new]}; empty when nothing changed


def edit_ticket(
    session: Session, stamp: Stamp, ref: str, *, changes: TicketChanges, rules: Rules
) -> EditResult:
    """Change a ticket's intake facts and judge again what depends on them (issue 10).

    Refused (exit 1) on a closed or cancelled ticket, and for a device that belongs to another
    customer than the ticket's — unless ``customer`` moves the ticket to the device's owner in
    the same edit (a ticket's device always belongs to its customer). The warranty verdict is
    that of the faulty component (given, else the one recorded if the device has it, else the
    whole unit) on the fault date; a diagnosed cause re-decides free or chargeable
    (``lifecycle.chargeable``). Deadlines count from intake again (``records.refresh``); a
    deadline already missed stays missed. Nothing changed → no audit entry, nothing written.
    """
    from shouhou.services.customers.customers import get_customer, resolve_customer
    from shouhou.services.customers.devices import get_device
    from shouhou.services.tickets.intake import check_fault_date, fault_day

    if changes.empty():
        raise UsageError("err.edit_nothing", accepted=", ".join(OPTIONS))
    ticket = get_ticket(session, ref)
    if ticket.status in CLOSED_STATES:
        raise InvalidTransition("err.edit_finished", number=ticket.number, status=ticket.status)
    _check_values(changes)
    old_customer = get_customer(session, ticket.customer_id)
    old_device = get_device(session, ticket.device_id) if ticket.device_id else None
    customer = old_customer
    if changes.customer is not None:
        customer = resolve_customer(session, changes.customer)
    device = old_device
    if changes.device is not None:
        device = get_device(session, changes.device)
    if device is not None and device.customer_id != customer.id:
        raise DomainError("err.device_other_customer", serial=device.serial, customer=customer.name)
    if changes.component is not None and device is None:
        raise UsageError("err.component_needs_device", field="component", value=changes.component)
    if changes.fault_date is not None:
        check_fault_date(changes.fault_date, ticket.received_at, rules.zone)

    before = _snapshot(ticket, old_device)
    _apply_people(ticket, changes, old_customer, customer)
    ticket.device_id = device.id if device else None
    for name in ("symptom", "request", "category", "severity", "fault_date"):
        value = getattr(changes, name)
        if value is not None:
            setattr(ticket, name, value.strip() if isinstance(value, str) else value)
    fault_on = fault_day(ticket, rules.zone)
    verdict, judged = _judge(session, ticket, device, fault_on, changes.component)
    repeat = judge_repeat(session, ticket, rules, fault_on)
    delta = audit.diff(before, _snapshot(ticket, device))
    if delta:
        deadlines = {name: getattr(ticket, name) for name in DEADLINES}
        ticket.updated_at = stamp.at
        refresh(session, ticket, rules, stamp.at)
        delta.update(audit.diff(deadlines, {name: getattr(ticket, name) for name in DEADLINES}))
        assert ticket.id is not None
        audit.record(
            session, stamp, entity="ticket", entity_id=ticket.id, action="edit", changes=delta
        )
    return EditResult(
        ticket=ticket,
        customer=customer,
        device=device,
        verdict=verdict,
        fault_verdict=judged,
        repeat=repeat,
        changes=delta,
    )


def _check_values(changes: TicketChanges) -> None:
    if changes.symptom is not None and not changes.symptom.strip():
        raise UsageError("err.required", field="symptom")
    if changes.severity is not None:
        choice(changes.severity, [s.value for s in Severity], "severity")


def _snapshot(ticket: Ticket, device: Device | None) -> dict[str, Any]:
    values = {name: getattr(ticket, name) for name in TRACKED if name != "device"}
    values["device"] = device.serial if device else None
    return values


def _apply_people(
    ticket: Ticket, changes: TicketChanges, old: Customer, customer: Customer
) -> None:
    """Contact and phone as given; on a move to another customer, the ones taken from the old
    customer's file at intake become the new customer's (a caller's own stay)."""
    if customer.id != old.id:
        assert customer.id is not None
        ticket.customer_id = customer.id
        ticket.zone = customer.zone  # the on-site deadline follows the site
        if ticket.contact == old.contact:
            ticket.contact = customer.contact
        if ticket.phone == old.phone:
            ticket.phone = customer.phone
    if changes.contact is not None:
        ticket.contact = changes.contact.strip() or None
    if changes.phone is not None:
        ticket.phone = changes.phone.strip() or None


def _judge(
    session: Session,
    ticket: Ticket,
    device: Device | None,
    fault_on: date,
    component: str | None,
) -> tuple[Verdict | None, FaultVerdict | None]:
    """DOMAIN §1: the faulty component's term at the fault date decides free or chargeable."""
    from shouhou.services.customers.devices import warranty_of
    from shouhou.services.tickets.lifecycle import chargeable

    if device is None:
        return None, None
    verdict = warranty_of(session, device, fault_on)
    if component is not None:
        name: str | None = component.strip()
    else:  # keep the recorded one when this device has it (another device may not)
        known = {line.component for line in verdict.lines}
        name = ticket.component if ticket.component in known else None
    judged = verdict.judge(name)
    ticket.component = judged.component
    ticket.in_warranty = judged.covered
    ticket.warranty_note = judged.state
    if ticket.cause is not None:
        ticket.chargeable = chargeable(ticket.in_warranty, ticket.cause)
    return verdict, judged
