"""The parts catalogue writer: natural key part number; money in yuan, stock limits checked.

The supplier column names a supplier record (DOMAIN §4 qualified list): found by name (compared
loosely, ``suppliers.name_key``) or put on the list as a new qualified supplier; one removed
from the list is a problem unless the part already names it. A counted-stock column (期初库存,
an opening stock or a count from a spreadsheet, issue 12 item 8) is booked after the parts are
written: counted − on-hand as one ``adjust`` movement per part (``ledger.move``), none when
they agree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from shouhou.services.audit import Stamp
from shouhou.services.data.importing.columns import ColumnPlan
from shouhou.services.data.importing.rows import ImportReport, Progress, Row, add_problem
from shouhou.services.data.importing.writing import (
    bulk_insert,
    chunks,
    differs,
    fetch,
    first_sighting,
    table_named,
    update_params,
    write_keyed,
)

if TYPE_CHECKING:
    from sqlmodel import Session


PART_COLUMNS = (
    "name",
    "spec",
    "unit",
    "cost_cents",
    "price_cents",
    "supplier_id",
    "safety_stock",
    "min_stock",
    "max_stock",
    "key_part",
    "core_return",
    "notes",
)


PART_DEFAULTS = {"safety_stock": 0, "min_stock": 0, "key_part": False, "core_return": False}
# The largest counted stock a cell may give (``ledger.MAX_QUANTITY``: a typo guard).
MAX_COUNTED = 1_000_000
# The sheet's field feeding a table column, where the names differ.
SOURCE_FIELD = {"supplier_id": "supplier"}


def _part_values(row: Row) -> dict[str, Any]:
    """A row's values under the part table's column names (money in cents)."""
    values = dict(row.values)
    values.pop("supplier", None)  # a name: resolved to ``supplier_id`` by ``_Suppliers``
    for money in ("cost", "price"):
        yuan = values.pop(money, None)
        if yuan is not None:
            values[f"{money}_cents"] = yuan
    return {column: values.get(column) for column in PART_COLUMNS}


def _stock_limits_conflict(values: Mapping[str, Any], current: Mapping[str, Any] | None) -> bool:
    """Maximum stock below the minimum or the safety stock (after merging with what is held)."""

    def pick(name: str) -> Any:
        if values.get(name) is not None:
            return values[name]
        return current[name] if current is not None else PART_DEFAULTS.get(name)

    most = pick("max_stock")
    return most is not None and most < max(pick("min_stock"), pick("safety_stock"))


def import_parts(
    session: Session,
    stamp: Stamp,
    rows: list[Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    conn = session.connection()
    table = table_named("part")
    mapped = [
        column
        for column in PART_COLUMNS
        if plan.has(SOURCE_FIELD.get(column, column)) or plan.has(column.removesuffix("_cents"))
    ]
    suppliers = _Suppliers(session) if plan.has("supplier") else None
    existing = {
        part["number"]: part
        for part in fetch(
            conn,
            "part",
            "number",
            (r.values["number"] for r in rows),
            ("id", "number", *PART_COLUMNS),
        )
    }
    seen: dict[str, Row] = {}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row in rows:
        number = row.values["number"]
        if not first_sighting(seen, number, row, plan, report):
            continue
        current = existing.get(number)
        new = _part_values(row)
        if suppliers is not None:
            new["supplier_id"] = suppliers.resolve(row, current, plan, report)
            if new["supplier_id"] is REFUSED:
                continue
        counted = row.values.get("counted")
        if counted is not None and counted > MAX_COUNTED:
            header = plan.header.get("counted", "counted")
            add_problem(
                report, row.number, header, counted, "problem.count_too_large", high=MAX_COUNTED
            )
            continue
        if _stock_limits_conflict(new, current):
            header = plan.header.get("max_stock", "max_stock")
            add_problem(report, row.number, header, new["max_stock"], "problem.max_below_min")
            continue
        if current is None:
            record = {**PART_DEFAULTS, **{k: v for k, v in new.items() if v is not None}}
            record = {column: record.get(column) for column in PART_COLUMNS}
            record.update(number=number, created_at=stamp.at, updated_at=stamp.at)
            inserts.append(record)
        elif differs(current, {column: new[column] for column in mapped}):
            updates.append(update_params(current, new, mapped, stamp.at))
        else:
            report.skipped += 1
    if suppliers is not None:
        suppliers.create(session, stamp, report, [*inserts, *updates])
    write_keyed(conn, table, inserts, updates, mapped, report, progress)
    if plan.has("counted"):
        _book_counts(session, stamp, list(seen.values()), report)


class _NewSupplier:
    """A supplier the sheet names that is not on the list yet (created when writing)."""

    def __init__(self, name: str) -> None:
        self.name = name


REFUSED = object()  # a row whose supplier cannot be used (a problem was recorded)


class _Suppliers:
    """The supplier column: each name found on the list (compared loosely) or new."""

    def __init__(self, session: Session) -> None:
        from sqlmodel import select

        from shouhou.models import Supplier
        from shouhou.services.parts.suppliers import name_key

        self.key = name_key
        self.known: dict[str, tuple[int, str]] = {}
        for supplier_id, name, status in session.exec(
            select(Supplier.id, Supplier.name, Supplier.status)
        ):
            assert supplier_id is not None
            self.known.setdefault(name_key(name), (supplier_id, status))
        self.new: dict[str, _NewSupplier] = {}

    def resolve(
        self, row: Row, current: Mapping[str, Any] | None, plan: ColumnPlan, report: ImportReport
    ) -> Any:
        """The supplier id of the row (a :class:`_NewSupplier` until written; None: the cell
        is empty, what is held stays), or :data:`REFUSED`."""
        from shouhou.services.users import display_name

        name = row.values.get("supplier")
        if not name:
            return None
        key = self.key(name)
        found = self.known.get(key)
        if found is None:
            return self.new.setdefault(key, _NewSupplier(display_name(name)))
        supplier_id, status = found
        if status == "removed" and (current is None or current["supplier_id"] != supplier_id):
            header = plan.header.get("supplier", "supplier")
            add_problem(report, row.number, header, name, "problem.supplier_removed")
            return REFUSED
        return supplier_id

    def create(
        self, session: Session, stamp: Stamp, report: ImportReport, records: list[dict[str, Any]]
    ) -> None:
        """Put the new suppliers on the list (qualified, each with an audit entry) and give
        ``records`` (inserts, update parameters) their ids — unless checking only."""
        from shouhou.services import audit

        if report.problems:
            return
        report.suppliers_created = len(self.new)
        if not self.new or report.dry_run:
            return
        conn = session.connection()
        names = [new.name for new in self.new.values()]
        made = [
            {"name": name, "status": "qualified", "created_at": stamp.at, "updated_at": stamp.at}
            for name in names
        ]
        bulk_insert(conn, table_named("supplier"), made)
        ids = {
            row["name"]: row["id"] for row in fetch(conn, "supplier", "name", names, ("id", "name"))
        }
        for name in names:
            changes = {"name": name, "source": "import"}
            audit.record(
                session, stamp, entity="supplier", entity_id=ids[name], action="supplier_add",
                changes=changes,
            )  # fmt: skip
        for record in records:
            for column in ("supplier_id", "b_supplier_id"):
                value = record.get(column)
                if isinstance(value, _NewSupplier):
                    record[column] = ids[value.name]


def _book_counts(session: Session, stamp: Stamp, rows: list[Row], report: ImportReport) -> None:
    """Book each counted quantity against the books (issue 12 item 8): counted − on-hand as
    one ``adjust`` movement (``booked``/``counted`` kept), none where they agree; the file
    name is the movement's reference. Checking only counts what would be booked."""
    from sqlmodel import col, select

    from shouhou.models import Part
    from shouhou.services.parts import ledger

    if report.problems:
        return
    counted = {r.values["number"]: r.values["counted"] for r in rows}
    counted = {number: value for number, value in counted.items() if value is not None}
    if not counted:
        return
    parts: dict[str, Part] = {}
    for batch in chunks(sorted(counted)):
        parts.update(
            (p.number, p) for p in session.exec(select(Part).where(col(Part.number).in_(batch)))
        )
    stock = ledger.on_hand_many(session, [p.id for p in parts.values() if p.id is not None])
    for number in sorted(counted):
        part = parts.get(number)
        booked = stock.get(part.id, 0) if part is not None and part.id is not None else 0
        difference = counted[number] - booked
        if difference == 0:
            continue
        report.stock_adjusted += 1
        if report.dry_run or part is None:
            continue
        ledger.move(
            session,
            stamp,
            part,
            kind="adjust",
            quantity=difference,
            booked=booked,
            counted=counted[number],
            reference=f"import {report.file}"[:100],
        )
