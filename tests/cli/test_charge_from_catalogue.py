"""Issue 10.8: the engineer's parts from the catalogue. ``ticket charge --part PN:QTY`` takes the
part's name and price from the parts catalogue that ``import parts`` filled; a price typed by
hand (``PN:QTY:PRICE``) overrides it; ``NAME:QTY:PRICE`` for a part not in the catalogue still
works; an unknown ``PN:QTY`` exits 2 naming the field and the format. The charge line and the
printed sheet show the part's name (and number)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import ChargeLine
from tests.conftest import CliRun

N = "SH2611-0001"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def lines(cli: CliRun) -> list[tuple[str, str, str, str]]:
    view = json.loads(ok(cli("ticket", "show", N, "--format", "json")))
    return [
        (line["description"], line["quantity"], line["unit_price"], line["amount"])
        for line in view["charge_lines"]
        if line["kind"] == "part"
    ]


@pytest.fixture
def _cc_office(cli: CliRun, tmp_path: Path) -> CliRun:
    """The parts catalogue (KS-F020 排气阀片 120.00, cost 60.00; KS-V100 排气阀 1500.00, cost
    600.00; KS-NP with no price), 10 of each in stock; customer 甲 with S-OLD (out of warranty)
    and S-NEW (in warranty); ticket SH2611-0001 on S-OLD."""
    catalogue = tmp_path / "配件目录.csv"
    catalogue.write_text(
        "配件编号,配件名称,单位,成本价,单价\n"
        "KS-F020,排气阀片,件,60,120\n"
        "KS-V100,排气阀,件,600,1500\n"
        "KS-NP,无价件,件,,\n",
        encoding="utf-8",
    )
    ok(cli("import", "parts", str(catalogue)))
    for number in ("KS-F020", "KS-V100", "KS-NP"):  # issue 12: charged parts leave stock
        ok(cli("part", "receive", number, "10"))
    ok(cli("customer", "add", "甲"))
    ok(cli("device", "add", "--customer", "甲", "--model", "M", "--serial", "S-OLD",
           "--accepted", "2020-01-01"))  # fmt: skip
    ok(cli("device", "add", "--customer", "甲", "--model", "M", "--serial", "S-NEW",
           "--accepted", "2026-03-01"))  # fmt: skip
    ok(cli("ticket", "new", "--device", "S-OLD", "--severity", "3", "--symptom", "x"))
    return cli


def test_part_number_and_quantity_take_name_and_price_from_the_catalogue(
    _cc_office: CliRun,
) -> None:
    out = ok(_cc_office("ticket", "charge", N, "--part", "KS-F020:2"))
    assert out.startswith(f"{N}: parts 240.00 + labour 0.00 + travel 0.00 = 240.00 CNY")
    assert lines(_cc_office) == [("排气阀片 (KS-F020)", "2", "120.00", "240.00")]


def test_typed_price_overrides_the_catalogue_price(_cc_office: CliRun) -> None:
    ok(_cc_office("ticket", "charge", N, "--part", "KS-F020:1:100"))
    assert lines(_cc_office) == [("排气阀片 (KS-F020)", "1", "100.00", "100.00")]


def test_part_not_in_the_catalogue_with_a_price_still_works(_cc_office: CliRun) -> None:
    ok(_cc_office("ticket", "charge", N, "--part", "阀片:1:30", "--part", "KS-F020:1"))
    assert lines(_cc_office) == [
        ("阀片", "1", "30.00", "30.00"),
        ("排气阀片 (KS-F020)", "1", "120.00", "120.00"),
    ]


def test_part_number_is_matched_regardless_of_case(_cc_office: CliRun) -> None:
    ok(_cc_office("ticket", "charge", N, "--part", "ks-f020:3"))
    assert lines(_cc_office) == [("排气阀片 (KS-F020)", "3", "120.00", "360.00")]


def test_unknown_part_number_exits_2_naming_the_field_and_the_format(
    _cc_office: CliRun, db_url: str
) -> None:
    ok(_cc_office("ticket", "charge", N, "--part", "KS-F020:1"))
    bad = _cc_office("ticket", "charge", N, "--part", "KS-XX:1", "--labor-hours", "2")
    assert bad.exit_code == 2
    assert bad.stdout == ""
    assert bad.stderr == (
        "error: part 'KS-XX' is not in the parts catalogue — give a part number "
        "(`shouhou export part`) as PART_NUMBER:QTY, or NAME:QTY:UNIT_PRICE\n"
    )
    zh = _cc_office("--lang", "zh", "ticket", "charge", N, "--part", "KS-XX:1")
    assert zh.stderr.startswith("错误：配件目录中没有配件 'KS-XX' — ")
    with db.session(db_url) as s:  # the bill is as it was
        kept = s.exec(select(ChargeLine.description, ChargeLine.kind)).all()
    assert kept == [("排气阀片 (KS-F020)", "part")]


def test_catalogued_part_without_a_price_needs_a_typed_price(_cc_office: CliRun) -> None:
    bad = _cc_office("ticket", "charge", N, "--part", "KS-NP:1")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "error: part KS-NP has no price in the parts catalogue — give it as KS-NP:QTY:UNIT_PRICE\n"
    )
    ok(_cc_office("ticket", "charge", N, "--part", "KS-NP:1:5"))
    assert lines(_cc_office) == [("无价件 (KS-NP)", "1", "5.00", "5.00")]


def test_sheet_prints_the_part_name(_cc_office: CliRun) -> None:
    ok(_cc_office("ticket", "charge", N, "--part", "KS-F020:2"))
    sheet = ok(_cc_office("ticket", "sheet", N, "--format", "txt"))
    part_line = next(line for line in sheet.splitlines() if "240.00" in line and "part" in line)
    assert part_line.endswith("排气阀片 (KS-F020)")


def test_warranty_cost_counts_catalogued_parts_at_their_cost(_cc_office: CliRun) -> None:
    """DOMAIN §1 (seed 003): a free 三包 repair is judged on its cost to the firm — the part
    named from the catalogue is still found there (2 × 600.00 cost, not 2 × 1500.00)."""
    cli = _cc_office
    ok(cli("ticket", "new", "--device", "S-NEW", "--severity", "3", "--symptom", "y"))
    n = "SH2611-0002"
    ok(cli("ticket", "diagnose", n, "--cause", "quality", "--finding", "阀断"))
    # 2 × 600.00 would also need a parts approver (parts.approval_threshold): not this test's
    ok(cli("config", "set", "parts.approval_threshold", "5000"))
    charged = cli("ticket", "charge", n, "--part", "KS-V100:2")
    assert charged.exit_code == 0
    assert charged.stderr == (
        f"note: {n} needs approval before it can be resolved (cost to the firm 1200.00 > 1000.00)\n"
    )
    ok(cli("ticket", "charge", n, "--part", "KS-V100:1"))
    assert cli("ticket", "resolve", n, "--action", "换阀").exit_code == 0  # 600.00: no approval
