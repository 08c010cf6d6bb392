"""``shouhou customer``: the customer file 客户档案."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.choices import ZONE, choice_option
from shouhou.cli.common import TIMELINE_COLUMNS, CustomerArg, FormatOption, LimitOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, human_value, message, warn
from shouhou.enums import DocFormat, ListFormat

if TYPE_CHECKING:
    from sqlmodel import Session

app = typer.Typer(
    help="Customer files 客户档案: add, list, show, edit, file.", no_args_is_help=True
)

COLUMNS = (
    Column("id", "col.id"),
    Column("name", "col.customer"),
    Column("contact", "col.contact"),
    Column("phone", "col.phone"),
    Column("region", "col.region"),
    Column("zone", "col.zone", "enum", "zone."),
    Column("key", "col.key", "bool"),
)
DEVICE_COLUMNS = (
    Column("id", "col.id"),
    Column("serial", "col.serial"),
    Column("model", "col.model"),
    Column("brand", "col.brand"),
    Column("warranty_state", "col.warranty", "enum", "warranty."),
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Unit name 客户名称.")],
    contact: Annotated[str | None, typer.Option(help="Contact person 联系人.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone 电话.")] = None,
    address: Annotated[str | None, typer.Option(help="Address 地址.")] = None,
    region: Annotated[str | None, typer.Option(help="Region 地区.")] = None,
    zone: Annotated[
        str,
        choice_option(
            ZONE,
            "--zone",
            help="Distance class for on-site deadlines: local 本地, nearby 周边, remote 外省.",
        ),
    ] = "local",
    key: Annotated[bool, typer.Option("--key", help="Key customer 重点客户.")] = False,
    notes: Annotated[str | None, typer.Option(help="Notes 备注.")] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Open the file even if a customer with this name or phone exists."
        ),
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Open a customer file. The same name and phone as an existing customer is refused; the
    same name or the same phone alone is warned about (and asked on a terminal).

    Example: shouhou customer add "天津天控科技有限公司" --phone 022-12345678 --zone nearby
    """
    from shouhou.services.customers.customers import add_customer
    from shouhou.views import customer_view

    app_ctx = ctx_of(ctx)
    if not force:
        with app_ctx.session(create=True) as s:  # asked before the write lock is taken
            _check_lookalikes(app_ctx, s, name, phone)
    with app_ctx.session(write=True) as s:
        customer = add_customer(
            s,
            app_ctx.stamp(),
            name=name,
            contact=contact,
            phone=phone,
            address=address,
            region=region,
            zone=zone,
            key_customer=key,
            notes=notes,
            force=force,
        )
        view = customer_view(customer)
    if fmt is ListFormat.table:
        message(app_ctx.t("msg.customer_created", id=view["id"], name=view["name"]))
    else:
        emit_record(app_ctx, view, [], fmt.value)


def _check_lookalikes(app_ctx: AppContext, s: Session, name: str, phone: str | None) -> None:
    """Issue 10.3: warn about customers with the same name or the same phone; on a terminal
    ask whether to open another file anyway (no → aborted, nothing written). The same name
    *and* phone is left to the service, which refuses it."""
    from shouhou.cli.prompts import confirm, interactive
    from shouhou.services.customers.customers import describe, lookalikes

    found = lookalikes(s, name=name, phone=phone)
    if found.same or not found.any:
        return
    for key, customers in (
        ("warn.customer_same_name", found.same_name),
        ("warn.customer_same_phone", found.same_phone),
    ):
        if customers:
            warn(app_ctx.t(key, existing="; ".join(describe(c) for c in customers[:5])))
    if interactive() and not confirm(
        app_ctx.t, "prompt.customer_add_anyway", default=False, name=name.strip()
    ):
        raise typer.Abort()


@app.command("list")
def list_(
    ctx: typer.Context,
    search: Annotated[str | None, typer.Option(help="Part of name, phone or contact.")] = None,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List customers.

    Example: shouhou customer list --search 天津 --format json
    """
    from shouhou.services.customers.customers import iter_customers

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        emit_list(app_ctx, COLUMNS, iter_customers(s, search=search, limit=limit), fmt.value)


@app.command("show")
def show(
    ctx: typer.Context,
    customer_ref: CustomerArg,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Show a customer file: details, devices, open tickets, loans and the audit trail.

    Example: shouhou customer show 天控
    """
    from shouhou.services.customers.files import customer_file

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        record = customer_file(s, customer_ref, on=app_ctx.now.astimezone(app_ctx.zone).date())
    t = app_ctx.t
    pairs = [
        ("col.id", str(record["id"])),
        ("col.customer", record["name"]),
        ("col.contact", record["contact"] or ""),
        ("col.phone", record["phone"] or ""),
        ("col.address", record["address"] or ""),
        ("col.region", record["region"] or ""),
        ("col.zone", t(f"zone.{record['zone']}")),
        ("col.key", t("yes") if record["key"] else t("no")),
        ("col.notes", record["notes"] or ""),
        ("col.created", human_value(app_ctx, "time", record["created_at"])),
    ]
    sections = [
        Section("section.customer", pairs=pairs),
        Section("section.devices", columns=DEVICE_COLUMNS, records=record["devices"]),
    ]
    sections.extend(_extra_sections(record))
    sections.append(
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=record["timeline"])
    )
    emit_record(app_ctx, record, sections, fmt.value)


def _extra_sections(record: dict[str, Any]) -> list[Section]:
    from shouhou.cli.ticket.common import LOAN_COLUMNS, SHORT_COLUMNS

    return [
        Section(
            "section.open_tickets", columns=SHORT_COLUMNS, records=record.get("open_tickets", [])
        ),
        Section("section.loans", columns=LOAN_COLUMNS, records=record.get("loans_out", [])),
    ]


@app.command("edit")
def edit(
    ctx: typer.Context,
    customer_ref: CustomerArg,
    name: Annotated[str | None, typer.Option(help="New unit name.")] = None,
    contact: Annotated[str | None, typer.Option(help="Contact person.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone.")] = None,
    address: Annotated[str | None, typer.Option(help="Address.")] = None,
    region: Annotated[str | None, typer.Option(help="Region.")] = None,
    zone: Annotated[
        str | None,
        choice_option(ZONE, "--zone", help="Distance class: local 本地, nearby 周边, remote 外省."),
    ] = None,
    key: Annotated[bool | None, typer.Option("--key/--no-key", help="Key customer.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes.")] = None,
) -> None:
    """Change fields of a customer file (recorded in the audit trail).

    Example: shouhou customer edit 天控 --phone 022-87654321 --key
    """
    from shouhou.services.customers.customers import edit_customer

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        customer = edit_customer(
            s,
            app_ctx.stamp(),
            customer_ref,
            name=name,
            contact=contact,
            phone=phone,
            address=address,
            region=region,
            zone=zone,
            key_customer=key,
            notes=notes,
        )
        customer_id, name_now = customer.id, customer.name
    message(app_ctx.t("msg.customer_updated", id=customer_id, name=name_now))


FILE_FORMAT_HELP = "html|pdf|md|json|txt"
FileFormatOption = Annotated[DocFormat, typer.Option("--format", "-f", help=FILE_FORMAT_HELP)]
FileOutputOption = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file (needed for pdf).")
]
SinceOption = Annotated[
    str | None,
    typer.Option(help="Only the history from this date on (open tickets and visits always show)."),
]


@app.command("file")
def file_(
    ctx: typer.Context,
    customer_ref: CustomerArg,
    fmt: FileFormatOption = DocFormat.txt,
    output: FileOutputOption = None,
    since: SinceOption = None,
) -> None:
    """Print the engineer's customer file: contacts, devices with warranty, open tickets, the
    ticket history per device with parts and charges, loans, returns and visits (A4, a device a
    page).

    Example: shouhou customer file 天控 --format pdf --output 天控.pdf --since 2025-01-01
    """
    _print_file(ctx, customer_ref, fmt, output, since)


@app.command("export")
def export(
    ctx: typer.Context,
    customer_ref: CustomerArg,
    fmt: FileFormatOption = DocFormat.txt,
    output: FileOutputOption = None,
    since: SinceOption = None,
) -> None:
    """The customer file under the name CLI.md gives it (same as `customer file`).

    Example: shouhou customer export 天控 --format html --output 天控.html
    """
    _print_file(ctx, customer_ref, fmt, output, since)


def _print_file(
    ctx: typer.Context, ref: str, fmt: DocFormat, output: str | None, since: str | None
) -> None:
    from shouhou.cli.documents import print_document
    from shouhou.services.visits.customer_file import dossier_context
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    start = parse_date(since, field="since", today=app_ctx.today) if since else None
    print_document(app_ctx, "customer_file", fmt, output, dossier_context, ref, since=start)
