"""What the ``visit`` commands share: the list columns, options, one write transaction, the
messages naming a visit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, message, warn
from shouhou.errors import UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Visit
    from shouhou.services.audit import Stamp

COLUMNS = (
    Column("number", "col.visit_number"),
    Column("kind", "col.visit_kind", "enum", "visit_kind."),
    Column("status", "col.status", "enum", "visit_status."),
    Column("scheduled_at", "col.appointment", "time"),
    Column("engineer", "col.engineer"),
    Column("helpers", "col.helpers"),
    Column("ticket", "col.ticket"),
    Column("customer_id", "col.customer_id"),
    Column("arrived_at", "col.arrived_at", "time"),
    Column("on_time", "col.on_time", "bool"),
)
DUE_COLUMNS = (
    Column("number", "col.visit_number"),
    Column("kind", "col.visit_kind", "enum", "visit_kind."),
    Column("due_at", "col.visit_due_at", "time"),
    Column("overdue", "col.overdue", "bool"),
    Column("status", "col.status", "enum", "visit_status."),
    Column("origin", "col.origin", "enum", "visit_origin."),
    Column("scheduled_at", "col.appointment", "time"),
    Column("engineer", "col.engineer"),
    Column("ticket", "col.ticket"),
    Column("customer_id", "col.customer_id"),
    Column("left_over", "col.left_over"),
)

VisitArg = Annotated[str, typer.Argument(help="Visit number (VS2612-0001) or id.")]
ArrivalOption = Annotated[str | None, typer.Option("--at", help="When it happened (default now).")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why, as told to the customer.")]
MinutesOption = Annotated[
    int | None, typer.Option("--minutes", min=1, help="Expected duration in minutes.")
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Book even if the engineer has an overlapping visit.")
]
HelperOption = Annotated[
    list[str] | None,
    typer.Option(
        "--helper", help="A helper in the engineer's team (repeat for more); checked for clashes."
    ),
]


@contextmanager
def writing(
    ctx: typer.Context, at: str | None = None
) -> Iterator[tuple[AppContext, Session, Stamp]]:
    """One write transaction, acting at ``at`` (a past time, default now)."""
    app_ctx = ctx_of(ctx)
    moment = app_ctx.parse_time(at, "at")
    if moment > app_ctx.now:
        raise UsageError("err.future_event", field="at", value=at)
    with app_ctx.session(write=True) as s:
        yield app_ctx, s, app_ctx.stamp(moment)


def says(app_ctx: AppContext, key: str, visit: Visit, **fields: Any) -> None:
    message(
        app_ctx.t(
            key,
            number=visit.number,
            kind=app_ctx.t(f"visit_kind.{visit.kind}"),
            engineer=visit.engineer,
            at=app_ctx.local(visit.appointment_at),
            **fields,
        )
    )


def forced(app_ctx: AppContext, other: Visit | None, visit: Visit) -> None:
    if other is not None:
        warn(app_ctx.t("warn.visit_forced", other=other.number, engineer=visit.engineer))


def started_line(app_ctx: AppContext, visit: Visit) -> str:
    """ "Visit VS2612-0001 started: arrived 09:10, on time" (also printed by ``ticket arrive``)."""
    verdict = (
        app_ctx.t("visit.on_time")
        if visit.on_time
        else app_ctx.t("visit.late", minutes=visit.late_minutes)
    )
    return app_ctx.t(
        "msg.visit_started",
        number=visit.number,
        arrived=app_ctx.local(visit.arrived_at),
        verdict=verdict,
    )


def grace(s: Session, app_ctx: AppContext) -> timedelta:
    """The setting visit.grace: how late after the appointment a booking turns overdue."""
    from shouhou.services.tickets.sla import load_rules
    from shouhou.services.visits.lifecycle import grace_of

    return grace_of(load_rules(s, zone=app_ctx.zone))
