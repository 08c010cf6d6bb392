"""The state-machine commands: assign, respond, mode, arrive, diagnose, resolve, close, reopen,
cancel, escalate, wait, resume."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.choices import CAUSE, MODE, choice_argument, choice_option
from shouhou.cli.context import AppContext
from shouhou.cli.output import message
from shouhou.cli.ticket.common import AtOption, TicketArg, acting, app, done
from shouhou.cli.ticket.intake import repeat_view, warn_repeat

if TYPE_CHECKING:
    pass


@app.command("assign")
def assign(
    ctx: typer.Context,
    ref: TicketArg,
    engineer: Annotated[str, typer.Argument(help="Engineer's name.")],
) -> None:
    """Assign (or re-assign) the ticket to an engineer.

    Example: shouhou ticket assign SH2611-0042 王工
    """
    from shouhou.services.tickets.lifecycle import assign as do_assign

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_assign(s, stamp, ref, engineer, rules)
        done(app_ctx, "msg.assigned", ticket, engineer=engineer)


@app.command("respond")
def respond(
    ctx: typer.Context,
    ref: TicketArg,
    note: Annotated[str | None, typer.Option(help="What was told.")] = None,
    at: AtOption = None,
) -> None:
    """Record the first reply to the customer (stops the reply clock).

    Example: shouhou ticket respond SH2611-0042 --note "已电话指导重启"
    """
    from shouhou.services.tickets.lifecycle import respond as do_respond

    with acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_respond(s, stamp, ref, rules, note)
        done(app_ctx, "msg.responded", ticket)


@app.command("mode")
def mode(
    ctx: typer.Context,
    ref: TicketArg,
    support: Annotated[
        str,
        choice_argument(
            MODE, help="phone 电话 | remote 远程 | onsite 上门 | depot 返厂 (return to factory)."
        ),
    ],
) -> None:
    """Confirm the support mode (on-site starts the on-site deadline; depot — return to factory
    — makes the repair due 5 working days after intake).

    Example: shouhou ticket mode SH2611-0042 onsite
    """
    from shouhou.cli.output import human_value
    from shouhou.services.tickets.lifecycle import set_mode
    from shouhou.timeutil import iso_utc

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = set_mode(s, stamp, ref, support, rules)
        done(app_ctx, "msg.mode_set", ticket, mode=app_ctx.t(f"mode.{support}"))
        if support == "depot":
            due = human_value(app_ctx, "time", iso_utc(ticket.resolve_due_at))
            budget = rules.policies[ticket.severity].depot_resolve
            text = str(budget)
            if budget.minutes == 0:
                text = app_ctx.t("budget.working_days", n=budget.working_days)
            message(app_ctx.t("msg.depot_due", due=due, budget=text))


@app.command("arrive")
def arrive(ctx: typer.Context, ref: TicketArg, at: AtOption = None) -> None:
    """Record arrival on site (stops the on-site clock); a repair visit booked for the ticket
    starts with it.

    Example: shouhou ticket arrive SH2611-0042 --at "2026-11-23 15:10"
    """
    from shouhou.cli.visit.common import started_line
    from shouhou.services.visits.lifecycle import arrive as do_arrive

    with acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket, visit = do_arrive(s, stamp, ref, rules)
        done(app_ctx, "msg.arrived", ticket, at=app_ctx.local(stamp.at))
        if visit is not None:
            message(started_line(app_ctx, visit))


@app.command("diagnose")
def diagnose(
    ctx: typer.Context,
    ref: TicketArg,
    cause: Annotated[
        str,
        choice_option(
            CAUSE, "--cause", help="Cause of the fault (decides who pays), English or Chinese."
        ),
    ],
    finding: Annotated[str, typer.Option(help="What was found 检测结果.")],
    category: Annotated[str | None, typer.Option(help="Fault category (repeat checks).")] = None,
    component: Annotated[
        str | None,
        typer.Option(help="Faulty component, e.g. motor (default: as at intake, else whole unit)."),
    ] = None,
) -> None:
    """Record diagnosis, cause and faulty component; the component's warranty term at the fault
    date and the cause decide free or chargeable.

    Example: shouhou ticket diagnose SH2611-0042 --cause quality --finding "电机烧毁"
    --component motor
    """
    from shouhou.services.tickets.lifecycle import diagnose as do_diagnose

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket, repeat = do_diagnose(
            s,
            stamp,
            ref,
            cause=cause,
            finding=finding,
            rules=rules,
            category=category,
            component=component,
        )
        verdict = app_ctx.t("charge.chargeable" if ticket.chargeable else "charge.free")
        done(
            app_ctx,
            "msg.diagnosed",
            ticket,
            cause=app_ctx.t(f"cause.{cause}"),
            verdict=verdict,
        )
        if _verdict_needs_saying(ticket):
            message(_diagnosis_verdict(app_ctx, ticket))
        if repeat is not None:
            warn_repeat(app_ctx, repeat_view(repeat))


def _verdict_needs_saying(ticket: Any) -> bool:
    """The one-line verdict does not say why: a component's own term, a void, unknown or
    contract cover (whole unit in or out of warranty goes without saying)."""
    if ticket.device_id is None or not ticket.warranty_note:
        return False
    own_term = ticket.component not in (None, "unit")
    return own_term or ticket.warranty_note in ("void", "unknown", "under_contract")


def _diagnosis_verdict(app_ctx: AppContext, ticket: Any) -> str:
    """Why free or chargeable: the component's warranty state, or the excluded cause."""
    t = app_ctx.t
    state = ticket.warranty_note
    text = t(f"verdict.{state}") if state in ("void", "unknown") else t(f"warranty.{state}")
    if ticket.in_warranty and ticket.chargeable:
        text += t("verdict.cause_excluded", cause=t(f"cause.{ticket.cause}"))
    name = ticket.component or "unit"
    return t(
        "verdict.diagnosis",
        component=t("component.unit") if name == "unit" else name,
        text=text,
    )


@app.command("resolve")
def resolve(
    ctx: typer.Context,
    ref: TicketArg,
    action: Annotated[str, typer.Option(help="Work done 处理措施.")],
    at: AtOption = None,
    uncertain: Annotated[
        bool,
        typer.Option(
            "--uncertain",
            help="The engineer is not sure the fix holds: a callback 3 h later "
            "(callback.uncertain_fix).",
        ),
    ] = False,
) -> None:
    """Mark the fault fixed (refused while an approval is missing).

    Creates the callback DOMAIN §3 calls for: 2 h after phone advice, 3 h after an uncertain
    fix, within 7 days after a major repair (severity 1-2, or a bill above the approval
    threshold); the earliest one when several apply (settings callback.*).

    Example: shouhou ticket resolve SH2611-0042 --action "更换阀片，试机正常" --uncertain
    """
    from shouhou.services.visits.callbacks import resolve_ticket

    with acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket, callbacks = resolve_ticket(
            s, stamp, ref, action=action, uncertain=uncertain, rules=rules
        )
        done(app_ctx, "msg.resolved", ticket)
        for visit in callbacks:
            message(callback_line(app_ctx, visit))


def callback_line(app_ctx: AppContext, visit: Any) -> str:
    """ "Callback VS2611-0001 due by 2026-11-23 13:00 (after an uncertain fix)"."""
    return app_ctx.t(
        "msg.callback_due",
        number=visit.number,
        due=app_ctx.local(visit.due_at),
        origin=visit.origin,
    )


@app.command("close")
def close(
    ctx: typer.Context,
    ref: TicketArg,
    quality: Annotated[
        int | None, typer.Option(min=1, max=5, help="Customer's rating of quality 1-5.")
    ] = None,
    attitude: Annotated[
        int | None, typer.Option(min=1, max=5, help="Customer's rating of attitude 1-5.")
    ] = None,
    resolution: Annotated[
        int | None,
        typer.Option(min=1, max=5, help="Customer's rating of the fault resolution 1-5."),
    ] = None,
    timeliness: Annotated[
        int | None, typer.Option(min=1, max=5, help="Customer's rating of timeliness 1-5.")
    ] = None,
) -> None:
    """Close after the callback confirmed the fix.

    Scores the customer gives become a service survey of the ticket (`shouhou survey show`);
    a score of 2 or less creates a follow-up callback.

    Example: shouhou ticket close SH2611-0042 --quality 5 --attitude 5
    """
    from shouhou.cli.survey import say_recorded
    from shouhou.services.feedback.surveys import close_ticket

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket, recorded = close_ticket(
            s,
            stamp,
            ref,
            rules,
            quality=quality,
            attitude=attitude,
            resolution=resolution,
            timeliness=timeliness,
        )
        done(app_ctx, "msg.closed", ticket)
        if recorded is not None:
            say_recorded(app_ctx, recorded, about=ticket.number)


@app.command("reopen")
def reopen(
    ctx: typer.Context,
    ref: TicketArg,
    reason: Annotated[str, typer.Option(help="Why (e.g. callback found it back).")],
) -> None:
    """Reopen a resolved or closed ticket; missed deadlines stay recorded as missed.

    Example: shouhou ticket reopen SH2611-0042 --reason "回访发现故障复现"
    """
    from shouhou.services.tickets.lifecycle import reopen as do_reopen

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_reopen(s, stamp, ref, reason=reason, rules=rules)
        done(app_ctx, "msg.reopened", ticket)


@app.command("cancel")
def cancel(
    ctx: typer.Context,
    ref: TicketArg,
    reason: Annotated[str, typer.Option(help="Why (e.g. misreport 误报).")],
) -> None:
    """Cancel a ticket (customer misreport); the customer still gets a callback. Parts issued
    to it go back to stock.

    Example: shouhou ticket cancel SH2611-0042 --reason "误报：未接电源"
    """
    from shouhou.cli.part.issuing import say_moves
    from shouhou.services.parts.issuing import cancel_ticket

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket, moves = cancel_ticket(s, stamp, ref, reason=reason, rules=rules)
        done(app_ctx, "msg.cancelled", ticket)
        say_moves(app_ctx, ticket.number, moves)


@app.command("escalate")
def escalate(
    ctx: typer.Context,
    ref: TicketArg,
    to: Annotated[str | None, typer.Option("--to", help="Who takes it over.")] = None,
) -> None:
    """Escalate 升级: first to the supervisor, then to the manager.

    Example: shouhou ticket escalate SH2611-0042 --to 李经理
    """
    from shouhou.services.tickets.lifecycle import escalate as do_escalate

    with acting(ctx) as (app_ctx, s, rules, stamp):
        ticket = do_escalate(s, stamp, ref, to=to, rules=rules)
        done(
            app_ctx,
            "msg.escalated",
            ticket,
            to=ticket.escalated_to,
            level=app_ctx.t(f"escalation.{ticket.escalation_level}"),
        )


@app.command("wait")
def wait(
    ctx: typer.Context,
    ref: TicketArg,
    reason: Annotated[str, typer.Option(help="Waiting on what (customer, parts).")],
    at: AtOption = None,
) -> None:
    """Pause the deadlines while waiting on the customer or on parts.

    Example: shouhou ticket wait SH2611-0042 --reason "等待配件"
    """
    from shouhou.services.tickets.lifecycle import wait as do_wait

    with acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_wait(s, stamp, ref, reason=reason, rules=rules)
        done(app_ctx, "msg.waiting", ticket, reason=reason)


@app.command("resume")
def resume(ctx: typer.Context, ref: TicketArg, at: AtOption = None) -> None:
    """End the pause; deadlines move back by the paused working time.

    Example: shouhou ticket resume SH2611-0042
    """
    from shouhou.services.tickets.lifecycle import resume as do_resume

    with acting(ctx, at) as (app_ctx, s, rules, stamp):
        ticket = do_resume(s, stamp, ref, rules)
        done(app_ctx, "msg.resumed", ticket)
