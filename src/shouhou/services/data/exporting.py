"""Table export: any table of the schema as CSV, JSON or .xlsx, streamed row by row.

Rules this module owns:

- Every table in ``SQLModel.metadata`` can be exported under its database name.
- Rows are streamed (``yield_per``), never fetched whole, so a million-row table stays small.
- Values: times ISO-8601 UTC, dates ISO, booleans ``true``/``false`` in CSV, NULL empty.
- CSV is UTF-8 (with a BOM for Excel when asked); a text cell a spreadsheet would run as a
  formula (``= + - @``, tab, CR) gets a leading ``'``. In .xlsx such text is stored as a string
  cell, never as a formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from shouhou.errors import UsageError

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlmodel import Session

FORMATS = ("csv", "json", "xlsx")
BATCH = 1000


def table_names() -> list[str]:
    """The exportable tables, in schema order (as the database names them)."""
    from shouhou.models import schema

    return list(schema().tables)


def get_table(name: str) -> Table:
    from shouhou.models import schema

    tables = schema().tables
    table = tables.get(name.strip().lower())
    if table is None:
        raise UsageError("err.unknown_table", table=name, accepted=", ".join(tables))
    return table


def column_names(table: Table) -> list[str]:
    return [column.name for column in table.columns]


def iter_rows(
    session: Session, table: Table, *, batch: int = BATCH, customer_id: int | None = None
) -> Iterator[Sequence[Any]]:
    """The table's rows in primary-key order, streamed ``batch`` at a time; ``customer_id``
    keeps one customer's rows (see ``customer_column``)."""
    from sqlalchemy import select

    query = select(table).order_by(*table.primary_key.columns)
    if customer_id is not None:
        query = query.where(customer_column(table) == customer_id)
    conn = session.connection().execution_options(yield_per=batch, stream_results=True)
    yield from conn.execute(query)


def customer_column(table: Table) -> Any:
    """The column that says whose a row is: ``customer.id``, else a ``customer_id`` column;
    a table with neither cannot be filtered by customer (exit 2 naming those that can)."""
    from shouhou.models import schema

    if table.name == "customer":
        return table.c.id
    if "customer_id" in table.c:
        return table.c.customer_id
    accepted = [
        t.name for t in schema().tables.values() if t.name == "customer" or "customer_id" in t.c
    ]
    raise UsageError("err.export_no_customer", table=table.name, accepted=", ".join(accepted))


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula by prefixing ``'`` (OWASP advice).

    Numbers stay numbers: only text is touched, so ``-5`` exported from an integer column
    stays ``-5``.
    """
    from shouhou.spreadsheet import guard

    return guard(value) if isinstance(value, str) else value


def plain(value: Any) -> Any:
    """A JSON-ready value: ISO times in UTC, ISO dates, decimals as strings."""
    if isinstance(value, datetime):
        from shouhou.timeutil import iso_utc

        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(plain(value))


def write_csv(
    stream: IO[str], columns: Sequence[str], rows: Iterator[Sequence[Any]], *, bom: bool = False
) -> int:
    """CSV with a header row; returns the number of data rows."""
    if bom:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n" if bom else "\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
        count += 1
    return count


def write_json(stream: IO[str], columns: Sequence[str], rows: Iterator[Sequence[Any]]) -> int:
    """A JSON array of objects keyed by column name, written as rows arrive."""
    count = 0
    stream.write("[")
    for row in rows:
        record = {name: plain(value) for name, value in zip(columns, row, strict=True)}
        stream.write(",\n  " if count else "\n  ")
        stream.write(json.dumps(record, ensure_ascii=False))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def xlsx_value(value: Any) -> Any:
    """Excel has no time zones: times become naive UTC; booleans and numbers stay native."""
    if isinstance(value, datetime):
        from shouhou.timeutil import to_utc

        return to_utc(value).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return str(value)
    return value


def write_xlsx(
    path: Path, sheet: str, columns: Sequence[str], rows: Iterator[Sequence[Any]]
) -> int:
    """An .xlsx workbook in write-only mode (constant memory); text is never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.append(list(columns))
    count = 0
    for row in rows:
        cells: list[Any] = []
        for value in row:
            value = xlsx_value(value)
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(worksheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        worksheet.append(cells)
        count += 1
    workbook.save(path)
    return count


def export_table(
    session: Session,
    name: str,
    fmt: str,
    *,
    stream: IO[str] | None = None,
    path: Path | None = None,
    excel: bool = False,
    customer: str | None = None,
) -> int:
    """Write table ``name`` as ``fmt`` to ``stream`` (csv/json) or ``path`` (xlsx); with
    ``customer`` (id, phone or unique name part) only that customer's rows."""
    if fmt not in FORMATS:
        raise UsageError("err.bad_choice", field="format", value=fmt, accepted="|".join(FORMATS))
    table = get_table(name)
    columns = column_names(table)
    customer_id = None
    if customer is not None:
        from shouhou.services.customers.customers import customer_id_of

        customer_column(table)
        customer_id = customer_id_of(session, customer)
    rows = iter_rows(session, table, customer_id=customer_id)
    if fmt == "xlsx":
        if path is None:
            raise UsageError("err.export_needs_output", format=fmt)
        return write_xlsx(path, table.name, columns, rows)
    assert stream is not None
    if fmt == "csv":
        return write_csv(stream, columns, rows, bom=excel)
    return write_json(stream, columns, rows)
