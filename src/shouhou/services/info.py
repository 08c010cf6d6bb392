"""What ``shouhou info`` reports: database, schema version, sizes, calendar coverage.

Calendar coverage per year (issue 9.6): ``official`` (the published schedule is packaged),
``local`` (not packaged, but days are stored — an imported or hand-entered schedule) or
``rules`` (only the statutory holidays computed by rule, no make-up working days).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


def database_info(session: Session, url: str, *, year: int) -> dict[str, Any]:
    from sqlalchemy import func
    from sqlmodel import select

    from shouhou import db
    from shouhou.migrations.head import HEAD_REVISION
    from shouhou.models import CalendarDay, Customer, Device, Ticket
    from shouhou.services.calendar.statutory import official_covers

    counts = {}
    for name, model in (("customer", Customer), ("device", Device), ("ticket", Ticket)):
        counts[name] = session.exec(select(func.count()).select_from(model)).one()
    calendar = []
    for each in (year, year + 1):
        overrides = session.exec(
            select(func.count())
            .select_from(CalendarDay)
            .where(CalendarDay.day >= date(each, 1, 1), CalendarDay.day <= date(each, 12, 31))
        ).one()
        package = official_covers(each)
        schedule = "official" if package else ("local" if overrides else "rules")
        calendar.append(
            {"year": each, "package": package, "overrides": overrides, "schedule": schedule}
        )
    return {
        "database": db.describe(url),
        "backend": url.split(":", 1)[0],
        "schema": db.head_of(url),
        "head": HEAD_REVISION,
        "counts": counts,
        "calendar": calendar,
    }
