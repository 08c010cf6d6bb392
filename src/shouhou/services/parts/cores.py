"""Old parts 旧件 owed back to the factory (DOMAIN §4, issue 12 item 6).

"Core parts replaced under warranty must be returned to the factory; track each pending return;
unreturned parts block the warranty claim." The factory names the parts it wants back (the
catalogue's ``core_return`` flag; seed 001: "一些指定的核心部件要回收 … 发放配件的同时 … 返回厂家"),
so every issue of such a part to a ticket opens a pending return of the same quantity
(:func:`open_return`, called by ``issuing``); the part going back to stock unused cancels the
ticket's pending ones first, newest first (:func:`cancel_pending`) — no old part came out.
``part core-returned`` marks one returned (all of it, or ``quantity`` of it: the rest stays
pending). A ticket the firm repairs under warranty (in warranty and not charged to the
customer) with a pending return has its warranty claim blocked (:func:`ticket_cores`, shown
by ``ticket show``); the return slip 退货单 lists the ticket's old parts (:func:`slip_context`).

Age is counted in calendar days of the firm's zone: from the day of issue to today (pending),
or to the day it went back (returned).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.timeutil import format_local, iso_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import CoreReturn, Part, StockMove, Ticket

NOTE_LENGTH = 500


def open_return(session: Session, move: StockMove, *, quantity: int) -> CoreReturn:
    """A pending return for an issue movement of a ``core_return`` part (``issuing``)."""
    from shouhou.models import CoreReturn

    assert move.id is not None and move.ticket_id is not None
    row = CoreReturn(
        part_id=move.part_id,
        ticket_id=move.ticket_id,
        move_id=move.id,
        quantity=quantity,
        issued_at=move.at,
    )
    session.add(row)
    session.flush()
    return row


def _pending(session: Session, part_id: int | None, ticket_id: int) -> list[CoreReturn]:
    from sqlmodel import col, select

    from shouhou.models import CoreReturn

    query = select(CoreReturn).where(
        CoreReturn.ticket_id == ticket_id, col(CoreReturn.returned_at).is_(None)
    )
    if part_id is not None:
        query = query.where(CoreReturn.part_id == part_id)
    return list(session.exec(query.order_by(col(CoreReturn.issued_at), col(CoreReturn.id))))


def cancel_pending(session: Session, part_id: int, ticket_id: int, *, quantity: int) -> int:
    """``quantity`` of the part went back to stock unused: that many pending returns of it on
    the ticket are owed no more (newest first). Returns how many were cancelled."""
    left = quantity
    for row in reversed(_pending(session, part_id, ticket_id)):
        if left == 0:
            break
        taken = min(left, row.quantity)
        left -= taken
        if taken == row.quantity:
            session.delete(row)
        else:
            row.quantity -= taken
            session.add(row)
    session.flush()
    return quantity - left


def _days(start: datetime, end: datetime, zone: tzinfo) -> int:
    return (end.astimezone(zone).date() - start.astimezone(zone).date()).days


def core_view(
    row: CoreReturn, part: Part, ticket: Ticket, customer_name: str, *, now: datetime, zone: tzinfo
) -> dict[str, Any]:
    """The JSON shape of an old part owed back: ``id, ticket, customer, number, name, unit,
    quantity, issued_at, age_days, pending, returned_at, returned_by, note, warranty_claim``."""
    return {
        "id": row.id,
        "ticket": ticket.number,
        "customer": customer_name,
        "number": part.number,
        "name": part.name,
        "unit": part.unit,
        "quantity": row.quantity,
        "issued_at": iso_utc(row.issued_at),
        "age_days": _days(row.issued_at, row.returned_at or now, zone),
        "pending": row.returned_at is None,
        "returned_at": iso_utc(row.returned_at) if row.returned_at else None,
        "returned_by": row.returned_by,
        "note": row.note,
        "warranty_claim": warranty_claim(ticket),
    }


def iter_core_views(
    session: Session,
    *,
    now: datetime,
    zone: tzinfo,
    pending_only: bool = False,
    ticket_ref: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Old parts owed back (``pending_only``) or all of them, oldest issue first."""
    from sqlmodel import col, select

    from shouhou.models import CoreReturn, Customer, Part, Ticket
    from shouhou.services.tickets.records import get_ticket

    query = (
        select(CoreReturn, Part, Ticket, Customer.name)
        .join(Part, col(Part.id) == col(CoreReturn.part_id))
        .join(Ticket, col(Ticket.id) == col(CoreReturn.ticket_id))
        .join(Customer, col(Customer.id) == col(Ticket.customer_id))
        .order_by(col(CoreReturn.issued_at), col(CoreReturn.id))
    )
    if pending_only:
        query = query.where(col(CoreReturn.returned_at).is_(None))
    if ticket_ref is not None:
        query = query.where(col(CoreReturn.ticket_id) == get_ticket(session, ticket_ref).id)
    if limit is not None:
        query = query.limit(limit)
    for row, part, ticket, customer_name in session.exec(query):
        yield core_view(row, part, ticket, customer_name, now=now, zone=zone)


def warranty_claim(ticket: Ticket) -> bool:
    """Whether the firm claims the repair under warranty: in warranty and not charged to the
    customer (an excluded cause in warranty — misuse … — is charged: no claim)."""
    return ticket.in_warranty is True and ticket.chargeable is not True


def ticket_cores(
    session: Session, ticket_id: int, *, now: datetime, zone: tzinfo
) -> dict[str, Any]:
    """A ticket's old parts for ``ticket show``: ``old_parts`` (every one, oldest first),
    ``old_parts_pending`` ("KS-V100 ×1" per pending one) and ``claim_blocked`` — a warranty
    repair with an old part not returned (DOMAIN §4)."""
    from sqlmodel import col, select

    from shouhou.models import CoreReturn, Customer, Part, Ticket

    rows = session.exec(
        select(CoreReturn, Part, Ticket, Customer.name)
        .join(Part, col(Part.id) == col(CoreReturn.part_id))
        .join(Ticket, col(Ticket.id) == col(CoreReturn.ticket_id))
        .join(Customer, col(Customer.id) == col(Ticket.customer_id))
        .where(col(CoreReturn.ticket_id) == ticket_id)
        .order_by(col(CoreReturn.issued_at), col(CoreReturn.id))
    ).all()
    views = [core_view(*row, now=now, zone=zone) for row in rows]
    pending = [f"{v['number']} ×{v['quantity']}" for v in views if v["pending"]]
    claim = bool(rows) and warranty_claim(rows[0][2])
    return {
        "old_parts": views,
        "old_parts_pending": pending,
        "claim_blocked": bool(pending) and claim,
    }


def _checked_note(note: str | None) -> str | None:
    text = (note or "").strip() or None
    if text is not None and len(text) > NOTE_LENGTH:
        raise UsageError("err.core_note_long", limit=NOTE_LENGTH)
    return text


def _mark(
    session: Session, stamp: Stamp, row: CoreReturn, quantity: int, note: str | None
) -> CoreReturn:
    """Mark ``quantity`` of a pending return as back; a part of it splits off as its own row
    (same issue movement) and the rest stays pending."""
    from shouhou.models import CoreReturn

    if quantity < row.quantity:
        row.quantity -= quantity
        session.add(row)
        row = CoreReturn(
            part_id=row.part_id,
            ticket_id=row.ticket_id,
            move_id=row.move_id,
            quantity=quantity,
            issued_at=row.issued_at,
        )
    row.returned_at = stamp.at
    row.returned_by = stamp.actor
    row.note = note
    session.add(row)
    session.flush()
    return row


def _record(
    session: Session, stamp: Stamp, rows: list[CoreReturn], part: Part, note: str | None
) -> None:
    changes: dict[str, object] = {
        "part": part.number,
        "quantity": sum(r.quantity for r in rows),
        "returns": ", ".join(f"#{r.id}" for r in rows),
    }
    if note:
        changes["note"] = note
    audit.record(
        session,
        stamp,
        entity="ticket",
        entity_id=rows[0].ticket_id,
        action="core_returned",
        changes=changes,
    )


def mark_returned(
    session: Session,
    stamp: Stamp,
    core_id: int,
    *,
    quantity: int | None = None,
    note: str | None = None,
) -> tuple[CoreReturn, Part, Ticket]:
    """``part core-returned ID``: the old part of return ``core_id`` went back to the factory
    (all of it, or ``quantity`` of it)."""
    from shouhou.models import CoreReturn, Part, Ticket

    text = _checked_note(note)
    row = session.get(CoreReturn, core_id)
    if row is None:
        raise NotFound("err.core_not_found", ref=core_id)
    part = session.get(Part, row.part_id)
    ticket = session.get(Ticket, row.ticket_id)
    assert part is not None and ticket is not None
    if row.returned_at is not None:
        raise DomainError(
            "err.core_already_returned",
            id=core_id,
            number=part.number,
            ticket=ticket.number,
            by=row.returned_by or "",
        )
    wanted = row.quantity if quantity is None else quantity
    if not 1 <= wanted <= row.quantity:
        raise UsageError(
            "err.core_quantity", id=core_id, value=wanted, pending=row.quantity, unit=part.unit
        )
    done = _mark(session, stamp, row, wanted, text)
    _record(session, stamp, [done], part, text)
    return done, part, ticket


def mark_returned_for(
    session: Session, stamp: Stamp, number: str, ticket_ref: str, *, note: str | None = None
) -> tuple[list[CoreReturn], Part, Ticket]:
    """``part core-returned PN --ticket ID``: every pending old part of that part on the
    ticket went back."""
    from shouhou.services.parts.catalogue import get_part
    from shouhou.services.tickets.records import get_ticket

    text = _checked_note(note)
    ticket = get_ticket(session, ticket_ref)
    part = get_part(session, number)
    assert ticket.id is not None
    rows = _pending(session, part.id, ticket.id)
    if not rows:
        raise NotFound("err.core_none_pending", number=part.number, ticket=ticket.number)
    done = [_mark(session, stamp, row, row.quantity, text) for row in rows]
    _record(session, stamp, done, part, text)
    return done, part, ticket


def slip_context(
    session: Session, ref: str, *, lang: str, zone: tzinfo, now: datetime
) -> dict[str, Any]:
    """The return slip 退货单 (``tickets.documents.slip_context``) with the ticket's old parts:
    what went back to the factory, when and by whom, and what is still owed (issue 12: "the
    return slip prints the parts returned")."""
    from shouhou.services.tickets.documents import slip_context as ticket_slip
    from shouhou.services.tickets.records import get_ticket

    context = ticket_slip(session, ref, lang=lang, zone=zone, now=now)
    ticket = get_ticket(session, ref)
    assert ticket.id is not None
    views = ticket_cores(session, ticket.id, now=now, zone=zone)["old_parts"]
    context["old_parts"] = [
        {
            "number": v["number"],
            "name": v["name"],
            "quantity": v["quantity"],
            "unit": v["unit"],
            "issued_at": format_local(datetime.fromisoformat(v["issued_at"]), zone),
            "returned_at": format_local(datetime.fromisoformat(v["returned_at"]), zone)
            if v["returned_at"]
            else None,
            "returned_by": v["returned_by"],
            "note": v["note"],
        }
        for v in views
    ]
    return context
