"""``complaint list|show|form``: complaints by receipt (open, overdue, recurring, of a
customer, of a grade), one complaint with its deadlines and trail, and the printed complaint
handling form 投诉处理单 (through ``cli/documents.py``: formats, ``--output``, PDF)."""

from __future__ import annotations

from typing import Annotated

import typer

from shouhou.cli.choices import choice_option
from shouhou.cli.common import TIMELINE_COLUMNS, CustomerFilter, FormatOption, LimitOption
from shouhou.cli.complaint.common import ComplaintArg, columns, met_text
from shouhou.cli.context import ctx_of
from shouhou.cli.documents import DocFormatOption, OutputOption, print_document
from shouhou.cli.output import Section, emit_list, emit_record, message
from shouhou.enums import DocFormat, ListFormat
from shouhou.vocabulary import COMPLAINT_ABOUT, COMPLAINT_GRADE, COMPLAINT_STATUS

commands = typer.Typer()


@commands.command("list")
def list_(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help="Only complaints not closed.")] = False,
    overdue: Annotated[
        bool,
        typer.Option("--overdue", help="Only complaints whose answer or opinion is overdue."),
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 3 when anything is listed (for cron).")
    ] = False,
    recurring: Annotated[
        bool,
        typer.Option("--recurring", help="Only repeated complaints, each followed by its repeats."),
    ] = False,
    customer: CustomerFilter = None,
    grade: Annotated[
        str | None, choice_option(COMPLAINT_GRADE, "--grade", help="Only this grade.")
    ] = None,
    status: Annotated[
        str | None, choice_option(COMPLAINT_STATUS, "--status", help="Only this state.")
    ] = None,
    about: Annotated[
        str | None, choice_option(COMPLAINT_ABOUT, "--about", help="Only this subject.")
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List complaints by receipt time, with the deadline due next or what is overdue.

    Example: shouhou complaint list --overdue --check
    """
    from shouhou.services.customers.customers import customer_id_of
    from shouhou.services.feedback.complaint_views import iter_complaint_views

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        rows = iter_complaint_views(
            s,
            now=app_ctx.now,
            open_only=open_only,
            overdue=overdue,
            recurring=recurring,
            customer_id=customer_id_of(s, customer),
            grade=grade,
            status=status,
            about=about,
            limit=limit,
        )
        if fmt is ListFormat.table:
            listed = list(rows)
            if listed:
                emit_list(app_ctx, columns(app_ctx), listed, fmt.value)
            else:
                message(app_ctx.t("msg.complaint_none"))
            count = len(listed)
        else:
            count = emit_list(app_ctx, columns(app_ctx), rows, fmt.value)
    if check and count:
        raise typer.Exit(3)


@commands.command("show")
def show(ctx: typer.Context, ref: ComplaintArg, fmt: FormatOption = ListFormat.table) -> None:
    """Show a complaint: as received, its deadlines met or not, answer, handling opinion,
    confirmation, recurrence and audit trail.

    Example: shouhou complaint show CP2609-0001
    """
    from shouhou.cli.output import human_value
    from shouhou.services.feedback.complaint_views import complaint_detail

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = complaint_detail(s, ref, now=app_ctx.now)
    t = app_ctx.t

    def when(key: str) -> str:
        return human_value(app_ctx, "time", view[key])

    def deadline(name: str, met_key: str) -> str:
        if view[met_key]:
            return f"{when(met_key)} ({met_text(app_ctx, view[f'{name}_late_min'])})"
        if name in view["overdue"]:
            return t(f"complaint.overdue.{name}")
        return ""

    staff = view["staff"] or ""
    if view["staff_review"]:
        staff += " (" + t("complaint.staff_review") + ")"
    recurrence = view["recurrence_of"] or ""
    if recurrence and view["recurrence_reason"]:
        recurrence += " (" + t(f"complaint_recurrence.{view['recurrence_reason']}") + ")"
    closing = ""
    if view["confirmed"]:
        closing = t("complaint.confirmed", by=view["confirmed_by"] or "-")
    elif view["confirmed"] is False:
        closing = t("complaint.unconfirmed", reason=view["unconfirmed_reason"] or "")
    pairs = [
        ("col.complaint_number", view["number"]),
        ("col.status", t(f"complaint_status.{view['status']}")),
        ("col.customer", f"{view['customer_name']} (#{view['customer_id']})"),
        ("col.ticket", view["ticket"] or ""),
        ("col.device", view["device"] or ""),
        ("col.complaint_about", t(f"complaint_about.{view['about']}")),
        ("col.complaint_grade", t(f"complaint_grade.{view['grade']}")),
        ("col.complaint_staff", staff),
        ("col.complaint_text", view["text"]),
        ("col.channel", t(f"channel.{view['channel']}")),
        ("col.received_at", when("received_at")),
        ("col.complaint_received_by", view["received_by"]),
        ("col.complaint_manager", view["manager"] or ""),
        ("col.complaint_answer_due", when("answer_due_at")),
        ("col.complaint_answered", deadline("answer", "answered_at")),
        ("col.complaint_answer", view["answer"] or ""),
        ("col.complaint_opinion_due", when("opinion_due_at")),
        ("col.complaint_resolved", deadline("opinion", "resolved_at")),
        ("col.complaint_cause", view["cause"] or ""),
        ("col.complaint_action", view["action"] or ""),
        ("col.complaint_prevention", view["prevention"] or ""),
        ("col.complaint_closed", when("closed_at")),
        ("col.complaint_confirmation", closing),
        ("col.complaint_recurrence_of", recurrence),
        ("col.complaint_repeated_by", ", ".join(view["repeated_by"])),
        ("col.complaint_steps", ", ".join(t(f"complaint_step.{s}") for s in view["steps"]) or "-"),
    ]
    sections = [
        Section("section.complaint", pairs=pairs),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    emit_record(app_ctx, view, sections, fmt.value)


@commands.command("form")
def form(
    ctx: typer.Context,
    ref: ComplaintArg,
    fmt: DocFormatOption = DocFormat.txt,
    output: OutputOption = None,
) -> None:
    """Print the complaint handling form 投诉处理单: customer, the complaint verbatim, receiver,
    deadlines met or not, answer, cause / action / prevention, confirmation and signature
    lines (A4).

    Example: shouhou complaint form CP2609-0001 --format pdf --output CP2609-0001.pdf
    """
    from shouhou.services.feedback.complaint_documents import form_context

    print_document(ctx_of(ctx), "complaint_form", fmt, output, form_context, ref)
