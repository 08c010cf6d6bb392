"""Inspection plans (issue 11, DOMAIN §3 "per plan — monthly or quarterly … or as the contract
says"): calendar-month dates counted from the start each time, the inspection in a service
contract's last month (seed 000 item 10), due visits made idempotently up to the look-ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import AuditEntry, Visit
from shouhou.services import config
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.visits import plans
from shouhou.services.visits.plan_dates import (
    _index_from,
    add_months,
    contract_last_month,
    contract_occurrence,
    next_after,
    occurrences,
)

SH = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 23)  # tests.conftest.NOW


@dataclass(frozen=True)
class Plan:
    """The fields the dates depend on (``plan_dates.PlanDates``)."""

    start_on: date
    every_months: int
    until_on: date | None = None
    device_id: int | None = None
    kind: str = "inspection"
    id: int | None = 1


def dates(plan: Plan, until: date, contract_until: date | None = None) -> list[date]:
    return [o.on for o in occurrences(plan, until=until, contract_until=contract_until)]


def stamp_on(day: date, hour: int = 10) -> Stamp:
    return Stamp("王经理", datetime(day.year, day.month, day.day, hour, tzinfo=SH))


@pytest.fixture
def shop(session: Session) -> Session:
    """Customer 天津控制设备厂 (id 1) with device S-001 (contract to 2027-06-30) and S-002 (no
    contract); customer 北方机械 (id 2) with device N-1."""
    first = add_customer(session, stamp_on(TODAY, 8), name="天津控制设备厂", phone="022-1234567")
    other = add_customer(session, stamp_on(TODAY, 8), name="北方机械", phone="010-7654321")
    for owner, serial, contract in (
        (first.id, "S-001", date(2027, 6, 30)),
        (first.id, "S-002", None),
        (other.id, "N-1", None),
    ):
        add_device(
            session,
            stamp_on(TODAY, 8),
            customer_id=owner or 0,
            model="KS-200",
            serial=serial,
            contract_until=contract,
        )
    return session


def plan_visits(session: Session, plan_id: int | None = None) -> list[Visit]:
    query = select(Visit).where(Visit.origin == "plan")
    if plan_id is not None:
        query = query.where(Visit.plan_id == plan_id)
    return list(session.exec(query.order_by(col(Visit.dedupe_key))))


def add(session: Session, day: date = TODAY, **options: object) -> int:
    values: dict[str, object] = {"customer_ref": None, "device_ref": None, "every_months": 1}
    values.update(options)
    values.setdefault("start_on", day)
    plan = plans.add_plan(session, stamp_on(day), zone=SH, **values)  # type: ignore[arg-type]
    assert plan.id is not None
    return plan.id


# -- calendar months -------------------------------------------------------------------------------


def test_monthly_from_31_january_counts_calendar_months_from_the_start() -> None:
    """31 Jan + 1 month = 28 Feb 2027; + 2 months = 31 Mar (counted from the start, not from
    28 Feb); + 13 months = 29 Feb 2028 (leap year); + 14 = 31 Mar 2028 (issue 11)."""
    found = dates(Plan(date(2027, 1, 31), 1), until=date(2028, 3, 31))
    assert found[:4] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
    assert found[12:] == [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]
    assert len(found) == 15


def test_quarterly_from_30_november() -> None:
    """Every 3 months from 30 Nov 2026: 28 Feb 2027 (Feb has 28 days), then back to the 30th:
    30 May, 30 Aug, 30 Nov — four a year (DOMAIN §3 "quarterly (4 a year)")."""
    found = dates(Plan(date(2026, 11, 30), 3), until=date(2027, 11, 30))
    assert found == [
        date(2026, 11, 30),
        date(2027, 2, 28),
        date(2027, 5, 30),
        date(2027, 8, 30),
        date(2027, 11, 30),
    ]


def test_half_yearly_and_yearly_and_the_plans_own_end() -> None:
    """6m from 31 Aug 2026: 28 Feb 2027, 31 Aug 2027; 12m from 29 Feb 2028: 28 Feb 2029;
    until 2027-08-30 stops before 31 Aug."""
    assert dates(Plan(date(2026, 8, 31), 6), until=date(2027, 12, 31)) == [
        date(2026, 8, 31),
        date(2027, 2, 28),
        date(2027, 8, 31),
    ]
    assert dates(Plan(date(2028, 2, 29), 12), until=date(2029, 3, 1)) == [
        date(2028, 2, 29),
        date(2029, 2, 28),
    ]
    ended = Plan(date(2026, 8, 31), 6, until_on=date(2027, 8, 30))
    assert dates(ended, until=date(2030, 1, 1)) == [date(2026, 8, 31), date(2027, 2, 28)]


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    every=st.sampled_from(plans.EVERY_MONTHS),
    offset=st.integers(min_value=-40, max_value=3000),
)
def test_the_month_arithmetic_agrees_with_relativedelta(
    start: date, every: int, offset: int
) -> None:
    """``_index_from`` (month arithmetic, no loop) finds the first occurrence on or after a
    day exactly as counting start + k·N months with relativedelta does."""
    plan = Plan(start, every)
    day = start + timedelta(days=offset)
    k = 0
    while start + relativedelta(months=k * every) < day:
        k += 1
    assert _index_from(plan, day) == k


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(min_value=-240, max_value=1200),
)
def test_add_months_is_relativedeltas_rule(day: date, months: int) -> None:
    """Calendar months as dateutil counts them (31 Jan + 1 month = 28 Feb, not + 30 days)."""
    assert add_months(day, months) == day + relativedelta(months=months)


# -- the contract's last month (seed 000) ----------------------------------------------------------


def test_a_contract_gets_an_inspection_in_its_last_month() -> None:
    """Seed 000 item 10 "合同期内最后一个月进行一次维修检查". Contract to 30 Jun 2027, every 6
    months from 30 Nov 2026: 30 Nov, 30 May — none in June (1–30 Jun), so one more, due by
    30 Jun and shown from 1 Jun; the plan ends with the contract (no 30 Nov 2027)."""
    plan = Plan(date(2026, 11, 30), 6, device_id=1)
    contract = date(2027, 6, 30)
    assert contract_last_month(contract) == date(2027, 6, 1)
    found = occurrences(plan, until=date(2028, 1, 1), contract_until=contract)
    assert [(o.on, o.contract_end) for o in found] == [
        (date(2026, 11, 30), False),
        (date(2027, 5, 30), False),
        (date(2027, 6, 30), True),
    ]
    assert found[-1].opens_on == date(2027, 6, 1)
    # it shows once its month opens, before its own day
    assert dates(plan, until=date(2027, 6, 1), contract_until=contract)[-1] == contract
    assert dates(plan, until=date(2027, 5, 31), contract_until=contract)[-1] == date(2027, 5, 30)


def test_no_extra_inspection_when_a_regular_one_falls_in_the_last_month() -> None:
    """Quarterly from 15 Dec 2026: 15 Mar, 15 Jun 2027 — 15 Jun is in the last month of a
    contract to 30 Jun, so nothing is added. A contract to 14 Jun: its last month is 15 May –
    14 Jun, 15 Jun is past it, 15 Mar before it → one on 14 Jun."""
    plan = Plan(date(2026, 12, 15), 3, device_id=1)
    assert contract_occurrence(plan, date(2027, 6, 30)) is None
    assert contract_last_month(date(2027, 6, 14)) == date(2027, 5, 15)
    extra = contract_occurrence(plan, date(2027, 6, 14))
    assert extra is not None and extra.on == date(2027, 6, 14)


def test_no_extra_inspection_for_training_customers_or_plans_stopping_early() -> None:
    contract = date(2027, 6, 30)
    assert contract_occurrence(Plan(date(2026, 11, 30), 6, device_id=None), contract) is None
    training = Plan(date(2026, 11, 30), 6, device_id=1, kind="training")
    assert contract_occurrence(training, contract) is None
    early = Plan(date(2026, 11, 30), 6, device_id=1, until_on=date(2027, 3, 31))
    assert contract_occurrence(early, contract) is None
    after = Plan(date(2027, 7, 1), 6, device_id=1, until_on=date(2028, 1, 1))
    assert contract_occurrence(after, contract) is None


def test_next_after() -> None:
    """Monthly from 31 Jan 2027: after 28 Feb comes 31 Mar; nothing after the plan's end."""
    plan = Plan(date(2027, 1, 31), 1, until_on=date(2027, 3, 31))
    assert next_after(plan, None, None) == date(2027, 1, 31)
    assert next_after(plan, date(2027, 2, 28), None) == date(2027, 3, 31)
    assert next_after(plan, date(2027, 3, 31), None) is None


# -- due visits ------------------------------------------------------------------------------------


def test_add_plan_makes_the_due_visits_at_once_and_again_makes_none(shop: Session) -> None:
    """Monthly from 1 Nov 2026, today 23 Nov, look-ahead 14 days (to 7 Dec): 1 Nov (past,
    overdue) and 1 Dec are due now; 1 Jan is not. Run again: nothing new (idempotent)."""
    plan_id = add(shop, customer_ref="天津控制设备厂", start_on=date(2026, 11, 1), engineer="王工")
    made = plan_visits(shop, plan_id)
    assert [v.dedupe_key for v in made] == [
        f"plan:{plan_id}:2026-11-01",
        f"plan:{plan_id}:2026-12-01",
    ]
    first = made[0]
    assert (first.status, first.kind, first.origin, first.plan_id) == (
        "due",
        "inspection",
        "plan",
        plan_id,
    )
    assert first.engineer == "王工" and first.appointment_at is None and first.device_id is None
    assert first.due_at == datetime(2026, 11, 1, 23, 59, tzinfo=SH)
    for _ in range(3):
        assert plans.materialize_due(shop, stamp_on(TODAY), today=TODAY, zone=SH) == 0
    assert [v.id for v in plan_visits(shop, plan_id)] == [v.id for v in made]


def test_materialize_twice_creates_the_same_rows(shop: Session) -> None:
    """Plans added with nothing due yet (start 2027-01-31) come due on 2027-01-20 (31 Jan is
    within 14 days): the first run creates 2, the second 0, the rows stay the same."""
    monthly = add(shop, customer_ref="北方机械", start_on=date(2027, 1, 31))
    quarterly = add(shop, device_ref="S-002", every_months=3, start_on=date(2027, 1, 25))
    assert plan_visits(shop) == []
    later = date(2027, 1, 20)
    assert plans.materialize_due(shop, stamp_on(later), today=later, zone=SH) == 2
    rows = [(v.id, v.dedupe_key) for v in plan_visits(shop)]
    assert plans.materialize_due(shop, stamp_on(later), today=later, zone=SH) == 0
    assert [(v.id, v.dedupe_key) for v in plan_visits(shop)] == rows
    assert {v.plan_id for v in plan_visits(shop)} == {monthly, quarterly}


def test_missed_runs_catch_up_with_past_occurrences(shop: Session) -> None:
    """Monthly from 31 Jan 2027, nobody ran it until 10 May: 31 Jan, 28 Feb, 31 Mar and 30 Apr
    are made (overdue); 31 May is past the look-ahead (10 May + 14 d = 24 May) until 17 May."""
    plan_id = add(shop, customer_ref="北方机械", start_on=date(2027, 1, 31))
    day = date(2027, 5, 10)
    assert plans.materialize_due(shop, stamp_on(day), today=day, zone=SH) == 4
    assert [v.dedupe_key for v in plan_visits(shop, plan_id)] == [
        f"plan:{plan_id}:{d}" for d in ("2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30")
    ]
    day = date(2027, 5, 17)  # + 14 d = 31 May
    assert plans.materialize_due(shop, stamp_on(day), today=day, zone=SH) == 1


def test_the_look_ahead_is_a_setting(shop: Session) -> None:
    """visit.plan_ahead = 0m: only occurrences up to today; = 40d: to 2 Jan 2027."""
    config.set_value(shop, stamp_on(TODAY), "visit.plan_ahead", "0m")
    plan_id = add(shop, customer_ref="北方机械", start_on=date(2026, 11, 24))
    assert plan_visits(shop, plan_id) == []
    tomorrow = TODAY + timedelta(days=1)
    assert plans.materialize_due(shop, stamp_on(tomorrow), today=tomorrow, zone=SH) == 1
    config.set_value(shop, stamp_on(TODAY), "visit.plan_ahead", "40d")
    assert plans.materialize_due(shop, stamp_on(tomorrow), today=tomorrow, zone=SH) == 1
    assert [v.dedupe_key for v in plan_visits(shop, plan_id)][-1] == f"plan:{plan_id}:2026-12-24"


def test_the_contracts_last_month_becomes_a_due_visit(shop: Session) -> None:
    """S-001's contract ends 2027-06-30. Every 6 months from 30 Nov 2026: 30 Nov, 30 May; on
    20 May (look-ahead to 3 Jun) the June inspection has opened: made, due by 30 Jun 23:59."""
    plan_id = add(shop, device_ref="S-001", every_months=6, start_on=date(2026, 11, 30))
    day = date(2027, 5, 20)
    assert plans.materialize_due(shop, stamp_on(day), today=day, zone=SH) == 2
    made = plan_visits(shop, plan_id)
    assert [v.dedupe_key for v in made][-1] == f"plan:{plan_id}:2027-06-30"
    assert made[-1].due_at == datetime(2027, 6, 30, 23, 59, tzinfo=SH)
    assert made[-1].device_id is not None and made[-1].customer_id == 1
    far = date(2028, 6, 1)
    assert plans.materialize_due(shop, stamp_on(far), today=far, zone=SH) == 0


def test_an_ended_plan_makes_no_more_and_cancels_what_nobody_booked(shop: Session) -> None:
    plan_id = add(shop, customer_ref="北方机械", start_on=date(2026, 11, 1))
    assert len(plan_visits(shop, plan_id)) == 2
    plan, cancelled = plans.end_plan(shop, stamp_on(TODAY, 11), str(plan_id), reason="合同终止")
    assert (plan.active, cancelled) == (False, 2)
    assert {v.status for v in plan_visits(shop, plan_id)} == {"cancelled"}
    assert {v.end_reason for v in plan_visits(shop, plan_id)} == {"合同终止"}
    later = date(2027, 6, 1)
    assert plans.materialize_due(shop, stamp_on(later), today=later, zone=SH) == 0
    assert len(plan_visits(shop, plan_id)) == 2
    with pytest.raises(DomainError) as again:
        plans.end_plan(shop, stamp_on(TODAY, 11), str(plan_id), reason="x")
    assert again.value.key == "err.plan_ended"
    actions = shop.exec(
        select(AuditEntry.action).where(
            AuditEntry.entity == "inspection_plan", AuditEntry.entity_id == plan_id
        )
    ).all()
    assert actions == ["plan_add", "plan_end"]


def test_a_thousand_plans_cost_a_few_queries_when_nothing_is_new(shop: Session) -> None:
    """Issue 11: materialising runs on every `shouhou today`. 1,000 active plans whose due
    visits all exist: the run reads the settings, the plans and the probe keys — a handful of
    statements, not one per plan — and creates nothing."""
    from sqlalchemy import event, insert

    from shouhou.models import InspectionPlan

    at = stamp_on(TODAY).at
    plan_rows = [
        {
            "id": 1000 + n,
            "kind": "inspection",
            "customer_id": 1 + n % 2,
            "device_id": None,
            "every_months": plans.EVERY_MONTHS[n % 4],
            "start_on": date(2026, 1, 1) + timedelta(days=n % 330),
            "active": True,
            "created_at": at,
            "updated_at": at,
        }
        for n in range(1000)
    ]
    shop.execute(insert(InspectionPlan), plan_rows)
    horizon = TODAY + timedelta(days=14)
    visit_rows = [
        {
            "number": f"VT{row['id']}-{index}",
            "kind": "inspection",
            "status": "due",
            "customer_id": row["customer_id"],
            "due_at": at,
            "origin": "plan",
            "dedupe_key": f"plan:{row['id']}:{occurrence.on.isoformat()}",
            "plan_id": row["id"],
            "created_at": at,
            "updated_at": at,
        }
        for row in plan_rows
        for index, occurrence in enumerate(
            occurrences(
                Plan(row["start_on"], row["every_months"]), until=horizon, contract_until=None
            )  # type: ignore[arg-type]
        )
    ]
    shop.execute(insert(Visit), visit_rows)
    statements: list[str] = []
    engine = shop.get_bind()

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert plans.materialize_due(shop, stamp_on(TODAY), today=TODAY, zone=SH) == 0
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 6, statements
    later = date(2027, 1, 1)  # the monthly plans come due again: only those are read
    assert plans.materialize_due(shop, stamp_on(later), today=later, zone=SH) > 0


# -- refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "exc", "key"),
    [
        ({"customer_ref": "北方机械", "every_months": 2}, UsageError, "err.plan_every"),
        ({"customer_ref": "北方机械", "kind": "repair"}, UsageError, "err.bad_choice"),
        ({}, UsageError, "err.plan_target"),
        (
            {"customer_ref": "北方机械", "until_on": date(2026, 11, 1)},
            UsageError,
            "err.plan_until",
        ),
        (
            {"customer_ref": "北方机械", "device_ref": "S-001"},
            DomainError,
            "err.visit_device_customer",
        ),
        (
            {"device_ref": "S-001", "start_on": date(2027, 7, 1)},
            DomainError,
            "err.plan_after_contract",
        ),
        ({"device_ref": "NOPE"}, NotFound, "err.device_not_found"),
    ],
)
def test_refused_plans(
    shop: Session, options: dict[str, object], exc: type[Exception], key: str
) -> None:
    with pytest.raises(exc) as refused:
        add(shop, **options)
    assert refused.value.key == key  # type: ignore[attr-defined]
    assert plan_visits(shop) == []


def test_the_every_error_names_the_four_periods(shop: Session) -> None:
    with pytest.raises(UsageError) as refused:
        add(shop, customer_ref="北方机械", every_months=2)
    assert str(refused.value) == (
        "error: every 2m is not a plan period — give one of 1m|3m|6m|12m (calendar months)"
    )
    assert refused.value.exit_code == 2


def test_one_active_plan_of_a_kind_per_target(shop: Session) -> None:
    first = add(shop, device_ref="S-002", every_months=3)
    with pytest.raises(DomainError) as refused:
        add(shop, device_ref="S-002", every_months=1)
    assert refused.value.key == "err.plan_exists" and refused.value.fields["id"] == first
    add(shop, device_ref="S-002", every_months=12, kind="training")  # another kind is fine
    add(shop, customer_ref="天津控制设备厂", every_months=12)  # the customer as a whole too
    plans.end_plan(shop, stamp_on(TODAY), str(first), reason="换新计划")
    add(shop, device_ref="S-002", every_months=1)


def test_unknown_plan(shop: Session) -> None:
    with pytest.raises(NotFound) as missing:
        plans.plan_detail(shop, "99", today=TODAY)
    assert missing.value.key == "err.plan_not_found"


# -- views -----------------------------------------------------------------------------------------


def test_plan_views_give_the_next_due_date(shop: Session) -> None:
    """Monthly from 1 Nov: 1 Nov is still open (overdue) → next due 1 Nov; once it is done,
    1 Dec; the quarterly S-002 plan from 2027-02-01 has made nothing yet → 1 Feb."""
    monthly = add(shop, customer_ref="北方机械", start_on=date(2026, 11, 1))
    quarterly = add(shop, device_ref="S-002", every_months=3, start_on=date(2027, 2, 1))
    views = {v["id"]: v for v in plans.iter_plan_views(shop, today=TODAY)}
    assert (views[monthly]["next_due"], views[monthly]["overdue"]) == ("2026-11-01", True)
    assert (views[quarterly]["next_due"], views[quarterly]["overdue"]) == ("2027-02-01", False)
    assert views[quarterly]["device"] == "S-002" and views[quarterly]["every"] == "3m"
    assert views[quarterly]["ends_on"] is None
    first = plan_visits(shop, monthly)[0]
    first.status = "done"
    shop.add(first)
    shop.flush()
    view = plans.plan_view(shop, plans.get_plan(shop, monthly), today=TODAY)
    assert (view["next_due"], view["overdue"]) == ("2026-12-01", False)
    only = list(plans.iter_plan_views(shop, today=TODAY, customer_ref="北方机械"))
    assert [v["id"] for v in only] == [monthly]
    plans.end_plan(shop, stamp_on(TODAY), monthly, reason="停用")
    assert [v["id"] for v in plans.iter_plan_views(shop, today=TODAY)] == [quarterly]
    ended = list(plans.iter_plan_views(shop, today=TODAY, include_ended=True))
    assert [(v["id"], v["active"], v["next_due"]) for v in ended] == [
        (monthly, False, None),
        (quarterly, True, "2027-02-01"),
    ]


def test_plan_detail_lists_each_date_with_its_visit_then_the_next_ones(shop: Session) -> None:
    plan_id = add(shop, device_ref="S-001", every_months=3, start_on=date(2026, 11, 30))
    detail = plans.plan_detail(shop, plan_id, today=TODAY)
    rows = [
        (o["on"], o["state"], o["visit"] is not None, o["contract_end"])
        for o in detail["occurrences"]
    ]
    # 30 Nov made; then 28 Feb, 30 May (in the contract's last month? no: 1–30 Jun), and the
    # contract's June inspection (30 May is not in June) — the plan ends with the contract.
    assert rows == [
        ("2026-11-30", "due", True, False),
        ("2027-02-28", "upcoming", False, False),
        ("2027-05-30", "upcoming", False, False),
        ("2027-06-30", "upcoming", False, True),
    ]
    assert detail["ends_on"] == "2027-06-30" and detail["contract_until"] == "2027-06-30"
    assert [entry["action"] for entry in detail["timeline"]] == ["plan_add"]


def test_a_plan_starts_at_most_a_year_back(shop: Session) -> None:
    """Today 23 Nov 2026: the earliest start is 23 Nov 2025 (12 calendar months back); a
    monthly plan from there has 13 occurrences up to today (23 Nov 2025 … 23 Nov 2026), all
    but today's overdue; from 22 Nov 2025 it is refused, naming the earliest date."""
    plan_id = add(shop, customer_ref="天津", start_on=date(2025, 11, 23))
    past = [v for v in plan_visits(shop, plan_id) if v.due_at and v.due_at.date() <= TODAY]
    assert len(past) == 13
    with pytest.raises(UsageError) as refused:
        add(shop, customer_ref="天津", kind="training", start_on=date(2025, 11, 22))
    assert refused.value.key == "err.plan_start_past"
    assert refused.value.fields["earliest"] == "2025-11-23"
