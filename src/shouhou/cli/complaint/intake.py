"""``complaint new``: whoever takes the complaint records it (首问责任制) — asking on a terminal
for what is missing, as ``ticket new`` does — and is told the number, the deadlines, the
manager a serious or major complaint is reported to, a staff review, and the earlier complaint
it repeats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.choices import CHANNEL, choice_option
from shouhou.cli.common import CUSTOMER_REF_HELP, FormatOption
from shouhou.cli.complaint.common import short_time
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import emit_record, human_value, message, warn
from shouhou.enums import ListFormat
from shouhou.errors import UsageError
from shouhou.vocabulary import COMPLAINT_ABOUT, COMPLAINT_GRADE

if TYPE_CHECKING:
    from shouhou.services.feedback.complaint_intake import Receipt

commands = typer.Typer()


@dataclass
class _Asked:
    customer: str | None
    about: str | None
    grade: str | None
    text: str | None


def _gather(app_ctx: AppContext, asked: _Asked, *, has_ticket: bool) -> _Asked:
    """Ask on a terminal for what is missing (a ticket names the customer); without one, the
    first missing field is exit 2 (``err.not_tty``)."""
    from shouhou.cli.prompts import Choices, ask, ask_choice, ask_until, interactive

    missing = [
        name
        for name, value in (
            ("customer", asked.customer if not has_ticket else "ticket"),
            ("about", asked.about),
            ("grade", asked.grade),
            ("text", asked.text),
        )
        if not value
    ]
    if not missing:
        return asked
    if not interactive():
        raise UsageError("err.not_tty", field=missing[0])
    t = app_ctx.t
    if "customer" in missing:
        with app_ctx.session() as s:
            asked.customer = ask_until(
                t, "customer", "prompt.complaint_customer", lambda text: _customer(app_ctx, s, text)
            )
    if "about" in missing:
        asked.about = ask_choice(
            t, "prompt.complaint_about", Choices(COMPLAINT_ABOUT, "complaint_about.")
        )
    if "grade" in missing:
        asked.grade = ask_choice(
            t,
            "prompt.complaint_grade",
            Choices(COMPLAINT_GRADE, "complaint_grade."),
            default=t("complaint_grade.general"),
        )
    if "text" in missing:
        asked.text = ask(t, "text", "prompt.complaint_text")
    return asked


def _customer(app_ctx: AppContext, session: Any, text: str) -> str:
    """The customer the answer names, said back; its id as the reference."""
    from shouhou.services.customers.customers import resolve_customer

    if not text.strip():
        raise UsageError("err.required", field="customer")
    found = resolve_customer(session, text)
    message(app_ctx.t("msg.complaint_customer", name=found.name, id=found.id))
    return str(found.id)


@commands.command("new")
def new(
    ctx: typer.Context,
    customer: Annotated[str | None, typer.Option("--customer", help=CUSTOMER_REF_HELP)] = None,
    about: Annotated[
        str | None,
        choice_option(
            COMPLAINT_ABOUT,
            "--about",
            help="quality 产品质量 | attitude 服务态度 | timeliness 及时性 | charges 收费 | "
            "other 其他.",
        ),
    ] = None,
    grade: Annotated[
        str | None,
        choice_option(
            COMPLAINT_GRADE,
            "--grade",
            help="general 一般 | serious 严重 | major 重大 (safety, large loss).",
        ),
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="The complaint in the customer's own words.")
    ] = None,
    ticket: Annotated[
        str | None,
        typer.Option("--ticket", help="The ticket it is about (gives customer and device)."),
    ] = None,
    device: Annotated[
        str | None, typer.Option("--device", help="The device it is about: serial or id.")
    ] = None,
    staff: Annotated[
        str | None,
        typer.Option("--staff", help="The staff member it is about (attitude: staff review)."),
    ] = None,
    channel: Annotated[
        str, choice_option(CHANNEL, "--channel", help="How the complaint came in.")
    ] = "phone",
    at: Annotated[
        str | None,
        typer.Option("--at", help="When it was received (default now); deadlines count from it."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the complaint number.")
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Receive a complaint: whoever takes it is its receiver (--as). Prints the number, the
    answer deadline (24 h) and the handling-opinion deadline (2 working days); a serious or
    major one names the manager it is reported to; an attitude complaint naming staff goes to
    staff review; a repeat of an earlier complaint is flagged.

    Prompts for missing fields on a terminal; without one, a missing field is exit 2.

    Example: shouhou --as 小刘 complaint new --customer 天控 --about quality --grade serious
    --text "三个月内第二次漏油" --device KS-001
    """
    from shouhou.services.feedback.complaint_intake import receive_complaint
    from shouhou.services.tickets.sla import load_rules

    app_ctx = ctx_of(ctx)
    received_at = app_ctx.parse_time(at, "at")
    if received_at > app_ctx.now:
        raise UsageError("err.future_time", field="at", value=at)
    asked = _gather(app_ctx, _Asked(customer, about, grade, text), has_ticket=bool(ticket))
    assert asked.about is not None and asked.grade is not None and asked.text is not None
    with app_ctx.session(write=True) as s:
        rules = load_rules(s, zone=app_ctx.zone)
        receipt = receive_complaint(
            s,
            app_ctx.stamp(),
            customer_ref=asked.customer,
            about=asked.about,
            grade=asked.grade,
            text=asked.text,
            received_at=received_at,
            rules=rules,
            ticket_ref=ticket,
            device_ref=device,
            staff=staff,
            channel=channel,
        )
        summary = _summary(receipt)
    if quiet:
        message(summary["number"])
        _warnings(app_ctx, summary)
        return
    if fmt is not ListFormat.table:
        emit_record(app_ctx, summary, [], fmt.value)
        return
    _print(app_ctx, summary)


def _summary(receipt: Receipt) -> dict[str, Any]:
    from shouhou.services.feedback.complaint_views import complaint_view

    view = complaint_view(
        receipt.complaint,
        customer_name=receipt.customer.name,
        ticket_number=receipt.ticket_number,
        device_serial=receipt.device.serial if receipt.device else None,
        recurrence_of=receipt.recurrence.previous_number if receipt.recurrence else None,
    )
    view["recurrence"] = (
        {
            "previous": receipt.recurrence.previous_number,
            "previous_received_at": receipt.recurrence.previous_received_at.isoformat(),
            "reason": receipt.recurrence.reason,
            "window_days": receipt.recurrence.window_days,
        }
        if receipt.recurrence
        else None
    )
    view["rule_based_years"] = receipt.rule_based_years
    return view


def _print(app_ctx: AppContext, summary: dict[str, Any]) -> None:
    t = app_ctx.t
    message(
        t(
            "msg.complaint_received",
            number=summary["number"],
            grade=t(f"complaint_grade.{summary['grade']}"),
            about=t(f"complaint_about.{summary['about']}"),
            by=summary["received_by"],
        )
    )
    message(f"{t('col.customer')}: {summary['customer_name']} (#{summary['customer_id']})")
    if summary["ticket"]:
        message(f"{t('col.ticket')}: {summary['ticket']}")
    if summary["device"]:
        message(f"{t('col.device')}: {summary['device']}")
    message(
        f"{t('complaint.answer_due')}: {human_value(app_ctx, 'time', summary['answer_due_at'])}"
    )
    message(
        f"{t('complaint.opinion_due')}: {human_value(app_ctx, 'time', summary['opinion_due_at'])}"
    )
    if summary["manager"]:
        message(t(f"msg.complaint_reported_{summary['grade']}", manager=summary["manager"]))
    if summary["staff_review"]:
        message(t("msg.complaint_staff_review", staff=summary["staff"]))
    _warnings(app_ctx, summary)


def _warnings(app_ctx: AppContext, summary: dict[str, Any]) -> None:
    """On stderr, also with ``--quiet``: what the receiver must not miss."""
    t = app_ctx.t
    if summary["rule_based_years"]:  # no official holiday schedule for that year yet
        warn(t("warn.rule_based_year", years=", ".join(map(str, summary["rule_based_years"]))))
    recurrence = summary["recurrence"]
    if recurrence:
        warn(
            t(
                f"warn.complaint_recurrence_{recurrence['reason']}",
                previous=recurrence["previous"],
                received=short_time(app_ctx, recurrence["previous_received_at"]),
                days=recurrence["window_days"],
            )
        )
