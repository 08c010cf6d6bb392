"""``shouhou init --demo`` (services/demo): loaded once for the module (it takes ~15 s), then
checked for size, spread, states and internal consistency, and listed through the CLI."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from shouhou import db
from shouhou.models import ChargeLine, Customer, Device, Loan, Ticket, TicketEvent
from tests.conftest import NOW, CliRun, make_cli

SH = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def _tk_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, CliRun]]:
    url = "sqlite:///" + str(tmp_path_factory.mktemp("demo") / "demo.db")
    cli = make_cli(url)
    result = cli("init", "--demo")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Demo data loaded: 32 customers, 86 devices, 320 tickets"
    )
    yield url, cli
    db.dispose_all()


def count(url: str, model: type) -> int:
    with db.session(url) as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


def test_sizes(_tk_demo: tuple[str, CliRun]) -> None:
    url, _ = _tk_demo
    assert count(url, Ticket) >= 300
    assert count(url, Customer) >= 30
    assert count(url, Device) >= 80


def test_tickets_spread_over_fourteen_months(_tk_demo: tuple[str, CliRun]) -> None:
    url, _ = _tk_demo
    with db.session(url) as s:
        received = list(s.exec(select(Ticket.received_at)))
    assert max(received) <= NOW
    assert min(received) >= NOW - timedelta(days=14 * 31)
    assert min(received) <= NOW - timedelta(days=365)  # a year of history for the reports
    months = {moment.astimezone(SH).strftime("%Y-%m") for moment in received}
    assert len(months) >= 13


def test_tickets_in_several_states(_tk_demo: tuple[str, CliRun]) -> None:
    url, _ = _tk_demo
    with db.session(url) as s:
        statuses = Counter(s.exec(select(Ticket.status)))
        severities = Counter(s.exec(select(Ticket.severity)))
    assert {"new", "in_progress", "resolved", "closed", "cancelled"} <= set(statuses)
    assert set(severities) == {"1", "2", "3"}


def test_demo_is_consistent(_tk_demo: tuple[str, CliRun]) -> None:
    """Generated through the real services: the log agrees with every ticket, finished tickets
    carry their times, expensive paid repairs were approved, numbers follow the month."""
    url, _ = _tk_demo
    with db.session(url) as s:
        tickets = list(s.exec(select(Ticket)))
        last_status: dict[int, str | None] = {}
        for event in s.exec(
            select(TicketEvent)
            .where(TicketEvent.kind == "status")
            .order_by(col(TicketEvent.at), col(TicketEvent.id))
        ):
            last_status[event.ticket_id] = event.status
        totals = dict(
            s.exec(
                select(ChargeLine.ticket_id, func.sum(ChargeLine.amount_cents)).group_by(
                    col(ChargeLine.ticket_id)
                )
            ).all()
        )
        open_loans = list(s.exec(select(Loan).where(col(Loan.returned_at).is_(None))))
    for t in tickets:
        assert last_status[t.id or 0] == t.status, t.number
        assert t.number.startswith("SH" + t.received_at.astimezone(SH).strftime("%y%m") + "-")
        if t.status in ("resolved", "closed"):
            assert t.resolved_at is not None and t.replied_at is not None, t.number
            assert t.resolved_at >= t.received_at
        if t.status == "closed":
            assert t.closed_at is not None and t.closed_at >= (t.resolved_at or t.received_at)
        if t.chargeable and totals.get(t.id, 0) > 100_000 and t.status in ("resolved", "closed"):
            assert t.approved_by == "李经理", t.number
        assert t.waiting_since is None or t.status not in ("resolved", "closed", "cancelled")
    finished = {t.id for t in tickets if t.status in ("resolved", "closed", "cancelled")}
    assert not [loan for loan in open_loans if loan.ticket_id in finished]


def test_ticket_list_table(_tk_demo: tuple[str, CliRun]) -> None:
    _, cli = _tk_demo
    result = cli("ticket", "list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "Ticket",
        "Sev.",
        "Status",
        "Customer",
        "Device",
        "Engineer",
        "Due",
        "Symptom",
    ]
    assert len(lines) > 2
    zh = cli("--lang", "zh", "ticket", "list", "--limit", "3")
    assert zh.stdout.splitlines()[0].split() == [
        "工单号",
        "等级",
        "状态",
        "客户",
        "设备",
        "工程师",
        "时限",
        "故障现象",
    ]


def test_lists_on_the_demo(_tk_demo: tuple[str, CliRun]) -> None:
    _, cli = _tk_demo
    everything = json.loads(cli("ticket", "list", "--status", "all", "-f", "json").stdout)
    assert len(everything) == 320
    urgencies = [v["urgency"] for v in everything]
    assert urgencies == sorted(urgencies, reverse=True)
    repeats = json.loads(cli("ticket", "list", "--status", "all", "--repeat", "-f", "json").stdout)
    assert repeats and all(v["repeat_of_id"] or v["repair_count"] >= 3 for v in repeats)
    overdue = cli("ticket", "overdue", "--check")
    assert overdue.exit_code == 3
    assert overdue.stdout.splitlines()[0].split()[:3] == ["Ticket", "Sev.", "Customer"]
    first = everything[0]["number"]
    shown = json.loads(cli("ticket", "show", first, "-f", "json").stdout)
    assert shown["timeline"][0]["action"] == "create"


def test_demo_loads_once(_tk_demo: tuple[str, CliRun]) -> None:
    url, cli = _tk_demo
    again = cli("init", "--demo")
    assert again.exit_code == 0
    assert again.stdout.splitlines()[-1] == "Demo data already loaded — nothing to do"
    assert count(url, Ticket) == 320


def test_demo_refuses_a_database_with_customers(cli: CliRun) -> None:
    assert cli("customer", "add", "Mine").exit_code == 0
    result = cli("init", "--demo")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the database already has customers — load the demo into a new database "
        "(--db demo.db)\n"
    )


# -- spare parts (issue 12 item 9) -------------------------------------------------------------


def test_parts_across_the_product_lines(_tk_demo: tuple[str, CliRun]) -> None:
    """≥ 60 parts with suppliers, costs, prices and stock limits; key parts and parts whose old
    part goes back; every product line of the demo devices has parts on the demo's bills."""
    from shouhou.models import Part, Supplier

    url, _ = _tk_demo
    with db.session(url) as s:
        parts = list(s.exec(select(Part)))
        suppliers = {x.id: x for x in s.exec(select(Supplier))}
        lines = set(
            s.exec(
                select(Device.product_line)
                .join(Ticket, col(Ticket.device_id) == col(Device.id))
                .join(ChargeLine, col(ChargeLine.ticket_id) == col(Ticket.id))
                .where(col(ChargeLine.part_id).is_not(None))
            )
        )
    assert len(parts) >= 60
    assert all(p.supplier_id in suppliers and p.cost_cents and p.price_cents for p in parts)
    assert all(p.max_stock is not None and p.max_stock >= p.safety_stock for p in parts)
    assert sum(p.key_part for p in parts) >= 5 and sum(p.core_return for p in parts) >= 5
    assert {x.status for x in suppliers.values()} == {"qualified", "warned"}
    assert lines == {"compressor", "lighting", "solar-heater", "control-system", "precast"}


def test_stock_ledger_agrees_with_the_bills_and_never_goes_negative(
    _tk_demo: tuple[str, CliRun],
) -> None:
    """DOMAIN §4: stock never goes negative — read in time order, not only its sum. Every
    issue names a ticket, and what each ticket holds of a part (− Σ its movements) is the
    quantity of the part lines of its bill; no part line is free text."""
    from shouhou.models import StockMove

    url, _ = _tk_demo
    with db.session(url) as s:
        moves = list(s.exec(select(StockMove).order_by(col(StockMove.at), col(StockMove.id))))
        bill = Counter[tuple[int, int]]()
        for ticket_id, part_id, quantity, kind in s.exec(
            select(ChargeLine.ticket_id, ChargeLine.part_id, ChargeLine.quantity, ChargeLine.kind)
        ):
            if kind == "part":
                assert part_id is not None
                bill[ticket_id, part_id] += int(quantity)
    balance = Counter[int]()
    for move in moves:
        balance[move.part_id] += move.quantity
        assert balance[move.part_id] >= 0, (move.part_id, move.at)
    issues = [m for m in moves if m.kind in ("issue", "return")]
    assert issues and all(m.ticket_id is not None for m in issues)
    held = Counter[tuple[int, int]]()
    for move in issues:
        assert move.ticket_id is not None
        held[move.ticket_id, move.part_id] -= move.quantity
    assert +held == +bill
    kinds = Counter(m.kind for m in moves)
    assert kinds["receive"] >= 20 and kinds["scrap"] >= 3 and kinds["issue"] >= 200


def test_a_year_of_stock_and_last_months_stocktake(_tk_demo: tuple[str, CliRun]) -> None:
    """The opening stock before the first ticket, receipts over the months since, one stocktake
    finished last month whose differences are the adjustments booked with it."""
    from shouhou.models import StockMove, Stocktake, StocktakeCount

    url, _ = _tk_demo
    with db.session(url) as s:
        first_ticket = s.exec(select(func.min(Ticket.received_at))).one()
        opening = list(
            s.exec(
                select(StockMove).where(
                    StockMove.kind == "adjust", col(StockMove.stocktake_id).is_(None)
                )
            )
        )
        receipts = list(s.exec(select(StockMove.at).where(StockMove.kind == "receive")))
        (taken,) = s.exec(select(Stocktake)).all()
        counts = list(s.exec(select(StocktakeCount)))
        adjusted = list(s.exec(select(StockMove).where(StockMove.stocktake_id == taken.id)))
    assert opening and all(m.at < first_ticket and m.booked == 0 for m in opening)
    assert len({m.astimezone(SH).strftime("%Y-%m") for m in receipts}) >= 8
    assert taken.status == "finished" and taken.number.startswith("ST2610-")
    assert taken.finished_at is not None and NOW - timedelta(days=62) < taken.finished_at < NOW
    differing = {c.part_id: c.counted - c.booked for c in counts if c.counted != c.booked}
    assert len(counts) >= 60 and differing
    assert {m.part_id: m.quantity for m in adjusted} == differing


def test_the_demo_shows_low_stock_and_a_purchase_plan(_tk_demo: tuple[str, CliRun]) -> None:
    """Some parts end below their safety stock: ``part list --low --check`` exits 3, the plan
    of ``part reorder`` is not empty, and ``today`` lists them."""
    _, cli = _tk_demo
    low = cli("part", "list", "--low", "--check", "--format", "json")
    assert low.exit_code == 3
    assert len(json.loads(low.stdout)) >= 2
    plan = cli("part", "reorder", "--format", "json")
    assert plan.exit_code == 0, plan.stderr
    assert plan.stdout.strip() not in ("", "[]", "{}")
    agenda = json.loads(cli("today", "--format", "json").stdout)
    assert agenda["sections"]["low_stock"]["count"] >= 2
