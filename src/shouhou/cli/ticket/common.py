"""The ``ticket`` Typer app and what its commands share: arguments, column specs, the write
transaction with rules and acting stamp, the one-line confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, message
from shouhou.errors import UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp
    from shouhou.services.tickets.sla import Rules


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
    Column("returned_at", "col.returned_at", "time"),
)


LIST_COLUMNS = (
    Column("number", "col.number"),
    Column("severity", "col.severity", "enum", "severity."),
    Column("status", "col.status", "enum", "status."),
    Column("customer_name", "col.customer"),
    Column("device_serial", "col.device"),
    Column("assignee", "col.assignee"),
    Column("due", "col.due", getter=lambda r: r.get("_due", "")),
    Column("symptom", "col.symptom", getter=lambda r: shorten(r.get("symptom"), 24)),
)


OVERDUE_COLUMNS = (
    Column("number", "col.number"),
    Column("severity", "col.severity", "enum", "severity."),
    Column("customer_name", "col.customer"),
    Column("assignee", "col.assignee"),
    Column("late", "col.late", getter=lambda r: r.get("_late", "")),
    Column("escalation_level", "col.escalation", "enum", "escalation."),
)


CHARGE_COLUMNS = (
    Column("kind", "col.charge_kind", "enum", "charge."),
    # A labour or travel line's description is its kind's code: the kind column says it.
    Column(
        "description",
        "col.description",
        getter=lambda r: "" if r.get("kind") in ("labor", "travel") else r.get("description"),
    ),
    Column("quantity", "col.quantity"),
    Column("unit_price", "col.unit_price"),
    Column("amount", "col.amount"),
)


MILESTONE_COLUMNS = (
    Column("name", "col.milestone", "enum", "milestone."),
    Column("due_at", "col.due_at", "time"),
    Column("met_at", "col.met_at", "time"),
    Column("missed", "col.missed", "bool"),
)


URGENCY_COLUMNS = (
    Column("factor", "col.factor", "enum", "urgency."),
    Column("points", "col.points"),
    Column("detail", "col.detail"),
)


TicketArg = Annotated[str, typer.Argument(help="Ticket number (SH2611-0042) or id.")]


AtOption = Annotated[str | None, typer.Option("--at", help="When it happened (default now).")]


def shorten(text: str | None, width: int) -> str:
    if not text:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


@contextmanager
def acting(
    ctx: typer.Context, at: str | None = None
) -> Iterator[tuple[AppContext, Session, Rules, Stamp]]:
    """One write transaction with the ticket rules loaded and the acting stamp (taken once
    the session has settled who acts: a user's own spelling of the name)."""
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    moment = app_ctx.parse_time(at, "at")
    if moment > app_ctx.now:
        raise UsageError("err.future_event", field="at", value=at)
    with app_ctx.session(write=True) as s:
        yield app_ctx, s, load_rules(s, zone=app_ctx.zone), app_ctx.stamp(moment)


def done(app_ctx: AppContext, key: str, ticket: Any, **fields: Any) -> None:
    message(
        app_ctx.t(key, number=ticket.number, status=app_ctx.t(f"status.{ticket.status}"), **fields)
    )
