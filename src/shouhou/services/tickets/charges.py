"""Repair charges and approval (DOMAIN §1): parts + labour hours × rate + travel, in Decimal.

Before it can be resolved, a repair needs approval when the customer's bill is above the
approval threshold (a manager), when it is free out of warranty — waived, or no charge at all
(the general manager) — or when a free 三包 repair costs the firm more than the threshold (a
manager). Who may approve is ``approvals``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from shouhou.enums import Role
from shouhou.errors import DomainError, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.tickets.sla import Rules
from shouhou.timeutil import cents, money, parse_money
from shouhou.vocabulary import Localised

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
    """A part on the bill as given: a part number or a name, the quantity, and the unit price
    (None: the catalogue's price for that part number — ``priced_parts``)."""

    description: str
    quantity: Decimal
    unit_price: Decimal | None = None


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
    """What ``charge --part`` takes: ``PN:QTY`` — a part of the parts catalogue, priced from
    it (``KS-F020:2``) — or ``PN_OR_NAME:QTY:UNIT_PRICE`` with the price typed by hand
    (``阀片:2:120``; it overrides the catalogue's). A name may hold colons when the price is
    given (``a:b:1:2`` is the part ``a:b``)."""
    pieces = text.rsplit(":", 2) if text.count(":") >= 2 else text.split(":")
    if len(pieces) not in (2, 3) or not pieces[0].strip():
        raise UsageError("err.bad_part_line", value=text)
    name, qty_text = pieces[0], pieces[1]
    try:
        quantity = Decimal(qty_text.strip())
    except InvalidOperation:
        raise UsageError("err.bad_part_line", value=text) from None
    if not quantity.is_finite() or quantity <= 0:
        raise UsageError("err.bad_part_line", value=text)
    price = parse_money(pieces[2], field="part price") if len(pieces) == 3 else None
    return PartLine(name.strip(), quantity, price)


@dataclass(frozen=True)
class PricedPart:
    """A part line ready for the bill: its description (``name (number)`` for a catalogued
    part) and the price it is charged at."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    part_id: int | None = None  # the catalogue part (issue 12: the stock it is issued from)


DESCRIPTION_LENGTH = 200  # ChargeLine.description


def part_description(name: str, number: str) -> str:
    """``排气阀片 (KS-F020)``: the catalogue's name, with the number ``cost_to_firm`` and the
    stock work find the part by."""
    suffix = f" ({number})"
    return name[: DESCRIPTION_LENGTH - len(suffix)].rstrip() + suffix


def part_number_in(description: str) -> str | None:
    """The part number a charge line names: ``name (PN)`` as ``part_description`` writes it,
    or a bare part number (lines entered before issue 10.8)."""
    text = description.strip()
    if text.endswith(")") and " (" in text:
        return text[text.rindex(" (") + 2 : -1].strip() or None
    return text or None


def priced_parts(session: Session, parts: Sequence[PartLine]) -> list[PricedPart]:
    """Each part line with its name and price from the parts catalogue (DOMAIN §4, filled by
    ``import parts``) when it gives a catalogued part number: the catalogue's name (and
    number) describes the line and its price applies unless one was typed. A name that is
    not a part number needs a typed price; a part number without a catalogue price too."""
    from sqlmodel import col, func, or_, select

    from shouhou.models import Part

    typed = sorted({p.description for p in parts})
    catalogue: dict[str, Part] = {}
    if typed:
        folded = sorted({number.upper() for number in typed})
        matches = or_(col(Part.number).in_(typed), func.upper(col(Part.number)).in_(folded))
        for row in session.exec(select(Part).where(matches)):
            catalogue[row.number] = row
            catalogue.setdefault(row.number.upper(), row)
    priced = []
    for line in parts:
        part = catalogue.get(line.description) or catalogue.get(line.description.upper())
        if part is None:
            if line.unit_price is None:
                raise UsageError("err.part_not_in_catalogue", value=line.description)
            priced.append(PricedPart(line.description, line.quantity, line.unit_price))
            continue
        price = line.unit_price
        if price is None:
            if part.price_cents is None:
                raise UsageError("err.part_without_price", number=part.number)
            price = money(part.price_cents)
        priced.append(
            PricedPart(
                part_description(part.name, part.number), line.quantity, price, part_id=part.id
            )
        )
    return priced


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
    A part given by its catalogue number is named and (unless a price was typed) priced from
    the parts catalogue (``priced_parts``).

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
        for part in priced_parts(session, parts):
            amount = to_cents(part.quantity * part.unit_price)
            new_lines.append(
                ChargeLine(
                    ticket_id=ticket.id,
                    kind="part",
                    description=part.description,
                    part_id=part.part_id,
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


@dataclass(frozen=True)
class Requirement:
    """Why a repair needs approval, for which amount, and the least role that may give it."""

    kind: str  # "estimate" | "free" | "warranty-cost"
    amount: Decimal
    threshold: Decimal
    role: Role

    @property
    def reason(self) -> Localised:
        """Why, in English (what the audit trail records); a Chinese message shows its
        Chinese (``{reason:zh}``, issue 10.7: no English word left in it)."""
        if self.kind == "estimate":
            return Localised(
                f"total {self.amount} > {self.threshold}",
                zh=f"费用合计 {self.amount} > {self.threshold}",
            )
        if self.kind == "warranty-cost":
            return Localised(
                f"cost to the firm {self.amount} > {self.threshold}",
                zh=f"公司承担成本 {self.amount} > {self.threshold}",
            )
        return Localised("free repair out of warranty", zh="保修期外免费维修")


def cost_to_firm(session: Session, lines: Sequence[ChargeLine]) -> Decimal:
    """What a repair costs the firm (DOMAIN §1, seed 003 三包 budget): parts at cost from the
    parts catalogue when a line names a catalogued part number with a cost, else at the line's
    price; labour hours × rate and travel as entered."""
    from sqlmodel import col, select

    from shouhou.models import Part

    named = {line.id: part_number_in(line.description) for line in lines if line.kind == "part"}
    numbers = {number for number in named.values() if number}
    costs: dict[str, int] = {}
    if numbers:
        rows = session.exec(
            select(Part.number, Part.cost_cents).where(col(Part.number).in_(sorted(numbers)))
        )
        costs = {number: cost for number, cost in rows if cost is not None}
    total = ZERO
    for line in lines:
        number = named.get(line.id)
        cost = costs.get(number) if number else None
        if cost is None:
            total += money(line.amount_cents)
        else:
            total += to_cents(Decimal(line.quantity) * money(cost))
    return total


def approval_requirement(session: Session, ticket: Ticket, rules: Rules) -> Requirement | None:
    """What approval the repair needs, or None (DOMAIN §1 《售后服务费用预算审批单》).

    - Out of warranty (or with no warranty on file), a repair the customer does not pay for —
      waived, or resolved with no charge at all — is a free repair: the general manager.
    - A bill the customer pays above the threshold (``approval.threshold``): a manager.
    - A free 三包 repair whose cost to the firm exceeds the threshold: a manager (seed 003).
    """
    assert ticket.id is not None
    lines = lines_of(session, ticket.id)
    totals = totals_of(lines)
    threshold = rules.settings.money("approval.threshold")
    if ticket.in_warranty is not True and (ticket.chargeable is False or totals.total == ZERO):
        return Requirement("free", totals.total, threshold, Role.general_manager)
    if ticket.chargeable:
        if totals.total > threshold:
            return Requirement("estimate", totals.total, threshold, Role.manager)
        return None
    cost = cost_to_firm(session, lines)
    if cost > threshold:
        return Requirement("warranty-cost", cost, threshold, Role.manager)
    return None


def approval_needed(session: Session, ticket: Ticket, rules: Rules) -> str | None:
    """Why approval is needed, or None (see ``approval_requirement``)."""
    needed = approval_requirement(session, ticket, rules)
    return needed.reason if needed else None


def approve(session: Session, stamp: Stamp, ref: str, rules: Rules) -> tuple[Ticket, str]:
    """Approval by an entitled user who had no hand in the job (DOMAIN §1): a manager for an
    estimate or a 三包 cost above the threshold, the general manager for a free repair out of
    warranty. The approval is for this amount: a changed bill needs a new one."""
    from shouhou.services import audit
    from shouhou.services.tickets.approvals import check_approver
    from shouhou.services.tickets.records import get_ticket, require_open

    ticket = get_ticket(session, ref)
    require_open(ticket)
    needed = approval_requirement(session, ticket, rules)
    if needed is None:
        raise DomainError("err.approval_not_needed", number=ticket.number)
    user = check_approver(session, ticket, stamp.actor, needed=needed.role, reason=needed.reason)
    ticket.approved_by = user.name
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
        changes={
            "reason": needed.reason,
            "kind": needed.kind,
            "amount": needed.amount,
            "role": user.role,
        },
    )
    return ticket, needed.reason


def require_approval(
    session: Session, ticket: Ticket, rules: Rules, *, at: datetime | None = None
) -> None:
    """Refuse to finish a job whose approval is missing or no longer holds (DOMAIN §1:
    approval comes before the work, for the amount approved, from someone with no hand in it).

    An approval no longer holds when the bill it was given for changed (kind or amount — also
    when the change came from a re-diagnosis or the parts catalogue), when the approver has
    since had a hand in the job, or when it is dated after the work (``at``).
    """
    from shouhou.services import users
    from shouhou.services.tickets.approvals import hands_in, last_approval

    needed = approval_requirement(session, ticket, rules)
    if needed is None:
        return
    if not ticket.approved_by:
        gm = needed.role is Role.general_manager
        key = "err.approval_missing_gm" if gm else "err.approval_missing"
        raise DomainError(key, number=ticket.number, reason=needed.reason)
    given = last_approval(session, ticket) or {}
    if "kind" in given:
        same = given["kind"] == needed.kind and Decimal(str(given.get("amount"))) == needed.amount
    else:  # approved before approvals recorded their basis: compare what they said
        same = given.get("reason", needed.reason) == needed.reason
    approver_worked = users.key(ticket.approved_by) in hands_in(session, ticket)
    late = at is not None and ticket.approved_at is not None and ticket.approved_at > at
    if not same or approver_worked or late:
        raise DomainError(
            "err.approval_stale",
            number=ticket.number,
            approver=ticket.approved_by,
            reason=needed.reason,
        )
