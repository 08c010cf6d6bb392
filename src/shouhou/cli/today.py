"""``shouhou today``: the morning agenda 今日待办 — one screen of the day's work across
tickets, visits, callbacks, inspections and spare units (CLI.md, issue 11)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer

from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, emit_list, emit_record, message, stdout_is_tty

app = typer.Typer(add_completion=False)


class AgendaFormat(StrEnum):
    table = "table"
    json = "json"


def _text(key: str, header: str, kind: str = "text", prefix: str = "") -> Column:
    """A column showing a display string prepared in ``row["_" + key]`` (see :func:`_shown`)."""
    return Column(key, header, kind, prefix, getter=lambda row: row.get("_" + key, ""))


# What a terminal shows of each section; a section without an entry shows its rows' keys.
COLUMNS: dict[str, tuple[Column, ...]] = {
    "tickets": (
        Column("number", "col.number"),
        Column("severity", "col.severity", "enum", "severity."),
        Column("customer_name", "col.customer"),
        Column("assignee", "col.assignee"),
        _text("due", "col.due"),
        _text("symptom", "col.symptom"),
    ),
    "visits_due": (
        _text("when", "today.col.when"),
        Column("number", "col.visit_number"),
        Column("kind", "col.visit_kind", "enum", "visit_kind."),
        _text("origin", "col.origin"),
        Column("customer_name", "col.customer"),
        _text("team", "col.engineer"),
        _text("state", "today.col.state"),
    ),
    "visits_today": (
        _text("who", "col.engineer"),
        _text("when", "today.col.when"),
        Column("number", "col.visit_number"),
        Column("kind", "col.visit_kind", "enum", "visit_kind."),
        Column("status", "col.status", "enum", "visit_status."),
        Column("customer_name", "col.customer"),
        Column("customer_address", "col.address"),
        _text("team", "today.col.with"),
    ),
    "loans": (
        Column("ticket", "col.ticket"),
        Column("unit_serial", "col.serial"),
        _text("lent_at", "col.lent_at"),
        _text("out", "today.col.out"),
        Column("customer_name", "col.customer"),
        Column("assignee", "col.assignee"),
    ),
    "low_stock": (
        Column("number", "col.part_number"),
        Column("name", "col.part_name"),
        Column("on_hand", "col.on_hand"),
        Column("safety", "col.safety_stock"),
        Column("order", "col.order_quantity"),
        Column("supplier", "col.supplier"),
    ),
    "stocktake": (
        Column("number", "col.stocktake_number"),
        Column("started_at", "col.stocktake_started_at", "time"),
        Column("started_by", "col.stocktake_started_by"),
        Column(
            "counted",
            "col.stocktake_counted_parts",
            getter=lambda row: f"{row['counted']}/{row['parts']}",
        ),
        Column("note", "col.stocktake_note"),
    ),
    "surveys": (
        _text("taken_at", "col.survey_taken_at"),
        Column("customer_name", "col.customer"),
        Column("ticket", "col.ticket"),
        _text("low", "today.col.low"),
        Column("callback", "col.survey_follow_up"),
        _text("due_at", "col.visit_due_at"),
        _text("state", "today.col.state"),
    ),
    "complaints": (
        Column("number", "col.complaint_number"),
        Column("grade", "col.complaint_grade", "enum", "complaint_grade."),
        Column("customer_name", "col.customer"),
        Column("received_by", "col.complaint_received_by"),
        Column("manager", "col.complaint_manager"),
        _text("due", "col.due"),
        _text("text", "col.complaint_text"),
    ),
}


@app.command("today")
def today(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 3 when anything is late (for cron).")
    ] = False,
    engineer: Annotated[
        str | None,
        typer.Option(
            "--engineer",
            help="Only this person: tickets assigned to them, their visits (lead or helper), "
            "loans of their tickets.",
        ),
    ] = None,
    fmt: Annotated[
        AgendaFormat, typer.Option("--format", "-f", help="Output format: table or json.")
    ] = AgendaFormat.table,
) -> None:
    """The morning agenda on one screen: tickets late or due today, callbacks and inspections
    due, booked visits nobody arrived at, today's visits per engineer, spare units out too long.

    Due visits the rules call for (inspection plans, key customers' callbacks) are created
    first, each once: running it again changes nothing. With --check it exits 3 when anything
    is late (for cron), after printing.

    Example: shouhou today --engineer 王工
    """
    from shouhou.services.agenda.today import agenda
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True, check_actor=False) as s:
        result = agenda(
            s,
            app_ctx.system_stamp(),
            now=app_ctx.now,
            today=app_ctx.today,
            zone=app_ctx.zone,
            rules=load_rules(s, zone=app_ctx.zone),
            engineer=engineer,
        )
    view = result.view()
    if fmt is AgendaFormat.json:
        emit_record(app_ctx, view, [], "json")
    else:
        _screen(app_ctx, view)
    if check and view["late"]:
        raise typer.Exit(3)


# -- the screen ------------------------------------------------------------------------------


def _screen(app_ctx: AppContext, view: dict[str, Any]) -> None:
    """A heading, then per section a titled table with its counts (an empty one: one line)."""
    t = app_ctx.t
    now = app_ctx.now.astimezone(app_ctx.display_zone)
    who = t("today.for", name=view["engineer"]) if view["engineer"] else ""
    key = "today.heading" if view["late"] else "today.heading_ok"
    message(
        t(key, day=now.strftime("%Y-%m-%d"), time=now.strftime("%H:%M"), who=who, late=view["late"])
    )
    if view["created"]:
        message(t("today.created", count=view["created"]))
    if all(not section["rows"] for section in view["sections"].values()):
        message(t("today.nothing"))
        return
    day = now.date()
    tty = stdout_is_tty()
    for name, section in view["sections"].items():
        info = {k: v for k, v in section.items() if k not in ("rows", "groups")}
        title = t(f"section.today_{name}", **info)
        if not section["rows"]:
            message(f"\n{title}: {t('none')}" if not tty else f"{title}: {t('none')}")
            continue
        count = section["count"]
        counts = (
            t("today.count", count=count, late=section["late"])
            if section["late"]
            else t("today.count_only", count=count)
        )
        heading = f"{title} ({counts})"
        rows = _rows(app_ctx, name, section, day)
        columns = COLUMNS.get(name) or tuple(
            Column(k, k) for k, v in section["rows"][0].items() if not isinstance(v, dict | list)
        )
        if tty:
            emit_list(app_ctx, columns, rows, "table", title=heading)
        else:
            message(f"\n== {heading} ==")
            emit_list(app_ctx, columns, rows, "table")


def _rows(
    app_ctx: AppContext, name: str, section: dict[str, Any], day: date
) -> list[dict[str, Any]]:
    """The section's rows with their display strings (``_due``, ``_when``, …); today's visits
    once per engineer of each team, in groups, the name on the group's first row."""
    rows: list[dict[str, Any]] = [dict(row) for row in section["rows"]]
    for row in rows:
        _shown(app_ctx, name, row, day)
    if name != "visits_today" or not section.get("groups"):
        return rows
    by_number = {row["number"]: row for row in rows}
    grouped = []
    for engineer, numbers in section["groups"].items():
        for index, number in enumerate(numbers):
            row = dict(by_number[number])
            row["_who"] = engineer if index == 0 else ""
            others = [n for n in (row["engineer"], *row["helpers"]) if n and n != engineer]
            row["_team"] = ", ".join(others)
            grouped.append(row)
    return grouped


def _shown(app_ctx: AppContext, name: str, row: dict[str, Any], day: date) -> None:
    t = app_ctx.t
    if name == "tickets":
        milestone = t(f"milestone.{row['milestone']}") if row.get("milestone") else ""
        if row["late"]:
            due = t("due.late", milestone=milestone, span=_span(app_ctx, row["late_minutes"]))
        else:
            due = t("due.left", milestone=milestone, span=_span(app_ctx, row["minutes_left"]))
        row["_due"] = f"{due} ({_short(app_ctx, row['due_at'], day)})"
        if row.get("spare_unit_due"):  # DOMAIN §2: critical, not fixed in 4 h
            row["_due"] += " · " + t("sla.spare_unit.mark")
        row["_symptom"] = _cut(row.get("symptom") or "", 20)
    elif name in ("visits_due", "visits_today"):
        row["_when"] = _short(app_ctx, row.get("when") or row.get("scheduled_at"), day)
        row["_team"] = ", ".join(n for n in (row.get("engineer"), *row.get("helpers", ())) if n)
        if row.get("reason") == "no_arrival":
            row["_origin"] = t("today.reason_no_arrival")
            row["_state"] = t("today.no_arrival", span=_span(app_ctx, row["late_minutes"]))
        else:
            origin = row.get("origin")
            row["_origin"] = t(f"visit_origin.{origin}") if origin else ""
            if row.get("late"):
                row["_state"] = t("today.visit_late", span=_span(app_ctx, row["late_minutes"]))
            else:
                row["_state"] = t("today.visit_due")
    elif name == "loans":
        row["_lent_at"] = _short(app_ctx, row["lent_at"], day)
        row["_out"] = t("today.days", days=row["days_out"])
    elif name == "surveys":
        row["_taken_at"] = _short(app_ctx, row["taken_at"], day)
        row["_low"] = " ".join(f"{t(f'survey_short.{k}')} {v}" for k, v in row["low"].items())
        row["_due_at"] = _short(app_ctx, row["scheduled_at"] or row["due_at"], day)
        state = t(f"visit_status.{row['callback_status']}")
        row["_state"] = state + (" · " + t("visit_status.overdue") if row["late"] else "")
    elif name == "complaints":
        deadline = t(f"complaint.deadline.{row['deadline']}") if row.get("deadline") else ""
        if row["late"]:
            due = t("due.late", milestone=deadline, span=_span(app_ctx, row["late_minutes"]))
        else:
            due = t("due.left", milestone=deadline, span=_span(app_ctx, row["minutes_left"]))
        row["_due"] = f"{due} ({_short(app_ctx, row['due_at'], day)})"
        row["_text"] = _cut(row.get("text") or "", 20)


def _short(app_ctx: AppContext, iso: str | None, day: date) -> str:
    """Local and short: ``16:00`` today, ``11-22 18:00`` another day of this year."""
    if not iso:
        return ""
    local = datetime.fromisoformat(iso).astimezone(app_ctx.display_zone)
    if local.date() == day:
        return local.strftime("%H:%M")
    return local.strftime("%m-%d %H:%M" if local.year == day.year else "%Y-%m-%d %H:%M")


def _span(app_ctx: AppContext, minutes: int | None) -> str:
    days, rest = divmod(max(0, minutes or 0), 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return app_ctx.t("span.dh", d=days, h=hours)
    if hours:
        return app_ctx.t("span.hm", h=hours, m=mins)
    return app_ctx.t("span.m", m=mins)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
