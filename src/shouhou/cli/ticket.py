"""``shouhou ticket``: service requests 报修/工单 from intake to close."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.common import TIMELINE_COLUMNS, FormatOption, LimitOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, human_value, message, warn
from shouhou.enums import Cause, Channel, DocFormat, ListFormat, ReturnKind, Severity, SupportMode
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
    Column("symptom", "col.symptom", getter=lambda r: _short(r.get("symptom"), 24)),
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
    Column("description", "col.description"),
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


def _short(text: str | None, width: int) -> str:
    if not text:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"


@contextmanager
def _acting(
    ctx: typer.Context, at: str | None = None
) -> Iterator[tuple[AppContext, Session, Rules, Stamp]]:
    """One write transaction with the ticket rules loaded and the acting stamp."""
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    moment = app_ctx.parse_time(at, "at")
    if moment > app_ctx.now:
        raise UsageError("err.future_event", field="at", value=at)
    stamp = app_ctx.stamp(moment)
    with app_ctx.session(write=True) as s:
        yield app_ctx, s, load_rules(s, zone=app_ctx.zone), stamp


def _done(app_ctx: AppContext, key: str, ticket: Any, **fields: Any) -> None:
    message(
        app_ctx.t(key, number=ticket.number, status=app_ctx.t(f"status.{ticket.status}"), **fields)
    )


# --- intake ---------------------------------------------------------------------------------


@dataclass
class IntakeInput:
    customer_id: int | None
    new_customer: dict[str, Any] | None
    device_id: int | None
    severity: str
    symptom: str
    channel: str


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(app_ctx: AppContext, field: str, key: str, default: str | None = None) -> str:
    if not _interactive():
        raise UsageError("err.not_tty", field=field)
    value: str = typer.prompt(app_ctx.t(key), default=default)
    return value.strip()


def _gather(
    app_ctx: AppContext,
    *,
    customer: str | None,
    device: str | None,
    phone: str | None,
    severity: str | None,
    symptom: str | None,
    channel: str,
    create_customer: bool,
) -> IntakeInput:
    """Find the customer and device, prompting on a terminal for what is missing.

    Runs before the write transaction so a clerk typing never holds the database lock.
    """
    from shouhou.errors import NotFound
    from shouhou.services.customers.customers import find_customers, resolve_customer
    from shouhou.services.customers.devices import get_device

    customer_id = None
    new_customer = None
    device_id = None
    with app_ctx.session(create=True) as s:
        if device is None and customer is None and phone is None and _interactive():
            # The serial is optional; without a terminal the customer is what is missing.
            device = _ask(app_ctx, "device", "prompt.device", default="") or None
        if device:
            found_device = get_device(s, device)
            device_id = found_device.id
            customer_id = found_device.customer_id
        if customer_id is None:
            ref = customer or phone
            if ref is None:
                ref = _ask(app_ctx, "customer", "prompt.customer")
            try:
                customer_id = resolve_customer(s, ref).id
            except NotFound:
                if not create_customer and not (
                    _interactive()
                    and typer.confirm(app_ctx.t("prompt.create_customer", name=ref), default=True)
                ):
                    raise
                new_customer = _new_customer_fields(app_ctx, ref, phone, find_customers)
        elif customer is not None:
            named = resolve_customer(s, customer)
            if named.id != customer_id:
                from shouhou.errors import DomainError

                raise DomainError("err.device_other_customer", serial=device, customer=named.name)
    if severity is None:
        severity = _ask(app_ctx, "severity", "prompt.severity", default="3")
    if severity not in {s.value for s in Severity}:
        raise UsageError("err.bad_choice", field="severity", value=severity, accepted="1|2|3")
    if not symptom:
        symptom = _ask(app_ctx, "symptom", "prompt.symptom")
    return IntakeInput(customer_id, new_customer, device_id, severity, symptom, channel)


def _new_customer_fields(
    app_ctx: AppContext, ref: str, phone: str | None, _finder: Callable[..., Any]
) -> dict[str, Any]:
    looks_like_phone = ref.replace("-", "").replace(" ", "").isdigit()
    name = ref if not looks_like_phone else None
    if name is None:
        name = _ask(app_ctx, "customer", "prompt.customer_name")
    if phone is None and looks_like_phone:
        phone = ref
    if phone is None and _interactive():
        phone = _ask(app_ctx, "phone", "prompt.phone", default="") or None
    return {"name": name, "phone": phone}


@app.command("new")
def new(
    ctx: typer.Context,
    customer: Annotated[
        str | None, typer.Option(help="Customer id, name fragment or phone.")
    ] = None,
    device: Annotated[str | None, typer.Option(help="Device serial or id.")] = None,
    phone: Annotated[
        str | None, typer.Option(help="Caller's phone (also finds the customer).")
    ] = None,
    contact: Annotated[str | None, typer.Option(help="Caller's name.")] = None,
    channel: Annotated[Channel, typer.Option(help="How the request came in.")] = Channel.phone,
    severity: Annotated[
        Severity | None, typer.Option(help="1 critical 重大, 2 major 主要, 3 minor 次要.")
    ] = None,
    symptom: Annotated[str | None, typer.Option(help="Fault symptom 故障现象.")] = None,
    request: Annotated[str | None, typer.Option(help="What the customer asks for.")] = None,
    category: Annotated[str | None, typer.Option(help="Fault category, for repeat checks.")] = None,
    received_by: Annotated[str | None, typer.Option(help="Clerk who took the call.")] = None,
    external: Annotated[str | None, typer.Option("--external", help="Paper form number.")] = None,
    create_customer: Annotated[
        bool, typer.Option("--create-customer", help="Open a customer file if none matches.")
    ] = False,
    at: AtOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Receive a service request: prints the number, warranty verdict and deadlines.

    Prompts for missing fields on a terminal; without one, a missing field is exit 2.

    Example: shouhou ticket new --customer 天控 --device S1 --severity 2 --symptom "不制冷"
    """
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.tickets.intake import open_ticket
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    received_at = app_ctx.parse_time(at, "at")
    if received_at > app_ctx.now:
        raise UsageError("err.future_time", field="at", value=at)
    got = _gather(
        app_ctx,
        customer=customer,
        device=device,
        phone=phone,
        severity=severity.value if severity else None,
        symptom=symptom,
        channel=channel.value,
        create_customer=create_customer,
    )
    with app_ctx.session(write=True) as s:
        rules = load_rules(s, zone=app_ctx.zone)
        customer_id = got.customer_id
        if got.new_customer is not None:
            customer_id = add_customer(s, app_ctx.stamp(), **got.new_customer).id
        assert customer_id is not None
        result = open_ticket(
            s,
            app_ctx.stamp(),
            customer_id=customer_id,
            severity=got.severity,
            symptom=got.symptom,
            received_at=received_at,
            rules=rules,
            device_id=got.device_id,
            channel=got.channel,
            contact=contact,
            phone=phone,
            request=request,
            category=category,
            received_by=received_by,
            external_number=external,
        )
        summary = _intake_summary(app_ctx, result)
    if fmt is not ListFormat.table:
        emit_record(app_ctx, summary, [], fmt.value)
        return
    _print_intake(app_ctx, summary)


def _intake_summary(app_ctx: AppContext, result: Any) -> dict[str, Any]:
    from shouhou.timeutil import iso_utc
    from shouhou.views import warranty_view

    ticket = result.ticket
    summary: dict[str, Any] = {
        "id": ticket.id,
        "number": ticket.number,
        "status": ticket.status,
        "severity": ticket.severity,
        "channel": ticket.channel,
        "customer_id": result.customer.id,
        "customer_name": result.customer.name,
        "device_id": ticket.device_id,
        "device_serial": result.device.serial if result.device else None,
        "received_at": iso_utc(ticket.received_at),
        "in_warranty": ticket.in_warranty,
        "warranty_state": ticket.warranty_note,
        "warranty": warranty_view(result.verdict) if result.verdict else [],
        "contract_until": result.device.contract_until.isoformat()
        if result.device and result.device.contract_until
        else None,
        "reply_due_at": iso_utc(result.reply_due),
        "onsite_due_at": iso_utc(result.onsite_due),
        "resolve_due_at": iso_utc(result.resolve_due),
        "repeat": None,
    }
    if result.repeat is not None:
        summary["repeat"] = {
            "previous": result.repeat.previous_number,
            "repair_count": result.repeat.repair_count,
            "within_window": result.repeat.within_window,
            "replacement_due": result.repeat.replacement_due,
        }
    return summary


def _print_intake(app_ctx: AppContext, summary: dict[str, Any]) -> None:
    from shouhou.cli.device import warranty_lines

    t = app_ctx.t
    message(
        t(
            "msg.ticket_created",
            number=summary["number"],
            severity=t(f"severity.{summary['severity']}"),
            channel=t(f"channel.{summary['channel']}"),
        )
    )
    message(f"{t('col.customer')}: {summary['customer_name']} (#{summary['customer_id']})")
    if summary["device_serial"]:
        message(f"{t('col.device')}: {summary['device_serial']}")
        record = {"warranty": summary["warranty"], "contract_until": summary["contract_until"]}
        for label, text in warranty_lines(app_ctx, record, on=summary["received_at"][:10]):
            message(f"  {t('col.warranty')} {label}: {text}")
    else:
        message(t("msg.no_device_warranty"))
    for key, field in (
        ("due.reply", "reply_due_at"),
        ("due.onsite", "onsite_due_at"),
        ("due.resolve", "resolve_due_at"),
    ):
        message(f"{t(key)}: {human_value(app_ctx, 'time', summary[field])}")
    _warn_repeat(app_ctx, summary["repeat"])


def _warn_repeat(app_ctx: AppContext, repeat: dict[str, Any] | None) -> None:
    if not repeat:
        return
    t = app_ctx.t
    if repeat["within_window"]:
        warn(t("warn.repeat", previous=repeat["previous"], count=repeat["repair_count"]))
    if repeat["replacement_due"]:
        warn(t("warn.three_strikes", nth=_nth(app_ctx.lang, repeat["repair_count"])))


def _nth(lang: str, n: int) -> str:
    """3rd / 第 3 次 — the ordinal as each language writes it."""
    if lang == "zh":
        return f"第 {n} 次"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- read side ------------------------------------------------------------------------------


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
        list[str] | None, typer.Option(help="Status filter, repeatable; 'all' for every status.")
    ] = None,
    severity: Annotated[Severity | None, typer.Option(help="Only this severity.")] = None,
    assignee: Annotated[str | None, typer.Option(help="Only this engineer.")] = None,
    customer: Annotated[int | None, typer.Option(help="Only this customer id.")] = None,
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
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List tickets, most urgent first (open tickets unless --status is given).

    Example: shouhou ticket list --overdue --severity 1
    """
    from shouhou.services.tickets.queries import OPEN_STATES, list_views
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    if sort not in ("urgency", "number", "received", "newest"):
        raise UsageError(
            "err.bad_choice", field="sort", value=sort, accepted="urgency|number|received|newest"
        )
    statuses = _statuses(status)
    with app_ctx.session() as s:
        rules = load_rules(s, zone=app_ctx.zone)
        views = list_views(
            s,
            rules,
            app_ctx.now,
            statuses=OPEN_STATES if statuses is None else statuses,
            overdue=overdue,
            due_today=due_today,
            limit=limit,
            sort=sort,
            severity=severity.value if severity else None,
            assignee=assignee,
            customer_id=customer,
            in_warranty=in_warranty,
            waiting=waiting,
            repeat=repeat,
            since=app_ctx.parse_time(since, "since") if since else None,
            until=app_ctx.parse_time(until, "until") if until else None,
        )
    if fmt is ListFormat.table:
        for view in views:
            view["_due"] = _due_text(app_ctx, view)
    emit_list(app_ctx, LIST_COLUMNS, views, fmt.value)


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
    from shouhou.services.tickets.queries import detail
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = detail(s, ref, load_rules(s, zone=app_ctx.zone), app_ctx.now)
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
    sections = [
        Section("section.ticket", pairs=pairs),
        Section("section.deadlines", columns=MILESTONE_COLUMNS, records=view["milestones"]),
        Section("section.urgency", columns=URGENCY_COLUMNS, records=view["urgency_parts"]),
        Section("section.charges", columns=CHARGE_COLUMNS, records=view["charge_lines"]),
        Section("section.loans", columns=LOAN_COLUMNS, records=view["loans"]),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    emit_record(app_ctx, view, sections, fmt.value)


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
    if check and views:
        raise typer.Exit(3)


# --- transitions ----------------------------------------------------------------------------


@app.command("assign")
def assign(
    ctx: typer.Context,
    ref: TicketArg,
    engineer: Annotated[str, typer.Argument(help="Engineer's name.")],
) -> None:
    """Assign (or re-assign) the ticket to an engineer.

    Example: shouhou ticket assign SH2611-0042 王工
    """
    from shouhou.services.tickets.lifecycle import assign as do_assign

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_assign(s, stamp, ref, engineer, rules)
        _done(app_ctx, "msg.assigned", ticket, engineer=engineer)


@app.command("respond")
def respond(
    ctx: typer.Context,
    ref: TicketArg,
    note: Annotated[str | None, typer.Option(help="What was told.")] = None,
    at: AtOption = None,
) -> None:
    """Record the first reply to the customer (stops the reply clock).

    Example: shouhou ticket respond SH2611-0042 --note "已电话指导重启"
    """
    from shouhou.services.tickets.lifecycle import respond as do_respond

    with _acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_respond(s, stamp, ref, rules, note)
        _done(app_ctx, "msg.responded", ticket)


@app.command("mode")
def mode(
    ctx: typer.Context,
    ref: TicketArg,
    support: Annotated[SupportMode, typer.Argument(help="phone|remote|onsite|depot")],
) -> None:
    """Confirm the support mode (on-site starts the on-site deadline).

    Example: shouhou ticket mode SH2611-0042 onsite
    """
    from shouhou.services.tickets.lifecycle import set_mode

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = set_mode(s, stamp, ref, support.value, rules)
        _done(app_ctx, "msg.mode_set", ticket, mode=app_ctx.t(f"mode.{support.value}"))


@app.command("arrive")
def arrive(ctx: typer.Context, ref: TicketArg, at: AtOption = None) -> None:
    """Record arrival on site (stops the on-site clock).

    Example: shouhou ticket arrive SH2611-0042 --at "2026-11-23 15:10"
    """
    from shouhou.services.tickets.lifecycle import arrive as do_arrive

    with _acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_arrive(s, stamp, ref, rules)
        _done(app_ctx, "msg.arrived", ticket, at=app_ctx.local(stamp.at))


@app.command("diagnose")
def diagnose(
    ctx: typer.Context,
    ref: TicketArg,
    cause: Annotated[Cause, typer.Option(help="Cause of the fault (decides who pays).")],
    finding: Annotated[str, typer.Option(help="What was found 检测结果.")],
    category: Annotated[str | None, typer.Option(help="Fault category (repeat checks).")] = None,
) -> None:
    """Record diagnosis and cause; with the warranty verdict this decides free or chargeable.

    Example: shouhou ticket diagnose SH2611-0042 --cause quality --finding "排气阀片断裂"
    """
    from shouhou.services.tickets.lifecycle import diagnose as do_diagnose

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket, repeat = do_diagnose(
            s, stamp, ref, cause=cause.value, finding=finding, rules=rules, category=category
        )
        verdict = app_ctx.t("charge.chargeable" if ticket.chargeable else "charge.free")
        _done(
            app_ctx,
            "msg.diagnosed",
            ticket,
            cause=app_ctx.t(f"cause.{cause.value}"),
            verdict=verdict,
        )
        if repeat is not None:
            _warn_repeat(
                app_ctx,
                {
                    "previous": repeat.previous_number,
                    "repair_count": repeat.repair_count,
                    "within_window": repeat.within_window,
                    "replacement_due": repeat.replacement_due,
                },
            )


@app.command("charge")
def charge(
    ctx: typer.Context,
    ref: TicketArg,
    labor_hours: Annotated[str | None, typer.Option(help="Labour hours 工时.")] = None,
    rate: Annotated[
        str | None, typer.Option(help="Hourly rate (default: config labor.rate).")
    ] = None,
    travel: Annotated[str | None, typer.Option(help="Travel cost 差旅费.")] = None,
    part: Annotated[
        list[str] | None,
        typer.Option(
            help="Part line NAME:QTY:UNIT_PRICE, repeatable (replaces earlier part lines)."
        ),
    ] = None,
    waive: Annotated[
        bool, typer.Option("--waive", help="Free of charge (needs approval out of warranty).")
    ] = False,
) -> None:
    """Compute the repair bill: parts + labour hours × rate + travel.

    Example: shouhou ticket charge SH2611-0042 --labor-hours 3 --travel 200 --part 阀片:2:120
    """
    from shouhou.services.tickets.charges import (
        approval_needed,
        parse_hours,
        parse_part,
        payable,
        set_charges,
    )
    from shouhou.timeutil import parse_money

    hours = parse_hours(labor_hours) if labor_hours is not None else None
    the_rate = parse_money(rate, field="rate") if rate is not None else None
    the_travel = parse_money(travel, field="travel") if travel is not None else None
    parts = [parse_part(p) for p in part] if part else None
    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket, totals = set_charges(
            s,
            stamp,
            ref,
            rules=rules,
            labor_hours=hours,
            rate=the_rate,
            travel=the_travel,
            parts=parts,
            waive=waive,
        )
        _done(
            app_ctx,
            "msg.charged",
            ticket,
            parts=totals.parts,
            labor=totals.labor,
            travel=totals.travel,
            total=totals.total,
            payable=payable(ticket, totals),
            currency=rules.settings["currency"],
        )
        reason = approval_needed(s, ticket, rules)
        if reason:
            warn(app_ctx.t("warn.approval_needed", number=ticket.number, reason=reason))


@app.command("approve")
def approve(ctx: typer.Context, ref: TicketArg) -> None:
    """Approve the repair estimate (must be someone other than the engineer).

    Example: shouhou --as 李经理 ticket approve SH2611-0042
    """
    from shouhou.services.tickets.charges import approve as do_approve

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket, reason = do_approve(s, stamp, ref, rules)
        _done(app_ctx, "msg.approved", ticket, actor=stamp.actor, reason=reason)


@app.command("resolve")
def resolve(
    ctx: typer.Context,
    ref: TicketArg,
    action: Annotated[str, typer.Option(help="Work done 处理措施.")],
    at: AtOption = None,
) -> None:
    """Mark the fault fixed (refused while an approval is missing).

    Example: shouhou ticket resolve SH2611-0042 --action "更换阀片，试机正常"
    """
    from shouhou.services.tickets.lifecycle import resolve as do_resolve

    with _acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_resolve(s, stamp, ref, action=action, rules=rules)
        _done(app_ctx, "msg.resolved", ticket)


@app.command("close")
def close(
    ctx: typer.Context,
    ref: TicketArg,
    quality: Annotated[
        int | None, typer.Option(min=1, max=5, help="Customer's rating of quality 1-5.")
    ] = None,
    attitude: Annotated[
        int | None, typer.Option(min=1, max=5, help="Customer's rating of attitude 1-5.")
    ] = None,
) -> None:
    """Close after the callback confirmed the fix.

    Example: shouhou ticket close SH2611-0042 --quality 5 --attitude 5
    """
    from shouhou.services.tickets.lifecycle import close as do_close

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_close(s, stamp, ref, rules, quality=quality, attitude=attitude)
        _done(app_ctx, "msg.closed", ticket)


@app.command("reopen")
def reopen(
    ctx: typer.Context,
    ref: TicketArg,
    reason: Annotated[str, typer.Option(help="Why (e.g. callback found it back).")],
) -> None:
    """Reopen a resolved or closed ticket; missed deadlines stay recorded as missed.

    Example: shouhou ticket reopen SH2611-0042 --reason "回访发现故障复现"
    """
    from shouhou.services.tickets.lifecycle import reopen as do_reopen

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_reopen(s, stamp, ref, reason=reason, rules=rules)
        _done(app_ctx, "msg.reopened", ticket)


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    ref: TicketArg,
    reason: Annotated[str, typer.Option(help="Why (e.g. misreport 误报).")],
) -> None:
    """Cancel a ticket (customer misreport); the customer still gets a callback.

    Example: shouhou ticket cancel SH2611-0042 --reason "误报：未接电源"
    """
    from shouhou.services.tickets.lifecycle import cancel as do_cancel

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_cancel(s, stamp, ref, reason=reason, rules=rules)
        _done(app_ctx, "msg.cancelled", ticket)


@app.command("escalate")
def escalate(
    ctx: typer.Context,
    ref: TicketArg,
    to: Annotated[str | None, typer.Option("--to", help="Who takes it over.")] = None,
) -> None:
    """Escalate 升级: first to the supervisor, then to the manager.

    Example: shouhou ticket escalate SH2611-0042 --to 李经理
    """
    from shouhou.services.tickets.lifecycle import escalate as do_escalate

    with _acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_escalate(s, stamp, ref, to=to, rules=rules)
        _done(
            app_ctx,
            "msg.escalated",
            ticket,
            to=ticket.escalated_to,
            level=app_ctx.t(f"escalation.{ticket.escalation_level}"),
        )


@app.command("wait")
def wait(
    ctx: typer.Context,
    ref: TicketArg,
    reason: Annotated[str, typer.Option(help="Waiting on what (customer, parts).")],
    at: AtOption = None,
) -> None:
    """Pause the deadlines while waiting on the customer or on parts.

    Example: shouhou ticket wait SH2611-0042 --reason "等待配件"
    """
    from shouhou.services.tickets.lifecycle import wait as do_wait

    with _acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_wait(s, stamp, ref, reason=reason, rules=rules)
        _done(app_ctx, "msg.waiting", ticket, reason=reason)


@app.command("resume")
def resume(ctx: typer.Context, ref: TicketArg, at: AtOption = None) -> None:
    """End the pause; deadlines move back by the paused working time.

    Example: shouhou ticket resume SH2611-0042
    """
    from shouhou.services.tickets.lifecycle import resume as do_resume

    with _acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_resume(s, stamp, ref, rules)
        _done(app_ctx, "msg.resumed", ticket)


@app.command("loan")
def loan(
    ctx: typer.Context,
    ref: TicketArg,
    unit: Annotated[str, typer.Option(help="Serial of the spare unit 备用机.")],
) -> None:
    """Lend a spare unit while the job cannot be fixed in time.

    Example: shouhou ticket loan SH2611-0042 --unit SPARE-07
    """
    from shouhou.services.tickets.returns import lend

    with _acting(ctx) as (app_ctx, s, _rules, stamp):
        ticket, _loan = lend(s, stamp, ref, unit_serial=unit)
        _done(app_ctx, "msg.loaned", ticket, unit=unit)


@app.command("loan-return")
def loan_return(
    ctx: typer.Context,
    ref: TicketArg,
    unit: Annotated[str | None, typer.Option(help="Only this unit.")] = None,
) -> None:
    """Record that the spare unit(s) came back.

    Example: shouhou ticket loan-return SH2611-0042
    """
    from shouhou.services.tickets.records import get_ticket
    from shouhou.services.tickets.returns import take_back

    with _acting(ctx) as (app_ctx, s, _rules, stamp):
        loans = take_back(s, stamp, ref, unit_serial=unit)
        ticket = get_ticket(s, ref)
        _done(
            app_ctx,
            "msg.loan_returned",
            ticket,
            units=", ".join(loan.unit_serial for loan in loans),
        )


@app.command("return")
def return_(
    ctx: typer.Context,
    ref: TicketArg,
    kind: Annotated[ReturnKind, typer.Option(help="return 退货 | exchange 换货.")],
    reason: Annotated[str, typer.Option(help="Customer's reason.")],
    condition: Annotated[str, typer.Option(help="Product condition (complete, opened…).")],
    opinion: Annotated[str, typer.Option(help="Inspection opinion 检验意见.")],
    replacement: Annotated[
        str | None, typer.Option(help="Serial of the replacement unit (exchange).")
    ] = None,
) -> None:
    """Record a return or exchange; an exchange registers the replacement unit.

    Example: shouhou ticket return SH2611-0042 --kind exchange --reason 三包 --condition 完好
    --opinion 同意换货 --replacement S1-R
    """
    from shouhou.services.tickets.returns import record_return

    with _acting(ctx) as (app_ctx, s, _rules, stamp):
        ticket, record = record_return(
            s,
            stamp,
            ref,
            kind=kind.value,
            reason=reason,
            condition=condition,
            opinion=opinion,
            replacement_serial=replacement,
        )
        _done(
            app_ctx,
            "msg.returned",
            ticket,
            kind=app_ctx.t(f"return.{kind.value}"),
            faulty=record.faulty_serial,
            replacement=record.replacement_serial or "-",
        )


# --- documents ------------------------------------------------------------------------------

DocFormatOption = Annotated[DocFormat, typer.Option("--format", "-f", help="html|txt|md|json|pdf")]
OutputOption = Annotated[str | None, typer.Option("--output", "-o", help="Write to this file.")]


@app.command("sheet")
def sheet(
    ctx: typer.Context,
    ref: TicketArg,
    fmt: DocFormatOption = DocFormat.txt,
    output: OutputOption = None,
) -> None:
    """Print the service report sheet 售后服务报告单 (A4, with signature lines).

    Example: shouhou ticket sheet SH2611-0042 --format html --output sheet.html
    """
    from shouhou.services.tickets.documents import sheet_context

    _document(ctx, "ticket_sheet", sheet_context, ref, fmt, output)


@app.command("slip")
def slip(
    ctx: typer.Context,
    ref: TicketArg,
    fmt: DocFormatOption = DocFormat.txt,
    output: OutputOption = None,
) -> None:
    """Print the return slip 退货单 of a return or exchange.

    Example: shouhou ticket slip SH2611-0042 --format html --output slip.html
    """
    from shouhou.services.tickets.documents import slip_context

    _document(ctx, "return_slip", slip_context, ref, fmt, output)


def _document(
    ctx: typer.Context,
    name: str,
    build: Callable[..., dict[str, Any]],
    ref: str,
    fmt: DocFormat,
    output: str | None,
) -> None:
    from shouhou.cli.documents import write_document

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        context = build(s, ref, lang=app_ctx.lang, zone=app_ctx.zone, now=app_ctx.now)
    write_document(app_ctx, name, fmt.value, context, output)
