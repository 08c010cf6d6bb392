"""``shouhou calendar``: the working calendar used for SLA deadlines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shouhou.cli.common import FormatOption
from shouhou.cli.context import ctx_of
from shouhou.cli.output import Column, emit_list, message, warn
from shouhou.enums import ListFormat

app = typer.Typer(
    help="Working calendar 工作日历: holidays and make-up working days.", no_args_is_help=True
)
holiday_app = typer.Typer(help="Holidays.", no_args_is_help=True)
workday_app = typer.Typer(help="Make-up working days 调休上班.", no_args_is_help=True)
app.add_typer(holiday_app, name="holiday")
app.add_typer(workday_app, name="workday")

COLUMNS = (
    Column("date", "col.date"),
    Column("weekday", "col.weekday", "enum", "weekday."),
    Column("kind", "col.day_kind", "enum", "daykind."),
    Column("name", "col.holiday_name"),
    Column("source", "col.source", "enum", "source."),
)


@app.command("show")
def show(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="Year, default this year.")] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List the holidays and make-up working days of a year.

    Example: shouhou calendar show --year 2027
    """
    from shouhou.services import config
    from shouhou.services.calendar.holidays import load_calendar

    app_ctx = ctx_of(ctx)
    the_year = year or app_ctx.today.year
    with app_ctx.session() as s:
        calendar = load_calendar(s, zone=app_ctx.zone, settings=config.load(s))
    schedule = calendar.schedule_of(the_year)
    if fmt is ListFormat.table and schedule != "official":
        warn(app_ctx.t(f"msg.calendar_{schedule}", year=the_year))
    rows = [
        {
            "date": day.isoformat(),
            "weekday": str(day.isoweekday()),
            "kind": kind,
            "name": name,
            "source": calendar.day_source(day),
        }
        for day, kind, name in calendar.year_view(the_year)
    ]
    emit_list(app_ctx, COLUMNS, rows, fmt.value)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The schedule: .csv or .ics.")],
    year: Annotated[
        list[int] | None, typer.Option("--year", help="Only this year of the file (repeatable).")
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Also remove stored days of those years not in the file."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and count, store nothing.")
    ] = False,
) -> None:
    """Import a year's official holiday schedule (holidays and make-up working days 调休).

    CSV columns: date, kind (holiday|workday, or 假日/休息/放假, 上班/补班), name, optional to
    (or 日期, 类型, 名称, 结束日期). iCalendar: all-day VEVENTs, DTSTART..DTEND, SUMMARY;
    a summary saying 补班/上班/调休 marks working days. Stored days win over the statutory
    calendar; importing the same file again changes nothing.

    Example: shouhou calendar import 2027.ics --dry-run
    """
    from shouhou.services.calendar.holidays import import_schedule

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=not dry_run) as s:
        report = import_schedule(
            s, app_ctx.stamp(), path=file, years=year or (), replace=replace, dry_run=dry_run
        )
        if not dry_run:
            from shouhou.services.tickets.records import rules_changed

            rules_changed(s, now=app_ctx.now)  # stored deadlines follow (issue 9)
    key = "msg.calendar_import_dry" if dry_run else "msg.calendar_imported"
    message(
        app_ctx.t(
            key,
            file=report.file,
            years=", ".join(str(y) for y in report.years),
            holidays=report.holidays,
            workdays=report.workdays,
            added=report.added,
            changed=report.changed,
            unchanged=report.unchanged,
            removed=report.removed,
        )
    )


@holiday_app.command("add")
def holiday_add(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(help="First day, YYYY-MM-DD.")],
    to: Annotated[str | None, typer.Option("--to", help="Last day (inclusive).")] = None,
    name: Annotated[str | None, typer.Option(help="Name, e.g. 春节.")] = None,
) -> None:
    """Add a holiday (or a range) that overrides the statutory package.

    Example: shouhou calendar holiday add 2027-02-06 --to 2027-02-13 --name 春节
    """
    from shouhou.services.calendar.holidays import add_holidays
    from shouhou.services.tickets.records import rules_changed
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    start = parse_date(day, field="date")
    end = parse_date(to, field="to") if to else None
    with app_ctx.session(write=True) as s:
        days = add_holidays(s, app_ctx.stamp(), start=start, end=end, name=name)
        rules_changed(s, now=app_ctx.now)  # stored deadlines follow (issue 9)
    message(
        app_ctx.t(
            "msg.holidays_added",
            count=len(days),
            first=days[0].isoformat(),
            last=days[-1].isoformat(),
        )
    )


@workday_app.command("add")
def workday_add(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(help="The make-up working day, YYYY-MM-DD.")],
    name: Annotated[str | None, typer.Option(help="Why, e.g. 春节调休.")] = None,
) -> None:
    """Add a make-up working day 调休上班 (a weekend day that is worked).

    Example: shouhou calendar workday add 2027-02-20 --name 春节调休
    """
    from shouhou.services.calendar.holidays import add_workday
    from shouhou.services.tickets.records import rules_changed
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    the_day = parse_date(day, field="date")
    with app_ctx.session(write=True) as s:
        add_workday(s, app_ctx.stamp(), day=the_day, name=name)
        rules_changed(s, now=app_ctx.now)  # stored deadlines follow (issue 9)
    message(app_ctx.t("msg.workday_added", date=the_day.isoformat()))
