"""Recurrence warnings 连续出现的问题预警 (DOMAIN §7: "the issue-trend summary with warnings on
problems appearing in consecutive months, quarters, years"; issue 14 item 2).

A *problem* is a device model with a fault category (model + category): the same fault on the
same kind of unit. From its fault counts per calendar month (in the firm's zone), a problem is
warned about when it appears in the report's month and also in the period just before it:

- ``months``   — in the month and the month before: the run of consecutive months with faults
  that ends at the report's month, when it is 2 months or longer;
- ``quarters`` — in the month's quarter (its months up to the report's month: a quarter in
  progress counts what it has so far) and the quarter before: the run of consecutive quarters
  with faults ending at the month's quarter, 2 or longer;
- ``years``    — in the month and the same month a year before: the run of that calendar month
  in consecutive years ending at the report's month, 2 or longer.

A run ends at the report's period: a problem that stopped appearing is history, not a warning
(it shows in the trend tables). Runs look back only over the months the report counted
(``first`` … ``month``: 13 months in ``monthly``), and the same-month rule also to
``first_year`` (``monthly``: two years back); a quarter counts only when all its months are
inside the window. Tickets without a model or without a category are no problem that
can recur (nothing says it is the same one) and are left out.

The rules are pure functions over the counts, so they are tested by hand without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

RULES = ("months", "quarters", "years")

Problem = tuple[str, str]  # (model, category)


def month_index(month: date) -> int:
    """Months since year 0: consecutive months have consecutive indexes."""
    return month.year * 12 + month.month - 1


def month_at(index: int) -> date:
    """The first day of the month with this :func:`month_index`."""
    return date(index // 12, index % 12 + 1, 1)


def add_months(month: date, count: int) -> date:
    """The first day of the month ``count`` months after ``month``'s (negative: before)."""
    return month_at(month_index(month) + count)


def month_label(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def quarter_index(month: date) -> int:
    """Quarters since year 0 (Q1 = Jan–Mar): consecutive quarters, consecutive indexes."""
    return month.year * 4 + (month.month - 1) // 3


def quarter_label(index: int) -> str:
    return f"{index // 4:04d}-Q{index % 4 + 1}"


class Period(NamedTuple):
    """One period of a problem's history: its label (``2026-09``, ``2026-Q3``) and faults."""

    label: str
    faults: int


@dataclass(frozen=True)
class Recurrence:
    """A warning: ``model`` + ``category`` met ``rule`` (one of :data:`RULES`) over
    ``history``, the run of periods oldest first, the last one holding the report's month."""

    model: str
    category: str
    rule: str
    history: tuple[Period, ...]
    faults: int = field(init=False)  # in the whole run

    def __post_init__(self) -> None:
        object.__setattr__(self, "faults", sum(p.faults for p in self.history))

    @property
    def periods(self) -> int:
        return len(self.history)

    def history_text(self) -> str:
        """``2026-09: 3, 2026-10: 2`` — the same in both languages."""
        return ", ".join(f"{p.label}: {p.faults}" for p in self.history)


Series = Mapping[int, int]  # faults per month_index


def _by_index(series: Mapping[date, int]) -> dict[int, int]:
    return {month_index(when): faults for when, faults in series.items()}


def _label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_run(series: Mapping[date, int], *, month: date, first: date) -> tuple[Period, ...]:
    """The consecutive months with faults ending at ``month`` (none when ``month`` has none),
    not before ``first``."""
    return _month_run(_by_index(series), month_index(month), month_index(first))


def quarter_run(series: Mapping[date, int], *, month: date, first: date) -> tuple[Period, ...]:
    """The consecutive quarters with faults ending at ``month``'s quarter (counted up to
    ``month``); earlier quarters only when their first month is not before ``first``."""
    return _quarter_run(_by_index(series), month_index(month), month_index(first))


def year_run(series: Mapping[date, int], *, month: date, first: date) -> tuple[Period, ...]:
    """The same calendar month in consecutive years, with faults, ending at ``month``."""
    return _year_run(_by_index(series), month_index(month), month_index(first))


def _month_run(series: Series, month: int, first: int) -> tuple[Period, ...]:
    run: list[Period] = []
    index = month
    while index >= first and series.get(index, 0) > 0:
        run.append(Period(_label(index), series[index]))
        index -= 1
    return tuple(reversed(run))


def _quarter_run(series: Series, month: int, first: int) -> tuple[Period, ...]:
    totals: dict[int, int] = {}
    for index, faults in series.items():
        if first <= index <= month:
            totals[index // 3] = totals.get(index // 3, 0) + faults  # 3 months a quarter
    run: list[Period] = []
    quarter = month // 3
    while totals.get(quarter, 0) > 0:
        run.append(Period(quarter_label(quarter), totals[quarter]))
        quarter -= 1
        if quarter * 3 < first:  # its first month was not counted
            break
    return tuple(reversed(run))


def _year_run(series: Series, month: int, first: int) -> tuple[Period, ...]:
    run: list[Period] = []
    index = month
    while index >= first and series.get(index, 0) > 0:
        run.append(Period(_label(index), series[index]))
        index -= 12
    return tuple(reversed(run))


_RUNS = {"months": _month_run, "quarters": _quarter_run, "years": _year_run}


def recurrences(
    counts: Mapping[Problem, Mapping[date, int]],
    *,
    month: date,
    first: date,
    first_year: date | None = None,
) -> list[Recurrence]:
    """Every warning of the report's ``month``: per problem (model, category) and rule, a run
    of 2 or more periods (see the module docstring). ``counts`` holds faults per month (first
    day of the month) from ``first`` to ``month``; the same-month rule may look further back,
    to ``first_year`` (the months in between need not have been counted).

    Order: by rule (months, quarters, years), then the longest run, the most faults, model and
    category — the most persistent problems first.
    """
    found: list[Recurrence] = []
    end, start = month_index(month), month_index(first)
    start_year = month_index(first_year) if first_year is not None else start
    for (model, category), series in counts.items():
        by_index = _by_index(series)
        for rule in RULES:
            history = _RUNS[rule](by_index, end, start_year if rule == "years" else start)
            if len(history) >= 2:
                found.append(Recurrence(model, category, rule, history))
    order = {rule: i for i, rule in enumerate(RULES)}
    found.sort(key=lambda r: (order[r.rule], -r.periods, -r.faults, r.model, r.category))
    return found
