"""Checking every row against the column plan before anything is written; the import report
(counts and problems by row, column and value)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from shouhou.services.data.importing.columns import REQUIRED_CELLS, SPECS, ColumnPlan
from shouhou.services.data.importing.converters import BadValue, Converters, cell_text
from shouhou.services.data.importing.readers import SourceTable

if TYPE_CHECKING:
    pass


Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Problem:
    """One reason a row cannot be imported; ``key``/``fields`` name a catalogue message."""

    row: int
    column: str
    value: str
    key: str
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportReport:
    kind: str
    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    customers_created: int = 0
    # parts: suppliers put on the list, parts whose counted stock was booked
    suppliers_created: int = 0
    stock_adjusted: int = 0
    dry_run: bool = False
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "customers_created": self.customers_created,
        }


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    raw: Sequence[Any]


def parse_rows(
    kind: str,
    source: SourceTable,
    plan: ColumnPlan,
    conv: Converters,
    report: ImportReport,
    progress: Progress | None,
) -> list[Row]:
    specs = [
        (spec.name, plan.index[spec.name], conv.for_spec(spec))
        for spec in SPECS[kind]
        if plan.has(spec.name)
    ]
    required = [name for name in REQUIRED_CELLS[kind] if plan.has(name)]
    parsed: list[Row] = []
    total = len(source.rows)
    for done, (number, raw) in enumerate(source.rows, start=1):
        values: dict[str, Any] = {}
        width = len(raw)
        ok = True
        for name, position, convert in specs:
            cell = raw[position] if position < width else None
            try:
                values[name] = convert(cell)
            except BadValue as bad:
                ok = False
                add_problem(report, number, plan.header[name], cell, bad.key, **bad.fields)
        for name in required:
            if values.get(name) is None and _cell_is_blank(raw, plan.index[name]):
                ok = False
                add_problem(report, number, plan.header[name], None, "problem.required")
        if ok:
            parsed.append(Row(number, values, raw))
        if progress is not None and (done % 2000 == 0 or done == total):
            progress("check", done, total)
    return parsed


def _cell_is_blank(raw: Sequence[Any], position: int) -> bool:
    return position >= len(raw) or cell_text(raw[position]) is None


def add_problem(
    report: ImportReport, row: int, column: str, value: Any, key: str, **fields: Any
) -> None:
    shown = "" if value is None else (cell_text(value) or "")
    report.problems.append(Problem(row, column, shown, key, dict(fields)))
