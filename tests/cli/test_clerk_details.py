"""Issue 10.7: small things a clerk sees — audit lines in local time to the minute, a labour
line described once, closing a closed ticket, ``--since "7 days ago"``, and the Chinese
approval error without an English word in it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CliRun

N = "SH2611-0001"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def at(cli: CliRun, now: str, *args: str) -> Any:
    return cli(*args, env={"SHOUHOU_NOW": now})


@pytest.fixture
def _cd_ticket(cli: CliRun) -> CliRun:
    """Customer 甲 with device S1 (accepted 2020: out of warranty) and ticket SH2611-0001
    received 2026-11-23 10:00 (Shanghai), minor."""
    ok(cli("customer", "add", "甲"))
    ok(cli("device", "add", "--customer", "甲", "--model", "M", "--serial", "S1",
           "--accepted", "2020-01-01"))  # fmt: skip
    ok(cli("ticket", "new", "--device", "S1", "--severity", "3", "--symptom", "x"))
    return cli


def test_audit_lines_show_times_in_local_minutes_not_raw_utc(_cd_ticket: CliRun) -> None:
    cli = _cd_ticket
    ok(at(cli, "2026-11-23T02:05:07.123456+00:00", "ticket", "arrive", N))
    table = ok(cli("ticket", "show", N))
    trail = table[table.index("== Audit trail ==") :]
    arrived = next(line for line in trail.splitlines() if "arrived_at" in line)
    assert arrived.startswith("2026-11-23 10:05")
    assert "arrived_at: 2026-11-23 10:05;" in arrived
    assert "replied_at: 2026-11-23 10:05;" in arrived
    assert "02:05" not in trail and ".123456" not in trail and "+00:00" not in trail
    berlin = ok(cli("ticket", "show", N, env={"SHOUHOU_TZ": "Europe/Berlin"}))
    assert "arrived_at: 2026-11-23 03:05;" in berlin  # the display zone, like every time
    view = json.loads(ok(cli("ticket", "show", N, "--format", "json")))
    changes = view["timeline"][-1]["changes"]
    assert changes["arrived_at"] == "2026-11-23T02:05:07.123456+00:00"  # JSON: ISO UTC


def test_audit_times_given_with_another_offset_are_shown_as_utc_in_json(
    _cd_ticket: CliRun,
) -> None:
    ok(at(_cd_ticket, "2026-11-23 10:30", "ticket", "respond", N))  # a Shanghai wall time
    view = json.loads(ok(_cd_ticket("ticket", "show", N, "--format", "json")))
    assert view["timeline"][-1]["changes"]["replied_at"] == "2026-11-23T02:30:00+00:00"


def test_labour_line_is_described_once(_cd_ticket: CliRun) -> None:
    cli = _cd_ticket
    ok(cli("ticket", "charge", N, "--labor-hours", "2", "--travel", "50"))
    table = ok(cli("ticket", "show", N))
    charges = table[table.index("== Charges ==") : table.index("== Spare units out ==")]
    labour = next(line for line in charges.splitlines() if line.startswith("labour"))
    assert labour.split() == ["labour", "2", "150.00", "300.00"]
    assert "labor" not in charges
    sheet = ok(cli("ticket", "sheet", N, "--format", "txt"))
    printed = [line for line in sheet.splitlines() if "300.00" in line and "2 " in line]
    assert printed and printed[0].endswith("repair labour")
    zh = ok(cli("--lang", "zh", "ticket", "sheet", N, "--format", "txt"))
    assert any(line.endswith("维修工时") for line in zh.splitlines())


def test_closing_a_closed_ticket_says_it_is_already_closed_and_how_to_reopen(
    _cd_ticket: CliRun,
) -> None:
    cli = _cd_ticket
    ok(cli("ticket", "arrive", N))
    ok(cli("ticket", "charge", N, "--travel", "10"))
    ok(cli("ticket", "resolve", N, "--action", "a"))
    ok(cli("ticket", "close", N))
    again = cli("ticket", "close", N)
    assert again.exit_code == 1
    assert again.stderr == (
        f"error: ticket {N} is already closed — to work on it again: "
        f"`shouhou ticket reopen {N} --reason TEXT`\n"
    )
    zh = cli("--lang", "zh", "ticket", "close", N)
    assert zh.stderr == (
        f"错误：工单 {N} 已经关闭 — 如需继续处理，请先重新打开："
        f"`shouhou ticket reopen {N} --reason 原因`\n"
    )


@pytest.mark.parametrize("since", ["7 days ago", "7天前", "-7d", "a week ago", "一周前"])
def test_since_takes_relative_phrases(cli: CliRun, since: str) -> None:
    ok(cli("customer", "add", "甲"))
    ok(at(cli, "2026-11-10 10:00", "ticket", "new", "--customer", "甲", "--severity", "3",
          "--symptom", "old"))  # fmt: skip
    ok(at(cli, "2026-11-20 10:00", "ticket", "new", "--customer", "甲", "--severity", "3",
          "--symptom", "recent"))  # fmt: skip
    listed = json.loads(ok(cli("ticket", "list", "--since", since, "--format", "json")))
    assert [r["symptom"] for r in listed] == ["recent"]


def test_since_refuses_nonsense_naming_the_field(cli: CliRun) -> None:
    bad = cli("ticket", "list", "--since", "7 bananas ago")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("error: since '7 bananas ago' is not a time")


def test_zh_approval_error_names_the_total_in_chinese(_cd_ticket: CliRun) -> None:
    cli = _cd_ticket
    ok(cli("ticket", "arrive", N))
    charged = cli("--lang", "zh", "ticket", "charge", N, "--travel", "1200")
    assert charged.stderr == f"提示：{N} 需审批后才能办结（费用合计 1200.00 > 1000.00）\n"
    refused = cli("--lang", "zh", "ticket", "resolve", N, "--action", "a")
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"错误：工单 {N} 需先审批（费用合计 1200.00 > 1000.00）— 请经理执行 "
        f"`shouhou --as 姓名 ticket approve {N}`\n"
    )
    assert "total" not in refused.stderr
    english = cli("ticket", "resolve", N, "--action", "a")
    assert "(total 1200.00 > 1000.00)" in english.stderr
