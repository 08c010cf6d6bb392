"""``ticket edit``: put a ticket's intake facts right — attach the device it was opened without,
move it to the right customer, correct symptom, fault date, severity, contact or component —
and print the warranty verdict and deadlines judged again (issue 10)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from shouhou.cli.choices import SEVERITY, choice_option
from shouhou.cli.common import FormatOption, changes_text
from shouhou.cli.context import AppContext
from shouhou.cli.output import emit_record, human_value, message
from shouhou.cli.ticket.common import TicketArg, acting, app
from shouhou.enums import ListFormat

# Judged again from what was asked; shown as the verdict and deadline lines, not as changes.
DERIVED = frozenset(
    {
        "zone",
        "in_warranty",
        "warranty_note",
        "chargeable",
        "repeat_of_id",
        "repair_count",
        "reply_due_at",
        "onsite_due_at",
        "resolve_due_at",
    }
)


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: TicketArg,
    device: Annotated[
        str | None, typer.Option(help="Device serial or id (must be the customer's).")
    ] = None,
    customer: Annotated[
        str | None,
        typer.Option(help="Customer id, phone or name fragment; with --device to move both."),
    ] = None,
    symptom: Annotated[str | None, typer.Option(help="Fault symptom 故障现象.")] = None,
    fault_date: Annotated[
        str | None, typer.Option("--fault-date", help="Day the fault occurred.")
    ] = None,
    severity: Annotated[
        str | None,
        choice_option(
            SEVERITY,
            "--severity",
            help="1 critical 重大, 2 major 主要, 3 minor 次要; deadlines count from intake again.",
        ),
    ] = None,
    contact: Annotated[str | None, typer.Option(help="Caller's name.")] = None,
    phone: Annotated[str | None, typer.Option(help="Caller's phone.")] = None,
    component: Annotated[
        str | None, typer.Option(help="Faulty component, e.g. motor (unit: the whole unit).")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Fault category, for repeat checks.")] = None,
    request: Annotated[str | None, typer.Option(help="What the customer asks for.")] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Correct a ticket: device, customer, symptom, fault date, severity, contact, component.

    The warranty verdict, the deadlines and the repeat check are judged again; the changes go
    into the timeline. A closed or cancelled ticket is not edited.

    Example: shouhou ticket edit SH2611-0042 --device KY260001 --fault-date 2026-11-20
    """
    from shouhou.services.tickets.edit import TicketChanges, edit_ticket
    from shouhou.timeutil import parse_date

    with acting(ctx) as (app_ctx, s, rules, stamp):
        fault_on = None
        if fault_date is not None:
            fault_on = parse_date(fault_date, field="fault-date", today=app_ctx.today)
        changes = TicketChanges(
            device=device,
            customer=customer,
            symptom=symptom,
            fault_date=fault_on,
            severity=severity,
            contact=contact,
            phone=phone,
            component=component,
            category=category,
            request=request,
        )
        result = edit_ticket(s, stamp, ref, changes=changes, rules=rules)
        summary = edit_summary(result)
    if fmt is not ListFormat.table:
        emit_record(app_ctx, summary, [], fmt.value)
        return
    _print_edit(app_ctx, summary)


def edit_summary(result: Any) -> dict[str, Any]:
    """What ``ticket edit`` reports: the changes, the verdict and the deadlines now."""
    from shouhou.cli.ticket.intake import repeat_view, verdict_view
    from shouhou.timeutil import iso_utc

    ticket = result.ticket
    return {
        "id": ticket.id,
        "number": ticket.number,
        "status": ticket.status,
        "severity": ticket.severity,
        "customer_id": result.customer.id,
        "customer_name": result.customer.name,
        "device_id": ticket.device_id,
        "device_serial": result.device.serial if result.device else None,
        "component": ticket.component,
        "fault_date": ticket.fault_date.isoformat() if ticket.fault_date else None,
        "in_warranty": ticket.in_warranty,
        "warranty_state": ticket.warranty_note,
        "chargeable": ticket.chargeable,
        "verdict": verdict_view(result.fault_verdict) if result.fault_verdict else None,
        "reply_due_at": iso_utc(ticket.reply_due_at),
        "onsite_due_at": iso_utc(ticket.onsite_due_at),
        "resolve_due_at": iso_utc(ticket.resolve_due_at),
        "repeat": repeat_view(result.repeat) if result.repeat else None,
        "changes": result.changes,
    }


def _print_edit(app_ctx: AppContext, summary: dict[str, Any]) -> None:
    from shouhou.cli.ticket.intake import verdict_text, warn_repeat

    t = app_ctx.t
    if not summary["changes"]:
        message(t("msg.ticket_unchanged", number=summary["number"]))
        return
    asked = {k: v for k, v in summary["changes"].items() if k not in DERIVED}
    message(t("msg.ticket_edited", number=summary["number"], changes=changes_text(asked)))
    message(f"{t('col.customer')}: {summary['customer_name']} (#{summary['customer_id']})")
    if summary["device_serial"]:
        message(f"{t('col.device')}: {summary['device_serial']}")
    if summary["verdict"] is not None:
        message("  " + verdict_text(app_ctx, summary["verdict"]))
    for key, field in (
        ("due.reply", "reply_due_at"),
        ("due.onsite", "onsite_due_at"),
        ("due.resolve", "resolve_due_at"),
    ):
        if summary[field]:
            message(f"{t(key)}: {human_value(app_ctx, 'time', summary[field])}")
    warn_repeat(app_ctx, summary["repeat"])
