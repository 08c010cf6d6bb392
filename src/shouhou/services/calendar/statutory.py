"""Mainland China's statutory holidays, from two packages (DOMAIN §2: "a calendar with holidays
and make-up working days is needed to compute working days").

- **Official schedules** — ``chinese_calendar``: every year whose State Council notice has been
  published (holidays, bridging days and make-up working days 调休). Imported lazily (~3 ms).
- **Rule-based years** — every other year: ``holidays`` (PyPI, country CN) computes the
  statutory holidays of the 全国年节及纪念日放假办法 (2024 revision, in force from 2025) by rule,
  lunar dates included: New Year's Day 1 day; Spring Festival 4 days (New Year's Eve and the
  first three days); Qingming 1; Labour Day 2 (1–2 May); Dragon Boat 1; Mid-Autumn 1; National
  Day 3 (1–3 Oct) — plus the weekday in lieu 补假 that Article 6 gives when one of them falls on
  a Saturday or Sunday. Nothing else: the bridging days and make-up working days are decided
  each year by the State Council and cannot be computed, so none is invented. Imported only
  when such a year is asked for (the package costs ~110 ms to import).

``holidays`` agrees with ``chinese_calendar`` on every working day of 2006–2026 (checked with
holidays 0.109 / chinese-calendar 1.11), but names the bridging days "Day off (substituted
from …)" instead of their festival and says nothing about which years are official, so the
official years keep coming from ``chinese_calendar``.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

__all__ = ["official_covers", "official_is_workday", "official_name", "rule_holidays"]


def _official() -> Any:
    import chinese_calendar

    return chinese_calendar


@cache
def _official_years() -> tuple[int, int]:
    years = {day.year for day in _official().holidays}
    return min(years), max(years)


def official_covers(year: int) -> bool:
    """Whether the State Council's schedule of ``year`` is known (published and packaged)."""
    first, last = _official_years()
    return first <= year <= last


def official_is_workday(day: date) -> bool:
    """Working day by the official schedule (holidays off, make-up days 调休 on)."""
    return bool(_official().is_workday(day))


def official_name(day: date) -> str | None:
    """The festival ``day`` belongs to in the official schedule (a make-up working day gives
    the festival it makes up for), or None for an ordinary day."""
    _on_holiday, name = _official().get_holiday_detail(day)
    return str(name) if name else None


@cache
def rule_holidays(year: int) -> dict[date, str]:
    """The statutory holidays of ``year`` computed by rule (see the module docstring): the
    festival days and the weekdays in lieu 补假, with their English names. No make-up
    working days."""
    from holidays.countries.china import China

    schedule = China(years=year, language="en_US")  # type: ignore[no-untyped-call]
    return {day: str(name) for day, name in schedule.items()}
