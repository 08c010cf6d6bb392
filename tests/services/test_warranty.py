"""The warranty verdict (DOMAIN §1 保修): month arithmetic, components, contracts, void serials."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from shouhou.services.customers.warranty import (
    WHOLE_UNIT,
    add_months,
    last_covered_day,
    verdict,
    warranty_start,
)

starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
months = st.integers(min_value=0, max_value=240)


@pytest.mark.parametrize(
    ("start", "n", "first_uncovered", "last_covered"),
    [
        (date(2024, 1, 31), 1, date(2024, 3, 1), date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 3, 1), date(2023, 2, 28)),
        (date(2024, 1, 15), 1, date(2024, 2, 15), date(2024, 2, 14)),
        (date(2025, 3, 1), 24, date(2027, 3, 1), date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 3, 1), date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29), date(2028, 2, 28)),
        (date(2025, 12, 31), 2, date(2026, 3, 1), date(2026, 2, 28)),
        (date(2025, 11, 30), 1, date(2025, 12, 30), date(2025, 12, 29)),
        (date(2025, 10, 31), 1, date(2025, 12, 1), date(2025, 11, 30)),
        (date(2025, 8, 31), 4, date(2025, 12, 31), date(2025, 12, 30)),
        (date(2025, 6, 10), 0, date(2025, 6, 10), date(2025, 6, 9)),
        (date(2025, 6, 10), 120, date(2035, 6, 10), date(2035, 6, 9)),
    ],
)
def test_month_arithmetic_examples(
    start: date, n: int, first_uncovered: date, last_covered: date
) -> None:
    assert add_months(start, n) == first_uncovered
    assert last_covered_day(start, n) == last_covered


@given(starts, months)
def test_add_months_lands_in_the_right_month(start: date, n: int) -> None:
    result = add_months(start, n)
    target = start.year * 12 + start.month - 1 + n
    if result.day == start.day:
        assert result.year * 12 + result.month - 1 == target
    else:  # the target month is too short: the 1st of the month after
        assert result.day == 1
        assert result.year * 12 + result.month - 1 == target + 1
        assert start.day > 28


@given(starts, months)
def test_term_covers_at_least_start_minus_one_day(start: date, n: int) -> None:
    until = last_covered_day(start, n)
    assert until >= start - timedelta(days=1)
    assert until - start >= timedelta(days=28 * n - 1)
    assert until - start <= timedelta(days=31 * n)


@given(starts, starts, months)
def test_monotone_in_start(a: date, b: date, n: int) -> None:
    early, late = sorted((a, b))
    assert last_covered_day(early, n) <= last_covered_day(late, n)


@given(starts, months, months)
def test_monotone_in_months(start: date, m: int, n: int) -> None:
    few, many = sorted((m, n))
    assert last_covered_day(start, few) <= last_covered_day(start, many)


@given(starts, months, months)
def test_terms_do_not_drift(start: date, m: int, n: int) -> None:
    """Whole years from the same start agree regardless of how they are added up."""
    if start.day <= 28:
        assert add_months(add_months(start, m), n) == add_months(start, m + n)


@given(starts, months, st.integers(min_value=-400, max_value=10_000))
def test_verdict_is_in_warranty_exactly_up_to_until(start: date, n: int, offset: int) -> None:
    on = start + timedelta(days=offset)
    result = verdict(on=on, accepted_on=start, purchase_date=None, unit_months=n)
    until = last_covered_day(start, n)
    assert result.unit.until == until
    assert result.in_warranty == (start <= on <= until)
    expected = "not_started" if on < start else "in_warranty" if on <= until else "expired"
    assert result.state == expected


@given(starts, months, months, st.integers(min_value=0, max_value=10_000))
def test_components_are_judged_independently(
    start: date, unit: int, motor: int, offset: int
) -> None:
    on = start + timedelta(days=offset)
    result = verdict(
        on=on,
        accepted_on=start,
        purchase_date=None,
        unit_months=unit,
        components=[("motor", motor)],
    )
    assert [line.component for line in result.lines] == [WHOLE_UNIT, "motor"]
    assert result.lines[1].in_warranty == (on <= last_covered_day(start, motor))
    assert result.in_warranty == result.lines[0].in_warranty


def test_warranty_starts_at_acceptance_else_purchase() -> None:
    assert warranty_start(date(2025, 3, 1), date(2025, 1, 1)) == date(2025, 3, 1)
    assert warranty_start(None, date(2025, 1, 1)) == date(2025, 1, 1)
    assert warranty_start(None, None) is None


def test_purchase_date_is_the_fallback_start() -> None:
    result = verdict(
        on=date(2026, 11, 23), accepted_on=None, purchase_date=date(2025, 1, 1), unit_months=24
    )
    assert result.start == date(2025, 1, 1)
    assert result.unit.until == date(2026, 12, 31)
    assert result.state == "in_warranty"


def test_unknown_start_is_unknown_not_covered() -> None:
    result = verdict(
        on=date(2026, 11, 23),
        accepted_on=None,
        purchase_date=None,
        unit_months=24,
        components=[("motor", 120)],
    )
    assert result.state == "unknown"
    assert all(line.until is None and not line.in_warranty for line in result.lines)
    assert not result.covered


def test_fault_before_acceptance_is_not_covered_yet() -> None:
    """Issue 15.5: accepted 2025-03-01, a fault on 2025-02-01 is before the warranty starts —
    not in warranty ("not started"), so charged unless the firm waives it."""
    result = verdict(
        on=date(2025, 2, 1), accepted_on=date(2025, 3, 1), purchase_date=None, unit_months=24
    )
    assert not result.in_warranty
    assert result.state == "not_started"
    judged = result.judge()
    assert (judged.state, judged.covered) == ("not_started", False)


@pytest.mark.parametrize(
    ("on", "state", "covered"),
    [
        (date(2027, 2, 28), "in_warranty", True),  # last day of the whole-unit term
        (date(2027, 3, 1), "under_contract", True),
        (date(2028, 12, 31), "under_contract", True),  # contract's last day
        (date(2029, 1, 1), "expired", False),
    ],
)
def test_contract_covers_after_warranty(on: date, state: str, covered: bool) -> None:
    result = verdict(
        on=on,
        accepted_on=date(2025, 3, 1),
        purchase_date=None,
        unit_months=24,
        contract_until=date(2028, 12, 31),
    )
    assert result.state == state
    assert result.covered is covered
    assert result.under_contract is (state == "under_contract")


def test_contract_does_not_count_while_in_warranty() -> None:
    result = verdict(
        on=date(2025, 6, 1),
        accepted_on=date(2025, 3, 1),
        purchase_date=None,
        unit_months=24,
        contract_until=date(2028, 12, 31),
    )
    assert result.in_warranty
    assert not result.under_contract


@given(starts, months, st.lists(months, max_size=3), st.integers(min_value=-30, max_value=9000))
def test_tampered_serial_voids_everything(
    start: date, unit: int, component_months: list[int], offset: int
) -> None:
    result = verdict(
        on=start + timedelta(days=offset),
        accepted_on=start,
        purchase_date=None,
        unit_months=unit,
        components=[(f"c{i}", m) for i, m in enumerate(component_months)],
        contract_until=start + timedelta(days=20_000),
        serial_tampered=True,
    )
    assert result.state == "void"
    assert result.void
    assert not any(line.in_warranty for line in result.lines)
    assert not result.in_warranty


def test_a_contract_ending_before_the_warranty_starts_is_refused(session: Session) -> None:
    """Issue 15.5: accepted 2026-03-01; a contract until 2026-02-28 would end before the
    warranty even starts → refused, naming both dates; until 2026-03-01 is accepted."""
    from shouhou.errors import UsageError
    from shouhou.services.audit import Stamp
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.customers.devices import add_device, set_contract

    stamp = Stamp("小刘", datetime(2026, 3, 2, tzinfo=UTC))
    customer = add_customer(session, stamp, name="天控", phone="022-1")
    with pytest.raises(UsageError) as refused:
        add_device(
            session, stamp, customer_id=customer.id or 0, model="KS", serial="K1",
            accepted_on=date(2026, 3, 1), contract_until=date(2026, 2, 28),
        )  # fmt: skip
    assert refused.value.fields == {"until": "2026-02-28", "start": "2026-03-01"}
    add_device(
        session, stamp, customer_id=customer.id or 0, model="KS", serial="K1",
        accepted_on=date(2026, 3, 1),
    )  # fmt: skip
    with pytest.raises(UsageError):
        set_contract(session, stamp, "K1", until=date(2026, 2, 1))
    assert set_contract(session, stamp, "K1", until=date(2026, 3, 1)).contract_until == date(
        2026, 3, 1
    )
