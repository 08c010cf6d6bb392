"""How the values of a report read (``services/reports/render``): per column kind for people
(txt, md, html) and for machines (csv, json) — the table in ``render``'s docstring — and the
summary's values by their Python type. Words are translated once per report; cells shown to
people go through ``inert``."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from shouhou.i18n import translate
from shouhou.inert import inert
from shouhou.services.reports.model import Column

NUMERIC_KINDS = ("int", "pct", "decimal", "money", "minutes")
DASH = "—"


def span(minutes: int, lang: str) -> str:
    """A duration in words: ``35 min``, ``2 h 05 min``, ``3 d 4 h``."""
    if minutes < 60:
        return translate(lang, "report.span.min", m=minutes)
    if minutes < 24 * 60:
        return translate(lang, "report.span.hm", h=minutes // 60, m=minutes % 60)
    days, rest = divmod(minutes, 24 * 60)
    return translate(lang, "report.span.dh", d=days, h=rest // 60)


def as_moment(value: Any) -> datetime:
    """An aware time from a datetime or an ISO string (naive means UTC)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        raise TypeError(f"not a time: {value!r}")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _two_places(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


class Cells:
    """Formats the values of one report for people (``human``) and for machines (``data``) in
    ``lang``, times in ``zone``; translated words are remembered (lists of thousands of rows
    repeat the same channel and severity)."""

    def __init__(self, lang: str, zone: tzinfo | None = None) -> None:
        self.lang = lang
        self.zone = zone or UTC
        self._words: dict[str, str] = {}

    def word(self, key: str) -> str:
        text = self._words.get(key)
        if text is None:
            text = self._words[key] = translate(self.lang, key)
        return text

    def human(self, column: Column, row: Mapping[str, Any]) -> str:
        value = row.get(column.key)
        kind = column.kind
        if kind == "deadline":
            return self._deadline(value, row.get(f"{column.key}_late_min"))
        if value is None or value == "":
            return DASH
        if kind == "text":
            return inert(str(value))
        if kind.startswith("enum:"):
            return inert(self.word(kind[5:] + str(value)))
        if kind == "int":
            return str(int(value))
        if kind == "pct":
            return f"{float(value) * 100:.1f}%"
        if kind == "decimal":
            return str(_two_places(value))
        if kind == "money":
            from shouhou.render import money

            return money(value)
        if kind == "minutes":
            return span(int(value), self.lang)
        if kind == "time":
            return as_moment(value).astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
        if kind == "date":
            return value.isoformat() if isinstance(value, date) else str(value)
        return inert(str(value))

    def _deadline(self, state: Any, late: Any) -> str:
        if state == "met":
            return self.word("report.deadline.met")
        if state in ("late", "overdue"):
            key = f"report.deadline.{state}"
            return translate(self.lang, key, span=span(int(late or 0), self.lang))
        if state == "pending":
            return self.word("report.deadline.pending")
        return ""

    def data(self, column: Column, row: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
        """The column's (key, value) pairs for csv and json; a deadline gives two."""
        value = row.get(column.key)
        kind = column.kind
        if kind == "deadline":
            yield column.key, value
            late = row.get(f"{column.key}_late_min")
            yield f"{column.key}_late_min", None if late is None else int(late)
            return
        if value is None:
            yield column.key, None
        elif kind in ("int", "minutes"):
            yield column.key, int(value)
        elif kind == "pct":
            yield column.key, round(float(value), 4)
        elif kind in ("decimal", "money"):
            yield column.key, str(_two_places(value))
        elif kind == "time":
            yield column.key, as_moment(value).astimezone(UTC).isoformat()
        elif kind == "date":
            yield column.key, value.isoformat() if isinstance(value, date) else str(value)
        else:
            yield column.key, value

    def shown_by(self, column: Column) -> Callable[[Mapping[str, Any]], str]:
        """:meth:`human` for one column, made once per section: text passes straight through,
        times are formatted directly, words and deadline states are translated once each
        (a week's list repeats the same channels and states thousands of times)."""
        key, kind = column.key, column.kind
        if kind == "text":

            def text(row: Mapping[str, Any]) -> str:
                value = row.get(key)
                if value is None or value == "":
                    return DASH
                return inert(value if value.__class__ is str else str(value))

            return text
        if kind == "time":
            zone = self.zone

            def moment(row: Mapping[str, Any]) -> str:
                value = row.get(key)
                if value is None or value == "":
                    return DASH
                return as_moment(value).astimezone(zone).strftime("%Y-%m-%d %H:%M")

            return moment
        if kind == "deadline" or kind.startswith("enum:"):
            memo: dict[Any, str] = {}
            late_key = f"{key}_late_min"
            deadline = kind == "deadline"

            def remembered(row: Mapping[str, Any]) -> str:
                value = (row.get(key), row.get(late_key)) if deadline else row.get(key)
                shown = memo.get(value)
                if shown is None:
                    shown = memo[value] = self.human(column, row)
                return shown

            return remembered
        return functools.partial(self.human, column)

    def data_by(self, column: Column) -> tuple[tuple[str, ...], Callable[[Mapping[str, Any]], Any]]:
        """The csv/json keys of one column and a function giving their values for a row (a
        tuple of as many), made once per section."""
        key, kind = column.key, column.kind
        if kind == "deadline":
            late_key = f"{key}_late_min"

            def deadline(row: Mapping[str, Any]) -> tuple[Any, ...]:
                late = row.get(late_key)
                return row.get(key), None if late is None else int(late)

            return (key, late_key), deadline
        if kind == "text" or kind.startswith("enum:"):
            return (key,), lambda row: (row.get(key),)
        if kind == "time":

            def moment(row: Mapping[str, Any]) -> tuple[Any, ...]:
                value = row.get(key)
                return (None if value is None else as_moment(value).astimezone(UTC).isoformat(),)

            return (key,), moment
        if kind == "int":
            return (key,), lambda row: (None if row.get(key) is None else int(row[key]),)
        return (key,), lambda row: tuple(value for _, value in self.data(column, row))

    def summary_human(self, value: Any) -> str:
        if value is None:
            return DASH
        if isinstance(value, bool):
            return self.word("yes" if value else "no")
        if isinstance(value, float):
            return f"{value * 100:.1f}%"
        if isinstance(value, Decimal):
            return str(_two_places(value))
        if isinstance(value, datetime):
            return as_moment(value).astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
        return inert(str(value))

    @staticmethod
    def summary_data(value: Any) -> Any:
        if isinstance(value, bool) or value is None or isinstance(value, int | str):
            return value
        if isinstance(value, float):
            return round(value, 4)
        if isinstance(value, Decimal):
            return str(_two_places(value))
        if isinstance(value, datetime):
            return as_moment(value).astimezone(UTC).isoformat()
        return str(value)


def summary_key(label: str) -> str:
    """The JSON key of a summary line: the last part of its label's message key."""
    return label.rsplit(".", 1)[-1]
