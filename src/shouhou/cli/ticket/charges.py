"""``ticket charge`` and ``ticket approve``: parts, labour and travel; approval by an entitled
user who had no hand in the job (DOMAIN §1)."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.output import warn
from shouhou.cli.ticket.common import TicketArg, acting, app, done


@app.command("charge")
def charge(
    ctx: typer.Context,
    ref: TicketArg,
    labor_hours: Annotated[str | None, typer.Option(help="Labour hours 工时.")] = None,
    rate: Annotated[
        str | None, typer.Option(help="Hourly rate (default: config labor.rate).")
    ] = None,
    travel: Annotated[str | None, typer.Option(help="Travel cost 差旅费.")] = None,
    part: Annotated[
        list[str] | None,
        typer.Option(
            help="Part line PART_NUMBER:QTY (name and price from the parts catalogue) or "
            "NAME:QTY:UNIT_PRICE (a typed price overrides the catalogue's); repeatable, "
            "replaces earlier part lines."
        ),
    ] = None,
    waive: Annotated[
        bool, typer.Option("--waive", help="Free of charge (needs approval out of warranty).")
    ] = False,
    approved_by: Annotated[
        str | None,
        typer.Option(
            "--approved-by",
            help="Approver of the parts issued (supervisor or above, not on the job): needed "
            "for a key part or a value above the setting parts.approval_threshold.",
        ),
    ] = None,
) -> None:
    """Compute the repair bill: parts + labour hours × rate + travel. A part number from the
    parts catalogue (`shouhou import parts`) brings its name and price.

    A catalogue part is issued from stock in the same step (refused when the shelf has too
    few); fewer parts than before go back to stock.

    Example: shouhou ticket charge SH2611-0042 --labor-hours 3 --travel 200 --part KS-F020:2
    """
    from shouhou.cli.part.issuing import say_moves
    from shouhou.services.parts.issuing import charge_ticket
    from shouhou.services.tickets.charges import (
        approval_requirement,
        parse_hours,
        parse_part,
        payable,
    )
    from shouhou.timeutil import parse_money

    hours = parse_hours(labor_hours) if labor_hours is not None else None
    the_rate = parse_money(rate, field="rate") if rate is not None else None
    the_travel = parse_money(travel, field="travel") if travel is not None else None
    parts = [parse_part(p) for p in part] if part else None
    with acting(ctx) as (app_ctx, s, rules, stamp):
        charged = charge_ticket(
            s,
            stamp,
            ref,
            rules=rules,
            labor_hours=hours,
            rate=the_rate,
            travel=the_travel,
            parts=parts,
            waive=waive,
            approved_by=approved_by,
        )
        ticket, totals = charged.ticket, charged.totals
        done(
            app_ctx,
            "msg.charged",
            ticket,
            parts=totals.parts,
            labor=totals.labor,
            travel=totals.travel,
            total=totals.total,
            payable=payable(ticket, totals),
            currency=rules.settings["currency"],
        )
        say_moves(app_ctx, ticket.number, charged.moves)
        needed = approval_requirement(s, ticket, rules)
        if needed is not None:
            warn(app_ctx.t("warn.approval_needed", number=ticket.number, reason=needed.reason))


@app.command("approve")
def approve(ctx: typer.Context, ref: TicketArg) -> None:
    """Approve the repair before the work: a manager for an estimate (or a 三包 repair's cost
    to the firm) above the threshold, the general manager for a free repair out of warranty —
    never someone who worked on the job (assigned, on site, diagnosed, charged).

    Example: shouhou --as 李经理 ticket approve SH2611-0042
    """
    from shouhou.services.tickets.charges import approve as do_approve

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket, reason = do_approve(s, stamp, ref, rules)
        done(app_ctx, "msg.approved", ticket, actor=ticket.approved_by, reason=reason)
