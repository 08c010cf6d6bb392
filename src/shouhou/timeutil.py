"""Time input and output: parsing user times, UTC storage, local display.

Stored times are aware UTC (SQLModel's UTCDateTime); users see local time
(``SHOUHOU_TZ`` or the system zone); ``SHOUHOU_NOW`` pins "now" for tests and replays.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from shouhou.errors import UsageError

_RELATIVE = re.compile(r"^([+-])\s*(\d+)\s*(m|min|h|d|w)$")
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}

# "7 days ago", "in 2 hours", "a week ago"; "7天前", "3小时后", "两周前", "1个月前".
_EN_UNIT = r"(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
_AGO = re.compile(rf"^(\d+|[a-z]+)\s*{_EN_UNIT}\s+ago$")
_IN = re.compile(rf"^in\s+(\d+|[a-z]+)\s*{_EN_UNIT}$")
_ZH_PHRASE = re.compile(
    r"^(\d+|[一二两三四五六七八九十]+)\s*(分钟|个小时|小时|天|日|个星期|星期|周|个月|月|年)"
    r"\s*(之前|以前|前|之后|以后|后)$"
)
_WORD_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {
    "分钟": "minutes",
    "小时": "hours",
    "个小时": "hours",
    "天": "days",
    "日": "days",
    "周": "weeks",
    "星期": "weeks",
    "个星期": "weeks",
    "月": "months",
    "个月": "months",
    "年": "years",
}


def local_zone(env: dict[str, str] | None = None) -> tzinfo:
    env = dict(os.environ) if env is None else env
    name = env.get("SHOUHOU_TZ") or env.get("TZ")
    if name:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name)
        except Exception:  # noqa: BLE001 - fall back to the system zone on a bad name
            pass
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def current_time(env: dict[str, str] | None = None, zone: tzinfo | None = None) -> datetime:
    """Aware "now", honouring ``SHOUHOU_NOW`` (read by the CLI, passed into services)."""
    env = dict(os.environ) if env is None else env
    pinned = env.get("SHOUHOU_NOW")
    zone = zone or local_zone(env)
    if pinned:
        return parse_time(pinned, now=datetime.now(UTC), zone=zone, field="SHOUHOU_NOW")
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive value is taken to be UTC already (as SQLite returns it)."""
    if moment.tzinfo is UTC:  # as the database returns it: nothing to convert
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_time(text: str, *, now: datetime, zone: tzinfo, field: str = "time") -> datetime:
    """Parse ISO times, dates and relative forms (now, today, +2h, +3d, -7d, tomorrow 9:00,
    7 days ago, in 2 hours, 昨天, 7天前, 两周后; months and years on the local calendar).

    Returns an aware datetime. Naive input is local time in ``zone``.
    """
    raw = text.strip()
    lowered = raw.lower()
    local_now = now.astimezone(zone)
    if lowered in ("now", "现在"):
        return now
    match = _RELATIVE.match(lowered)
    if match:
        sign, amount, unit = match.groups()
        try:
            delta = timedelta(**{_UNITS[unit]: int(amount)})
            return now + delta if sign == "+" else now - delta
        except OverflowError:
            raise UsageError("err.bad_time", field=field, value=raw) from None
    phrase = _relative_phrase(" ".join(lowered.split()))
    if phrase is not None:
        amount, unit = phrase
        return _shift(now, zone, amount, unit, field=field, raw=raw)
    for word, offset in (
        ("today", 0),
        ("tomorrow", 1),
        ("yesterday", -1),
        ("今天", 0),
        ("明天", 1),
        ("昨天", -1),
        ("后天", 2),
        ("前天", -2),
    ):
        if lowered == word or lowered.startswith(word + " "):
            rest = lowered[len(word) :].strip()
            day = local_now.date() + timedelta(days=offset)
            clock = _parse_clock(rest, field) if rest else time(0, 0)
            return datetime.combine(day, clock, tzinfo=zone)
    if re.match(r"^\d{1,2}:\d{2}$", raw):  # a bare clock time is today's (pinned "now")
        return datetime.combine(local_now.date(), _parse_clock(raw, field), tzinfo=zone)
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        parsed = _parse_loose(raw, field)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def _relative_phrase(text: str) -> tuple[int, str] | None:
    """``7 days ago`` → (-7, "days"), ``in 2 hours`` → (2, "hours"), ``3天前`` → (-3, "days"),
    ``两周后`` → (2, "weeks"); None when ``text`` is no such phrase."""
    for pattern, sign in ((_AGO, -1), (_IN, 1)):
        match = pattern.match(text)
        if match:
            number, unit = match.groups()
            amount = int(number) if number.isdigit() else _WORD_NUMBERS.get(number)
            if amount is None:
                return None
            name = {"min": "minutes", "hr": "hours"}.get(unit.rstrip("s"), unit.rstrip("s") + "s")
            return sign * amount, name
    match = _ZH_PHRASE.match(text.replace(" ", ""))
    if match:
        number, unit, direction = match.groups()
        amount = int(number) if number.isdigit() else _zh_number(number)
        if amount is None:
            return None
        return (-amount if "前" in direction else amount), _ZH_UNITS[unit]
    return None


def _zh_number(text: str) -> int | None:
    """一 … 九十九 in Chinese numerals (十, 十二, 二十, 二十五)."""
    if len(text) == 1 and text in _ZH_DIGITS:
        return _ZH_DIGITS[text]
    tens, sep, ones = text.partition("十")
    if not sep or len(tens) > 1 or len(ones) > 1:
        return None
    high = _ZH_DIGITS.get(tens) if tens else 1
    low = _ZH_DIGITS.get(ones) if ones else 0
    if high is None or low is None:
        return None
    return high * 10 + low


def _shift(
    now: datetime, zone: tzinfo, amount: int, unit: str, *, field: str, raw: str
) -> datetime:
    """``now`` moved by ``amount`` ``unit``s; months and years on the local calendar
    (dateutil's relativedelta: 31 March − 1 month = 28/29 February)."""
    try:
        if unit in ("months", "years"):
            from dateutil.relativedelta import relativedelta

            local = now.astimezone(zone) + relativedelta(**{unit: amount})  # type: ignore[arg-type]
            return local.astimezone(now.tzinfo or UTC)
        return now + timedelta(**{unit: amount})
    except (OverflowError, ValueError):
        raise UsageError("err.bad_time", field=field, value=raw) from None


def _parse_clock(text: str, field: str) -> time:
    match = re.match(r"^(\d{1,2})(?::(\d{2}))?$", text)
    if not match:
        raise UsageError("err.bad_time", field=field, value=text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise UsageError("err.bad_time", field=field, value=text)
    return time(hour, minute)


def _parse_loose(raw: str, field: str) -> datetime:
    from dateutil import parser

    try:
        parsed: datetime = parser.parse(
            raw.replace("年", "-").replace("月", "-").replace("日", " ")
        )
        return parsed
    except (ValueError, OverflowError) as exc:
        raise UsageError("err.bad_time", field=field, value=raw) from exc


def parse_date(text: str, *, field: str = "date", today: date | None = None) -> date:
    """A calendar date: ISO ``2026-11-23``, ``2026/11/23``, ``2026年11月23日``, today/tomorrow."""
    raw = text.strip()
    lowered = raw.lower()
    if today is not None and lowered in ("today", "今天"):
        return today
    if today is not None and lowered in ("tomorrow", "明天"):
        return today + timedelta(days=1)
    cleaned = raw.replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-")
    cleaned = cleaned.replace("日", "").strip()
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        parts = cleaned.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                pass
        raise UsageError("err.bad_date", field=field, value=raw) from None


def parse_money(text: str, *, field: str = "amount") -> Decimal:
    """Decimal with at most 2 places, never negative."""
    try:
        value = Decimal(text.strip().replace(",", "").lstrip("¥￥"))
        exact = value.is_finite() and value >= 0 and value == value.quantize(Decimal("0.01"))
    except (InvalidOperation, AttributeError):  # also: too many digits to quantize
        raise UsageError("err.bad_money", field=field, value=text) from None
    if not exact:
        raise UsageError("err.bad_money", field=field, value=text)
    return value.quantize(Decimal("0.01"))


def cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def money(cents_value: int | None) -> Decimal:
    return (Decimal(cents_value or 0) / 100).quantize(Decimal("0.01"))


def day_start(day: date, zone: tzinfo) -> datetime:
    """The first moment of ``day`` in ``zone`` (the end of the day before)."""
    return datetime.combine(day, time.min, tzinfo=zone)


def format_local(moment: datetime | None, zone: tzinfo, *, with_date: bool = True) -> str:
    if moment is None:
        return ""
    local = to_utc(moment).astimezone(zone)
    return local.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


_ISO_MOMENT = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def iso_moment(value: object) -> datetime | None:
    """``value`` as an aware time when it is an ISO-8601 date and time (as the audit trail
    stores them: ``2026-11-23T02:00:00.123456+00:00``; naive means UTC), else None."""
    if not isinstance(value, str) or not _ISO_MOMENT.match(value):
        return None
    try:
        return to_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def iso_utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return to_utc(moment).isoformat()
