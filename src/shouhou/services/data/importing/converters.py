"""Turning one cell into a value: text limits, dates and times, counts, money in cents, yes/no,
enumerations — each failure a ``BadValue`` with the reason the report prints."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.errors import UsageError
from shouhou.services.data.importing.columns import (
    CHANNELS,
    FALSE_WORDS,
    SEVERITIES,
    TRUE_WORDS,
    ZONES,
    FieldSpec,
)
from shouhou.spreadsheet import unguard

if TYPE_CHECKING:
    pass


class BadValue(Exception):
    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


def cell_text(raw: Any) -> str | None:
    """A cell as trimmed text (None when empty); undoes the ``'`` that export puts before =+-@."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        return unguard(text) if text[0] == "'" else text
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)


@dataclass(frozen=True)
class Converters:
    """Turns cells into field values; needs the local zone and "now" for relative times."""

    zone: tzinfo
    now: datetime

    def convert(self, spec: FieldSpec, raw: Any) -> Any:
        return self.for_spec(spec)(raw)

    def for_spec(self, spec: FieldSpec) -> Callable[[Any], Any]:
        """A converter for one column. Text is checked cell by cell; every other kind repeats
        few distinct values (dates, zones, yes/no), so results are remembered per cell text."""
        if spec.kind == "text":
            return _text_converter(spec.max_length)
        if spec.kind == "date":
            return _memoised(self.to_date, _native_date)
        if spec.kind == "time":
            return _memoised(self.to_time, _native_time(self.zone))
        if spec.kind in ("months", "count", "id"):
            return _memoised(_to_int, None)
        if spec.kind == "money":
            return _memoised(_to_cents, _native_cents)
        if spec.kind == "bool":
            return _memoised(_to_bool, None)
        table = {"zone": ZONES, "severity": SEVERITIES, "channel": CHANNELS}[spec.kind]
        return _memoised(_choice(table), None)

    def to_date(self, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        from shouhou.timeutil import parse_date

        head = text.split(" ", 1)[0] if len(text) > 10 and " " in text else text
        try:
            return parse_date(head)
        except UsageError:
            raise BadValue("problem.bad_date") from None

    def to_time(self, text: str) -> datetime:
        from shouhou.timeutil import parse_time

        try:
            return parse_time(text.replace("/", "-"), now=self.now, zone=self.zone)
        except UsageError:
            raise BadValue("problem.bad_time") from None


def _text_converter(max_length: int | None) -> Callable[[Any], Any]:
    def convert(raw: Any) -> str | None:
        if raw.__class__ is str:
            text = raw.strip()
            if not text:
                return None
            if text[0] == "'":
                text = unguard(text)
        else:
            converted = cell_text(raw)
            if converted is None:
                return None
            text = converted
        if "\x00" in text:  # no text field may hold one (issue 15.4)
            raise BadValue("problem.nul")
        if max_length is not None and len(text) > max_length:
            raise BadValue("problem.too_long", max=max_length)
        return text

    return convert


def _memoised(
    parse: Callable[[str], Any], native: Callable[[Any], Any] | None
) -> Callable[[Any], Any]:
    """``parse`` applied to the cell's text, remembered per distinct text (errors too)."""
    cache: dict[str, Any] = {}

    def convert(raw: Any) -> Any:
        if raw is None:
            return None
        if native is not None and raw.__class__ is not str:
            value = native(raw)
            if value is not _NOT_NATIVE:
                return value
        key = raw if raw.__class__ is str else cell_text(raw)
        if key is None:
            return None
        try:
            found = cache[key]
        except KeyError:
            text = cell_text(key)
            if text is None:
                found = None
            else:
                try:
                    found = parse(text)
                except BadValue as bad:
                    found = bad
            cache[key] = found
        if isinstance(found, BadValue):
            raise BadValue(found.key, **found.fields)
        return found

    return convert


_NOT_NATIVE = object()


def _native_date(raw: Any) -> Any:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    return _NOT_NATIVE


def _native_time(zone: tzinfo) -> Callable[[Any], Any]:
    def convert(raw: Any) -> Any:
        if isinstance(raw, datetime):
            return raw if raw.tzinfo else raw.replace(tzinfo=zone)
        if isinstance(raw, date):
            return datetime(raw.year, raw.month, raw.day, tzinfo=zone)
        return _NOT_NATIVE

    return convert


def _to_int(text: str) -> int:
    digits = text.removesuffix("个月").removesuffix("月").strip()
    if not digits.isdigit():
        raise BadValue("problem.bad_int")
    return int(digits)


_CURRENCY_MARKS = str.maketrans("", "", "¥￥元,， ")


def _to_cents(text: str) -> int:
    """¥1,234.50 / 1234.5元 / 12 → cents; at most two decimals, never negative."""
    from decimal import Decimal, InvalidOperation

    cleaned = text.removeprefix("RMB").removeprefix("CNY").translate(_CURRENCY_MARKS)
    try:
        cents = Decimal(cleaned) * 100
    except InvalidOperation:
        raise BadValue("problem.bad_money") from None
    if not cents.is_finite() or cents < 0 or cents != cents.to_integral_value():
        raise BadValue("problem.bad_money")
    return int(cents)


def _native_cents(raw: Any) -> Any:
    """A number cell: a price typed as 12.3 is stored by Excel as the nearest binary float."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return _NOT_NATIVE
    cents = round(raw * 100)
    if raw < 0 or abs(raw * 100 - cents) > 1e-6:
        raise BadValue("problem.bad_money")
    return cents


def _to_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise BadValue("problem.bad_bool")


def _choice(table: Mapping[str, str]) -> Callable[[str], str]:
    from shouhou.vocabulary import fold

    def parse(text: str) -> str:
        value = table.get(fold(text))
        if value is None:
            raise BadValue("problem.bad_choice", accepted="|".join(table))
        return value

    return parse
