"""Recurrence warnings 连续出现的问题预警 (DOMAIN §7, issue 14 item 2): a model + fault category
in 2+ consecutive months, 2+ consecutive quarters, or the same month of consecutive years — each
run ending at the report's month (its quarter), looking back no further than the window the
report fetched. Pure rules over monthly counts: every expectation is worked out by hand."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from shouhou.services.reports.trends import (
    Period,
    Recurrence,
    add_months,
    month_index,
    month_run,
    quarter_index,
    quarter_label,
    quarter_run,
    recurrences,
    year_run,
)

GA37 = ("GA37", "overheat")


def m(year: int, month: int) -> date:
    return date(year, month, 1)


def warnings_of(
    series: dict[date, int], month: date, *, problem: tuple[str, str] = GA37
) -> dict[str, Recurrence]:
    """The warnings of one problem by rule, with the 25-month window ``monthly`` uses."""
    first = add_months(month, -24)
    found = recurrences({problem: series}, month=month, first=first)
    return {w.rule: w for w in found}


# -- month arithmetic ---------------------------------------------------------------------------


def test_add_months_crosses_years() -> None:
    """2026-01 − 1 = 2025-12; 2026-10 − 24 = 2024-10 (the window's first month); 2025-12 + 1 =
    2026-01."""
    assert add_months(m(2026, 1), -1) == m(2025, 12)
    assert add_months(m(2026, 10), -24) == m(2024, 10)
    assert add_months(m(2025, 12), 1) == m(2026, 1)
    assert add_months(m(2026, 10), 0) == m(2026, 10)


def test_quarters_are_calendar_quarters() -> None:
    """Jan–Mar Q1 … Oct–Dec Q4; Q4 2025 and Q1 2026 are consecutive indexes."""
    assert quarter_label(quarter_index(m(2026, 3))) == "2026-Q1"
    assert quarter_label(quarter_index(m(2026, 4))) == "2026-Q2"
    assert quarter_label(quarter_index(m(2026, 12))) == "2026-Q4"
    assert quarter_index(m(2026, 1)) - quarter_index(m(2025, 12)) == 1


# -- the three rules, one at a time ---------------------------------------------------------------


def test_two_consecutive_months() -> None:
    """GA37 + overheat: 3 faults in 2026-09, 2 in 2026-10; report 2026-10 → "2 consecutive
    months", 5 faults, history 2026-09: 3, 2026-10: 2. September is Q3 and October Q4, so the
    same two faults are also 2 consecutive quarters (Q3: 3, Q4 so far: 2). No 2025-10 → no
    same-month warning."""
    found = warnings_of({m(2026, 9): 3, m(2026, 10): 2}, m(2026, 10))
    assert set(found) == {"months", "quarters"}
    months = found["months"]
    assert months.history == (Period("2026-09", 3), Period("2026-10", 2))
    assert (months.periods, months.faults) == (2, 5)
    assert months.history_text() == "2026-09: 3, 2026-10: 2"
    assert found["quarters"].history == (Period("2026-Q3", 3), Period("2026-Q4", 2))


def test_two_consecutive_quarters_without_consecutive_months() -> None:
    """1 fault in May (Q2), 2 in August (Q3), none in September; report 2026-09 → Q2: 1 and Q3
    (July–September): 2 → "2 consecutive quarters", 3 faults. September itself has none, so
    no month run (the run must end at the report's month); no 2025-09 → no same-month."""
    found = warnings_of({m(2026, 5): 1, m(2026, 8): 2}, m(2026, 9))
    assert set(found) == {"quarters"}
    assert found["quarters"].history == (Period("2026-Q2", 1), Period("2026-Q3", 2))
    assert found["quarters"].faults == 3


def test_same_month_consecutive_years() -> None:
    """1 fault in November 2025, 4 in November 2026; report 2026-11 → "same month, consecutive
    years" (2025-11: 1, 2026-11: 4). October 2026 has none → no month run; Q3 2026 has none →
    no quarter run (Q4 so far: 4)."""
    found = warnings_of({m(2025, 11): 1, m(2026, 11): 4}, m(2026, 11))
    assert set(found) == {"years"}
    assert found["years"].history == (Period("2025-11", 1), Period("2026-11", 4))


def test_three_years_in_the_window() -> None:
    """October 2024, 2025, 2026 (1, 1, 2); report 2026-10, window from 2024-10 → a run of 3
    years, 4 faults."""
    found = warnings_of({m(2024, 10): 1, m(2025, 10): 1, m(2026, 10): 2}, m(2026, 10))
    assert found["years"].periods == 3
    assert found["years"].faults == 4


def test_one_period_is_no_warning() -> None:
    """A single month with faults (even many) is no recurrence."""
    assert warnings_of({m(2026, 10): 9}, m(2026, 10)) == {}


def test_a_run_that_stopped_is_no_warning() -> None:
    """August and September 2026 but not October; report 2026-10: the month run would end in
    September (no warning); Q4 so far has none (no quarter run); no 2025-10."""
    assert warnings_of({m(2026, 8): 2, m(2026, 9): 2}, m(2026, 10)) == {}


def test_a_gap_breaks_the_month_run() -> None:
    """July, September, October: the run ending in October is September–October (2), July is
    not part of it (August is empty)."""
    found = warnings_of({m(2026, 7): 5, m(2026, 9): 1, m(2026, 10): 1}, m(2026, 10))
    assert found["months"].history == (Period("2026-09", 1), Period("2026-10", 1))


def test_later_months_are_not_counted() -> None:
    """Counts after the report's month (a re-run of an old month) change nothing: October 2026
    reported with faults in November and December 2026 → only September–October."""
    series = {m(2026, 9): 1, m(2026, 10): 1, m(2026, 11): 7, m(2026, 12): 7}
    found = warnings_of(series, m(2026, 10))
    assert found["months"].history == (Period("2026-09", 1), Period("2026-10", 1))
    assert found["quarters"].history == (Period("2026-Q3", 1), Period("2026-Q4", 1))


def test_quarter_in_progress_counts_what_it_has_so_far() -> None:
    """Report 2026-11: Q4 counts October and November (1 + 2 = 3), not December's 5."""
    series = {m(2026, 8): 1, m(2026, 10): 1, m(2026, 11): 2, m(2026, 12): 5}
    found = warnings_of(series, m(2026, 11))
    assert found["quarters"].history == (Period("2026-Q3", 1), Period("2026-Q4", 3))


# -- the window -------------------------------------------------------------------------------


def test_runs_stop_at_the_window() -> None:
    """Faults in every month since 2023-01; report 2026-10, window 2024-10 … 2026-10 (25
    months): the month run is 25 months long; quarters 2024-Q4 (starting on the window's first
    month) … 2026-Q4 are 9; October 2024, 2025, 2026 are 3 years."""
    series = {add_months(m(2023, 1), i): 1 for i in range(46)}
    assert max(series) == m(2026, 10)
    found = warnings_of(series, m(2026, 10))
    assert found["months"].periods == 25
    assert found["months"].history[0].label == "2024-10"
    assert found["quarters"].periods == 9
    assert found["quarters"].history[0] == Period("2024-Q4", 3)
    assert found["years"].periods == 3


def test_a_quarter_cut_by_the_window_is_left_out() -> None:
    """Report 2026-11: the window starts 2024-11, in the middle of 2024-Q4, which is not counted
    (its October was not fetched): 2025-Q1 … 2026-Q4 = 8 quarters."""
    series = {add_months(m(2023, 1), i): 1 for i in range(47)}
    found = warnings_of(series, m(2026, 11))
    assert found["quarters"].periods == 8
    assert found["quarters"].history[0].label == "2025-Q1"


# -- several problems ---------------------------------------------------------------------------


def test_problems_are_model_and_category_together() -> None:
    """GA37 overheat in September and GA37 noise in October are two problems, neither recurring
    month to month; GA45 overheat in both months is one that does."""
    counts = {
        ("GA37", "overheat"): {m(2026, 9): 1},
        ("GA37", "noise"): {m(2026, 10): 1},
        ("GA45", "overheat"): {m(2026, 9): 1, m(2026, 10): 1},
    }
    found = recurrences(counts, month=m(2026, 10), first=m(2024, 10))
    assert {(w.model, w.category, w.rule) for w in found} == {
        ("GA45", "overheat", "months"),
        ("GA45", "overheat", "quarters"),
    }


def test_order_is_rule_then_longest_then_most_faults() -> None:
    """Month runs first: B (3 months) before A (2 months, 10 faults) before C (2 months, 2
    faults); then the quarter runs, then the years."""
    counts = {
        ("A", "x"): {m(2026, 9): 5, m(2026, 10): 5},
        ("B", "x"): {m(2026, 8): 1, m(2026, 9): 1, m(2026, 10): 1},
        ("C", "x"): {m(2026, 9): 1, m(2026, 10): 1, m(2025, 10): 1},
    }
    found = recurrences(counts, month=m(2026, 10), first=m(2024, 10))
    assert [(w.rule, w.model) for w in found] == [
        ("months", "B"),
        ("months", "A"),
        ("months", "C"),
        ("quarters", "A"),
        ("quarters", "B"),
        ("quarters", "C"),
        ("years", "C"),
    ]


# -- properties -------------------------------------------------------------------------------

series_strategy = st.dictionaries(
    st.integers(0, 30).map(lambda i: add_months(m(2024, 6), i)),
    st.integers(0, 3),
    max_size=20,
)


@given(series_strategy)
def test_month_run_is_the_longest_unbroken_run_ending_at_the_month(
    series: dict[date, int],
) -> None:
    """Each month of the run has faults, they are consecutive, the last is the report's month,
    and the month before the run has none (or is before the window)."""
    month, first = m(2026, 10), m(2024, 10)
    run = month_run(series, month=month, first=first)
    if series.get(month, 0) == 0:
        assert run == ()
        return
    labels = [p.label for p in run]
    expected = [
        f"{d.year:04d}-{d.month:02d}"
        for d in (add_months(month, -k) for k in range(len(run) - 1, -1, -1))
    ]
    assert labels == expected
    assert all(p.faults > 0 for p in run)
    before = add_months(month, -len(run))
    assert before < first or series.get(before, 0) == 0


@given(series_strategy)
def test_quarter_and_year_runs_hold_only_periods_with_faults(series: dict[date, int]) -> None:
    """Every period in a run has faults, and a run's faults never exceed the window's."""
    month, first = m(2026, 10), m(2024, 10)
    in_window = sum(v for k, v in series.items() if first <= k <= month)
    for run in (
        quarter_run(series, month=month, first=first),
        year_run(series, month=month, first=first),
    ):
        assert all(p.faults > 0 for p in run)
        assert sum(p.faults for p in run) <= in_window
    assert month_index(month) - month_index(first) == 24


def test_same_month_may_look_further_back_than_the_other_rules() -> None:
    """``monthly`` counts 13 months (from 2025-10) and October 2024: with first 2025-10 and
    first_year 2024-10, a problem in every October and in September/October 2025 has a 2-month
    run (2026-09 is empty → none), a 3-year run, and its quarter run stops at 2025-Q4 (the
    window's first quarter) though 2025-Q3 had faults."""
    series = {m(2024, 10): 1, m(2025, 9): 1, m(2025, 10): 1, m(2026, 8): 1, m(2026, 10): 2}
    for q in (1, 4, 7):  # a fault in each quarter of 2026 before Q4
        series[m(2026, q)] = 1
    for q in (11,):
        series[m(2025, q)] = 1
    found = {
        w.rule: w
        for w in recurrences(
            {GA37: series}, month=m(2026, 10), first=m(2025, 10), first_year=m(2024, 10)
        )
    }
    assert set(found) == {"quarters", "years"}
    assert [p.label for p in found["years"].history] == ["2024-10", "2025-10", "2026-10"]
    assert [p.label for p in found["quarters"].history] == [
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]
    assert found["quarters"].history[0].faults == 2  # October and November 2025
