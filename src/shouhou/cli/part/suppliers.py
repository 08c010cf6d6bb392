"""``part supplier add|list|show|rate|warn|remove``: the qualified suppliers 合格供方, rated on
quality, price and delivery, warned or removed (DOMAIN §4)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from shouhou.cli.common import TIMELINE_COLUMNS, FormatOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, message
from shouhou.enums import ListFormat

supplier_app = typer.Typer(
    help="Suppliers 合格供方: the qualified list, rated on quality, price and delivery.",
    no_args_is_help=True,
)

SUPPLIER_COLUMNS = (
    Column("name", "col.supplier"),
    Column("status", "col.status", "enum", "supplier_status."),
    Column("quality", "col.rating_quality"),
    Column("price", "col.rating_price"),
    Column("delivery", "col.rating_delivery"),
    Column("score", "col.rating_score"),
    Column("contact", "col.contact"),
    Column("phone", "col.phone"),
    Column("parts", "col.supplier_parts"),
)
PART_COLUMNS = (Column("number", "col.part_number"), Column("name", "col.part_name"))

SupplierArg = Annotated[
    str, typer.Argument(metavar="NAME", help="Supplier name (any case and width) or #id.")
]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why, for the record.")]


def _rating(help_text: str, option: str) -> Any:
    return typer.Option(option, min=1, max=5, help=help_text)


@supplier_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Supplier name, e.g. 上海阀门厂.")],
    contact: Annotated[str | None, typer.Option("--contact", help="Contact person.")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Notes.")] = None,
) -> None:
    """Put a supplier on the qualified list (status qualified, not rated yet).

    Example: shouhou part supplier add 上海阀门厂 --contact 张经理 --phone 021-5555-0101
    """
    from shouhou.services.parts.suppliers import add_supplier

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        supplier = add_supplier(
            s, app_ctx.stamp(), name=name, contact=contact, phone=phone, notes=notes
        )
        message(app_ctx.t("msg.supplier_added", name=supplier.name))


@supplier_app.command("list")
def list_(
    ctx: typer.Context,
    include_removed: Annotated[
        bool, typer.Option("--all", help="Include suppliers removed from the list.")
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List suppliers by name with their ratings, standing and how many parts name them.

    Example: shouhou part supplier list --all
    """
    from shouhou.services.parts.suppliers import iter_supplier_views

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        rows = iter_supplier_views(s, include_removed=include_removed)
        emit_list(app_ctx, SUPPLIER_COLUMNS, rows, fmt.value)


def _emit(app_ctx: AppContext, view: dict[str, Any], fmt: str) -> None:
    t = app_ctx.t

    def shown(value: Any) -> str:
        return "" if value is None else str(value)

    pairs = [
        ("col.supplier", view["name"]),
        ("col.status", t(f"supplier_status.{view['status']}")),
        ("col.rating_quality", shown(view["quality"])),
        ("col.rating_price", shown(view["price"])),
        ("col.rating_delivery", shown(view["delivery"])),
        ("col.rating_score", shown(view["score"])),
        ("col.contact", shown(view["contact"])),
        ("col.phone", shown(view["phone"])),
        ("col.notes", shown(view["notes"])),
    ]
    sections = [
        Section("section.supplier", pairs=pairs),
        Section("section.supplier_parts", columns=PART_COLUMNS, records=view["part_list"]),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    emit_record(app_ctx, view, sections, fmt)


@supplier_app.command("show")
def show(ctx: typer.Context, name: SupplierArg, fmt: FormatOption = ListFormat.table) -> None:
    """Show a supplier: ratings, standing, the parts naming it, the audit trail (warnings and
    removal with their reasons).

    Example: shouhou part supplier show 上海阀门厂
    """
    from shouhou.services.parts.suppliers import supplier_detail

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = supplier_detail(s, name)
    _emit(app_ctx, view, fmt.value)


@supplier_app.command("rate")
def rate(
    ctx: typer.Context,
    name: SupplierArg,
    quality: Annotated[
        int | None, _rating("Quality 质量, 1 (poor) to 5 (best).", "--quality")
    ] = None,
    price: Annotated[int | None, _rating("Price 价格, 1 (poor) to 5 (best).", "--price")] = None,
    delivery: Annotated[
        int | None, _rating("Delivery 交付, 1 (poor) to 5 (best).", "--delivery")
    ] = None,
) -> None:
    """Rate a supplier 1–5 on quality, price and delivery; a rating not given stays.

    Example: shouhou part supplier rate 上海阀门厂 --quality 4 --price 3 --delivery 5
    """
    from shouhou.services.parts.suppliers import rate_supplier, score

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        supplier = rate_supplier(
            s, app_ctx.stamp(), name, quality=quality, price=price, delivery=delivery
        )
        message(
            app_ctx.t(
                "msg.supplier_rated",
                name=supplier.name,
                quality=supplier.quality or "—",
                price=supplier.price or "—",
                delivery=supplier.delivery or "—",
                score=score(supplier) or "—",
            )
        )


@supplier_app.command("warn")
def warn(ctx: typer.Context, name: SupplierArg, reason: ReasonOption) -> None:
    """Warn a supplier 警告: it stays on the list, shown as warned; the reason is kept.

    Example: shouhou part supplier warn 上海阀门厂 --reason "11月两批阀片漏气"
    """
    from shouhou.services.parts.suppliers import warn_supplier

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        supplier = warn_supplier(s, app_ctx.stamp(), name, reason=reason)
        message(app_ctx.t("msg.supplier_warned", name=supplier.name))


@supplier_app.command("remove")
def remove(ctx: typer.Context, name: SupplierArg, reason: ReasonOption) -> None:
    """Remove a supplier from the qualified list: it can no longer be chosen for a part or a
    receipt (parts naming it keep it until edited; the purchase plan lists them without a
    supplier).

    Example: shouhou part supplier remove 上海阀门厂 --reason "连续三次质量问题"
    """
    from shouhou.services.parts.suppliers import remove_supplier

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        supplier = remove_supplier(s, app_ctx.stamp(), name, reason=reason)
        message(app_ctx.t("msg.supplier_removed", name=supplier.name))
