"""What the ``complaint`` commands share: the list columns, arguments, the write transaction
acting at ``--at``, and how a deadline is said in a line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column
from shouhou.errors import UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp
    from shouhou.services.tickets.sla import Rules

ComplaintArg = Annotated[str, typer.Argument(help="Complaint number (CP2609-0001) or id.")]
AtOption = Annotated[
    str | None, typer.Option("--at", help="When it was done (default now; a paper form later).")
]


def due_cell(app_ctx: AppContext, row: dict[str, Any]) -> str:
    """The list's deadline cell: what is overdue, else the next deadline and when."""
    t = app_ctx.t
    if row["overdue"]:
        return ", ".join(t(f"complaint.overdue.{name}") for name in row["overdue"])
    if row["next_due"]:
        when = short_time(app_ctx, row["next_due_at"])
        return t(f"complaint.due.{row['next_due']}", at=when)
    return ""


def short_time(app_ctx: AppContext, iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone(app_ctx.display_zone).strftime("%m-%d %H:%M")


def columns(app_ctx: AppContext) -> tuple[Column, ...]:
    return (
        Column("number", "col.complaint_number"),
        Column("received_at", "col.received_at", "time"),
        Column("status", "col.status", "enum", "complaint_status."),
        Column("grade", "col.complaint_grade", "enum", "complaint_grade."),
        Column("about", "col.complaint_about", "enum", "complaint_about."),
        Column("customer_name", "col.customer"),
        Column("received_by", "col.complaint_received_by"),
        Column("due", "col.complaint_due", getter=lambda row: due_cell(app_ctx, row)),
        Column("recurrence_of", "col.complaint_recurrence_of"),
    )


@contextmanager
def writing(
    ctx: typer.Context, at: str | None = None
) -> Iterator[tuple[AppContext, Session, Stamp, Rules]]:
    """One write transaction with the rules loaded, acting at ``at`` (a past time, default
    now)."""
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    moment = app_ctx.parse_time(at, "at")
    if moment > app_ctx.now:
        raise UsageError("err.future_event", field="at", value=at)
    with app_ctx.session(write=True) as s:
        yield app_ctx, s, app_ctx.stamp(moment), load_rules(s, zone=app_ctx.zone)


def met_text(app_ctx: AppContext, late_min: int | None) -> str:
    """ "on time" / "2h 5m late": how a deadline was met."""
    from shouhou.services.feedback.complaint_documents import span_text

    if not late_min:
        return app_ctx.t("complaint.on_time")
    return app_ctx.t("complaint.late", span=span_text(app_ctx.t, late_min))
