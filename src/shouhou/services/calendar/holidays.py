"""Holidays and make-up working days stored in the database (``shouhou calendar``).

They override the statutory calendar package for any year, which matters because the package
only covers the years published so far (DOMAIN §2: working days need a holiday calendar).
"""

from __future__ import annotations

from datetime import date, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from shouhou.errors import UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.calendar.working import WorkingCalendar
    from shouhou.services.config import Settings

MAX_HOLIDAY_SPAN_DAYS = 31


def _put(session: Session, day: date, kind: str, name: str | None) -> None:
    from shouhou.models import CalendarDay

    row = session.get(CalendarDay, day)
    if row is None:
        session.add(CalendarDay(day=day, kind=kind, name=name))
    else:
        row.kind, row.name = kind, name
        session.add(row)


def add_holidays(
    session: Session, stamp: Stamp, *, start: date, end: date | None = None, name: str | None = None
) -> list[date]:
    """Mark ``start``..``end`` (inclusive) as holidays."""
    end = end or start
    if end < start or (end - start).days > MAX_HOLIDAY_SPAN_DAYS:
        raise UsageError(
            "err.bad_span", start=start.isoformat(), end=end.isoformat(), days=MAX_HOLIDAY_SPAN_DAYS
        )
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    for day in days:
        _put(session, day, "holiday", name)
    audit.record(
        session,
        stamp,
        entity="calendar",
        entity_id=0,
        action="holiday",
        changes={"from": start, "to": end, "name": name},
    )
    return days


def add_workday(session: Session, stamp: Stamp, *, day: date, name: str | None = None) -> None:
    """Mark ``day`` as a make-up working day 调休上班."""
    _put(session, day, "workday", name)
    audit.record(
        session,
        stamp,
        entity="calendar",
        entity_id=0,
        action="workday",
        changes={"day": day, "name": name},
    )


def load_calendar(session: Session, *, zone: tzinfo, settings: Settings) -> WorkingCalendar:
    """The working calendar of this database: package + overrides + configured hours."""
    from sqlmodel import select

    from shouhou.models import CalendarDay
    from shouhou.services.calendar.working import WorkingCalendar, WorkingHours

    holidays: dict[date, str | None] = {}
    workdays: dict[date, str | None] = {}
    for row in session.exec(select(CalendarDay)):
        if row.kind == "holiday":
            holidays[row.day] = row.name
        else:
            workdays[row.day] = row.name
    hours = WorkingHours(start=_clock(settings["hours.start"]), end=_clock(settings["hours.end"]))
    return WorkingCalendar(zone=zone, hours=hours, holidays=holidays, workdays=workdays)


def _clock(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def override_days(session: Session) -> set[date]:
    """Days set locally (they win over the package)."""
    from sqlmodel import col, select

    from shouhou.models import CalendarDay

    return set(session.exec(select(col(CalendarDay.day))))
