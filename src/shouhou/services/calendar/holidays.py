"""Holidays and make-up working days stored in the database (``shouhou calendar``).

They override the statutory calendar for any year, which matters because the official schedule
is only packaged for the years published so far (DOMAIN §2: working days need a holiday
calendar): ``calendar import FILE`` loads a year's official schedule once it is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from shouhou.errors import UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.calendar.working import WorkingCalendar
    from shouhou.services.config import Settings

MAX_HOLIDAY_SPAN_DAYS = 31
NAME_LENGTH = 100  # calendar_day.name


def _check_name(name: str | None) -> str | None:
    """A day's name, trimmed; refused (exit 2) when longer than the column holds."""
    text = (name or "").strip()
    if len(text) > NAME_LENGTH:
        raise UsageError("err.calendar_name", value=text[:20] + "…", high=NAME_LENGTH)
    return text or None


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
    name = _check_name(name)
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
    name = _check_name(name)
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


@dataclass(frozen=True)
class ImportReport:
    """What ``calendar import`` stored (or would store, on a dry run)."""

    file: str
    years: list[int]
    holidays: int
    workdays: int
    added: int
    changed: int
    unchanged: int
    removed: int
    dry_run: bool


def import_schedule(
    session: Session,
    stamp: Stamp,
    *,
    path: Path,
    years: Sequence[int] = (),
    replace: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Store the official schedule in ``path`` (.csv or .ics) as local days (issue 9.6: the
    years the statutory package lacks get their official holidays and make-up working days).

    All or nothing: the whole file is read and checked before anything is written. Idempotent:
    a day already stored with the same kind and name is left alone, so importing a file twice
    changes nothing (and writes no second audit entry). ``years`` keeps only those years of
    the file; ``replace`` also removes the days stored for the file's years that the file does
    not list; ``dry_run`` reports without writing.
    """
    from sqlmodel import col, select

    from shouhou.models import CalendarDay
    from shouhou.services.calendar.schedule_file import read_schedule

    listed = [d for d in read_schedule(path) if not years or d.day.year in years]
    if not listed:
        raise UsageError("err.calendar_empty", file=path.name)
    covered = sorted({d.day.year for d in listed})
    stored = {
        row.day: row
        for row in session.exec(
            select(CalendarDay).where(
                col(CalendarDay.day) >= date(covered[0], 1, 1),
                col(CalendarDay.day) <= date(covered[-1], 12, 31),
            )
        )
    }
    added = [d for d in listed if d.day not in stored]
    changed = [
        d
        for d in listed
        if d.day in stored and (stored[d.day].kind, stored[d.day].name) != (d.kind, d.name)
    ]
    wanted = {d.day for d in listed}
    removed = (
        [row for day, row in stored.items() if day.year in covered and day not in wanted]
        if replace
        else []
    )
    report = ImportReport(
        file=path.name,
        years=covered,
        holidays=sum(d.kind == "holiday" for d in listed),
        workdays=sum(d.kind == "workday" for d in listed),
        added=len(added),
        changed=len(changed),
        unchanged=len(listed) - len(added) - len(changed),
        removed=len(removed),
        dry_run=dry_run,
    )
    if dry_run or not (added or changed or removed):
        return report
    for entry in (*added, *changed):
        _put(session, entry.day, entry.kind, entry.name)
    for row in removed:
        session.delete(row)
    audit.record(
        session,
        stamp,
        entity="calendar",
        entity_id=0,
        action="import",
        changes={
            "file": path.name,
            "years": covered,
            "holidays": report.holidays,
            "workdays": report.workdays,
            "added": report.added,
            "changed": report.changed,
            "removed": report.removed,
        },
    )
    return report
