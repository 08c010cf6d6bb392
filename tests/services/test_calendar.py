"""Working calendar (DOMAIN §2: working hours, working days, holidays and make-up days)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhou.services.calendar.working import ContinuousClock, WorkingCalendar, WorkingHours

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
CAL = WorkingCalendar(zone=SH)


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


# -- working hours ------------------------------------------------------------------------------


def test_working_hours_default_day_length() -> None:
    assert WorkingHours().day_length == hours(9)
    assert WorkingHours(time(9), time(12, 15)).day_length == timedelta(hours=3, minutes=15)


@pytest.mark.parametrize(("start", "end"), [(time(17), time(9)), (time(9), time(9))])
def test_working_hours_must_be_a_forward_span(start: time, end: time) -> None:
    with pytest.raises(ValueError):
        WorkingHours(start, end)


# -- day kinds from the package (2026) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 9, 20), True),  # Sunday, make-up working day for National Day
        (date(2026, 9, 24), True),
        (date(2026, 9, 25), False),  # Mid-Autumn Festival (Friday)
        (date(2026, 9, 26), False),
        (date(2026, 9, 28), True),
        (date(2026, 10, 1), False),  # National Day holiday Oct 1-7
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, make-up working day
        (date(2026, 10, 11), False),  # plain Sunday
    ],
)
def test_is_workday_2026_autumn(day: date, working: bool) -> None:
    assert CAL.is_workday(day) is working


def test_holiday_names_from_package() -> None:
    assert CAL.holiday_name(date(2026, 9, 25)) == "Mid-autumn Festival"
    assert CAL.holiday_name(date(2026, 10, 1)) == "National Day"
    assert CAL.holiday_name(date(2026, 10, 10)) == "National Day"  # the make-up day's festival
    assert CAL.holiday_name(date(2026, 10, 11)) is None  # plain weekend
    assert CAL.holiday_name(date(2026, 9, 24)) is None


def test_covered_by_package() -> None:
    assert CAL.covered_by_package(2026)
    assert CAL.covered_by_package(2004)
    assert not CAL.covered_by_package(2027)
    assert not CAL.covered_by_package(2003)


# -- business time across the 2026 Mid-Autumn and National Day holidays ------------------------


def test_minor_ticket_thursday_before_mid_autumn_lands_on_make_up_saturday() -> None:
    # Thu 16:00 leaves 1.5 h; Fri 25 - Sun 27 off; Mon-Wed 28-30 give 27 h; Oct 1-7 off;
    # Thu 8 + Fri 9 give 18 h; the rest (1.5 h) is on make-up Saturday Oct 10.
    received = sh(2026, 9, 24, 16)
    assert CAL.add_business_time(received, hours(48)) == sh(2026, 10, 10, 10)
    assert CAL.add_business_time(received, hours(1)) == sh(2026, 9, 24, 17)
    # 3 working days = 27 h of opening time: 1.5 + 9 + 9 + 7.5 -> Wed Sep 30 16:00
    assert CAL.add_business_time(received, hours(27)) == sh(2026, 9, 30, 16)
    # 24 h (major) -> 1.5 + 9 + 9 + 4.5 -> Wed Sep 30 13:00
    assert CAL.add_business_time(received, hours(24)) == sh(2026, 9, 30, 13)
    # past the first two holiday-free days: 1.5 + 27 + 9 -> Thu Oct 8 17:30 (closing time)
    assert CAL.add_business_time(received, hours(37.5)) == sh(2026, 10, 8, 17, 30)


def test_day_before_national_day_jumps_the_whole_week() -> None:
    assert CAL.add_business_time(sh(2026, 9, 30, 16), hours(9)) == sh(2026, 10, 8, 16)
    assert CAL.add_business_time(sh(2026, 9, 30, 17, 30), hours(0.5)) == sh(2026, 10, 8, 9)


def test_make_up_sunday_counts_and_plain_sunday_does_not() -> None:
    # Saturday Sep 19 is a rest day, Sunday Sep 20 a make-up working day.
    assert CAL.add_business_time(sh(2026, 9, 19, 10), hours(1)) == sh(2026, 9, 20, 9, 30)
    # Make-up Saturday Oct 10 counts, Sunday Oct 11 does not.
    assert CAL.add_business_time(sh(2026, 10, 9, 17), hours(1)) == sh(2026, 10, 10, 9)
    assert CAL.add_business_time(sh(2026, 10, 10, 17), hours(1)) == sh(2026, 10, 12, 9)


def test_business_time_between_across_holidays() -> None:
    # Thu 16:00 -> Thu Oct 8 10:00: 1.5 + 3 * 9 + 1.5 = 30 h
    assert CAL.business_time_between(sh(2026, 9, 24, 16), sh(2026, 10, 8, 10)) == hours(30)
    # the whole National Day week is worth nothing
    assert CAL.business_time_between(sh(2026, 9, 30, 18), sh(2026, 10, 8, 8)) == timedelta(0)


# -- weekends and intake outside working hours --------------------------------------------------


def test_weekend_is_skipped() -> None:
    # March 2026 has no statutory holiday: Friday 17:00 + 1 h -> Monday 09:00
    assert CAL.add_business_time(sh(2026, 3, 6, 17), hours(1)) == sh(2026, 3, 9, 9)
    assert CAL.business_time_between(sh(2026, 3, 6, 17), sh(2026, 3, 9, 9)) == hours(1)
    # a week of working days = 5 * 9 h
    assert CAL.add_business_time(sh(2026, 3, 9, 8, 30), hours(45)) == sh(2026, 3, 13, 17, 30)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (sh(2026, 3, 10, 7), sh(2026, 3, 10, 9)),  # before opening: count from 08:30
        (sh(2026, 3, 10, 20), sh(2026, 3, 11, 9)),  # after closing: from next opening
        (sh(2026, 3, 10, 17, 30), sh(2026, 3, 11, 9)),  # exactly at closing
        (sh(2026, 3, 14, 11), sh(2026, 3, 16, 9)),  # Saturday
        (sh(2026, 3, 10, 0), sh(2026, 3, 10, 9)),  # midnight
    ],
)
def test_intake_outside_working_hours(received: datetime, expected: datetime) -> None:
    assert CAL.add_business_time(received, timedelta(minutes=30)) == expected


def test_zero_duration_returns_start_in_utc() -> None:
    start = sh(2026, 3, 10, 20)
    result = CAL.add_business_time(start, timedelta(0))
    assert result == start
    assert result.tzinfo is UTC


def test_negative_duration_and_naive_input_rejected() -> None:
    with pytest.raises(ValueError):
        CAL.add_business_time(sh(2026, 3, 10, 9), timedelta(minutes=-1))
    with pytest.raises(ValueError):
        CAL.add_business_time(datetime(2026, 3, 10, 9), timedelta(minutes=1))
    with pytest.raises(ValueError):
        CAL.business_time_between(datetime(2026, 3, 10, 9), sh(2026, 3, 10, 10))


def test_results_are_utc_and_input_zone_does_not_matter() -> None:
    local = sh(2026, 3, 10, 16)
    as_utc = local.astimezone(UTC)
    as_berlin = local.astimezone(BERLIN)
    results = {CAL.add_business_time(t, hours(3)) for t in (local, as_utc, as_berlin)}
    assert results == {sh(2026, 3, 11, 10)}
    assert all(r.tzinfo is UTC for r in results)


def test_between_is_zero_when_reversed_or_equal() -> None:
    a = sh(2026, 3, 10, 10)
    assert CAL.business_time_between(a, a) == timedelta(0)
    assert CAL.business_time_between(a, a - hours(5)) == timedelta(0)


def test_custom_hours() -> None:
    cal = WorkingCalendar(zone=SH, hours=WorkingHours(time(9), time(12)))
    assert cal.day_length == hours(3)
    assert cal.add_business_time(sh(2026, 3, 10, 11), hours(2)) == sh(2026, 3, 11, 10)


def test_working_hours_are_wall_clock_across_dst() -> None:
    # 2027 is not in the package: plain Mon-Fri. Berlin switches to summer time on Mar 28.
    cal = WorkingCalendar(zone=BERLIN)
    friday = datetime(2027, 3, 26, 17, tzinfo=BERLIN)
    assert cal.add_business_time(friday, hours(1)) == datetime(2027, 3, 29, 9, tzinfo=BERLIN)
    assert cal.business_time_between(friday, datetime(2027, 3, 29, 9, tzinfo=BERLIN)) == hours(1)


def test_long_durations_are_fast() -> None:
    start = sh(2026, 1, 5, 8, 30)
    end = CAL.add_business_time(start, CAL.day_length * 300)  # over a year of working days
    assert CAL.business_time_between(start, end) == CAL.day_length * 300
    assert end.astimezone(SH).year == 2027


# -- user overrides -----------------------------------------------------------------------------


def test_overrides_beat_the_package() -> None:
    cal = WorkingCalendar(
        zone=SH,
        holidays={date(2026, 9, 24): "Company anniversary"},
        workdays=[date(2026, 10, 3), date(2026, 9, 25)],
    )
    assert not cal.is_workday(date(2026, 9, 24))
    assert cal.holiday_name(date(2026, 9, 24)) == "Company anniversary"
    assert cal.is_workday(date(2026, 10, 3))
    assert cal.is_workday(date(2026, 9, 25))
    assert cal.holiday_name(date(2026, 9, 25)) is None
    # Wed Sep 23 17:00 + 1 h: Thu is now off, Fri is now on
    assert cal.add_business_time(sh(2026, 9, 23, 17), hours(1)) == sh(2026, 9, 25, 9)
    view = {day: (kind, name) for day, kind, name in cal.year_view(2026)}
    assert view[date(2026, 9, 24)] == ("holiday", "Company anniversary")
    assert view[date(2026, 10, 3)] == ("workday", None)
    assert date(2026, 9, 25) not in view  # a Friday that works is the default again


def test_override_clash_is_rejected() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar(zone=SH, holidays={date(2026, 5, 6): None}, workdays=[date(2026, 5, 6)])


def test_uncovered_year_overrides_win_over_the_rule_based_holidays() -> None:
    """DOMAIN §2 + issue 9.6: 2027 is not published, so its statutory holidays come by rule
    (New Year Fri Jan 1; Eve Fri Feb 5; Spring Festival Sat 6–Mon 8; in lieu Tue 9, Wed 10);
    days stored locally still win."""
    cal = WorkingCalendar(
        zone=SH,
        holidays={date(2027, 2, 8): "Spring Festival", date(2027, 2, 9): None},
        workdays=[date(2027, 2, 6)],
    )
    assert not cal.covered_by_package(2027)
    assert not cal.is_workday(date(2027, 1, 1))  # New Year's Day, by rule
    assert not cal.is_workday(date(2027, 1, 2))  # Saturday
    assert not cal.is_workday(date(2027, 2, 8))
    assert cal.is_workday(date(2027, 2, 6))  # Saturday made a working day
    assert cal.holiday_name(date(2027, 2, 8)) == "Spring Festival"
    assert cal.holiday_name(date(2027, 1, 1)) == "New Year's Day"
    view = {day: (kind, name) for day, kind, name in cal.year_view(2027)}
    assert view[date(2027, 2, 6)] == ("workday", None)
    assert view[date(2027, 2, 8)] == ("holiday", "Spring Festival")
    assert view[date(2027, 2, 9)] == ("holiday", None)
    assert view[date(2027, 2, 10)][0] == "holiday"  # in lieu of Sunday Feb 7, by rule
    # Fri Feb 5 17:00 + 11 h: Fri is the Eve (off), 9 h on working Sat 6, Sun 7 / Mon 8 /
    # Tue 9 / Wed 10 off, the last 2 h on Thu Feb 11 -> 10:30
    assert cal.add_business_time(sh(2027, 2, 5, 17), hours(11)) == sh(2027, 2, 11, 10, 30)


def test_year_view_2026_lists_weekday_holidays_and_weekend_workdays() -> None:
    view = CAL.year_view(2026)
    assert [day for day, _, _ in view] == sorted(day for day, _, _ in view)
    rows = {day: (kind, name) for day, kind, name in view}
    assert rows[date(2026, 9, 20)] == ("workday", "National Day")
    assert rows[date(2026, 9, 25)] == ("holiday", "Mid-autumn Festival")
    assert rows[date(2026, 10, 1)] == ("holiday", "National Day")
    assert rows[date(2026, 10, 10)] == ("workday", "National Day")
    assert date(2026, 10, 3) not in rows  # a holiday Saturday is not news
    assert date(2026, 10, 8) not in rows
    for day, kind, _ in view:
        assert (kind == "workday") == (day.weekday() >= 5)


def test_year_view_of_an_uncovered_year_lists_the_rule_based_holidays() -> None:
    """2027 by rule: Jan 1, Feb 5, 8, 9, 10, Apr 5, May 3, 4, Jun 9, Sep 15, Oct 1, 4, 5 are
    weekday holidays (the others fall on weekends); no working weekend day is invented."""
    view = WorkingCalendar(zone=SH).year_view(2027)
    assert [day for day, _, _ in view] == [
        date(2027, 1, 1),
        date(2027, 2, 5),
        date(2027, 2, 8),
        date(2027, 2, 9),
        date(2027, 2, 10),
        date(2027, 4, 5),
        date(2027, 5, 3),
        date(2027, 5, 4),
        date(2027, 6, 9),
        date(2027, 9, 15),
        date(2027, 10, 1),
        date(2027, 10, 4),
        date(2027, 10, 5),
    ]
    assert {kind for _, kind, _ in view} == {"holiday"}


def test_package_is_imported_lazily() -> None:
    code = (
        "import sys, shouhou.services.calendar.working, shouhou.services.tickets.deadlines; "
        "sys.exit(1 if 'chinese_calendar' in sys.modules else 0)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


# -- the 24x7 clock -----------------------------------------------------------------------------


def test_continuous_clock_is_plain_arithmetic() -> None:
    clock = ContinuousClock()
    start = sh(2026, 10, 1, 23)  # a holiday night
    assert clock.add_business_time(start, hours(4)) == sh(2026, 10, 2, 3)
    assert clock.add_business_time(start, hours(4)).tzinfo is UTC
    assert clock.business_time_between(start, sh(2026, 10, 2, 3)) == hours(4)
    assert clock.business_time_between(sh(2026, 10, 2, 3), start) == timedelta(0)
    assert clock.day_length == timedelta(days=1)


# -- properties ---------------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1)).map(
    lambda naive: naive.replace(tzinfo=SH)
)
spans = st.integers(min_value=0, max_value=20 * 24 * 3600).map(lambda s: timedelta(seconds=s))


@settings(max_examples=75, deadline=None)
@given(start=moments, duration=spans)
def test_add_then_between_round_trips(start: datetime, duration: timedelta) -> None:
    end = CAL.add_business_time(start, duration)
    assert end >= start
    assert CAL.business_time_between(start, end) == duration


@settings(max_examples=75, deadline=None)
@given(a=moments, gap=spans)
def test_between_then_add_never_overshoots(a: datetime, gap: timedelta) -> None:
    b = a + gap
    worked = CAL.business_time_between(a, b)
    assert worked <= gap
    assert CAL.add_business_time(a, worked) <= b


@settings(max_examples=75, deadline=None)
@given(a=moments, delay=spans, duration=spans)
def test_add_is_monotone_in_start(a: datetime, delay: timedelta, duration: timedelta) -> None:
    assert CAL.add_business_time(a, duration) <= CAL.add_business_time(a + delay, duration)


@settings(max_examples=75, deadline=None)
@given(a=moments, first=spans, second=spans)
def test_between_is_additive(a: datetime, first: timedelta, second: timedelta) -> None:
    b = a + first
    c = b + second
    total = CAL.business_time_between(a, c)
    assert total == CAL.business_time_between(a, b) + CAL.business_time_between(b, c)
