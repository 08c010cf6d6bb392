"""The queries behind :mod:`shouhou.services.reports.kpi`: each source (tickets, visits,
surveys, complaints) in one GROUP BY over the definitions there, the medians by window
functions, and :func:`kpis` — every KPI of a period per group, then for the whole period.

The definitions live in ``kpi`` only; nothing here decides what a KPI means, only which rows
are read together: the tickets received in the period with their device (``--by product``),
ledger moves, visits, surveys and complaints of the period.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, null, or_, select
from sqlmodel import col

from shouhou.errors import UsageError
from shouhou.models import Complaint, Device, StockMove, Survey, Ticket, Visit
from shouhou.services.reports.kpi import (
    GROUPS,
    MILESTONES,
    SERVICE_SCORES,
    Period,
    callback_done,
    cancelled,
    complaint_judged,
    complaint_on_time,
    finish,
    first_time_fix,
    fixed,
    labour_hours,
    missed,
    on_time,
    parts_cost_cents,
    period,
    received_in,
    repeat_repair,
    replied,
    reply_ms,
    resolve_ms,
    resolved,
    satisfied,
    surveyed,
    travel_cents,
    visit_judged,
)

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement
    from sqlmodel import Session


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _sum_when(condition: ColumnElement[bool], value: Any) -> ColumnElement[Any]:
    return func.sum(case((condition, value), else_=None))


# -- the queries -------------------------------------------------------------------------------

Raw = dict[Any, dict[str, Any]]


def _ticket_group(by: str | None) -> Any:
    return {
        None: null(),
        "engineer": col(Ticket.assignee),
        "severity": col(Ticket.severity),
        "product": col(Device.product_line),
    }[by]


def _tickets(by: str | None, *columns: Any) -> Any:
    """SELECT group, columns FROM ticket [LEFT JOIN device] GROUP BY group."""
    group = _ticket_group(by)
    stmt = select(group.label("grp"), *columns).select_from(Ticket)
    if by == "product":
        stmt = stmt.outerjoin(Device, col(Device.id) == col(Ticket.device_id))
    return stmt.group_by(group) if by is not None else stmt


def _collect(session: Session, stmt: Any, into: Raw) -> None:
    for row in session.execute(stmt).mappings():
        into.setdefault(row["grp"], {}).update({k: v for k, v in row.items() if k != "grp"})


def _ticket_figures(session: Session, p: Period, by: str | None, now: datetime | None) -> Raw:
    columns = [
        func.count().label("received"),
        _count(cancelled()).label("cancelled"),
        _count(resolved()).label("resolved"),
        _count(first_time_fix()).label("first_time_fix"),
        _count(repeat_repair()).label("repeats"),
        _count(callback_done()).label("callbacks"),
        _count(replied()).label("reply_n"),
        _sum_when(replied(), reply_ms()).label("reply_sum_ms"),
        _count(fixed()).label("resolve_n"),
        _sum_when(fixed(), resolve_ms()).label("resolve_sum_ms"),
        func.sum(labour_hours()).label("labor_hours"),
        func.coalesce(func.sum(travel_cents()), 0).label("travel_cents"),
    ]
    for name in MILESTONES:
        columns.append(_count(on_time(name)).label(f"{name}_on_time"))
        columns.append(_count(missed(name, now)).label(f"{name}_missed"))
    raw: Raw = {}
    _collect(session, _tickets(by, *columns).where(received_in(p)), raw)
    parts = (
        _tickets(by, func.sum(parts_cost_cents()).label("parts_cents"))
        .join(StockMove, col(StockMove.ticket_id) == col(Ticket.id))
        .where(received_in(p), col(StockMove.kind).in_(("issue", "return")))
    )
    _collect(session, parts, raw)
    for label, timed, measure in (
        ("reply", replied(), reply_ms()),
        ("resolve", fixed(), resolve_ms()),
    ):
        _collect(session, _median(by, case((timed, measure)), received_in(p), label), raw)
    return raw


def _median(by: str | None, measure: Any, where: Any, label: str) -> Any:
    """The median of ``measure`` per group in SQL: number the rows by value within the group,
    keep the middle one (odd count) or two (even) and return their sum and count.

    ``measure`` is NULL for the rows not timed (a CASE, not a WHERE: the WHERE stays the
    period's range on ``received_at``, which the planner then always uses — a status
    condition there made SQLite read every resolved ticket through the status index). NULLs
    sort last and are not counted, so the rows numbered 1…n are the values."""
    group = _ticket_group(by)
    values = select(group.label("grp"), measure.label("x")).select_from(Ticket)
    if by == "product":
        values = values.outerjoin(Device, col(Device.id) == col(Ticket.device_id))
    timed = values.where(where).subquery()
    partition = timed.c.grp if by is not None else None
    order = timed.c.x.asc().nulls_last()
    ranked = select(
        timed.c.grp,
        timed.c.x,
        func.row_number().over(order_by=order, partition_by=partition).label("rn"),
        func.count(timed.c.x).over(partition_by=partition).label("n"),
    ).subquery()
    middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
    stmt = select(
        (ranked.c.grp if by is not None else null()).label("grp"),
        func.sum(ranked.c.x).label(f"{label}_mid_sum"),
        func.count().label(f"{label}_mid_n"),
    ).where(middle, ranked.c.x.is_not(None))
    return stmt.group_by(ranked.c.grp) if by is not None else stmt


def _visit_figures(session: Session, p: Period, by: str | None) -> Raw:
    group: Any = {
        None: null(),
        "engineer": col(Visit.engineer),
        "severity": col(Ticket.severity),
        "product": col(Device.product_line),
    }[by]
    stmt = (
        select(
            group.label("grp"),
            func.count().label("visits_judged"),
            _count(col(Visit.on_time).is_(True)).label("visits_on_time"),
        )
        .select_from(Visit)
        .where(visit_judged(p))
    )
    if by in ("severity", "product"):
        stmt = stmt.outerjoin(Ticket, col(Ticket.id) == col(Visit.ticket_id))
    if by == "product":
        device = func.coalesce(col(Visit.device_id), col(Ticket.device_id))
        stmt = stmt.outerjoin(Device, col(Device.id) == device)
    raw: Raw = {}
    _collect(session, stmt.group_by(group) if by is not None else stmt, raw)
    return raw


def _survey_figures(session: Session, p: Period, by: str | None) -> Raw:
    group: Any = {
        None: null(),
        "engineer": func.coalesce(
            col(Ticket.assignee), case((col(Visit.kind) != "callback", col(Visit.engineer)))
        ),
        "severity": col(Ticket.severity),
        "product": col(Device.product_line),
    }[by]
    columns = [func.count().label("surveys"), _count(satisfied()).label("satisfied")]
    for name in SERVICE_SCORES:
        score = getattr(Survey, name)
        columns += [func.sum(score).label(f"{name}_sum"), func.count(score).label(f"{name}_n")]
    stmt = select(group.label("grp"), *columns).select_from(Survey).where(surveyed(p))
    if by is not None:
        ticket = func.coalesce(col(Survey.ticket_id), col(Visit.ticket_id))
        stmt = stmt.outerjoin(Visit, col(Visit.id) == col(Survey.visit_id))
        stmt = stmt.outerjoin(Ticket, col(Ticket.id) == ticket)
    if by == "product":
        device = func.coalesce(col(Survey.device_id), col(Visit.device_id), col(Ticket.device_id))
        stmt = stmt.outerjoin(Device, col(Device.id) == device)
    raw: Raw = {}
    _collect(session, stmt.group_by(group) if by is not None else stmt, raw)
    return raw


def _complaint_figures(session: Session, p: Period, by: str | None, now: datetime | None) -> Raw:
    group: Any = {
        None: null(),
        "engineer": func.coalesce(col(Complaint.staff), col(Ticket.assignee)),
        "severity": col(Ticket.severity),
        "product": col(Device.product_line),
    }[by]
    columns = [func.count().label("complaints")]
    for which in ("answer", "opinion"):
        columns.append(_count(complaint_on_time(which)).label(f"{which}_on_time"))
        columns.append(_count(complaint_judged(which, now)).label(f"{which}_judged"))
    stmt = (
        select(group.label("grp"), *columns)
        .select_from(Complaint)
        .where(col(Complaint.received_at) >= p.since, col(Complaint.received_at) < p.until)
    )
    if by is not None:
        stmt = stmt.outerjoin(Ticket, col(Ticket.id) == col(Complaint.ticket_id))
    if by == "product":
        device = func.coalesce(col(Complaint.device_id), col(Ticket.device_id))
        stmt = stmt.outerjoin(Device, col(Device.id) == device)
    raw: Raw = {}
    _collect(session, stmt.group_by(group) if by is not None else stmt, raw)
    return raw


# -- putting them together ---------------------------------------------------------------------


def kpis(
    session: Session,
    *,
    since: date,
    until: date,
    zone: tzinfo,
    by: str | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Every KPI of [since, until) (local dates in ``zone``): one dict per group of ``by``
    (``engineer``, ``severity``, ``product`` or None), then one for the whole period
    (``total`` True, ``group`` None). ``now`` is when the report is made: a deadline still
    pending and passed by then counts as missed; without it only the recorded misses do.

    Keys — counts: ``received``, ``cancelled``, ``counted``, ``resolved``, ``reply_on_time``
    / ``reply_judged`` (likewise ``onsite_*``, ``resolve_*``), ``first_time_fix``,
    ``repeats``, ``callbacks``, ``visits_on_time`` / ``visits_judged``, ``satisfied`` /
    ``surveys``, ``complaints``, ``answer_on_time`` / ``answer_judged``, ``opinion_on_time``
    / ``opinion_judged``; rates 0–1 to 4 places (None when nothing to judge):
    ``resolution_rate``, ``reply_on_time_rate``, ``onsite_on_time_rate``,
    ``resolve_on_time_rate``, ``first_time_fix_rate``, ``repeat_rate``, ``callback_rate``,
    ``visit_on_time_rate``, ``satisfaction_rate``, ``answer_on_time_rate``,
    ``opinion_on_time_rate``; scores: ``attitude_mean`` … ``timeliness_mean`` (Decimal, 2
    places); whole minutes: ``reply_mean_min``, ``reply_median_min``, ``resolve_mean_min``,
    ``resolve_median_min``; cost: ``labor_hours`` (Decimal), ``travel_cost``, ``parts_cost``
    (Decimal yuan)."""
    if by is not None and by not in GROUPS:
        raise UsageError("err.bad_choice", field="by", value=by, accepted="|".join(GROUPS))
    p = period(since, until, zone)
    rows: list[dict[str, Any]] = []
    if by is not None:
        grouped = _raw(session, p, by, now)
        rows += [{"group": g, "total": False, **finish(grouped[g])} for g in _order(grouped)]
    whole = _raw(session, p, None, now)
    rows.append({"group": None, "total": True, **finish(whole.get(None, {}))})
    return rows


def _raw(session: Session, p: Period, by: str | None, now: datetime | None) -> Raw:
    merged: Raw = {}
    for part in (
        _ticket_figures(session, p, by, now),
        _visit_figures(session, p, by),
        _survey_figures(session, p, by),
        _complaint_figures(session, p, by, now),
    ):
        for group, values in part.items():
            merged.setdefault(group, {}).update(values)
    return merged


def _order(grouped: Raw) -> list[Any]:
    """Severities 1, 2, 3 and names in order; the group without a value last."""
    named = sorted(g for g in grouped if g is not None)
    return [*named, None] if None in grouped else named
