"""``shouhou report``: read-only reports for the desk, the manager and cron — the weekly
call record, the monthly issue trends, KPIs, quality and the year (CLI.md, issue 14).

Each module holds one report command on its own Typer; this one puts them under ``report``.
Every report reads in one snapshot and renders as txt, md, html, pdf, csv or json
(cli/report/common.py).
"""

from __future__ import annotations

import typer

from shouhou.cli.report import kpi, monthly, quality, weekly, yearly

app = typer.Typer(
    help="Reports 报表: the weekly call record, monthly trends, KPIs, quality, the year.",
    no_args_is_help=True,
)
for group in (weekly, monthly, kpi, quality, yearly):
    app.registered_commands += group.commands.registered_commands


@app.callback()
def _group() -> None:
    # ``report`` stays a group of commands however many of them exist.
    pass
