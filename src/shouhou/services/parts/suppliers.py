"""Suppliers 合格供方 (DOMAIN §4 "qualified list, rated on quality, price, delivery; warned or
removed"): the supplier records parts and receipts point at, their ratings and their standing.

A supplier is ``qualified`` when added; a warning 警告 (``warn``) keeps it usable but flagged,
a removal 取消资格 (``remove``) takes it off the list: a removed supplier cannot be chosen for a
part or a receipt any more (:func:`usable_supplier`), while the parts and ledger rows that
already name it keep it (history). Every change is in the audit trail (entity ``supplier``).

Names are compared loosely (``users.key``: width, case and spaces do not matter), so 上海阀门厂
and " 上海阀门厂 " are one supplier; the spelling first given is the one shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Supplier

STATUSES = ("qualified", "warned", "removed")
RATINGS = ("quality", "price", "delivery")
RATING_LOW, RATING_HIGH = 1, 5
NAME_LENGTH = 200


def name_key(name: str) -> str:
    """The name as compared (``users.key``): NFKC, case-folded, without spaces."""
    from shouhou.services.users import key

    return key(name)


def find_supplier(session: Session, name: str) -> Supplier | None:
    """The supplier called ``name`` (as typed, else compared loosely), or None."""
    from sqlmodel import select

    from shouhou.models import Supplier

    exact = session.exec(select(Supplier).where(Supplier.name == name.strip())).first()
    if exact is not None:
        return exact
    wanted = name_key(name)
    if not wanted:
        return None
    for supplier in session.exec(select(Supplier)):
        if name_key(supplier.name) == wanted:
            return supplier
    return None


def get_supplier(session: Session, ref: str | int) -> Supplier:
    """By name (compared loosely), else by id (``12`` or ``#12``)."""
    from shouhou.models import Supplier

    text = str(ref).strip()
    found = find_supplier(session, text) if text else None
    if found is None:
        digits = text.lstrip("#")
        if digits.isdigit() and len(digits) < 10:
            found = session.get(Supplier, int(digits))
    if found is None:
        raise NotFound("err.supplier_not_found", name=text)
    return found


def usable_supplier(session: Session, ref: str | int) -> Supplier:
    """A supplier a part or a receipt may name: on the list, not removed (DOMAIN §4)."""
    supplier = get_supplier(session, ref)
    if supplier.status == "removed":
        raise DomainError("err.supplier_removed", name=supplier.name)
    return supplier


def _tidy(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def add_supplier(
    session: Session,
    stamp: Stamp,
    *,
    name: str,
    contact: str | None = None,
    phone: str | None = None,
    notes: str | None = None,
) -> Supplier:
    """Put a supplier on the qualified list (status ``qualified``, not rated yet). A name
    already there — compared loosely — is refused."""
    from shouhou.models import Supplier
    from shouhou.services.users import display_name

    shown = display_name(name)
    if not shown:
        raise UsageError("err.required", field="name")
    if len(shown) > NAME_LENGTH:
        raise UsageError("err.part_field_long", field="name", max=NAME_LENGTH)
    existing = find_supplier(session, shown)
    if existing is not None:
        raise DomainError("err.supplier_exists", name=existing.name)
    supplier = Supplier(
        name=shown,
        contact=_tidy(contact),
        phone=_tidy(phone),
        notes=_tidy(notes),
        status="qualified",
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(supplier)
    session.flush()
    assert supplier.id is not None
    fields = {"name": shown, "contact": supplier.contact, "phone": supplier.phone}
    audit.record(
        session,
        stamp,
        entity="supplier",
        entity_id=supplier.id,
        action="supplier_add",
        changes={k: v for k, v in fields.items() if v is not None},
    )
    return supplier


def check_rating(value: int, field: str) -> int:
    if not RATING_LOW <= value <= RATING_HIGH:
        raise UsageError(
            "err.supplier_rating", field=field, value=value, low=RATING_LOW, high=RATING_HIGH
        )
    return value


def rate_supplier(
    session: Session,
    stamp: Stamp,
    ref: str | int,
    *,
    quality: int | None = None,
    price: int | None = None,
    delivery: int | None = None,
) -> Supplier:
    """Rate a supplier 1–5 on quality, price and delivery (DOMAIN §4); a rating not given
    stays as it was, at least one must be given. A removed supplier is rated too (the
    record of why it went stays useful)."""
    given = {"quality": quality, "price": price, "delivery": delivery}
    updates = {k: check_rating(v, k) for k, v in given.items() if v is not None}
    if not updates:
        raise UsageError("err.supplier_rate_nothing")
    supplier = get_supplier(session, ref)
    audit.update_tracked(
        session,
        stamp,
        supplier,
        entity="supplier",
        updates=updates,
        snapshot=lambda row: {k: getattr(row, k) for k in RATINGS},
        action="supplier_rate",
    )
    return supplier


def _standing(
    session: Session, stamp: Stamp, supplier: Supplier, status: str, reason: str, action: str
) -> None:
    assert supplier.id is not None
    before = supplier.status
    supplier.status = status
    supplier.updated_at = stamp.at
    session.add(supplier)
    audit.record(
        session,
        stamp,
        entity="supplier",
        entity_id=supplier.id,
        action=action,
        changes={"status": [before, status], "reason": reason},
    )


def warn_supplier(session: Session, stamp: Stamp, ref: str | int, *, reason: str) -> Supplier:
    """Warn a supplier 警告 (DOMAIN §4): it stays usable, shown as warned, the reason in the
    audit trail. A warned supplier may be warned again (each warning is recorded); a removed
    one is refused."""
    text = _tidy(reason)
    if text is None:
        raise UsageError("err.required", field="reason")
    supplier = get_supplier(session, ref)
    if supplier.status == "removed":
        raise DomainError("err.supplier_already_removed", name=supplier.name)
    _standing(session, stamp, supplier, "warned", text, "supplier_warn")
    return supplier


def remove_supplier(session: Session, stamp: Stamp, ref: str | int, *, reason: str) -> Supplier:
    """Take a supplier off the qualified list 取消合格供方资格 (DOMAIN §4): it can no longer be
    chosen for a part or a receipt; parts naming it keep it until they are edited (the
    purchase plan lists them under "no supplier")."""
    text = _tidy(reason)
    if text is None:
        raise UsageError("err.required", field="reason")
    supplier = get_supplier(session, ref)
    if supplier.status == "removed":
        raise DomainError("err.supplier_already_removed", name=supplier.name)
    _standing(session, stamp, supplier, "removed", text, "supplier_remove")
    return supplier


# -- views ----------------------------------------------------------------------------------------


def score(supplier: Supplier) -> str | None:
    """The mean of the ratings given, one decimal (``4.3``); None before any rating."""
    values = [getattr(supplier, k) for k in RATINGS if getattr(supplier, k) is not None]
    if not values:
        return None
    return str((Decimal(sum(values)) / len(values)).quantize(Decimal("0.1")))


def supplier_view(supplier: Supplier, *, parts: int = 0) -> dict[str, Any]:
    """The JSON shape: ``id, name, status, quality, price, delivery, score, contact, phone,
    parts`` (catalogue parts naming it), ``notes, created_at``."""
    from shouhou.timeutil import iso_utc

    return {
        "id": supplier.id,
        "name": supplier.name,
        "status": supplier.status,
        "quality": supplier.quality,
        "price": supplier.price,
        "delivery": supplier.delivery,
        "score": score(supplier),
        "contact": supplier.contact,
        "phone": supplier.phone,
        "parts": parts,
        "notes": supplier.notes,
        "created_at": iso_utc(supplier.created_at),
    }


def _part_counts(session: Session) -> dict[int, int]:
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import Part

    query = (
        select(col(Part.supplier_id), func.count())
        .where(col(Part.supplier_id).is_not(None))
        .group_by(col(Part.supplier_id))
    )
    return {supplier_id: int(count) for supplier_id, count in session.execute(query)}


def iter_supplier_views(
    session: Session, *, include_removed: bool = False
) -> Iterator[dict[str, Any]]:
    """Suppliers by name — qualified and warned ones, removed ones too with
    ``include_removed`` — each with how many catalogue parts name it."""
    from sqlmodel import col, select

    from shouhou.models import Supplier

    query = select(Supplier).order_by(col(Supplier.name), col(Supplier.id))
    if not include_removed:
        query = query.where(Supplier.status != "removed")
    counts = _part_counts(session)
    for supplier in session.exec(query):
        assert supplier.id is not None
        yield supplier_view(supplier, parts=counts.get(supplier.id, 0))


def supplier_detail(session: Session, ref: str | int) -> dict[str, Any]:
    """``part supplier show``: the view, the catalogue parts naming it (number, name) and the
    audit trail (ratings, warnings and removal with their reasons)."""
    from sqlmodel import col, select

    from shouhou.models import Part
    from shouhou.views import audit_view

    supplier = get_supplier(session, ref)
    assert supplier.id is not None
    parts = session.exec(
        select(Part.number, Part.name)
        .where(Part.supplier_id == supplier.id)
        .order_by(col(Part.number))
    ).all()
    view = supplier_view(supplier, parts=len(parts))
    view["part_list"] = [{"number": number, "name": name} for number, name in parts]
    view["timeline"] = [
        audit_view(entry)
        for entry in audit.trail(session, entity="supplier", entity_id=supplier.id)
    ]
    return view
