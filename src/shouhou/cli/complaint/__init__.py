"""``shouhou complaint``: complaints 投诉 — receipt by anyone (首问责任制) with the answer and
handling-opinion deadlines, the answer, the handling opinion with corrective and preventive
action, closing with the customer's confirmation, reopening, lists (open, overdue, recurring),
one complaint with its trail and the printed handling form 投诉处理单 (CLI.md, issue 13).

Each module holds a group of commands on its own Typer; this one puts them under ``complaint``.
"""

from __future__ import annotations

import typer

from shouhou.cli.complaint import handling, intake, listing

app = typer.Typer(
    help="Complaints 投诉: receipt, deadlines, answer, corrective action, confirmation.",
    no_args_is_help=True,
)
for group in (intake, handling, listing):
    app.registered_commands += group.commands.registered_commands
