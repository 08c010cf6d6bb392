"""The parts catalogue 配件目录 (DOMAIN §4): parts with unit, cost and price, supplier, safety
/ minimum / maximum stock, the key-part 关键件 and old-part 旧件返还 flags; the lookups every
parts command uses; the views ``part list``, ``show`` and ``ledger`` print; receipts 入库 and
scrap 报废 (ledger rows through :func:`ledger.move`).

A part is named by its number — as typed, else compared case-insensitively (as ``ticket charge
--part`` finds it) — or by its id (``#12``, or ``12`` when no part has that number).

Low stock (DOMAIN §4 "below safety stock"): ``on_hand < safety_stock`` — a part with safety
stock 0 is never low, one at exactly its safety stock is not low yet (:func:`is_low`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.parts import ledger

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.models import Part, StockMove

LENGTHS = {"number": 50, "name": 200, "spec": 200, "unit": 20, "reference": 100}
LIMITS = ("safety_stock", "min_stock", "max_stock")
# What ``part edit`` may change (the number is the part's name everywhere: it stays).
EDITABLE = (
    "name",
    "spec",
    "unit",
    "cost_cents",
    "price_cents",
    "supplier_id",
    *LIMITS,
    "key_part",
    "core_return",
    "notes",
)
# How many movements ``part show`` lists (the latest).
SHOWN_MOVES = 10


def is_low(on_hand: int, safety_stock: int) -> bool:
    """DOMAIN §4 "below safety stock": strictly below (``on_hand < safety_stock``)."""
    return on_hand < safety_stock


# -- lookups --------------------------------------------------------------------------------------


def find_part(session: Session, number: str) -> Part | None:
    """The part numbered ``number``: as typed, else the one whose number differs only in case
    (two such parts: refused, naming both — type it exactly)."""
    from sqlmodel import col, func, select

    from shouhou.models import Part

    text = number.strip()
    if not text:
        return None
    exact = session.exec(select(Part).where(Part.number == text)).first()
    if exact is not None:
        return exact
    folded = session.exec(
        select(Part).where(func.upper(col(Part.number)) == text.upper()).limit(3)
    ).all()
    if len(folded) > 1:
        raise DomainError(
            "err.part_ambiguous", ref=text, candidates=", ".join(p.number for p in folded)
        )
    return folded[0] if folded else None


def get_part(session: Session, ref: str | int) -> Part:
    """By part number (see :func:`find_part`), else by id (``#12`` or ``12``)."""
    from shouhou.models import Part

    text = str(ref).strip()
    part = None if text.startswith("#") else find_part(session, text)
    if part is None:
        digits = text.lstrip("#")
        if digits.isdigit() and len(digits) < 10:
            part = session.get(Part, int(digits))
    if part is None:
        raise NotFound("err.part_not_found", ref=text)
    return part


# -- catalogue changes ----------------------------------------------------------------------------


def text_field(field: str, value: str | None, *, required: bool = False) -> str | None:
    text = " ".join(value.split()) if value is not None else ""
    if not text:
        if required:
            raise UsageError("err.required", field=field)
        return None
    longest = LENGTHS.get(field, 10_000)
    if len(text) > longest:
        raise UsageError("err.part_field_long", field=field, max=longest)
    return text


def _check_limits(safety: int, minimum: int, maximum: int | None) -> None:
    """Each a whole number 0 … ``ledger.MAX_QUANTITY``; the maximum (when set) not below the
    minimum nor the safety stock (what a purchase plan fills up to)."""
    for field, value in (("safety", safety), ("min", minimum), ("max", maximum)):
        if value is not None and not 0 <= value <= ledger.MAX_QUANTITY:
            raise UsageError(
                "err.part_limit_range", field=field, value=value, high=ledger.MAX_QUANTITY
            )
    if maximum is not None and maximum < max(minimum, safety):
        raise UsageError("err.part_limits", max=maximum, min=minimum, safety=safety)


def to_cents(amount: Decimal | None) -> int | None:
    from shouhou.timeutil import cents

    return cents(amount) if amount is not None else None


def _snapshot(part: Part) -> dict[str, Any]:
    """The fields the audit trail shows, money in yuan (``cost``, ``price``)."""
    fields = {name: getattr(part, name) for name in EDITABLE}
    for money in ("cost", "price"):
        fields[money] = _money(fields.pop(f"{money}_cents"))
    return fields


def add_part(
    session: Session,
    stamp: Stamp,
    *,
    number: str,
    name: str,
    unit: str,
    spec: str | None = None,
    cost: Decimal | None = None,
    price: Decimal | None = None,
    safety_stock: int = 0,
    min_stock: int = 0,
    max_stock: int | None = None,
    supplier: str | None = None,
    key_part: bool = False,
    core_return: bool = False,
    notes: str | None = None,
) -> Part:
    """Add a part to the catalogue (DOMAIN §4). The number must be new — also in another
    case (``ks-v100`` when ``KS-V100`` exists); the supplier must be on the qualified list and
    not removed (``suppliers.usable_supplier``). Stock starts at 0: receive it."""
    from sqlmodel import col, func, select

    from shouhou.models import Part
    from shouhou.services.parts.suppliers import usable_supplier

    pn = text_field("number", number, required=True)
    assert pn is not None
    if pn.startswith("#") or any(not ch.isprintable() for ch in pn):  # "#12" names an id
        raise UsageError("err.part_number", value=pn)
    same = session.exec(
        select(Part.number).where(func.upper(col(Part.number)) == pn.upper())
    ).first()
    if same is not None:
        raise DomainError("err.part_exists", number=same)
    _check_limits(safety_stock, min_stock, max_stock)
    chosen = usable_supplier(session, supplier) if supplier is not None else None
    part = Part(
        number=pn,
        name=text_field("name", name, required=True) or "",
        unit=text_field("unit", unit, required=True) or "",
        spec=text_field("spec", spec),
        cost_cents=to_cents(cost),
        price_cents=to_cents(price),
        supplier_id=chosen.id if chosen is not None else None,
        safety_stock=safety_stock,
        min_stock=min_stock,
        max_stock=max_stock,
        key_part=key_part,
        core_return=core_return,
        notes=text_field("notes", notes),
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(part)
    session.flush()
    assert part.id is not None
    changes = {"number": pn, **_snapshot(part)}
    audit.record(
        session,
        stamp,
        entity="part",
        entity_id=part.id,
        action="part_add",
        changes={k: v for k, v in changes.items() if v not in (None, False)},
    )
    return part


def edit_part(
    session: Session,
    stamp: Stamp,
    ref: str | int,
    *,
    name: str | None = None,
    unit: str | None = None,
    spec: str | None = None,
    cost: Decimal | None = None,
    price: Decimal | None = None,
    safety_stock: int | None = None,
    min_stock: int | None = None,
    max_stock: int | None = None,
    supplier: str | None = None,
    key_part: bool | None = None,
    core_return: bool | None = None,
    notes: str | None = None,
) -> tuple[Part, dict[str, list[Any]]]:
    """Change catalogue fields of a part; ``None`` leaves a field as it is. The limits are
    checked together with the ones held; a new supplier must be usable (not removed).
    Returns the part and what changed (``{field: [old, new]}``, in the audit trail)."""
    from shouhou.services.parts.suppliers import usable_supplier

    part = get_part(session, ref)
    updates: dict[str, Any] = {}
    for field, value in (("name", name), ("unit", unit), ("spec", spec), ("notes", notes)):
        if value is not None:
            updates[field] = text_field(field, value, required=field in ("name", "unit"))
    for field, amount in (("cost_cents", cost), ("price_cents", price)):
        if amount is not None:
            updates[field] = to_cents(amount)
    for field, count in zip(LIMITS, (safety_stock, min_stock, max_stock), strict=True):
        if count is not None:
            updates[field] = count
    for field, flag in (("key_part", key_part), ("core_return", core_return)):
        if flag is not None:
            updates[field] = flag
    if supplier is not None:
        updates["supplier_id"] = usable_supplier(session, supplier).id
    if not updates:
        raise UsageError("err.part_edit_nothing")
    merged = {field: updates.get(field, getattr(part, field)) for field in LIMITS}
    _check_limits(merged["safety_stock"], merged["min_stock"], merged["max_stock"])
    delta = audit.update_tracked(
        session, stamp, part, entity="part", updates=updates, snapshot=_snapshot
    )
    return part, delta


# -- views ----------------------------------------------------------------------------------------


def _money(cents_value: int | None) -> str | None:
    from shouhou.timeutil import money

    return str(money(cents_value)) if cents_value is not None else None


# The part columns a view is built from, in this order (plain rows: 10,000 parts in a list).
VIEW_COLUMNS = (
    "id",
    "number",
    "name",
    "spec",
    "unit",
    "safety_stock",
    "min_stock",
    "max_stock",
    "cost_cents",
    "price_cents",
    "supplier_id",
    "key_part",
    "core_return",
    "notes",
)


def part_record(
    values: dict[str, Any], *, on_hand: int, supplier: str | None, supplier_status: str | None
) -> dict[str, Any]:
    """The JSON shape of a part (CLI.md): ``number, name, unit, on_hand, safety, min, max,
    cost, price, supplier`` and ``id, spec, low, supplier_id, supplier_status, key, core,
    notes`` — money as strings, ``max`` None when not set."""
    return {
        "id": values["id"],
        "number": values["number"],
        "name": values["name"],
        "spec": values["spec"],
        "unit": values["unit"],
        "on_hand": on_hand,
        "safety": values["safety_stock"],
        "min": values["min_stock"],
        "max": values["max_stock"],
        "low": is_low(on_hand, values["safety_stock"]),
        "cost": _money(values["cost_cents"]),
        "price": _money(values["price_cents"]),
        "supplier": supplier,
        "supplier_id": values["supplier_id"],
        "supplier_status": supplier_status,
        "key": bool(values["key_part"]),
        "core": bool(values["core_return"]),
        "notes": values["notes"],
    }


def part_view(session: Session, part: Part) -> dict[str, Any]:
    """One part's view (as ``part list`` gives it), its on-hand read now."""
    from shouhou.models import Supplier

    assert part.id is not None
    supplier = session.get(Supplier, part.supplier_id) if part.supplier_id is not None else None
    return part_record(
        {name: getattr(part, name) for name in VIEW_COLUMNS},
        on_hand=ledger.on_hand(session, part.id),
        supplier=supplier.name if supplier is not None else None,
        supplier_status=supplier.status if supplier is not None else None,
    )


def iter_part_views(
    session: Session,
    *,
    search: str | None = None,
    supplier: str | None = None,
    low: bool = False,
) -> Iterator[dict[str, Any]]:
    """Parts by number with their on-hand — every part's from one grouped query over the
    ledger (``ledger.on_hand_many``), however many parts — streamed. ``search``: a piece of
    the number, name or spec (any case); ``supplier``: only parts of that supplier; ``low``:
    only parts below their safety stock (:func:`is_low`)."""
    from sqlalchemy import select
    from sqlmodel import col, or_

    from shouhou.models import Part, Supplier
    from shouhou.services.parts.suppliers import get_supplier

    table = Part.__table__  # type: ignore[attr-defined]
    query = select(
        *(table.c[name] for name in VIEW_COLUMNS), col(Supplier.name), col(Supplier.status)
    ).outerjoin(Supplier, col(Supplier.id) == table.c.supplier_id)
    if search and search.strip():
        text = search.strip()
        query = query.where(
            or_(
                *(table.c[name].icontains(text, autoescape=True) for name in ("number", "name")),
                table.c.spec.icontains(text, autoescape=True),
            )
        )
    if supplier is not None:  # looked up before the first row is printed
        query = query.where(table.c.supplier_id == get_supplier(session, supplier).id)
    if low:
        query = query.where(table.c.safety_stock > 0)
    return _part_rows(session, query.order_by(table.c.number), low=low)


def _part_rows(session: Session, query: Any, *, low: bool) -> Iterator[dict[str, Any]]:
    stock = ledger.on_hand_many(session)
    rows = session.connection().execute(query.execution_options(yield_per=2000))
    width = len(VIEW_COLUMNS)
    for row in rows:
        values = dict(zip(VIEW_COLUMNS, row[:width], strict=True))
        on_hand = stock.get(values["id"], 0)
        if low and not is_low(on_hand, values["safety_stock"]):
            continue
        yield part_record(values, on_hand=on_hand, supplier=row[width], supplier_status=row[-1])


def move_rows(session: Session, query: Any) -> Iterator[tuple[StockMove, Any, Any, Any]]:
    """(move, ticket number, supplier name, stocktake number) for a query on StockMove."""
    from sqlmodel import col

    from shouhou.models import StockMove, Stocktake, Supplier, Ticket

    query = (
        query.add_columns(col(Ticket.number), col(Supplier.name), col(Stocktake.number))
        .outerjoin(Ticket, col(Ticket.id) == col(StockMove.ticket_id))
        .outerjoin(Supplier, col(Supplier.id) == col(StockMove.supplier_id))
        .outerjoin(Stocktake, col(Stocktake.id) == col(StockMove.stocktake_id))
    )
    for row in session.execute(query):
        yield row[0], row[1], row[2], row[3]


MOVE_KEYS = (
    "id",
    "at",
    "kind",
    "quantity",
    "balance",
    "unit_cost",
    "supplier",
    "ticket",
    "stocktake",
    "booked",
    "counted",
    "reason",
    "reference",
    "approved_by",
    "actor",
)


def move_record(
    move: StockMove, *, balance: int, ticket: str | None, supplier: str | None, stocktake: Any
) -> dict[str, Any]:
    """One ledger line: ``id, at, kind, quantity`` (signed), ``balance`` (on-hand after it),
    ``unit_cost, supplier, ticket, stocktake, booked, counted, reason, reference,
    approved_by, actor``."""
    from shouhou.timeutil import iso_utc

    return {
        "id": move.id,
        "at": iso_utc(move.at),
        "kind": move.kind,
        "quantity": move.quantity,
        "balance": balance,
        "unit_cost": _money(move.unit_cost_cents),
        "supplier": supplier,
        "ticket": ticket,
        "stocktake": stocktake,
        "booked": move.booked,
        "counted": move.counted,
        "reason": move.reason,
        "reference": move.reference,
        "approved_by": move.approved_by,
        "actor": move.actor,
    }


def _moved(session: Session, part_id: int, *, since: datetime, kinds: tuple[str, ...]) -> int:
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import StockMove

    total = session.execute(
        select(func.coalesce(func.sum(col(StockMove.quantity)), 0)).where(
            col(StockMove.part_id) == part_id,
            col(StockMove.kind).in_(kinds),
            col(StockMove.at) >= since,
        )
    ).scalar_one()
    return int(total)


def part_detail(session: Session, ref: str | int, *, now: datetime, zone: tzinfo) -> dict[str, Any]:
    """``part show``: the part's view, its supplier's standing, ``issued_this_year`` (units
    issued to tickets since 1 January in the firm's zone, less those returned from tickets),
    ``cores_pending`` (old parts still owed to the factory, units), the latest
    :data:`SHOWN_MOVES` movements (oldest first, each with the balance after it) and the audit
    trail of the catalogue entry."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import CoreReturn, StockMove
    from shouhou.views import audit_view

    part = get_part(session, ref)
    assert part.id is not None
    view = part_view(session, part)
    local = now.astimezone(zone)
    year_start = datetime(local.year, 1, 1, tzinfo=zone)
    view["issued_this_year"] = -_moved(
        session, part.id, since=year_start, kinds=("issue", "return")
    )
    pending = session.execute(
        select(func.coalesce(func.sum(col(CoreReturn.quantity)), 0)).where(
            col(CoreReturn.part_id) == part.id, col(CoreReturn.returned_at).is_(None)
        )
    ).scalar_one()
    view["cores_pending"] = int(pending)
    latest = list(
        move_rows(
            session,
            select(StockMove)
            .where(col(StockMove.part_id) == part.id)
            .order_by(col(StockMove.at).desc(), col(StockMove.id).desc())
            .limit(SHOWN_MOVES),
        )
    )
    balance = view["on_hand"]
    moves = []
    for move, ticket, supplier, stocktake in latest:
        moves.append(
            move_record(
                move, balance=balance, ticket=ticket, supplier=supplier, stocktake=stocktake
            )
        )
        balance -= move.quantity
    view["moves"] = moves[::-1]
    view["timeline"] = [
        audit_view(entry) for entry in audit.trail(session, entity="part", entity_id=part.id)
    ]
    return view
