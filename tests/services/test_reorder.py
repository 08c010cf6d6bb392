"""Low stock and the purchase plan (DOMAIN §4 "below safety stock → suggested purchase plan";
issue 12 item 4), figures checked by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session

from shouhou.services.audit import Stamp
from shouhou.services.parts import ledger
from shouhou.services.parts.catalogue import add_part, get_part
from shouhou.services.parts.movements import receive, scrap
from shouhou.services.parts.reorder import (
    WINDOW_DAYS,
    consumption,
    low_stock_rows,
    order_quantity,
    purchase_plan,
)
from shouhou.services.parts.suppliers import add_supplier, remove_supplier, warn_supplier
from tests.conftest import NOW, SHANGHAI


def at(text: str) -> Stamp:
    return Stamp("tester", datetime.fromisoformat(text).replace(tzinfo=SHANGHAI))


def issue(session: Session, when: str, number: str, quantity: int) -> None:
    ledger.move(session, at(when), get_part(session, number), kind="issue", quantity=-quantity)


def give_back(session: Session, when: str, number: str, quantity: int) -> None:
    ledger.move(session, at(when), get_part(session, number), kind="return", quantity=quantity)


@pytest.mark.parametrize(
    ("on_hand", "safety", "most", "order"),
    [
        (3, 4, 10, 7),  # up to the maximum: 10 − 3
        (0, 10, None, 20),  # no maximum: 2 × 10 − 0
        (4, 5, None, 6),  # 2 × 5 − 4
        (1, 5, 3, 4),  # a maximum below the safety stock (old data): back to safety, 5 − 1
    ],
)
def test_order_quantity(on_hand: int, safety: int, most: int | None, order: int) -> None:
    assert order_quantity(on_hand, safety, most) == order


@pytest.fixture
def stocked(session: Session, stamp: Stamp) -> Session:
    """The catalogue and movements the plan below is worked out from (now: 2026-11-23 10:00
    Shanghai; the 90-day window starts 2026-08-25 10:00, exclusive)."""
    add_supplier(session, stamp, name="甲阀门厂", contact="张经理", phone="021-1")
    add_supplier(session, stamp, name="乙电器")
    add_supplier(session, stamp, name="丙公司")

    def part(number: str, name: str, **fields: object) -> None:
        add_part(session, stamp, number=number, name=name, unit="个", **fields)  # type: ignore[arg-type]

    part("KS-V100", "进气阀", safety_stock=4, max_stock=10, cost=Decimal("1200.50"),
         supplier="甲阀门厂")  # fmt: skip
    part("KS-F020", "排气阀片", safety_stock=10, cost=Decimal("35"), supplier="甲阀门厂")
    part("EL-30", "接触器", safety_stock=2, max_stock=6, supplier="乙电器")
    part("MISC-1", "密封圈", safety_stock=20, max_stock=50, cost=Decimal("0.80"))
    part("OLD-9", "旧型号阀", safety_stock=1, max_stock=2, cost=Decimal("100"), supplier="丙公司")
    part("OK-1", "螺栓", safety_stock=2, cost=Decimal("1"), supplier="甲阀门厂")
    part("ZERO-1", "备用垫", cost=Decimal("1"))
    # KS-V100: 12 − 3 (July, before the window) − 5 + 1 (returned) − 2 (scrap) = 3 < 4
    receive(session, at("2026-06-01 09:00"), "KS-V100", quantity=12)
    issue(session, "2026-07-01 09:00", "KS-V100", 3)
    issue(session, "2026-10-01 09:00", "KS-V100", 5)
    give_back(session, "2026-10-05 09:00", "KS-V100", 1)
    scrap(session, at("2026-11-01 09:00"), "KS-V100", quantity=2, reason="破损")
    # EL-30: 3 − 2 = 1 < 2
    receive(session, at("2026-09-01 09:00"), "EL-30", quantity=3)
    issue(session, "2026-11-20 09:00", "EL-30", 2)
    # MISC-1: 25 − 10 = 15 < 20; the issue of 25 Aug 10:00 is exactly 90 days back: outside
    receive(session, at("2026-08-01 09:00"), "MISC-1", quantity=25)
    issue(session, "2026-08-25 10:00", "MISC-1", 4)
    give_back(session, "2026-08-25 10:00", "MISC-1", 4)
    issue(session, "2026-09-01 09:00", "MISC-1", 10)
    # OK-1 at its safety stock: not low
    receive(session, at("2026-09-01 09:00"), "OK-1", quantity=2)
    warn_supplier(session, stamp, "乙电器", reason="迟交")
    remove_supplier(session, stamp, "丙公司", reason="停产")
    return session


def test_the_purchase_plan_by_hand(stocked: Session) -> None:
    """Low (on hand < safety): KS-V100 3<4, KS-F020 0<10, EL-30 1<2, MISC-1 15<20, OLD-9 0<1;
    not OK-1 (2 = 2) nor ZERO-1 (safety 0).

    乙电器 (warned, listed: still usable), suppliers by name (乙 U+4E59 before 甲 U+7532):
      EL-30   order 6 − 1 = 5, used 2, no cost → unpriced, subtotal 0.00
    甲阀门厂:
      KS-F020 order 2 × 10 − 0 = 20, used 0, 20 × 35.00 = 700.00
      KS-V100 order 10 − 3 = 7, used 5 − 1 = 4 (July issue before the window, scrap not
              counted), 7 × 1200.50 = 8403.50
      subtotal 700.00 + 8403.50 = 9103.50
    no usable supplier (last):
      MISC-1  order 50 − 15 = 35, used 10 (the issue and return at the window's start are
              outside it), 35 × 0.80 = 28.00
      OLD-9   order 2 − 0 = 2, 2 × 100.00 = 200.00 (丙公司 removed)
      subtotal 228.00
    total 0.00 + 9103.50 + 228.00 = 9331.50, 5 parts, 1 unpriced."""
    plan = purchase_plan(stocked, now=NOW)
    view = plan.view()
    groups = [
        (g["supplier"], g["status"], g["subtotal"], g["unpriced"],
         [(ln["number"], ln["order"], ln["consumption"], ln["unit_cost"], ln["line_cost"])
          for ln in g["lines"]])
        for g in view["suppliers"]
    ]  # fmt: skip
    assert groups == [
        ("乙电器", "warned", "0.00", 1, [("EL-30", 5, 2, None, None)]),
        ("甲阀门厂", "qualified", "9103.50", 0, [
            ("KS-F020", 20, 0, "35.00", "700.00"),
            ("KS-V100", 7, 4, "1200.50", "8403.50"),
        ]),
        (None, None, "228.00", 0, [
            ("MISC-1", 35, 10, "0.80", "28.00"),
            ("OLD-9", 2, 0, "100.00", "200.00"),
        ]),
    ]  # fmt: skip
    assert (view["total"], view["parts"], view["unpriced"]) == ("9331.50", 5, 1)
    assert view["window_days"] == WINDOW_DAYS == 90
    assert view["since"] == "2026-08-25T02:00:00+00:00"
    jia = view["suppliers"][1]
    assert (jia["contact"], jia["phone"]) == ("张经理", "021-1")
    old = view["suppliers"][2]["lines"][1]
    assert (old["supplier"], old["supplier_removed"]) == (None, "丙公司")
    assert [line["number"] for line in plan.lines] == [
        "EL-30", "KS-F020", "KS-V100", "MISC-1", "OLD-9"
    ]  # fmt: skip


def test_consumption_window_is_the_last_90_days(stocked: Session) -> None:
    """(now − 90 d, now]: a move exactly 90 days back is out, one exactly now is in."""
    ids = {n: get_part(stocked, n).id or 0 for n in ("KS-V100", "MISC-1", "EL-30")}
    since = NOW - timedelta(days=90)
    issue(stocked, "2026-11-23 10:00", "EL-30", 1)
    used = consumption(stocked, list(ids.values()), since=since, until=NOW)
    assert used == {ids["KS-V100"]: 4, ids["MISC-1"]: 10, ids["EL-30"]: 3}
    assert consumption(stocked, [], since=since, until=NOW) == {}


def test_an_empty_plan(session: Session, stamp: Stamp) -> None:
    add_part(session, stamp, number="A", name="a", unit="个", safety_stock=1)
    receive(session, stamp, "A", quantity=1)
    view = purchase_plan(session, now=NOW).view()
    assert (view["suppliers"], view["total"], view["parts"]) == ([], "0.00", 0)


def test_agenda_rows_worst_first(stocked: Session) -> None:
    """On hand ÷ safety: KS-F020 0/10 and OLD-9 0/1 (out of stock, by number), EL-30 1/2 = 0.5,
    KS-V100 3/4 = 0.75, MISC-1 15/20 = 0.75 (then by number)."""
    rows, total = low_stock_rows(stocked)
    assert [r["number"] for r in rows] == ["KS-F020", "OLD-9", "EL-30", "KS-V100", "MISC-1"]
    assert total == 5
    assert rows[1]["supplier"] is None  # removed: no usable supplier
    assert (rows[2]["order"], rows[2]["supplier"]) == (5, "乙电器")
    few, total = low_stock_rows(stocked, limit=2)
    assert ([r["number"] for r in few], total) == (["KS-F020", "OLD-9"], 5)
