"""The devices writer: natural key serial; the customer named on the row is found or created."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from shouhou.services.audit import Stamp
from shouhou.services.data.importing.columns import ColumnPlan
from shouhou.services.data.importing.customers import (
    CUSTOMER_COLUMNS,
    customer_ids,
    customers_by_name,
    match_exact,
)
from shouhou.services.data.importing.rows import ImportReport, Progress, Row, add_problem
from shouhou.services.data.importing.writing import (
    bulk_insert,
    bulk_update,
    differs,
    fetch,
    first_sighting,
    table_named,
)

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlalchemy import Connection
    from sqlmodel import Session


DEVICE_COLUMNS = (
    "brand",
    "model",
    "product_line",
    "configuration",
    "factory_date",
    "purchase_date",
    "accepted_on",
    "warranty_months",
    "contract_until",
    "notes",
)


NEW_CUSTOMER_FIELDS = {
    "customer_contact": "contact",
    "customer_address": "address",
    "customer_region": "region",
    "customer_zone": "zone",
    "customer_key": "key_customer",
}


@dataclass
class _CustomerRef:
    """How a row names its customer: an existing id, or the natural key of one to create."""

    id: int | None = None
    new_key: tuple[str, str] | None = None


@dataclass
class CustomerResolver:
    """Customer id → that customer; name (+ phone) → the customer with that natural key.

    Without a phone a unique name is enough. Device rows may name a customer shouhou does not
    have yet (``may_create``); ticket rows may not. Outcomes are remembered per key: a
    device sheet repeats each customer on many rows.
    """

    plan: ColumnPlan
    by_name: Mapping[str, list[dict[str, Any]]]
    known_ids: set[int]
    phone_field: str | None
    may_create: bool
    _seen: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def __call__(self, row: Row, report: ImportReport) -> _CustomerRef | None:
        values = row.values
        customer_id = values.get("customer_id")
        name = values.get("customer_name")
        phone = values.get(self.phone_field) if self.phone_field else None
        key = (customer_id, name, phone)
        outcome = self._seen.get(key)
        if outcome is None:
            outcome = self._seen[key] = self._decide(customer_id, name, phone)
        if isinstance(outcome, _CustomerRef):
            return outcome
        header, value, problem, fields = outcome
        add_problem(report, row.number, header, value, problem, **fields)
        return None

    def _decide(self, customer_id: int | None, name: str | None, phone: str | None) -> Any:
        if customer_id is not None:
            if customer_id not in self.known_ids:
                header = self.plan.header["customer_id"]
                return (header, customer_id, "problem.customer_id_missing", {})
            return _CustomerRef(id=customer_id)
        if name is None:
            return _CustomerRef()
        header = self.plan.header["customer_name"]
        candidates = self.by_name.get(name, [])
        exact = match_exact(candidates, phone)
        if len(exact) == 1:
            return _CustomerRef(id=exact[0]["id"])
        if len(exact) > 1:
            ids = ", ".join(str(c["id"]) for c in exact)
            return (header, name, "problem.existing_ambiguous", {"ids": ids})
        if phone is None or not self.may_create:
            if len(candidates) == 1:
                return _CustomerRef(id=candidates[0]["id"])
            if len(candidates) > 1:
                ids = ", ".join(str(c["id"]) for c in candidates[:5])
                return (header, name, "problem.customer_ambiguous", {"ids": ids})
        if self.may_create:
            return _CustomerRef(new_key=(name, phone or ""))
        return (header, name, "problem.customer_missing", {})


def devices_by_serial(conn: Connection, serials: Iterable[str]) -> dict[str, dict[str, Any]]:
    columns = ("id", "serial", "customer_id", *DEVICE_COLUMNS)
    return {row["serial"]: row for row in fetch(conn, "device", "serial", serials, columns)}


def import_devices(
    session: Session,
    stamp: Stamp,
    rows: list[Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
    zone: tzinfo | None = None,
) -> None:
    """Insert or update the devices of ``rows``; a device accepted recently enough gets its
    callback (``zone`` given: see :func:`new_device_callbacks`)."""
    conn = session.connection()
    customer_table = table_named("customer")
    device_table = table_named("device")
    by_name = customers_by_name(
        conn, (r.values["customer_name"] for r in rows if r.values.get("customer_name"))
    )
    known_ids = customer_ids(
        conn, (r.values["customer_id"] for r in rows if r.values.get("customer_id"))
    )
    existing = devices_by_serial(conn, (r.values["serial"] for r in rows))
    resolve = CustomerResolver(plan, by_name, known_ids, "customer_phone", may_create=True)
    mapped = [name for name in DEVICE_COLUMNS if plan.has(name)]
    names_customer = plan.has("customer_id") or plan.has("customer_name")
    new_customers: dict[tuple[str, str], dict[str, Any]] = {}
    seen: dict[str, Row] = {}
    planned: list[tuple[Row, _CustomerRef, dict[str, Any] | None]] = []
    for row in rows:
        serial = row.values["serial"]
        ref = resolve(row, report)
        if ref is None:
            continue
        if not first_sighting(seen, serial, row, plan, report):
            continue
        current = existing.get(serial)
        if ref.id is None and ref.new_key is None and current is None:
            header = plan.header.get("customer_name") or plan.header.get("customer_id", "")
            add_problem(report, row.number, header, None, "problem.no_customer")
            continue
        if ref.new_key is not None and ref.new_key not in new_customers:
            name, phone = ref.new_key
            record: dict[str, Any] = dict.fromkeys(CUSTOMER_COLUMNS)
            record.update(zone="local", key_customer=False)
            for source, target in NEW_CUSTOMER_FIELDS.items():
                if row.values.get(source) is not None:
                    record[target] = row.values[source]
            record.update(name=name, phone=phone or None, created_at=stamp.at, updated_at=stamp.at)
            new_customers[ref.new_key] = record
        planned.append((row, ref, current))

    inserts: list[tuple[Row, _CustomerRef]] = []
    changed: list[tuple[Row, _CustomerRef, dict[str, Any]]] = []
    for row, ref, current in planned:
        if current is None:
            inserts.append((row, ref))
            continue
        new = {col: row.values.get(col) for col in mapped}
        moved = names_customer and (
            ref.new_key is not None or ref.id not in (None, current["customer_id"])
        )
        if moved or differs(current, new):
            changed.append((row, ref, current))
        else:
            report.skipped += 1
    report.created = len(inserts)
    report.updated = len(changed)
    report.customers_created = len(new_customers)
    if report.problems or report.dry_run:
        return

    new_ids: dict[tuple[str, str], int] = {}
    if new_customers:
        # No customer had these name+phone keys before: after the insert each key has exactly
        # one match (fetching the ids back is faster than RETURNING row by row on SQLite).
        bulk_insert(conn, customer_table, list(new_customers.values()))
        names = {name for name, _ in new_customers}
        for found in fetch(conn, "customer", "name", names, ("id", "name", "phone")):
            key = (found["name"], found["phone"] or "")
            if key in new_customers:
                new_ids[key] = max(found["id"], new_ids.get(key, 0))

    def customer_of(ref: _CustomerRef, fallback: int | None) -> int | None:
        if ref.new_key is not None:
            return new_ids[ref.new_key]
        return ref.id if ref.id is not None else fallback

    if inserts:
        records = []
        for row, ref in inserts:
            record = dict.fromkeys(DEVICE_COLUMNS)
            record.update(warranty_months=24)
            record.update(
                {col: row.values[col] for col in mapped if row.values.get(col) is not None}
            )
            record.update(
                serial=row.values["serial"],
                customer_id=customer_of(ref, None),
                serial_tampered=False,
                replaces_device_id=None,
                created_at=stamp.at,
                updated_at=stamp.at,
            )
            records.append(record)
        bulk_insert(conn, device_table, records)
    if changed:
        params = []
        for row, ref, current in changed:
            merged = {
                f"b_{col}": row.values[col] if row.values.get(col) is not None else current[col]
                for col in mapped
            }
            merged.update(
                b_id=current["id"],
                b_customer_id=customer_of(ref, current["customer_id"]),
                b_updated_at=stamp.at,
            )
            params.append(merged)
        bulk_update(conn, device_table, [*mapped, "customer_id", "updated_at"], params)
    if zone is not None:
        accepted = [row for row, _ in inserts] + [row for row, _, _ in changed]
        new_device_callbacks(session, stamp, accepted, zone)
    if progress is not None:
        progress("write", len(rows), len(rows))


def new_device_callbacks(session: Session, stamp: Stamp, rows: list[Row], zone: tzinfo) -> int:
    """DOMAIN §3 "within 10 days of delivering a new product" for imported devices: only the
    rows giving an acceptance date whose window has not passed today — importing years of
    history creates no callbacks for it. Returns how many were created."""
    from datetime import date, timedelta

    from sqlmodel import col, select

    from shouhou.models import Device
    from shouhou.services import config
    from shouhou.services.visits.callbacks import after_acceptance, new_device_due_at

    today = stamp.at.astimezone(zone).date()
    settings = config.load(session)
    # A device accepted today is due N days on; one accepted N days ago is due today: the
    # oldest acceptance whose window is still open. (None: the rule is off.)
    due_today = new_device_due_at(today, settings, zone)
    if due_today is None:
        return 0
    oldest = today - timedelta(days=(due_today.astimezone(zone).date() - today).days)
    serials = sorted(
        row.values["serial"]
        for row in rows
        if isinstance(row.values.get("accepted_on"), date) and row.values["accepted_on"] >= oldest
    )
    created = 0
    for start in range(0, len(serials), 500):
        query = select(Device).where(col(Device.serial).in_(serials[start : start + 500]))
        # Written through Core just now: a Device already in the session is read afresh.
        query = query.order_by(col(Device.id)).execution_options(populate_existing=True)
        for device in session.exec(query):
            made = after_acceptance(session, stamp, device, today=today, zone=zone)
            created += made is not None
    return created
