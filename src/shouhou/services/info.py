"""What ``shouhou info`` reports: database, schema version, sizes, calendar coverage."""

from __future__ import annotations

from datetime import UTC, date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


def database_info(session: Session, url: str, *, year: int) -> dict[str, Any]:
    from sqlalchemy import func
    from sqlmodel import select

    from shouhou import db
    from shouhou.migrations.head import HEAD_REVISION
    from shouhou.models import CalendarDay, Customer, Device, Ticket
    from shouhou.services.calendar.working import WorkingCalendar

    counts = {}
    for name, model in (("customer", Customer), ("device", Device), ("ticket", Ticket)):
        counts[name] = session.exec(select(func.count()).select_from(model)).one()
    calendar = []
    probe = WorkingCalendar(zone=UTC)
    for each in (year, year + 1):
        overrides = session.exec(
            select(func.count())
            .select_from(CalendarDay)
            .where(CalendarDay.day >= date(each, 1, 1), CalendarDay.day <= date(each, 12, 31))
        ).one()
        calendar.append(
            {"year": each, "package": probe.covered_by_package(each), "overrides": overrides}
        )
    return {
        "database": db.describe(url),
        "backend": url.split(":", 1)[0],
        "schema": db.head_of(url),
        "head": HEAD_REVISION,
        "counts": counts,
        "calendar": calendar,
    }
