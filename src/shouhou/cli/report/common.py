"""What every ``shouhou report …`` command shares (CLI.md, issue 14): the options ``--format``,
``--output`` and ``--section``, the one snapshot a report is read in, and writing it.

Built for cron: no prompt ever; rich tables (ANSI) only when stdout is a terminal and no
``--output`` is given — otherwise plain text; ``--output`` is written atomically (a temporary
file in the same folder, then renamed over the target) with mode 0600; an empty period still
exits 0 (the report says it was empty).

A report command parses its own options, then calls :func:`run_report` with a function that
builds its :class:`~shouhou.services.reports.model.Report` from the snapshot session::

    run_report(app_ctx, lambda s: weekly_report(s, week=week, today=app_ctx.today, ...),
               fmt=fmt, output=output, section=section)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.context import AppContext
from shouhou.cli.output import message, stdout_is_tty
from shouhou.errors import DomainError, UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.reports.model import Report


class ReportFormat(StrEnum):
    txt = "txt"
    md = "md"
    html = "html"
    pdf = "pdf"
    csv = "csv"
    json = "json"


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="Output format: txt, md, html, pdf, csv or json."),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically, readable by you only) instead of stdout.",
    ),
]
SectionOption = Annotated[
    str | None,
    typer.Option(
        "--section", help="Only this section (its name in the JSON, e.g. by_channel, summary)."
    ),
]


def run_report(
    app_ctx: AppContext,
    build: Callable[[Session], Report],
    *,
    fmt: ReportFormat,
    output: str | None,
    section: str | None,
) -> None:
    """Build a report in one snapshot (``build(session)``; the firm's zone is known by then,
    so ``app_ctx.zone``/``today`` cost nothing) and write it in ``fmt``."""
    from shouhou.services.reports.render import company_of
    from shouhou.services.reports.snapshot import snapshot

    if fmt is ReportFormat.pdf and not output:
        raise UsageError("err.output_required", format=fmt.value)
    if output:
        check_folder(Path(output))
    with snapshot(app_ctx.db_url) as session:
        from shouhou.cli import context

        if context.FREEZE_ON_SESSION:
            context._freeze_startup_objects()
        if app_ctx.firm_zone is None:
            from shouhou.services import config

            app_ctx.firm_zone = config.firm_zone(session)
        report = build(session)
        printed = (ReportFormat.html, ReportFormat.pdf, ReportFormat.md)
        company = company_of(session) if fmt in printed else None
    emit_report(app_ctx, report, fmt, output=output, section=section, company=company)


def emit_report(
    app_ctx: AppContext,
    report: Report,
    fmt: ReportFormat,
    *,
    output: str | None,
    section: str | None,
    company: dict[str, Any] | None = None,
) -> None:
    """Write ``report``: to ``output`` (atomic, 0600) or stdout; txt on a terminal as rich
    tables, anywhere else as plain text."""
    from shouhou.services.reports.render import pick, render

    if fmt is ReportFormat.txt and output is None and stdout_is_tty():
        pick(report, section)  # an unknown section fails before anything is printed
        _rich(app_ctx, report, section)
        return
    data = render(
        report,
        fmt.value,
        app_ctx.lang,
        section=section,
        zone=app_ctx.display_zone,
        company=company,
    )
    if output is None:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if fmt is ReportFormat.csv:  # the other formats show stored text inert already
            from shouhou.inert import inert

            text = inert(text)
        sys.stdout.write(text)
        return
    write_atomic(Path(output), data)
    message(app_ctx.t("msg.written", path=output))


def check_folder(path: Path) -> None:
    """The folder ``--output`` writes into must exist (exit 2 otherwise), checked before the
    report is built."""
    if not path.expanduser().absolute().parent.is_dir():
        raise UsageError("err.report_no_folder", path=str(path))


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so no reader ever sees half a file: into a temporary file in
    the same folder (created 0600), flushed to disk, then renamed over ``path``. The result is
    readable by the owner only (mode 0600), whatever was there before."""
    import tempfile

    target = path.expanduser().absolute()
    check_folder(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise DomainError("err.report_write_failed", path=str(path), detail=exc.strerror) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise DomainError(
                "err.report_write_failed", path=str(path), detail=exc.strerror
            ) from exc
        raise


def _rich(app_ctx: AppContext, report: Report, section: str | None) -> None:
    """The txt report on a terminal: the same sections as rich tables (cli/output)."""
    from shouhou.cli.output import Column, Section, emit_list, emit_record
    from shouhou.services.reports.cells import Cells
    from shouhou.services.reports.charts import text_bars
    from shouhou.services.reports.render import (
        chart_data,
        empty_note,
        formatted,
        header_lines,
        pick,
    )

    cells = Cells(app_ctx.lang, app_ctx.display_zone)
    with_summary, chosen = pick(report, section)
    for line in header_lines(report, cells, None):
        message(line)
    note = empty_note(report, app_ctx.lang)
    if note:
        message(note)
        chosen = []
    if with_summary and report.summary:
        pairs = [(label, cells.summary_human(value)) for label, value in report.summary]
        emit_record(app_ctx, {}, [Section(title="report.summary", pairs=pairs)], "table")
    for part in chosen:
        _, rows, _ = formatted(part, cells)
        columns = [Column(str(i), c.header) for i, c in enumerate(part.columns)]
        records = [{str(i): text for i, text in enumerate(row)} for row in rows]
        if records:
            emit_list(app_ctx, columns, records, "table", title=cells.word(part.title))
        else:
            message(f"{cells.word(part.title)}: {app_ctx.t('none')}")
        chart = chart_data(part, cells)
        if chart is not None and part.chart is not None and part.chart.kind == "bars":
            for line in text_bars(*chart):
                message(line)
        for text in part.notes:
            message(text)
