"""Customer file 客户档案: create, find, edit, list (DOMAIN §1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from shouhou.enums import Zone
from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.paging import keyset

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Customer

EDITABLE = ("name", "contact", "phone", "address", "region", "zone", "key_customer", "notes")


def _fields(customer: Customer) -> dict[str, Any]:
    return {name: getattr(customer, name) for name in EDITABLE}


def _check_zone(zone: str) -> str:
    if zone not in Zone.__members__.values():
        raise UsageError(
            "err.bad_choice", field="zone", value=zone, accepted="|".join(z.value for z in Zone)
        )
    return zone


def add_customer(
    session: Session,
    stamp: Stamp,
    *,
    name: str,
    contact: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    region: str | None = None,
    zone: str = "local",
    key_customer: bool = False,
    notes: str | None = None,
) -> Customer:
    """Open a customer file. DOMAIN §1: opened when the contract is signed."""
    from shouhou.models import Customer

    if not name.strip():
        raise UsageError("err.required", field="name")
    customer = Customer(
        name=name.strip(),
        contact=contact,
        phone=phone,
        address=address,
        region=region,
        zone=_check_zone(zone),
        key_customer=key_customer,
        notes=notes,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(customer)
    session.flush()
    assert customer.id is not None
    audit.record(
        session,
        stamp,
        entity="customer",
        entity_id=customer.id,
        action="create",
        changes={k: v for k, v in _fields(customer).items() if v not in (None, False)},
    )
    return customer


def get_customer(session: Session, customer_id: int) -> Customer:
    from shouhou.models import Customer

    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("err.customer_not_found", ref=customer_id)
    return customer


def find_customers(session: Session, ref: str, *, limit: int = 10) -> list[Customer]:
    """By id, exact phone, or a fragment of the name (the clerk on the phone knows one of them)."""
    from sqlmodel import col, or_, select

    from shouhou.models import Customer

    ref = ref.strip()
    if ref.isdigit():
        found = session.get(Customer, int(ref))
        if found is not None:
            return [found]
    query = (
        select(Customer)
        .where(or_(col(Customer.phone) == ref, col(Customer.name).contains(ref, autoescape=True)))
        .order_by(col(Customer.id))
        .limit(limit)
    )
    return list(session.exec(query))


def resolve_customer(session: Session, ref: str) -> Customer:
    """Exactly one customer for ``ref``; an ambiguous fragment is an error listing candidates."""
    matches = find_customers(session, ref)
    if not matches:
        raise NotFound("err.customer_not_found", ref=ref)
    exact = [c for c in matches if c.name == ref or c.phone == ref]
    if len(exact) == 1:
        return exact[0]
    if len(matches) > 1:
        names = "; ".join(f"{c.id} {c.name}" for c in matches[:5])
        raise DomainError("err.customer_ambiguous", ref=ref, candidates=names)
    return matches[0]


def edit_customer(session: Session, stamp: Stamp, customer_id: int, **changes: Any) -> Customer:
    customer = get_customer(session, customer_id)
    updates = {k: v for k, v in changes.items() if v is not None}
    unknown = set(updates) - set(EDITABLE)
    if unknown:
        raise UsageError(
            "err.bad_choice",
            field="field",
            value=",".join(sorted(unknown)),
            accepted="|".join(EDITABLE),
        )
    if "zone" in updates:
        _check_zone(updates["zone"])
    if "name" in updates and not str(updates["name"]).strip():
        raise UsageError("err.required", field="name")
    audit.update_tracked(
        session, stamp, customer, entity="customer", updates=updates, snapshot=_fields
    )
    return customer


def iter_customers(
    session: Session,
    *,
    search: str | None = None,
    limit: int | None = None,
    batch: int = 2000,
) -> Iterator[dict[str, Any]]:
    """Customer views (``views.customer_record``) by id, streamed in keyset pages so a big
    table never sits in memory; built from plain rows — model objects cost 3× more here."""
    from sqlmodel import col, or_, select

    from shouhou.models import Customer
    from shouhou.views import CUSTOMER_SOURCES, customer_record

    table = Customer.__table__  # type: ignore[attr-defined]
    query = select(*(table.c[name] for name in CUSTOMER_SOURCES))
    if search:
        query = query.where(
            or_(
                col(Customer.name).contains(search, autoescape=True),
                col(Customer.phone).contains(search, autoescape=True),
                col(Customer.contact).contains(search, autoescape=True),
            )
        )
    for row in keyset(session, query, col(Customer.id), limit=limit, batch=batch, core=True):
        yield customer_record(row)
