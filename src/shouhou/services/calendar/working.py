"""Working-time arithmetic: which days are working days, and business time between moments.

Owns the working calendar of DOMAIN §2 ("the others count working hours and working days — a
calendar with holidays and make-up working days is needed"): days stored by the user
(``calendar holiday add`` / ``workday add`` / ``import``) win; then the official schedule for
the years it is published; other years count Monday–Friday minus the statutory holidays
computed by rule, with no make-up working days (``statutory``). Also owns the 24×7 clock used
by critical tickets ("Critical work runs 24×7").

Pure logic: no database, no environment, no output. Inputs are aware datetimes in any zone;
every returned datetime is aware UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal, Protocol

from shouhou.services.calendar import statutory

__all__ = [
    "Clock",
    "ContinuousClock",
    "DEFAULT_HOURS",
    "Schedule",
    "WorkingCalendar",
    "WorkingHours",
]

_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
# Longest stretch of consecutive non-working days tolerated before giving up (a misconfigured
# calendar must not hang the program). Real calendars never exceed a couple of weeks.
_MAX_IDLE_DAYS = 3660


@dataclass(frozen=True)
class WorkingHours:
    """Daily opening hours, in the calendar's local zone (DOMAIN §2: "working hours").

    ``start`` must be before ``end``; a shift may not cross midnight.
    """

    start: time = time(8, 30)
    end: time = time(17, 30)

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("working hours must be naive local clock times")
        if self.start >= self.end:
            raise ValueError(f"working hours start {self.start} must be before end {self.end}")

    @property
    def day_length(self) -> timedelta:
        """Length of one working day, e.g. 9 h for 08:30–17:30 ("3 working days" = 3 × this)."""
        anchor = date(2000, 1, 3)
        return datetime.combine(anchor, self.end) - datetime.combine(anchor, self.start)


DEFAULT_HOURS = WorkingHours()


class Clock(Protocol):
    """What SLA code needs from a clock: move forward by counted time, and measure it."""

    @property
    def day_length(self) -> timedelta:
        """Counted time in one "working day" on this clock."""
        ...

    def add_business_time(self, start: datetime, duration: timedelta) -> datetime:
        """The moment when ``duration`` of counted time has elapsed after ``start`` (aware UTC)."""
        ...

    def business_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Counted time inside ``[a, b)``; zero when ``b <= a``."""
        ...


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {moment!r}")
    return moment.astimezone(UTC)


def _check_duration(duration: timedelta) -> None:
    if duration < _ZERO:
        raise ValueError(f"duration must not be negative, got {duration}")


class ContinuousClock:
    """The 24×7 clock (DOMAIN §2: critical tickets run 24×7): every second counts."""

    @property
    def day_length(self) -> timedelta:
        """A day on the 24×7 clock is 24 hours."""
        return _ONE_DAY

    def add_business_time(self, start: datetime, duration: timedelta) -> datetime:
        """Plain addition (DOMAIN §2: critical work runs 24×7, nights and holidays included)."""
        _check_duration(duration)
        return _as_utc(start) + duration

    def business_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Plain difference ``b - a`` (DOMAIN §2: 24×7), clamped to zero when ``b <= a``."""
        delta = _as_utc(b) - _as_utc(a)
        return delta if delta > _ZERO else _ZERO

    def __repr__(self) -> str:
        return "ContinuousClock()"


Schedule = Literal["official", "local", "rules"]


class WorkingCalendar:
    """Working days and hours in one local zone (DOMAIN §2: "working hours and working days").

    Day kinds are decided by, in order: user overrides (``holidays`` / ``workdays``, from
    ``calendar holiday add`` / ``workday add`` / ``import``, which win for any year); the
    official schedule for the years it is published; otherwise Monday–Friday minus the
    statutory holidays computed by rule (``statutory.rule_holidays``: no make-up working days).
    """

    def __init__(
        self,
        *,
        zone: tzinfo,
        hours: WorkingHours = DEFAULT_HOURS,
        holidays: Mapping[date, str | None] | None = None,
        workdays: Mapping[date, str | None] | Iterable[date] = (),
    ) -> None:
        self.zone = zone
        self.hours = hours
        self._holidays: dict[date, str | None] = dict(holidays or {})
        self._workdays: dict[date, str | None] = (
            dict(workdays) if isinstance(workdays, Mapping) else dict.fromkeys(workdays)
        )
        clash = self._workdays.keys() & self._holidays.keys()
        if clash:
            listed = ", ".join(day.isoformat() for day in sorted(clash))
            raise ValueError(f"dates overridden both as holiday and as workday: {listed}")
        self._local_years = {day.year for day in (*self._holidays, *self._workdays)}
        self._workday_cache: dict[date, bool] = {}
        self._bounds_cache: dict[date, tuple[datetime, datetime]] = {}

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(zone={self.zone!r}, hours={self.hours!r}, "
            f"holidays={len(self._holidays)}, workdays={len(self._workdays)})"
        )

    @property
    def day_length(self) -> timedelta:
        """Length of one working day (DOMAIN §2: "3 working days" = 3 × opening hours)."""
        return self.hours.day_length

    # -- day kinds ---------------------------------------------------------------------------

    def covered_by_package(self, year: int) -> bool:
        """Whether the official schedule of ``year`` is packaged (DOMAIN §2 holidays).

        Each year's schedule is published by the State Council late in the year before, so
        later years are counted on the statutory holidays computed by rule.
        """
        return statutory.official_covers(year)

    def schedule_of(self, year: int) -> Schedule:
        """Where ``year``'s holidays come from: ``"official"`` (the published schedule),
        ``"local"`` (not published in the package, but days are stored for it — an imported
        or hand-entered schedule) or ``"rules"`` (only the statutory holidays computed by rule:
        no bridging days, no make-up working days)."""
        if self.covered_by_package(year):
            return "official"
        return "local" if year in self._local_years else "rules"

    def rule_based_years(self, moments: Iterable[datetime | None]) -> list[int]:
        """The years (local dates) of ``moments`` whose schedule is only computed by rule —
        deadlines falling there may move once the official schedule is published."""
        years = {_as_utc(m).astimezone(self.zone).year for m in moments if m is not None}
        return sorted(year for year in years if self.schedule_of(year) == "rules")

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day (DOMAIN §2: working days skip holidays, include
        make-up working days 调休).

        Order: user overrides; the official schedule for the years it covers; otherwise
        Monday–Friday that are not a statutory holiday computed by rule. Cached per date.
        """
        cached = self._workday_cache.get(day)
        if cached is not None:
            return cached
        if day in self._workdays:
            result = True
        elif day in self._holidays:
            result = False
        elif self.covered_by_package(day.year):
            result = statutory.official_is_workday(day)
        else:
            result = day.weekday() < 5 and day not in statutory.rule_holidays(day.year)
        self._workday_cache[day] = result
        return result

    def holiday_name(self, day: date) -> str | None:
        """Name of the holiday ``day`` belongs to (DOMAIN §2 holiday calendar), or None.

        A user holiday or workday gives its stored name. From the official schedule, the name
        is that of the festival the day belongs to — for a make-up working day, the festival it
        makes up for (e.g. "National Day"); in other years, the statutory holiday computed by
        rule ("National Day (observed)" for a day in lieu). Ordinary days give None.
        """
        if day in self._holidays:
            return self._holidays[day]
        if day in self._workdays:
            return self._workdays[day]
        if self.covered_by_package(day.year):
            return statutory.official_name(day)
        return statutory.rule_holidays(day.year).get(day)

    def day_source(self, day: date) -> str:
        """Who decided ``day``'s kind: ``"local"`` (stored by the user), ``"package"`` (the
        official schedule) or ``"rules"`` (statutory holidays computed by rule)."""
        if day in self._holidays or day in self._workdays:
            return "local"
        return "package" if self.covered_by_package(day.year) else "rules"

    def year_view(self, year: int) -> list[tuple[date, str, str | None]]:
        """Every day of ``year`` whose kind differs from the Mon–Fri default, in date order.

        For ``shouhou calendar show`` (DOMAIN §2 calendar): ``(day, "holiday", name)`` for
        non-working Mondays–Fridays and ``(day, "workday", name)`` for working Saturdays and
        Sundays, from every source together.
        """
        rows: list[tuple[date, str, str | None]] = []
        day = date(year, 1, 1)
        while day.year == year:
            working = self.is_workday(day)
            if working != (day.weekday() < 5):
                rows.append((day, "workday" if working else "holiday", self.holiday_name(day)))
            day += _ONE_DAY
        return rows

    # -- business time -----------------------------------------------------------------------

    def _bounds(self, day: date) -> tuple[datetime, datetime]:
        """Opening and closing moment of ``day`` in UTC (DST-safe: wall clock in ``zone``)."""
        bounds = self._bounds_cache.get(day)
        if bounds is None:
            opening = datetime.combine(day, self.hours.start, tzinfo=self.zone).astimezone(UTC)
            closing = datetime.combine(day, self.hours.end, tzinfo=self.zone).astimezone(UTC)
            bounds = (opening, closing)
            self._bounds_cache[day] = bounds
        return bounds

    def _local_date(self, moment_utc: datetime) -> date:
        return moment_utc.astimezone(self.zone).date()

    def add_business_time(self, start: datetime, duration: timedelta) -> datetime:
        """The moment when ``duration`` of working time has passed since ``start`` (aware UTC).

        DOMAIN §2: minor and major tickets count working hours on working days only. Counting
        starts at ``start`` if it lies inside working hours, else at the next opening. A result
        falling exactly at closing time stays at closing time (not the next opening). A zero
        duration returns ``start`` unchanged. Walks whole days, so long durations are cheap.
        """
        _check_duration(duration)
        cursor = _as_utc(start)
        if duration == _ZERO:
            return cursor
        remaining = duration
        day = self._local_date(cursor)
        idle = 0
        while True:
            if self.is_workday(day):
                idle = 0
                opening, closing = self._bounds(day)
                begin = max(cursor, opening)
                if begin < closing:
                    available = closing - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            else:
                idle += 1
                if idle > _MAX_IDLE_DAYS:
                    raise ValueError(f"no working day within {_MAX_IDLE_DAYS} days after {day}")
            day += _ONE_DAY

    def business_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time inside ``[a, b)`` (DOMAIN §2 working hours); zero when ``b <= a``.

        Counts whole days at once.
        """
        start = _as_utc(a)
        end = _as_utc(b)
        if end <= start:
            return _ZERO
        total = _ZERO
        day = self._local_date(start)
        last = self._local_date(end)
        while day <= last:
            if self.is_workday(day):
                opening, closing = self._bounds(day)
                begin = max(start, opening)
                finish = min(end, closing)
                if finish > begin:
                    total += finish - begin
            day += _ONE_DAY
        return total
