"""Shared option types and view helpers for the command modules."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.output import Column, changes_text
from shouhou.enums import ListFormat

FormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="Output format: table, json or csv.")
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most N rows.")]

# CLI.md: a customer is referenced the same way everywhere — id, phone, or a name fragment that
# matches one customer; the services resolve it (``customers.get_customer``).
CUSTOMER_REF_HELP = "Customer: id, phone or a unique part of the name."
CustomerArg = Annotated[str, typer.Argument(metavar="CUSTOMER", help=CUSTOMER_REF_HELP)]
CustomerOption = Annotated[str, typer.Option("--customer", help=CUSTOMER_REF_HELP)]
CustomerFilter = Annotated[
    str | None,
    typer.Option("--customer", help="Only this customer: id, phone or a unique part of the name."),
]


__all__ = [
    "CUSTOMER_REF_HELP",
    "TIMELINE_COLUMNS",
    "CustomerArg",
    "CustomerFilter",
    "CustomerOption",
    "FormatOption",
    "LimitOption",
    "changes_text",
]

TIMELINE_COLUMNS = (
    Column("at", "col.at", "time"),
    Column("actor", "col.actor"),
    Column("action", "col.action", "enum", "action."),
    Column("changes", "col.changes", "changes"),
)
