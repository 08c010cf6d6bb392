"""``visit list|due|show``: visits by day, engineer and state; what is due or overdue; one
visit with its trail."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from shouhou.cli.choices import choice_option
from shouhou.cli.common import TIMELINE_COLUMNS, FormatOption, LimitOption
from shouhou.cli.context import ctx_of
from shouhou.cli.output import Section, emit_list, emit_record, message
from shouhou.cli.visit.common import (
    COLUMNS,
    DUE_COLUMNS,
    VisitArg,
    grace,
)
from shouhou.enums import ListFormat
from shouhou.vocabulary import VISIT_STATUS

if TYPE_CHECKING:
    pass

commands = typer.Typer()


@commands.command("list")
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
            grace=grace(s, app_ctx),
        )
        emit_list(app_ctx, COLUMNS, rows, fmt.value)


@commands.command("due")
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
                grace=grace(s, app_ctx),
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


@commands.command("show")
def show(ctx: typer.Context, ref: VisitArg, fmt: FormatOption = ListFormat.table) -> None:
    """Show a visit: booking, arrival and whether on time, work done, audit trail.

    Example: shouhou visit show VS2612-0001
    """
    from shouhou.cli.output import human_value
    from shouhou.services.visits.records import visit_detail

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = visit_detail(s, ref, now=app_ctx.now, grace=grace(s, app_ctx))
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
