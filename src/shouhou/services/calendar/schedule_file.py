"""Reading an official holiday schedule from a file (``shouhou calendar import FILE``).

DOMAIN §2 needs each year's holidays and make-up working days; the State Council publishes them
late in the year before, and calendar sites re-publish them as CSV or iCalendar. Two formats:

- **CSV** (UTF-8, with or without BOM, or GB18030 as Chinese Excel saves it): a header row with
  ``date`` / ``日期``, ``kind`` / ``类型`` (holiday: ``holiday 假日 休息 放假 休``; working day:
  ``workday 上班 补班 班``), optional ``name`` / ``名称`` and ``to`` / ``结束日期`` (a range).
- **iCalendar** (``.ics``): each ``VEVENT``'s ``DTSTART`` .. ``DTEND`` (exclusive end, as
  RFC 5545 has it for dates; a single day without ``DTEND``), ``SUMMARY`` as the name. A
  summary or category saying 补班 / 上班 / 班 / 调休 (without 放假) / "working day" / "business
  day" marks working days, as the State Council notices and the published calendars word them
  ("春节调休", "国庆节补班"); anything else is a holiday ("春节放假").

A small reader of that subset rather than a library: only all-day events are needed, and a
file with repeating events (``RRULE``) is refused rather than half understood.
Every problem names the file and line; nothing is returned unless the whole file reads.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from shouhou.errors import UsageError

MAX_SPAN_DAYS = 31
NAME_LENGTH = 100

_DATE_HEADERS = ("date", "day", "日期")
_KIND_HEADERS = ("kind", "type", "类型", "种类")
_NAME_HEADERS = ("name", "名称", "节日", "名字")
_TO_HEADERS = ("to", "end", "结束日期", "至")
_HOLIDAY_WORDS = ("holiday", "off", "假日", "休息", "放假", "假期", "休")
_WORKDAY_WORDS = ("workday", "work", "working day", "上班", "补班", "班")


@dataclass(frozen=True)
class ScheduleDay:
    """One day of a schedule file: ``kind`` is ``holiday`` or ``workday``."""

    day: date
    kind: str
    name: str | None
    line: int


def read_schedule(path: Path) -> list[ScheduleDay]:
    """Every day listed in ``path`` (.csv or .ics), in date order, each date once."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".ics", ".ical"):
        raise UsageError("err.calendar_file_kind", file=path.name)
    if not path.is_file():
        raise UsageError("err.import_no_file", path=str(path))
    text = _decode(path)
    entries = _read_csv(text, path.name) if suffix == ".csv" else _read_ics(text, path.name)
    by_day: dict[date, ScheduleDay] = {}
    for entry in entries:
        seen = by_day.get(entry.day)
        if seen is not None and seen.kind != entry.kind:
            raise UsageError("err.calendar_clash", file=path.name, date=entry.day.isoformat())
        by_day.setdefault(entry.day, entry)
    return [by_day[day] for day in sorted(by_day)]


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError("err.calendar_encoding", file=path.name)


def _days(
    start: date, end: date, kind: str, name: str | None, line: int, file: str
) -> list[ScheduleDay]:
    span = (end - start).days + 1
    if not 1 <= span <= MAX_SPAN_DAYS:
        raise UsageError(
            "err.calendar_span",
            file=file,
            line=line,
            start=start.isoformat(),
            end=end.isoformat(),
            days=MAX_SPAN_DAYS,
        )
    label = (name or "").strip()[:NAME_LENGTH] or None
    return [ScheduleDay(start + timedelta(days=i), kind, label, line) for i in range(span)]


# -- CSV -----------------------------------------------------------------------------------------


def _read_csv(text: str, file: str) -> list[ScheduleDay]:
    reader = csv.reader(io.StringIO(text))
    columns: dict[str, int] | None = None
    found: list[ScheduleDay] = []
    for row in reader:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if columns is None:
            columns = _header(cells, file)
            continue
        line = reader.line_num
        values = {field: cells[i] if i < len(cells) else "" for field, i in columns.items()}
        kind = _csv_kind(values["kind"], file, line)
        start = _csv_date(values["date"], file, line)
        end = _csv_date(values["to"], file, line) if values.get("to") else start
        found.extend(_days(start, end, kind, values.get("name") or None, line, file))
    if columns is None:
        raise UsageError("err.calendar_columns", file=file, column="date")
    return found


def _header(cells: list[str], file: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(cell.lower() for cell in cells):
        for field, names in (
            ("date", _DATE_HEADERS),
            ("kind", _KIND_HEADERS),
            ("name", _NAME_HEADERS),
            ("to", _TO_HEADERS),
        ):
            if title in names and field not in columns:
                columns[field] = index
    for required in ("date", "kind"):
        if required not in columns:
            raise UsageError("err.calendar_columns", file=file, column=required)
    return columns


def _csv_date(raw: str, file: str, line: int) -> date:
    from shouhou.timeutil import parse_date

    try:
        return parse_date(raw, field="date")
    except UsageError:
        raise UsageError("err.calendar_date", file=file, line=line, value=raw) from None


def _csv_kind(raw: str, file: str, line: int) -> str:
    value = raw.strip().lower()
    if value in _HOLIDAY_WORDS:
        return "holiday"
    if value in _WORKDAY_WORDS or value in ("调休上班", "make-up working day", "working"):
        return "workday"
    raise UsageError("err.calendar_kind", file=file, line=line, value=raw)


# -- iCalendar -----------------------------------------------------------------------------------

_ICS_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{6})Z?)?$")
_ICS_DAYS = re.compile(r"^P(\d+)D$")


def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the number of their first physical line (RFC 5545 §3.1 folding)."""
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(text.splitlines(), start=1):
        if physical[:1] in (" ", "\t") and lines:
            first, logical = lines[-1]
            lines[-1] = (first, logical + physical[1:])
        elif physical.strip():
            lines.append((number, physical))
    return lines


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _read_ics(text: str, file: str) -> list[ScheduleDay]:
    found: list[ScheduleDay] = []
    event: dict[str, str] | None = None
    started = 0
    for number, line in _unfold(text):
        head, _, value = line.partition(":")
        name = head.split(";", 1)[0].strip().upper()
        if name == "BEGIN" and value.strip().upper() == "VEVENT":
            event, started = {}, number
        elif name == "END" and value.strip().upper() == "VEVENT" and event is not None:
            found.extend(_event_days(event, started, file))
            event = None
        elif event is not None:
            event.setdefault(name, value.strip())
    return found


def _event_days(event: dict[str, str], line: int, file: str) -> list[ScheduleDay]:
    if "RRULE" in event:
        raise UsageError("err.calendar_ics", file=file, line=line, problem="RRULE")
    if "DTSTART" not in event:
        raise UsageError("err.calendar_ics", file=file, line=line, problem="no DTSTART")
    start, _ = _ics_date(event["DTSTART"], line, file)
    end = start
    if "DTEND" in event:
        last, timed = _ics_date(event["DTEND"], line, file)
        end = last if timed else last - timedelta(days=1)  # a date DTEND is exclusive
    elif "DURATION" in event:
        match = _ICS_DAYS.match(event["DURATION"].upper())
        if not match:
            raise UsageError("err.calendar_ics", file=file, line=line, problem="DURATION")
        end = start + timedelta(days=max(int(match.group(1)), 1) - 1)
    summary = _unescape(event.get("SUMMARY", ""))
    kind = _ics_kind(summary, _unescape(event.get("CATEGORIES", "")))
    return _days(start, end, kind, summary or None, line, file)


def _ics_date(value: str, line: int, file: str) -> tuple[date, bool]:
    """The date of a DTSTART/DTEND value, and whether it had a time of day other than 00:00."""
    match = _ICS_DATE.match(value.strip())
    try:
        if not match:
            raise ValueError(value)
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise UsageError("err.calendar_date", file=file, line=line, value=value) from None
    return day, match.group(4) not in (None, "000000")


def _ics_kind(summary: str, categories: str) -> str:
    """Working day when the summary says 补班/上班/班 or 调休 (without 放假/假), or the
    categories say so; otherwise a holiday (see the module docstring)."""
    text = summary.lower()
    if "班" in text or "working day" in text or "workday" in text:
        return "workday"
    if "假" in text or "休息" in text or "holiday" in text:
        return "holiday"
    labels = f"{text} {categories.lower()}"
    if "调休" in labels or "business day" in labels or "补班" in labels or "上班" in labels:
        return "workday"
    return "holiday"
