"""Reading a source file into a header row and value rows: CSV (UTF-8, BOM, GB18030) and .xlsx.

CSV is decoded whole and split by the standard ``csv`` module. An .xlsx (or .xlsm) sheet is read
by python-calamine, a Rust reader: shared and inline strings, number formats (dates in the 1900
and 1904 calendars, East Asian built-in formats such as 2026年11月23日) and cached formula
results are resolved there, and rows come back one Python list at a time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shouhou.errors import UsageError

if TYPE_CHECKING:
    pass


@dataclass
class SourceTable:
    """A sheet as read: header cells, and data rows with their spreadsheet row numbers."""

    path: Path
    header_row: int
    headers: list[str]
    rows: list[tuple[int, Sequence[Any]]]


def detect_encoding(data: bytes) -> str:
    """BOM → utf-8-sig; else strict UTF-8; else GB18030 (what Excel/WPS save on Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def read_source(path: Path, *, sheet: str | None = None) -> SourceTable:
    """Read a .csv or .xlsx file into memory (an import checks every row before writing)."""
    if not path.is_file():
        raise UsageError("err.import_no_file", path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        records: Iterable[Sequence[Any]] = _csv_records(path)
    elif suffix in (".xlsx", ".xlsm"):
        records = _xlsx_records(path, sheet)
    else:
        raise UsageError("err.import_format", path=str(path), suffix=suffix or "(none)")
    header_row = 0
    headers: list[str] = []
    rows: list[tuple[int, Sequence[Any]]] = []
    for number, record in enumerate(records, start=1):
        if not headers:
            cells = [_header_text(value) for value in record]
            if any(cells):
                header_row, headers = number, cells
            continue
        if any(value not in (None, "") for value in record):
            rows.append((number, record))
    if not headers:
        raise UsageError("err.import_empty", path=str(path))
    return SourceTable(path=path, header_row=header_row, headers=headers, rows=rows)


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed as a header: 2026, not 2026.0
    text = str(value).strip()
    return text.lstrip("\ufeff")


def _csv_records(path: Path) -> Iterator[list[str]]:
    data = path.read_bytes()
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UsageError("err.import_encoding", path=str(path)) from None
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise UsageError("err.import_csv", path=str(path), detail=str(exc)) from None


def _xlsx_records(path: Path, sheet: str | None) -> Iterator[Sequence[Any]]:
    """The rows of one worksheet as calamine gives them, row 1 first.

    Every row is a list as wide as the sheet's used area; empty cells (and error cells such as
    ``#N/A``) are ``""``, numbers ``float``, date-formatted numbers ``date`` (whole days),
    ``datetime`` or ``time`` (under a day), cached formula results their value. Empty rows above
    the used area come as rows of ``""`` so the count stays the spreadsheet's row number; empty
    columns left of it are left out of every row alike, header included.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(path) as book:
            if sheet is not None and sheet not in book.sheet_names:
                raise UsageError(
                    "err.import_sheet",
                    sheet=sheet,
                    path=str(path),
                    sheets=", ".join(book.sheet_names),
                )
            table = book.get_sheet_by_index(0) if sheet is None else book.get_sheet_by_name(sheet)
            if table.start is not None:  # None: a sheet without a single cell
                yield from table.iter_rows()
    except (CalamineError, OSError) as exc:
        raise UsageError("err.import_xlsx", path=str(path), detail=type(exc).__name__) from None
