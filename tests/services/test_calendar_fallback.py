"""Years beyond the official schedule (issue 9.6): the statutory holidays computed by rule.

DOMAIN §2: "the others count working hours and working days (a calendar with holidays and
make-up working days is needed)". The official schedule (``chinese_calendar``) stops at 2026;
for later years the calendar counts Monday–Friday minus the statutory holidays of the
全国年节及纪念日放假办法 (2024 revision) computed by rule — New Year 1 day, Spring Festival 4
(Eve + days 1–3), Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3, and a
weekday in lieu 补假 for one falling on a weekend (Article 6) — and invents no make-up working
day. Days stored locally still win. Working hours 08:30–17:30 (9 h a working day).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.services.calendar.working import WorkingCalendar

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar(zone=SH)
THREE_WORKING_DAYS = timedelta(hours=27)


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def test_minor_ticket_on_new_years_eve_2026_does_not_count_new_years_day_2027() -> None:
    """Issue 9.6: received Thu 2026-12-31 10:00, 3 working days = 27 h. Thu 10:00–17:30 gives
    7.5 h (19.5 left); Fri 2027-01-01 is New Year's Day by rule; Sat/Sun off; Mon Jan 4 9 h
    (10.5 left); Tue Jan 5 9 h (1.5 left); Wed Jan 6 08:30 + 1.5 h = 10:00.
    (Counting Jan 1 as a working day — the old weekends-only fallback — gave Tue Jan 5 10:00.)"""
    due = CAL.add_business_time(sh(2026, 12, 31, 10), THREE_WORKING_DAYS)
    assert due == sh(2027, 1, 6, 10)
    assert CAL.holiday_name(date(2027, 1, 1)) == "New Year's Day"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2027, 2, 4), True),  # Thursday before
        (date(2027, 2, 5), False),  # Fri: New Year's Eve 除夕 (statutory since 2025)
        (date(2027, 2, 8), False),  # Mon: 3rd day of the new year (day 1 is Sat Feb 6)
        (date(2027, 2, 9), False),  # Tue: in lieu of Sat Feb 6
        (date(2027, 2, 10), False),  # Wed: in lieu of Sun Feb 7
        (date(2027, 2, 11), True),
        (date(2027, 2, 13), False),  # Saturday: no make-up working day is invented
    ],
)
def test_spring_festival_2027_by_rule(day: date, working: bool) -> None:
    """Lunar new year 2027 is Sat Feb 6 (正月初一): Eve Fri Feb 5, days 1–3 Sat 6 – Mon 8;
    Sat 6 and Sun 7 get weekdays in lieu, Tue 9 and Wed 10 (DOMAIN §2 working days)."""
    assert CAL.is_workday(day) is working


def test_minor_ticket_before_spring_festival_2027() -> None:
    """Received Thu 2027-02-04 16:00, 27 h: Thu 1.5 h (25.5 left); Fri 5 – Wed 10 off (Eve,
    weekend, day 3, two days in lieu); Thu 11 9 h (16.5); Fri 12 9 h (7.5); weekend (no make-up
    Saturday); Mon 15 08:30 + 7.5 h = 16:00."""
    due = CAL.add_business_time(sh(2027, 2, 4, 16), THREE_WORKING_DAYS)
    assert due == sh(2027, 2, 15, 16)


def test_national_day_2027_by_rule() -> None:
    """National Day Fri Oct 1 – Sun Oct 3 2027; Sat 2 and Sun 3 get Mon 4 and Tue 5 in lieu.
    Received Thu Sep 30 10:00, 27 h: 7.5 h (19.5 left); Oct 1–5 off; Wed 6 9 h (10.5);
    Thu 7 9 h (1.5); Fri 8 08:30 + 1.5 h = 10:00."""
    for day, working in [(1, False), (4, False), (5, False), (6, True)]:
        assert CAL.is_workday(date(2027, 10, day)) is working
    due = CAL.add_business_time(sh(2027, 9, 30, 10), THREE_WORKING_DAYS)
    assert due == sh(2027, 10, 8, 10)


def test_lunar_and_solar_term_holidays_2027() -> None:
    """Qingming Mon Apr 5 2027 (solar term); Labour Day Sat May 1 + Sun May 2 → Mon 3, Tue 4 in
    lieu; Dragon Boat Wed Jun 9 (五月初五); Mid-Autumn Wed Sep 15 (八月十五)."""
    off = [date(2027, 4, 5), date(2027, 5, 3), date(2027, 5, 4), date(2027, 6, 9)]
    off.append(date(2027, 9, 15))
    assert not any(CAL.is_workday(day) for day in off)
    assert CAL.is_workday(date(2027, 4, 6))
    assert CAL.is_workday(date(2027, 5, 5))
    # Tue Sep 14 17:00 + 1 h: 0.5 h Tue, Wed 15 off, Thu 16 08:30 + 0.5 h = 09:00
    assert CAL.add_business_time(sh(2027, 9, 14, 17), timedelta(hours=1)) == sh(2027, 9, 16, 9)


def test_spring_festival_2028_by_rule() -> None:
    """Lunar new year 2028 is Wed Jan 26: Eve Tue 25, days 1–3 Wed 26 – Fri 28, none on a
    weekend, so no day in lieu; Mon 24 and Mon 31 are working days."""
    assert [CAL.is_workday(date(2028, 1, d)) for d in (24, 25, 26, 27, 28, 31)] == [
        True,
        False,
        False,
        False,
        False,
        True,
    ]


def test_no_make_up_working_day_is_invented_for_a_rule_based_year() -> None:
    """Make-up working days 调休 are decided yearly by the State Council: none in 2027."""
    assert [row for row in CAL.year_view(2027) if row[1] == "workday"] == []
    assert not any(CAL.is_workday(date(2027, 1, 2) + timedelta(weeks=w)) for w in range(52))


def test_official_years_keep_their_make_up_days() -> None:
    """2026 comes from the published schedule: Sun Jan 4 and Sat Feb 14 are worked (调休),
    Fri Oct 2 (National Day week) is off."""
    assert CAL.schedule_of(2026) == "official"
    assert CAL.is_workday(date(2026, 1, 4))
    assert CAL.is_workday(date(2026, 2, 14))
    assert not CAL.is_workday(date(2026, 10, 2))
    assert CAL.day_source(date(2026, 1, 4)) == "package"


def test_stored_days_win_over_the_rule_based_holidays() -> None:
    """Issue 9.6: days stored with ``calendar holiday add / workday add / import`` are never
    overridden. Working Tue Feb 9 2027 (in lieu by rule) and a holiday on Thu Feb 11."""
    cal = WorkingCalendar(
        zone=SH, holidays={date(2027, 2, 11): "春节"}, workdays={date(2027, 2, 9): "补班"}
    )
    assert cal.is_workday(date(2027, 2, 9))
    assert not cal.is_workday(date(2027, 2, 11))
    assert not cal.is_workday(date(2027, 2, 10))  # still off by rule
    assert cal.holiday_name(date(2027, 2, 9)) == "补班"
    assert cal.day_source(date(2027, 2, 9)) == "local"
    assert cal.day_source(date(2027, 2, 10)) == "rules"


def test_schedule_of_a_year() -> None:
    """official (packaged) / local (days stored for the year) / rules (nothing but the law)."""
    cal = WorkingCalendar(zone=SH, workdays=[date(2028, 1, 29)])
    assert cal.schedule_of(2026) == "official"
    assert cal.schedule_of(2027) == "rules"
    assert cal.schedule_of(2028) == "local"


def test_rule_based_years_use_the_calendars_local_dates() -> None:
    """2026-12-31 16:30 UTC is 2027-01-01 00:30 in Shanghai: a 2027 deadline. None is ignored;
    2026 is official; each year is listed once."""
    moments = [
        datetime(2026, 12, 31, 16, 30, tzinfo=UTC),
        None,
        sh(2026, 12, 31, 11),
        sh(2027, 1, 6, 10),
    ]
    assert CAL.rule_based_years(moments) == [2027]
    assert CAL.rule_based_years([datetime(2026, 12, 31, 15, 59, tzinfo=UTC)]) == []


def test_rule_package_is_imported_only_for_rule_based_years() -> None:
    """Startup time: ``holidays`` costs ~110 ms to import; an official year never loads it."""
    code = (
        "import sys; from datetime import date; from zoneinfo import ZoneInfo; "
        "from shouhou.services.calendar.working import WorkingCalendar; "
        "cal = WorkingCalendar(zone=ZoneInfo('Asia/Shanghai')); "
        "cal.is_workday(date(2026, 10, 8)); cal.holiday_name(date(2026, 10, 1)); "
        "before = 'holidays' in sys.modules; cal.is_workday(date(2027, 1, 1)); "
        "sys.exit(0 if (not before and 'holidays' in sys.modules) else 1)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_rule_package_agrees_with_the_official_schedule_where_both_exist() -> None:
    """The finding behind keeping ``chinese_calendar`` for official years: ``holidays`` gives
    the same working days for 2006–2026 (make-up days included) — so either could serve — but
    only ``chinese_calendar`` says which years are official and names bridging days by their
    festival. Should this ever fail, the packages disagree and the choice must be revisited."""
    import holidays

    official = holidays.China(years=range(2006, 2027))  # type: ignore[no-untyped-call]
    day = date(2006, 1, 1)
    differ = []
    while day.year <= 2026:
        if official.is_working_day(day) != CAL.is_workday(day):
            differ.append(day)
        day += timedelta(days=1)
    assert differ == []


def test_load_calendar_reads_stored_days_and_hours(session: Session, stamp: Stamp) -> None:
    """The database's calendar: a stored make-up Sunday makes 2027 "local" and counts."""
    from shouhou.services import config
    from shouhou.services.calendar.holidays import add_workday, load_calendar

    add_workday(session, stamp, day=date(2027, 1, 31), name="春节补班")
    cal = load_calendar(session, zone=SH, settings=config.load(session))
    assert cal.schedule_of(2027) == "local"
    assert cal.is_workday(date(2027, 1, 31))
    assert not cal.is_workday(date(2027, 2, 5))  # the rule still applies to other days


def test_info_says_which_years_are_rule_based(session: Session, stamp: Stamp, db_url: str) -> None:
    """``shouhou info`` (issue 9.6): 2026 official; 2027 by rule until days are stored."""
    from shouhou.services.calendar.holidays import add_holidays
    from shouhou.services.info import database_info

    record = database_info(session, db_url, year=2026)
    assert [(y["year"], y["schedule"]) for y in record["calendar"]] == [
        (2026, "official"),
        (2027, "rules"),
    ]
    add_holidays(session, stamp, start=date(2027, 2, 5), end=date(2027, 2, 12), name="春节")
    session.flush()
    record = database_info(session, db_url, year=2026)
    assert record["calendar"][1] == {
        "year": 2027,
        "package": False,
        "overrides": 8,
        "schedule": "local",
    }
