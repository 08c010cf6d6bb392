"""The parts catalogue, suppliers, receipts and scrap, the ledger view, ``part show``'s detail
and the supplier / counted-stock columns of ``import parts`` (DOMAIN §4, issue 12 items 1, 2,
7, 8)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import AuditEntry, CoreReturn, Part, StockMove, Supplier
from shouhou.services.audit import Stamp
from shouhou.services.parts import ledger
from shouhou.services.parts.catalogue import (
    add_part,
    edit_part,
    get_part,
    is_low,
    iter_part_views,
    part_detail,
)
from shouhou.services.parts.movements import iter_ledger, receive, scrap
from shouhou.services.parts.suppliers import (
    add_supplier,
    get_supplier,
    iter_supplier_views,
    rate_supplier,
    remove_supplier,
    usable_supplier,
    warn_supplier,
)
from tests.conftest import NOW, SHANGHAI
from tests.services.test_importing import run, write_csv


def at(text: str) -> Stamp:
    """A stamp at a Shanghai wall-clock time."""
    return Stamp("tester", datetime.fromisoformat(text).replace(tzinfo=SHANGHAI))


def part(session: Session, stamp: Stamp, number: str = "KS-V100", **fields: object) -> Part:
    values: dict[str, object] = {"name": "进气阀", "unit": "个", **fields}
    return add_part(session, stamp, number=number, **values)  # type: ignore[arg-type]


def keys(error: pytest.ExceptionInfo[Exception]) -> str:
    return error.value.key  # type: ignore[attr-defined,no-any-return]


@contextmanager
def counting(session: Session) -> Iterator[list[str]]:
    """The SQL statements the session's engine runs inside the block."""
    statements: list[str] = []
    engine = session.get_bind()

    def listen(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listen)


# -- catalogue ------------------------------------------------------------------------------------


def test_add_stores_money_in_cents_and_audits(session: Session, stamp: Stamp) -> None:
    add_supplier(session, stamp, name="上海阀门厂")
    valve = part(
        session, stamp, cost=Decimal("1200.50"), price=Decimal("1680"), safety_stock=2,
        max_stock=10, supplier="上海阀门厂", key_part=True, core_return=True, spec=" KS-200  用 ",
    )  # fmt: skip
    assert (valve.cost_cents, valve.price_cents, valve.spec) == (120050, 168000, "KS-200 用")
    assert (valve.key_part, valve.core_return, valve.min_stock) == (True, True, 0)
    entry = session.exec(select(AuditEntry).where(AuditEntry.entity == "part")).one()
    assert entry.action == "part_add"
    assert '"cost": "1200.50"' in (entry.changes or "")
    assert ledger.on_hand(session, valve.id or 0) == 0


def test_a_number_taken_in_another_case_is_refused(session: Session, stamp: Stamp) -> None:
    part(session, stamp, "KS-V100")
    with pytest.raises(DomainError) as refused:
        part(session, stamp, "ks-v100")
    assert keys(refused) == "err.part_exists"
    assert "KS-V100" in str(refused.value)


@pytest.mark.parametrize(
    ("limits", "key"),
    [
        ({"safety_stock": 5, "max_stock": 4}, "err.part_limits"),
        ({"min_stock": 3, "max_stock": 2}, "err.part_limits"),
        ({"safety_stock": -1}, "err.part_limit_range"),
        ({"max_stock": 1_000_001}, "err.part_limit_range"),
    ],
)
def test_stock_limits_are_checked(
    session: Session, stamp: Stamp, limits: dict[str, int], key: str
) -> None:
    with pytest.raises(UsageError) as refused:
        part(session, stamp, **limits)
    assert keys(refused) == key
    assert session.exec(select(Part)).first() is None


def test_max_equal_to_safety_is_allowed(session: Session, stamp: Stamp) -> None:
    assert part(session, stamp, safety_stock=4, min_stock=4, max_stock=4).max_stock == 4


def test_required_text_and_length(session: Session, stamp: Stamp) -> None:
    with pytest.raises(UsageError) as blank:
        part(session, stamp, name="  ")
    assert keys(blank) == "err.required"
    with pytest.raises(UsageError) as long:
        part(session, stamp, "X" * 51)
    assert keys(long) == "err.part_field_long"
    for odd_number in ("A\x07B", "#12"):
        with pytest.raises(UsageError) as odd:
            part(session, stamp, odd_number)
        assert keys(odd) == "err.part_number"


def test_lookup_by_number_any_case_or_id(session: Session, stamp: Stamp) -> None:
    valve = part(session, stamp, "KS-V100")
    numeric = part(session, stamp, "1", name="垫片")
    assert get_part(session, "ks-v100").id == valve.id
    assert get_part(session, " KS-V100 ").id == valve.id
    assert get_part(session, f"#{valve.id}").id == valve.id
    # "1" is a part number: the number wins over id 1; "#1" is the id.
    assert get_part(session, "1").id == numeric.id
    assert get_part(session, "#1").id == valve.id
    assert get_part(session, str(numeric.id)).id == numeric.id  # no part numbered "2"
    with pytest.raises(NotFound) as missing:
        get_part(session, "NOPE")
    assert keys(missing) == "err.part_not_found"


def test_two_numbers_differing_in_case_need_the_exact_one(session: Session, stamp: Stamp) -> None:
    """``import parts`` may bring both ``ab-1`` and ``AB-1``: typed exactly each is found;
    another spelling names both."""
    for number in ("ab-1", "AB-1"):
        session.add(Part(number=number, name="x", unit="个", created_at=NOW, updated_at=NOW))
    session.flush()
    assert get_part(session, "ab-1").number == "ab-1"
    assert get_part(session, "AB-1").number == "AB-1"
    with pytest.raises(DomainError) as both:
        get_part(session, "Ab-1")
    assert keys(both) == "err.part_ambiguous"
    assert "ab-1" in str(both.value) and "AB-1" in str(both.value)


def test_edit_checks_limits_against_what_is_held(session: Session, stamp: Stamp) -> None:
    valve = part(session, stamp, safety_stock=5, max_stock=10)
    with pytest.raises(UsageError) as refused:
        edit_part(session, stamp, "KS-V100", max_stock=4)
    assert keys(refused) == "err.part_limits"
    changed, delta = edit_part(
        session, stamp, "ks-v100", price=Decimal("99.5"), key_part=True, safety_stock=6
    )
    assert changed.id == valve.id
    assert delta == {"price": [None, "99.50"], "safety_stock": [5, 6], "key_part": [False, True]}
    again, nothing = edit_part(session, stamp, "KS-V100", safety_stock=6)
    assert nothing == {}
    with pytest.raises(UsageError) as empty:
        edit_part(session, stamp, "KS-V100")
    assert keys(empty) == "err.part_edit_nothing"
    actions = session.exec(
        select(AuditEntry.action).where(AuditEntry.entity == "part").order_by(col(AuditEntry.id))
    ).all()
    assert actions == ["part_add", "update"]


def test_a_removed_supplier_cannot_be_chosen(session: Session, stamp: Stamp) -> None:
    add_supplier(session, stamp, name="甲厂")
    remove_supplier(session, stamp, "甲厂", reason="质量")
    with pytest.raises(DomainError) as refused:
        part(session, stamp, supplier="甲厂")
    assert keys(refused) == "err.supplier_removed"
    part(session, stamp)
    with pytest.raises(DomainError):
        edit_part(session, stamp, "KS-V100", supplier="甲厂")
    with pytest.raises(NotFound) as unknown:
        edit_part(session, stamp, "KS-V100", supplier="乙厂")
    assert keys(unknown) == "err.supplier_not_found"


# -- views ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on_hand", "safety", "low"), [(0, 0, False), (1, 2, True), (2, 2, False), (0, 1, True)]
)
def test_low_means_strictly_below_safety_stock(on_hand: int, safety: int, low: bool) -> None:
    """DOMAIN §4 "below safety stock": on_hand < safety_stock."""
    assert is_low(on_hand, safety) is low


def test_list_gives_on_hand_and_filters(session: Session, stamp: Stamp) -> None:
    """KS-V100 safety 2: 3 received, 1 scrapped → 2 on hand, not low; LF-20 safety 5,
    nothing received → low; PLAIN safety 0 → never low."""
    add_supplier(session, stamp, name="上海阀门厂")
    part(session, stamp, safety_stock=2, supplier="上海阀门厂", price=Decimal("1680"))
    part(session, stamp, "LF-20", name="Air filter", unit="pcs", safety_stock=5)
    part(session, stamp, "PLAIN", name="Bolt", unit="pcs")
    receive(session, stamp, "KS-V100", quantity=3)
    scrap(session, stamp, "KS-V100", quantity=1, reason="破损")
    rows = list(iter_part_views(session))
    assert [(r["number"], r["on_hand"], r["low"]) for r in rows] == [
        ("KS-V100", 2, False),
        ("LF-20", 0, True),
        ("PLAIN", 0, False),
    ]
    first = rows[0]
    for key in ("number", "name", "unit", "on_hand", "safety", "min", "max", "cost", "price",
                "supplier"):  # fmt: skip
        assert key in first
    assert (first["price"], first["supplier"], first["max"]) == ("1680.00", "上海阀门厂", None)
    assert [r["number"] for r in iter_part_views(session, low=True)] == ["LF-20"]
    assert [r["number"] for r in iter_part_views(session, search="air")] == ["LF-20"]
    assert [r["number"] for r in iter_part_views(session, search="ks-v")] == ["KS-V100"]
    by_supplier = iter_part_views(session, supplier="上海阀门厂")
    assert [r["number"] for r in by_supplier] == ["KS-V100"]
    with pytest.raises(NotFound):
        iter_part_views(session, supplier="nobody")  # refused before the first row


def test_list_reads_stock_in_one_query_however_many_parts(session: Session, stamp: Stamp) -> None:
    """On-hand of every part from one grouped query: 5 parts or 60, the same statements."""

    def statements_for(count: int, prefix: str) -> int:
        for index in range(count):
            number = f"{prefix}-{index:03d}"
            part(session, stamp, number, safety_stock=1)
            receive(session, stamp, number, quantity=1)
        session.flush()
        with counting(session) as seen:
            rows = list(iter_part_views(session))
        assert len(rows) == len(session.exec(select(Part.id)).all())
        return len(seen)

    few = statements_for(5, "A")
    many = statements_for(55, "B")
    assert few == many <= 3


def test_detail_counts_this_years_issues_and_pending_cores(session: Session, stamp: Stamp) -> None:
    """Issued this year (from 1 Jan 2026 00:00 Shanghai): the issue of 31 Dec 2025 23:30 is
    last year; 2026: issued 3 + 2, returned 1 → 4. Pending cores: 2 owed, 1 returned → 1."""
    valve = part(session, stamp, core_return=True)
    receive(session, at("2025-12-01 09:00"), "KS-V100", quantity=20)
    ledger.move(session, at("2025-12-31 23:30"), valve, kind="issue", quantity=-4)
    first = ledger.move(session, at("2026-01-01 00:00"), valve, kind="issue", quantity=-3)
    ledger.move(session, at("2026-06-01 10:00"), valve, kind="issue", quantity=-2)
    ledger.move(session, at("2026-06-02 10:00"), valve, kind="return", quantity=1)
    scrap(session, stamp, "KS-V100", quantity=1, reason="锈蚀")
    ticket_id = _ticket(session)
    assert valve.id is not None and first.id is not None
    for returned in (None, NOW):
        session.add(
            CoreReturn(part_id=valve.id, ticket_id=ticket_id, move_id=first.id, quantity=1,
                       issued_at=NOW, returned_at=returned)
        )  # fmt: skip
    session.flush()
    view = part_detail(session, "KS-V100", now=NOW, zone=SHANGHAI)
    assert view["on_hand"] == 20 - 4 - 3 - 2 + 1 - 1 == 11
    assert view["issued_this_year"] == 4
    assert view["cores_pending"] == 1
    assert [(m["kind"], m["quantity"], m["balance"]) for m in view["moves"]] == [
        ("receive", 20, 20),
        ("issue", -4, 16),
        ("issue", -3, 13),
        ("issue", -2, 11),
        ("return", 1, 12),
        ("scrap", -1, 11),
    ]
    assert [entry["action"] for entry in view["timeline"]] == ["part_add"]


def test_detail_lists_the_latest_ten_oldest_first(session: Session, stamp: Stamp) -> None:
    part(session, stamp)
    for day in range(1, 13):  # 12 receipts of `day` units on 1 … 12 Nov
        receive(session, at(f"2026-11-{day:02d} 09:00"), "KS-V100", quantity=day)
    moves = part_detail(session, "KS-V100", now=NOW, zone=SHANGHAI)["moves"]
    assert [m["quantity"] for m in moves] == list(range(3, 13))
    assert moves[-1]["balance"] == sum(range(1, 13)) == 78
    assert moves[0]["balance"] == 1 + 2 + 3


def _ticket(session: Session) -> int:
    from shouhou.models import Customer, Ticket

    customer = Customer(name="天控", created_at=NOW, updated_at=NOW)
    session.add(customer)
    session.flush()
    ticket = Ticket(
        number="SH2611-0001", customer_id=customer.id, severity=2, channel="phone",
        symptom="漏气", received_at=NOW, received_by="tester", created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    session.add(ticket)
    session.flush()
    assert ticket.id is not None
    return ticket.id


# -- receipts, scrap, the ledger ------------------------------------------------------------------


def test_receive_defaults_to_the_parts_supplier_and_cost(session: Session, stamp: Stamp) -> None:
    add_supplier(session, stamp, name="甲厂")
    add_supplier(session, stamp, name="乙厂")
    part(session, stamp, supplier="甲厂", cost=Decimal("10"))
    default = receive(session, stamp, "KS-V100", quantity=2, reference=" PO-1 ")
    other = receive(session, stamp, "KS-V100", quantity=1, supplier="乙厂", cost=Decimal("9.5"))
    named = {s.id: s.name for s in session.exec(select(Supplier))}
    assert (named[default.supplier_id], default.unit_cost_cents, default.reference) == (
        "甲厂",
        1000,
        "PO-1",
    )
    assert (named[other.supplier_id], other.unit_cost_cents) == ("乙厂", 950)
    assert (default.kind, default.quantity, default.actor) == ("receive", 2, "tester")
    assert ledger.on_hand(session, default.part_id) == 3
    assert session.exec(select(Part.cost_cents)).one() == 1000  # the catalogue cost stays


def test_receive_refuses_a_removed_supplier_given_or_held(session: Session, stamp: Stamp) -> None:
    add_supplier(session, stamp, name="甲厂")
    part(session, stamp, supplier="甲厂")
    warn_supplier(session, stamp, "甲厂", reason="迟交")
    assert receive(session, stamp, "KS-V100", quantity=1).supplier_id is not None  # warned: ok
    remove_supplier(session, stamp, "甲厂", reason="屡次迟交")
    with pytest.raises(DomainError) as held:
        receive(session, stamp, "KS-V100", quantity=1)
    assert keys(held) == "err.part_supplier_removed"
    with pytest.raises(DomainError) as given:
        receive(session, stamp, "KS-V100", quantity=1, supplier="甲厂")
    assert keys(given) == "err.supplier_removed"
    add_supplier(session, stamp, name="乙厂")
    receive(session, stamp, "KS-V100", quantity=1, supplier="乙厂")
    assert ledger.on_hand(session, get_part(session, "KS-V100").id or 0) == 2


@pytest.mark.parametrize("quantity", [0, -1, 1_000_001])
def test_quantities_are_whole_and_positive(session: Session, stamp: Stamp, quantity: int) -> None:
    part(session, stamp)
    with pytest.raises(UsageError) as bad:
        receive(session, stamp, "KS-V100", quantity=quantity)
    assert keys(bad) == "err.stock_quantity"
    with pytest.raises(UsageError):
        scrap(session, stamp, "KS-V100", quantity=quantity, reason="x")


def test_scrap_never_takes_stock_below_zero(session: Session, stamp: Stamp) -> None:
    """2 on hand, scrap 3 → refused saying 2 are left; scrap 2 → 0; the reason is required."""
    part(session, stamp, cost=Decimal("7"))
    receive(session, stamp, "KS-V100", quantity=2)
    with pytest.raises(DomainError) as short:
        scrap(session, stamp, "KS-V100", quantity=3, reason="破损")
    assert keys(short) == "err.stock_short"
    assert short.value.fields["left"] == 2  # type: ignore[attr-defined]
    with pytest.raises(UsageError) as why:
        scrap(session, stamp, "KS-V100", quantity=1, reason=" ")
    assert keys(why) == "err.required"
    row = scrap(session, stamp, "KS-V100", quantity=2, reason="破损")
    assert (row.quantity, row.unit_cost_cents, row.reason) == (-2, 700, "破损")
    assert ledger.on_hand(session, row.part_id) == 0


def test_ledger_running_balance_and_opening_line(session: Session, stamp: Stamp) -> None:
    """Moves: +10 (1 Nov), −2 (5 Nov), +4 (10 Nov), −1 (20 Nov). From 5 Nov to 10 Nov: opening
    10 (the 1 Nov receipt), then −2 → 8, +4 → 12; the 20 Nov scrap is after the range."""
    valve = part(session, stamp)
    receive(session, at("2026-11-01 09:00"), "KS-V100", quantity=10)
    ledger.move(session, at("2026-11-05 00:00"), valve, kind="issue", quantity=-2)
    receive(session, at("2026-11-10 23:59"), "KS-V100", quantity=4)
    scrap(session, at("2026-11-20 09:00"), "KS-V100", quantity=1, reason="x")
    start = datetime(2026, 11, 5, tzinfo=SHANGHAI)
    rows = list(iter_ledger(session, "KS-V100", since=start, until=start + timedelta(days=6)))
    assert [(r["kind"], r["quantity"], r["balance"]) for r in rows] == [
        ("opening", None, 10),
        ("issue", -2, 8),
        ("receive", 4, 12),
    ]
    assert set(rows[0]) == set(rows[1])  # one shape: CSV takes its header from the first
    whole = list(iter_ledger(session, "KS-V100"))
    assert [r["balance"] for r in whole] == [10, 8, 12, 11]
    with pytest.raises(UsageError) as backwards:
        iter_ledger(session, "KS-V100", since=start, until=start)
    assert keys(backwards) == "err.part_ledger_range"


# -- suppliers ------------------------------------------------------------------------------------


def test_supplier_names_are_compared_loosely(session: Session, stamp: Stamp) -> None:
    added = add_supplier(session, stamp, name="  Acme  Valves ", contact="张", phone="021")
    assert added.name == "Acme Valves"
    for spelling in ("acme valves", "ＡＣＭＥ Valves", "AcmeValves"):
        assert get_supplier(session, spelling).id == added.id
        with pytest.raises(DomainError) as twice:
            add_supplier(session, stamp, name=spelling)
        assert keys(twice) == "err.supplier_exists"
    assert get_supplier(session, f"#{added.id}").id == added.id


def test_rating_warning_removal(session: Session, stamp: Stamp) -> None:
    add_supplier(session, stamp, name="甲厂")
    rated = rate_supplier(session, stamp, "甲厂", quality=4, delivery=5)
    assert (rated.quality, rated.price, rated.delivery) == (4, None, 5)
    rate_supplier(session, stamp, "甲厂", price=2)
    with pytest.raises(UsageError) as out_of_range:
        rate_supplier(session, stamp, "甲厂", quality=6)
    assert keys(out_of_range) == "err.supplier_rating"
    with pytest.raises(UsageError) as nothing:
        rate_supplier(session, stamp, "甲厂")
    assert keys(nothing) == "err.supplier_rate_nothing"
    warn_supplier(session, stamp, "甲厂", reason="迟交")
    warn_supplier(session, stamp, "甲厂", reason="又迟交")  # each warning is recorded
    assert usable_supplier(session, "甲厂").status == "warned"
    remove_supplier(session, stamp, "甲厂", reason="屡次迟交")
    for act in (warn_supplier, remove_supplier):
        with pytest.raises(DomainError) as again:
            act(session, stamp, "甲厂", reason="x")
        assert keys(again) == "err.supplier_already_removed"
    with pytest.raises(UsageError):
        warn_supplier(session, stamp, "甲厂", reason="")
    trail = session.exec(
        select(AuditEntry.action)
        .where(AuditEntry.entity == "supplier")
        .order_by(col(AuditEntry.id))
    ).all()
    assert trail == [
        "supplier_add",
        "supplier_rate",
        "supplier_rate",
        "supplier_warn",
        "supplier_warn",
        "supplier_remove",
    ]


def test_supplier_list_hides_removed_unless_asked(session: Session, stamp: Stamp) -> None:
    """Score = mean of the ratings given: (4 + 3 + 5) / 3 = 4.0; 乙厂 unrated → None."""
    add_supplier(session, stamp, name="甲厂")
    add_supplier(session, stamp, name="乙厂")
    add_supplier(session, stamp, name="丙厂")
    rate_supplier(session, stamp, "甲厂", quality=4, price=3, delivery=5)
    remove_supplier(session, stamp, "丙厂", reason="x")
    part(session, stamp, supplier="甲厂")
    shown = {v["name"]: v for v in iter_supplier_views(session)}
    assert set(shown) == {"甲厂", "乙厂"}
    assert (shown["甲厂"]["score"], shown["甲厂"]["parts"]) == ("4.0", 1)
    assert shown["乙厂"]["score"] is None
    everything = {
        v["name"]: v["status"] for v in iter_supplier_views(session, include_removed=True)
    }
    assert everything["丙厂"] == "removed"


# -- import parts: suppliers and counted stock ----------------------------------------------------


def test_import_finds_suppliers_loosely_and_adds_new_ones(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    existing = add_supplier(session, stamp, name="上海阀门厂")
    rows = [
        ["配件编号", "配件名称", "单位", "供应商", "旧件返还"],
        ["KS-V100", "进气阀", "个", " 上海阀门厂 ", "是"],
        ["LF-20", "滤芯", "个", "新供方", ""],
        ["LF-21", "滤芯", "个", "新供方", "否"],
    ]
    dry = run(session, stamp, "parts", write_csv(tmp_path / "p.csv", rows), dry_run=True)
    assert (dry.created, dry.suppliers_created) == (3, 1)
    assert session.exec(select(Supplier)).all() == [existing]
    report = run(session, stamp, "parts", write_csv(tmp_path / "p.csv", rows))
    assert report.ok, report.problems
    assert (report.created, report.suppliers_created) == (3, 1)
    parts = {p.number: p for p in session.exec(select(Part))}
    new = get_supplier(session, "新供方")
    assert (new.status, parts["KS-V100"].supplier_id) == ("qualified", existing.id)
    assert parts["LF-20"].supplier_id == parts["LF-21"].supplier_id == new.id
    assert (parts["KS-V100"].core_return, parts["LF-20"].core_return) == (True, False)
    entry = session.exec(
        select(AuditEntry).where(AuditEntry.entity == "supplier", AuditEntry.entity_id == new.id)
    ).one()
    assert entry.action == "supplier_add" and "import" in (entry.changes or "")


def test_import_refuses_a_removed_supplier_for_a_part_not_already_naming_it(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    add_supplier(session, stamp, name="甲厂")
    part(session, stamp, "KS-V100", supplier="甲厂")
    remove_supplier(session, stamp, "甲厂", reason="x")
    same = [["pn", "name", "unit", "supplier"], ["KS-V100", "进气阀", "个", "甲厂"]]
    assert run(session, stamp, "parts", write_csv(tmp_path / "a.csv", same)).ok
    other = [*same, ["LF-20", "滤芯", "个", "甲厂"]]
    report = run(session, stamp, "parts", write_csv(tmp_path / "b.csv", other))
    assert [(p.row, p.column, p.key) for p in report.problems] == [
        (3, "supplier", "problem.supplier_removed")
    ]
    assert session.exec(select(Part.number)).all() == ["KS-V100"]


def test_import_books_counted_stock_as_adjustments(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    """KS-V100 has 5 on hand and counts 3 → −2 (booked 5, counted 3); LF-20 is new and counts
    7 → +7; AB-1 counts 0 on 0 → nothing. Importing the same sheet again books nothing."""
    part(session, stamp, "KS-V100")
    receive(session, stamp, "KS-V100", quantity=5)
    rows = [
        ["配件编号", "配件名称", "单位", "期初库存"],
        ["KS-V100", "进气阀", "个", "3"],
        ["LF-20", "滤芯", "个", "7"],
        ["AB-1", "垫片", "个", "0"],
    ]
    path = write_csv(tmp_path / "stock.csv", rows)
    dry = run(session, stamp, "parts", path, dry_run=True)
    assert dry.stock_adjusted == 2
    assert len(session.exec(select(StockMove)).all()) == 1
    report = run(session, stamp, "parts", path)
    assert report.ok and report.stock_adjusted == 2
    adjustments = session.exec(
        select(Part.number, StockMove.quantity, StockMove.booked, StockMove.counted,
               StockMove.reference)
        .join(Part, col(Part.id) == col(StockMove.part_id))
        .where(StockMove.kind == "adjust")
        .order_by(col(Part.number))
    ).all()  # fmt: skip
    assert adjustments == [
        ("KS-V100", -2, 5, 3, "import stock.csv"),
        ("LF-20", 7, 0, 7, "import stock.csv"),
    ]
    stock = {r["number"]: r["on_hand"] for r in iter_part_views(session)}
    assert stock == {"AB-1": 0, "KS-V100": 3, "LF-20": 7}
    assert run(session, stamp, "parts", path).stock_adjusted == 0


def test_import_refuses_an_absurd_count(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    rows = [["pn", "name", "unit", "opening stock"], ["A", "a", "个", "1000001"]]
    report = run(session, stamp, "parts", write_csv(tmp_path / "x.csv", rows))
    assert [p.key for p in report.problems] == ["problem.count_too_large"]
    assert session.exec(select(StockMove)).first() is None
