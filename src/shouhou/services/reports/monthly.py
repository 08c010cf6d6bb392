"""The monthly issue-trend summary 问题趋势月报 (DOMAIN §7, issue 14 item 2).

For a calendar month of the firm's zone:

- **faults** — tickets received in the month, cancelled ones excluded (a misreport 误报 is no
  fault) — by product line, model, fault category and cause, each against the month before and
  the same month a year before (differences as ``this − that``), and the 12-month trend (the
  month and the 11 before it) with the faults of the firm's own causes (DOMAIN §1: design,
  manufacturing/quality, installation, supplier part) as a second line;
- **recurrence warnings** 连续出现的问题预警 — a model + category in 2+ consecutive months,
  quarters, or the same month of consecutive years (rules in ``trends``), with its history;
- the month's **repeat repairs**, **three-strike cases** and the **old parts** still owed at its
  end (``monthly_cases``).

The window. The faults are counted for the month and the 12 before it (the month before, the
same month a year ago, the 12-month trend, the consecutive months and quarters: up to 13
months, 4–5 quarters), and for the same month two years ago, so a problem recurring every
October shows three Octobers. That is 14 months of tickets, not the 25 a full two years would
read: at a million tickets over five years the month × … GROUP BY sorts ~230,000 rows instead of
~400,000, and the extra year would only lengthen histories that already warn.

Performance (issue 14: ≤ 2 s at 1,000,000 tickets). The database counts the faults, grouped
by product line × model × category × cause, month by month in one statement
(:func:`fault_counts`), each month a range on the indexed ``ticket.received_at``; everything
else works on that result, in one pass. Months are the firm's: their first instants are
computed here in the firm's zone (DST included, when the zone has any) and given to the
database as the ranges' bounds — the same SQL on SQLite and PostgreSQL, where a date function
would need each dialect's own time-zone handling.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from shouhou.errors import UsageError
from shouhou.services.reports.model import Chart, Column, Report, Section
from shouhou.services.reports.monthly_cases import core_rows, repeat_rows, three_strike_rows
from shouhou.services.reports.trends import (
    Recurrence,
    add_months,
    month_label,
    recurrences,
)
from shouhou.services.tickets.repeats import FIRM_CAUSES

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.i18n import Translator

# Months are indexed in a frame of 25: 0 is two years before the report's month, 24 the month.
FRAME = 25
THIS, PREVIOUS, YEAR_AGO, TWO_YEARS_AGO = 24, 23, 12, 0
TREND_MONTHS = 12
# The months counted (see the module docstring), and those shown in detail (by product line
# and cause); of the others only the model, category and whether the cause is the firm's count.
COUNTED = (TWO_YEARS_AGO, *range(YEAR_AGO, THIS + 1))
DETAILED = (YEAR_AGO, PREVIOUS, THIS)


def parse_month(text: str) -> date:
    """``--month``: ``2026-11`` (also ``2026/11``, ``2026.11``, ``2026年11月``) → its first day."""
    import re

    found = re.fullmatch(r"\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?\s*", text)
    if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
        raise UsageError("err.report_month", value=text)
    return date(int(found[1]), int(found[2]), 1)


def last_full_month(today: date) -> date:
    """The default month: the last one that has ended (today is a day of the firm's zone)."""
    return add_months(today.replace(day=1), -1)


def month_starts(first: date, count: int, zone: tzinfo) -> list[datetime]:
    """The first instant (UTC) of ``count`` months from ``first`` and of the month after them:
    ``count + 1`` bounds, month *i* being ``bounds[i] <= t < bounds[i + 1]``."""
    from shouhou.timeutil import day_start

    return [day_start(add_months(first, i), zone).astimezone(UTC) for i in range(count + 1)]


class FaultCount(NamedTuple):
    """Faults of one month (index in the frame) and one product line, model, category and
    cause (each None when the ticket has none — and product line and cause always None in a
    month not shown in detail), and whether that cause is the firm's (DOMAIN §1). A tuple:
    there are ~10^4 of them at a million tickets."""

    month: int
    product_line: str | None
    model: str | None
    category: str | None
    cause: str | None
    firm: bool
    faults: int


def fault_counts(
    session: Session,
    bounds: Sequence[datetime],
    months: Iterable[int],
    detailed: Iterable[int] = (),
) -> list[FaultCount]:
    """Tickets received in each of ``months`` (indexes into the month ``bounds``: month *i*
    is ``bounds[i] <= received_at < bounds[i + 1]``), not cancelled, counted per month ×
    model × category × firm's cause or not — and in the ``detailed`` months also × product
    line × cause: one statement, a GROUP BY per month joined by UNION ALL.

    Per month rather than one GROUP BY over the whole window with the month as a CASE: SQLite
    groups by sorting, and fourteen sorts of a month's rows cost ~40 % less than one of all of
    them (measured at a million tickets, ``benchmarks/reports.py``); each branch reads its
    month through the index on ``received_at``; no date function, so the same SQL on SQLite and
    PostgreSQL.
    """
    from sqlalchemy import String, case, func, literal, null, select, union_all
    from sqlalchemy import cast as sql_cast
    from sqlmodel import col

    from shouhou.models import Device, Ticket

    received = col(Ticket.received_at)
    firm = case((col(Ticket.cause).in_(FIRM_CAUSES), True), else_=False).label("firm")
    none = sql_cast(null(), String())
    shown = set(detailed)
    branches = []
    for index in months:
        line: Any
        cause: Any
        if index in shown:
            line, cause = col(Device.product_line), col(Ticket.cause)
            keys = [line, col(Device.model), col(Ticket.category), cause, firm]
        else:
            line, cause = none.label("product_line"), none.label("cause")
            keys = [col(Device.model), col(Ticket.category), firm]
        branches.append(
            select(
                literal(index).label("month"),
                line,
                col(Device.model),
                col(Ticket.category),
                cause,
                firm,
                func.count().label("faults"),
            )
            .select_from(Ticket)
            .outerjoin(Device, col(Device.id) == col(Ticket.device_id))
            .where(
                received >= bounds[index],
                received < bounds[index + 1],
                col(Ticket.status) != "cancelled",
            )
            .group_by(*keys)
        )
    # The rows as they come (named like FaultCount's fields): building ~10^5 tuples of our own
    # would cost more than the rest of the report's Python.
    return cast("list[FaultCount]", session.connection().execute(union_all(*branches)).all())


Figures = list[int]  # faults this month, the month before, the same month a year before


@dataclass
class Tally:
    """The fault counts summed the ways the report shows them, in one pass (:meth:`add`)."""

    first: date  # the frame's month 0
    months: list[int] = field(default_factory=lambda: [0] * FRAME)
    firm: list[int] = field(default_factory=lambda: [0] * FRAME)
    lines: dict[Any, Figures] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    models: dict[Any, Figures] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    categories: dict[Any, Figures] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    causes: dict[Any, Figures] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    problems: dict[tuple[str, str], dict[date, int]] = field(
        default_factory=lambda: defaultdict(dict)
    )

    def add(self, counts: Iterable[FaultCount]) -> Tally:
        slots = {THIS: 0, PREVIOUS: 1, YEAR_AGO: 2}
        months = {i: add_months(self.first, i) for i in range(FRAME)}
        totals, firm, problems = self.months, self.firm, self.problems
        for month, line, model, category, cause, by_firm, faults in counts:
            totals[month] += faults
            if by_firm:
                firm[month] += faults
            slot = slots.get(month)
            if slot is not None:
                self.lines[line][slot] += faults
                self.models[model, line][slot] += faults
                self.categories[category][slot] += faults
                self.causes[cause][slot] += faults
            if model and category:
                series = problems[model, category]
                when = months[month]
                series[when] = series.get(when, 0) + faults
        return self


def compare_rows(
    table: dict[Any, Figures], label: Callable[[Any], dict[str, Any]]
) -> list[dict[str, Any]]:
    """A row per value (a value or a tuple of values, None for "none"): the columns naming it
    (``label(value)``), faults this month, the month before, a year before, and the differences
    (this − that). Most faults first (then the month before, the year before), "none" after
    the named values."""

    def order(item: tuple[Any, Figures]) -> tuple[Any, ...]:
        value, (this, previous, year_ago) = item
        parts = value if isinstance(value, tuple) else (value,)
        return (-this, -previous, -year_ago, tuple((p is None, p or "") for p in parts))

    return [
        {
            **label(value),
            "faults": this,
            "previous": previous,
            "change_previous": this - previous,
            "year_ago": year_ago,
            "change_year": this - year_ago,
        }
        for value, (this, previous, year_ago) in sorted(table.items(), key=order)
    ]


def _compare_columns(*naming: Column) -> tuple[Column, ...]:
    return (
        *naming,
        Column("faults", "report.monthly.col.faults", "int"),
        Column("previous", "report.monthly.col.previous", "int"),
        Column("change_previous", "report.monthly.col.change_previous", "int"),
        Column("year_ago", "report.monthly.col.year_ago", "int"),
        Column("change_year", "report.monthly.col.change_year", "int"),
    )


def monthly_report(
    session: Session, *, month: date, zone: tzinfo, now: datetime, t: Translator
) -> Report:
    """The issue-trend summary of ``month`` (its first day) in the firm's ``zone``; texts in
    ``t``'s language. See the module docstring for what each section counts."""
    first = add_months(month, -(FRAME - 1))
    bounds = month_starts(first, FRAME, zone)
    tally = Tally(first).add(fault_counts(session, bounds, COUNTED, DETAILED))
    start, end = bounds[THIS], bounds[THIS + 1]
    warnings = recurrences(
        tally.problems,
        month=month,
        first=add_months(first, YEAR_AGO),
        first_year=first,
    )
    repeats = repeat_rows(session, start=start, end=end, zone=zone)
    strikes = three_strike_rows(session, start=start, end=end, zone=zone)
    cores = core_rows(
        session, end=end, last_day=add_months(month, 1) - timedelta(days=1), zone=zone
    )
    sections = [
        *_fault_sections(tally, t),
        Section(
            "trend",
            "report.monthly.trend",
            (
                Column("month", "report.monthly.col.month"),
                Column("faults", "report.monthly.col.faults", "int"),
                Column("firm_faults", "report.monthly.col.firm_faults", "int"),
            ),
            trend_rows(tally),
            chart=Chart("lines", "month", ("faults", "firm_faults")),
        ),
        Section(
            "warnings",
            "report.monthly.warnings",
            (
                Column("model", "col.model"),
                Column("category", "col.category"),
                Column("rule", "report.monthly.col.rule", "enum:report.monthly.rule."),
                Column("periods", "report.monthly.col.periods", "int"),
                Column("faults", "report.monthly.col.faults", "int"),
                Column("history", "report.monthly.col.history"),
            ),
            [warning_row(w) for w in warnings],
            notes=[
                t(
                    "report.monthly.warnings_note",
                    first=month_label(add_months(first, YEAR_AGO)),
                    first_year=month_label(first),
                )
            ],
        ),
        *_case_sections(repeats, strikes, cores),
    ]
    this_month = tally.months[THIS]
    nothing = not (this_month or repeats or strikes or cores or warnings)
    return Report(
        name="monthly",
        title="report.monthly.title",
        period={"month": month_label(month)},
        generated_at=now.astimezone(UTC).isoformat(),
        summary=[
            ("report.monthly.faults", this_month),
            ("report.monthly.faults_previous", tally.months[PREVIOUS]),
            ("report.monthly.faults_year_ago", tally.months[YEAR_AGO]),
            ("report.monthly.warning_count", len(warnings)),
            ("report.monthly.repeat_count", len(repeats)),
            ("report.monthly.three_strike_count", len(strikes)),
            ("report.monthly.core_count", sum(r["quantity"] for r in cores)),
        ],
        sections=sections,
        empty_note="report.monthly.empty" if nothing else None,
    )


def _fault_sections(tally: Tally, t: Translator) -> list[Section]:
    """Faults by product line, model, category and cause; "none" (a ticket without a device, a
    device without a product line, no category or cause yet) is None, shown as —."""
    line = Column("product_line", "col.product_line")
    return [
        Section(
            "by_product_line",
            "report.monthly.by_product_line",
            _compare_columns(line),
            compare_rows(tally.lines, lambda v: {"product_line": v}),
        ),
        Section(
            "by_model",
            "report.monthly.by_model",
            _compare_columns(line, Column("model", "col.model")),
            compare_rows(tally.models, lambda v: {"product_line": v[1], "model": v[0]}),
        ),
        Section(
            "by_category",
            "report.monthly.by_category",
            _compare_columns(Column("category", "col.category")),
            compare_rows(tally.categories, lambda v: {"category": v}),
        ),
        Section(
            "by_cause",
            "report.monthly.by_cause",
            _compare_columns(Column("cause", "col.cause", "enum:cause.")),
            compare_rows(tally.causes, lambda v: {"cause": v}),
            notes=[t("report.monthly.cause_note")],
        ),
    ]


def _case_sections(
    repeats: list[dict[str, Any]], strikes: list[dict[str, Any]], cores: list[dict[str, Any]]
) -> list[Section]:
    ticket = (
        Column("number", "col.ticket"),
        Column("received_on", "report.monthly.col.received_on", "date"),
        Column("customer", "col.customer"),
        Column("serial", "col.serial"),
        Column("model", "col.model"),
        Column("category", "col.category"),
    )
    return [
        Section(
            "repeats",
            "report.monthly.repeats",
            (
                *ticket,
                Column("cause", "col.cause", "enum:cause."),
                Column("previous", "report.monthly.col.repeats"),
            ),
            repeats,
        ),
        Section(
            "three_strikes",
            "report.monthly.three_strikes",
            (
                *ticket,
                Column("repair_count", "col.repair_count", "int"),
                Column("verdict", "report.monthly.col.verdict", "enum:report.monthly.verdict."),
            ),
            strikes,
        ),
        Section(
            "cores",
            "report.monthly.cores",
            (
                Column("part", "col.part_number"),
                Column("part_name", "col.part_name"),
                Column("number", "col.ticket"),
                Column("customer", "col.customer"),
                Column("quantity", "col.quantity", "int"),
                Column("issued_on", "report.monthly.col.issued_on", "date"),
                Column("days", "report.monthly.col.days", "int"),
                Column("returned_on", "report.monthly.col.returned_on", "date"),
            ),
            cores,
        ),
    ]


def trend_rows(tally: Tally) -> list[dict[str, Any]]:
    """The 12 months up to the report's, oldest first: faults and those of the firm's causes."""
    return [
        {
            "month": month_label(add_months(tally.first, index)),
            "faults": tally.months[index],
            "firm_faults": tally.firm[index],
        }
        for index in range(FRAME - TREND_MONTHS, FRAME)
    ]


def warning_row(warning: Recurrence) -> dict[str, Any]:
    return {
        "model": warning.model,
        "category": warning.category,
        "rule": warning.rule,
        "periods": warning.periods,
        "faults": warning.faults,
        "history": warning.history_text(),
    }
