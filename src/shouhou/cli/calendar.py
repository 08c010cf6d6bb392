"""``shouhou calendar``: the working calendar used for SLA deadlines."""

from __future__ import annotations

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
    from shouhou.services.calendar.holidays import load_calendar, override_days

    app_ctx = ctx_of(ctx)
    the_year = year or app_ctx.now.astimezone(app_ctx.zone).year
    with app_ctx.session() as s:
        calendar = load_calendar(s, zone=app_ctx.zone, settings=config.load(s))
        overrides = override_days(s)
    if fmt is ListFormat.table and not calendar.covered_by_package(the_year):
        warn(app_ctx.t("msg.calendar_fallback", year=the_year))
    rows = [
        {
            "date": day.isoformat(),
            "weekday": str(day.isoweekday()),
            "kind": kind,
            "name": name,
            "source": "local" if day in overrides else "package",
        }
        for day, kind, name in calendar.year_view(the_year)
    ]
    emit_list(app_ctx, COLUMNS, rows, fmt.value)


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
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    start = parse_date(day, field="date")
    end = parse_date(to, field="to") if to else None
    with app_ctx.session(write=True) as s:
        days = add_holidays(s, app_ctx.stamp(), start=start, end=end, name=name)
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
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    the_day = parse_date(day, field="date")
    with app_ctx.session(write=True) as s:
        add_workday(s, app_ctx.stamp(), day=the_day, name=name)
    message(app_ctx.t("msg.workday_added", date=the_day.isoformat()))
