"""``ticket loan``, ``ticket loan-return``, ``ticket return``: spare units and return/exchange."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from shouhou.cli.ticket.common import TicketArg, acting, app, done
from shouhou.enums import ReturnKind

if TYPE_CHECKING:
    pass


@app.command("loan")
def loan(
    ctx: typer.Context,
    ref: TicketArg,
    unit: Annotated[str, typer.Option(help="Serial of the spare unit 备用机.")],
) -> None:
    """Lend a spare unit while the job cannot be fixed in time.

    Example: shouhou ticket loan SH2611-0042 --unit SPARE-07
    """
    from shouhou.services.tickets.returns import lend

    with acting(ctx) as (app_ctx, s, _rules, stamp):
        ticket, _loan = lend(s, stamp, ref, unit_serial=unit)
        done(app_ctx, "msg.loaned", ticket, unit=unit)


@app.command("loan-return")
def loan_return(
    ctx: typer.Context,
    ref: TicketArg,
    unit: Annotated[str | None, typer.Option(help="Only this unit.")] = None,
) -> None:
    """Record that the spare unit(s) came back.

    Example: shouhou ticket loan-return SH2611-0042
    """
    from shouhou.services.tickets.records import get_ticket
    from shouhou.services.tickets.returns import take_back

    with acting(ctx) as (app_ctx, s, _rules, stamp):
        loans = take_back(s, stamp, ref, unit_serial=unit)
        ticket = get_ticket(s, ref)
        done(
            app_ctx,
            "msg.loan_returned",
            ticket,
            units=", ".join(loan.unit_serial for loan in loans),
        )


@app.command("return")
def return_(
    ctx: typer.Context,
    ref: TicketArg,
    kind: Annotated[ReturnKind, typer.Option(help="return 退货 | exchange 换货.")],
    reason: Annotated[str, typer.Option(help="Customer's reason.")],
    condition: Annotated[str, typer.Option(help="Product condition (complete, opened…).")],
    opinion: Annotated[str, typer.Option(help="Inspection opinion 检验意见.")],
    replacement: Annotated[
        str | None, typer.Option(help="Serial of the replacement unit (exchange).")
    ] = None,
) -> None:
    """Record a return or exchange; an exchange registers the replacement unit.

    Example: shouhou ticket return SH2611-0042 --kind exchange --reason 三包 --condition 完好
    --opinion 同意换货 --replacement S1-R
    """
    from shouhou.services.tickets.returns import record_return

    with acting(ctx) as (app_ctx, s, _rules, stamp):
        ticket, record = record_return(
            s,
            stamp,
            ref,
            kind=kind.value,
            reason=reason,
            condition=condition,
            opinion=opinion,
            replacement_serial=replacement,
        )
        done(
            app_ctx,
            "msg.returned",
            ticket,
            kind=app_ctx.t(f"return.{kind.value}"),
            faulty=record.faulty_serial,
            replacement=record.replacement_serial or "-",
        )
