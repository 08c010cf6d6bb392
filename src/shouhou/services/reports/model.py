"""The shape of a report: plain data built by the report modules, rendered by ``render`` in
every format — so each report is written once and every format shows the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    """A column: ``key`` in each row, its heading (a message key), and how values read:
    ``text``, ``int``, ``pct`` (a fraction 0–1 or None), ``decimal`` (2 places), ``money``
    (a Decimal or string), ``minutes`` (a duration), ``time`` (ISO instant), ``date``."""

    key: str
    header: str
    kind: str = "text"


@dataclass(frozen=True)
class Chart:
    """An inline chart of a section: ``bars`` or ``lines`` over the rows in order, ``x`` the
    row key of the category axis, ``series`` the row keys plotted (one bar group / line
    each)."""

    kind: str
    x: str
    series: tuple[str, ...]


@dataclass
class Section:
    """A titled table (``title``: message key) of ``rows`` (dicts keyed by the columns'
    keys), with an optional chart and notes (already translated lines). ``name`` is the
    stable id used by ``--section`` and as the CSV/JSON key."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """A whole report: ``name`` (weekly, monthly, kpi, quality, yearly), its title (message
    key) with ``period`` (fields for the title, e.g. week=2026-W47, from/to), when it was
    made, a summary of headline figures (label message key → value) and its sections."""

    name: str
    title: str
    period: dict[str, str]
    generated_at: str
    summary: list[tuple[str, Any]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    empty_note: str | None = None
