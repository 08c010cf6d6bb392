"""``ticket new``: the clerk's phone call — gather customer, device, severity and symptom (asking
on a terminal), open the ticket, print the warranty verdict (faulty component's term at the
fault date) and deadlines."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.common import FormatOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import emit_record, human_value, message, warn
from shouhou.cli.ticket.common import AtOption, app
from shouhou.enums import Channel, ListFormat, Severity
from shouhou.errors import UsageError

if TYPE_CHECKING:
    pass


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
    component: Annotated[
        str | None,
        typer.Option(
            help="Faulty component, e.g. motor (default the whole unit): its term decides."
        ),
    ] = None,
    fault_date: Annotated[
        str | None,
        typer.Option("--fault-date", help="Day the fault occurred (default the intake day)."),
    ] = None,
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
    --component motor --fault-date 2026-11-20
    """
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.tickets.intake import open_ticket
    from shouhou.services.tickets.sla import load_rules
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    received_at = app_ctx.parse_time(at, "at")
    if received_at > app_ctx.now:
        raise UsageError("err.future_time", field="at", value=at)
    fault_on = None
    if fault_date is not None:
        fault_on = parse_date(fault_date, field="fault-date", today=app_ctx.today)
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
            component=component,
            fault_date=fault_on,
        )
        summary = _intake_summary(app_ctx, result)
        clocked = not rules.policies[result.ticket.severity].around_the_clock  # 24×7: no calendar
        deadlines = (result.reply_due, result.onsite_due, result.resolve_due) if clocked else ()
        summary["rule_based_years"] = rules.calendar.rule_based_years(deadlines)
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
        "component": ticket.component,
        "fault_date": ticket.fault_date.isoformat() if ticket.fault_date else None,
        "in_warranty": ticket.in_warranty,
        "warranty_state": ticket.warranty_note,
        "verdict": verdict_view(result.fault_verdict) if result.fault_verdict else None,
        "serial_tampered": result.device.serial_tampered if result.device else False,
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
        summary["repeat"] = repeat_view(result.repeat)
    return summary


def verdict_view(judged: Any) -> dict[str, Any]:
    """The verdict of one fault (DOMAIN §1): the component, its term, why free or charged."""
    return {
        "component": judged.component,
        "months": judged.months,
        "until": judged.until.isoformat() if judged.until else None,
        "on": judged.on.isoformat(),
        "state": judged.state,
        "covered": judged.covered,
        "contract_until": judged.contract_until.isoformat() if judged.contract_until else None,
    }


def repeat_view(repeat: Any) -> dict[str, Any]:
    """Repeat repair and three strikes 三包 (DOMAIN §1), as JSON and for :func:`warn_repeat`."""
    return {
        "previous": repeat.previous_number,
        "previous_resolved_on": repeat.previous_resolved_on.isoformat(),
        "days_since": repeat.days_since,
        "window_days": repeat.window_days,
        "within_window": repeat.within_window,
        "repair_count": repeat.repair_count,
        "replacement_warning": repeat.replacement_warning,
        "replacement_due": repeat.replacement_due,
    }


def verdict_text(app_ctx: AppContext, verdict: dict[str, Any]) -> str:
    """ "Warranty verdict — motor (120 months), fault date …: in warranty until … — free …"."""
    t = app_ctx.t
    name = verdict["component"]
    reason = t(
        f"verdict.{verdict['state']}",
        until=verdict["until"] or "",
        contract=verdict["contract_until"] or "",
    )
    return t(
        "verdict.line",
        component=t("component.unit") if name == "unit" else name,
        months=verdict["months"],
        on=verdict["on"],
        reason=reason,
    )


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
        if summary["verdict"] is not None:
            message("  " + verdict_text(app_ctx, summary["verdict"]))
        record = {
            "warranty": summary["warranty"],
            "contract_until": summary["contract_until"],
            "serial_tampered": summary["serial_tampered"],
        }
        for label, text in warranty_lines(app_ctx, record, on=summary["fault_date"]):
            message(f"  {t('col.warranty')} {label}: {text}")
    else:
        message(t("msg.no_device_warranty"))
    for key, field in (
        ("due.reply", "reply_due_at"),
        ("due.onsite", "onsite_due_at"),
        ("due.resolve", "resolve_due_at"),
    ):
        message(f"{t(key)}: {human_value(app_ctx, 'time', summary[field])}")
    if summary["rule_based_years"]:  # issue 9.6: no official holiday schedule for that year yet
        warn(t("warn.rule_based_year", years=", ".join(map(str, summary["rule_based_years"]))))
    warn_repeat(app_ctx, summary["repeat"])


def warn_repeat(app_ctx: AppContext, repeat: dict[str, Any] | None) -> None:
    """DOMAIN §1: a repeat within the window; the 3rd repair warns, the 4th report replaces."""
    if not repeat:
        return
    t = app_ctx.t
    if repeat["within_window"]:
        warn(
            t(
                "warn.repeat_days",
                previous=repeat["previous"],
                resolved=repeat["previous_resolved_on"],
                days=repeat["days_since"],
                window=repeat["window_days"],
            )
        )
    nth = _nth(app_ctx.lang, repeat["repair_count"])
    if repeat["replacement_warning"]:
        warn(t("warn.next_failure_replacement", nth=nth))
    if repeat["replacement_due"]:
        warn(t("warn.replacement_due", nth=nth))


def _nth(lang: str, n: int) -> str:
    """3rd / 第 3 次 — the ordinal as each language writes it."""
    if lang == "zh":
        return f"第 {n} 次"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
