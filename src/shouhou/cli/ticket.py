"""``shouhou ticket``: service requests 报修/工单 from intake to close."""

from __future__ import annotations

import typer

from shouhou.cli.output import Column

app = typer.Typer(
    help="Tickets 工单: intake, deadlines, repair, charges, sheets.", no_args_is_help=True
)

SHORT_COLUMNS = (
    Column("number", "col.number"),
    Column("received_at", "col.received_at", "time"),
    Column("status", "col.status", "enum", "status."),
    Column("assignee", "col.assignee"),
    Column("symptom", "col.symptom"),
)
LOAN_COLUMNS = (
    Column("ticket", "col.number"),
    Column("unit_serial", "col.serial"),
    Column("lent_at", "col.lent_at", "time"),
)
