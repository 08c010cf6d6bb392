"""Stock movements as people enter and read them (DOMAIN §4 ledger): receipts 入库 and scrap
报废 (each one ``ledger.move`` row, never below zero), and a part's ledger 台账 with its
running balance. Issues to tickets, returns and stocktake adjustments are written by
``issuing`` and ``stocktake``; every kind shows here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.parts import ledger
from shouhou.services.parts.catalogue import (
    MOVE_KEYS,
    get_part,
    move_record,
    move_rows,
    text_field,
    to_cents,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import StockMove, Supplier


def iter_ledger(
    session: Session,
    ref: str | int,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Iterator[dict[str, Any]]:
    """``part ledger``: the part's movements from ``since`` to before ``until``, oldest
    first, each with the running balance; given ``since``, first an ``opening`` line (kind
    ``opening``, no quantity) holding the balance of every movement before it."""
    part = get_part(session, ref)  # before the first line is printed: a refusal prints none
    if since is not None and until is not None and until <= since:
        raise UsageError("err.part_ledger_range")
    return _ledger_lines(session, part.id, since, until)


def _ledger_lines(
    session: Session, part_id: int | None, since: datetime | None, until: datetime | None
) -> Iterator[dict[str, Any]]:
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import StockMove
    from shouhou.timeutil import iso_utc

    balance = 0
    if since is not None:
        balance = int(
            session.execute(
                select(func.coalesce(func.sum(col(StockMove.quantity)), 0)).where(
                    col(StockMove.part_id) == part_id, col(StockMove.at) < since
                )
            ).scalar_one()
        )
        opening: dict[str, Any] = dict.fromkeys(MOVE_KEYS)
        opening.update(at=iso_utc(since), kind="opening", balance=balance)
        yield opening
    query = select(StockMove).where(col(StockMove.part_id) == part_id)
    if since is not None:
        query = query.where(col(StockMove.at) >= since)
    if until is not None:
        query = query.where(col(StockMove.at) < until)
    query = query.order_by(col(StockMove.at), col(StockMove.id))
    for move, ticket, supplier, stocktake in move_rows(session, query):
        balance += move.quantity
        yield move_record(
            move, balance=balance, ticket=ticket, supplier=supplier, stocktake=stocktake
        )


def receive(
    session: Session,
    stamp: Stamp,
    ref: str | int,
    *,
    quantity: int,
    supplier: str | None = None,
    cost: Decimal | None = None,
    reference: str | None = None,
) -> StockMove:
    """Receive ``quantity`` units into stock 入库 (DOMAIN §4 "every in … with time, quantity,
    source"): from ``supplier`` (default the part's), at ``cost`` a unit (default the
    catalogue cost), ``reference`` the delivery note or order. The supplier must be usable:
    a removed one — given, or the part's own — is refused. The catalogue cost is not
    changed."""
    from shouhou.models import Supplier
    from shouhou.services.parts.suppliers import usable_supplier

    ledger.check_quantity(quantity)
    part = get_part(session, ref)
    chosen: Supplier | None = None
    if supplier is not None:
        chosen = usable_supplier(session, supplier)
    elif part.supplier_id is not None:
        chosen = session.get(Supplier, part.supplier_id)
        if chosen is not None and chosen.status == "removed":
            raise DomainError("err.part_supplier_removed", number=part.number, name=chosen.name)
    unit_cost = to_cents(cost) if cost is not None else part.cost_cents
    return ledger.move(
        session,
        stamp,
        part,
        kind="receive",
        quantity=quantity,
        unit_cost_cents=unit_cost,
        supplier_id=chosen.id if chosen is not None else None,
        reference=text_field("reference", reference),
    )


def scrap(
    session: Session, stamp: Stamp, ref: str | int, *, quantity: int, reason: str
) -> StockMove:
    """Scrap ``quantity`` units 报废 (DOMAIN §4) with the reason, valued at the catalogue
    cost; never more than are on hand (``err.stock_short``)."""
    ledger.check_quantity(quantity)
    why = text_field("reason", reason, required=True)
    part = get_part(session, ref)
    return ledger.move(
        session,
        stamp,
        part,
        kind="scrap",
        quantity=-quantity,
        unit_cost_cents=part.cost_cents,
        reason=why,
    )


def move_summary(session: Session, move: StockMove) -> dict[str, Any]:
    """What a command says after a receipt or a scrap: ``number, name, unit, quantity``
    (units moved), ``on_hand`` (after it), ``supplier, supplier_status``."""
    from shouhou.models import Part, Supplier

    part = session.get(Part, move.part_id)
    assert part is not None
    supplier = session.get(Supplier, move.supplier_id) if move.supplier_id is not None else None
    return {
        "number": part.number,
        "name": part.name,
        "unit": part.unit,
        "quantity": abs(move.quantity),
        "on_hand": ledger.on_hand(session, move.part_id),
        "supplier": supplier.name if supplier is not None else None,
        "supplier_status": supplier.status if supplier is not None else None,
    }
