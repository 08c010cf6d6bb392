"""``report quality``: the month's quality problems 质量问题报表 for the quality department
(DOMAIN §7, issue 14 item 4). What counts as one: ``services/reports/quality``."""

from __future__ import annotations

import typer

from shouhou.cli.report.common import (
    OutputOption,
    ReportFormat,
    ReportFormatOption,
    SectionOption,
)
from shouhou.cli.report.monthly import MonthOption, run_month_report

commands = typer.Typer()


@commands.command("quality")
def quality(
    ctx: typer.Context,
    month: MonthOption = None,
    fmt: ReportFormatOption = ReportFormat.txt,
    output: OutputOption = None,
    section: SectionOption = None,
) -> None:
    """The month's quality problems 质量问题报表, for the quality department.

    Requests received in the month whose cause is design, manufacturing/quality or a supplier
    part: by model (with each cause and the units affected), by part replaced (from the bills),
    and each ticket with its finding and parts.

    Example: shouhou report quality --month 2026-10 --format csv --section by_part
    """
    from shouhou.services.reports.quality import quality_report

    run_month_report(ctx, quality_report, month, fmt=fmt, output=output, section=section)
