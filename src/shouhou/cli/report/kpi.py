"""``report kpi``: the service KPIs of a period, overall or per engineer, severity or product
line (DOMAIN §7, issue 14 item 3). The definitions are in ``services/reports/kpi``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from shouhou.cli.choices import choice_option
from shouhou.cli.context import ctx_of
from shouhou.cli.report.common import (
    OutputOption,
    ReportFormat,
    ReportFormatOption,
    SectionOption,
)
from shouhou.vocabulary import KPI_BY

if TYPE_CHECKING:
    from datetime import date

    from sqlmodel import Session

    from shouhou.cli.context import AppContext
    from shouhou.services.reports.model import Report

commands = typer.Typer()


@commands.command("kpi")
def kpi(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--from", help="First day of the period, e.g. 2026-11-01 (default: last month)."
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Last day of the period, included (default: the end of --from's month, or "
            "of last month).",
        ),
    ] = None,
    by: Annotated[
        str | None,
        choice_option(KPI_BY, "--by", help="One row per engineer, severity or product line."),
    ] = None,
    fmt: ReportFormatOption = ReportFormat.txt,
    output: OutputOption = None,
    section: SectionOption = None,
) -> None:
    """Service KPIs: resolution rate, reply / on-site / resolve on time, on-time arrival,
    first-time fix, repeat repairs, callback rate, satisfaction, complaints handled on time,
    mean and median times, labour hours and cost. Every request received in the period
    counts; cancelled ones in no rate.

    Example: shouhou report kpi --from 2026-11-01 --to 2026-11-30 --by engineer
    """
    from shouhou.cli.report.common import run_report

    app_ctx = ctx_of(ctx)

    def build(session: Session) -> Report:
        from shouhou.services.reports.kpi_report import kpi_report

        first, until = kpi_period(app_ctx, since, to)
        return kpi_report(
            session,
            since=first,
            until=until,
            zone=app_ctx.zone,
            now=app_ctx.now,
            t=app_ctx.t,
            by=by,
        )

    run_report(app_ctx, build, fmt=fmt, output=output, section=section)


def kpi_period(app_ctx: AppContext, since: str | None, to: str | None) -> tuple[date, date]:
    """[first day, day after the last) from ``--from``/``--to``: neither → last full month;
    ``--from`` alone → to the end of its month; ``--to`` alone → from the start of its month.
    A last day before the first is a usage error."""
    from datetime import timedelta

    from shouhou.errors import UsageError
    from shouhou.services.reports.kpi_report import last_full_month
    from shouhou.timeutil import parse_date

    today = app_ctx.today
    if since is None and to is None:
        return last_full_month(today)
    first = parse_date(since, field="from", today=today) if since is not None else None
    last = parse_date(to, field="to", today=today) if to is not None else None
    if first is None:
        assert last is not None
        first = last.replace(day=1)
    if last is None:
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        last = following - timedelta(days=1)
    if last < first:
        raise UsageError("err.kpi_period", since=first.isoformat(), until=last.isoformat())
    return first, last + timedelta(days=1)
