"""Bulk writes shared by the writers: Core ``executemany`` in chunks, keyed insert-or-update,
first sighting of a natural key in the file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shouhou.services.data.importing.columns import ColumnPlan
from shouhou.services.data.importing.rows import ImportReport, Progress, Row, add_problem

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table


CHUNK = 500


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def table_named(name: str) -> Table:
    from shouhou.models import schema

    return schema().tables[name]


def fetch(
    conn: Connection, table_name: str, key: str, values: Iterable[Any], columns: Sequence[str]
) -> Iterator[dict[str, Any]]:
    """Rows whose ``key`` is among ``values``, in chunks, as plain dicts of ``columns`` only
    (no audit times: converting 100,000 of them costs seconds)."""
    from sqlalchemy import select

    table = table_named(table_name)
    selected = [table.c[name] for name in columns]
    for batch in chunks(sorted(set(values))):
        query = select(*selected).where(table.c[key].in_(batch)).order_by(table.c.id)
        for row in conn.execute(query):
            yield dict(zip(columns, row, strict=True))


def bulk_insert(conn: Connection, table: Table, records: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``records`` (same keys each) with one DBAPI ``executemany``.

    The statement is compiled by SQLAlchemy for the connection's dialect and every value goes
    through its column type's bind processor, as Core would do, but column by column and
    without Core's per-row bookkeeping (several times faster on 100,000 rows). Repeated
    values (the import's timestamp, common dates) are converted once.
    """
    from sqlalchemy import insert

    if not records:
        return
    names = list(records[0])
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    columns: dict[str, list[Any]] = {}
    for name in names:
        raw = [record[name] for record in records]
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            converted: dict[Any, Any] = {None: None}
            raw = [
                converted[v] if v in converted else converted.setdefault(v, process(v)) for v in raw
            ]
        columns[name] = raw
    if compiled.positional:
        order = list(compiled.positiontup or [])
        params: list[Any] = list(zip(*(columns[name] for name in order), strict=True))
    else:
        params = [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]
    conn.exec_driver_sql(compiled.string, params)


def bulk_update(
    conn: Connection, table: Table, columns: Sequence[str], params: list[dict[str, Any]]
) -> None:
    """One ``executemany`` UPDATE by id; each params dict holds ``b_id`` and ``b_<column>``."""
    from sqlalchemy import bindparam, update

    if not params:
        return
    values: dict[str, Any] = {column: bindparam(f"b_{column}") for column in columns}
    statement = update(table).where(table.c.id == bindparam("b_id")).values(values)
    conn.execute(statement, params)


def update_params(
    current: Mapping[str, Any], new: Mapping[str, Any], mapped: Sequence[str], at: datetime
) -> dict[str, Any]:
    """Bind parameters for :func:`bulk_update`: the row's new values, keeping what is held
    where the sheet's cell is empty."""
    params = {f"b_{col}": new[col] if new[col] is not None else current[col] for col in mapped}
    params.update(b_id=current["id"], b_updated_at=at)
    return params


def write_keyed(
    conn: Connection,
    table: Table,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    mapped: Sequence[str],
    report: ImportReport,
    progress: Progress | None,
) -> None:
    """Count, then (unless checking only or anything is wrong) insert and update in bulk."""
    report.created = len(inserts)
    report.updated = len(updates)
    if report.problems or report.dry_run:
        return
    bulk_insert(conn, table, inserts)
    bulk_update(conn, table, [*mapped, "updated_at"], updates)
    if progress is not None:
        total = len(inserts) + len(updates)
        progress("write", total, total)


def differs(existing: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [name for name, value in new.items() if value is not None and existing[name] != value]


def first_sighting(
    seen: dict[Any, Row], key: Any, row: Row, plan: ColumnPlan, report: ImportReport
) -> bool:
    """True the first time a natural key appears in the file. A later row with the same key is
    skipped when identical and a problem when it says something else."""
    earlier = seen.get(key)
    if earlier is None:
        seen[key] = row
        return True
    conflict = _repeat_conflict(earlier.values, row.values)
    if conflict is None:
        report.skipped += 1
    else:
        add_problem(
            report,
            row.number,
            plan.header.get(conflict, conflict),
            row.values.get(conflict),
            "problem.repeated",
            row_first=earlier.number,
            field=conflict,
        )
    return False


def _repeat_conflict(first: Mapping[str, Any], again: Mapping[str, Any]) -> str | None:
    for name, value in again.items():
        if first.get(name) != value:
            return name
    return None
