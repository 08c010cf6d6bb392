"""``shouhou part stocktake …`` and ``part count`` (CLI.md, DOMAIN §4 盘点, issue 12 item 5):
start, count (and recount), the printed count sheet, progress, finish (differences booked as
adjustments with who and when), cancel — exit codes, messages in both languages, the database
afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from shouhou import db
from shouhou.models import StockMove, Stocktake
from tests.conftest import NOW, CliRun, cli_env


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


@pytest.fixture
def _st_store(cli: CliRun) -> CliRun:
    """Parts KS-V100 (key part, cost 600.00) with 4 on hand, KS-F020 (cost 60.00) with 10, and
    LF-20 (no cost) with nothing received."""
    ok(cli("part", "add", "KS-V100", "--name", "排气阀总成", "--unit", "个", "--cost", "600",
           "--key"))  # fmt: skip
    ok(cli("part", "add", "KS-F020", "--name", "排气阀片", "--unit", "件", "--cost", "60"))
    ok(cli("part", "add", "LF-20", "--name", "空气滤芯", "--unit", "只"))
    ok(cli("part", "receive", "KS-V100", "4"))
    ok(cli("part", "receive", "KS-F020", "10"))
    return cli


def test_a_stocktake_from_start_to_finish(_st_store: CliRun, db_url: str) -> None:
    """KS-V100 booked 4, counted 3 (−1 = −600.00 at cost); KS-F020 booked 10, counted 12 (+2 =
    +120.00); LF-20 not counted: stays 0. On-hand after: 3, 12, 0."""
    cli = _st_store
    assert ok(cli("part", "stocktake", "start", "--note", "月度盘点")) == (
        "Stocktake ST2611-01 started: 3 parts to count — print the count sheet with "
        "`shouhou part stocktake sheet`\n"
    )
    assert ok(cli("part", "stocktake", "count", "KS-V100", "3", env={"SHOUHOU_USER": "王工"})) == (
        "ST2611-01: KS-V100 counted 3 个, booked 4 (difference -1)\n"
    )
    assert ok(cli("part", "count", "ks-f020", "11")) == (
        "ST2611-01: KS-F020 counted 11 件, booked 10 (difference +1)\n"
    )
    assert ok(cli("part", "stocktake", "count", "KS-F020", "12")) == (
        "ST2611-01: KS-F020 counted 12 件 (was 11), booked 10 (difference +2)\n"
    )
    shown = json.loads(ok(cli("part", "stocktake", "show", "--format", "json")))
    assert (shown["counted"], shown["not_counted"], shown["value"]) == (2, 1, "-480.00")
    assert [u["number"] for u in shown["uncounted"]] == ["LF-20"]
    finished = ok(cli("part", "stocktake", "finish", env={"SHOUHOU_USER": "周主管"}))
    lines = finished.splitlines()
    assert lines[0].split()[:6] == ["Part", "Name", "Unit", "Booked", "Counted", "Diff."]
    assert lines[1].split()[:7] == ["KS-F020", "排气阀片", "件", "10", "12", "+2", "120.00"]
    assert lines[2].split()[:7] == ["KS-V100", "排气阀总成", "个", "4", "3", "-1", "-600.00"]
    assert lines[3] == (
        "Stocktake ST2611-01 finished: 2 parts counted, 2 differences booked (gain +2, "
        "loss -1); 1 parts not counted, unchanged"
    )
    on_hand = {p["number"]: p["on_hand"] for p in json.loads(ok(cli("part", "list", "-f", "json")))}
    assert on_hand == {"KS-V100": 3, "KS-F020": 12, "LF-20": 0}
    with db.session(db_url) as s:
        moves = list(
            s.exec(select(StockMove).where(StockMove.kind == "adjust").order_by(col(StockMove.id)))
        )
        taken = s.exec(select(Stocktake)).one()
    assert [(m.quantity, m.booked, m.counted, m.actor, m.reference) for m in moves] == [
        (2, 10, 12, "周主管", "ST2611-01"),
        (-1, 4, 3, "周主管", "ST2611-01"),
    ]
    assert all(m.stocktake_id == taken.id and m.at == NOW for m in moves)
    assert (taken.status, taken.finished_by, taken.note) == ("finished", "周主管", "月度盘点")
    listed = json.loads(ok(cli("part", "stocktake", "list", "-f", "json")))
    assert [(v["number"], v["status"], v["counted"], v["differences"]) for v in listed] == [
        ("ST2611-01", "finished", 2, 2)
    ]


def test_refusals_say_what_and_how(_st_store: CliRun) -> None:
    cli = _st_store
    nothing = cli("part", "stocktake", "count", "KS-V100", "3")
    assert (nothing.exit_code, nothing.stderr) == (
        1,
        "error: no stocktake is open — start one (`shouhou part stocktake start`)\n",
    )
    ok(cli("part", "stocktake", "start"))
    again = cli("part", "stocktake", "start")
    assert (again.exit_code, again.stderr) == (
        1,
        "error: stocktake ST2611-01 is still open — finish it (`shouhou part stocktake finish`) "
        "or cancel it (`shouhou part stocktake cancel --reason TEXT`) first\n",
    )
    negative = cli("part", "stocktake", "count", "KS-V100", "--", "-2")
    assert (negative.exit_code, negative.stderr) == (
        2,
        "error: counted quantity -2 is not allowed — give a whole number from 0 to 1000000\n",
    )
    unknown = cli("part", "count", "NOPE", "1")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("error: ")
    assert "NOPE" in unknown.stderr
    both = cli("part", "stocktake", "sheet", "--counted", "--uncounted")
    assert (both.exit_code, both.stderr) == (
        2,
        "error: --counted and --uncounted exclude each other — give one of them, or neither "
        "for every part\n",
    )
    missing = cli("part", "stocktake", "show", "ST2001-09")
    assert (missing.exit_code, missing.stderr) == (
        1,
        "error: no stocktake ST2001-09 — give its number (ST2612-01) or id "
        "(`shouhou part stocktake list`)\n",
    )
    zh = cli("--lang", "zh", "part", "stocktake", "start")
    assert (zh.exit_code, zh.stderr) == (
        1,
        "错误：盘点 ST2611-01 尚未结束 — 请先完成（`shouhou part stocktake finish`）"
        "或取消（`shouhou part stocktake cancel --reason 原因`）\n",
    )


def test_a_loss_bigger_than_what_is_left_fails_the_finish(_st_store: CliRun, db_url: str) -> None:
    """KS-F020 booked 10, counted 2 (−8); 9 scrapped after the count: 1 left, 1 − 8 < 0 → exit 1,
    nothing booked, the stocktake still open."""
    cli = _st_store
    ok(cli("part", "stocktake", "start"))
    ok(cli("part", "count", "KS-F020", "2"))
    ok(cli("part", "scrap", "KS-F020", "9", "--reason", "水浸"))
    refused = cli("part", "stocktake", "finish")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "error: KS-F020 was counted at 2 件 against 10 on the books, but only 1 件 are left since "
        "— count KS-F020 again (`shouhou part stocktake count KS-F020 QTY`), then finish\n",
    )
    with db.session(db_url) as s:
        assert s.exec(select(StockMove).where(StockMove.kind == "adjust")).first() is None
        assert s.exec(select(Stocktake.status)).one() == "open"


def test_the_count_sheet(_st_store: CliRun, tmp_path: Path) -> None:
    cli = _st_store
    ok(cli("part", "stocktake", "start"))
    ok(cli("part", "count", "KS-V100", "4"))
    sheet = ok(cli("part", "stocktake", "sheet"))
    assert "Stocktake Count Sheet" in sheet
    rows = [line.split() for line in sheet.splitlines() if line[:4].strip().isdigit()]
    assert rows == [
        ["1", "KS-F020", "排气阀片", "件", "10", "________", "______"],
        ["2", "KS-V100", "*", "排气阀总成", "个", "4", "4", "0"],
        ["3", "LF-20", "空气滤芯", "只", "0", "________", "______"],
    ]
    uncounted = ok(cli("--lang", "zh", "part", "stocktake", "sheet", "--uncounted"))
    assert "盘点表" in uncounted and "范围：        未盘配件 · 共 2 种配件，已盘 0 种" in uncounted
    assert "KS-V100" not in uncounted
    out = tmp_path / "盘点表.html"
    assert ok(cli("part", "stocktake", "sheet", "-f", "html", "-o", str(out))) == (
        f"Written: {out}\n"
    )
    assert "<h1>Stocktake Count Sheet</h1>" in out.read_text(encoding="utf-8")
    data = json.loads(ok(cli("part", "stocktake", "sheet", "--counted", "-f", "json")))
    assert [line["number"] for line in data["lines"]] == ["KS-V100"]


def test_show_in_chinese_and_cancel(_st_store: CliRun, db_url: str) -> None:
    cli = _st_store
    ok(cli("part", "stocktake", "start"))
    ok(cli("part", "count", "LF-20", "1"))
    shown = ok(cli("--lang", "zh", "part", "stocktake", "show"))
    assert "== 盘点 ==" in shown and "== 已盘配件 ==" in shown and "== 未盘配件 ==" in shown
    assert ["已盘", "1/3"] in [line.split() for line in shown.splitlines()]
    assert ok(cli("--lang", "zh", "part", "stocktake", "cancel", "--reason", "重盘")) == (
        "盘点 ST2611-01 已取消：未做任何调整\n"
    )
    shown = ok(cli("part", "stocktake", "show", "ST2611-01"))
    assert "Not counted yet" not in shown and "stocktake cancelled" in shown
    with db.session(db_url) as s:
        assert s.exec(select(StockMove).where(StockMove.kind == "adjust")).first() is None
    assert ok(cli("part", "stocktake", "start")).startswith("Stocktake ST2611-02 started")


def test_nothing_to_list(cli: CliRun) -> None:
    assert ok(cli("part", "stocktake", "list")) == "No stocktakes yet\n"
    assert ok(cli("part", "stocktake", "list", "-f", "json")) == "[]\n"


def test_the_installed_entry_point_counts(_st_store: CliRun, db_url: str) -> None:
    exe = Path(sys.executable).with_name("shouhou")
    if not exe.exists():
        pytest.skip("the shouhou console script is not installed next to this python")
    test_env = cli_env()
    env = {k: v for k, v in os.environ.items() if k not in test_env}
    env.update({k: v for k, v in test_env.items() if v is not None})
    base = [str(exe), "--db", db_url, "part"]
    for args in (["stocktake", "start"], ["count", "KS-F020", "9"], ["stocktake", "finish"]):
        done = subprocess.run([*base, *args], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith(
        "Stocktake ST2611-01 finished: 1 parts counted, 1 differences booked (gain +0, loss -1)"
    )


def test_an_open_stocktake_is_on_the_morning_agenda(_st_store: CliRun) -> None:
    """Issue 12: "an unfinished stocktake blocks nothing but is shown" — a line in ``today``
    (never late: ``--check`` stays 0 for it), gone once finished."""
    cli = _st_store
    ok(cli("part", "stocktake", "start", "--note", "年终盘点"))
    ok(cli("part", "count", "LF-20", "0"))
    agenda = json.loads(ok(cli("today", "--format", "json")))
    section = agenda["sections"]["stocktake"]
    assert (section["count"], section["late"]) == (1, 0)
    row = section["rows"][0]
    assert (row["number"], row["counted"], row["parts"], row["note"]) == (
        "ST2611-01",
        1,
        3,
        "年终盘点",
    )
    screen = ok(cli("today", "--check"))
    assert "== Stocktake under way (1) ==" in screen
    assert ["ST2611-01", "2026-11-23", "10:00", "tester", "1/3", "年终盘点"] in [
        line.split() for line in screen.splitlines()
    ]
    ok(cli("part", "stocktake", "finish"))
    agenda = json.loads(ok(cli("today", "--format", "json")))
    assert agenda["sections"]["stocktake"]["rows"] == []
