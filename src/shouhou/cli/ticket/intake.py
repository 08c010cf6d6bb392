"""``ticket new``: the clerk's phone call — gather customer, device, severity and symptom (asking
on a terminal: ``call``), open the ticket, print the warranty verdict (faulty component's term
at the fault date) and deadlines."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from shouhou.cli.choices import SEVERITY, choice_option
from shouhou.cli.common import FormatOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import emit_record, human_value, message, warn
from shouhou.cli.ticket.common import AtOption, app
from shouhou.enums import Channel, ListFormat
from shouhou.errors import UsageError


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
        str | None,
        choice_option(SEVERITY, "--severity", help="1 critical 重大, 2 major 主要, 3 minor 次要."),
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
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the ticket number (for scripts).")
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Receive a service request: prints the number, warranty verdict and deadlines.

    Prompts for missing fields on a terminal — an unknown serial is registered, an unknown
    caller gets a customer file, a wrong answer is asked again; without one, a missing field is
    exit 2.

    Example: shouhou ticket new --customer 天控 --device S1 --severity 2 --symptom "不制冷"
    --component motor --fault-date 2026-11-20
    """
    from shouhou.cli.ticket.call import gather
    from shouhou.services.tickets.intake import receive_call
    from shouhou.services.tickets.sla import load_rules
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    received_at = app_ctx.parse_time(at, "at")
    if received_at > app_ctx.now:
        raise UsageError("err.future_time", field="at", value=at)
    fault_on = None
    if fault_date is not None:
        fault_on = parse_date(fault_date, field="fault-date", today=app_ctx.today)
    got = gather(
        app_ctx,
        customer=customer,
        device=device,
        phone=phone,
        contact=contact,
        severity=severity,
        symptom=symptom,
        create_customer=create_customer,
    )
    with app_ctx.session(write=True) as s:
        rules = load_rules(s, zone=app_ctx.zone)
        result = receive_call(
            s,
            app_ctx.stamp(),
            customer_id=got.customer_id,
            new_customer=got.new_customer,
            device_id=got.device_id,
            new_device=got.new_device,
            severity=got.severity,
            symptom=got.symptom,
            received_at=received_at,
            rules=rules,
            channel=channel.value,
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
        summary["customer_created"] = got.new_customer is not None
        summary["device_created"] = got.new_device is not None
    if quiet:
        message(summary["number"])
        _warnings(app_ctx, summary)
        return
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
        "start": judged.start.isoformat() if judged.start else None,
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
        start=verdict.get("start") or "",
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
    if summary["customer_created"]:
        message(t("msg.customer_created", id=summary["customer_id"], name=summary["customer_name"]))
    if summary["device_created"]:
        message(t("msg.device_created", id=summary["device_id"], serial=summary["device_serial"]))
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
    _warnings(app_ctx, summary)


def _warnings(app_ctx: AppContext, summary: dict[str, Any]) -> None:
    """On stderr, also with ``--quiet``: what the clerk must not miss."""
    t = app_ctx.t
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
