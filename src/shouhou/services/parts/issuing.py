"""Parts issued to tickets 领用 and returned to stock 退库 (DOMAIN §4, issue 12 item 3).

The bill decides, the stock follows: :func:`charge_ticket` sets a ticket's charges through
``tickets.charges.set_charges`` and, in the same transaction, moves the stock so that what the
ticket holds of each catalogue part equals the quantity of its part lines —

- wanted = Σ quantity of the ticket's part lines that name the catalogue part (``part_id``),
  a whole number (the ledger counts whole units; 1.5 of a stocked part is a usage error);
- held = − Σ quantity of the ticket's issue and return movements of that part;
- wanted > held: an ``issue`` of the difference (refused with ``err.stock_short`` when the
  shelf has less, so the whole command fails and nothing is written); wanted < held: a
  ``return`` of it.

So correcting the charge returns parts, and :func:`cancel_ticket` (the ticket's cancel plus
returning everything it holds) returns them too. The price stays the bill's business
(``tickets.charges``: the catalogue price unless one is typed; whether the customer pays is
``ticket.chargeable`` — free in warranty, DOMAIN §1); the ledger records the unit cost.

Approval (DOMAIN §4 "issue to a ticket, on a requisition, approved"; issue 12: "key parts, or
issues above a value threshold, need an approver"): issuing a key part, or issuing a part whose
value on the ticket — the quantity the ticket will hold × unit cost (the catalogue price when
there is no cost, the bill's price when there is neither) — is above the setting
``parts.approval_threshold``, needs ``approved_by``: an active user with the role supervisor or
above who is not the one issuing and had no hand in the job (DOMAIN §1, ``tickets.approvals``).
The value is the ticket's holding, not the step: issuing 3 valves one at a time needs the same
approval as issuing 3 at once. The approver is kept on the issue movements.

Old parts 旧件: issuing a part flagged ``core_return`` opens a pending return (``cores``);
returning that part from the ticket cancels pending ones first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from shouhou.enums import Role
from shouhou.errors import DomainError, UsageError
from shouhou.services import audit, users
from shouhou.services.audit import Stamp
from shouhou.services.parts import cores, ledger
from shouhou.services.parts.catalogue import get_part
from shouhou.services.tickets.charges import PartLine, Totals
from shouhou.services.tickets.sla import Rules
from shouhou.timeutil import money
from shouhou.vocabulary import Localised

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import ChargeLine, Part, Ticket

THRESHOLD_KEY = "parts.approval_threshold"
# Issue 12: "an approver (the roles of the ticket-rules issue)" — a supervisor or above.
APPROVER_ROLES = frozenset({Role.supervisor, Role.manager, Role.general_manager})


@dataclass(frozen=True)
class Movement:
    """One stock movement a command made for a ticket: ``quantity`` signed as in the ledger
    (− issued to the ticket, + returned to stock), ``left`` the on-hand after it."""

    part_id: int
    number: str
    name: str
    unit: str
    quantity: int
    left: int
    approved_by: str | None = None
    cores_opened: int = 0
    cores_cancelled: int = 0

    @property
    def issued(self) -> bool:
        return self.quantity < 0


@dataclass(frozen=True)
class Charged:
    """What :func:`charge_ticket` did: the ticket, its bill's totals, the stock movements."""

    ticket: Ticket
    totals: Totals
    moves: tuple[Movement, ...]


def held_by_ticket(session: Session, ticket_id: int) -> dict[int, int]:
    """What the ticket holds of each part: − Σ its issue and return movements (parts it holds
    none of are left out)."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import StockMove

    rows = session.execute(
        select(col(StockMove.part_id), func.sum(col(StockMove.quantity)))
        .where(col(StockMove.ticket_id) == ticket_id, col(StockMove.kind).in_(("issue", "return")))
        .group_by(col(StockMove.part_id))
    )
    return {part_id: -int(total) for part_id, total in rows if int(total) != 0}


def wanted_by_bill(lines: Sequence[ChargeLine], parts: dict[int, Part]) -> dict[int, int]:
    """Σ quantity of the part lines naming each catalogue part; a fractional sum is refused
    (the ledger counts whole units)."""
    sums: dict[int, Decimal] = {}
    for line in lines:
        if line.kind == "part" and line.part_id is not None:
            sums[line.part_id] = sums.get(line.part_id, Decimal(0)) + Decimal(line.quantity)
    wanted = {}
    for part_id, total in sums.items():
        if total != total.to_integral_value():
            part = parts[part_id]
            raise UsageError(
                "err.issue_whole_quantity", number=part.number, quantity=total, unit=part.unit
            )
        wanted[part_id] = int(total)
    return wanted


def unit_value_cents(part: Part, lines: Sequence[ChargeLine]) -> int:
    """What one unit is worth for the approval rule: its cost, else its catalogue price, else
    the price the bill charges for it."""
    if part.cost_cents is not None:
        return part.cost_cents
    if part.price_cents is not None:
        return part.price_cents
    prices = [line.unit_price_cents for line in lines if line.part_id == part.id]
    return max(prices, default=0)


def approval_reason(
    part: Part, quantity: int, unit_cents: int, threshold: Decimal
) -> Localised | None:
    """Why issuing so that the ticket holds ``quantity`` of ``part`` needs an approver, or
    None: a key part; a value above the threshold."""
    value = money(unit_cents * quantity)
    if part.key_part:
        return Localised("key part", zh="关键件")
    if value > threshold:
        return Localised(f"above {threshold}", zh=f"超过审批额度 {threshold}")
    return None


def check_approver(session: Session, stamp: Stamp, ticket: Ticket, name: str) -> str:
    """The approver's own spelling, after checking they may approve: a user, active, a
    supervisor or above, not the one issuing, no hand in the job (DOMAIN §1)."""
    from shouhou.services.tickets.approvals import hands_in

    user = users.find_user(session, name)
    shown = users.display_name(name) or name
    if user is None:
        raise DomainError("err.issue_approver_unknown", name=shown, ticket=ticket.number)
    if not user.active:
        raise DomainError("err.user_inactive", name=user.name)
    if user.role not in APPROVER_ROLES:
        raise DomainError(
            "err.issue_approver_role", name=user.name, role=user.role, ticket=ticket.number
        )
    if user.key == users.key(stamp.actor):
        raise DomainError("err.issue_self_approval", name=user.name, ticket=ticket.number)
    hand = hands_in(session, ticket).get(user.key)
    if hand is not None:
        raise DomainError(
            "err.issue_approver_on_job",
            name=user.name,
            ticket=ticket.number,
            did=", ".join(hand.did),
        )
    return user.name


def reconcile(
    session: Session,
    stamp: Stamp,
    ticket: Ticket,
    *,
    rules: Rules,
    approved_by: str | None = None,
    everything_back: bool = False,
) -> tuple[Movement, ...]:
    """Move the stock so the ticket holds what its bill says (or nothing, ``everything_back``:
    a cancelled ticket). Parts are locked in id order, so two commands never wait on each
    other in a circle."""
    from sqlmodel import col, select

    from shouhou.models import Part
    from shouhou.services.tickets.charges import lines_of

    assert ticket.id is not None
    lines = lines_of(session, ticket.id)
    held = held_by_ticket(session, ticket.id)
    named = {line.part_id for line in lines if line.part_id is not None}
    ids = sorted(named | set(held))
    if not ids:
        return ()
    parts = {p.id: p for p in session.exec(select(Part).where(col(Part.id).in_(ids))) if p.id}
    wanted = {} if everything_back else wanted_by_bill(lines, parts)
    plan = [(parts[i], wanted.get(i, 0), held.get(i, 0)) for i in ids]
    plan = [(part, want, have) for part, want, have in plan if want != have]
    for part, want, have in plan:  # the shelf first: an approval cannot fill it
        if want > have:
            _check_shelf(session, part, want - have)
    threshold = rules.settings.money(THRESHOLD_KEY)
    approver: str | None = None
    for part, want, have in plan:
        if want <= have:
            continue
        reason = approval_reason(part, want, unit_value_cents(part, lines), threshold)
        if reason is not None and approved_by is None:
            raise DomainError(
                "err.issue_approval_missing",
                number=part.number,
                quantity=want - have,
                unit=part.unit,
                ticket=ticket.number,
                value=money(unit_value_cents(part, lines) * want),
                why=reason,
            )
    if approved_by is not None and any(want > have for _, want, have in plan):
        approver = check_approver(session, stamp, ticket, approved_by)
    moves = [_move(session, stamp, ticket, part, want, have, approver) for part, want, have in plan]
    if moves:  # the ticket's timeline: what it holds of each part, before → after
        changes: dict[str, object] = {
            m.number: [held.get(m.part_id, 0), wanted.get(m.part_id, 0)] for m in moves
        }
        if approver:
            changes["approved_by"] = approver
        audit.record(
            session,
            stamp,
            entity="ticket",
            entity_id=ticket.id,
            action="ticket_parts",
            changes=changes,
        )
    return tuple(moves)


def _check_shelf(session: Session, part: Part, quantity: int) -> None:
    """Refuse an issue the shelf cannot meet before asking for anything else (the same
    refusal :func:`ledger.move` makes, under the same lock)."""
    assert part.id is not None
    ledger.lock(session, part.id)
    left = ledger.on_hand(session, part.id)
    if left < quantity:
        raise DomainError(
            "err.stock_short", number=part.number, wanted=quantity, left=left, unit=part.unit
        )


def _move(
    session: Session,
    stamp: Stamp,
    ticket: Ticket,
    part: Part,
    want: int,
    have: int,
    approver: str | None,
) -> Movement:
    assert part.id is not None and ticket.id is not None
    opened = cancelled = 0
    if want > have:
        row = ledger.move(
            session,
            stamp,
            part,
            kind="issue",
            quantity=have - want,
            unit_cost_cents=part.cost_cents,
            ticket_id=ticket.id,
            reference=ticket.number,
            approved_by=approver,
        )
        if part.core_return:
            cores.open_return(session, row, quantity=want - have)
            opened = want - have
    else:
        cancelled = cores.cancel_pending(session, part.id, ticket.id, quantity=have - want)
        row = ledger.move(
            session,
            stamp,
            part,
            kind="return",
            quantity=have - want,
            unit_cost_cents=part.cost_cents,
            ticket_id=ticket.id,
            reference=ticket.number,
        )
    return Movement(
        part_id=part.id,
        number=part.number,
        name=part.name,
        unit=part.unit,
        quantity=row.quantity,
        left=ledger.on_hand(session, part.id),
        approved_by=row.approved_by,
        cores_opened=opened,
        cores_cancelled=cancelled,
    )


def charge_ticket(
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
    approved_by: str | None = None,
) -> Charged:
    """``ticket charge``: set the bill (``tickets.charges.set_charges``) and move the stock to
    match it in the same transaction (issue 12: "issues from stock in the same transaction as
    the charge line … correcting the charge returns the parts").

    The parts are locked before the bill's lines are written: a line's foreign key share-locks
    its part (PostgreSQL), and two commands that each held one while waiting for the other's
    lock on the part would deadlock instead of one being refused."""
    from shouhou.services.tickets.charges import priced_parts, set_charges
    from shouhou.services.tickets.records import get_ticket

    ticket = get_ticket(session, ref)
    assert ticket.id is not None
    ids = set(held_by_ticket(session, ticket.id))
    if parts:
        ids |= {line.part_id for line in priced_parts(session, parts) if line.part_id is not None}
    for part_id in sorted(ids):
        ledger.lock(session, part_id)
    ticket, totals = set_charges(
        session,
        stamp,
        ref,
        rules=rules,
        labor_hours=labor_hours,
        rate=rate,
        travel=travel,
        parts=parts,
        waive=waive,
    )
    moves = reconcile(session, stamp, ticket, rules=rules, approved_by=approved_by)
    return Charged(ticket, totals, moves)


def cancel_ticket(
    session: Session, stamp: Stamp, ref: str, *, reason: str, rules: Rules
) -> tuple[Ticket, tuple[Movement, ...]]:
    """``ticket cancel``: the ticket is cancelled (``tickets.lifecycle.cancel``) and every
    part it holds goes back to stock (issue 12: "cancelling … returns the parts"). The bill's
    lines stay as they were: they say what was charged, the ledger what left the shelf."""
    from shouhou.services.tickets.lifecycle import cancel

    ticket = cancel(session, stamp, ref, reason=reason, rules=rules)
    return ticket, reconcile(session, stamp, ticket, rules=rules, everything_back=True)


def _bill_parts(session: Session, ticket: Ticket) -> list[tuple[PartLine, ChargeLine]]:
    """The ticket's part lines as ``charge --part`` would give them again, each with its line:
    a catalogue part by its number at the price it was charged, any other by its text."""
    from sqlmodel import col, select

    from shouhou.models import Part
    from shouhou.services.tickets.charges import lines_of

    assert ticket.id is not None
    lines = [line for line in lines_of(session, ticket.id) if line.kind == "part"]
    ids = sorted({line.part_id for line in lines if line.part_id is not None})
    numbers: dict[int | None, str] = {}
    if ids:
        for part_id, number in session.exec(
            select(Part.id, Part.number).where(col(Part.id).in_(ids))
        ):
            numbers[part_id] = number
    return [
        (
            PartLine(
                numbers[line.part_id] if line.part_id is not None else line.description,
                Decimal(line.quantity),
                money(line.unit_price_cents),
            ),
            line,
        )
        for line in lines
    ]


def issue_to_ticket(
    session: Session,
    stamp: Stamp,
    ref: str,
    number: str,
    quantity: int,
    *,
    rules: Rules,
    approved_by: str | None = None,
) -> Charged:
    """``part issue PN QTY --ticket ID``: ``quantity`` more of the part on the ticket's bill
    (added to a line of it at the catalogue price, else a new line at that price) and issued
    from stock — through :func:`charge_ticket`, so bill and stock agree."""
    from shouhou.services.tickets.records import get_ticket, require_workable

    ledger.check_quantity(quantity)
    ticket = get_ticket(session, ref)
    require_workable(ticket)
    part = get_part(session, number)
    given = _bill_parts(session, ticket)
    lines = [line for line, _ in given]
    for index, (line, row) in enumerate(given):
        if row.part_id == part.id and row.unit_price_cents == part.price_cents:
            lines[index] = PartLine(line.description, line.quantity + quantity, line.unit_price)
            break
    else:
        lines.append(PartLine(part.number, Decimal(quantity)))
    return charge_ticket(
        session, stamp, ticket.number, rules=rules, parts=lines, approved_by=approved_by
    )


def restock_from_ticket(
    session: Session, stamp: Stamp, ref: str, number: str, quantity: int, *, rules: Rules
) -> Charged:
    """``part restock PN QTY --ticket ID``: ``quantity`` of the part off the ticket's bill
    (from its last lines first) and back to stock — through :func:`charge_ticket`."""
    from shouhou.services.tickets.records import get_ticket, require_workable

    ledger.check_quantity(quantity)
    ticket = get_ticket(session, ref)
    require_workable(ticket)
    part = get_part(session, number)
    given = _bill_parts(session, ticket)
    billed = sum((line.quantity for line, row in given if row.part_id == part.id), Decimal(0))
    if billed < quantity:
        raise DomainError(
            "err.restock_more_than_billed",
            ticket=ticket.number,
            number=part.number,
            billed=billed,
            wanted=quantity,
            unit=part.unit,
        )
    left = Decimal(quantity)
    kept: list[PartLine] = []
    for line, row in reversed(given):
        if row.part_id == part.id and left > 0:
            taken = min(left, line.quantity)
            left -= taken
            if line.quantity > taken:
                kept.append(PartLine(line.description, line.quantity - taken, line.unit_price))
            continue
        kept.append(line)
    kept.reverse()
    return charge_ticket(session, stamp, ticket.number, rules=rules, parts=kept)
