"""``report weekly``: the week's call record 电话服务记录 for the desk and for cron (DOMAIN §7,
issue 14 item 1)."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.context import ctx_of
from shouhou.cli.report.common import (
    OutputOption,
    ReportFormat,
    ReportFormatOption,
    SectionOption,
    run_report,
)

commands = typer.Typer()


@commands.command("weekly")
def weekly(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week", help="ISO week YYYY-Www (default: the last full week, Monday to Sunday)."
        ),
    ] = None,
    fmt: ReportFormatOption = ReportFormat.txt,
    output: OutputOption = None,
    section: SectionOption = None,
) -> None:
    """The week's call record 电话服务记录, for the desk and for cron.

    Every request received in the week — when, channel, customer, device, symptom, severity,
    who took it, how it was handled, each deadline met or not — with totals by day, channel,
    severity, engineer and outcome. An empty week exits 0 too (the report says so).

    Example: shouhou report weekly --week 2026-W47 --format html --output week47.html
    """
    from shouhou.services.reports.weekly import parse_week, weekly_report

    app_ctx = ctx_of(ctx)
    if week is not None:
        parse_week(week)  # a malformed week fails (exit 2) before the database is opened
    run_report(
        app_ctx,
        lambda s: weekly_report(
            s, week=week, today=app_ctx.today, zone=app_ctx.zone, now=app_ctx.now
        ),
        fmt=fmt,
        output=output,
        section=section,
    )
