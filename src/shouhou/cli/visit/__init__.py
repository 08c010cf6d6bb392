"""``shouhou visit``: site visits 上门服务 — book engineers and teams, arrival on time, work
done (in part, with an inspection's checklist, a callback's result), what is due, inspection
plans and checklists, the visit record and the day's route sheet (CLI.md, issue 11).

Each module holds a group of commands on its own Typer; this one puts them under ``visit``.
"""

from __future__ import annotations

import typer

from shouhou.cli.visit import booking, documents, done, listing, plan

app = typer.Typer(
    help="Site visits 上门服务: book engineers, arrival on time, work done.",
    no_args_is_help=True,
)
for group in (booking, done, listing, documents):
    app.registered_commands += group.commands.registered_commands
app.add_typer(plan.plan_app, name="plan")
app.add_typer(plan.checklist_app, name="checklist")
