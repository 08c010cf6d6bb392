"""``complaint respond|resolve|close|reopen``: the first answer, the handling opinion with its
corrective and preventive action, closing with (or explicitly without) the customer's
confirmation, and reopening (DOMAIN §5)."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.complaint.common import AtOption, ComplaintArg, met_text, writing
from shouhou.cli.output import human_value, message
from shouhou.errors import UsageError

commands = typer.Typer()


@commands.command("respond")
def respond(
    ctx: typer.Context,
    ref: ComplaintArg,
    note: Annotated[str, typer.Option("--note", help="What the customer was told.")],
    at: AtOption = None,
) -> None:
    """Record the first answer to the customer (due within 24 h of receipt): says whether it
    was on time.

    Example: shouhou --as 李经理 complaint respond CP2609-0001 --note "已致电致歉，明日上门"
    """
    from shouhou.services.feedback.complaints import respond as answer

    with writing(ctx, at) as (app_ctx, s, stamp, _rules):
        complaint = answer(s, stamp, ref, note=note)
        message(
            app_ctx.t(
                "msg.complaint_answered",
                number=complaint.number,
                verdict=met_text(app_ctx, complaint.answer_late_min),
            )
        )


@commands.command("resolve")
def resolve(
    ctx: typer.Context,
    ref: ComplaintArg,
    cause: Annotated[str, typer.Option("--cause", help="The cause found by the investigation.")],
    action: Annotated[
        str, typer.Option("--action", help="The corrective action agreed with the customer.")
    ],
    prevent: Annotated[
        str | None, typer.Option("--prevent", help="The preventive action, so it does not recur.")
    ] = None,
    at: AtOption = None,
) -> None:
    """Give the handling opinion (due within 2 working days of receipt): cause, corrective and
    preventive action (CAPA). Complaints with the same cause are linked as recurrences.

    Example: shouhou --as 李经理 complaint resolve CP2609-0001 --cause "密封圈批次不良"
    --action "免费更换密封圈" --prevent "该批次密封圈全部召回，入厂检验加严"
    """
    from shouhou.cli.output import warn
    from shouhou.services.feedback.complaints import resolve as give_opinion

    with writing(ctx, at) as (app_ctx, s, stamp, rules):
        done = give_opinion(
            s, stamp, ref, cause=cause, action=action, prevention=prevent, rules=rules
        )
        t = app_ctx.t
        complaint = done.complaint
        message(
            t(
                "msg.complaint_resolved",
                number=complaint.number,
                verdict=met_text(app_ctx, complaint.opinion_late_min),
            )
        )
        if done.recurrence is not None:
            warn(t("warn.complaint_same_cause", previous=done.recurrence.previous_number))
        if done.linked_later:
            warn(t("warn.complaint_cause_later", numbers=", ".join(done.linked_later)))


@commands.command("close")
def close(
    ctx: typer.Context,
    ref: ComplaintArg,
    confirmed: Annotated[
        bool, typer.Option("--confirmed", help="The customer confirmed the handling.")
    ] = False,
    by: Annotated[
        str | None, typer.Option("--by", help="Who confirmed for the customer (with --confirmed).")
    ] = None,
    unconfirmed: Annotated[
        bool,
        typer.Option("--unconfirmed", help="Close without the customer's confirmation (--reason)."),
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Why it is closed without confirmation (--unconfirmed)."),
    ] = None,
    at: AtOption = None,
) -> None:
    """Close a resolved complaint: with the customer's confirmation recorded (--confirmed
    [--by NAME]), or explicitly without it (--unconfirmed --reason TEXT). One of the two is
    required.

    Example: shouhou complaint close CP2609-0001 --confirmed --by 张经理
    """
    from shouhou.services.feedback.complaints import close as finish

    if confirmed == unconfirmed or (confirmed and reason) or (unconfirmed and by):
        raise UsageError("err.complaint_close_how")
    if unconfirmed and not (reason or "").strip():
        raise UsageError("err.required", field="reason")
    with writing(ctx, at) as (app_ctx, s, stamp, _rules):
        complaint = finish(s, stamp, ref, confirmed=confirmed, by=by, reason=reason)
        if confirmed:
            key = "msg.complaint_closed_by" if complaint.close_note else "msg.complaint_closed"
        else:
            key = "msg.complaint_closed_unconfirmed"
        message(app_ctx.t(key, number=complaint.number, by=complaint.close_note or ""))


@commands.command("reopen")
def reopen(
    ctx: typer.Context,
    ref: ComplaintArg,
    reason: Annotated[
        str, typer.Option("--reason", help="Why: what the customer is still not satisfied with.")
    ],
    at: AtOption = None,
) -> None:
    """Reopen a resolved or closed complaint: a new handling opinion is due within 2 working
    days of now.

    Example: shouhou complaint reopen CP2609-0001 --reason "客户反映更换后仍漏油"
    """
    from shouhou.services.feedback.complaints import reopen as again

    with writing(ctx, at) as (app_ctx, s, stamp, rules):
        complaint = again(s, stamp, ref, reason=reason, rules=rules)
        message(
            app_ctx.t(
                "msg.complaint_reopened",
                number=complaint.number,
                due=human_value(app_ctx, "time", complaint.opinion_due_at),
            )
        )
