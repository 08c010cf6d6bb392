"""``visit schedule|book|reschedule|start|missed|cancel``: booking engineers and teams,
arrival, a booking that did not happen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from shouhou.cli.choices import choice_option
from shouhou.cli.context import ctx_of
from shouhou.cli.output import message
from shouhou.cli.visit.common import (
    ArrivalOption,
    ForceOption,
    HelperOption,
    MinutesOption,
    ReasonOption,
    VisitArg,
    forced,
    says,
    started_line,
    writing,
)
from shouhou.vocabulary import VISIT_KIND

if TYPE_CHECKING:
    pass

commands = typer.Typer()


@commands.command("schedule")
def schedule(
    ctx: typer.Context,
    kind: Annotated[
        str,
        choice_option(
            VISIT_KIND,
            "--type",
            help="repair 上门维修 | install 安装调试 | inspection 巡检 | callback 回访 | "
            "training 培训.",
        ),
    ],
    at: Annotated[str, typer.Option("--at", help="Appointment time agreed with the customer.")],
    engineer: Annotated[str, typer.Option("--engineer", help="Engineer booked.")],
    ticket: Annotated[
        str | None, typer.Option("--ticket", help="For this ticket (its customer and device).")
    ] = None,
    customer: Annotated[
        str | None,
        typer.Option("--customer", help="Customer: id, phone or a unique part of the name."),
    ] = None,
    device: Annotated[
        str | None, typer.Option("--device", help="Device serial or id (the customer's).")
    ] = None,
    minutes: MinutesOption = None,
    helper: HelperOption = None,
    force: ForceOption = False,
) -> None:
    """Book an engineer (and team) for a visit to a ticket's site or to a customer; an
    overlapping visit of any team member is refused unless --force.

    Example: shouhou visit schedule --ticket SH2611-0042 --type repair --at "tomorrow 9:00"
    --engineer 王工
    """
    from shouhou.services.visits.schedule import schedule_visit

    app_ctx = ctx_of(ctx)
    appointment = app_ctx.parse_time(at, "at")
    with app_ctx.session(write=True) as s:
        visit, other = schedule_visit(
            s,
            app_ctx.stamp(),
            kind=kind,
            engineer=engineer,
            appointment_at=appointment,
            zone=app_ctx.zone,
            expected_minutes=minutes or 60,
            ticket_ref=ticket,
            customer_ref=customer,
            device_ref=device,
            helpers=helper or (),
            force=force,
        )
        forced(app_ctx, other, visit)
        says(app_ctx, "msg.visit_scheduled", visit)


@commands.command("start")
def start(
    ctx: typer.Context,
    ref: VisitArg,
    at: ArrivalOption = None,
    engineer: Annotated[
        str | None,
        typer.Option("--engineer", help="Who arrived, for a due visit never booked."),
    ] = None,
) -> None:
    """Record the engineer's arrival; on a ticket's repair visit it is the ticket's arrival too
    (one on-site clock). Stores whether the arrival was on time.

    Example: shouhou visit start VS2612-0001 --at "2026-12-03 09:10"
    """
    from shouhou.services.tickets.sla import load_rules
    from shouhou.services.visits.lifecycle import start as do_start

    with writing(ctx, at) as (app_ctx, s, stamp):
        visit = do_start(s, stamp, ref, load_rules(s, zone=app_ctx.zone), engineer=engineer)
        message(started_line(app_ctx, visit))


@commands.command("reschedule")
def reschedule(
    ctx: typer.Context,
    ref: VisitArg,
    at: Annotated[str, typer.Option("--at", help="New appointment time.")],
    reason: ReasonOption,
    engineer: Annotated[str | None, typer.Option("--engineer", help="Another engineer.")] = None,
    minutes: MinutesOption = None,
    helper: HelperOption = None,
    force: ForceOption = False,
) -> None:
    """Re-book a scheduled or missed visit at a new time (the clash check runs again);
    --helper replaces the team.

    Example: shouhou visit reschedule VS2612-0001 --at "2026-12-04 14:00" --reason "客户要求改期"
    """
    from shouhou.services.visits.schedule import reschedule as do_reschedule

    app_ctx = ctx_of(ctx)
    appointment = app_ctx.parse_time(at, "at")
    with app_ctx.session(write=True) as s:
        visit, other = do_reschedule(
            s,
            app_ctx.stamp(),
            ref,
            appointment_at=appointment,
            reason=reason,
            zone=app_ctx.zone,
            engineer=engineer,
            expected_minutes=minutes,
            helpers=helper,
            force=force,
        )
        forced(app_ctx, other, visit)
        says(app_ctx, "msg.visit_rescheduled", visit)


@commands.command("book")
def book(
    ctx: typer.Context,
    ref: VisitArg,
    at: Annotated[str, typer.Option("--at", help="Appointment time agreed with the customer.")],
    engineer: Annotated[
        str | None,
        typer.Option("--engineer", help="Engineer booked (default: the one it is meant for)."),
    ] = None,
    minutes: MinutesOption = None,
    helper: HelperOption = None,
    force: ForceOption = False,
) -> None:
    """Book a due visit (a plan's inspection, a callback, the rest of a partial visit): time,
    engineer and team.

    Example: shouhou visit book VS2612-0007 --at "2026-12-05 10:00" --engineer 王工
    """
    from shouhou.services.visits.schedule import book as do_book

    app_ctx = ctx_of(ctx)
    appointment = app_ctx.parse_time(at, "at")
    with app_ctx.session(write=True) as s:
        visit, other = do_book(
            s,
            app_ctx.stamp(),
            ref,
            appointment_at=appointment,
            zone=app_ctx.zone,
            engineer=engineer,
            helpers=helper,
            expected_minutes=minutes,
            force=force,
        )
        forced(app_ctx, other, visit)
        says(app_ctx, "msg.visit_booked", visit)


@commands.command("missed")
def missed(ctx: typer.Context, ref: VisitArg, reason: ReasonOption) -> None:
    """Record that a booked visit did not take place (re-book it with reschedule).

    Example: shouhou visit missed VS2612-0001 --reason "客户不在现场"
    """
    from shouhou.services.visits.lifecycle import missed as do_missed

    with writing(ctx) as (app_ctx, s, stamp):
        visit = do_missed(s, stamp, ref, reason=reason)
        says(app_ctx, "msg.visit_missed", visit)


@commands.command("cancel")
def cancel(ctx: typer.Context, ref: VisitArg, reason: ReasonOption) -> None:
    """Cancel a visit that has not started.

    Example: shouhou visit cancel VS2612-0001 --reason "电话指导已解决"
    """
    from shouhou.services.visits.lifecycle import cancel as do_cancel

    with writing(ctx) as (app_ctx, s, stamp):
        visit = do_cancel(s, stamp, ref, reason=reason)
        says(app_ctx, "msg.visit_cancelled", visit)
