"""Receipt of a complaint 投诉受理 (DOMAIN §5, issue 13 item 1): whoever takes it records it
(首问责任制: ``received_by`` is the acting user) verbatim, with its customer, ticket, device and
the staff member it is about; its number (CP + YYMM of the receipt month in the firm's zone),
the answer and handling-opinion deadlines (``complaints.answer_due`` / ``opinion_due``), the
manager a serious or major complaint is reported to, and the earlier complaint it repeats
(``complaint_recurrence``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from shouhou.errors import DomainError, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.feedback.complaints import (
    ABOUT,
    GRADES,
    NUMBER_PREFIX,
    SERIOUS,
    answer_due,
    choice,
    opinion_due,
    required,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Complaint, Customer, Device
    from shouhou.services.config import Settings
    from shouhou.services.feedback.complaint_recurrence import Recurrence
    from shouhou.services.tickets.sla import Rules


# -- who --------------------------------------------------------------------------------------


def manager_for(session: Session, settings: Settings) -> str:
    """Whom a serious or major complaint is reported to (DOMAIN §5, §8: the service manager
    handles complaints): the person the setting ``escalate.manager`` names when it has been
    set (the firm chose who escalations go to — tickets escalate to the same person); else the
    first active user with the role manager; else the setting's default ("manager", the role
    itself, as a ticket's escalation names it on a database without users)."""
    from sqlmodel import col, select

    from shouhou.enums import Role
    from shouhou.models import User
    from shouhou.services import users

    key = "escalate.manager"
    if key in settings.values:
        return users.canonical_name(session, settings[key])
    first = session.exec(
        select(User.name)
        .where(User.role == Role.manager.value, col(User.active).is_(True))
        .order_by(col(User.id))
    ).first()
    return first if first is not None else settings[key]


# -- receipt ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    """What ``complaint new`` reports: the row, its parties, the recurrence it was linked to."""

    complaint: Complaint
    customer: Customer
    device: Device | None
    ticket_number: str | None
    recurrence: Recurrence | None
    # Years of the opinion deadline counted on statutory holidays computed by rule only.
    rule_based_years: list[int]


def _parties(
    session: Session,
    *,
    customer_ref: str | int | None,
    ticket_ref: str | int | None,
    device_ref: str | int | None,
) -> tuple[Customer, Device | None, int | None, str | None]:
    """Customer, device, ticket id and number. A ticket gives its customer when none is named
    (and must be that customer's) and its device when none is named; a device must be the
    customer's."""
    from shouhou.services.customers.customers import get_customer
    from shouhou.services.customers.devices import get_device
    from shouhou.services.tickets.records import get_ticket

    ticket = get_ticket(session, ticket_ref) if ticket_ref not in (None, "") else None
    if customer_ref in (None, ""):
        if ticket is None:
            raise UsageError("err.required", field="customer")
        customer = get_customer(session, ticket.customer_id)
    else:
        assert customer_ref is not None
        customer = get_customer(session, customer_ref)
    if ticket is not None and ticket.customer_id != customer.id:
        raise DomainError(
            "err.complaint_ticket_customer", ticket=ticket.number, customer=customer.name
        )
    device = None
    if device_ref not in (None, ""):
        assert device_ref is not None
        device = get_device(session, device_ref)
    elif ticket is not None and ticket.device_id is not None:
        device = get_device(session, ticket.device_id)
    if device is not None and device.customer_id != customer.id:
        raise DomainError("err.device_other_customer", serial=device.serial, customer=customer.name)
    return customer, device, ticket.id if ticket else None, ticket.number if ticket else None


def receive_complaint(
    session: Session,
    stamp: Stamp,
    *,
    customer_ref: str | int | None,
    about: str,
    grade: str,
    text: str,
    received_at: datetime,
    rules: Rules,
    ticket_ref: str | int | None = None,
    device_ref: str | int | None = None,
    staff: str | None = None,
    channel: str = "phone",
) -> Receipt:
    """Record a complaint as received at ``received_at`` by ``stamp.actor`` (DOMAIN §5: any
    staff member receives it — 首问责任制 — and records it verbatim): number CP+YYMM-NNNN of
    the receipt month in the firm's zone, the answer and opinion deadlines counted from
    ``received_at`` (:func:`answer_due`, :func:`opinion_due`), the manager named when it is
    serious or major, and the link to the complaint it repeats (``complaint_recurrence``)."""
    from shouhou.enums import Channel
    from shouhou.models import Complaint
    from shouhou.services import numbering, users
    from shouhou.services.feedback.complaint_recurrence import find_recurrence, link

    choice(about, ABOUT, "about")
    choice(grade, GRADES, "grade")
    choice(channel, tuple(c.value for c in Channel), "channel")
    verbatim = required(text, "text")
    staff_name = users.canonical_name(session, staff) if staff and staff.strip() else None
    customer, device, ticket_id, ticket_number = _parties(
        session, customer_ref=customer_ref, ticket_ref=ticket_ref, device_ref=device_ref
    )
    answer_at = answer_due(received_at, rules)
    opinion_at = opinion_due(received_at, rules)
    prefix = NUMBER_PREFIX + received_at.astimezone(rules.zone).strftime("%y%m")
    complaint = Complaint(
        number=numbering.reserve(session, prefix)[0],
        status="open",
        customer_id=customer.id or 0,
        ticket_id=ticket_id,
        device_id=device.id if device else None,
        staff=staff_name,
        about=about,
        grade=grade,
        text=verbatim,
        channel=channel,
        received_at=received_at,
        received_by=stamp.actor,
        manager=manager_for(session, rules.settings) if grade in SERIOUS else None,
        answer_due_at=answer_at,
        opinion_due_at=opinion_at,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(complaint)
    session.flush()
    assert complaint.id is not None
    audit.record(
        session,
        Stamp(stamp.actor, received_at),
        entity="complaint",
        entity_id=complaint.id,
        action="create",
        changes={
            "number": complaint.number,
            "customer_id": complaint.customer_id,
            "ticket": ticket_number,
            "device": device.serial if device else None,
            "about": about,
            "grade": grade,
            "staff": staff_name,
            "manager": complaint.manager,
            "answer_due_at": answer_at,
            "opinion_due_at": opinion_at,
        },
    )
    recurrence = find_recurrence(session, complaint, rules=rules)
    if recurrence is not None:
        link(session, Stamp(stamp.actor, received_at), complaint, recurrence)
    return Receipt(
        complaint=complaint,
        customer=customer,
        device=device,
        ticket_number=ticket_number,
        recurrence=recurrence,
        rule_based_years=rules.calendar.rule_based_years([opinion_at]),
    )
