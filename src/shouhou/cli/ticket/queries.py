"""``ticket list``, ``ticket show``, ``ticket overdue``: the read side, most urgent first."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from shouhou.cli.choices import SEVERITY, STATUS, choice_option
from shouhou.cli.common import TIMELINE_COLUMNS, CustomerFilter, FormatOption, LimitOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import (
    Column,
    Section,
    emit_list,
    emit_record,
    human_value,
    stdout_is_tty,
    warn,
)
from shouhou.cli.ticket.common import (
    CHARGE_COLUMNS,
    LIST_COLUMNS,
    LOAN_COLUMNS,
    MILESTONE_COLUMNS,
    OVERDUE_COLUMNS,
    URGENCY_COLUMNS,
    TicketArg,
    app,
)
from shouhou.enums import ListFormat
from shouhou.errors import UsageError

# Rows a ``ticket list`` table shows on a terminal unless --limit or --all (ROADMAP: on a
# terminal every list shows a page and says how many more; pipes and --format keep the stream).
PAGE = 100


def _due_text(app_ctx: AppContext, view: dict[str, Any]) -> str:
    t = app_ctx.t
    if view["waiting"]:
        return t("due.paused")
    minutes = view.get("minutes_left")
    if view.get("next_due") is None or minutes is None:
        return t("due.overdue_done") if view["overdue"] else ""
    label = t(f"milestone.{view['next_due']}")
    span = _span(app_ctx, abs(minutes))
    if minutes < 0:
        return t("due.late", milestone=label, span=span)
    return t("due.left", milestone=label, span=span)


def _with_spare_unit(app_ctx: AppContext, view: dict[str, Any], text: str) -> str:
    """DOMAIN §2: a critical ticket not resolved within its 4 h prompts a spare unit 备用机."""
    if not view.get("spare_unit_due"):
        return text
    mark = app_ctx.t("sla.spare_unit.mark")
    return f"{text} · {mark}" if text else mark


def _span(app_ctx: AppContext, minutes: int) -> str:
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return app_ctx.t("span.dh", d=days, h=hours)
    if hours:
        return app_ctx.t("span.hm", h=hours, m=mins)
    return app_ctx.t("span.m", m=mins)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        choice_option(
            STATUS,
            "--status",
            help="Status filter, repeatable; 'all' for every status.",
            extra=("all",),
        ),
    ] = None,
    severity: Annotated[
        str | None, choice_option(SEVERITY, "--severity", help="Only this severity.")
    ] = None,
    assignee: Annotated[str | None, typer.Option(help="Only this engineer.")] = None,
    customer: CustomerFilter = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Past any deadline.")] = False,
    due_today: Annotated[bool, typer.Option("--due-today", help="A deadline falls today.")] = False,
    in_warranty: Annotated[
        bool | None,
        typer.Option("--in-warranty/--out-of-warranty", help="Warranty verdict at intake."),
    ] = None,
    waiting: Annotated[bool, typer.Option("--waiting", help="Paused, waiting.")] = False,
    repeat: Annotated[bool, typer.Option("--repeat", help="Repeat repairs / 三包.")] = False,
    since: Annotated[str | None, typer.Option(help="Received at or after.")] = None,
    until: Annotated[str | None, typer.Option(help="Received before.")] = None,
    sort: Annotated[str, typer.Option(help="urgency | number | received | newest")] = "urgency",
    limit: LimitOption = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help=f"Every matching row (on a terminal a table shows {PAGE} by default)."
        ),
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List tickets, most urgent first (open tickets unless --status is given).

    On a terminal a table shows the first 100 (and says on stderr how many more match);
    --limit N or --all for more. A pipe, JSON and CSV get every match unless --limit is given.

    Example: shouhou ticket list --overdue --severity 1
    """
    from shouhou.services.customers.customers import customer_id_of
    from shouhou.services.tickets.queries import OPEN_STATES, count_matching, list_views
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    if sort not in ("urgency", "number", "received", "newest"):
        raise UsageError(
            "err.bad_choice", field="sort", value=sort, accepted="urgency|number|received|newest"
        )
    statuses = _statuses(status)
    paged = limit is None and not every and fmt is ListFormat.table and stdout_is_tty()
    page = PAGE if paged else None
    with app_ctx.session() as s:
        rules = load_rules(s, zone=app_ctx.zone)
        filters: dict[str, Any] = {
            "statuses": OPEN_STATES if statuses is None else statuses,
            "overdue": overdue,
            "due_today": due_today,
            "severity": severity,
            "assignee": assignee,
            "customer_id": customer_id_of(s, customer),
            "in_warranty": in_warranty,
            "waiting": waiting,
            "repeat": repeat,
            "since": app_ctx.parse_time(since, "since") if since else None,
            "until": app_ctx.parse_time(until, "until") if until else None,
        }
        views = list_views(
            s,
            rules,
            app_ctx.now,
            limit=page + 1 if page is not None else limit,
            sort=sort,
            brief=fmt is ListFormat.table,  # a table shows a few columns: build only those
            **filters,
        )
        more = 0
        if page is not None and len(views) > page:
            views = views[:page]
            more = count_matching(s, rules, app_ctx.now, **filters) - page
    if fmt is ListFormat.table:
        for view in views:
            view["_due"] = _with_spare_unit(app_ctx, view, _due_text(app_ctx, view))
    emit_list(app_ctx, LIST_COLUMNS, views, fmt.value)
    if more:
        warn(app_ctx.t("sla.more_rows", shown=page, more=more))


def _statuses(values: list[str] | None) -> list[str] | None:
    from shouhou.enums import TicketStatus

    if not values:
        return None
    if "all" in values:
        return []
    allowed = [s.value for s in TicketStatus]
    for value in values:
        if value not in allowed:
            raise UsageError(
                "err.bad_choice", field="status", value=value, accepted="|".join([*allowed, "all"])
            )
    return values


@app.command("show")
def show(ctx: typer.Context, ref: TicketArg, fmt: FormatOption = ListFormat.table) -> None:
    """Show a ticket: details, deadlines, urgency score, charges, loans and timeline.

    Example: shouhou ticket show SH2611-0042
    """
    from shouhou.services.parts.cores import ticket_cores
    from shouhou.services.tickets.queries import detail
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        rules = load_rules(s, zone=app_ctx.zone)
        view = detail(s, ref, rules, app_ctx.now)
        # Issue 12.6: old parts 旧件 owed back; a warranty claim waits for them.
        view.update(ticket_cores(s, view["id"], now=app_ctx.now, zone=app_ctx.zone))
    view["rule_based_years"] = _rule_based_years(rules, view)
    t = app_ctx.t
    yes_no = {True: t("yes"), False: t("no"), None: ""}
    pairs = [
        ("col.number", view["number"]),
        (
            "col.status",
            t(f"status.{view['status']}")
            + (f" ({t('due.paused')}: {view['wait_reason']})" if view["waiting"] else ""),
        ),
        ("col.severity", t(f"severity.{view['severity']}")),
        ("col.channel", t(f"channel.{view['channel']}")),
        ("col.mode", t(f"mode.{view['mode']}") if view["mode"] else ""),
        ("col.customer", f"{view['customer_name']} (#{view['customer_id']})"),
        ("col.device", view["device_serial"] or ""),
        ("col.contact", " ".join(x for x in (view["contact"], view["phone"]) if x)),
        ("col.symptom", view["symptom"]),
        ("col.request", view["request"] or ""),
        ("col.category", view["category"] or ""),
        (
            "col.received_at",
            f"{human_value(app_ctx, 'time', view['received_at'])} ({view['received_by']})",
        ),
        ("col.assignee", view["assignee"] or ""),
        ("col.warranty", t(f"warranty.{view['warranty_state']}") if view["warranty_state"] else ""),
        (
            "col.component",
            t("component.unit") if view["component"] == "unit" else view["component"] or "",
        ),
        ("col.fault_date", view["fault_date"]),
        ("col.cause", t(f"cause.{view['cause']}") if view["cause"] else ""),
        ("col.finding", view["finding"] or ""),
        ("col.work_done", view["action"] or ""),
        ("col.chargeable", yes_no[view["chargeable"]]),
        (
            "col.total",
            f"{view['charges']['total']} ({t('col.payable')} {view['charges']['payable']})",
        ),
        ("col.approved_by", view["approved_by"] or ""),
        ("col.escalation", t(f"escalation.{view['escalation_level']}")),
        ("col.repair_count", str(view["repair_count"])),
        ("col.urgency", str(view["urgency"])),
    ]
    if view["spare_unit_due"]:
        pairs.append(("sla.col.spare_unit", t("sla.spare_unit.line", number=view["number"])))
    if view["old_parts_pending"]:
        blocked = "core.claim_blocked" if view["claim_blocked"] else "core.not_returned"
        pairs.append(("col.old_parts", t(blocked, parts=", ".join(view["old_parts_pending"]))))
    if view["rule_based_years"]:  # issue 9.6: no official holiday schedule for that year yet
        years = ", ".join(map(str, view["rule_based_years"]))
        pairs.append(("col.calendar_notice", t("calendar.rule_based", years=years)))
    sections = [
        Section("section.ticket", pairs=pairs),
        Section("section.deadlines", columns=MILESTONE_COLUMNS, records=view["milestones"]),
        Section("section.urgency", columns=URGENCY_COLUMNS, records=view["urgency_parts"]),
        Section("section.charges", columns=CHARGE_COLUMNS, records=view["charge_lines"]),
        Section("section.loans", columns=LOAN_COLUMNS, records=view["loans"]),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    if view["old_parts"]:
        sections.insert(
            -1, Section("section.old_parts", columns=_OLD_PARTS, records=view["old_parts"])
        )
    emit_record(app_ctx, view, sections, fmt.value)


_OLD_PARTS = (
    Column("id", "col.core_id"),
    Column("number", "col.core_part"),
    Column("name", "col.core_name"),
    Column("quantity", "col.quantity"),
    Column("issued_at", "col.core_issued_at", "time"),
    Column("age_days", "col.core_age"),
    Column("returned_at", "col.core_returned_at", "time"),
    Column("returned_by", "col.core_returned_by"),
)


def _rule_based_years(rules: Any, view: dict[str, Any]) -> list[int]:
    """Years of the deadlines counted on a calendar whose holidays are computed by rule."""
    from datetime import datetime

    if rules.policies[view["severity"]].around_the_clock:  # 24×7: no calendar involved
        return []
    keys = ("reply_due_at", "onsite_due_at", "resolve_due_at")
    due = [datetime.fromisoformat(view[k]) for k in keys if view.get(k)]
    years: list[int] = rules.calendar.rule_based_years(due)
    return years


@app.command("overdue")
def overdue(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 3 when anything is overdue.")
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List open tickets past any deadline, with how late and the escalation level.

    Example: shouhou ticket overdue --check   # exit 3 for a cron alert
    """
    from shouhou.services.tickets.queries import overdue_views
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        views = overdue_views(s, load_rules(s, zone=app_ctx.zone), app_ctx.now)
    if fmt is ListFormat.table:  # a display string: not part of the JSON/CSV shape
        for view in views:
            names = ", ".join(app_ctx.t(f"milestone.{m}") for m in view["late_milestones"])
            view["_late"] = f"{_span(app_ctx, view['late_minutes'])} ({names})"
    emit_list(app_ctx, OVERDUE_COLUMNS, views, fmt.value)
    if fmt is ListFormat.table:
        for view in views:
            if view["spare_unit_due"]:
                warn(app_ctx.t("sla.spare_unit.warning", number=view["number"]))
    if check and views:
        raise typer.Exit(3)
