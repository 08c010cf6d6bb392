"""``shouhou part``: spare parts 配件 — the catalogue and suppliers, the stock ledger, parts
issued to tickets and old parts owed back, low stock and the purchase plan, stocktakes
(CLI.md, DOMAIN §4, issue 12).

Each module holds a group of commands on its own Typer; this one puts them under ``part``.
"""

from __future__ import annotations

import typer

from shouhou.cli.part import catalogue, issuing, stocktake

app = typer.Typer(
    help="Spare parts 配件: catalogue, stock ledger, parts to tickets, reorder, stocktake.",
    no_args_is_help=True,
)
for group in (catalogue, issuing, stocktake):
    app.registered_commands += group.commands.registered_commands
    app.registered_groups += group.commands.registered_groups
