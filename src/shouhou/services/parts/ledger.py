"""The stock ledger 出入库台账 (DOMAIN §4): every movement an append-only ``stock_move`` row,
on-hand the sum of a part's rows — no cached figure that could disagree.

Stock never goes negative, also when two processes take the last unit at the same moment:
:func:`move` locks the part's row before it reads the sum (SQLite: a write transaction takes
the database's write lock up front, ``BEGIN IMMEDIATE``; PostgreSQL: ``SELECT … FOR UPDATE``
on the part), so the second process reads the sum after the first one's row and is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from shouhou.errors import DomainError, UsageError
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Part, StockMove

# receive 入库, issue 领用 (to a ticket), return 退库 (from a ticket), scrap 报废, adjust 盘盈/盘亏
KINDS = ("receive", "issue", "return", "scrap", "adjust")
# The largest quantity one movement may carry (a typo guard, and far inside an INTEGER).
MAX_QUANTITY = 1_000_000


def on_hand(session: Session, part_id: int) -> int:
    """The part's stock: the sum of its ledger."""
    from sqlalchemy import func, select

    from shouhou.models import StockMove

    total = session.execute(
        select(func.coalesce(func.sum(StockMove.quantity), 0)).where(
            StockMove.part_id == part_id  # type: ignore[arg-type]
        )
    ).scalar_one()
    return int(total)


def on_hand_many(session: Session, part_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Stock per part (every part with a movement, or those of ``part_ids``), in one query."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import StockMove

    query = select(col(StockMove.part_id), func.sum(col(StockMove.quantity))).group_by(
        col(StockMove.part_id)
    )
    if part_ids is not None:
        ids = list(part_ids)
        if not ids:
            return {}
        query = query.where(col(StockMove.part_id).in_(ids))
    return {part_id: int(total) for part_id, total in session.execute(query)}


def lock(session: Session, part_id: int) -> None:
    """Hold the part's row until the transaction ends (PostgreSQL ``FOR UPDATE``); on SQLite
    the write transaction already holds the database's write lock."""
    from sqlalchemy import select
    from sqlmodel import col

    from shouhou.models import Part

    if session.get_bind().dialect.name != "sqlite":
        session.execute(select(col(Part.id)).where(col(Part.id) == part_id).with_for_update())


def check_quantity(quantity: int, field: str = "quantity") -> int:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise UsageError("err.stock_quantity", field=field, value=quantity, high=MAX_QUANTITY)
    return quantity


def move(
    session: Session,
    stamp: Stamp,
    part: Part,
    *,
    kind: str,
    quantity: int,
    unit_cost_cents: int | None = None,
    supplier_id: int | None = None,
    ticket_id: int | None = None,
    stocktake_id: int | None = None,
    booked: int | None = None,
    counted: int | None = None,
    reason: str | None = None,
    reference: str | None = None,
    approved_by: str | None = None,
) -> StockMove:
    """Append one movement of ``quantity`` (signed: + into stock, − out of it) after locking
    the part; a movement that would take the stock below zero is refused, saying how many
    are left. Returns the row (flushed: it has its id)."""
    from shouhou.models import StockMove

    if kind not in KINDS:
        raise UsageError("err.bad_choice", field="kind", value=kind, accepted="|".join(KINDS))
    if quantity == 0 or abs(quantity) > MAX_QUANTITY:
        raise UsageError("err.stock_quantity", field="quantity", value=quantity, high=MAX_QUANTITY)
    assert part.id is not None
    lock(session, part.id)
    if quantity < 0:
        left = on_hand(session, part.id)
        if left + quantity < 0:
            raise DomainError(
                "err.stock_short", number=part.number, wanted=-quantity, left=left, unit=part.unit
            )
    row = StockMove(
        part_id=part.id,
        at=stamp.at,
        kind=kind,
        quantity=quantity,
        unit_cost_cents=unit_cost_cents,
        supplier_id=supplier_id,
        ticket_id=ticket_id,
        stocktake_id=stocktake_id,
        booked=booked,
        counted=counted,
        reason=reason,
        reference=reference,
        approved_by=approved_by,
        actor=stamp.actor,
    )
    session.add(row)
    session.flush()
    return row
