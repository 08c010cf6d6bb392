"""``report yearly``: the year's service distribution by month — requests by severity and
product line, visits by kind — and the year's KPIs (DOMAIN §7, issue 14 item 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from shouhou.cli.context import ctx_of
from shouhou.cli.report.common import (
    OutputOption,
    ReportFormat,
    ReportFormatOption,
    SectionOption,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.reports.model import Report

commands = typer.Typer()


@commands.command("yearly")
def yearly(
    ctx: typer.Context,
    year: Annotated[
        str | None,
        typer.Option(
            "--year", help="The year, e.g. 2026 (default: last year in January, else this year)."
        ),
    ] = None,
    fmt: ReportFormatOption = ReportFormat.txt,
    output: OutputOption = None,
    section: SectionOption = None,
) -> None:
    """The year: requests received each month by severity (with a bar chart) and by product
    line, visits done each month by kind, and the year's KPIs.

    Example: shouhou report yearly --year 2026 --format html --output 2026.html
    """
    from shouhou.cli.report.common import run_report

    chosen = parse_year(year) if year is not None else None
    app_ctx = ctx_of(ctx)

    def build(session: Session) -> Report:
        from shouhou.services.reports.yearly import default_year, yearly_report

        return yearly_report(
            session,
            year=chosen if chosen is not None else default_year(app_ctx.today),
            zone=app_ctx.zone,
            now=app_ctx.now,
            t=app_ctx.t,
        )

    run_report(app_ctx, build, fmt=fmt, output=output, section=section)


def parse_year(text: str) -> int:
    """``2026`` or ``2026年``, 1900–9998; anything else is a usage error."""
    from shouhou.errors import UsageError

    raw = text.strip().removesuffix("年")
    if not (raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 9998):
        raise UsageError("err.report_year", value=text)
    return int(raw)
