"""End to end for tickets: the installed ``shouhou`` entry point in subprocesses, new → close,
as a clerk (and a cron job checking for late tickets) runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CliRun

SHOUHOU = Path(sys.executable).with_name("shouhou")
pytestmark = pytest.mark.skipif(not SHOUHOU.exists(), reason="the shouhou entry point is missing")


def run(db: str, now: str, *args: str, user: str = "小刘") -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SHOUHOU_", "LC_")) and key not in ("LANG", "TZ")
    }
    env.update(
        SHOUHOU_NOW=now,
        SHOUHOU_TZ="Asia/Shanghai",
        SHOUHOU_LANG="en",
        SHOUHOU_USER=user,
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [str(SHOUHOU), "--db", db, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_ticket_new_to_close(db_url: str, cli: CliRun) -> None:
    """The intake, the cron check and the state changes go through the entry point; the
    steps in between run in-process on the same database (each subprocess costs ~1 s)."""

    def ok(now: str, *args: str, user: str = "小刘") -> str:
        done = run(db_url, now, *args, user=user)
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    def inline(now: str, *args: str) -> None:
        result = cli(*args, env={"SHOUHOU_NOW": now, "SHOUHOU_USER": "王工"})
        assert result.exit_code == 0, (args, result.stderr)

    # the department's people: the 三包 repair below costs the firm more than the approval
    # threshold, and a manager approves it (DOMAIN §1, seed 003)
    for name, role in (("王工", "engineer"), ("小刘", "clerk"), ("李经理", "manager")):
        inline("2026-11-23 08:00", "user", "add", name, "--role", role)
    inline("2026-11-23 08:00", "customer", "add", "天津天控科技有限公司", "--phone", "022-12345678")
    inline(
        "2026-11-23 08:00",
        "device",
        "add",
        "--customer",
        "1",
        "--model",
        "KS-200",
        "--serial",
        "S1",
        "--accepted",
        "2025-03-01",
    )
    intake = ok(
        "2026-11-23 09:30",
        "ticket",
        "new",
        "--phone",
        "022-12345678",
        "--device",
        "S1",
        "--severity",
        "1",
        "--symptom",
        "整线停机",
        "--category",
        "outage",
    )
    assert intake.splitlines() == [
        "Ticket SH2611-0001 received — 1 critical, by phone",
        "Customer: 天津天控科技有限公司 (#1)",
        "Device: S1",
        "  Warranty verdict — whole unit (24 months), fault date 2026-11-23: "
        "in warranty until 2027-02-28 — free for a manufacturing fault",
        "  Warranty whole unit (24 months): in warranty until 2027-02-28",
        "Reply due: 2026-11-23 09:40",
        "On-site due (if a visit is needed): 2026-11-23 11:30",
        "Resolve due: 2026-11-23 13:30",
    ]
    n = "SH2611-0001"
    # cron at 10:00: the reply is 20 minutes late
    late = run(db_url, "2026-11-23 10:00", "ticket", "overdue", "--check")
    assert late.returncode == 3
    assert late.stdout.splitlines()[1].split()[:3] == [n, "1", "critical"]
    assert "20m (reply)" in late.stdout
    ok("2026-11-23 10:00", "ticket", "assign", n, "王工")
    inline("2026-11-23 10:01", "ticket", "respond", n)
    inline("2026-11-23 11:20", "ticket", "arrive", n)
    inline("2026-11-23 11:50", "ticket", "loan", n, "--unit", "SPARE-01")
    diagnosed = ok(
        "2026-11-23 12:00",
        "ticket",
        "diagnose",
        n,
        "--cause",
        "quality",
        "--finding",
        "电源模块损坏",
        user="王工",
    )
    assert diagnosed == f"{n}: cause manufacturing/quality — free of charge\n"
    inline("2026-11-23 12:10", "ticket", "charge", n, "--part", "电源模块:1:1500")
    inline("2026-11-23 12:30", "--as", "李经理", "ticket", "approve", n)
    ok("2026-11-23 13:00", "ticket", "resolve", n, "--action", "更换电源模块", user="王工")
    inline("2026-11-23 13:30", "ticket", "loan-return", n)
    ok("2026-11-24 09:00", "ticket", "close", n, "--quality", "5", "--attitude", "5")
    refused = run(db_url, "2026-11-24 09:05", "ticket", "close", n)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        f"error: ticket {n} is already closed — to work on it again: "
        f"`shouhou ticket reopen {n} --reason TEXT`\n"
    )
    view = json.loads(ok("2026-11-24 10:00", "ticket", "show", n, "--format", "json"))
    assert view["status"] == "closed"
    assert view["overdue"] == ["reply"]  # replied at 10:01, due 09:40
    assert view["charges"]["total"] == "1500.00" and view["charges"]["payable"] == "0.00"
    assert [(e["actor"], e["action"]) for e in view["timeline"]] == [
        ("小刘", "create"),
        ("小刘", "assign"),
        ("王工", "respond"),
        ("王工", "arrive"),
        ("王工", "loan"),
        ("王工", "diagnose"),
        ("王工", "charge"),
        ("李经理", "approve"),
        ("王工", "resolve"),
        ("王工", "loan-return"),
        ("小刘", "close"),
    ]
