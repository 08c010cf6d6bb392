"""Spare-unit loans 备用机 and returns/exchanges 退货/换货 (DOMAIN §1–§2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Loan, ReturnRecord, Ticket

# DOMAIN §2: human damage is excluded from returns and exchanges.
HUMAN_DAMAGE_CAUSES = ("misuse",)


def open_loans(session: Session, ticket_id: int) -> list[Loan]:
    from sqlmodel import col, select

    from shouhou.models import Loan

    return list(
        session.exec(
            select(Loan).where(Loan.ticket_id == ticket_id, col(Loan.returned_at).is_(None))
        )
    )


def loans_of(session: Session, ticket_id: int) -> list[Loan]:
    from sqlmodel import col, select

    from shouhou.models import Loan

    return list(
        session.exec(select(Loan).where(Loan.ticket_id == ticket_id).order_by(col(Loan.id)))
    )


def lend(session: Session, stamp: Stamp, ref: str, *, unit_serial: str) -> tuple[Ticket, Loan]:
    """Lend a spare unit while the job cannot be fixed in time (critical: 4 h)."""
    from sqlmodel import col, select

    from shouhou.models import Loan
    from shouhou.services.tickets.records import get_ticket, require_open

    serial = unit_serial.strip()
    if not serial:
        raise UsageError("err.required", field="unit")
    ticket = get_ticket(session, ref)
    require_open(ticket)
    busy = session.exec(
        select(Loan).where(Loan.unit_serial == serial, col(Loan.returned_at).is_(None))
    ).first()
    if busy is not None:
        raise DomainError("err.unit_on_loan", serial=serial)
    assert ticket.id is not None
    loan = Loan(ticket_id=ticket.id, unit_serial=serial, lent_at=stamp.at)
    session.add(loan)
    audit.record(
        session,
        stamp,
        entity="ticket",
        entity_id=ticket.id,
        action="loan",
        changes={"unit": serial},
    )
    return ticket, loan


def take_back(
    session: Session, stamp: Stamp, ref: str, *, unit_serial: str | None = None
) -> list[Loan]:
    """The spare unit(s) came back."""
    from shouhou.services.tickets.records import get_ticket

    ticket = get_ticket(session, ref)
    assert ticket.id is not None
    loans = [
        loan
        for loan in open_loans(session, ticket.id)
        if unit_serial is None or loan.unit_serial == unit_serial
    ]
    if not loans:
        raise NotFound("err.no_open_loan", number=ticket.number)
    for loan in loans:
        loan.returned_at = stamp.at
        session.add(loan)
    audit.record(
        session,
        stamp,
        entity="ticket",
        entity_id=ticket.id,
        action="loan-return",
        changes={"units": ", ".join(loan.unit_serial for loan in loans)},
    )
    return loans


def record_return(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    kind: str,
    reason: str,
    condition: str,
    opinion: str,
    replacement_serial: str | None = None,
) -> tuple[Ticket, ReturnRecord]:
    """Return slip 退货单; an exchange registers the replacement unit, which inherits the
    customer and the remaining warranty of the faulty one (DOMAIN §1: a repair does not extend
    the original warranty; a replaced main unit keeps it)."""
    from shouhou.models import ReturnRecord
    from shouhou.services.customers.devices import add_device, components_of, get_device
    from shouhou.services.tickets.records import get_ticket

    if kind not in ("return", "exchange"):
        raise UsageError("err.bad_choice", field="kind", value=kind, accepted="return|exchange")
    for name, value in (("reason", reason), ("condition", condition), ("opinion", opinion)):
        if not value.strip():
            raise UsageError("err.required", field=name)
    ticket = get_ticket(session, ref)
    if ticket.status == "cancelled":
        raise DomainError("err.ticket_closed", number=ticket.number, status=ticket.status)
    if ticket.cause in HUMAN_DAMAGE_CAUSES:
        raise DomainError("err.return_human_damage", number=ticket.number)
    if ticket.device_id is None:
        raise DomainError("err.return_no_device", number=ticket.number)
    faulty = get_device(session, ticket.device_id)
    replacement_id = None
    if kind == "exchange":
        if not replacement_serial:
            raise UsageError("err.required", field="replacement")
        assert faulty.id is not None
        replacement = add_device(
            session,
            stamp,
            customer_id=faulty.customer_id,
            model=faulty.model,
            serial=replacement_serial,
            brand=faulty.brand,
            product_line=faulty.product_line,
            configuration=faulty.configuration,
            factory_date=None,
            purchase_date=faulty.purchase_date,
            accepted_on=faulty.accepted_on,
            warranty_months=faulty.warranty_months,
            components=components_of(session, faulty.id),
            contract_until=faulty.contract_until,
            replaces_device_id=faulty.id,
        )
        replacement_id = replacement.id
    assert ticket.id is not None
    record = ReturnRecord(
        ticket_id=ticket.id,
        kind=kind,
        reason=reason.strip(),
        condition=condition.strip(),
        opinion=opinion.strip(),
        faulty_serial=faulty.serial,
        replacement_serial=replacement_serial if kind == "exchange" else None,
        replacement_device_id=replacement_id,
        created_at=stamp.at,
        created_by=stamp.actor,
    )
    session.add(record)
    audit.record(
        session,
        stamp,
        entity="ticket",
        entity_id=ticket.id,
        action=kind,
        changes={"faulty": faulty.serial, "replacement": replacement_serial, "reason": reason},
    )
    return ticket, record


def returns_of(session: Session, ticket_id: int) -> list[ReturnRecord]:
    from sqlmodel import col, select

    from shouhou.models import ReturnRecord

    return list(
        session.exec(
            select(ReturnRecord)
            .where(ReturnRecord.ticket_id == ticket_id)
            .order_by(col(ReturnRecord.id))
        )
    )
