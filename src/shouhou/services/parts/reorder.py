"""Low stock and the purchase plan 采购建议 (DOMAIN §4 "below safety stock → suggested purchase
plan"; issue 12 item 4).

The rules, each in one function:

- low: ``on_hand < safety_stock`` (``catalogue.is_low``; safety stock 0 is never low);
- :func:`order_quantity`: up to the maximum stock, ``max_stock − on_hand``; a part without a
  maximum is ordered up to twice its safety stock, ``2 × safety_stock − on_hand`` (DOMAIN
  gives no figure: one safety stock of cover above the reorder point, the usual min-max rule);
- :func:`consumption`: the last :data:`WINDOW_DAYS` days' use (``now − 90 days < at ≤ now``):
  units issued to tickets less units returned from tickets (a cancelled or corrected charge
  gives them back). Scrap and stocktake adjustments are not counted: they are losses and
  corrections of the books, not demand a purchase should follow;
- money: the catalogue's unit cost, line cost = order × unit cost; a part without a cost has
  no line cost, is counted in ``unpriced`` and left out of the subtotals;
- grouping: by supplier, suppliers by name, parts by number; parts with no supplier — or
  whose supplier was removed from the qualified list (``supplier_removed`` names it) — come
  last, under no supplier: someone has to choose one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from shouhou.services.parts import ledger
from shouhou.services.parts.catalogue import is_low

if TYPE_CHECKING:
    from sqlmodel import Session

WINDOW_DAYS = 90
# The kinds of movement that are consumption (issue − return); see the module's docstring.
CONSUMED_KINDS = ("issue", "return")


def order_quantity(on_hand: int, safety_stock: int, max_stock: int | None) -> int:
    """How many to order for a low part: up to ``max_stock``, else up to 2 × ``safety_stock``
    (never less than what brings it back to its safety stock)."""
    target = max_stock if max_stock is not None else 2 * safety_stock
    return max(target, safety_stock) - on_hand


def consumption(
    session: Session, part_ids: list[int], *, since: datetime, until: datetime
) -> dict[int, int]:
    """Per part, units issued to tickets less units returned from tickets with ``since < at
    <= until``, in one grouped query per 500 parts (parts with none are absent)."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import StockMove

    if not part_ids:
        return {}
    found: dict[int, int] = {}
    moved = func.sum(col(StockMove.quantity))
    for index in range(0, len(part_ids), 500):
        query = (
            select(col(StockMove.part_id), moved)
            .where(
                col(StockMove.part_id).in_(part_ids[index : index + 500]),
                col(StockMove.kind).in_(CONSUMED_KINDS),
                col(StockMove.at) > since,
                col(StockMove.at) <= until,
            )
            .group_by(col(StockMove.part_id))
        )
        found.update((part_id, -int(total)) for part_id, total in session.execute(query))
    return found


@dataclass(frozen=True)
class LowPart:
    """A part below its safety stock, as read for the plan and the agenda."""

    id: int
    number: str
    name: str
    spec: str | None
    unit: str
    on_hand: int
    safety: int
    max: int | None
    cost_cents: int | None
    supplier_id: int | None
    supplier: str | None
    supplier_status: str | None

    @property
    def order(self) -> int:
        return order_quantity(self.on_hand, self.safety, self.max)


def low_parts(session: Session) -> list[LowPart]:
    """Every part below its safety stock, by number: on-hand from one grouped query over the
    ledger (``ledger.on_hand_many``) and the parts with a safety stock in another."""
    from sqlalchemy import select
    from sqlmodel import col

    from shouhou.models import Part, Supplier

    query = (
        select(
            col(Part.id),
            col(Part.number),
            col(Part.name),
            col(Part.spec),
            col(Part.unit),
            col(Part.safety_stock),
            col(Part.max_stock),
            col(Part.cost_cents),
            col(Part.supplier_id),
            col(Supplier.name),
            col(Supplier.status),
        )
        .outerjoin(Supplier, col(Supplier.id) == col(Part.supplier_id))
        .where(col(Part.safety_stock) > 0)
        .order_by(col(Part.number))
    )
    stock = ledger.on_hand_many(session)
    found = []
    for pid, number, name, spec, unit, safety, most, cost, sid, sname, sstatus in session.execute(
        query
    ):
        on_hand = stock.get(pid, 0)
        if is_low(on_hand, safety):
            found.append(
                LowPart(
                    pid, number, name, spec, unit, on_hand, safety, most, cost, sid, sname, sstatus
                )  # fmt: skip
            )
    return found


def _money(cents_value: int | None) -> Decimal | None:
    from shouhou.timeutil import money

    return money(cents_value) if cents_value is not None else None


def _shown(amount: Decimal | None) -> str | None:
    return str(amount) if amount is not None else None


@dataclass
class SupplierGroup:
    """The lines to order from one supplier (``supplier`` None: no usable supplier) and their
    subtotal (priced lines only; ``unpriced`` counts the others)."""

    supplier: str | None
    supplier_id: int | None
    status: str | None
    contact: str | None
    phone: str | None
    lines: list[dict[str, Any]] = field(default_factory=list)
    subtotal: Decimal = Decimal("0.00")
    unpriced: int = 0

    def view(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier,
            "supplier_id": self.supplier_id,
            "status": self.status,
            "contact": self.contact,
            "phone": self.phone,
            "lines": self.lines,
            "subtotal": str(self.subtotal),
            "unpriced": self.unpriced,
        }


@dataclass
class PurchasePlan:
    """``part reorder``: the groups in order, the grand total, the consumption window."""

    generated_at: datetime
    since: datetime
    groups: list[SupplierGroup]

    @property
    def lines(self) -> list[dict[str, Any]]:
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self) -> Decimal:
        return sum((group.subtotal for group in self.groups), Decimal("0.00"))

    def view(self) -> dict[str, Any]:
        """The JSON shape: ``generated_at, window_days, since, parts, total, unpriced,
        suppliers: [{supplier, supplier_id, status, contact, phone, subtotal, unpriced,
        lines: [{number, name, spec, unit, on_hand, safety, max, order, consumption,
        unit_cost, line_cost, supplier, supplier_removed}]}]``."""
        from shouhou.timeutil import iso_utc

        return {
            "generated_at": iso_utc(self.generated_at),
            "window_days": WINDOW_DAYS,
            "since": iso_utc(self.since),
            "parts": len(self.lines),
            "total": str(self.total),
            "unpriced": sum(group.unpriced for group in self.groups),
            "suppliers": [group.view() for group in self.groups],
        }


def purchase_plan(session: Session, *, now: datetime) -> PurchasePlan:
    """The suggested purchase plan as of ``now`` (rules in the module's docstring): every low
    part with its order quantity, last :data:`WINDOW_DAYS` days' consumption, unit and line
    cost, grouped by supplier with subtotals."""
    from sqlmodel import col, select

    from shouhou.models import Supplier

    since = now - timedelta(days=WINDOW_DAYS)
    low = low_parts(session)
    used = consumption(session, [p.id for p in low], since=since, until=now)
    usable = {p.supplier_id for p in low if p.supplier_id and p.supplier_status != "removed"}
    contacts = {
        s.id: s for s in session.exec(select(Supplier).where(col(Supplier.id).in_(sorted(usable))))
    }
    groups: dict[int | None, SupplierGroup] = {}
    for part in low:
        removed = part.supplier_status == "removed"
        key = None if removed else part.supplier_id
        group = groups.get(key)
        if group is None:
            found = contacts.get(key) if key is not None else None
            group = groups[key] = SupplierGroup(
                supplier=found.name if found else None,
                supplier_id=key,
                status=found.status if found else None,
                contact=found.contact if found else None,
                phone=found.phone if found else None,
            )
        unit_cost = _money(part.cost_cents)
        line_cost = unit_cost * part.order if unit_cost is not None else None
        if line_cost is None:
            group.unpriced += 1
        else:
            group.subtotal += line_cost
        group.lines.append(
            {
                "number": part.number,
                "name": part.name,
                "spec": part.spec,
                "unit": part.unit,
                "on_hand": part.on_hand,
                "safety": part.safety,
                "max": part.max,
                "order": part.order,
                "consumption": used.get(part.id, 0),
                "unit_cost": _shown(unit_cost),
                "line_cost": _shown(line_cost),
                "supplier": group.supplier,
                "supplier_removed": part.supplier if removed else None,
            }
        )
    ordered = sorted(
        groups.values(), key=lambda g: (g.supplier is None, g.supplier or "", g.supplier_id or 0)
    )
    return PurchasePlan(generated_at=now, since=since, groups=ordered)


def low_stock_rows(
    session: Session, *, limit: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The agenda's low-stock rows (``shouhou today``): the parts furthest below their safety
    stock first (smallest on-hand ÷ safety stock, so out of stock first; then by number), at
    most ``limit`` of them, each with the suggested order; and how many parts are low in all."""
    low = low_parts(session)
    worst = sorted(low, key=lambda p: (Fraction(p.on_hand, p.safety), p.number))[:limit]
    rows = [
        {
            "number": part.number,
            "name": part.name,
            "unit": part.unit,
            "on_hand": part.on_hand,
            "safety": part.safety,
            "order": part.order,
            "supplier": part.supplier if part.supplier_status != "removed" else None,
        }
        for part in worst
    ]
    return rows, len(low)
