"""One renderer for lists and records: rich table (TTY), aligned plain text (pipe), JSON, CSV.

Records arrive as JSON-shaped dicts (ISO-8601 UTC times, decimals as strings); columns pick
and format fields for humans (local short times, translated headers and values).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from shouhou.cli.context import AppContext
from shouhou.inert import inert


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # message key
    kind: str = "text"  # text | time | date | bool | money | enum
    enum_prefix: str = ""  # message-key prefix for kind "enum" (e.g. "status.")
    getter: Callable[[dict[str, Any]], Any] | None = None


def out() -> IO[str]:
    return sys.stdout


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()


# East Asian Wide/Fullwidth ranges (CJK, Hangul, fullwidth forms, CJK extensions).
_WIDE_CHARS = (
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U00020000-\U0003fffd]"
)
_wide: re.Pattern[str] | None = None


def display_width(text: str) -> int:
    """Terminal columns taken by ``text``: CJK wide characters count 2."""
    global _wide
    if text.isascii():
        return len(text)
    if _wide is None:
        _wide = re.compile(_WIDE_CHARS)
    return len(text) + len(_wide.findall(text))


def pad(text: str, width: int, used: int | None = None) -> str:
    return text + " " * (width - (display_width(text) if used is None else used))


def _is_number(text: str) -> bool:
    """A plain number such as -30 or +1.5 is data, not a formula."""
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lstrip("+-").replace(".", "", 1).isdigit()


def safe_csv_cell(value: Any) -> str:
    """Neutralise cells a spreadsheet would run as a formula (= + - @)."""
    from shouhou.spreadsheet import guard

    text = "" if value is None else str(value)
    return text if _is_number(text) else guard(text)


def human(ctx: AppContext, column: Column, record: dict[str, Any]) -> str:
    value = column.getter(record) if column.getter else record.get(column.key)
    return inert(human_value(ctx, column.kind, value, column.enum_prefix))


def _cell_formatter(ctx: AppContext, column: Column) -> Callable[[dict[str, Any]], str]:
    """Like :func:`human` for one column, made once per list: plain text passes straight
    through and translated enum/bool values are remembered (lists of 10,000 rows)."""
    key, kind, prefix, getter = column.key, column.kind, column.enum_prefix, column.getter
    memo: dict[Any, str] = {}

    def cell(record: dict[str, Any]) -> str:
        value = getter(record) if getter else record.get(key)
        if value is None:
            return ""
        if kind == "text" and value.__class__ is str:
            return inert(value)
        if kind in ("enum", "bool") and not isinstance(value, list):
            text = memo.get(value)
            if text is None:
                text = memo[value] = inert(human_value(ctx, kind, value, prefix))
            return text
        return inert(human_value(ctx, kind, value, prefix))

    return cell


def human_value(ctx: AppContext, kind: str, value: Any, enum_prefix: str = "") -> str:
    if value is None or value == "":
        return ""
    if kind == "time":
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment.astimezone(ctx.display_zone).strftime("%Y-%m-%d %H:%M")
    if kind == "changes":
        return changes_text(value, ctx)
    if kind == "bool":
        return ctx.t("yes") if value else ctx.t("no")
    if kind == "enum":
        return ctx.t(f"{enum_prefix}{value}")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def emit_list(
    ctx: AppContext,
    columns: Sequence[Column],
    records: Iterable[dict[str, Any]],
    fmt: str,
    *,
    title: str | None = None,
    stream: IO[str] | None = None,
) -> int:
    """Print records in ``fmt``; returns how many were printed."""
    stream = stream or out()
    if fmt == "json":
        return _json_list(records, stream)
    if fmt == "csv":
        return _csv_list(columns, records, stream)
    headers = [ctx.t(c.header) for c in columns]
    cells = [_cell_formatter(ctx, c) for c in columns]
    rows = [[cell(r) for cell in cells] for r in records]
    if stdout_is_tty() and stream is sys.stdout:
        _rich_table(headers, rows, title)
    else:
        _plain_table(headers, rows, stream)
    return len(rows)


def _json_list(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    stream.write("[")
    for record in records:
        stream.write(",\n  " if count else "\n  ")
        stream.write(json.dumps(record, ensure_ascii=False, default=str))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def _csv_list(columns: Sequence[Column], records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    import csv

    writer = csv.writer(stream, lineterminator="\n")
    keys: list[str] | None = None
    count = 0
    for record in records:
        if keys is None:
            keys = [k for k, v in record.items() if not isinstance(v, dict | list)]
            keys += [k for k, v in record.items() if isinstance(v, list) and k != "timeline"]
            writer.writerow(keys)
        writer.writerow([safe_csv_cell(_csv_value(record.get(k))) for k in keys])
        count += 1
    if keys is None:
        writer.writerow([c.key for c in columns])
    return count


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(
            str(v) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False) for v in value
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _plain_table(headers: list[str], rows: list[list[str]], stream: IO[str]) -> None:
    """Columns padded to the widest cell in terminal columns (CJK counts 2), column by
    column: values that repeat down a column (zone, region, status) are measured once."""
    widths: list[int] = []
    sizes: list[list[int]] = []
    for index, header in enumerate(headers):
        measured: dict[str, int] = {}
        column = [
            measured[cell] if cell in measured else measured.setdefault(cell, display_width(cell))
            for cell in (row[index] for row in rows)
        ]
        sizes.append(column)
        widths.append(max(display_width(header), max(column, default=0)))
    lines = ["  ".join(pad(h, widths[i]) for i, h in enumerate(headers)).rstrip()]
    for number, row in enumerate(rows):
        cells = [cell + " " * (widths[i] - sizes[i][number]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    stream.write("\n".join(lines) + "\n")


def _rich_table(headers: list[str], rows: list[list[str]], title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, header_style="bold", show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:  # Text: a stored "[red]" is shown, never read as rich markup
        table.add_row(*(Text(cell) for cell in row))
    Console().print(table)


def changes_text(changes: dict[str, Any], ctx: AppContext | None = None) -> str:
    """An audit entry's changes on one line, ``field: old → new``; given the context, times
    in them are shown like every other time (display zone, to the minute)."""
    from shouhou.timeutil import iso_moment

    def shown(value: Any) -> Any:
        moment = iso_moment(value) if ctx is not None else None
        return value if moment is None or ctx is None else human_value(ctx, "time", moment)

    parts = []
    for key, value in (changes or {}).items():
        if isinstance(value, list) and len(value) == 2:
            old, new = (shown(v) for v in value)
            parts.append(f"{key}: {old if old not in (None, '') else '∅'} → {new}")
        else:
            parts.append(f"{key}: {shown(value)}")
    return "; ".join(parts)


@dataclass
class Section:
    """A titled block of a ``show`` view: label/value pairs or a sub-table."""

    title: str  # message key
    pairs: list[tuple[str, str]] | None = None  # (message key, display value)
    columns: Sequence[Column] | None = None
    records: list[dict[str, Any]] | None = None


def emit_record(
    ctx: AppContext,
    record: dict[str, Any],
    sections: Sequence[Section],
    fmt: str,
) -> None:
    """A single record: JSON as is, CSV as field/value rows, else titled sections."""
    stream = out()
    if fmt == "json":
        stream.write(json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["field", "value"])
        for key, value in record.items():
            if isinstance(value, list | dict):
                value = json.dumps(value, ensure_ascii=False, default=str)
            writer.writerow([key, safe_csv_cell(_csv_value(value))])
        return
    if stdout_is_tty():
        _rich_sections(ctx, sections)
    else:
        _plain_sections(ctx, sections, stream)


def _plain_sections(ctx: AppContext, sections: Sequence[Section], stream: IO[str]) -> None:
    for index, section in enumerate(sections):
        if index:
            stream.write("\n")
        stream.write(f"== {ctx.t(section.title)} ==\n")
        if section.pairs is not None:
            labels = [ctx.t(k) for k, _ in section.pairs]
            width = max((display_width(label) for label in labels), default=0)
            for label, (_, value) in zip(labels, section.pairs, strict=True):
                stream.write(f"{pad(label, width)}  {inert(value)}\n".rstrip() + "\n")
        if section.columns is not None:
            records = section.records or []
            if not records:
                stream.write(ctx.t("none") + "\n")
                continue
            headers = [ctx.t(c.header) for c in section.columns]
            rows = [[human(ctx, c, r) for c in section.columns] for r in records]
            _plain_table(headers, rows, stream)


def _rich_sections(ctx: AppContext, sections: Sequence[Section]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    for section in sections:
        if section.pairs is not None:
            grid = Table(
                title=ctx.t(section.title),
                show_header=False,
                title_justify="left",
                title_style="bold",
            )
            grid.add_column(style="cyan", no_wrap=True)
            grid.add_column(overflow="fold")
            for key, value in section.pairs:
                grid.add_row(ctx.t(key), Text(inert(value)))
            console.print(grid)
        if section.columns is not None:
            records = section.records or []
            table = Table(title=ctx.t(section.title), title_justify="left", title_style="bold")
            for column in section.columns:
                table.add_column(ctx.t(column.header), overflow="fold")
            for record in records:
                table.add_row(*[Text(human(ctx, c, record)) for c in section.columns])
            if not records:
                console.print(f"[bold]{ctx.t(section.title)}[/bold]: {ctx.t('none')}")
            else:
                console.print(table)


def message(text: str) -> None:
    """A line of human feedback on stdout (e.g. "created customer 17"), inert."""
    out().write(inert(text) + "\n")


def warn(text: str) -> None:
    sys.stderr.write(inert(text) + "\n")
