"""The independent audit's scenarios for issue 9 through the CLI: the SLA state stored on the
ticket row (what lists sort and filter on), waiting tickets, the list page, and the spare unit
备用机 prompt of DOMAIN §2. Every expectation is computed by hand in the docstring.

Clock: Monday 2026-11-23, Shanghai. Working hours 08:30–17:30; critical tickets run 24×7
(reply 10 min, on site 2 h, resolve 4 h); major 30 min / 12 h / 24 h and minor 1 h / 48 h /
3 working days count working time. Escalation: any lateness → supervisor, over 4 h → manager.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import Ticket
from tests.conftest import CliRun


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def at(cli: CliRun, now: str, *args: str) -> Any:
    """``shouhou *args`` with the clock pinned at ``now`` (Shanghai wall time)."""
    return cli(*args, env={"SHOUHOU_NOW": now})


def new(cli: CliRun, now: str, severity: str) -> str:
    result = at(
        cli,
        now,
        "ticket",
        "new",
        "--customer",
        "1",
        "--device",
        "S1",
        "--severity",
        severity,
        "--symptom",
        "停机",
        "--format",
        "json",
    )
    return str(json.loads(ok(result))["number"])


def listed(cli: CliRun, now: str, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(
        ok(at(cli, now, "ticket", "list", *args, "--format", "json"))
    )
    return rows


def row(db_url: str, number: str) -> Ticket:
    with db.session(db_url) as s:
        ticket = s.exec(select(Ticket).where(Ticket.number == number)).one()
        s.expunge(ticket)
        return ticket


def utc(hour: int, minute: int = 0, day: int = 23) -> datetime:
    """Shanghai wall time on 2026-11-``day`` as UTC (Shanghai is UTC+8, no DST)."""
    return datetime(2026, 11, day, hour - 8, minute, tzinfo=UTC)


@pytest.fixture
def _sla_office(cli: CliRun) -> CliRun:
    ok(at(cli, "2026-01-01 09:00", "customer", "add", "天控", "--zone", "local"))
    ok(
        at(
            cli,
            "2026-01-01 09:00",
            "device",
            "add",
            "--customer",
            "1",
            "--model",
            "KS",
            "--serial",
            "S1",
            "--accepted",
            "2026-01-01",
        )
    )
    return cli


def test_critical_unresolved_after_4h_prompts_a_spare_unit_until_one_is_lent(
    _sla_office: CliRun,
) -> None:
    """Critical received 09:00 → resolve due 13:00 (4 h, 24×7). At 12:59 nothing; at 13:01
    unresolved with nothing lent: ``ticket list`` marks the due column, ``ticket show`` has a
    spare-unit line, ``ticket overdue`` warns on stderr, JSON says ``spare_unit_due``. A spare
    unit lent at 13:05 ends the prompt."""
    cli = _sla_office
    n = new(cli, "2026-11-23 09:00", "1")
    ok(at(cli, "2026-11-23 09:05", "ticket", "respond", n))
    assert listed(cli, "2026-11-23 12:59")[0]["spare_unit_due"] is False
    assert listed(cli, "2026-11-23 13:01")[0]["spare_unit_due"] is True
    table = ok(at(cli, "2026-11-23 13:01", "ticket", "list")).splitlines()
    assert "resolve LATE 1m · LEND SPARE UNIT" in table[1]
    zh = ok(at(cli, "2026-11-23 13:01", "--lang", "zh", "ticket", "list")).splitlines()
    assert "需借备用机" in zh[1]
    shown = ok(at(cli, "2026-11-23 13:01", "ticket", "show", n)).splitlines()
    line = next(line for line in shown if line.startswith("Spare unit"))
    assert line.split(None, 2)[2] == (
        f"due — critical and not resolved in time: `shouhou ticket loan {n} --unit SERIAL`"
    )
    late = at(cli, "2026-11-23 13:01", "ticket", "overdue")
    assert n in ok(late)
    assert late.stderr == (
        f"warning: {n} is critical and not resolved in time — lend a spare unit: "
        f"`shouhou ticket loan {n} --unit SERIAL`\n"
    )
    ok(at(cli, "2026-11-23 13:05", "ticket", "loan", n, "--unit", "SPARE-01"))
    assert listed(cli, "2026-11-23 13:10")[0]["spare_unit_due"] is False
    assert "SPARE" not in ok(at(cli, "2026-11-23 13:10", "ticket", "list"))
    assert at(cli, "2026-11-23 13:10", "ticket", "overdue").stderr == ""
    after = ok(at(cli, "2026-11-23 13:10", "ticket", "show", n)).splitlines()
    assert not [line for line in after if line.startswith("Spare unit ")]


def test_events_store_deadlines_and_minutes_late_on_the_row(
    _sla_office: CliRun, db_url: str
) -> None:
    """Major received 09:00: reply due 09:30, resolve due 24 working hours later = Wed 11-25
    15:00 (Mon 09:00–17:30 is 8.5 h, Tue 9 h, Wed 08:30 + 6.5 h). Replied 09:45 → 15 min late,
    next deadline the resolve; on-site mode at 09:50 adds the on-site deadline 12 working hours
    out (the local zone's 2 h is shorter) = Tue 11-24 08:30 + 3.5 h = 12:00 → it is next;
    arrived Tue 10:00 → on time; resolved Tue 16:00 → on time, nothing pends. The reply miss
    keeps it in ``list --overdue``, not in ``ticket overdue`` (nothing is late now)."""
    cli = _sla_office
    n = new(cli, "2026-11-23 09:00", "2")
    assert row(db_url, n).next_due_at == utc(9, 30)
    ok(at(cli, "2026-11-23 09:45", "ticket", "respond", n))
    ticket = row(db_url, n)
    assert (ticket.reply_late_min, ticket.next_due_at) == (15, utc(15, day=25))
    ok(at(cli, "2026-11-23 09:50", "ticket", "mode", n, "onsite"))
    assert row(db_url, n).next_due_at == utc(12, day=24)
    ok(at(cli, "2026-11-24 10:00", "ticket", "arrive", n))
    ok(at(cli, "2026-11-24 15:00", "ticket", "diagnose", n, "--cause", "quality", "--finding", "f"))
    ok(at(cli, "2026-11-24 16:00", "ticket", "resolve", n, "--action", "换阀"))
    ticket = row(db_url, n)
    assert (ticket.reply_late_min, ticket.onsite_late_min, ticket.resolve_late_min) == (15, 0, 0)
    assert ticket.next_due_at is None
    assert [v["number"] for v in listed(cli, "2026-11-24 17:00", "--overdue")] == [n]
    assert at(cli, "2026-11-24 17:00", "ticket", "overdue", "--check").exit_code == 0


def test_waiting_tickets_rank_by_severity_and_keep_a_lateness_they_had(
    _sla_office: CliRun, db_url: str
) -> None:
    """At 10:00: A critical 09:00 waits since 09:05 (reply due 09:10 not yet passed): clocks
    stopped, 300 points (severity only). B minor 09:00 waits since 09:30 (reply due 10:00):
    100. C major 08:30 (reply due 09:00) waits since 09:10, after its deadline: the pause
    cannot un-miss it — 60 min late, supervisor: 200 + 60 = 260, and it is overdue.
    Order A, C, B. A resumes at 10:30 after 85 min: reply due 09:10 + 85 min = 10:35."""
    cli = _sla_office
    a = new(cli, "2026-11-23 09:00", "1")
    b = new(cli, "2026-11-23 09:00", "3")
    c = new(cli, "2026-11-23 08:30", "2")
    ok(at(cli, "2026-11-23 09:05", "ticket", "wait", a, "--reason", "客户不在"))
    ok(at(cli, "2026-11-23 09:30", "ticket", "wait", b, "--reason", "等配件"))
    ok(at(cli, "2026-11-23 09:10", "ticket", "wait", c, "--reason", "等配件"))
    assert (row(db_url, a).next_due_at, row(db_url, c).next_due_at) == (None, utc(9))
    views = listed(cli, "2026-11-23 10:00")
    assert [(v["number"], v["urgency"]) for v in views] == [(a, 300), (c, 260), (b, 100)]
    assert [v["number"] for v in listed(cli, "2026-11-23 10:00", "--overdue")] == [c]
    late = json.loads(ok(at(cli, "2026-11-23 10:00", "ticket", "overdue", "--format", "json")))
    assert [(v["number"], v["late_minutes"]) for v in late] == [(c, 60)]
    ok(at(cli, "2026-11-23 10:30", "ticket", "resume", a))
    assert row(db_url, a).next_due_at == utc(10, 35)
    first = listed(cli, "2026-11-23 10:30")[0]
    assert (first["number"], first["next_due"], first["minutes_left"]) == (a, "reply", 5)


def test_a_table_shows_a_page_and_says_when_more_match(
    _sla_office: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a page of 3 and 5 open tickets the table shows the 3 most urgent and a note on
    stderr; ``--all``, ``--limit`` and JSON are not cut. At 10:00: the critical of 09:40 is
    10 min late (reply due 09:50): 300 + 200 + 60 (supervisor) = 560; the major of 09:30 has
    0 min left (due 10:00): 200 + 150 = 350; the minors of 09:00, 09:10, 09:20 (reply 1 h) have
    0, 10, 20 min left: 100 + 150, 100 + 150, 100 + 149 (one point per 12 min), the equal
    ones oldest first."""
    import shouhou.cli.ticket.queries as ticket_queries

    monkeypatch.setattr(ticket_queries, "PAGE", 3)
    # Only a terminal gets a page (a pipe the full stream): the paging thinks it is on one.
    monkeypatch.setattr(ticket_queries, "stdout_is_tty", lambda: True)
    cli = _sla_office
    minors = [new(cli, f"2026-11-23 09:{m:02d}", "3") for m in (0, 10, 20)]
    major = new(cli, "2026-11-23 09:30", "2")
    critical = new(cli, "2026-11-23 09:40", "1")
    every = [critical, major, *minors]
    assert [v["number"] for v in listed(cli, "2026-11-23 10:00")] == every
    page = at(cli, "2026-11-23 10:00", "ticket", "list")
    lines = ok(page).splitlines()
    assert [line.split()[0] for line in lines[1:]] == every[:3]
    assert page.stderr == (
        "note: the first 3 rows are shown and 2 more match — add --limit N or --all\n"
    )
    full = at(cli, "2026-11-23 10:00", "ticket", "list", "--all")
    assert [line.split()[0] for line in ok(full).splitlines()[1:]] == every
    assert full.stderr == ""
    four = at(cli, "2026-11-23 10:00", "ticket", "list", "--limit", "4")
    assert len(ok(four).splitlines()) == 5 and four.stderr == ""
    assert [v["number"] for v in listed(cli, "2026-11-23 10:00", "--limit", "2")] == every[:2]


def test_list_and_overdue_agree_with_show_after_a_rule_change(
    _sla_office: CliRun, db_url: str
) -> None:
    """Major received 09:00, reply due 09:30; ``config set sla.2.reply 1h`` at 09:40 moves it to
    10:00, so at 09:45 the ticket is not overdue in ``list`` and ``overdue`` either, as
    ``show`` computes it from the log."""
    cli = _sla_office
    n = new(cli, "2026-11-23 09:00", "2")
    assert [v["number"] for v in listed(cli, "2026-11-23 09:35", "--overdue")] == [n]
    ok(at(cli, "2026-11-23 09:40", "config", "set", "sla.2.reply", "1h"))
    shown = json.loads(ok(at(cli, "2026-11-23 09:45", "ticket", "show", n, "--format", "json")))
    assert shown["reply_due_at"] == "2026-11-23T02:00:00+00:00"
    assert listed(cli, "2026-11-23 09:45")[0]["reply_due_at"] == shown["reply_due_at"]
    assert listed(cli, "2026-11-23 09:45", "--overdue") == []
    assert at(cli, "2026-11-23 09:45", "ticket", "overdue", "--check").exit_code == 0
    assert row(db_url, n).next_due_at == utc(10)
