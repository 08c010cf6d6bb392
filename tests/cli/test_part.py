"""``shouhou part add|edit|show|list|receive|scrap|ledger|reorder`` and ``part supplier …``
through the CLI (CLI.md, issue 12), and the low-stock section of ``shouhou today``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, Part, StockMove
from tests.conftest import CliRun, cli_env
from tests.services.test_importing import write_csv


def ok(result: object) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    return result.stdout  # type: ignore[attr-defined,no-any-return]


def as_json(cli: CliRun, *args: str) -> object:
    return json.loads(ok(cli(*args, "--format", "json")))


@pytest.fixture
def shelf(cli: CliRun) -> CliRun:
    """上海阀门厂 on the list; KS-V100 (safety 2, max 10, 1200.50 / 1680) with 3 received;
    LF-20 (safety 5, nothing received)."""
    ok(cli("part", "supplier", "add", "上海阀门厂", "--contact", "张经理", "--phone", "021-1"))
    ok(cli("part", "add", "KS-V100", "--name", "进气阀", "--unit", "个", "--cost", "1200.50",
           "--price", "1680", "--safety", "2", "--max", "10", "--supplier", "上海阀门厂",
           "--key", "--core"))  # fmt: skip
    ok(cli("part", "add", "LF-20", "--name", "Air filter", "--unit", "pcs", "--safety", "5"))
    ok(cli("part", "receive", "KS-V100", "3", "--ref", "PO-1"))
    return cli


def test_add_then_list_in_the_documented_shape(shelf: CliRun) -> None:
    rows = as_json(shelf, "part", "list")
    assert isinstance(rows, list)
    first = rows[0]
    assert {
        k: first[k]
        for k in (
            "number",
            "name",
            "unit",
            "on_hand",
            "safety",
            "min",
            "max",
            "cost",
            "price",
            "supplier",
        )
    } == {  # fmt: skip
        "number": "KS-V100",
        "name": "进气阀",
        "unit": "个",
        "on_hand": 3,
        "safety": 2,
        "min": 0,
        "max": 10,
        "cost": "1200.50",
        "price": "1680.00",
        "supplier": "上海阀门厂",
    }
    assert (first["key"], first["core"], first["low"]) == (True, True, False)
    table = ok(shelf("part", "list", "--search", "air"))
    assert "LF-20" in table and "KS-V100" not in table


def test_add_errors_and_exit_codes(shelf: CliRun) -> None:
    again = shelf("part", "add", "ks-v100", "--name", "x", "--unit", "个")
    assert again.exit_code == 1
    assert again.stderr.startswith("error: part KS-V100 is already in the catalogue — ")
    limits = shelf("part", "add", "A", "--name", "x", "--unit", "个", "--safety", "5",
                   "--max", "3")  # fmt: skip
    assert limits.exit_code == 2 and "maximum stock 3" in limits.stderr
    money = shelf("part", "add", "B", "--name", "x", "--unit", "个", "--price", "1.234")
    assert money.exit_code == 2
    nobody = shelf("part", "add", "C", "--name", "x", "--unit", "个", "--supplier", "无名")
    assert nobody.exit_code == 1 and "no supplier '无名'" in nobody.stderr
    assert len(as_json(shelf, "part", "list")) == 2  # type: ignore[arg-type]


def test_edit_reports_what_changed(shelf: CliRun, db_url: str) -> None:
    out = ok(shelf("part", "edit", "ks-v100", "--price", "1750", "--safety", "3", "--no-key"))
    assert out.strip() == "Updated part KS-V100: key_part, price, safety_stock."
    assert ok(shelf("part", "edit", "KS-V100", "--safety", "3")).strip() == (
        "Part KS-V100: nothing changed."
    )
    assert shelf("part", "edit", "KS-V100").exit_code == 2
    with db.session(db_url) as s:
        valve = s.get(Part, 1)
        assert valve is not None
        assert (valve.price_cents, valve.safety_stock, valve.key_part) == (175000, 3, False)


def test_low_list_and_check(shelf: CliRun) -> None:
    """KS-V100 3 ≥ 2: fine; LF-20 0 < 5: low → --check exits 3. Once 5 are received nothing is
    low: exit 0 and a sentence."""
    low = shelf("part", "list", "--low", "--check")
    assert low.exit_code == 3
    assert "LF-20" in low.stdout and "KS-V100" not in low.stdout
    assert shelf("part", "list", "--check").exit_code == 3  # --check implies --low
    assert shelf("part", "list", "--low").exit_code == 0
    ok(shelf("part", "receive", "LF-20", "5"))
    calm = shelf("part", "list", "--low", "--check")
    assert (calm.exit_code, calm.stdout.strip()) == (0, "No part is below its safety stock.")
    empty = shelf("part", "list", "--low", "--check", "--format", "json")
    assert (empty.exit_code, json.loads(empty.stdout)) == (0, [])


def test_receive_scrap_and_the_ledger(shelf: CliRun, db_url: str) -> None:
    """3 received on 23 Nov 10:00 (PO-1); +2 back-dated to 20 Nov at 1180; scrap 1 → 4.
    Ledger from 21 Nov: opening 2, then +3 → 5, −1 → 4."""
    back = ok(shelf("part", "receive", "KS-V100", "2", "--cost", "1180", "--at", "2026-11-20 9:00"))
    assert back.strip() == "Received 2 个 of KS-V100 进气阀 from 上海阀门厂; on hand 5."
    assert ok(shelf("part", "scrap", "KS-V100", "1", "--reason", "运输损坏")).strip() == (
        "Scrapped 1 个 of KS-V100 进气阀; on hand 4."
    )
    short = shelf("part", "scrap", "KS-V100", "9", "--reason", "x")
    assert short.exit_code == 1 and "only 4 个 of KS-V100 in stock" in short.stderr
    future = shelf("part", "receive", "KS-V100", "1", "--at", "tomorrow 9:00")
    assert future.exit_code == 2
    lines = as_json(shelf, "part", "ledger", "KS-V100", "--from", "2026-11-21", "--to", "today")
    assert [(r["kind"], r["quantity"], r["balance"]) for r in lines] == [  # type: ignore[union-attr]
        ("opening", None, 2),
        ("receive", 3, 5),
        ("scrap", -1, 4),
    ]
    relative = as_json(shelf, "part", "ledger", "KS-V100", "--from", "-3d", "--to", "-3d")
    assert [(r["kind"], r["balance"]) for r in relative] == [  # type: ignore[union-attr]
        ("opening", 0),
        ("receive", 2),
    ]
    everything = as_json(shelf, "part", "ledger", "ks-v100")
    first = everything[0]  # type: ignore[index]
    assert (first["unit_cost"], first["supplier"], first["balance"]) == ("1180.00", "上海阀门厂", 2)
    table = ok(shelf("part", "ledger", "KS-V100"))
    assert "+2" in table and "-1" in table and "运输损坏" in table
    sheet = ok(shelf("part", "ledger", "KS-V100", "--from", "2026-11-21", "--format", "csv"))
    header, *rows = list(csv.reader(io.StringIO(sheet)))
    assert header[:5] == ["id", "at", "kind", "quantity", "balance"] and len(rows) == 3
    backwards = shelf("part", "ledger", "KS-V100", "--from", "2026-11-22", "--to", "2026-11-01")
    assert backwards.exit_code == 2 and backwards.stdout == ""
    with db.session(db_url) as s:
        assert s.exec(select(StockMove.actor)).all() == ["tester"] * 3


def test_show(shelf: CliRun) -> None:
    view = as_json(shelf, "part", "show", "ks-v100")
    assert isinstance(view, dict)
    assert (view["on_hand"], view["issued_this_year"], view["cores_pending"]) == (3, 0, 0)
    assert [(m["kind"], m["balance"], m["reference"]) for m in view["moves"]] == [
        ("receive", 3, "PO-1")
    ]
    assert view["timeline"][0]["action"] == "part_add"
    text = ok(shelf("part", "show", "#2"))
    assert "LF-20" in text and "below safety stock" in text
    missing = shelf("part", "show", "NOPE")
    assert missing.exit_code == 1 and missing.stderr.startswith("error: no part 'NOPE'")


def test_reorder_formats(shelf: CliRun) -> None:
    """LF-20: 0 < 5, no maximum → order 2 × 5 = 10, no cost (unpriced), no supplier.
    KS-V100 after scrapping 2: 1 < 2 → order 10 − 1 = 9 × 1200.50 = 10804.50."""
    ok(shelf("part", "scrap", "KS-V100", "2", "--reason", "锈蚀"))
    plan = as_json(shelf, "part", "reorder")
    assert isinstance(plan, dict)
    assert [(g["supplier"], g["subtotal"]) for g in plan["suppliers"]] == [
        ("上海阀门厂", "10804.50"),
        (None, "0.00"),
    ]
    assert (plan["total"], plan["unpriced"]) == ("10804.50", 1)
    sheet = ok(shelf("part", "reorder", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(sheet)))
    assert [(r["number"], r["order"], r["line_cost"], r["supplier"]) for r in rows] == [
        ("KS-V100", "9", "10804.50", "上海阀门厂"),
        ("LF-20", "10", "", ""),
    ]
    table = ok(shelf("part", "reorder"))
    assert "== 上海阀门厂 — 张经理 021-1 ==" in table
    assert "Subtotal: 10804.50" in table
    assert "Total: 10804.50 for 2 parts (1 without a unit cost)" in table
    ok(shelf("part", "receive", "KS-V100", "9"))
    ok(shelf("part", "receive", "LF-20", "10"))
    assert ok(shelf("part", "reorder")).strip() == (
        "No part is below its safety stock — nothing to order."
    )


def test_suppliers(shelf: CliRun, db_url: str) -> None:
    rated = ok(shelf("part", "supplier", "rate", "上海阀门厂", "--quality", "4", "--price",
                     "3", "--delivery", "5"))  # fmt: skip
    assert rated.strip() == "Rated 上海阀门厂: quality 4, price 3, delivery 5 (score 4.0)."
    assert shelf("part", "supplier", "rate", "上海阀门厂", "--quality", "6").exit_code == 2
    assert shelf("part", "supplier", "rate", "上海阀门厂").exit_code == 2
    ok(shelf("part", "supplier", "warn", "上海阀门厂", "--reason", "交货迟"))
    warned = shelf("part", "receive", "KS-V100", "1")
    assert warned.exit_code == 0 and "has been warned" in warned.stderr
    ok(shelf("part", "supplier", "add", "乙厂"))
    listed = as_json(shelf, "part", "supplier", "list")
    assert [(s["name"], s["status"], s["parts"]) for s in listed] == [  # type: ignore[union-attr]
        ("上海阀门厂", "warned", 1),
        ("乙厂", "qualified", 0),
    ]
    ok(shelf("part", "supplier", "remove", "上海阀门厂", "--reason", "屡次迟交"))
    refused = shelf("part", "receive", "KS-V100", "1")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("error: KS-V100's supplier 上海阀门厂 was removed")
    assert ok(shelf("part", "receive", "KS-V100", "1", "--supplier", "乙厂"))
    again = shelf("part", "supplier", "add", "上海阀门厂")
    assert again.exit_code == 1
    assert [s["name"] for s in as_json(shelf, "part", "supplier", "list")] == ["乙厂"]  # type: ignore[union-attr]
    assert len(as_json(shelf, "part", "supplier", "list", "--all")) == 2  # type: ignore[arg-type]
    shown = as_json(shelf, "part", "supplier", "show", "上海阀门厂")
    assert isinstance(shown, dict)
    assert [e["action"] for e in shown["timeline"]] == [
        "supplier_add", "supplier_rate", "supplier_warn", "supplier_remove"
    ]  # fmt: skip
    assert shown["timeline"][-1]["changes"]["reason"] == "屡次迟交"
    text = ok(shelf("part", "supplier", "show", "上海阀门厂"))
    assert "removed" in text and "KS-V100" in text
    with db.session(db_url) as s:
        actions = s.exec(select(AuditEntry.action).where(AuditEntry.entity == "supplier"))
        assert "supplier_remove" in set(actions)


def test_chinese(shelf: CliRun) -> None:
    zh = {"SHOUHOU_LANG": "zh"}
    out = shelf("part", "scrap", "KS-V100", "1", "--reason", "破损", env=zh)
    assert out.stdout.strip() == "已报废 KS-V100 进气阀 1 个；现有库存 2。"
    refused = shelf("part", "scrap", "KS-V100", "5", "--reason", "破损", env=zh)
    assert refused.exit_code == 1 and refused.stderr.startswith("错误：")
    table = shelf("part", "list", "--low", env=zh).stdout
    assert table.split()[:2] == ["配件编号", "名称"]
    assert "低于安全库存的配件" in shelf("today", env=zh).stdout


def test_today_lists_low_stock_without_making_it_late(shelf: CliRun) -> None:
    view = as_json(shelf, "today")
    assert isinstance(view, dict)
    section = view["sections"]["low_stock"]
    assert [(r["number"], r["on_hand"], r["safety"], r["order"]) for r in section["rows"]] == [
        ("LF-20", 0, 5, 10)
    ]
    assert (section["late"], view["late"]) == (0, 0)
    assert shelf("today", "--check").exit_code == 0
    screen = ok(shelf("today"))
    assert "Parts below safety stock (1)" in screen and "LF-20" in screen


def test_import_parts_with_suppliers_and_counted_stock(cli: CliRun, tmp_path: Path) -> None:
    sheet = write_csv(
        tmp_path / "parts.csv",
        [
            ["配件编号", "配件名称", "单位", "供应商", "安全库存", "期初库存"],
            ["KS-V100", "进气阀", "个", "上海阀门厂", "2", "6"],
            ["LF-20", "滤芯", "个", "", "5", "1"],
        ],
    )
    dry = ok(cli("import", "parts", str(sheet), "--dry-run"))
    assert "1 supplier(s) named in the sheet would be put on the qualified list" in dry
    done = ok(cli("import", "parts", str(sheet)))
    assert "Booked the counted stock of 2 part(s) as adjustments" in done
    rows = as_json(cli, "part", "list")
    assert [(r["number"], r["on_hand"], r["supplier"], r["low"]) for r in rows] == [  # type: ignore[union-attr]
        ("KS-V100", 6, "上海阀门厂", False),
        ("LF-20", 1, None, True),
    ]
    ledger = as_json(cli, "part", "ledger", "LF-20")
    assert [(r["kind"], r["booked"], r["counted"]) for r in ledger] == [("adjust", 0, 1)]  # type: ignore[union-attr]


def test_installed_entry_point(db_url: str) -> None:
    """The ``shouhou`` command itself (a subprocess): add a part with a safety stock and see
    ``part list --low --check`` exit 3 for cron."""
    env = dict(os.environ)
    for key, value in cli_env().items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    entry = Path(sys.executable).with_name("shouhou")
    base = [str(entry), "--db", db_url]
    added = subprocess.run(
        [*base, "part", "add", "P-1", "--name", "阀", "--unit", "个", "--safety", "1"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    low = subprocess.run(
        [*base, "part", "list", "--low", "--check"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert low.returncode == 3 and "P-1" in low.stdout
