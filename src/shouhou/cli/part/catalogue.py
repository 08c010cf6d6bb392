"""``part add|edit|show|list``, ``part receive|scrap|ledger``, ``part reorder`` and ``part
supplier …``: the parts catalogue, receipts and scrap, a part's ledger, low stock and the
purchase plan, the qualified suppliers (DOMAIN §4, issue 12)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.common import TIMELINE_COLUMNS, FormatOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, human_value, message
from shouhou.cli.part.suppliers import supplier_app
from shouhou.enums import ListFormat

if TYPE_CHECKING:
    from datetime import date, datetime
    from decimal import Decimal

commands = typer.Typer()
commands.add_typer(supplier_app, name="supplier")

PART_COLUMNS = (
    Column("number", "col.part_number"),
    Column("name", "col.part_name"),
    Column("spec", "col.part_spec"),
    Column("unit", "col.part_unit"),
    Column("on_hand", "col.on_hand"),
    Column("safety", "col.safety_stock"),
    Column("max", "col.max_stock"),
    Column("price", "col.part_price"),
    Column("supplier", "col.supplier"),
    Column("key", "col.key_part", "bool"),
)


def _signed(row: dict[str, Any]) -> str:
    quantity = row.get("quantity")
    return "" if quantity is None else f"{quantity:+d}"


def _source(row: dict[str, Any]) -> str:
    """Where a movement came from or went to: supplier, ticket or stocktake."""
    return " ".join(str(row[key]) for key in ("supplier", "ticket", "stocktake") if row.get(key))


def _note(row: dict[str, Any]) -> str:
    return " · ".join(str(row[key]) for key in ("reason", "reference") if row.get(key))


MOVE_COLUMNS = (
    Column("at", "col.at", "time"),
    Column("kind", "col.move_kind", "enum", "move_kind."),
    Column("quantity", "col.quantity", getter=_signed),
    Column("balance", "col.balance"),
    Column("unit_cost", "col.unit_cost"),
    Column("source", "col.move_source", getter=_source),
    Column("note", "col.move_note", getter=_note),
    Column("actor", "col.actor"),
)
PLAN_COLUMNS = (
    Column("number", "col.part_number"),
    Column("name", "col.part_name"),
    Column("unit", "col.part_unit"),
    Column("on_hand", "col.on_hand"),
    Column("safety", "col.safety_stock"),
    Column("max", "col.max_stock"),
    Column("order", "col.order_quantity"),
    Column("consumption", "col.consumption_90d"),
    Column("unit_cost", "col.unit_cost"),
    Column("line_cost", "col.line_cost"),
)

PartArg = Annotated[
    str, typer.Argument(metavar="PN", help="Part number (any case) or #id, e.g. KS-V100.")
]
QuantityArg = Annotated[int, typer.Argument(metavar="QTY", help="How many units, e.g. 5.")]
SpecOption = Annotated[str | None, typer.Option("--spec", help="Model or specification 规格型号.")]
CostOption = Annotated[
    str | None, typer.Option("--cost", help="Unit cost to the firm, e.g. 1200.50.")
]
PriceOption = Annotated[
    str | None, typer.Option("--price", help="Unit price charged to customers, e.g. 1680.")
]
SafetyOption = Annotated[
    int | None,
    typer.Option("--safety", help="Safety stock 安全库存: below it the part is low and reordered."),
]
MinOption = Annotated[int | None, typer.Option("--min", help="Minimum stock 最低库存.")]
MaxOption = Annotated[
    int | None,
    typer.Option("--max", help="Maximum stock 最高库存: what a purchase plan orders up to."),
]
SupplierOption = Annotated[
    str | None,
    typer.Option("--supplier", help="Supplier on the qualified list (see part supplier list)."),
]
NotesOption = Annotated[str | None, typer.Option("--notes", help="Notes.")]


def _money(text: str | None, field: str) -> Decimal | None:
    from shouhou.timeutil import parse_money

    return parse_money(text, field=field) if text is not None else None


@commands.command("add")
def add(
    ctx: typer.Context,
    number: PartArg,
    name: Annotated[str, typer.Option("--name", help="Part name 配件名称.")],
    unit: Annotated[str, typer.Option("--unit", help="Unit of count 单位, e.g. 个, 套, m.")],
    spec: SpecOption = None,
    cost: CostOption = None,
    price: PriceOption = None,
    safety: SafetyOption = 0,
    minimum: MinOption = 0,
    maximum: MaxOption = None,
    supplier: SupplierOption = None,
    key: Annotated[
        bool, typer.Option("--key", help="Key or valuable part 关键件: issuing it needs approval.")
    ] = False,
    core: Annotated[
        bool,
        typer.Option("--core", help="Old part 旧件 must be returned to the factory when replaced."),
    ] = False,
    notes: NotesOption = None,
) -> None:
    """Add a part to the catalogue. Its stock starts at 0: receive it with part receive.

    Example: shouhou part add KS-V100 --name 进气阀 --unit 个 --price 1680 --safety 2 --max 10
    """
    from shouhou.services.parts.catalogue import add_part

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        part = add_part(
            s,
            app_ctx.stamp(),
            number=number,
            name=name,
            unit=unit,
            spec=spec,
            cost=_money(cost, "cost"),
            price=_money(price, "price"),
            safety_stock=safety or 0,
            min_stock=minimum or 0,
            max_stock=maximum,
            supplier=supplier,
            key_part=key,
            core_return=core,
            notes=notes,
        )
        message(app_ctx.t("msg.part_added", number=part.number, name=part.name))


@commands.command("edit")
def edit(
    ctx: typer.Context,
    number: PartArg,
    name: Annotated[str | None, typer.Option("--name", help="Part name 配件名称.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Unit of count 单位.")] = None,
    spec: SpecOption = None,
    cost: CostOption = None,
    price: PriceOption = None,
    safety: SafetyOption = None,
    minimum: MinOption = None,
    maximum: MaxOption = None,
    supplier: SupplierOption = None,
    key: Annotated[
        bool | None, typer.Option("--key/--no-key", help="Key or valuable part 关键件.")
    ] = None,
    core: Annotated[
        bool | None,
        typer.Option("--core/--no-core", help="Old part must be returned to the factory."),
    ] = None,
    notes: NotesOption = None,
) -> None:
    """Change catalogue fields of a part (recorded in the audit trail); what is not given
    stays as it is.

    Example: shouhou part edit KS-V100 --price 1750 --safety 3 --no-key
    """
    from shouhou.services.parts.catalogue import edit_part

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        part, delta = edit_part(
            s,
            app_ctx.stamp(),
            number,
            name=name,
            unit=unit,
            spec=spec,
            cost=_money(cost, "cost"),
            price=_money(price, "price"),
            safety_stock=safety,
            min_stock=minimum,
            max_stock=maximum,
            supplier=supplier,
            key_part=key,
            core_return=core,
            notes=notes,
        )
        number_now = part.number
    if delta:
        fields = ", ".join(sorted(delta))
        message(app_ctx.t("msg.part_updated", number=number_now, fields=fields))
    else:
        message(app_ctx.t("msg.part_unchanged", number=number_now))


def _limits(view: dict[str, Any]) -> str:
    most = view["max"] if view["max"] is not None else "—"
    return f"{view['safety']} / {view['min']} / {most}"


def _emit_part(app_ctx: AppContext, view: dict[str, Any], fmt: str) -> None:
    t = app_ctx.t
    on_hand = f"{view['on_hand']} {view['unit']}"
    if view["low"]:
        on_hand += f" ({t('part.low')})"
    supplier = view["supplier"] or ""
    if view["supplier_status"] and view["supplier_status"] != "qualified":
        supplier += f" ({t('supplier_status.' + view['supplier_status'])})"
    pairs = [
        ("col.part_number", view["number"]),
        ("col.part_name", view["name"]),
        ("col.part_spec", view["spec"] or ""),
        ("col.on_hand", on_hand),
        ("col.stock_limits", _limits(view)),
        ("col.part_cost", view["cost"] or ""),
        ("col.part_price", view["price"] or ""),
        ("col.supplier", supplier),
        ("col.key_part", human_value(app_ctx, "bool", view["key"])),
        ("col.core_return", human_value(app_ctx, "bool", view["core"])),
        ("col.issued_this_year", f"{view['issued_this_year']} {view['unit']}"),
        ("col.cores_pending", str(view["cores_pending"])),
        ("col.notes", view["notes"] or ""),
    ]
    sections = [
        Section("section.part", pairs=pairs),
        Section("section.part_moves", columns=MOVE_COLUMNS, records=view["moves"]),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    emit_record(app_ctx, view, sections, fmt)


@commands.command("show")
def show(ctx: typer.Context, number: PartArg, fmt: FormatOption = ListFormat.table) -> None:
    """Show a part: catalogue fields, supplier, on hand, issued this year, old parts still
    owed, the last 10 movements and the audit trail.

    Example: shouhou part show KS-V100
    """
    from shouhou.services.parts.catalogue import part_detail

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = part_detail(s, number, now=app_ctx.now, zone=app_ctx.zone)
    _emit_part(app_ctx, view, fmt.value)


@commands.command("list")
def list_(
    ctx: typer.Context,
    search: Annotated[
        str | None, typer.Option("--search", help="A piece of the number, name or spec.")
    ] = None,
    supplier: Annotated[
        str | None, typer.Option("--supplier", help="Only parts of this supplier.")
    ] = None,
    low: Annotated[
        bool,
        typer.Option(
            "--low", help="Only parts below safety stock: on hand < safety stock (0: never low)."
        ),
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 3 when any part is listed (implies --low; for cron)."),
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List parts by number with their stock on hand.

    Example: shouhou part list --low --check
    """
    from shouhou.services.parts.catalogue import iter_part_views

    app_ctx = ctx_of(ctx)
    low = low or check
    with app_ctx.session() as s:
        rows = iter_part_views(s, search=search, supplier=supplier, low=low)
        if low and fmt is ListFormat.table:
            listed = list(rows)
            count = emit_list(app_ctx, PART_COLUMNS, listed, fmt.value) if listed else 0
            if not listed:
                message(app_ctx.t("msg.part_none_low"))
        else:
            count = emit_list(app_ctx, PART_COLUMNS, rows, fmt.value)
    if check and count:
        raise typer.Exit(3)


# -- receipts, scrap, the ledger ------------------------------------------------------------------


def _moved(app_ctx: AppContext, key: str, summary: dict[str, Any]) -> None:
    message(app_ctx.t(key + ("_from" if summary["supplier"] else ""), **summary))
    if summary.get("supplier_status") == "warned":
        from shouhou.cli.output import warn

        warn(app_ctx.t("warn.supplier_warned", name=summary["supplier"]))


@commands.command("receive")
def receive(
    ctx: typer.Context,
    number: PartArg,
    quantity: QuantityArg,
    supplier: Annotated[
        str | None,
        typer.Option("--supplier", help="Delivered by this supplier (default the part's)."),
    ] = None,
    cost: Annotated[
        str | None, typer.Option("--cost", help="Unit cost paid (default the catalogue cost).")
    ] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="Delivery note or purchase order number.")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="When it arrived (default now), e.g. -2d.")
    ] = None,
) -> None:
    """Receive parts into stock 入库: a ledger row with supplier and unit cost.

    Example: shouhou part receive KS-V100 10 --ref PO-2611-07 --cost 1180
    """
    from shouhou.services.parts.movements import move_summary, receive

    app_ctx = ctx_of(ctx)
    when = _past(app_ctx, at)
    unit_cost = _money(cost, "cost")
    with app_ctx.session(write=True) as s:
        move = receive(
            s,
            app_ctx.stamp(when),
            number,
            quantity=quantity,
            supplier=supplier,
            cost=unit_cost,
            reference=ref,
        )
        summary = move_summary(s, move)
    _moved(app_ctx, "msg.part_received", summary)


def _past(app_ctx: AppContext, at: str | None) -> datetime | None:
    """``--at``: a time that has passed (a paper delivery note entered later)."""
    from shouhou.errors import UsageError

    if at is None:
        return None
    moment = app_ctx.parse_time(at, "at")
    if moment > app_ctx.now:
        raise UsageError("err.future_event", field="at", value=at)
    return moment


@commands.command("scrap")
def scrap(
    ctx: typer.Context,
    number: PartArg,
    quantity: QuantityArg,
    reason: Annotated[str, typer.Option("--reason", help="Why the parts are scrapped.")],
) -> None:
    """Scrap parts from stock 报废, with the reason; never more than are on hand.

    Example: shouhou part scrap KS-V100 1 --reason "运输损坏"
    """
    from shouhou.services.parts.movements import move_summary, scrap

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        move = scrap(s, app_ctx.stamp(), number, quantity=quantity, reason=reason)
        summary = move_summary(s, move)
    _moved(app_ctx, "msg.part_scrapped", summary)


@commands.command("ledger")
def ledger(
    ctx: typer.Context,
    number: PartArg,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="From this day on (e.g. 2026-11-01, -30d); earlier ones open the list."
        ),
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Up to this day, included.")] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """A part's ledger 出入库台账: every movement, oldest first, with the balance after it.

    Example: shouhou part ledger KS-V100 --from 2026-11-01 --to 2026-11-30
    """
    from datetime import timedelta

    from shouhou.services.parts.movements import iter_ledger
    from shouhou.timeutil import day_start

    app_ctx = ctx_of(ctx)
    zone = app_ctx.zone
    since = day_start(_day(app_ctx, start, "from"), zone) if start else None
    until = None
    if end is not None:
        until = day_start(_day(app_ctx, end, "to") + timedelta(days=1), zone)
    with app_ctx.session() as s:
        emit_list(
            app_ctx, MOVE_COLUMNS, iter_ledger(s, number, since=since, until=until), fmt.value
        )


def _day(app_ctx: AppContext, text: str, field: str) -> date:
    """A local day: a date (2026-11-01, today) or a time whose day is meant (-7d)."""
    from shouhou.errors import UsageError
    from shouhou.timeutil import parse_date

    try:
        return parse_date(text, field=field, today=app_ctx.today)
    except UsageError:
        return app_ctx.parse_time(text, field).astimezone(app_ctx.zone).date()


# -- reorder --------------------------------------------------------------------------------------


@commands.command("reorder")
def reorder(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """The suggested purchase plan 采购建议: every part below its safety stock, ordered up to
    its maximum stock (no maximum: twice the safety stock), with the last 90 days'
    consumption (issued to tickets less returned; scrap not counted) and the cost at the
    catalogue's unit cost, grouped by supplier with subtotals; parts without a usable
    supplier last.

    Example: shouhou part reorder --format csv
    """
    from shouhou.services.parts.reorder import purchase_plan

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        plan = purchase_plan(s, now=app_ctx.now)
    if fmt is ListFormat.json:
        emit_record(app_ctx, plan.view(), [], "json")
    elif fmt is ListFormat.csv:
        emit_list(app_ctx, PLAN_COLUMNS, plan.lines, "csv")
    else:
        _plan_screen(app_ctx, plan.view())


def _plan_screen(app_ctx: AppContext, view: dict[str, Any]) -> None:
    from shouhou.cli.output import stdout_is_tty

    t = app_ctx.t
    if not view["suppliers"]:
        message(t("msg.reorder_nothing"))
        return
    tty = stdout_is_tty()
    for index, group in enumerate(view["suppliers"]):
        title = group["supplier"] or t("reorder.no_supplier")
        if group["status"] == "warned":
            title += f" ({t('supplier_status.warned')})"
        contact = " ".join(v for v in (group["contact"], group["phone"]) if v)
        if contact:
            title += f" — {contact}"
        if tty:
            emit_list(app_ctx, PLAN_COLUMNS, group["lines"], "table", title=title)
        else:
            message(f"{chr(10) if index else ''}== {title} ==")
            emit_list(app_ctx, PLAN_COLUMNS, group["lines"], "table")
        removed = sorted(
            {ln["supplier_removed"] for ln in group["lines"] if ln["supplier_removed"]}
        )
        if removed:
            message(t("reorder.removed", names=", ".join(removed)))
        message(_priced(app_ctx, "reorder.subtotal", group["subtotal"], group["unpriced"]))
    message("")
    message(_priced(app_ctx, "reorder.total", view["total"], view["unpriced"], view["parts"]))


def _priced(app_ctx: AppContext, key: str, amount: str, unpriced: int, parts: int = 0) -> str:
    line = app_ctx.t(key, amount=amount, parts=parts)
    if unpriced:
        line += " " + app_ctx.t("reorder.unpriced", count=unpriced)
    return line
