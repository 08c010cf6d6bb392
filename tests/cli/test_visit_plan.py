"""``shouhou visit plan`` and ``shouhou visit checklist`` (issue 11): plans made, listed with
their next date, shown with the visit of each date, ended; checklists per model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import col, select

from shouhou import db
from shouhou.models import ChecklistItem, InspectionPlan, Visit
from tests.conftest import CliRun, cli_env


@pytest.fixture
def shop(cli: CliRun) -> CliRun:
    """Customer 1 天津控制设备厂 with S-001 (KS-200, contract to 2027-06-30) and S-002; customer 2
    北方机械. Today is 2026-11-23 (look-ahead 14 days: to 7 Dec)."""
    for args in (
        ("customer", "add", "天津控制设备厂", "--phone", "022-12345678"),
        ("customer", "add", "北方机械", "--phone", "010-7654321"),
        ("device", "add", "--customer", "1", "--model", "KS-200", "--serial", "S-001"),
        ("device", "add", "--customer", "1", "--model", "KS-200", "--serial", "S-002"),
        ("device", "contract", "S-001", "--until", "2027-06-30"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
    return cli


def plan_visits(url: str) -> list[Visit]:
    with db.session(url) as s:
        query = select(Visit).where(Visit.origin == "plan").order_by(col(Visit.id))
        return list(s.exec(query))


def ok(cli: CliRun, *args: str, **options: object) -> str:
    result = cli(*args, **options)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_plan_add_prints_the_plan_and_its_dates(shop: CliRun, db_url: str) -> None:
    """Every 3 months from 30 Nov 2026 on S-001: 30 Nov is due now (within 14 days); then
    28 Feb, 30 May and — none falling in June — the contract's last month, 30 Jun (seed 000)."""
    out = ok(
        shop, "visit", "plan", "add", "--device", "S-001", "--every", "3m",
        "--from", "2026-11-30", "--engineer", "王工", "--note", "检查线路",
    )  # fmt: skip
    lines = out.splitlines()
    assert lines[0] == (
        "Plan #1 added: inspection, every 3 months from 2026-11-30; 1 due visit(s) created"
    )
    assert "Until           2027-06-30" in lines
    dates = [line.split()[:2] for line in lines if line[:4] in ("2026", "2027") and ":" not in line]
    assert dates == [
        ["2026-11-30", "no"],
        ["2027-02-28", "no"],
        ["2027-05-30", "no"],
        ["2027-06-30", "yes"],
    ]
    made = plan_visits(db_url)
    assert [(v.kind, v.status, v.engineer, v.dedupe_key) for v in made] == [
        ("inspection", "due", "王工", "plan:1:2026-11-30")
    ]


def test_plan_add_in_chinese_words_and_json(shop: CliRun, db_url: str) -> None:
    """``--every 每月 --type 培训``: monthly training from 1 Nov: 1 Nov (overdue) and 1 Dec."""
    out = ok(
        shop, "visit", "plan", "add", "--customer", "北方", "--every", "每月", "--type", "培训",
        "--from", "2026-11-01", "--format", "json",
    )  # fmt: skip
    view = json.loads(out)
    assert (view["kind"], view["every"], view["customer_id"]) == ("training", "1m", 2)
    assert (view["next_due"], view["overdue"]) == ("2026-11-01", True)
    assert [(o["on"], o["state"]) for o in view["occurrences"][:3]] == [
        ("2026-11-01", "due"),
        ("2026-12-01", "due"),
        ("2027-01-01", "upcoming"),
    ]
    assert len(plan_visits(db_url)) == 2


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("--customer", "1", "--every", "2m"), 2, "1m|3m|6m|12m"),
        (("--every", "3m"), 2, "give --customer REF or --device SERIAL"),
        (("--customer", "1", "--every", "3m", "--type", "repair"), 2, "inspection|training"),
        (("--customer", "1", "--every", "3m", "--from", "someday"), 2, "someday"),
        (("--customer", "2", "--device", "S-001", "--every", "3m"), 1, "does not belong"),
        (
            ("--device", "S-001", "--every", "1m", "--from", "2027-07-01"),
            1,
            "error: the service contract of device S-001 ended on 2027-06-30",
        ),
    ],
)
def test_plan_add_refusals(
    shop: CliRun, db_url: str, args: tuple[str, ...], code: int, text: str
) -> None:
    result = shop("visit", "plan", "add", *args)
    assert result.exit_code == code, result.stderr
    assert text in result.stderr
    assert result.stderr.startswith("error: ")
    with db.session(db_url) as s:
        assert s.exec(select(InspectionPlan)).all() == []


def test_plan_list_show_and_end(shop: CliRun, db_url: str) -> None:
    ok(shop, "visit", "plan", "add", "--device", "S-002", "--every", "1m", "--from", "2026-11-01")
    ok(shop, "visit", "plan", "add", "--customer", "北方机械", "--every", "12m")
    rows = json.loads(ok(shop, "visit", "plan", "list", "--format", "json"))
    assert [(r["id"], r["device"], r["next_due"], r["overdue"]) for r in rows] == [
        (1, "S-002", "2026-11-01", True),
        (2, None, "2026-11-23", False),
    ]
    table = ok(shop, "visit", "plan", "list", "--customer", "天津")
    assert table.splitlines()[0].split()[:4] == ["Plan", "Type", "Customer", "Device"]
    assert len(table.splitlines()) == 2 and "S-002" in table
    shown = json.loads(ok(shop, "visit", "plan", "show", "1", "--format", "json"))
    assert [(o["on"], o["visit"]) for o in shown["occurrences"][:2]] == [
        ("2026-11-01", "VS2611-0001"),
        ("2026-12-01", "VS2611-0002"),
    ]
    assert [e["action"] for e in shown["timeline"]] == ["plan_add"]
    ended = ok(shop, "visit", "plan", "end", "1", "--reason", "设备报废")
    assert ended == "Plan #1 ended; 2 due visit(s) not yet booked were cancelled\n"
    assert [r["id"] for r in json.loads(ok(shop, "visit", "plan", "list", "-f", "json"))] == [2]
    every = json.loads(ok(shop, "visit", "plan", "list", "--all", "--format", "json"))
    assert [(r["id"], r["active"]) for r in every] == [(1, False), (2, True)]
    again = shop("visit", "plan", "end", "1", "--reason", "x")
    assert again.exit_code == 1 and "plan #1 has already ended" in again.stderr
    missing = shop("visit", "plan", "show", "9")
    assert missing.exit_code == 1
    assert missing.stderr == (
        "error: no inspection plan '9' — see `shouhou visit plan list --all`\n"
    )
    assert {v.status for v in plan_visits(db_url) if v.plan_id == 1} == {"cancelled"}


def test_plan_commands_in_chinese(shop: CliRun) -> None:
    ok(shop, "visit", "plan", "add", "--customer", "1", "--every", "quarterly")
    listed = ok(shop, "--lang", "zh", "visit", "plan", "list")
    assert listed.splitlines()[0].split()[:3] == ["计划编号", "类型", "客户"]
    assert "每季度" in listed
    shown = ok(shop, "--lang", "zh", "visit", "plan", "show", "1")
    assert "== 巡检计划 ==" in shown and "尚未到期" in shown
    refused = shop("--lang", "zh", "visit", "plan", "end", "1", "--reason", " ")
    assert refused.exit_code == 2 and refused.stderr.startswith("错误：")


def test_checklist_add_list_remove(shop: CliRun, db_url: str) -> None:
    out = ok(shop, "visit", "checklist", "add", "--model", "KS-200", "--item", "外观")
    assert out == "Checklist of KS-200: item 1 '外观' added\n"
    ok(shop, "visit", "checklist", "add", "--model", "ks-200", "--item", "绝缘电阻", "--unit", "MΩ")
    ok(shop, "visit", "checklist", "add", "--model", "XR-9", "--item", "风扇")
    listed = ok(shop, "visit", "checklist", "list", "--model", "KS-200")
    assert listed.splitlines() == [
        "Model   No.  Item      Unit",
        "KS-200  1    外观",
        "KS-200  2    绝缘电阻  MΩ",
    ]
    rows = json.loads(ok(shop, "visit", "checklist", "list", "--format", "json"))
    assert [(r["model"], r["label"], r["measured"]) for r in rows] == [
        ("KS-200", "外观", False),
        ("KS-200", "绝缘电阻", True),
        ("XR-9", "风扇", False),
    ]
    twice = shop("visit", "checklist", "add", "--model", "KS-200", "--item", "外观")
    assert twice.exit_code == 1 and "already has '外观'" in twice.stderr
    bad = shop("visit", "checklist", "add", "--model", "KS-200", "--item", "3")
    assert bad.exit_code == 2
    removed = ok(shop, "visit", "checklist", "remove", "--model", "KS-200", "--item", "1")
    assert removed == "Checklist of KS-200: '外观' removed\n"
    with db.session(db_url) as s:
        left = s.exec(select(ChecklistItem).where(ChecklistItem.model == "KS-200")).all()
        assert [(i.position, i.label) for i in left] == [(1, "绝缘电阻")]
    unknown = shop("visit", "checklist", "remove", "--model", "KS-200", "--item", "油位")
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "error: no checklist item 油位 — the items are: 1 绝缘电阻 [MΩ] (by name or number)\n"
    )
    zh = shop("--lang", "zh", "visit", "checklist", "remove", "--model", "NONE", "--item", "x")
    assert zh.exit_code == 1 and zh.stderr.startswith("错误：型号 NONE 没有检查表")


def test_the_installed_entry_point_adds_and_lists_a_plan(shop: CliRun, db_url: str) -> None:
    exe = Path(sys.executable).with_name("shouhou")
    if not exe.exists():
        pytest.skip("the shouhou console script is not installed next to this python")
    test_env = cli_env()
    env = {k: v for k, v in os.environ.items() if k not in test_env}
    env.update({k: v for k, v in test_env.items() if v is not None})
    base = [str(exe), "--db", db_url, "visit", "plan"]
    added = subprocess.run(
        [*base, "add", "--device", "S-002", "--every", "6m", "--from", "2026-12-01"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Plan #1 added: inspection, every 6 months from 2026-12-01;")
    listed = subprocess.run(
        [*base, "list", "--format", "json"], capture_output=True, text=True, env=env, timeout=60
    )
    assert listed.returncode == 0, listed.stderr
    assert [(r["device"], r["next_due"]) for r in json.loads(listed.stdout)] == [
        ("S-002", "2026-12-01")
    ]
