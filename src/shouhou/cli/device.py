"""``shouhou device``: the factory product file 出厂产品档案 and warranty state."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from shouhou.cli.choices import YES_NO, choice_option
from shouhou.cli.common import (
    TIMELINE_COLUMNS,
    CustomerFilter,
    CustomerOption,
    FormatOption,
    LimitOption,
)
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, message
from shouhou.enums import ListFormat

app = typer.Typer(
    help="Devices 设备: add, list, show, edit, service contracts.", no_args_is_help=True
)

COLUMNS = (
    Column("id", "col.id"),
    Column("serial", "col.serial"),
    Column("customer_id", "col.customer_id"),
    Column("brand", "col.brand"),
    Column("model", "col.model"),
    Column("accepted_on", "col.accepted_on"),
    Column("warranty_state", "col.warranty", "enum", "warranty."),
    Column("contract_until", "col.contract_until"),
)
TICKET_COLUMNS = (
    Column("number", "col.number"),
    Column("received_at", "col.received_at", "time"),
    Column("status", "col.status", "enum", "status."),
    Column("symptom", "col.symptom"),
)

DateOption = Annotated[str | None, typer.Option(help="Date, e.g. 2026-03-01.")]


def _date(app_ctx: AppContext, value: str | None, field: str) -> Any:
    from shouhou.timeutil import parse_date

    if value is None:
        return None
    return parse_date(value, field=field, today=app_ctx.now.astimezone(app_ctx.zone).date())


@app.command("add")
def add(
    ctx: typer.Context,
    customer: CustomerOption,
    model: Annotated[str, typer.Option(help="Model 型号.")],
    serial: Annotated[str, typer.Option(help="Serial number 出厂编号 (unique).")],
    brand: Annotated[str | None, typer.Option(help="Brand 品牌.")] = None,
    product_line: Annotated[str | None, typer.Option(help="Product line, e.g. compressor.")] = None,
    configuration: Annotated[str | None, typer.Option(help="Configuration 配置.")] = None,
    factory_date: DateOption = None,
    purchase_date: DateOption = None,
    accepted: Annotated[str | None, typer.Option(help="Acceptance date 验收日期.")] = None,
    warranty_months: Annotated[
        int | None, typer.Option(min=0, help="Whole-unit warranty in months.")
    ] = None,
    component: Annotated[
        list[str] | None, typer.Option(help="Component term NAME:MONTHS, repeatable.")
    ] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Register a device sold to a customer.

    A device accepted within the last 10 days gets a callback (setting callback.new_device).

    Example: shouhou device add --customer 天控 --model KS-200 --serial S1 --accepted 2025-03-01
    --component motor:120
    """
    from shouhou.services import config
    from shouhou.services.customers.devices import add_device, parse_component, warranty_of
    from shouhou.services.visits.callbacks import after_acceptance
    from shouhou.views import device_view

    app_ctx = ctx_of(ctx)
    components = [parse_component(c) for c in component or []]
    dates = {
        name: _date(app_ctx, value, name.replace("_", "-"))
        for name, value in (
            ("factory_date", factory_date),
            ("purchase_date", purchase_date),
            ("accepted", accepted),
        )
    }
    with app_ctx.session(write=True) as s:
        months = warranty_months
        if months is None:
            months = config.load(s).int("warranty.months")
        device = add_device(
            s,
            app_ctx.stamp(),
            customer_id=customer,
            model=model,
            serial=serial,
            brand=brand,
            product_line=product_line,
            configuration=configuration,
            factory_date=dates["factory_date"],
            purchase_date=dates["purchase_date"],
            accepted_on=dates["accepted"],
            warranty_months=months,
            components=components,
        )
        callback = after_acceptance(
            s, app_ctx.stamp(), device, today=_today(app_ctx), zone=app_ctx.zone
        )
        view = device_view(device, warranty_of(s, device, _today(app_ctx)))
        said = _callback_line(app_ctx, callback) if callback is not None else None
    if fmt is ListFormat.table:
        message(app_ctx.t("msg.device_created", id=view["id"], serial=view["serial"]))
        if said is not None:
            message(said)
    else:
        emit_record(app_ctx, view, [], fmt.value)


@app.command("list")
def list_(
    ctx: typer.Context,
    customer: CustomerFilter = None,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List devices with their warranty state today.

    Example: shouhou device list --customer 天控
    """
    from shouhou.services.customers.devices import device_views

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        rows = device_views(s, customer_id=customer, limit=limit, on=_today(app_ctx))
        emit_list(app_ctx, COLUMNS, rows, fmt.value)


def _callback_line(app_ctx: AppContext, visit: Any) -> str:
    """ "Callback VS2611-0001 due by 2026-11-30 23:59 (new device accepted)"."""
    return app_ctx.t(
        "msg.callback_due",
        number=visit.number,
        due=app_ctx.local(visit.due_at),
        origin=visit.origin,
    )


def _today(app_ctx: AppContext) -> Any:
    return app_ctx.now.astimezone(app_ctx.zone).date()


def warranty_lines(
    app_ctx: AppContext, record: dict[str, Any], *, on: str | None = None
) -> list[tuple[str, str]]:
    """Per component: "in warranty until …" / "expired on …" / "under contract until …".

    ``on`` is the ISO day the verdict is for (a ticket's fault date); default today.
    """
    t = app_ctx.t
    lines = []
    contract = record.get("contract_until")
    today = on or _today(app_ctx).isoformat()
    for line in record["warranty"]:
        label = t(
            "warranty.component",
            name=t(f"component.{line['component']}")
            if line["component"] == "unit"
            else line["component"],
            months=line["months"],
        )
        if record.get("serial_tampered"):
            text = t("warranty.void_text")
        elif line["until"] is None:
            text = t("warranty.unknown_text")
        elif line["in_warranty"]:
            text = t("warranty.until", date=line["until"])
        elif contract and contract >= today:
            text = t("warranty.expired_contract", date=line["until"], contract=contract)
        else:
            text = t("warranty.expired_on", date=line["until"])
        lines.append((label, text))
    return lines


@app.command("show")
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Device id or serial number.")],
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Show a device: details, warranty per component, tickets and the audit trail.

    Example: shouhou device show S1
    """
    from shouhou.services.customers.files import device_file

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        record = device_file(s, ref, on=_today(app_ctx))
    pairs = [
        ("col.id", str(record["id"])),
        ("col.serial", record["serial"]),
        ("col.customer", f"{record['customer_id']} {record.get('customer_name', '')}"),
        ("col.brand", record["brand"] or ""),
        ("col.model", record["model"]),
        ("col.product_line", record["product_line"] or ""),
        ("col.configuration", record["configuration"] or ""),
        ("col.factory_date", record["factory_date"] or ""),
        ("col.purchase_date", record["purchase_date"] or ""),
        ("col.accepted_on", record["accepted_on"] or ""),
        ("col.contract_until", record["contract_until"] or ""),
    ]
    sections = [
        Section("section.device", pairs=pairs),
        Section("section.warranty", pairs=warranty_lines(app_ctx, record)),
        Section("section.tickets", columns=TICKET_COLUMNS, records=record["tickets"]),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=record["timeline"]),
    ]
    emit_record(app_ctx, record, sections, fmt.value)


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Device id or serial number.")],
    serial_tampered: Annotated[
        str | None,
        choice_option(
            YES_NO,
            "--serial-tampered",
            help="Serial number tampered with or removed (yes 是 / no 否): voids warranty.",
        ),
    ] = None,
    brand: Annotated[str | None, typer.Option(help="Brand 品牌.")] = None,
    model: Annotated[str | None, typer.Option(help="Model 型号.")] = None,
    configuration: Annotated[str | None, typer.Option(help="Configuration 配置.")] = None,
    accepted: Annotated[str | None, typer.Option(help="Acceptance date 验收日期.")] = None,
) -> None:
    """Change fields of a device file (recorded in the audit trail); a tampered or removed
    serial number voids the warranty (DOMAIN §1).

    A device accepted within the last 10 days gets a callback (setting callback.new_device).

    Example: shouhou device edit S1 --serial-tampered yes
    """
    from shouhou.services.customers.devices import edit_device
    from shouhou.services.visits.callbacks import after_acceptance

    app_ctx = ctx_of(ctx)
    accepted_on = _date(app_ctx, accepted, "accepted")
    with app_ctx.session(write=True) as s:
        device = edit_device(
            s,
            app_ctx.stamp(),
            ref,
            serial_tampered=None if serial_tampered is None else serial_tampered == "yes",
            brand=brand,
            model=model,
            configuration=configuration,
            accepted_on=accepted_on,
        )
        callback = None
        if accepted_on is not None:
            callback = after_acceptance(
                s, app_ctx.stamp(), device, today=_today(app_ctx), zone=app_ctx.zone
            )
        serial, tampered = device.serial, device.serial_tampered
        said = _callback_line(app_ctx, callback) if callback is not None else None
    message(app_ctx.t("msg.device_updated", serial=serial))
    if tampered:
        message(app_ctx.t("msg.serial_tampered", serial=serial))
    if said is not None:
        message(said)


@app.command("contract")
def contract(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Device id or serial number.")],
    until: Annotated[str, typer.Option("--until", help="Last day covered by the contract.")],
) -> None:
    """Record a service contract 维保合同 that covers the device after its warranty.

    Example: shouhou device contract S1 --until 2028-12-31
    """
    from shouhou.services.customers.devices import set_contract

    app_ctx = ctx_of(ctx)
    until_date = _date(app_ctx, until, "until")
    with app_ctx.session(write=True) as s:
        device = set_contract(s, app_ctx.stamp(), ref, until=until_date)
        serial = device.serial
    message(app_ctx.t("msg.contract_set", serial=serial, date=until_date.isoformat()))
