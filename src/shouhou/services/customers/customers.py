"""Customer file 客户档案: create, find, edit, list (DOMAIN §1)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.paging import keyset

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Customer

MAX_ID = 2**31 - 1  # ids are 32-bit integers (PostgreSQL refuses a larger one to compare)
EDITABLE = ("name", "contact", "phone", "address", "region", "zone", "key_customer", "notes")


def _fields(customer: Customer) -> dict[str, Any]:
    return {name: getattr(customer, name) for name in EDITABLE}


def _check_zone(zone: str) -> str:
    """A zone in either language (``local``/``本地``) → its canonical value."""
    from shouhou.vocabulary import ZONE

    return ZONE.parse(zone)


@dataclass(frozen=True)
class Lookalikes:
    """Customers that look like a new one (issue 10.3): ``same`` has its name and phone,
    ``same_name`` / ``same_phone`` only one of them."""

    same: list[Customer]
    same_name: list[Customer]
    same_phone: list[Customer]

    @property
    def any(self) -> bool:
        return bool(self.same or self.same_name or self.same_phone)


def phone_digits(phone: str | None) -> str:
    """A phone as compared: its digits (``022-1234 5678`` = ``02212345678``)."""
    return "".join(ch for ch in phone or "" if ch.isdigit())


def _phone_column() -> Any:
    """The stored phone with the usual separators removed, in SQL (SQLite and PostgreSQL)."""
    from sqlalchemy import func
    from sqlmodel import col

    from shouhou.models import Customer

    stripped: Any = col(Customer.phone)
    for mark in ("-", " ", "(", ")", "+", "."):
        stripped = func.replace(stripped, mark, "")
    return stripped


def lookalikes(session: Session, *, name: str, phone: str | None) -> Lookalikes:
    """Existing customers with the same name (trimmed, case-insensitive) and/or the same phone
    (compared by its digits). Two customers without a phone and with the same name are the same
    name and phone."""
    from sqlalchemy import func
    from sqlmodel import col, or_, select

    from shouhou.models import Customer

    wanted_name = name.strip().lower()
    digits = phone_digits(phone)
    conditions = [func.lower(func.trim(col(Customer.name))) == wanted_name]
    if digits:
        conditions.append(_phone_column() == digits)
    found = session.exec(
        select(Customer).where(or_(*conditions)).order_by(col(Customer.id)).limit(20)
    ).all()
    same: list[Customer] = []
    same_name: list[Customer] = []
    same_phone: list[Customer] = []
    for customer in found:
        name_matches = customer.name.strip().lower() == wanted_name
        phone_matches = phone_digits(customer.phone) == digits
        if name_matches and phone_matches:
            same.append(customer)
        elif name_matches:
            same_name.append(customer)
        elif phone_matches and digits:
            same_phone.append(customer)
    return Lookalikes(same, same_name, same_phone)


def describe(customer: Customer) -> str:
    """``17 天津天控科技有限公司 (022-12345678)``: a customer as errors and warnings name it."""
    return f"{customer.id} {customer.name}" + (f" ({customer.phone})" if customer.phone else "")


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
    force: bool = False,
) -> Customer:
    """Open a customer file. DOMAIN §1: opened when the contract is signed.

    Issue 10.3: a customer with the same name and phone as an existing one is refused (it is
    the same customer, typed twice) unless ``force``; lookalikes with only the name or only
    the phone in common are the caller's to warn about (``lookalikes``).
    """
    from shouhou.models import Customer

    if not name.strip():
        raise UsageError("err.required", field="name")
    zone = _check_zone(zone)
    if not force:
        same = lookalikes(session, name=name, phone=phone).same
        if same:
            raise DomainError("err.customer_duplicate", existing=describe(same[0]), id=same[0].id)
    customer = Customer(
        name=name.strip(),
        contact=contact,
        phone=phone,
        address=address,
        region=region,
        zone=zone,
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


def get_customer(session: Session, ref: int | str) -> Customer:
    """The customer with id ``ref`` (an int), or named by ``ref`` (a string: id, phone or a
    unique name fragment — ``resolve_customer``)."""
    from shouhou.models import Customer

    if isinstance(ref, str):
        return resolve_customer(session, ref)
    customer = session.get(Customer, ref)
    if customer is None:
        raise NotFound("err.customer_not_found", ref=ref)
    return customer


def customer_id_of(session: Session, ref: int | str | None) -> int | None:
    """The id of the customer ``ref`` names (None stays None): for filters such as
    ``ticket list --customer``."""
    if ref is None:
        return None
    customer_id = get_customer(session, ref).id
    assert customer_id is not None
    return customer_id


def find_customers(session: Session, ref: str, *, limit: int = 10) -> list[Customer]:
    """By id, phone (compared by its digits), or a fragment of the name (case-insensitive):
    the clerk on the phone knows one of them (CLI.md: a customer is referenced the same way
    everywhere)."""
    from sqlmodel import col, or_, select

    from shouhou.models import Customer

    ref = ref.strip()
    if not ref:
        return []
    if ref.isdigit() and int(ref) <= MAX_ID:
        found = session.get(Customer, int(ref))
        if found is not None:
            return [found]
    conditions = [col(Customer.phone) == ref, col(Customer.name).icontains(ref, autoescape=True)]
    digits = phone_digits(ref)
    if len(digits) >= 5 and len(digits) * 2 > len(ref):  # looks like a phone number
        conditions.append(_phone_column() == digits)
    query = select(Customer).where(or_(*conditions)).order_by(col(Customer.id)).limit(limit)
    return list(session.exec(query))


def resolve_customer(session: Session, ref: str) -> Customer:
    """Exactly one customer for ``ref`` (id, phone or unique name fragment); none → NotFound;
    several → an error listing the candidates with id and phone (give the id)."""
    if not ref.strip():
        raise UsageError("err.required", field="customer")
    matches = find_customers(session, ref)
    if not matches:
        raise NotFound("err.customer_not_found", ref=ref)
    wanted = ref.strip()
    digits = phone_digits(wanted)
    exact = [c for c in matches if c.name == wanted or c.phone == wanted]
    if not exact and len(digits) >= 5:
        exact = [c for c in matches if phone_digits(c.phone) == digits]
    if len(exact) == 1:
        return exact[0]
    if len(matches) > 1:
        shown = "; ".join(describe(c) for c in matches[:5])
        if len(matches) > 5:
            shown += "; …"
        raise DomainError("err.customer_ambiguous", ref=ref, candidates=shown)
    return matches[0]


def edit_customer(
    session: Session, stamp: Stamp, customer_ref: int | str, **changes: Any
) -> Customer:
    """Change fields of a customer file (``customer_ref``: id, phone or unique name fragment);
    ``None`` leaves a field as it is; the audit trail records the change."""
    customer = get_customer(session, customer_ref)
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
        updates["zone"] = _check_zone(updates["zone"])
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
