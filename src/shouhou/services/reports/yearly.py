"""``report yearly``: the year's service distribution by month and its KPIs (DOMAIN §7 "each
year: service distribution by month — the sources show demand peaking in Q1"; issue 14 item 4).

- **by month**: the requests received each month (every ticket, cancelled misreports
  included: each was a call to answer), by severity, with a bar chart of the months;
- **by product line**: the same requests per product line of the device, month by month;
- **visits by month**: visits done each month (``finished_at``) by kind — repair, install,
  inspection, callback, training;
- the **year's KPIs**: ``kpi_report.kpi_sections`` over the whole year (``kpi`` defines them).

Months are the firm's local months: each row is counted in SQL into one of twelve ranges of
``received_at`` / ``finished_at`` (a CASE over the month boundaries in the firm's zone), so the
WHERE stays a range on the indexed column and no dialect's time-zone functions are needed.

The default year (``default_year``): the year before in January (the year just ended is what
January reports on), else the current year to date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlmodel import col

from shouhou.models import Device, Ticket, Visit
from shouhou.services.reports.kpi_queries import kpis
from shouhou.services.reports.kpi_report import kpi_sections, nothing_in
from shouhou.services.reports.model import Chart, Column, Report, Section

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.i18n import Translator

SEVERITIES = {"1": "critical", "2": "major", "3": "minor"}
VISIT_KINDS = ("repair", "install", "inspection", "callback", "training")
MONTHS = range(1, 13)


def default_year(today: date) -> int:
    """Last year in January, else this year (to date)."""
    return today.year - 1 if today.month == 1 else today.year


def month_starts(year: int, zone: tzinfo) -> list[datetime]:
    """The 13 boundaries of the year's local months: 1 Jan … 1 Jan of the next year."""
    from shouhou.timeutil import day_start

    return [day_start(date(year + m // 12, m % 12 + 1, 1), zone) for m in range(13)]


def month_of(column: Any, starts: list[datetime]) -> Any:
    """The local month (1–12) of a time known to lie in [starts[0], starts[12])."""
    return case(*((column < starts[m], m) for m in range(1, 12)), else_=12)


def _by_month(
    session: Session,
    entity: Any,
    column: Any,
    keys: tuple[Any, ...],
    starts: list[datetime],
    *where: Any,
    join: tuple[Any, Any] | None = None,
) -> dict[tuple[Any, ...], int]:
    """{(month, *keys): count} of the rows of ``entity`` whose ``column`` falls in the year
    (``join``: an outer join, e.g. the ticket's device for its product line)."""
    labelled = [key.label(f"k{i}") for i, key in enumerate(keys)]
    inner = select(month_of(column, starts).label("month"), *labelled).select_from(entity)
    if join is not None:
        inner = inner.outerjoin(*join)
    ranked = inner.where(column >= starts[0], column < starts[12], *where).subquery()
    grouped = [ranked.c.month, *(ranked.c[f"k{i}"] for i in range(len(keys)))]
    stmt = select(*grouped, func.count()).group_by(*grouped)
    return {(int(row[0]), *row[1:-1]): row[-1] for row in session.execute(stmt)}


def _total(counts: dict[tuple[Any, ...], int], *positions: int) -> dict[tuple[Any, ...], int]:
    """``counts`` summed over all but the key ``positions`` (0 the month)."""
    totals: dict[tuple[Any, ...], int] = {}
    for key, n in counts.items():
        kept = tuple(key[i] for i in positions)
        totals[kept] = totals.get(kept, 0) + n
    return totals


def yearly_report(
    session: Session, *, year: int, zone: tzinfo, now: datetime, t: Translator
) -> Report:
    """The year's service distribution and KPIs in the firm's ``zone``; texts in ``t``'s
    language."""
    starts = month_starts(year, zone)
    received = col(Ticket.received_at)
    device = (Device, col(Device.id) == col(Ticket.device_id))
    keys = (col(Ticket.severity), col(Device.product_line))
    requests = _by_month(session, Ticket, received, keys, starts, join=device)
    severity, lines = _total(requests, 0, 1), _total(requests, 0, 2)
    done = col(Visit.status) == "done"
    visits = _by_month(session, Visit, col(Visit.finished_at), (col(Visit.kind),), starts, done)
    month_rows = _month_rows(year, severity)
    total_received = sum(row["received"] for row in month_rows)
    first, following = date(year, 1, 1), date(year + 1, 1, 1)
    kpi_rows = kpis(session, since=first, until=following, zone=zone, now=now)
    sections = [
        Section(
            "by_month",
            "report.yearly.by_month",
            (
                Column("month", "report.yearly.col.month"),
                Column("received", "report.yearly.col.received", "int"),
                *(Column(name, f"severity.{s}", "int") for s, name in SEVERITIES.items()),
            ),
            month_rows,
            chart=Chart("bars", "month", ("received",)),
            notes=[t("report.yearly.note.received")],
        ),
        Section(
            "by_product_line",
            "report.yearly.by_product_line",
            (
                Column("product_line", "col.product_line"),
                *(Column(f"m{m:02d}", f"report.yearly.m{m}", "int") for m in MONTHS),
                Column("total", "report.yearly.col.total", "int"),
            ),
            _line_rows(lines, t),
        ),
        Section(
            "visits_by_month",
            "report.yearly.visits_by_month",
            (
                Column("month", "report.yearly.col.month"),
                *(Column(kind, f"visit_kind.{kind}", "int") for kind in VISIT_KINDS),
                Column("total", "report.yearly.col.total", "int"),
            ),
            _visit_rows(year, visits),
            notes=[t("report.yearly.note.visits")],
        ),
        *kpi_sections(kpi_rows, by=None, t=t),
    ]
    total = kpi_rows[-1]
    visits_done = sum(visits.values())
    return Report(
        name="yearly",
        title="report.yearly.title",
        period={"year": str(year)},
        generated_at=now.astimezone(UTC).isoformat(),
        summary=_summary(month_rows, total_received, visits_done, total),
        sections=sections,
        empty_note="report.yearly.empty" if not visits_done and nothing_in(total) else None,
    )


def _month_rows(year: int, severity: dict[tuple[Any, ...], int]) -> list[dict[str, Any]]:
    rows = []
    for m in MONTHS:
        row: dict[str, Any] = {"month": f"{year}-{m:02d}"}
        for code, name in SEVERITIES.items():
            row[name] = severity.get((m, code), 0)
        row["received"] = sum(n for (month, _), n in severity.items() if month == m)
        rows.append(row)
    return rows


def _line_rows(lines: dict[tuple[Any, ...], int], t: Translator) -> list[dict[str, Any]]:
    """One row per product line, busiest first; devices without a line (or tickets without a
    device) last."""
    names = {line for _, line in lines}
    rows = []
    for line in names:
        row: dict[str, Any] = {
            "product_line": line if line is not None else t("report.kpi.no_product_line"),
            "product_line_code": line,
        }
        for m in MONTHS:
            row[f"m{m:02d}"] = lines.get((m, line), 0)
        row["total"] = sum(row[f"m{m:02d}"] for m in MONTHS)
        rows.append(row)
    rows.sort(key=lambda r: (r["product_line_code"] is None, -r["total"], r["product_line"]))
    return rows


def _visit_rows(year: int, visits: dict[tuple[Any, ...], int]) -> list[dict[str, Any]]:
    rows = []
    for m in MONTHS:
        row: dict[str, Any] = {"month": f"{year}-{m:02d}"}
        for kind in VISIT_KINDS:
            row[kind] = visits.get((m, kind), 0)
        row["total"] = sum(n for (month, _), n in visits.items() if month == m)
        rows.append(row)
    return rows


def _summary(
    month_rows: list[dict[str, Any]], received: int, visits_done: int, total: dict[str, Any]
) -> list[tuple[str, Any]]:
    """Requests and visits of the year, the busiest month, the first quarter's share of the
    requests (DOMAIN §7: demand peaks in Q1) and two headline KPIs."""
    peak = max(month_rows, key=lambda r: r["received"]) if received else None
    q1 = sum(r["received"] for r in month_rows[:3])
    return [
        ("report.yearly.received", received),
        ("report.yearly.visits_done", visits_done),
        ("report.yearly.peak_month", peak["month"] if peak else None),
        ("report.yearly.q1_share", round(q1 / received, 4) if received else None),
        ("report.kpi.col.resolution_rate", total["resolution_rate"]),
        ("report.kpi.col.satisfaction_rate", total["satisfaction_rate"]),
    ]
