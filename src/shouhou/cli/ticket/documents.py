"""``ticket sheet`` and ``ticket slip``: the printed service report and return slip."""

from __future__ import annotations

import typer

from shouhou.cli.context import ctx_of
from shouhou.cli.documents import DocFormatOption, OutputOption, print_document
from shouhou.cli.ticket.common import TicketArg, app
from shouhou.enums import DocFormat


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

    print_document(ctx_of(ctx), "ticket_sheet", fmt, output, sheet_context, ref)


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
    from shouhou.services.parts.cores import slip_context  # with the old parts 旧件 (issue 12)

    print_document(ctx_of(ctx), "return_slip", fmt, output, slip_context, ref)
