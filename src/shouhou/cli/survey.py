"""``shouhou survey``: satisfaction surveys 满意度调查 (DOMAIN §6, issue 13) — record one
(asking for the scores on a terminal), list and show them, the jobs nobody has asked about
yet, the satisfaction figures, and the key customers' survey campaign."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.choices import CHANNEL, choice_option
from shouhou.cli.common import CustomerFilter, FormatOption, LimitOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, human_value, message
from shouhou.enums import ListFormat
from shouhou.errors import UsageError
from shouhou.services.feedback.surveys import SCORES  # light: the heavy imports are lazy
from shouhou.vocabulary import SURVEY_BY, SURVEY_KIND

if TYPE_CHECKING:
    from shouhou.services.feedback.surveys import Recorded

app = typer.Typer(
    help="Satisfaction surveys 满意度调查: scores, low-score callbacks, figures.",
    no_args_is_help=True,
)


def _scores_text(row: dict[str, Any]) -> str:
    """ "A5 Q4 R4 T5" — shown through the ``_scores`` key prepared per row."""
    return str(row.get("_scores", ""))


LIST_COLUMNS = (
    Column("id", "col.survey_id"),
    Column("taken_at", "col.survey_taken_at", "time"),
    Column("kind", "col.survey_kind", "enum", "survey_kind."),
    Column("customer_name", "col.customer"),
    Column("job", "col.survey_job", getter=lambda r: r.get("ticket") or r.get("visit") or ""),
    Column("scores", "col.survey_scores", getter=_scores_text),
    Column("overall", "col.survey_mean"),
    Column("low", "col.survey_low", "bool"),
    Column("follow_up", "col.survey_follow_up"),
)
PENDING_COLUMNS = (
    Column("source", "col.survey_source", "enum", "survey_source."),
    Column("number", "col.survey_job"),
    Column("kind", "col.visit_kind", "enum", "visit_kind."),
    Column("customer_name", "col.customer"),
    Column("engineer", "col.engineer"),
    Column("finished_at", "col.finished_at", "time"),
    Column("days", "col.survey_waiting_days"),
)
STATS_LEAD = (
    Column("key", "col.survey_group", getter=lambda r: r.get("_key", "")),
    Column("count", "col.survey_count"),
    Column("satisfied", "col.survey_satisfied"),
    Column("rate", "col.survey_rate", getter=lambda r: _percent(r.get("rate"))),
)


def _percent(rate: str | None) -> str:
    return "" if rate is None else f"{rate}%"


@app.command("record")
def record(
    ctx: typer.Context,
    ticket: Annotated[
        str | None,
        typer.Option("--ticket", help="The ticket surveyed (resolved or closed): number or id."),
    ] = None,
    visit: Annotated[
        str | None, typer.Option("--visit", help="The visit surveyed (done): number or id.")
    ] = None,
    customer: Annotated[
        str | None,
        typer.Option(
            "--customer", help="A survey of the customer: id, phone or a unique part of the name."
        ),
    ] = None,
    device: Annotated[
        str | None,
        typer.Option("--device", help="With --customer: the device surveyed (serial or id)."),
    ] = None,
    kind: Annotated[
        str,
        choice_option(
            SURVEY_KIND,
            "--kind",
            help="service 服务满意度 (the four scores) | product 产品使用意见 (the five).",
        ),
    ] = "service",
    attitude: Annotated[
        int | None,
        typer.Option(min=1, max=5, help="Service attitude 服务态度, 1 (poor) to 5 (excellent)."),
    ] = None,
    quality: Annotated[
        int | None, typer.Option(min=1, max=5, help="Service quality 服务质量, 1-5.")
    ] = None,
    resolution: Annotated[
        int | None, typer.Option(min=1, max=5, help="Fault-resolution level 故障解决水平, 1-5.")
    ] = None,
    timeliness: Annotated[
        int | None, typer.Option(min=1, max=5, help="Timeliness 及时性, 1-5.")
    ] = None,
    structure: Annotated[
        int | None,
        typer.Option(min=1, max=5, help="Product: structure and performance 结构性能, 1-5."),
    ] = None,
    appearance: Annotated[
        int | None, typer.Option(min=1, max=5, help="Product: appearance 外观, 1-5.")
    ] = None,
    delivery: Annotated[
        int | None, typer.Option(min=1, max=5, help="Product: delivery date 交货期, 1-5.")
    ] = None,
    price: Annotated[
        int | None, typer.Option(min=1, max=5, help="Product: price 价格, 1-5.")
    ] = None,
    service: Annotated[
        int | None, typer.Option(min=1, max=5, help="Product: after-sales service 售后服务, 1-5.")
    ] = None,
    comment: Annotated[
        str | None, typer.Option(help="The customer's comments or suggestions.")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="When the customer answered (default now), e.g. a paper form."),
    ] = None,
    channel: Annotated[
        str, choice_option(CHANNEL, "--channel", help="How it was taken (default phone).")
    ] = "phone",
    partial: Annotated[
        bool,
        typer.Option(
            "--partial", help="Record only the scores given: the customer would not rate the rest."
        ),
    ] = False,
) -> None:
    """Record a customer's survey of a ticket, a visit or the customer.

    The customer and device are the ticket's or visit's. A service survey takes the four
    scores, a product survey the five; on a terminal the missing ones are asked for (Enter: not
    rated), otherwise they are required unless --partial. A service score of 2 or less creates
    a follow-up callback (setting survey.low_score_callback, default 24h).

    Example: shouhou survey record --ticket SH2611-0042 --attitude 5 --quality 4
    --resolution 4 --timeliness 5 --comment "工程师很专业"
    """
    from shouhou.cli.prompts import interactive
    from shouhou.services import config
    from shouhou.services.feedback import surveys

    app_ctx = ctx_of(ctx)
    moment = app_ctx.parse_time(at, "at")
    if moment > app_ctx.now:
        raise UsageError("err.future_event", field="at", value=at)
    given: dict[str, int | None] = {
        "attitude": attitude,
        "quality": quality,
        "resolution": resolution,
        "timeliness": timeliness,
        "structure": structure,
        "appearance": appearance,
        "delivery": delivery,
        "price": price,
        "service": service,
    }
    refs = {"ticket_ref": ticket, "visit_ref": visit, "customer_ref": customer}
    refs["device_ref"] = device
    wanted = SCORES[kind]
    other = [n for n, v in given.items() if v is not None and n not in wanted]
    if other:  # before asking anything
        surveys.check_scores(kind, {n: given[n] for n in other})
    missing = [name for name in wanted if given[name] is None]
    if missing and not partial:
        if not interactive():
            raise UsageError(
                "err.survey_scores_missing", missing=" ".join(f"--{n}" for n in missing)
            )
        with app_ctx.session() as s:
            surveys.target_of(s, **refs)  # a wrong ticket is said before the questions
        for name in missing:
            given[name] = _ask_score(app_ctx, name)
    with app_ctx.session(write=True) as s:
        target = surveys.target_of(s, **refs)
        recorded = surveys.record(
            s,
            app_ctx.stamp(),
            target,
            scores=given,
            kind=kind,
            comment=comment,
            channel=channel,
            taken_at=moment,
            settings=config.load(s),
            zone=app_ctx.zone,
        )
        about = (
            target.visit.number
            if target.visit is not None
            else target.ticket.number
            if target.ticket is not None
            else None
        )
        say_recorded(app_ctx, recorded, about=about)


def _ask_score(app_ctx: AppContext, name: str) -> int | None:
    from shouhou.cli.prompts import ask_until

    def parse(text: str) -> int | None:
        if not text:
            return None
        if text.isdigit() and 1 <= int(text) <= 5:
            return int(text)
        raise UsageError("prompt.not_accepted", value=text, accepted="1-5")

    label = app_ctx.t(f"survey_score.{name}")
    return ask_until(app_ctx.t, name, "prompt.survey_score", parse, default="", score=label)


def say_recorded(app_ctx: AppContext, recorded: Recorded, *, about: str | None) -> None:
    """ "Survey 12 of SH2611-0042 recorded: mean 4.25, satisfied", and the low-score callback
    when one was created (also printed by ``ticket close --quality --attitude``)."""
    from shouhou.services.feedback.survey_stats import survey_view

    t = app_ctx.t
    view = survey_view(recorded.survey)
    verdict = t("survey.satisfied" if view["satisfied"] else "survey.not_satisfied")
    key = "msg.survey_recorded_of" if about else "msg.survey_recorded"
    message(t(key, id=view["id"], about=about, overall=view["overall"], verdict=verdict))
    visit = recorded.follow_up
    if visit is not None:
        message(t("msg.survey_low", number=visit.number, due=app_ctx.local(visit.due_at)))


@app.command("list")
def list_(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--from", help="Taken on or after this local day.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Taken on or before this local day.")
    ] = None,
    customer: CustomerFilter = None,
    kind: Annotated[
        str | None, choice_option(SURVEY_KIND, "--kind", help="Only surveys of this kind.")
    ] = None,
    low: Annotated[
        bool, typer.Option("--low", help="Only surveys with a score of 2 or less.")
    ] = False,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List surveys, newest first, with their scores, mean and follow-up callback.

    Example: shouhou survey list --from 2026-11-01 --low
    """
    from shouhou.services.customers.customers import resolve_customer
    from shouhou.services.feedback.survey_stats import iter_survey_views

    app_ctx = ctx_of(ctx)
    first, after = _span(app_ctx, since, until)
    with app_ctx.session() as s:
        customer_id = resolve_customer(s, customer).id if customer else None
        rows = iter_survey_views(
            s,
            since=first,
            until=after,
            customer_id=customer_id,
            kind=kind,
            low=low,
            limit=limit,
        )
        if fmt is ListFormat.table:
            rows = (_with_scores(app_ctx, row) for row in rows)
        emit_list(app_ctx, LIST_COLUMNS, rows, fmt.value)


def _span(app_ctx: AppContext, since: str | None, until: str | None) -> tuple[Any, Any]:
    """``--from`` / ``--to`` local days as [start, end) moments (None when not given)."""
    from datetime import timedelta

    from shouhou.timeutil import day_start, parse_date

    first = after = None
    if since is not None:
        first = day_start(parse_date(since, field="from", today=app_ctx.today), app_ctx.zone)
    if until is not None:
        last = parse_date(until, field="to", today=app_ctx.today)
        after = day_start(last + timedelta(days=1), app_ctx.zone)
    return first, after


def _with_scores(app_ctx: AppContext, row: dict[str, Any]) -> dict[str, Any]:
    """The row with ``_scores``: "态度 5 · 质量 4 …" in the user's language (tables only)."""
    t = app_ctx.t
    names = SCORES.get(row["kind"], ())
    shown = [f"{t(f'survey_short.{n}')} {row[n]}" for n in names if row.get(n) is not None]
    return {**row, "_scores": " ".join(shown)}


@app.command("show")
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID", help="Survey id (survey list).")],
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Show a survey: every score, the mean, the comment, its follow-up callback.

    Also what it is about and its audit trail.

    Example: shouhou survey show 12
    """
    from shouhou.cli.common import TIMELINE_COLUMNS
    from shouhou.services.feedback.survey_stats import survey_detail

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = survey_detail(s, ref)
    t = app_ctx.t
    follow_up = view["follow_up"] or ""
    if follow_up:
        follow_up = t(
            "survey.follow_up",
            number=follow_up,
            state=t(f"visit_status.{view['follow_up_status']}"),
            due=human_value(app_ctx, "time", view["follow_up_due_at"]),
        )
    verdict = (
        ""
        if view["satisfied"] is None
        else " — " + t("survey.satisfied" if view["satisfied"] else "survey.not_satisfied")
    )
    pairs = [
        ("col.survey_id", str(view["id"])),
        ("col.survey_kind", t(f"survey_kind.{view['kind']}")),
        ("col.customer", f"{view['customer_name']} (#{view['customer_id']})"),
        ("col.ticket", view["ticket"] or ""),
        ("col.visit_number", view["visit"] or ""),
        ("col.device", view["device_serial"] or ""),
        ("col.product_line", view["product_line"] or ""),
    ]
    pairs += [
        (f"survey_score.{name}", "" if view[name] is None else str(view[name]))
        for name in SCORES[view["kind"]]
    ]
    pairs += [
        ("col.survey_mean", (view["overall"] or "") + verdict),
        ("col.survey_comment", view["comment"] or ""),
        ("col.survey_channel", t(f"channel.{view['channel']}")),
        ("col.survey_taken_at", human_value(app_ctx, "time", view["taken_at"])),
        ("col.survey_taken_by", view["taken_by"]),
        ("col.survey_follow_up", follow_up),
    ]
    sections = [
        Section("section.survey", pairs=pairs),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    emit_record(app_ctx, view, sections, fmt.value)


@app.command("pending")
def pending(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", help="Only jobs finished on or after this day.")
    ] = None,
    limit: LimitOption = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Jobs nobody has asked the customer about yet, longest waiting first.

    Resolved or closed tickets and done visits (not of a ticket, not callbacks) with neither a
    survey nor a callback done since.

    Example: shouhou survey pending --since 2026-11-01
    """
    from shouhou.services.feedback.survey_stats import pending as find_pending

    app_ctx = ctx_of(ctx)
    first, _ = _span(app_ctx, since, None)
    with app_ctx.session() as s:
        rows = find_pending(s, now=app_ctx.now, since=first, limit=limit)
    if rows or fmt is not ListFormat.table:
        emit_list(app_ctx, PENDING_COLUMNS, rows, fmt.value)
    else:
        message(app_ctx.t("msg.survey_none_pending"))


@app.command("stats")
def stats(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--from", help="First local day (default: 1 January of this year)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Last local day (default: today).")
    ] = None,
    by: Annotated[
        str | None,
        choice_option(
            SURVEY_BY, "--by", help="Group by engineer, product (line) or month (local)."
        ),
    ] = None,
    kind: Annotated[
        str,
        choice_option(SURVEY_KIND, "--kind", help="Which surveys: service (default) or product."),
    ] = "service",
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Satisfaction rate against the target, the mean of each score and the count.

    The rate is the share of surveys whose mean score is 4 or more (a survey with only some
    scores counts the mean of those given); the target is the setting survey.target (98%). By
    engineer (the ticket's assignee, else the visit's engineer), product line or month.

    Example: shouhou survey stats --from 2026-01-01 --to 2026-12-31 --by engineer
    """
    from shouhou.services.feedback.survey_stats import satisfaction
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    today = app_ctx.today
    first = (
        parse_date(since, field="from", today=today)
        if since is not None
        else today.replace(month=1, day=1)
    )
    last = parse_date(until, field="to", today=today) if until is not None else today
    with app_ctx.session() as s:
        result = satisfaction(s, first=first, last=last, zone=app_ctx.zone, kind=kind, by=by)
    view = result.view()
    if fmt is ListFormat.json:
        emit_record(app_ctx, view, [], "json")
        return
    t = app_ctx.t
    total = {**view["total"], "_key": t("survey.all")}
    rows = [{**group, "_key": _group_name(app_ctx, by, group["key"])} for group in view["groups"]]
    means = tuple(Column(f"mean_{name}", f"survey_short.{name}") for name in SCORES[kind]) + (
        Column("mean", "col.survey_mean"),
    )
    emit_list(app_ctx, STATS_LEAD + means, [*rows, total], fmt.value)
    if fmt is ListFormat.table:
        message(_verdict(app_ctx, view))


def _group_name(app_ctx: AppContext, by: str | None, key: str | None) -> str:
    if key is not None:
        return key
    return app_ctx.t("survey.no_engineer" if by == "engineer" else "survey.no_group")


def _verdict(app_ctx: AppContext, view: dict[str, Any]) -> str:
    t = app_ctx.t
    rate = view["total"]["rate"]
    if rate is None:
        return t("msg.survey_stats_none", first=view["from"], last=view["to"])
    key = "msg.survey_stats_met" if view["met"] else "msg.survey_stats_below"
    return t(key, rate=rate, target=view["target"], count=view["total"]["count"])


@app.command("campaign")
def campaign(
    ctx: typer.Context,
    key_customers: Annotated[
        bool, typer.Option("--key-customers", help="Survey every key customer 重点客户.")
    ] = False,
    since: Annotated[str | None, typer.Option("--from", help="First day of the campaign.")] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Last day: the callbacks are due by its end.")
    ] = None,
) -> None:
    """The survey campaign: a due survey callback for every key customer.

    DOMAIN §6: key customers are surveyed in July–August. The callbacks are due by the end of
    --to; running it again creates none, and a key customer already surveyed in the window
    needs none.

    Example: shouhou survey campaign --key-customers --from 2027-07-01 --to 2027-08-31
    """
    from shouhou.services.feedback.surveys import campaign as run_campaign
    from shouhou.timeutil import parse_date

    app_ctx = ctx_of(ctx)
    if not key_customers:
        raise UsageError("err.survey_campaign_whom")
    for name, value in (("from", since), ("to", until)):
        if value is None:
            raise UsageError("err.required", field=name)
    assert since is not None and until is not None
    first = parse_date(since, field="from", today=app_ctx.today)
    last = parse_date(until, field="to", today=app_ctx.today)
    with app_ctx.session(write=True) as s:
        done = run_campaign(
            s, app_ctx.stamp(), first=first, last=last, today=app_ctx.today, zone=app_ctx.zone
        )
    message(
        app_ctx.t(
            "msg.survey_campaign",
            created=done.created,
            customers=done.customers,
            existing=done.existing,
            surveyed=done.surveyed,
            first=first.isoformat(),
            last=last.isoformat(),
        )
    )
