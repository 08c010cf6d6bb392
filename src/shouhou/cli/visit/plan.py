"""``shouhou visit plan`` and ``shouhou visit checklist``: inspection plans 巡检计划 (periodic
visits per customer or device, due visits made from them) and the checklist 巡检项目 of each
device model, filled when an inspection is done (DOMAIN §3, issue 11)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from shouhou.cli.choices import choice_option
from shouhou.cli.common import TIMELINE_COLUMNS, CustomerFilter, FormatOption
from shouhou.cli.context import AppContext, ctx_of
from shouhou.cli.output import Column, Section, emit_list, emit_record, human_value, message
from shouhou.enums import ListFormat
from shouhou.vocabulary import PLAN_EVERY, PLAN_KIND

if TYPE_CHECKING:
    from datetime import date

plan_app = typer.Typer(
    help="Inspection plans 巡检计划: periodic visits per customer or device.",
    no_args_is_help=True,
)
checklist_app = typer.Typer(
    help="Checklists 巡检项目 per device model, filled when an inspection is done.",
    no_args_is_help=True,
)

PLAN_COLUMNS = (
    Column("id", "col.plan_id"),
    Column("kind", "col.visit_kind", "enum", "visit_kind."),
    Column("customer", "col.customer"),
    Column("device", "col.device"),
    Column("every", "col.plan_every", "enum", "plan_every."),
    Column("start_on", "col.plan_from"),
    Column("ends_on", "col.plan_until"),
    Column("engineer", "col.engineer"),
    Column("next_due", "col.plan_next"),
    Column("overdue", "col.overdue", "bool"),
    Column("active", "col.plan_active", "bool"),
)
OCCURRENCE_COLUMNS = (
    Column("on", "col.plan_on"),
    Column("contract_end", "col.plan_contract_end", "bool"),
    Column("visit", "col.visit_number"),
    Column("state", "col.plan_state", "enum", "plan_state."),
    Column("overdue", "col.overdue", "bool"),
    Column("engineer", "col.engineer"),
    Column("scheduled_at", "col.appointment", "time"),
    Column("done_at", "col.finished_at", "time"),
)
ITEM_COLUMNS = (
    Column("model", "col.model"),
    Column("position", "col.check_position"),
    Column("label", "col.check_item"),
    Column("unit", "col.check_unit"),
)

FOR_CUSTOMER = "For this customer: id, phone or a unique part of the name."
PlanArg = Annotated[str, typer.Argument(metavar="ID", help="Plan id (see visit plan list).")]
ModelOption = Annotated[str, typer.Option("--model", help="Device model 型号, e.g. KS-200.")]


def _date(app_ctx: AppContext, text: str | None, field: str) -> date | None:
    from shouhou.timeutil import parse_date

    return None if text is None else parse_date(text, field=field, today=app_ctx.today)


def _emit_plan(app_ctx: AppContext, view: dict[str, Any], fmt: str) -> None:
    t = app_ctx.t
    every = t(f"plan_every.{view['every']}")
    next_due = view["next_due"] or ""
    if view["overdue"]:
        next_due += f" ({t('plan.overdue')})"
    pairs = [
        ("col.plan_id", f"#{view['id']}"),
        ("col.visit_kind", t(f"visit_kind.{view['kind']}")),
        ("col.customer", f"{view['customer']} (#{view['customer_id']})"),
        ("col.device", view["device"] or ""),
        ("col.plan_every", every),
        ("col.plan_from", view["start_on"]),
        ("col.plan_until", view["ends_on"] or ""),
        ("col.contract_until", view["contract_until"] or ""),
        ("col.engineer", view["engineer"] or ""),
        ("col.plan_note", view["note"] or ""),
        ("col.plan_active", human_value(app_ctx, "bool", view["active"])),
        ("col.plan_next", next_due),
    ]
    sections = [
        Section("section.plan", pairs=pairs),
        Section(
            "section.plan_occurrences", columns=OCCURRENCE_COLUMNS, records=view["occurrences"]
        ),
        Section("section.timeline", columns=TIMELINE_COLUMNS, records=view["timeline"]),
    ]
    emit_record(app_ctx, view, sections, fmt)


@plan_app.command("add")
def plan_add(
    ctx: typer.Context,
    every: Annotated[
        str,
        choice_option(
            PLAN_EVERY,
            "--every",
            help="How often, in calendar months: 1m monthly, 3m quarterly, 6m, 12m yearly.",
        ),
    ],
    customer: Annotated[str | None, typer.Option("--customer", help=FOR_CUSTOMER)] = None,
    device: Annotated[
        str | None, typer.Option("--device", help="For this device (serial or id) only.")
    ] = None,
    kind: Annotated[
        str,
        choice_option(PLAN_KIND, "--type", help="inspection 巡检 (default) or training 培训."),
    ] = "inspection",
    start: Annotated[
        str | None, typer.Option("--from", help="First date of the plan (default today).")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", help="Last date (default: the device's contract end, else open-ended)."
        ),
    ] = None,
    engineer: Annotated[
        str | None, typer.Option("--engineer", help="Engineer the visits are meant for.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What the visits are for.")] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """Add a plan: a visit every N calendar months from the start date (31 Jan monthly → 28 Feb,
    31 Mar); a device under contract also gets one in the contract's last month. The visits
    due up to the look-ahead (setting visit.plan_ahead) are created at once.

    Example: shouhou visit plan add --device S-001 --every 3m --from 2027-01-31 --engineer 王工
    """
    from shouhou.services.visits.plans import add_plan, plan_detail

    app_ctx = ctx_of(ctx)
    start_on = _date(app_ctx, start, "from") or app_ctx.today
    until_on = _date(app_ctx, until, "until")
    with app_ctx.session(write=True) as s:
        plan = add_plan(
            s,
            app_ctx.stamp(),
            customer_ref=customer,
            device_ref=device,
            kind=kind,
            every_months=int(every.removesuffix("m")),
            start_on=start_on,
            until_on=until_on,
            engineer=engineer,
            note=note,
            zone=app_ctx.zone,
        )
        assert plan.id is not None
        view = plan_detail(s, plan.id, today=app_ctx.today)
    if fmt is ListFormat.table:
        made = sum(1 for row in view["occurrences"] if row["visit"] is not None)
        message(
            app_ctx.t(
                "msg.plan_added",
                id=view["id"],
                kind=app_ctx.t(f"visit_kind.{view['kind']}"),
                every=app_ctx.t(f"plan_every.{view['every']}"),
                start=view["start_on"],
                created=made,
            )
        )
    _emit_plan(app_ctx, view, fmt.value)


@plan_app.command("list")
def plan_list(
    ctx: typer.Context,
    customer: CustomerFilter = None,
    include_ended: Annotated[
        bool, typer.Option("--all", help="Include plans that have ended.")
    ] = False,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List plans with their next due date.

    Example: shouhou visit plan list --customer 天控
    """
    from shouhou.services.visits.plans import iter_plan_views

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        rows = iter_plan_views(
            s, today=app_ctx.today, customer_ref=customer, include_ended=include_ended
        )
        emit_list(app_ctx, PLAN_COLUMNS, rows, fmt.value)


@plan_app.command("show")
def plan_show(ctx: typer.Context, ref: PlanArg, fmt: FormatOption = ListFormat.table) -> None:
    """Show a plan: its dates, the visit of each and its state, the next ones, audit trail.

    Example: shouhou visit plan show 3
    """
    from shouhou.services.visits.plans import plan_detail

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        view = plan_detail(s, ref, today=app_ctx.today)
    _emit_plan(app_ctx, view, fmt.value)


@plan_app.command("end")
def plan_end(
    ctx: typer.Context,
    ref: PlanArg,
    reason: Annotated[str, typer.Option("--reason", help="Why the plan ends.")],
) -> None:
    """End a plan: it makes no more visits; its due visits nobody booked are cancelled.

    Example: shouhou visit plan end 3 --reason "维保合同到期未续签"
    """
    from shouhou.services.visits.plans import end_plan

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        plan, cancelled = end_plan(s, app_ctx.stamp(), ref, reason=reason)
        message(app_ctx.t("msg.plan_ended", id=plan.id, cancelled=cancelled))


@checklist_app.command("add")
def checklist_add(
    ctx: typer.Context,
    model: ModelOption,
    item: Annotated[str, typer.Option("--item", help="What is checked, e.g. 接线端子紧固.")],
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Unit of a measured item (a number is asked for), e.g. MPa."),
    ] = None,
) -> None:
    """Add an item at the end of a model's checklist: checked ok / not ok, or measured when it
    has a unit.

    Example: shouhou visit checklist add --model KS-200 --item 绝缘电阻 --unit MΩ
    """
    from shouhou.services.visits.checklists import add_item

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        added = add_item(s, app_ctx.stamp(), model=model, label=item, unit=unit)
        message(
            app_ctx.t("msg.checklist_added", model=added.model, position=added.position, label=item)
        )


@checklist_app.command("list")
def checklist_list(
    ctx: typer.Context,
    model: Annotated[
        str | None, typer.Option("--model", help="Only this model's checklist.")
    ] = None,
    fmt: FormatOption = ListFormat.table,
) -> None:
    """List checklist items by model and number.

    Example: shouhou visit checklist list --model KS-200
    """
    from shouhou.services.visits.checklists import iter_item_views

    app_ctx = ctx_of(ctx)
    with app_ctx.session() as s:
        emit_list(app_ctx, ITEM_COLUMNS, iter_item_views(s, model=model), fmt.value)


@checklist_app.command("remove")
def checklist_remove(
    ctx: typer.Context,
    model: ModelOption,
    item: Annotated[str, typer.Option("--item", help="The item: its text or its number.")],
) -> None:
    """Take an item off a model's checklist (visits already filled keep it).

    Example: shouhou visit checklist remove --model KS-200 --item 绝缘电阻
    """
    from shouhou.services.visits.checklists import remove_item

    app_ctx = ctx_of(ctx)
    with app_ctx.session(write=True) as s:
        removed = remove_item(s, app_ctx.stamp(), model=model, label=item)
        message(app_ctx.t("msg.checklist_removed", model=removed.model, label=removed.label))
