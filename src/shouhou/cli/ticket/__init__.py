"""``shouhou ticket``: service requests 报修/工单 from intake to close.

One module per part of a ticket's life, mirroring ``services/tickets``: ``intake`` (``new``,
asking on a terminal through ``call``), ``edit`` (corrections after intake), ``queries``
(``list``, ``show``, ``overdue``), ``lifecycle`` (the state machine), ``charges``,
``returns`` (loans and returns) and ``documents`` (printed sheets); ``common`` holds the Typer
app, shared arguments and column specs.
"""

from __future__ import annotations

from shouhou.cli.ticket import charges, documents, edit, intake, lifecycle, queries, returns
from shouhou.cli.ticket.common import app

# The order a clerk meets them, as ``shouhou ticket --help`` lists them.
COMMAND_ORDER = (
    "new list show edit overdue assign respond mode arrive diagnose charge approve resolve close "
    "reopen cancel escalate wait resume loan loan-return return sheet slip"
).split()
app.registered_commands.sort(key=lambda info: COMMAND_ORDER.index(info.name or ""))

__all__ = ["app", "charges", "documents", "edit", "intake", "lifecycle", "queries", "returns"]
