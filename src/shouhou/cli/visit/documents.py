"""``visit sheet`` and ``visit route``: the printed visit record 上门服务记录 / inspection record
巡检记录 and the day's route sheet 派工单 (issue 11), through the same document machinery as
``ticket sheet`` (``cli/documents.py``: formats, ``--output``, PDF).

The commands are defined on ``commands`` and added to the ``visit`` group at the end of
``cli/visit.py``; this module does not import ``cli/visit.py`` (no import cycle).
"""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.context import ctx_of
from shouhou.cli.documents import DocFormatOption, OutputOption, print_document
from shouhou.cli.visit.common import VisitArg
from shouhou.enums import DocFormat

commands = typer.Typer()


@commands.command("sheet")
def sheet(
    ctx: typer.Context,
    ref: VisitArg,
    fmt: DocFormatOption = DocFormat.txt,
    output: OutputOption = None,
) -> None:
    """Print the visit record 上门服务记录 — for an inspection the inspection record 巡检记录 —
    with team, arrival, work done, what is left, the checklist and signature lines (A4).

    Example: shouhou visit sheet VS2612-0001 --format pdf --output VS2612-0001.pdf
    """
    from shouhou.services.visits.documents import sheet_context

    print_document(ctx_of(ctx), "visit_sheet", fmt, output, sheet_context, ref)


@commands.command("route")
def route(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option("--day", "--date", help="The day of the route (default today).")
    ] = None,
    engineer: Annotated[
        str | None,
        typer.Option("--engineer", help="Only this engineer's visits (as lead or helper)."),
    ] = None,
    fmt: DocFormatOption = DocFormat.txt,
    output: OutputOption = None,
) -> None:
    """Print the day's route sheet 派工单: per engineer, the visits they lead or help on in
    appointment order, with customer, address, contact, device, ticket and blank columns for
    arrival, departure and the customer's signature (A4 landscape, an engineer a page).

    Example: shouhou visit route --day tomorrow --engineer 王工 --format pdf --output route.pdf
    """
    from shouhou.services.visits.documents import route_context
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    on = parse_date(day, field="day", today=app_ctx.today) if day else app_ctx.today
    print_document(app_ctx, "route_sheet", fmt, output, route_context, day=on, engineer=engineer)
