"""Configuration stored in the database: every DOMAIN default, overridable with ``config set``.

Every key declares what it accepts (issue 9.8): ``config set`` refuses anything else with one
line naming the accepted values, and checks combinations (working hours end after they start,
whichever is set second), so no setting can leave the database unusable. A value that got into
the database some other way (an older version, a hand edit) is reported by name, with the
command that fixes it, when it is used — never as an unexpected crash.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

DEFAULT_TIME_ZONE = "Asia/Shanghai"
TIME_ZONE_KEY = "time_zone"
HOURS = ("hours.start", "hours.end")

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
# Patterns are compiled on first use (re caches them): config is imported by most commands.
_CLOCK = r"^(\d{1,2}):(\d{2})$"
_MAX_MONEY = Decimal("1000000000")
_ZONE_NAME = r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$"
# The host's own zone and the placeholder zone: never the firm's.
_NOT_FIRM_ZONES = ("localtime", "Factory")


@dataclass(frozen=True)
class Option:
    """A setting: its default and what it accepts.

    ``kind``: ``text`` (one line, may be empty), ``name`` (one line, not empty), ``currency``
    (3-letter code), ``int`` (whole number in ``low``..``high``), ``money`` (≥ 0, 2 decimals),
    ``duration`` (``parse_duration``, zero allowed), ``budget`` (a duration above zero),
    ``travel`` (a duration in clock time: no working days), ``clock`` (HH:MM), ``bool``,
    ``zone`` (an IANA time zone name), ``delay`` (a duration in clock time after an event,
    ``0``/``off`` turning its rule off), ``per_year`` (how many times a year, 0 = off).
    """

    default: str
    kind: str
    low: int = 0
    high: int = 200


OPTIONS: dict[str, Option] = {
    "company.name": Option("", "text"),
    "company.address": Option("", "text"),
    "company.phone": Option("", "text"),
    "currency": Option("CNY", "currency"),
    "warranty.months": Option("24", "int", 0, 600),
    "sla.1.reply": Option("10m", "budget"),
    "sla.1.onsite": Option("2h", "budget"),
    "sla.1.resolve": Option("4h", "budget"),
    "sla.1.24x7": Option("true", "bool"),
    "sla.2.reply": Option("30m", "budget"),
    "sla.2.onsite": Option("12h", "budget"),
    "sla.2.resolve": Option("24h", "budget"),
    "sla.2.24x7": Option("false", "bool"),
    "sla.3.reply": Option("1h", "budget"),
    "sla.3.onsite": Option("48h", "budget"),
    "sla.3.resolve": Option("3wd", "budget"),
    "sla.3.24x7": Option("false", "bool"),
    "sla.depot.resolve": Option("5wd", "budget"),  # return to factory 返厂 (DOMAIN §2)
    "zone.local": Option("2h", "travel"),
    "zone.nearby": Option("12h", "travel"),
    "zone.remote": Option("48h", "travel"),
    "hours.start": Option("08:30", "clock"),
    "hours.end": Option("17:30", "clock"),
    TIME_ZONE_KEY: Option(DEFAULT_TIME_ZONE, "zone"),
    "repeat.window_days": Option("90", "int", 1, 3660),
    "approval.threshold": Option("1000.00", "money"),
    # Issue 12 / DOMAIN §4 领用 (approved): issuing a part whose value on the ticket (quantity
    # × unit cost) is above this needs an approver; the sources' one approval figure, 1000.
    "parts.approval_threshold": Option("1000.00", "money"),
    "labor.rate": Option("150.00", "money"),
    "escalate.supervisor_after": Option("0m", "duration"),
    "escalate.manager_after": Option("4h", "duration"),
    "escalate.supervisor": Option("supervisor", "name", 1, 100),
    "escalate.manager": Option("manager", "name", 1, 100),
    # DOMAIN §3 on-time arrival: arrived no later than the appointment plus this grace.
    "visit.grace": Option("15m", "travel"),
    # Issue 11 inspection plans: an occurrence shows as a due visit this long before its date.
    "visit.plan_ahead": Option("14d", "travel"),
    # Spare units 备用机 (DOMAIN §2): `shouhou today` flags a loan out longer than this many days
    # (DOMAIN gives no figure; a week covers the longest job deadline, 5 working days 返厂).
    "loan.max_days": Option("7", "int", 1, 365),
    # DOMAIN §3 callback rules 回访 (issue 11): how soon after the event; 0 turns a rule off.
    "callback.phone_advice": Option("2h", "delay"),
    "callback.uncertain_fix": Option("3h", "delay"),
    "callback.major_repair": Option("7d", "delay"),
    "callback.new_device": Option("10d", "delay"),
    "callback.key_customer": Option("2", "per_year", 0, 12),
    # Issue 13 item 5: a service survey scoring 2 or less calls the customer back within this
    # (clock time from when it is recorded); 0 turns the rule off.
    "survey.low_score_callback": Option("24h", "delay"),
    # DOMAIN §6 "satisfaction ≥ 98%": the target `survey stats` measures the rate against (%).
    "survey.target": Option("98", "int", 0, 100),
    # DOMAIN §5 complaints: the first answer within 24 h (on the 24×7 clock, like a critical
    # ticket's budgets), the handling opinion within 2 working days (on the working calendar);
    # an earlier complaint still open or received within this many days is a recurrence.
    "complaint.answer": Option("24h", "budget"),
    "complaint.opinion": Option("2wd", "budget"),
    "complaint.recurrence_days": Option("90", "int", 1, 3660),
}


class Settings:
    """All settings of one database, read once per command.

    Reading a key checks its stored value: a bad one raises ``err.setting_stored`` naming the
    key and the command that fixes it (``raw`` reads without checking, for ``config show``).
    """

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self._checked: set[str] = set()

    def raw(self, key: str) -> str:
        """The stored value (or the default), unchecked."""
        if key in self.values:
            return self.values[key]
        return OPTIONS[key].default

    def __getitem__(self, key: str) -> str:
        value = self.raw(key)
        if key in self.values and key in OPTIONS and key not in self._checked:
            try:
                value = validate(key, value)
                _check_hours(key, value, self._other_hours(key))
            except UsageError:
                raise DomainError(
                    "err.setting_stored", key=key, value=value, default=OPTIONS[key].default
                ) from None
            self._checked.add(key)
        return value

    def _other_hours(self, key: str) -> str | None:
        if key not in HOURS:
            return None
        other = HOURS[1] if key == HOURS[0] else HOURS[0]
        return _valid_or_none(other, self.raw(other))

    def int(self, key: str) -> int:
        return int(self[key])

    def money(self, key: str) -> Decimal:
        return Decimal(self[key]).quantize(Decimal("0.01"))

    def flag(self, key: str) -> bool:
        return self[key].lower() in _TRUE

    def zone(self) -> tzinfo:
        """The firm's time zone (DOMAIN §2: deadlines are computed in it)."""
        from zoneinfo import ZoneInfo

        return ZoneInfo(self[TIME_ZONE_KEY])

    def effective(self, *, checked: bool = True) -> dict[str, str]:
        """Every setting's value; ``checked=False`` shows stored values even when invalid."""
        if not checked:
            return {key: self.raw(key) for key in OPTIONS}
        return {key: self[key] for key in OPTIONS}


def load(session: Session) -> Settings:
    from sqlmodel import select

    from shouhou.models import Setting

    return Settings({row.key: json.loads(row.value) for row in session.exec(select(Setting))})


def firm_zone(session: Session) -> tzinfo:
    """The firm's time zone (setting ``time_zone``, default Asia/Shanghai; DOMAIN §2: "deadlines
    are computed in the firm's own time zone, whatever the machine's clock zone").

    One primary-key read. Never fails: a stored name that is not a zone (only possible by
    editing the database by hand) gives the default here, and ``err.setting_stored`` wherever
    the settings are loaded, so ``config set time_zone`` can still repair it.
    """
    from zoneinfo import ZoneInfo

    from shouhou.models import Setting

    row = session.get(Setting, TIME_ZONE_KEY)
    if row is not None:
        try:
            return ZoneInfo(json.loads(row.value))
        except (ValueError, KeyError, OSError, TypeError):  # not a zone: see above
            pass
    return ZoneInfo(DEFAULT_TIME_ZONE)


def validate(key: str, raw: str) -> str:
    """The value ``config set KEY RAW`` would store (normalised: ``9:00`` → ``09:00``,
    ``usd`` → ``USD``, ``asia/shanghai`` → ``Asia/Shanghai``), or ``UsageError`` naming the
    key and its accepted values."""
    option = OPTIONS.get(key)
    if option is None:
        raise UsageError("err.config_key", key=key, accepted=", ".join(sorted(OPTIONS)))
    value = raw.strip()
    try:
        return _CHECKS[option.kind](value, option)
    except (ValueError, ArithmeticError):
        raise UsageError(
            f"err.setting_{option.kind}",
            key=key,
            value=_shown(raw),
            low=option.low,
            high=option.high,
        ) from None


def _shown(raw: str) -> str:
    """A refused value as the one-line error quotes it: newlines visible, long text cut."""
    text = raw.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= 40 else text[:39] + "…"


def _valid_or_none(key: str, raw: str) -> str | None:
    try:
        return validate(key, raw)
    except UsageError:
        return None


def _text(value: str, option: Option) -> str:
    if "\n" in value or "\r" in value or not option.low <= len(value) <= option.high:
        raise ValueError(value)
    return value


def _currency(value: str, _option: Option) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", value):
        raise ValueError(value)
    return value.upper()


def _int(value: str, option: Option) -> str:
    if not re.fullmatch(r"\d+", value) or not option.low <= int(value) <= option.high:
        raise ValueError(value)
    return str(int(value))


def _money(value: str, _option: Option) -> str:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(value) from None
    if not amount.is_finite() or not 0 <= amount < _MAX_MONEY:
        raise ValueError(value)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(value)
    return value


def _duration(value: str, option: Option) -> str:
    from shouhou.durations import parse_duration

    duration = parse_duration(value)
    if option.kind == "budget" and duration.minutes == 0 and duration.working_days == 0:
        raise ValueError(value)
    if option.kind == "travel" and duration.working_days:
        raise ValueError(value)
    return value


def _delay(value: str, option: Option) -> str:
    """A wait in clock time (no working days); ``0`` or ``off`` is stored as ``0m`` (off)."""
    if value.lower() in ("0", "off"):
        return "0m"
    _duration(value, Option(option.default, "travel"))
    return value


def _clock(value: str, _option: Option) -> str:
    match = re.match(_CLOCK, value)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(value)
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _bool(value: str, _option: Option) -> str:
    if value.lower() not in (*_TRUE, *_FALSE):
        raise ValueError(value)
    return value


def _zone(value: str, _option: Option) -> str:
    from zoneinfo import ZoneInfo

    if value in _NOT_FIRM_ZONES or not re.match(_ZONE_NAME, value):
        raise ValueError(value)
    try:
        ZoneInfo(value)
        return value
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        pass
    canonical = _zone_names().get(value.lower())  # asia/shanghai -> Asia/Shanghai
    if canonical is None:
        raise ValueError(value)
    return canonical


@cache
def _zone_names() -> dict[str, str]:
    """IANA zone names by lower case (scans the zone database: ~25 ms, only on a miss)."""
    import zoneinfo

    return {
        name.lower(): name for name in zoneinfo.available_timezones() if name not in _NOT_FIRM_ZONES
    }


_CHECKS = {
    "text": _text,
    "name": _text,
    "currency": _currency,
    "int": _int,
    "money": _money,
    "duration": _duration,
    "budget": _duration,
    "travel": _duration,
    "delay": _delay,
    "per_year": _int,
    "clock": _clock,
    "bool": _bool,
    "zone": _zone,
}


def _check_hours(key: str, value: str, other: str | None) -> None:
    """DOMAIN §2 working hours: the day ends after it starts (a shift may not cross midnight).

    ``other`` is the valid value of the other end, or None when it is itself broken (then
    this key can still be set, to repair things).
    """
    if key not in HOURS or other is None:
        return
    start, end = (value, other) if key == HOURS[0] else (other, value)
    if start >= end:  # HH:MM strings compare as times
        which = "start" if key == HOURS[0] else "end"
        raise UsageError(f"err.setting_hours_{which}", key=key, value=value, other=other)


def set_value(session: Session, stamp: Any, key: str, raw: str) -> str:
    """Store one setting (``config set``), checked alone and against the settings it goes
    with; audited with the old and new value."""
    from shouhou.models import Setting
    from shouhou.services import audit

    value = validate(key, raw)
    if key in HOURS:
        other = HOURS[1] if key == HOURS[0] else HOURS[0]
        stored = session.get(Setting, other)
        other_raw = json.loads(stored.value) if stored else OPTIONS[other].default
        _check_hours(key, value, _valid_or_none(other, other_raw))
    row = session.get(Setting, key)
    old = json.loads(row.value) if row else OPTIONS[key].default
    if row is None:
        session.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
    else:
        row.value = json.dumps(value, ensure_ascii=False)
        session.add(row)
    audit.record(
        session, stamp, entity="setting", entity_id=0, action="config", changes={key: [old, value]}
    )
    return value
