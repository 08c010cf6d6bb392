"""Repair charges and approval (DOMAIN §1): parts + labour hours × rate + travel, in Decimal.

Above the approval threshold, or when an out-of-warranty repair is waived (free), the repair
needs approval by someone other than the engineer before it can be resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from shouhou.errors import DomainError, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.tickets.sla import Rules
from shouhou.timeutil import cents, money, parse_money

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import ChargeLine, Ticket

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    """Round a computed amount to the cent, half up (四舍五入), as invoices do."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PartLine:
    description: str
    quantity: Decimal
    unit_price: Decimal


@dataclass(frozen=True)
class Totals:
    parts: Decimal
    labor: Decimal
    travel: Decimal
    other: Decimal

    @property
    def total(self) -> Decimal:
        return self.parts + self.labor + self.travel + self.other


def parse_part(text: str) -> PartLine:
    """``NAME:QTY:UNIT_PRICE`` as given to ``charge --part`` (e.g. ``阀片:2:120``)."""
    pieces = text.rsplit(":", 2)
    if len(pieces) != 3 or not pieces[0].strip():
        raise UsageError("err.bad_part_line", value=text)
    name, qty_text, price_text = pieces
    try:
        quantity = Decimal(qty_text.strip())
    except InvalidOperation:
        raise UsageError("err.bad_part_line", value=text) from None
    if not quantity.is_finite() or quantity <= 0:
        raise UsageError("err.bad_part_line", value=text)
    return PartLine(name.strip(), quantity, parse_money(price_text, field="part price"))


def parse_hours(text: str) -> Decimal:
    try:
        hours = Decimal(text.strip())
    except InvalidOperation:
        raise UsageError("err.bad_hours", value=text) from None
    if not hours.is_finite() or hours < 0 or hours > 1000:
        raise UsageError("err.bad_hours", value=text)
    return hours


def lines_of(session: Session, ticket_id: int) -> list[ChargeLine]:
    from sqlmodel import col, select

    from shouhou.models import ChargeLine

    return list(
        session.exec(
            select(ChargeLine).where(ChargeLine.ticket_id == ticket_id).order_by(col(ChargeLine.id))
        )
    )


def totals_of(lines: Sequence[ChargeLine]) -> Totals:
    sums = {"part": ZERO, "labor": ZERO, "travel": ZERO, "other": ZERO}
    for line in lines:
        sums[line.kind] = sums.get(line.kind, ZERO) + money(line.amount_cents)
    return Totals(
        parts=sums["part"], labor=sums["labor"], travel=sums["travel"], other=sums["other"]
    )


def set_charges(
    session: Session,
    stamp: Stamp,
    ref: str,
    *,
    rules: Rules,
    labor_hours: Decimal | None = None,
    rate: Decimal | None = None,
    travel: Decimal | None = None,
    parts: Sequence[PartLine] | None = None,
    waive: bool = False,
) -> tuple[Ticket, Totals]:
    """Set the bill. Given parts replace earlier part lines; labour and travel replace theirs.

    Any change clears an earlier approval: the approver must see the final amount.
    """
    from shouhou.models import ChargeLine
    from shouhou.services import audit
    from shouhou.services.tickets.records import get_ticket, require_open

    ticket = get_ticket(session, ref)
    require_open(ticket)
    if ticket.status == "resolved":
        raise DomainError("err.ticket_closed", number=ticket.number, status=ticket.status)
    assert ticket.id is not None
    existing = lines_of(session, ticket.id)
    before = totals_of(existing)
    replace = set()
    new_lines: list[ChargeLine] = []
    if parts is not None:
        replace.add("part")
        for part in parts:
            amount = to_cents(part.quantity * part.unit_price)
            new_lines.append(
                ChargeLine(
                    ticket_id=ticket.id,
                    kind="part",
                    description=part.description,
                    quantity=str(part.quantity),
                    unit_price_cents=cents(part.unit_price),
                    amount_cents=cents(amount),
                )
            )
    if labor_hours is not None:
        replace.add("labor")
        the_rate = rate if rate is not None else rules.settings.money("labor.rate")
        amount = to_cents(labor_hours * the_rate)
        ticket.labor_hours = str(labor_hours)
        ticket.labor_rate_cents = cents(the_rate)
        if labor_hours > 0:
            new_lines.append(
                ChargeLine(
                    ticket_id=ticket.id,
                    kind="labor",
                    description="labor",
                    quantity=str(labor_hours),
                    unit_price_cents=cents(the_rate),
                    amount_cents=cents(amount),
                )
            )
    if travel is not None:
        replace.add("travel")
        ticket.travel_cents = cents(travel)
        if travel > 0:
            new_lines.append(
                ChargeLine(
                    ticket_id=ticket.id,
                    kind="travel",
                    description="travel",
                    quantity="1",
                    unit_price_cents=cents(travel),
                    amount_cents=cents(travel),
                )
            )
    for line in existing:
        if line.kind in replace:
            session.delete(line)
    for line in new_lines:
        session.add(line)
    if waive:
        ticket.chargeable = False
    elif ticket.chargeable is None:
        ticket.chargeable = not ticket.in_warranty
    session.flush()
    after = totals_of(lines_of(session, ticket.id))
    changes: dict[str, object] = {"total": [str(before.total), str(after.total)]}
    if waive:
        changes["waived"] = True
    if ticket.approved_by and (after.total != before.total or waive):
        changes["approval_cleared"] = ticket.approved_by
        ticket.approved_by = None
        ticket.approved_at = None
    ticket.updated_at = stamp.at
    session.add(ticket)
    audit.record(
        session, stamp, entity="ticket", entity_id=ticket.id, action="charge", changes=changes
    )
    return ticket, after


def payable(ticket: Ticket, totals: Totals) -> Decimal:
    """What the customer pays: nothing when the repair is free."""
    return totals.total if ticket.chargeable else ZERO


def approval_needed(session: Session, ticket: Ticket, rules: Rules) -> str | None:
    """Why approval is needed, or None (DOMAIN §1 《售后服务费用预算审批单》)."""
    assert ticket.id is not None
    totals = totals_of(lines_of(session, ticket.id))
    threshold = rules.settings.money("approval.threshold")
    if ticket.chargeable and totals.total > threshold:
        return f"total {totals.total} > {threshold}"
    if ticket.chargeable is False and not ticket.in_warranty:
        return "free repair out of warranty"
    return None


def approve(session: Session, stamp: Stamp, ref: str, rules: Rules) -> tuple[Ticket, str]:
    """Approval by someone other than the engineer on the ticket."""
    from shouhou.services import audit
    from shouhou.services.tickets.records import get_ticket, require_open

    ticket = get_ticket(session, ref)
    require_open(ticket)
    reason = approval_needed(session, ticket, rules)
    if reason is None:
        raise DomainError("err.approval_not_needed", number=ticket.number)
    if ticket.assignee and stamp.actor == ticket.assignee:
        raise DomainError("err.self_approval", number=ticket.number, actor=stamp.actor)
    ticket.approved_by = stamp.actor
    ticket.approved_at = stamp.at
    ticket.updated_at = stamp.at
    session.add(ticket)
    assert ticket.id is not None
    audit.record(
        session,
        stamp,
        entity="ticket",
        entity_id=ticket.id,
        action="approve",
        changes={"reason": reason},
    )
    return ticket, reason
