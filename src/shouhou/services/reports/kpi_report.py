"""``report kpi``: the KPIs of a period as a :class:`Report` (DOMAIN §7, issue 14 item 3) —
overall, or per engineer, severity or product line.

The figures are ``kpi_queries.kpis`` (defined in ``kpi``); this module only lays them out:
five sections (resolution, timeliness, satisfaction, complaints, cost), one row per group and
the whole period last, each with notes saying in one line how its KPIs are defined. The
yearly report reuses :func:`kpi_sections` for the year's KPIs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.services.feedback.surveys import SATISFIED_MEAN
from shouhou.services.reports.kpi_queries import kpis
from shouhou.services.reports.model import Column, Report, Section

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.i18n import Translator

GROUP_HEADERS = {
    None: "report.kpi.col.period",
    "engineer": "col.engineer",
    "severity": "col.severity",
    "product": "col.product_line",
}
NO_GROUP = {
    "engineer": "report.kpi.unassigned",
    "severity": "report.kpi.no_ticket",
    "product": "report.kpi.no_product_line",
}


def _pct(key: str, header: str) -> Column:
    return Column(key, header, "pct")


def _columns(by: str | None, *rest: Column) -> tuple[Column, ...]:
    return (Column("label", GROUP_HEADERS[by]), *rest)


def kpi_sections(rows: list[dict[str, Any]], *, by: str | None, t: Translator) -> list[Section]:
    """The KPI rows of :func:`kpis` as five sections; ``label`` names each row's group."""
    shown = [{**row, "label": group_label(row, by, t)} for row in rows]
    return [
        Section(
            "resolution",
            "report.kpi.resolution",
            _columns(
                by,
                Column("received", "report.kpi.col.received", "int"),
                Column("cancelled", "report.kpi.col.cancelled", "int"),
                Column("resolved", "report.kpi.col.resolved", "int"),
                _pct("resolution_rate", "report.kpi.col.resolution_rate"),
                _pct("first_time_fix_rate", "report.kpi.col.first_time_fix_rate"),
                _pct("repeat_rate", "report.kpi.col.repeat_rate"),
                _pct("callback_rate", "report.kpi.col.callback_rate"),
            ),
            shown,
            notes=[t("report.kpi.note.cohort"), t("report.kpi.note.resolution")],
        ),
        Section(
            "timeliness",
            "report.kpi.timeliness",
            _columns(
                by,
                _pct("reply_on_time_rate", "report.kpi.col.reply_on_time"),
                _pct("onsite_on_time_rate", "report.kpi.col.onsite_on_time"),
                _pct("resolve_on_time_rate", "report.kpi.col.resolve_on_time"),
                _pct("visit_on_time_rate", "report.kpi.col.visit_on_time"),
                Column("reply_mean_min", "report.kpi.col.reply_mean", "minutes"),
                Column("reply_median_min", "report.kpi.col.reply_median", "minutes"),
                Column("resolve_mean_min", "report.kpi.col.resolve_mean", "minutes"),
                Column("resolve_median_min", "report.kpi.col.resolve_median", "minutes"),
            ),
            shown,
            notes=[t("report.kpi.note.on_time"), t("report.kpi.note.times")],
        ),
        Section(
            "satisfaction",
            "report.kpi.satisfaction",
            _columns(
                by,
                Column("surveys", "report.kpi.col.surveys", "int"),
                _pct("satisfaction_rate", "report.kpi.col.satisfaction_rate"),
                Column("attitude_mean", "report.kpi.col.attitude", "decimal"),
                Column("quality_mean", "report.kpi.col.quality", "decimal"),
                Column("resolution_mean", "report.kpi.col.resolution", "decimal"),
                Column("timeliness_mean", "report.kpi.col.timeliness", "decimal"),
            ),
            shown,
            notes=[t("report.kpi.note.satisfaction", mean=SATISFIED_MEAN)],
        ),
        Section(
            "complaints",
            "report.kpi.complaints",
            _columns(
                by,
                Column("complaints", "report.kpi.col.complaints", "int"),
                _pct("answer_on_time_rate", "report.kpi.col.answer_on_time"),
                _pct("opinion_on_time_rate", "report.kpi.col.opinion_on_time"),
            ),
            shown,
            notes=[t("report.kpi.note.complaints")],
        ),
        Section(
            "cost",
            "report.kpi.cost",
            _columns(
                by,
                Column("labor_hours", "report.kpi.col.labor_hours", "decimal"),
                Column("travel_cost", "report.kpi.col.travel_cost", "money"),
                Column("parts_cost", "report.kpi.col.parts_cost", "money"),
            ),
            shown,
            notes=[t("report.kpi.note.cost")],
        ),
    ]


def group_label(row: dict[str, Any], by: str | None, t: Translator) -> str:
    """How a row's group reads: the whole period, an engineer, a severity, a product line, or
    the group without one (unassigned, no ticket, no product line)."""
    group = row["group"]
    if row["total"] or by is None:
        return t("report.kpi.all")
    if group is None:
        return t(NO_GROUP[by])
    if by == "severity":
        return t(f"severity.{group}")
    return str(group)


def kpi_summary(total: dict[str, Any]) -> list[tuple[str, Any]]:
    """The headline figures of the whole period (rates as floats 0–1: shown as percentages)."""
    return [
        ("report.kpi.col.received", total["received"]),
        ("report.kpi.col.resolution_rate", total["resolution_rate"]),
        ("report.kpi.col.reply_on_time", total["reply_on_time_rate"]),
        ("report.kpi.col.resolve_on_time", total["resolve_on_time_rate"]),
        ("report.kpi.col.first_time_fix_rate", total["first_time_fix_rate"]),
        ("report.kpi.col.callback_rate", total["callback_rate"]),
        ("report.kpi.col.satisfaction_rate", total["satisfaction_rate"]),
        ("report.kpi.col.complaints", total["complaints"]),
    ]


def nothing_in(total: dict[str, Any]) -> bool:
    """No ticket, arrival, survey or complaint in the period."""
    keys = ("received", "visits_judged", "surveys", "complaints")
    return not any(total[k] for k in keys)


def last_full_month(today: date) -> tuple[date, date]:
    """The default period: the month before ``today``'s, [first day, first day of this month)."""
    this_month = today.replace(day=1)
    return (this_month - timedelta(days=1)).replace(day=1), this_month


def kpi_report(
    session: Session,
    *,
    since: date,
    until: date,
    zone: tzinfo,
    now: datetime,
    t: Translator,
    by: str | None = None,
) -> Report:
    """``report kpi``: the KPIs of the local dates [since, until) in ``zone``, per ``by`` group
    (``engineer``, ``severity``, ``product``) or overall; texts in ``t``'s language. The period
    shows its last day (``until`` − 1 day)."""
    rows = kpis(session, since=since, until=until, zone=zone, by=by, now=now)
    total = rows[-1]
    last = (until - timedelta(days=1)).isoformat()
    period = {"from": since.isoformat(), "to": last}
    if by is not None:
        period["by"] = by
    return Report(
        name="kpi",
        title="report.kpi.title",
        period=period,
        generated_at=now.astimezone(UTC).isoformat(),
        summary=kpi_summary(total),
        sections=kpi_sections(rows, by=by, t=t),
        empty_note="report.kpi.empty" if nothing_in(total) else None,
    )
