"""``part issue|restock|cores|core-returned``: parts to and from a ticket's bill with their
stock, and old parts 旧件 owed back to the factory (DOMAIN §4, issue 12 items 3 and 6).

:func:`say_moves` also speaks for ``ticket charge`` and ``ticket cancel``, which move stock
through ``services.parts.issuing`` too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from shouhou.cli.common import FormatOption, LimitOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, emit_list, message, warn
from shouhou.enums import ListFormat

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp
    from shouhou.services.parts.issuing import Movement
    from shouhou.services.tickets.sla import Rules

commands = typer.Typer()

CORE_COLUMNS = (
    Column("id", "col.core_id"),
    Column("ticket", "col.ticket"),
    Column("customer", "col.customer"),
    Column("number", "col.core_part"),
    Column("name", "col.core_name"),
    Column("quantity", "col.quantity"),
    Column("unit", "col.core_unit"),
    Column("issued_at", "col.core_issued_at", "time"),
    Column("age_days", "col.core_age"),
    Column("returned_at", "col.core_returned_at", "time"),
    Column("returned_by", "col.core_returned_by"),
    Column("note", "col.core_note"),
)

PartArg = Annotated[str, typer.Argument(help="The catalogue part number 配件编号, e.g. KS-V100.")]
QuantityArg = Annotated[int, typer.Argument(help="How many, in whole units of the part.")]
TicketOption = Annotated[
    str,
    typer.Option("--ticket", help="The ticket the part goes to or comes back from (number or id)."),
]


@contextmanager
def _writing(ctx: typer.Context) -> Iterator[tuple[AppContext, Session, Rules, Stamp]]:
    """One write transaction with the ticket rules (settings) and the acting stamp."""
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        yield app_ctx, s, load_rules(s, zone=app_ctx.zone), app_ctx.stamp()


def say_moves(app_ctx: AppContext, ticket: str, moves: Sequence[Movement]) -> None:
    """One line per stock movement (stdout); old parts now owed, or no longer, on stderr."""
    t = app_ctx.t
    for move in moves:
        fields = {
            "ticket": ticket,
            "number": move.number,
            "unit": move.unit,
            "quantity": abs(move.quantity),
            "left": move.left,
        }
        message(t("msg.issue_issued" if move.issued else "msg.issue_returned", **fields))
        if move.approved_by:
            message(t("msg.issue_approved", name=move.approved_by))
        if move.cores_opened:
            warn(t("warn.core_owed", **{**fields, "quantity": move.cores_opened}))
        if move.cores_cancelled:
            warn(t("warn.core_cancelled", **{**fields, "quantity": move.cores_cancelled}))


@commands.command("issue")
def issue(
    ctx: typer.Context,
    number: PartArg,
    quantity: QuantityArg,
    ticket: TicketOption,
    approved_by: Annotated[
        str | None,
        typer.Option(
            "--approved-by",
            help="Approver (supervisor or above, not on the job): needed for a key part or "
            "a value above the setting parts.approval_threshold.",
        ),
    ] = None,
) -> None:
    """Issue a part to a ticket 领用: QTY more on the ticket's bill (at the catalogue price)
    and out of stock in one step. Refused when the shelf has fewer (it says how many are
    left).

    Example: shouhou part issue KS-V100 1 --ticket SH2611-0042 --approved-by 周主管
    """
    from shouhou.services.parts.issuing import issue_to_ticket

    with _writing(ctx) as (app_ctx, s, rules, stamp):
        charged = issue_to_ticket(
            s, stamp, ticket, number, quantity, rules=rules, approved_by=approved_by
        )
        say_moves(app_ctx, charged.ticket.number, charged.moves)


@commands.command("restock")
def restock(
    ctx: typer.Context, number: PartArg, quantity: QuantityArg, ticket: TicketOption
) -> None:
    """Return a part from a ticket to stock 退库: QTY off the ticket's bill and back on the
    shelf (an old part owed for it is owed no more).

    Example: shouhou part restock KS-F020 1 --ticket SH2611-0042
    """
    from shouhou.services.parts.issuing import restock_from_ticket

    with _writing(ctx) as (app_ctx, s, rules, stamp):
        charged = restock_from_ticket(s, stamp, ticket, number, quantity, rules=rules)
        say_moves(app_ctx, charged.ticket.number, charged.moves)


@commands.command("cores")
def cores(
    ctx: typer.Context,
    pending: Annotated[
        bool, typer.Option("--pending", help="Only old parts not yet returned.")
    ] = False,
    ticket: Annotated[
        str | None, typer.Option("--ticket", help="Only the old parts of this ticket.")
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List old parts 旧件 owed back to the factory, oldest first, with their age in days
    (since the issue; for a returned one, until it went back).

    Example: shouhou part cores --pending
    """
    from shouhou.services.parts.cores import iter_core_views

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        rows = list(
            iter_core_views(
                s,
                now=app_ctx.now,
                zone=app_ctx.zone,
                pending_only=pending,
                ticket_ref=ticket,
                limit=limit,
            )
        )
    if rows or fmt is not ListFormat.table:
        emit_list(app_ctx, CORE_COLUMNS, rows, fmt.value)
    else:
        message(app_ctx.t("msg.cores_none"))


@commands.command("core-returned")
def core_returned(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            help="Old-part return id (from part cores), or a part number with --ticket."
        ),
    ],
    ticket: Annotated[
        str | None,
        typer.Option("--ticket", help="With a part number: every pending one of that ticket."),
    ] = None,
    quantity: Annotated[
        int | None,
        typer.Option("--quantity", min=1, help="Only this many of it came back (default all)."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Waybill, factory receipt, remarks.")
    ] = None,
) -> None:
    """Mark an old part 旧件 as returned to the factory; a warranty claim it blocked is free.

    Example: shouhou part core-returned 12 --note "顺丰 SF1234567890"
    """
    from shouhou.errors import UsageError
    from shouhou.services.parts.cores import mark_returned, mark_returned_for

    with _writing(ctx) as (app_ctx, s, _rules, stamp):
        if ticket is not None:
            if quantity is not None:
                raise UsageError("err.core_quantity_with_ticket", ticket=ticket)
            rows, part, owner = mark_returned_for(s, stamp, ref, ticket, note=note)
        else:
            digits = ref.strip().lstrip("#")
            if not digits.isdigit() or len(digits) > 9:
                raise UsageError("err.core_ref", ref=ref)
            row, part, owner = mark_returned(s, stamp, int(digits), quantity=quantity, note=note)
            rows = [row]
        message(
            app_ctx.t(
                "msg.core_returned",
                number=part.number,
                quantity=sum(r.quantity for r in rows),
                unit=part.unit,
                ticket=owner.number,
                ids=", #".join(str(r.id) for r in rows),
            )
        )
