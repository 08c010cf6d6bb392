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
