"""The demo's spare parts (issue 12 item 9): the qualified suppliers 合格供方, the parts catalogue
of the five product lines (``examples/demo/parts.csv``: 63 parts with costs and prices, safety,
minimum and maximum stock, key parts and parts whose old part goes back to the factory) and the
stock ledger of the demo's fourteen months, consistent with the demo tickets' bills:

- :func:`add_demo_parts`, before the tickets: the suppliers (rated; one warned for late
  deliveries), the parts (one bulk insert) and the opening stock 期初库存 counted when the ledger
  was started, before the first demo ticket;
- :meth:`DemoStock.charge`, while the tickets are played: a ticket's parts — chosen among its
  device's product line for the fault's category — on its bill and out of stock together
  (``parts.issuing.charge_ticket``, with the supervisor's approval where a key part or the
  value calls for it), free on a warranty repair; a shortfall is first covered by a purchase
  received on the supplier's last delivery day before it (an urgent one before the first);
- :meth:`DemoStock.finish`, after them: deliveries every three weeks per supplier topping up
  the parts below safety stock to their maximum — stopping three weeks ago, two and a half
  months ago for the warned supplier, so some parts end below safety stock — a few scraps 报废,
  the old parts sent back to the factory (the recent ones still pending) and one stocktake 盘点
  last month, finished with a few differences.

Every movement goes through ``ledger.move`` (or the services above it). The tickets are played
one after another while their movements fall anywhere in the fourteen months, so each part's
movements are also kept here in time order, and a movement is booked in the past only where
every balance after it stays at or above zero: the ledger read in time order never goes
negative, not only its sum.
"""

from __future__ import annotations

import bisect
import csv
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Part, Ticket
    from shouhou.services.tickets.sla import Rules

KEEPER = "孙库管"  # the storekeeper: receipts, scraps, counts
SUPERVISOR = "周主管"  # approves key parts and costly issues; runs the stocktake
# name, contact, phone, quality, price, delivery (1–5)
SUPPLIERS = (
    ("无锡压缩机配件有限公司", "钱经理", "0510-8532 1166", 5, 3, 4),
    ("上海阀门厂", "陆科长", "021-5611 2080", 4, 3, 4),
    ("杭州过滤器材有限公司", "沈工", "0571-8870 3321", 4, 4, 5),
    ("正泰电器天津经销部", "王店长", "022-2456 7788", 4, 5, 5),
    ("深圳明辉电源科技有限公司", "黄小姐", "0755-2998 6610", 3, 4, 2),
    ("佛山光源照明有限公司", "梁经理", "0757-8228 9015", 4, 4, 4),
    ("海宁太阳能真空管厂", "徐厂长", "0573-8763 2210", 4, 5, 3),
    ("北京天控自动化有限公司", "赵工", "010-8245 6601", 5, 2, 4),
    ("天津建材修补材料有限公司", "刘经理", "022-6533 1290", 4, 4, 5),
)
WARNED = "深圳明辉电源科技有限公司"
DELIVERY_EVERY = timedelta(days=21)
# Periodic deliveries stop this long before "now" (the warned supplier's much earlier).
LAST_DELIVERY = timedelta(days=21)
LAST_DELIVERY_WARNED = timedelta(days=75)
SCRAP_REASONS = ("运输破损", "受潮锈蚀", "来料检验不合格", "安装时损坏", "超过保存期")
OLD_PART_BACK_AFTER = timedelta(days=21)


def _rows() -> list[dict[str, str]]:
    from shouhou.resources import resource_dir

    path = resource_dir("examples") / "demo" / "parts.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class _Use:
    """What the demo knows of a part beyond the catalogue: its product line, the fault
    categories it mends and how many a job takes."""

    line: str
    fixes: tuple[str, ...]
    per_job: int


@dataclass
class DemoStock:
    """The parts, each part's movements in time order, the suppliers' delivery days."""

    parts: dict[int, Part]
    uses: dict[int, _Use]
    start: datetime
    zone: tzinfo
    first_delivery: dict[int, datetime]
    last_delivery: dict[int, datetime]
    threshold: Decimal
    moves: dict[int, list[tuple[datetime, int]]] = field(default_factory=dict)
    next_delivery: dict[int, datetime] = field(default_factory=dict)
    orders: int = 0

    # -- the mirror of the ledger ------------------------------------------------------------

    def _booked(self, part_id: int, at: datetime, quantity: int) -> None:
        bisect.insort(self.moves.setdefault(part_id, []), (at, quantity))

    def balance(self, part_id: int, at: datetime) -> int:
        """On-hand at ``at`` (the movements up to and including it)."""
        return sum(q for moment, q in self.moves.get(part_id, ()) if moment <= at)

    def lowest_from(self, part_id: int, at: datetime) -> int:
        """The lowest balance from ``at`` on: how much may leave at ``at`` without any later
        balance going below zero."""
        lowest = running = self.balance(part_id, at)
        for moment, quantity in self.moves.get(part_id, ()):
            if moment > at:
                running += quantity
                lowest = min(lowest, running)
        return lowest

    def move(self, session: Session, stamp: Stamp, part: Part, **fields: Any) -> None:
        """``ledger.move``, mirrored."""
        from shouhou.services.parts import ledger

        row = ledger.move(session, stamp, part, **fields)
        self._booked(row.part_id, row.at, row.quantity)

    # -- purchases ---------------------------------------------------------------------------

    def _delivery_day(self, supplier_id: int | None, at: datetime) -> datetime | None:
        """The supplier's last delivery day at or before ``at`` (None: before its first)."""
        first = self.first_delivery.get(supplier_id or 0)
        if first is None or at < first:
            return None
        return first + DELIVERY_EVERY * ((at - first) // DELIVERY_EVERY)

    def receive(
        self, session: Session, part: Part, quantity: int, at: datetime, *, urgent: bool
    ) -> None:
        self.orders += 1
        local = at.astimezone(self.zone)
        prefix = "JJ" if urgent else "PO"  # 紧急采购 / 采购订单
        self.move(
            session,
            Stamp(KEEPER, at),
            part,
            kind="receive",
            quantity=quantity,
            unit_cost_cents=part.cost_cents,
            supplier_id=part.supplier_id,
            reference=f"{prefix}{local:%y%m%d}-{self.orders:03d}",
        )

    def deliver_until(self, session: Session, until: datetime) -> None:
        """Each supplier's deliveries every three weeks up to ``until`` (and up to its last):
        what its parts below safety stock need to reach their maximum (the purchase plan of
        ``part reorder``), as far as the movements booked so far tell."""
        for supplier_id, first in sorted(self.first_delivery.items()):
            day = self.next_delivery.get(supplier_id, first)
            stop = min(until, self.last_delivery[supplier_id])
            while day <= stop:
                for part in self.parts.values():
                    if part.supplier_id != supplier_id or part.id is None:
                        continue
                    on_hand = self.balance(part.id, day)
                    if on_hand < part.safety_stock:
                        self.receive(session, part, self._target(part) - on_hand, day, urgent=False)
                day += DELIVERY_EVERY
            self.next_delivery[supplier_id] = day

    def _target(self, part: Part) -> int:
        return part.max_stock if part.max_stock is not None else 2 * part.safety_stock

    def cover(self, session: Session, part: Part, quantity: int, at: datetime) -> None:
        """Make room for ``quantity`` to leave at ``at``: if some balance from then on would
        go below zero, a purchase received on the supplier's last delivery day before ``at``
        (topping up to the maximum), or an urgent one just before it."""
        assert part.id is not None
        short = quantity - self.lowest_from(part.id, at)
        if short <= 0:
            return
        day = self._delivery_day(part.supplier_id, at)
        urgent = day is None
        when = at - timedelta(hours=3) if day is None else day
        top_up = self._target(part) - self.balance(part.id, when)
        self.receive(session, part, max(short, top_up), when, urgent=urgent)

    # -- tickets -----------------------------------------------------------------------------

    def _choose(self, rng: random.Random, line: str, category: str) -> list[Part]:
        """One part (now and then two) of the product line for the fault's category; cheap
        consumables far more often than costly modules."""
        of_line = [p for pid, p in self.parts.items() if self.uses[pid].line == line]
        if not of_line:
            return []
        fitting = [p for p in of_line if category in self.uses[p.id or 0].fixes] or of_line
        weights = [1 / ((p.cost_cents or 100) ** 0.6) for p in fitting]
        chosen = rng.choices(fitting, weights=weights)
        if len(fitting) > 1 and rng.random() < 0.3:
            rest = [(p, w) for p, w in zip(fitting, weights, strict=True) if p is not chosen[0]]
            chosen += rng.choices([p for p, _ in rest], weights=[w for _, w in rest])
        return chosen

    def charge(
        self,
        session: Session,
        stamp: Stamp,
        ticket: Ticket,
        *,
        rules: Rules,
        line: str,
        category: str,
        factor: int | None = None,
        labor_hours: Decimal | None = None,
        travel: Decimal | None = None,
    ) -> bool:
        """Put the ticket's parts on its bill and issue them (``charge_ticket``): ``factor`` 1–3
        scales a job's usual quantity; without it, a warranty repair, parts are used on seven
        repairs in ten (the ticket's own draw) and the bill gets no labour or travel. Returns
        whether anything was charged."""
        from shouhou.services.parts.issuing import approval_reason, charge_ticket
        from shouhou.services.tickets.charges import PartLine

        self.deliver_until(session, stamp.at)
        pick = random.Random(ticket.number)
        if factor is None:
            if pick.random() < 0.3:
                return False
            factor = pick.randint(1, 2)
        chosen = self._choose(pick, line, category)
        if not chosen and labor_hours is None:
            return False
        lines, approval = [], False
        for part in chosen:
            assert part.id is not None
            costly = (part.cost_cents or 0) >= 100_000
            quantity = 1 if costly else self.uses[part.id].per_job * factor
            self.cover(session, part, quantity, stamp.at)
            lines.append(PartLine(part.number, Decimal(quantity)))
            value = part.cost_cents or part.price_cents or 0
            approval |= approval_reason(part, quantity, value, self.threshold) is not None
        charged = charge_ticket(
            session,
            stamp,
            ticket.number,
            rules=rules,
            labor_hours=labor_hours,
            travel=travel,
            parts=lines,
            approved_by=SUPERVISOR if approval else None,
        )
        for moved in charged.moves:
            self._booked(moved.part_id, stamp.at, moved.quantity)
        return bool(lines)

    # -- after the tickets -------------------------------------------------------------------

    def finish(self, session: Session, now: datetime) -> None:
        """Deliveries every three weeks, scraps, old parts back, last month's stocktake."""
        rng = random.Random(4)
        self.deliver_until(session, now)
        self._scraps(session, now, rng)
        self._old_parts_back(session, now, rng)
        self._stocktake(session, now, rng)

    def _scraps(self, session: Session, now: datetime, rng: random.Random) -> None:
        """Six scraps over the year, each of what was on the shelf then and never needed
        later (every balance after it stays at or above zero)."""
        from shouhou.services.parts.movements import scrap

        for days_ago in (330, 250, 180, 115, 64, 12):
            at = self._local(now - timedelta(days=days_ago), time(16, 10))
            spare = [
                (p, self.lowest_from(p.id, at))
                for p in self.parts.values()
                if p.id is not None and (p.cost_cents or 0) < 50_000
            ]
            spare = [(p, left) for p, left in spare if left >= 1]
            if not spare:
                continue
            part, left = rng.choice(spare)
            assert part.id is not None
            quantity = min(left, rng.randint(1, max(1, self.uses[part.id].per_job)))
            moved = scrap(
                session, Stamp(KEEPER, at), part.number, quantity=quantity,
                reason=rng.choice(SCRAP_REASONS),
            )  # fmt: skip
            self._booked(part.id, moved.at, moved.quantity)

    def _old_parts_back(self, session: Session, now: datetime, rng: random.Random) -> None:
        """Old parts issued more than three weeks ago went back to the factory one to three
        weeks after the repair; the recent ones are still pending."""
        from sqlmodel import col, select

        from shouhou.models import CoreReturn
        from shouhou.services.parts.cores import mark_returned

        pending = session.exec(
            select(CoreReturn)
            .where(col(CoreReturn.returned_at).is_(None))
            .order_by(col(CoreReturn.id))
        ).all()
        for core in pending:
            if core.issued_at >= now - OLD_PART_BACK_AFTER:
                continue
            back = core.issued_at + timedelta(days=rng.randint(7, 20), hours=rng.randint(0, 6))
            assert core.id is not None
            mark_returned(session, Stamp(KEEPER, min(back, now)), core.id, note="随返厂单寄回")

    def _stocktake(self, session: Session, now: datetime, rng: random.Random) -> None:
        """The monthly count 月度盘点 on the 25th of last month: every part counted against its
        balance that morning; five differences (gains, and losses only where the stock after
        it allows), finished that evening."""
        from shouhou.services.parts import stocktake

        local = now.astimezone(self.zone).date()
        last_month = (local.replace(day=1) - timedelta(days=1)).replace(day=25)
        counted_at = self._local_day(last_month, time(8, 40))
        finished_at = self._local_day(last_month, time(17, 30))
        stocktake.start(session, Stamp(SUPERVISOR, counted_at), zone=self.zone, note="月度盘点")
        ids = sorted(self.parts)
        differing = set(rng.sample(ids, 5))
        for index, part_id in enumerate(ids):
            part = self.parts[part_id]
            booked = self.balance(part_id, counted_at)
            counted = booked
            if part_id in differing:
                loss = rng.choice((1, 1, 2))
                if (
                    rng.random() < 0.6
                    and min(booked, self.lowest_from(part_id, finished_at)) >= loss
                ):
                    counted = booked - loss
                else:
                    counted = booked + 1
            at = counted_at + timedelta(minutes=4 * index)
            stocktake.count(
                session, Stamp(KEEPER, at), part_number=part.number, counted=counted, booked=booked
            )
        done = stocktake.finish(session, Stamp(SUPERVISOR, finished_at))
        for row in done.differences:
            self._booked(row["part_id"], finished_at, row["difference"])

    def _local(self, moment: datetime, clock: time) -> datetime:
        return self._local_day(moment.astimezone(self.zone).date(), clock)

    def _local_day(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone)


def add_demo_parts(
    session: Session, stamp: Stamp, *, start: datetime, zone: tzinfo, rules: Rules
) -> DemoStock:
    """The suppliers and the parts catalogue, and the opening stock counted at ``start``
    (before the first demo ticket): each part at its maximum stock."""
    from sqlalchemy import insert
    from sqlmodel import col, select

    from shouhou.enums import Role
    from shouhou.models import Part
    from shouhou.services import users
    from shouhou.services.parts import suppliers
    from shouhou.timeutil import cents

    if users.find_user(session, KEEPER) is None:
        users.add_user(session, stamp, name=KEEPER, role=Role.clerk)
    at = Stamp(KEEPER, start)
    ids: dict[str, int] = {}
    for name, contact, phone, quality, price, delivery in SUPPLIERS:
        supplier = suppliers.add_supplier(session, at, name=name, contact=contact, phone=phone)
        suppliers.rate_supplier(
            session, at, supplier.name, quality=quality, price=price, delivery=delivery
        )
        assert supplier.id is not None
        ids[name] = supplier.id
    suppliers.warn_supplier(
        session, Stamp(SUPERVISOR, start + timedelta(days=200)), WARNED, reason="连续两批交货延迟"
    )
    rows = _rows()
    records = [
        {
            "number": row["number"],
            "name": row["name"],
            "spec": row["spec"] or None,
            "unit": row["unit"],
            "cost_cents": cents(Decimal(row["cost"])),
            "price_cents": cents(Decimal(row["price"])),
            "supplier_id": ids[row["supplier"]],
            "safety_stock": int(row["safety_stock"]),
            "min_stock": int(row["min_stock"]),
            "max_stock": int(row["max_stock"]),
            "key_part": row["key_part"] == "yes",
            "core_return": row["core_return"] == "yes",
            "notes": row["notes"] or None,
            "created_at": start,
            "updated_at": start,
        }
        for row in rows
    ]
    session.execute(insert(Part), records)
    parts = {p.id: p for p in session.exec(select(Part).order_by(col(Part.id))) if p.id}
    by_number = {p.number: p for p in parts.values()}
    uses = {
        by_number[row["number"]].id or 0: _Use(
            row["product_line"], tuple(row["fixes"].split(";")), int(row["per_job"])
        )
        for row in rows
    }
    first_day = start.astimezone(zone).date()
    stock = DemoStock(
        parts=parts,
        uses=uses,
        start=start,
        zone=zone,
        first_delivery={
            supplier_id: datetime.combine(
                first_day + timedelta(days=3 + 2 * index), time(10, 0), tzinfo=zone
            )
            for index, supplier_id in enumerate(ids.values())
        },
        last_delivery={
            supplier_id: stamp.at - (LAST_DELIVERY_WARNED if name == WARNED else LAST_DELIVERY)
            for name, supplier_id in ids.items()
        },
        threshold=rules.settings.money("parts.approval_threshold"),
    )
    for part in parts.values():
        opening = part.max_stock if part.max_stock is not None else 2 * part.safety_stock
        if opening:
            stock.move(
                session,
                at,
                part,
                kind="adjust",
                quantity=opening,
                unit_cost_cents=part.cost_cents,
                booked=0,
                counted=opening,
                reference="期初库存",
            )
    return stock
