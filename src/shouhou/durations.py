"""Time budgets as written in settings ("10min", "24h", "3wd"): parsing and the ``Duration``
value that deadlines of tickets (and, later, complaints and callbacks) are counted in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

_TOKEN = re.compile(r"(\d+(?:\.\d+)?)\s*(wd|min|m|h|d)", re.IGNORECASE)
_MINUTES_PER_UNIT = {"m": 1, "min": 1, "h": 60, "d": 24 * 60}
# Budgets beyond ten years are certainly typos (and would overflow date arithmetic).
_MAX_MINUTES = 3660 * 24 * 60
_MAX_WORKING_DAYS = 2600


@dataclass(frozen=True)
class Duration:
    """A time budget: plain minutes plus working days (DOMAIN §2: "3 working days").

    A working day is worth one ``day_length`` of the clock that counts it: the opening hours
    (e.g. 9 h) on the working calendar, 24 h on the 24×7 clock.
    """

    minutes: int = 0
    working_days: int = 0

    def __post_init__(self) -> None:
        if self.minutes < 0 or self.working_days < 0:
            raise ValueError(f"durations must not be negative: {self!r}")

    def to_timedelta(self, day_length: timedelta) -> timedelta:
        """Counted time of this budget, given the length of a working day on the clock used."""
        return timedelta(minutes=self.minutes) + self.working_days * day_length

    def __str__(self) -> str:
        parts: list[str] = []
        if self.working_days:
            parts.append(f"{self.working_days}wd")
        hours, minutes = divmod(self.minutes, 60)
        if hours:
            parts.append(f"{hours}h")
        if minutes:
            parts.append(f"{minutes}m")
        return "".join(parts) or "0m"


def parse_duration(text: str) -> Duration:
    """Parse a budget as written in settings (DOMAIN §2 deadlines: "10 min", "3 working days").

    Units: ``m``/``min`` minutes, ``h`` hours, ``d`` days of 24 h, ``wd`` working days. Parts may
    be combined ("1h30m", "2wd4h"); decimals are allowed when they give whole minutes ("1.5h").
    Working days must be whole; budgets over ten years are refused. Raises ValueError on
    anything else.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("empty duration")
    minutes = 0
    working_days = 0
    position = 0
    for match in _TOKEN.finditer(raw):
        if raw[position : match.start()].strip():
            raise ValueError(f"bad duration {text!r}")
        position = match.end()
        try:
            amount = Decimal(match.group(1))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            raise ValueError(f"bad duration {text!r}") from None
        unit = match.group(2).lower()
        if unit == "wd":
            if amount != amount.to_integral_value():
                raise ValueError(f"working days must be whole in {text!r}")
            working_days += int(amount)
        else:
            value = amount * _MINUTES_PER_UNIT[unit]
            if value != value.to_integral_value():
                raise ValueError(f"duration {text!r} is not a whole number of minutes")
            minutes += int(value)
    if position == 0 or raw[position:].strip():
        raise ValueError(f"bad duration {text!r}")
    if minutes > _MAX_MINUTES or working_days > _MAX_WORKING_DAYS:
        raise ValueError(f"duration {text!r} is longer than ten years")
    return Duration(minutes=minutes, working_days=working_days)
