"""``ticket sheet`` and ``ticket slip``: the printed service report and return slip."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.context import ctx_of
from shouhou.cli.ticket.common import TicketArg, app
from shouhou.enums import DocFormat

if TYPE_CHECKING:
    pass


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
