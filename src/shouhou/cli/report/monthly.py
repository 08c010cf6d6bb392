"""``report monthly``: the issue-trend summary 问题趋势月报 with recurrence warnings
连续出现的问题预警 (DOMAIN §7, issue 14 item 2). What it counts: ``services/reports/monthly``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from shouhou.cli.context import ctx_of
from shouhou.cli.report.common import (
    OutputOption,
    ReportFormat,
    ReportFormatOption,
    SectionOption,
    run_report,
)

if TYPE_CHECKING:
    from shouhou.services.reports.model import Report

commands = typer.Typer()

MonthOption = Annotated[
    str | None,
    typer.Option("--month", help="The month, YYYY-MM (default: the last full month)."),
]


@commands.command("monthly")
def monthly(
    ctx: typer.Context,
    month: MonthOption = None,
    fmt: ReportFormatOption = ReportFormat.txt,
    output: OutputOption = None,
    section: SectionOption = None,
) -> None:
    """The month's issue-trend summary 问题趋势月报 with recurrence warnings.

    Faults received in the month (cancelled requests are no fault) by product line, model,
    fault category and cause, against the month before and the same month last year; the
    12-month trend; a model with the same fault category in consecutive months, quarters or
    the same month of consecutive years, with its history; the month's repeat repairs and
    three-strike cases; old parts not returned to the factory at the month's end.

    Example: shouhou report monthly --month 2026-10 --format html --output 2026-10.html
    """
    from shouhou.services.reports.monthly import monthly_report

    run_month_report(ctx, monthly_report, month, fmt=fmt, output=output, section=section)


def run_month_report(
    ctx: typer.Context,
    build: Callable[..., Report],
    month: str | None,
    *,
    fmt: ReportFormat,
    output: str | None,
    section: str | None,
) -> None:
    """A report of one month (``--month``, default the last full one): the month is checked
    before anything is read (exit 2), then ``build(session, month=, zone=, now=, t=)`` runs
    in one snapshot."""
    from shouhou.services.reports.monthly import last_full_month, parse_month

    app_ctx = ctx_of(ctx)
    chosen = parse_month(month) if month is not None else None
    run_report(
        app_ctx,
        lambda s: build(
            s,
            month=chosen or last_full_month(app_ctx.today),
            zone=app_ctx.zone,
            now=app_ctx.now,
            t=app_ctx.t,
        ),
        fmt=fmt,
        output=output,
        section=section,
    )
