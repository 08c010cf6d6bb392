"""Shared option types and view helpers for the command modules."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from shouhou.cli.output import Column
from shouhou.enums import ListFormat

FormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="Output format: table, json or csv.")
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most N rows.")]


def changes_text(changes: dict[str, Any]) -> str:
    parts = []
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = value
            parts.append(f"{key}: {old if old not in (None, '') else '∅'} → {new}")
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


TIMELINE_COLUMNS = (
    Column("at", "col.at", "time"),
    Column("actor", "col.actor"),
    Column("action", "col.action", "enum", "action."),
    Column("changes", "col.changes", getter=lambda r: changes_text(r.get("changes") or {})),
)
