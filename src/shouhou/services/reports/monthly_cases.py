"""The month's cases in the issue-trend summary (``monthly``; DOMAIN §1, §4, §7): the repeat
repairs and three-strike cases among the tickets received in the month, and the old parts 旧件
still owed to the factory when it ended. Short lists, read with indexed ranges."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.services.tickets.repeats import FIRM_CAUSES

if TYPE_CHECKING:
    from sqlmodel import Session


def _ticket_rows(session: Session, condition: Any, *, start: datetime, end: datetime) -> list[Any]:
    """The month's tickets (received in it, not cancelled) meeting ``condition``, with their
    customer and device, by reception."""
    from sqlalchemy import select
    from sqlalchemy.orm import aliased
    from sqlmodel import col

    from shouhou.models import Customer, Device, Ticket

    earlier = aliased(Ticket)
    received = col(Ticket.received_at)
    query = (
        select(
            col(Ticket.number),
            received,
            col(Customer.name),
            col(Device.serial),
            col(Device.model),
            col(Ticket.category),
            col(Ticket.cause),
            col(Ticket.repair_count),
            col(earlier.number),
        )
        .select_from(Ticket)
        .join(Customer, col(Customer.id) == col(Ticket.customer_id))
        .outerjoin(Device, col(Device.id) == col(Ticket.device_id))
        .outerjoin(earlier, col(earlier.id) == col(Ticket.repeat_of_id))
        .where(received >= start, received < end, col(Ticket.status) != "cancelled", condition)
        .order_by(received, col(Ticket.id))
    )
    return list(session.execute(query))


def repeat_rows(
    session: Session, *, start: datetime, end: datetime, zone: tzinfo
) -> list[dict[str, Any]]:
    """The month's repeat repairs: tickets flagged with the earlier repair they repeat."""
    from sqlmodel import col

    from shouhou.models import Ticket

    rows = _ticket_rows(session, col(Ticket.repeat_of_id).is_not(None), start=start, end=end)
    return [
        {
            "number": number,
            "received_on": received.astimezone(zone).date().isoformat(),
            "customer": customer,
            "serial": serial,
            "model": model,
            "category": category,
            "cause": cause,
            "previous": previous,
        }
        for number, received, customer, serial, model, category, cause, _, previous in rows
    ]


def three_strike_rows(
    session: Session, *, start: datetime, end: datetime, zone: tzinfo
) -> list[dict[str, Any]]:
    """The month's three-strike cases (DOMAIN §1 三包): the 3rd firm-caused repair of a problem
    ("next failure: replacement") or a later report (replacement due); a ticket diagnosed with
    a cause that is not the firm's is another problem and is left out."""
    from sqlalchemy import or_
    from sqlmodel import col

    from shouhou.models import Ticket

    condition = (col(Ticket.repair_count) >= 3) & or_(
        col(Ticket.cause).is_(None), col(Ticket.cause).in_(FIRM_CAUSES)
    )
    rows = _ticket_rows(session, condition, start=start, end=end)
    return [
        {
            "number": number,
            "received_on": received.astimezone(zone).date().isoformat(),
            "customer": customer,
            "serial": serial,
            "model": model,
            "category": category,
            "repair_count": repair_count,
            "verdict": "replace_next" if repair_count == 3 else "replace",
        }
        for number, received, customer, serial, model, category, _, repair_count, _ in rows
    ]


def core_rows(
    session: Session, *, end: datetime, last_day: date, zone: tzinfo
) -> list[dict[str, Any]]:
    """Old parts owed back as the month ended (DOMAIN §4): issued before ``end`` (the month's
    last instant) and not returned before it. ``days``: from the local day of issue to
    ``last_day``, the month's last day; ``returned_on``: when one came back since."""
    from sqlalchemy import or_, select
    from sqlmodel import col

    from shouhou.models import CoreReturn, Customer, Part, Ticket

    returned = col(CoreReturn.returned_at)
    query = (
        select(
            col(Part.number),
            col(Part.name),
            col(Ticket.number),
            col(Customer.name),
            col(CoreReturn.quantity),
            col(CoreReturn.issued_at),
            returned,
        )
        .select_from(CoreReturn)
        .join(Part, col(Part.id) == col(CoreReturn.part_id))
        .join(Ticket, col(Ticket.id) == col(CoreReturn.ticket_id))
        .join(Customer, col(Customer.id) == col(Ticket.customer_id))
        .where(col(CoreReturn.issued_at) < end, or_(returned.is_(None), returned >= end))
        .order_by(col(CoreReturn.issued_at), col(CoreReturn.id))
    )
    rows = []
    for part, name, number, customer, quantity, issued, back in session.execute(query):
        issued_on = issued.astimezone(zone).date()
        rows.append(
            {
                "part": part,
                "part_name": name,
                "number": number,
                "customer": customer,
                "quantity": quantity,
                "issued_on": issued_on.isoformat(),
                "days": (last_day - issued_on).days,
                "returned_on": back.astimezone(zone).date().isoformat() if back else None,
            }
        )
    return rows
