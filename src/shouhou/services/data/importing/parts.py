"""The parts catalogue writer: natural key part number; money in yuan, stock limits checked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from shouhou.services.audit import Stamp
from shouhou.services.data.importing.columns import ColumnPlan
from shouhou.services.data.importing.rows import ImportReport, Progress, Row, add_problem
from shouhou.services.data.importing.writing import (
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
    "supplier",
    "safety_stock",
    "min_stock",
    "max_stock",
    "key_part",
    "notes",
)


PART_DEFAULTS = {"safety_stock": 0, "min_stock": 0, "key_part": False}


def _part_values(row: Row) -> dict[str, Any]:
    """A row's values under the part table's column names (money in cents)."""
    values = dict(row.values)
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
        if plan.has(column) or plan.has(column.removesuffix("_cents"))
    ]
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
    write_keyed(conn, table, inserts, updates, mapped, report, progress)
