"""``part stocktake start|count|sheet|show|list|finish|cancel``: the stocktake 盘点 — a count
sheet to print, counted figures entered part by part, the differences booked as adjustments
盘盈/盘亏 with who and when (DOMAIN §4, issue 12 item 5). ``part count PN QTY`` (CLI.md) is
``part stocktake count``.

The commands sit on ``stocktake_app``, added to ``commands`` as the ``stocktake`` group;
``cli/part/__init__.py`` merges ``commands`` into ``part``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.common import TIMELINE_COLUMNS, FormatOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.documents import DocFormatOption, OutputOption, print_document
from shouhou.cli.output import Column, Section, emit_list, emit_record, human_value, message
from shouhou.enums import DocFormat, ListFormat
from shouhou.errors import UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp

commands = typer.Typer()
stocktake_app = typer.Typer(
    help="Stocktake 盘点: count sheet, counts, differences booked as adjustments.",
    no_args_is_help=True,
)
commands.add_typer(stocktake_app, name="stocktake")


def _signed(key: str) -> Any:
    """A getter showing a whole number with its sign (+2, -5, 0)."""

    def shown(record: dict[str, Any]) -> str:
        value = record.get(key)
        return "" if value is None else f"{value:+d}" if value else "0"

    return shown


COUNT_COLUMNS = (
    Column("number", "col.stocktake_part"),
    Column("name", "col.stocktake_part_name"),
    Column("unit", "col.stocktake_unit"),
    Column("booked", "col.stocktake_booked"),
    Column("counted", "col.stocktake_counted"),
    Column("difference", "col.stocktake_difference", getter=_signed("difference")),
    Column("value", "col.stocktake_value"),
    Column("counted_by", "col.stocktake_counted_by"),
    Column("counted_at", "col.stocktake_counted_at", "time"),
)
UNCOUNTED_COLUMNS = (
    Column("number", "col.stocktake_part"),
    Column("name", "col.stocktake_part_name"),
    Column("unit", "col.stocktake_unit"),
    Column("on_hand", "col.stocktake_on_hand"),
)
LIST_COLUMNS = (
    Column("number", "col.stocktake_number"),
    Column("status", "col.status", "enum", "stocktake_status."),
    Column("started_at", "col.stocktake_started_at", "time"),
    Column("started_by", "col.stocktake_started_by"),
    Column("finished_at", "col.stocktake_finished_at", "time"),
    Column("finished_by", "col.stocktake_finished_by"),
    Column("counted", "col.stocktake_counted_parts"),
    Column("differences", "col.stocktake_differences"),
    Column("note", "col.stocktake_note"),
)

StocktakeArg = Annotated[
    str | None,
    typer.Argument(help="Stocktake number (ST2612-01) or id; default the open one, else the last."),
]
PartArg = Annotated[
    str, typer.Argument(help="The part counted: its number 配件编号, e.g. KS-V100.")
]
CountedArg = Annotated[int, typer.Argument(help="How many are on the shelf (0 or more).")]


@contextmanager
def _writing(ctx: typer.Context) -> Iterator[tuple[AppContext, Session, Stamp]]:
    """One write transaction, acting now."""
    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        yield app_ctx, s, app_ctx.stamp()


@stocktake_app.command("start")
def start(
    ctx: typer.Context,
    note: Annotated[
        str | None, typer.Option("--note", help="What is counted, e.g. the year-end full count.")
    ] = None,
) -> None:
    """Start a stocktake 盘点 (one at a time); receipts and issues go on meanwhile.

    Example: shouhou part stocktake start --note "年终全面盘点"
    """
    from shouhou.services.parts import stocktake

    with _writing(ctx) as (app_ctx, s, stamp):
        started = stocktake.start(s, stamp, zone=app_ctx.zone, note=note)
        summary = stocktake.open_summary(s)
    assert summary is not None
    message(app_ctx.t("msg.stocktake_started", number=started.number, parts=summary["parts"]))


def _count(ctx: typer.Context, part: str, counted: int) -> None:
    from shouhou.services.parts import stocktake

    with _writing(ctx) as (app_ctx, s, stamp):
        done = stocktake.count(s, stamp, part_number=part, counted=counted)
    row = done.row
    fields = {
        "stocktake": done.stocktake.number,
        "number": done.part.number,
        "unit": done.part.unit,
        "counted": row.counted,
        "booked": row.booked,
        "difference": _signed("difference")({"difference": row.counted - row.booked}),
        "previous": done.previous,
    }
    key = "msg.stocktake_counted" if done.previous is None else "msg.stocktake_recounted"
    message(app_ctx.t(key, **fields))


@stocktake_app.command("count")
def count(ctx: typer.Context, part: PartArg, counted: CountedArg) -> None:
    """Enter a part's counted quantity in the open stocktake, against on-hand now (booked);
    counting it again replaces the count. Nothing is booked until the finish.

    Example: shouhou part stocktake count KS-V100 7
    """
    _count(ctx, part, counted)


@commands.command("count")
def count_alias(ctx: typer.Context, part: PartArg, counted: CountedArg) -> None:
    """Enter a part's counted quantity in the open stocktake (the same as `part stocktake
    count`).

    Example: shouhou part count KS-V100 7
    """
    _count(ctx, part, counted)


@stocktake_app.command("sheet")
def sheet(
    ctx: typer.Context,
    ref: StocktakeArg = None,
    counted: Annotated[
        bool, typer.Option("--counted", help="Only the parts counted already.")
    ] = False,
    uncounted: Annotated[
        bool, typer.Option("--uncounted", help="Only the parts not counted yet.")
    ] = False,
    fmt: DocFormatOption = DocFormat.txt,
    output: OutputOption = None,
) -> None:
    """Print the count sheet 盘点表: every part (or those counted, or not yet counted) with
    its booked quantity, a blank column to write the count, differences and signature lines.

    Example: shouhou part stocktake sheet --uncounted --format pdf --output 盘点表.pdf
    """
    from shouhou.services.parts.stocktake import sheet_context

    if counted and uncounted:
        raise UsageError("err.stocktake_sheet_both")
    parts = "counted" if counted else "uncounted" if uncounted else "all"
    print_document(ctx_of(ctx), "count_sheet", fmt, output, sheet_context, ref, parts=parts)


@stocktake_app.command("show")
def show(
    ctx: typer.Context, ref: StocktakeArg = None, fmt: FormatOption = ListFormat.table
) -> None:
    """Show a stocktake's progress: parts counted and still to count, the differences, the
    audit trail.

    Example: shouhou part stocktake show
    """
    from shouhou.services.parts.stocktake import stocktake_view

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = stocktake_view(s, ref)
    t = app_ctx.t

    def when(key: str) -> str:
        return human_value(app_ctx, "time", view[key])

    progress = str(view["counted"])
    if view["not_counted"] is not None:
        progress = t(
            "stocktake.progress",
            counted=view["counted"],
            parts=view["counted"] + view["not_counted"],
        )
    pairs = [
        ("col.stocktake_number", view["number"]),
        ("col.status", t(f"stocktake_status.{view['status']}")),
        ("col.stocktake_started_at", when("started_at")),
        ("col.stocktake_started_by", view["started_by"]),
        ("col.stocktake_finished_at", when("finished_at")),
        ("col.stocktake_finished_by", view["finished_by"] or ""),
        ("col.stocktake_note", view["note"] or ""),
        ("col.stocktake_counted_parts", progress),
        ("col.stocktake_differences", str(view["differences"])),
        ("col.stocktake_gain_loss", f"+{view['gain']} / {view['loss']}"),
        ("col.stocktake_value", view["value"]),
    ]
    sections = [
        Section("section.stocktake", pairs=pairs),
        Section("section.stocktake_counts", columns=COUNT_COLUMNS, records=view["counts"]),
    ]
    if view["status"] == "open":
        sections.append(
            Section(
                "section.stocktake_uncounted", columns=UNCOUNTED_COLUMNS, records=view["uncounted"]
            )
        )
    sections.append(Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]))
    emit_record(app_ctx, view, sections, fmt.value)


@stocktake_app.command("list")
def list_(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """List the stocktakes, newest first, with parts counted and differences.

    Example: shouhou part stocktake list --format json
    """
    from shouhou.services.parts.stocktake import list_views

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        rows = list_views(s)
    if rows or fmt is not ListFormat.table:
        emit_list(app_ctx, LIST_COLUMNS, rows, fmt.value)
    else:
        message(app_ctx.t("msg.stocktake_none"))


@stocktake_app.command("finish")
def finish(ctx: typer.Context, fmt: FormatOption = ListFormat.table) -> None:
    """Finish the open stocktake: book counted − booked of every counted part as an
    adjustment 盘盈/盘亏 (who and when recorded); parts not counted stay as they are. Prints
    the differences.

    Example: shouhou part stocktake finish
    """
    from shouhou.services.parts import stocktake

    with _writing(ctx) as (app_ctx, s, stamp):
        done = stocktake.finish(s, stamp)
    rows = [{k: v for k, v in row.items() if k != "part_id"} for row in done.differences]
    if fmt is not ListFormat.table:
        emit_list(app_ctx, COUNT_COLUMNS, rows, fmt.value)
        return
    if rows:
        emit_list(app_ctx, COUNT_COLUMNS, rows, "table")
    gain = sum(row["difference"] for row in rows if row["difference"] > 0)
    loss = sum(row["difference"] for row in rows if row["difference"] < 0)
    message(
        app_ctx.t(
            "msg.stocktake_finished",
            number=done.stocktake.number,
            counted=done.counted,
            differences=len(rows),
            gain=gain,
            loss=loss,
            not_counted=done.not_counted,
        )
    )


@stocktake_app.command("cancel")
def cancel(
    ctx: typer.Context,
    reason: Annotated[str, typer.Option("--reason", help="Why the count is dropped.")],
) -> None:
    """Cancel the open stocktake: nothing is booked; its counts stay on record.

    Example: shouhou part stocktake cancel --reason "盘点中断，下周重盘"
    """
    from shouhou.services.parts import stocktake

    with _writing(ctx) as (app_ctx, s, stamp):
        dropped = stocktake.cancel(s, stamp, reason=reason)
    message(app_ctx.t("msg.stocktake_cancelled", number=dropped.number))
