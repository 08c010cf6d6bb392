"""``shouhou visit done``: the work done, an inspection's checklist (asked item by item on a
terminal, a "not ok" item offering a ticket), a callback's result, a visit done in part."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.choices import choice_option
from shouhou.cli.context import ctx_of
from shouhou.cli.output import message
from shouhou.cli.visit.common import ArrivalOption, VisitArg, says, writing
from shouhou.vocabulary import VISIT_RESULT

commands = typer.Typer()


@commands.command("done")
def done(
    ctx: typer.Context,
    ref: VisitArg,
    work: Annotated[str, typer.Option("--work", help="Work done 工作内容.")],
    signed_by: Annotated[
        str | None, typer.Option("--signed-by", help="Who signed for the customer.")
    ] = None,
    rating: Annotated[
        int | None, typer.Option("--rating", help="Customer's rating, 1 (poor) to 5 (excellent).")
    ] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="Only part of the work was done (give --left).")
    ] = False,
    left: Annotated[
        str | None,
        typer.Option("--left", help="What is left: carried forward as a new due visit."),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", help="When the rest is due (default one day later)."),
    ] = None,
    check: Annotated[
        list[str] | None,
        typer.Option(
            "--check",
            help="A checklist item: ITEM=ok, ITEM=not-ok[:note] or ITEM=VALUE (repeat; ITEM may "
            "be its number).",
        ),
    ] = None,
    open_tickets: Annotated[
        bool,
        typer.Option("--open-tickets", help="Open a ticket for every item not ok, without asking."),
    ] = False,
    result: Annotated[
        str | None,
        choice_option(
            VISIT_RESULT, "--result", help="A callback's result: ok | problem (reopens)."
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="What the customer said (needed for a problem).")
    ] = None,
    engineer: Annotated[
        str | None,
        typer.Option("--engineer", help="Who did it, for a due visit never booked."),
    ] = None,
    at: ArrivalOption = None,
) -> None:
    """Record the work done, the customer's signature and rating; an inspection's checklist
    (asked item by item on a terminal); a callback's result. Done in part (--partial --left),
    the rest becomes a new due visit.

    Example: shouhou visit done VS2612-0001 --work "更换电机" --signed-by 李主任 --rating 5
    """
    from shouhou.services.tickets.sla import load_rules
    from shouhou.services.visits.lifecycle import finish

    checks = list(check or ()) or _ask_checks(ctx, ref)
    with writing(ctx, at) as (app_ctx, s, stamp):
        finished = finish(
            s,
            stamp,
            ref,
            work_done=work,
            rules=load_rules(s, zone=app_ctx.zone),
            zone=app_ctx.zone,
            signed_by=signed_by,
            rating=rating,
            engineer=engineer,
            partial=partial,
            partial_left=left,
            rest_due_at=app_ctx.parse_time(due, "due") if due else None,
            checks=checks,
            result=result,
            note=note,
        )
        visit = finished.visit
        says(app_ctx, "msg.visit_done", visit)
        if finished.follow_up is not None:
            message(
                app_ctx.t(
                    "msg.visit_partial",
                    number=visit.number,
                    follow_up=finished.follow_up.number,
                    due=app_ctx.local(finished.follow_up.due_at),
                )
            )
        if finished.reopened is not None:
            message(app_ctx.t("msg.visit_reopened", ticket=finished.reopened.number))
        elif result == "problem" and visit.ticket_id is None:
            message(app_ctx.t("msg.visit_problem_no_ticket", customer=str(visit.customer_id)))
        not_ok = [c.id for c in finished.checks if c.result == "not_ok" and c.id is not None]
    if not_ok:
        _offer_tickets(ctx, visit.number, not_ok, open_all=open_tickets)


def _ask_checks(ctx: typer.Context, ref: str) -> list[str]:
    """On a terminal, an inspection's checklist item by item (ok / not ok / a value)."""
    from shouhou.cli.prompts import ask_until, interactive

    if not interactive():
        return []
    from shouhou.services.visits.checklists import items_for_visit, parse_answer
    from shouhou.services.visits.records import get_visit

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        visit = get_visit(s, ref)
        if visit.kind != "inspection":
            return []
        items = [(item.position, item.label, item.unit) for item in items_for_visit(s, visit)]
    answers: list[str] = []
    for position, label, unit in items:

        def parse(text: str, ref: str = str(position), unit: str | None = unit) -> str:
            return parse_answer(ref, text, unit=unit)

        answers.append(
            ask_until(app_ctx.t, "check", "prompt.check_item", parse, label=label, unit=unit or "")
        )
    return answers


def _offer_tickets(
    ctx: typer.Context, number: str, check_ids: list[int], *, open_all: bool
) -> None:
    """A "not ok" checklist item offers a ticket (issue 11): asked on a terminal, opened for
    all with --open-tickets, otherwise a hint. Each ticket is opened in its own transaction."""
    from shouhou.cli.prompts import confirm, interactive
    from shouhou.models import VisitCheck
    from shouhou.services.tickets.sla import load_rules
    from shouhou.services.visits.checklists import open_ticket_for
    from shouhou.services.visits.records import get_visit

    app_ctx = ctx_of(ctx)
    for check_id in check_ids:
        with app_ctx.session() as s:
            label = s.get(VisitCheck, check_id)
            text = label.label if label is not None else ""
        wanted = open_all or (
            interactive() and confirm(app_ctx.t, "prompt.check_ticket", item=text)
        )
        if not wanted:
            message(app_ctx.t("msg.check_ticket_hint", item=text, visit=number))
            continue
        with app_ctx.session(write=True) as s:
            row = s.get(VisitCheck, check_id)
            assert row is not None
            visit = get_visit(s, number)
            ticket = open_ticket_for(
                s, app_ctx.stamp(), row, visit, load_rules(s, zone=app_ctx.zone)
            )
            message(app_ctx.t("msg.check_ticket_opened", item=text, ticket=ticket.number))
