"""``shouhou visit``: site visits 上门服务 — book, start (arrival), done, re-book, missed,
cancelled, list and show (CLI.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.choices import choice_option
from shouhou.cli.common import TIMELINE_COLUMNS, FormatOption, LimitOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, message, warn
from shouhou.enums import ListFormat
from shouhou.errors import UsageError
from shouhou.vocabulary import VISIT_KIND, VISIT_STATUS

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Visit
    from shouhou.services.audit import Stamp

app = typer.Typer(
    help="Site visits 上门服务: book engineers, arrival on time, work done.",
    no_args_is_help=True,
)

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


def _forced(app_ctx: AppContext, other: Visit | None, visit: Visit) -> None:
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


@app.command("schedule")
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
        _forced(app_ctx, other, visit)
        says(app_ctx, "msg.visit_scheduled", visit)


@app.command("start")
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


@app.command("reschedule")
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
        _forced(app_ctx, other, visit)
        says(app_ctx, "msg.visit_rescheduled", visit)


@app.command("book")
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
        _forced(app_ctx, other, visit)
        says(app_ctx, "msg.visit_booked", visit)


@app.command("missed")
def missed(ctx: typer.Context, ref: VisitArg, reason: ReasonOption) -> None:
    """Record that a booked visit did not take place (re-book it with reschedule).

    Example: shouhou visit missed VS2612-0001 --reason "客户不在现场"
    """
    from shouhou.services.visits.lifecycle import missed as do_missed

    with writing(ctx) as (app_ctx, s, stamp):
        visit = do_missed(s, stamp, ref, reason=reason)
        says(app_ctx, "msg.visit_missed", visit)


@app.command("cancel")
def cancel(ctx: typer.Context, ref: VisitArg, reason: ReasonOption) -> None:
    """Cancel a visit that has not started.

    Example: shouhou visit cancel VS2612-0001 --reason "电话指导已解决"
    """
    from shouhou.services.visits.lifecycle import cancel as do_cancel

    with writing(ctx) as (app_ctx, s, stamp):
        visit = do_cancel(s, stamp, ref, reason=reason)
        says(app_ctx, "msg.visit_cancelled", visit)


@app.command("list")
def list_(
    ctx: typer.Context,
    day: Annotated[
        str | None,
        typer.Option("--day", "--date", help="Only appointments on this day, e.g. today."),
    ] = None,
    engineer: Annotated[str | None, typer.Option("--engineer", help="Only this engineer.")] = None,
    status: Annotated[
        str | None, choice_option(VISIT_STATUS, "--status", help="Only visits in this state.")
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List visits by appointment time.

    Example: shouhou visit list --day today --engineer 王工
    """
    from datetime import datetime, timedelta

    from shouhou.services.visits.records import iter_visit_views
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    since = until = None
    if day is not None:
        on = parse_date(day, field="day", today=app_ctx.today)
        since = datetime.combine(on, datetime.min.time(), tzinfo=app_ctx.zone)
        until = since + timedelta(days=1)
    with app_ctx.session() as s:
        rows = iter_visit_views(
            s,
            since=since,
            until=until,
            engineer=engineer,
            status=status,
            limit=limit,
            now=app_ctx.now,
            grace=_grace(s, app_ctx),
        )
        emit_list(app_ctx, COLUMNS, rows, fmt.value)


def _grace(s: Session, app_ctx: AppContext) -> timedelta:
    from shouhou.services.tickets.sla import load_rules
    from shouhou.services.visits.lifecycle import grace_of

    return grace_of(load_rules(s, zone=app_ctx.zone))


@app.command("due")
def due(
    ctx: typer.Context,
    days: Annotated[
        int,
        typer.Option("--days", min=0, max=366, help="Also what falls due in the next N days."),
    ] = 0,
    engineer: Annotated[
        str | None, typer.Option("--engineer", help="Only visits of this engineer.")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 3 when anything is listed (for cron).")
    ] = False,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """What is due: callbacks, inspections and the rest of partial visits due by the end of
    today (or --days later), and booked visits whose time passed without an arrival.

    Example: shouhou visit due --days 7 --check
    """
    from shouhou.services.visits.due import due_views
    from shouhou.services.visits.upkeep import refresh
    from shouhou.timeutil import day_start

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True, check_actor=False) as s:
        refresh(s, app_ctx.system_stamp(), today=app_ctx.today, zone=app_ctx.zone)
        rows = list(
            due_views(
                s,
                now=app_ctx.now,
                until=day_start(app_ctx.today + timedelta(days=days + 1), app_ctx.zone),
                grace=_grace(s, app_ctx),
                engineer=engineer,
                limit=limit,
            )
        )
    if rows or fmt is not ListFormat.table:
        emit_list(app_ctx, DUE_COLUMNS, rows, fmt.value)
    else:
        message(app_ctx.t("msg.visit_nothing_due"))
    if check and rows:
        raise typer.Exit(3)


@app.command("show")
def show(ctx: typer.Context, ref: VisitArg, fmt: FormatOption = ListFormat.table) -> None:
    """Show a visit: booking, arrival and whether on time, work done, audit trail.

    Example: shouhou visit show VS2612-0001
    """
    from shouhou.cli.output import human_value
    from shouhou.services.visits.records import visit_detail

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = visit_detail(s, ref, now=app_ctx.now, grace=_grace(s, app_ctx))
    t = app_ctx.t

    def when(key: str) -> str:
        return human_value(app_ctx, "time", view[key])

    overdue = " (" + t("visit_status.overdue") + ")" if view["overdue"] else ""
    on_time = "" if view["on_time"] is None else human_value(app_ctx, "bool", view["on_time"])
    if view["late_minutes"]:
        on_time += " (" + t("visit.late", minutes=view["late_minutes"]) + ")"
    appointment = (
        f"{when('scheduled_at')} ({view['expected_minutes']} min)" if view["scheduled_at"] else ""
    )
    pairs = [
        ("col.visit_number", view["number"]),
        ("col.visit_kind", t(f"visit_kind.{view['kind']}")),
        ("col.status", t(f"visit_status.{view['status']}") + overdue),
        ("col.ticket", view["ticket"] or ""),
        ("col.customer", f"{view['customer_name']} (#{view['customer_id']})"),
        ("col.device", view["device_serial"] or ""),
        ("col.engineer", view["engineer"] or ""),
        ("col.helpers", ", ".join(view["helpers"])),
        ("col.origin", t(f"visit_origin.{view['origin']}") if view["origin"] else ""),
        ("col.visit_due_at", when("due_at")),
        ("col.appointment", appointment),
        ("col.arrived_at", when("arrived_at")),
        ("col.on_time", on_time),
        ("col.finished_at", when("done_at")),
        ("col.work_done", view["work_done"] or ""),
        ("col.left_over", view["left_over"] or ""),
        ("col.follow_up", view["follow_up"] or ""),
        ("col.follows", view["follows"] or ""),
        ("col.outcome", t(f"visit_outcome.{view['outcome']}") if view["outcome"] else ""),
        ("col.signed_by", view["signed_by"] or ""),
        ("col.rating", str(view["rating"] or "")),
        ("col.reschedules", str(view["reschedule_count"])),
        ("col.reason", view["end_reason"] or view["reschedule_reason"] or ""),
    ]
    sections = [
        Section("section.visit", pairs=pairs),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    emit_record(app_ctx, view, sections, fmt.value)


from shouhou.cli import visit_done  # noqa: E402,F401  (registers `visit done`)
from shouhou.cli.visit_plan import checklist_app, plan_app  # noqa: E402

app.add_typer(plan_app, name="plan")
app.add_typer(checklist_app, name="checklist")
from shouhou.cli.visit_docs import commands as _documents  # noqa: E402  (sheet, route)

app.registered_commands += _documents.registered_commands
