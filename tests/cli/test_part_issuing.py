"""``part issue|restock|cores|core-returned`` and the stock side of ``ticket charge|cancel|show|
slip`` (issue 12 items 3 and 6; CLI.md: exit 1 for stock that would go negative or an approval
missing, 2 for a bad number; a failed command changes nothing)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from shouhou import db
from shouhou.models import ChargeLine, CoreReturn, StockMove
from tests.conftest import CliRun

N = "SH2611-0001"
SH = ZoneInfo("Asia/Shanghai")


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def fails(result: Any, code: int = 1) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    return str(result.stderr)


def stock(db_url: str) -> dict[str, int]:
    from shouhou.models import Part
    from shouhou.services.parts import ledger

    with db.session(db_url) as s:
        parts = {p.id: p.number for p in s.exec(select(Part))}
        return {parts[i]: n for i, n in ledger.on_hand_many(s).items()}


def moves(db_url: str) -> list[tuple[str, str, int, str | None]]:
    with db.session(db_url) as s:
        rows = s.exec(select(StockMove).order_by(col(StockMove.id))).all()
        return [(m.kind, m.actor, m.quantity, m.approved_by) for m in rows if m.kind != "receive"]


@pytest.fixture
def shop(cli: CliRun, db_url: str) -> CliRun:
    """Parts (cost / price): KS-F020 排气阀片 60.00 / 120.00, 5 in stock; KS-V100 排气阀
    600.00 / 1500.00, 2 in stock, old part owed back; KS-C001 控制板 key part 50.00 / 80.00,
    1 in stock. Customer 甲: S-OLD out of warranty, S-NEW in it (accepted 2026-03-01).
    Ticket SH2611-0001 on S-NEW, diagnosed (quality: free), SH2611-0002 on S-OLD."""
    from tests.services.test_parts_issuing import make_part

    with db.session(db_url, write=True) as s:
        make_part(s, "KS-F020", name="排气阀片", cost=6000, price=12000, stock=5)
        make_part(s, "KS-V100", name="排气阀", cost=60000, price=150000, core=True, stock=2)
        make_part(s, "KS-C001", name="控制板", cost=5000, price=8000, key=True, stock=1)
    ok(cli("customer", "add", "甲"))
    for serial, accepted in (("S-NEW", "2026-03-01"), ("S-OLD", "2020-01-01")):
        ok(cli("device", "add", "--customer", "甲", "--model", "KS-200", "--serial", serial,
               "--accepted", accepted))  # fmt: skip
    for serial in ("S-NEW", "S-OLD"):
        ok(cli("ticket", "new", "--device", serial, "--severity", "3", "--symptom", "排气温度高"))
    ok(cli("ticket", "diagnose", N, "--cause", "quality", "--finding", "阀片断"))
    return cli


def test_issue_then_restock(shop: CliRun, db_url: str) -> None:
    """5 − 2 = 3 left; the bill has 2 × 120.00; 1 back: 4 in stock, 1 on the bill."""
    out = ok(shop("part", "issue", "KS-F020", "2", "--ticket", N))
    assert out == f"Issued 2 件 of KS-F020 to {N}; 3 left in stock\n"
    view = json.loads(ok(shop("ticket", "show", N, "--format", "json")))
    assert [(x["description"], x["quantity"], x["amount"]) for x in view["charge_lines"]] == [
        ("排气阀片 (KS-F020)", "2", "240.00")
    ]
    assert view["charges"]["payable"] == "0.00"  # in warranty, cause quality: free
    out = ok(shop("part", "restock", "KS-F020", "1", "--ticket", N))
    assert out == f"Returned 1 件 of KS-F020 from {N} to stock; 4 in stock\n"
    assert stock(db_url)["KS-F020"] == 4
    assert moves(db_url) == [("issue", "tester", -2, None), ("return", "tester", 1, None)]


def test_the_last_unit_short_exits_1_saying_how_many_are_left(shop: CliRun, db_url: str) -> None:
    ok(shop("part", "issue", "KS-V100", "1", "--ticket", N))
    err = fails(shop("part", "issue", "KS-V100", "2", "--ticket", N))
    assert err == (
        "error: only 1 件 of KS-V100 in stock, 2 wanted — receive stock first "
        "(`shouhou part receive KS-V100 QTY`) or issue fewer\n"
    )
    zh = fails(shop("--lang", "zh", "part", "issue", "KS-V100", "2", "--ticket", N))
    assert zh.startswith("错误：KS-V100 库存仅 1 件，需要 2 — ")
    assert stock(db_url)["KS-V100"] == 1
    with db.session(db_url) as s:
        assert [x.quantity for x in s.exec(select(ChargeLine))] == ["1"]  # the bill as it was


def test_bad_quantities_exit_2(shop: CliRun) -> None:
    assert "is not allowed" in fails(shop("part", "issue", "KS-F020", "0", "--ticket", N), 2)
    fails(shop("part", "issue", "KS-F020", "two", "--ticket", N), 2)
    err = fails(shop("ticket", "charge", N, "--part", "KS-F020:1.5"), 2)
    assert err == (
        "error: 1.5 件 of KS-F020 is not a whole number — stock is counted in whole units: "
        "give a whole quantity (e.g. KS-F020:2)\n"
    )


def test_unknown_part_and_restock_beyond_the_bill_exit_1(shop: CliRun) -> None:
    assert fails(shop("part", "issue", "KS-XX", "1", "--ticket", N)).startswith(
        "error: no part 'KS-XX' — "
    )
    ok(shop("part", "issue", "KS-F020", "1", "--ticket", N))
    assert fails(shop("part", "restock", "KS-F020", "3", "--ticket", N)) == (
        f"error: ticket {N} has 1 件 of KS-F020 on its bill, 3 cannot go back — return at "
        f"most 1 (`shouhou ticket show {N}`)\n"
    )


def test_ticket_charge_issues_and_a_correction_returns(shop: CliRun, db_url: str) -> None:
    out = ok(shop("ticket", "charge", N, "--part", "KS-F020:3", "--labor-hours", "1"))
    assert out == (
        f"{N}: parts 360.00 + labour 150.00 + travel 0.00 = 510.00 CNY; customer pays 0.00\n"
        f"Issued 3 件 of KS-F020 to {N}; 2 left in stock\n"
    )
    out = ok(shop("ticket", "charge", N, "--part", "KS-F020:1"))
    assert out.splitlines()[1] == f"Returned 2 件 of KS-F020 from {N} to stock; 4 in stock"
    out = ok(shop("ticket", "charge", N, "--travel", "30"))
    assert len(out.splitlines()) == 1  # no part given: the stock stays
    assert stock(db_url)["KS-F020"] == 4


def test_ticket_charge_short_changes_nothing(shop: CliRun, db_url: str) -> None:
    ok(shop("ticket", "charge", N, "--part", "KS-F020:1", "--travel", "20"))
    err = fails(shop("ticket", "charge", N, "--part", "KS-F020:9", "--travel", "90"))
    assert err.startswith("error: only 4 件 of KS-F020 in stock, 8 wanted — ")
    with db.session(db_url) as s:
        lines = s.exec(select(ChargeLine.kind, ChargeLine.quantity, ChargeLine.amount_cents))
        assert sorted(lines.all()) == [("part", "1", 12000), ("travel", "1", 2000)]
    assert stock(db_url)["KS-F020"] == 4


def test_ticket_cancel_returns_the_parts(shop: CliRun, db_url: str) -> None:
    ok(shop("ticket", "charge", N, "--part", "KS-F020:2", "--part", "KS-V100:1"))
    out = ok(shop("ticket", "cancel", N, "--reason", "误报"))
    assert out == (
        f"{N}: cancelled — remember the guidance call and the callback\n"
        f"Returned 2 件 of KS-F020 from {N} to stock; 5 in stock\n"
        f"Returned 1 件 of KS-V100 from {N} to stock; 2 in stock\n"
    )
    assert stock(db_url) == {"KS-F020": 5, "KS-V100": 2, "KS-C001": 1}
    with db.session(db_url) as s:
        assert s.exec(select(CoreReturn)).all() == []  # no old part came out


# -- approval --------------------------------------------------------------------------------


@pytest.fixture
def staffed(shop: CliRun) -> CliRun:
    for name, role in (("tester", "engineer"), ("周主管", "supervisor"), ("小刘", "clerk")):
        ok(shop("user", "add", name, "--role", role))
    return shop


def test_a_key_part_needs_an_approver(staffed: CliRun, db_url: str) -> None:
    err = fails(staffed("part", "issue", "KS-C001", "1", "--ticket", N))
    assert err == (
        f"error: issuing 1 件 of KS-C001 to ticket {N} needs an approver (value 50.00, key "
        "part) — add --approved-by NAME: a supervisor, manager or general manager who has no "
        "hand in the job\n"
    )
    zh = fails(staffed("--lang", "zh", "part", "issue", "KS-C001", "1", "--ticket", N))
    assert zh == (
        f"错误：向工单 {N} 领用 KS-C001 1 件 需要审批人（金额 50.00，关键件）— 请加 "
        "--approved-by 姓名：主管、经理或总经理，且未参与该工单\n"
    )
    assert fails(
        staffed("part", "issue", "KS-C001", "1", "--ticket", N, "--approved-by", "小刘")
    ).startswith("error: 小刘 (clerk) cannot approve parts for ticket")
    out = ok(staffed("part", "issue", "KS-C001", "1", "--ticket", N, "--approved-by", "周主管"))
    assert out == f"Issued 1 件 of KS-C001 to {N}; 0 left in stock\n  approved by 周主管\n"
    assert moves(db_url) == [("issue", "tester", -1, "周主管")]


def test_ticket_charge_takes_the_approver(staffed: CliRun, db_url: str) -> None:
    """KS-V100 × 2 at cost 600.00 = 1200.00 > 1000.00 (parts.approval_threshold)."""
    assert "needs an approver (value 1200.00, above 1000.00)" in fails(
        staffed("ticket", "charge", N, "--part", "KS-V100:2")
    )
    ok(staffed("ticket", "charge", N, "--part", "KS-V100:2", "--approved-by", "周主管"))
    assert moves(db_url) == [("issue", "tester", -2, "周主管")]
    ok(staffed("config", "set", "parts.approval_threshold", "2000"))
    ok(staffed("ticket", "charge", N, "--part", "KS-V100:1"))  # a return needs nobody


# -- old parts -------------------------------------------------------------------------------


def test_an_issued_core_is_owed_and_listed(shop: CliRun, db_url: str) -> None:
    result = shop("part", "issue", "KS-V100", "1", "--ticket", N)
    assert ok(result) == f"Issued 1 件 of KS-V100 to {N}; 1 left in stock\n"
    assert result.stderr == (
        f"note: the old KS-V100 (1 件) must go back to the factory — "
        f"`shouhou part core-returned KS-V100 --ticket {N}` when it is sent\n"
    )
    rows = json.loads(ok(shop("part", "cores", "--pending", "--format", "json")))
    assert [(r["id"], r["ticket"], r["number"], r["quantity"], r["age_days"]) for r in rows] == [
        (1, N, "KS-V100", 1, 0)
    ]
    table = ok(shop("part", "cores"))
    assert table.splitlines()[0].split()[:4] == ["ID", "Ticket", "Customer", "Part"]
    assert "排气阀" in table
    csv = ok(shop("part", "cores", "--format", "csv"))
    assert csv.splitlines()[0].startswith("id,ticket,customer,number")


def test_core_returned_by_id_and_by_part(shop: CliRun, db_url: str) -> None:
    ok(shop("config", "set", "parts.approval_threshold", "5000"))  # 2 × 600.00: no approver
    ok(shop("part", "issue", "KS-V100", "2", "--ticket", N))
    out = ok(shop("part", "core-returned", "1", "--quantity", "1", "--note", "顺丰 SF1"))
    assert out == f"Old KS-V100 (1 件) of ticket {N} returned to the factory (#2)\n"
    out = ok(shop("part", "core-returned", "KS-V100", "--ticket", N))
    assert out == f"Old KS-V100 (1 件) of ticket {N} returned to the factory (#1)\n"
    assert ok(shop("part", "cores", "--pending")) == "No old parts owed back.\n"
    assert fails(shop("part", "core-returned", "1")).startswith(
        "error: old-part return #1 (KS-V100, ticket SH2611-0001) was already marked returned "
        "by tester — "
    )
    assert fails(shop("part", "core-returned", "77")) == (
        "error: no old-part return #77 — see `shouhou part cores --pending`\n"
    )
    assert fails(shop("part", "core-returned", "abc"), 2).startswith(
        "error: abc is not an old-part return id — "
    )
    assert fails(shop("part", "core-returned", "KS-V100", "--ticket", N, "--quantity", "1"), 2)
    with db.session(db_url) as s:
        rows = s.exec(select(CoreReturn).order_by(col(CoreReturn.id))).all()
        assert [(r.quantity, r.returned_by, r.note) for r in rows] == [
            (1, "tester", None),
            (1, "tester", "顺丰 SF1"),
        ]


def test_ticket_show_flags_the_blocked_warranty_claim(shop: CliRun) -> None:
    ok(shop("part", "issue", "KS-V100", "1", "--ticket", N))
    ok(shop("part", "issue", "KS-V100", "1", "--ticket", "SH2611-0002"))
    shown = ok(shop("ticket", "show", N))
    assert "warranty claim blocked: old part KS-V100 ×1 not returned" in shown
    assert "== Old parts owed back ==" in shown
    zh = ok(shop("--lang", "zh", "ticket", "show", N))
    assert "保修索赔受阻：旧件 KS-V100 ×1 未返还" in zh
    paid = ok(shop("ticket", "show", "SH2611-0002"))  # out of warranty: owed, no claim
    assert "old part not returned: KS-V100 ×1" in paid and "claim blocked" not in paid
    view = json.loads(ok(shop("ticket", "show", N, "--format", "json")))
    assert (view["claim_blocked"], view["old_parts_pending"]) == (True, ["KS-V100 ×1"])
    ok(shop("part", "core-returned", "KS-V100", "--ticket", N))
    shown = ok(shop("ticket", "show", N))
    assert "not returned" not in shown and "== Old parts owed back ==" in shown
    view = json.loads(ok(shop("ticket", "show", N, "--format", "json")))
    assert view["claim_blocked"] is False
    assert [p["returned_by"] for p in view["old_parts"]] == ["tester"]


def test_a_ticket_without_old_parts_shows_no_section(shop: CliRun) -> None:
    shown = ok(shop("ticket", "show", N))
    assert "Old parts" not in shown


def test_the_return_slip_prints_the_old_parts(shop: CliRun) -> None:
    ok(shop("part", "issue", "KS-V100", "1", "--ticket", N))
    ok(shop("ticket", "return", N, "--kind", "return", "--reason", "r", "--condition", "c",
            "--opinion", "o"))  # fmt: skip
    slip = ok(shop("ticket", "slip", N, "--format", "txt"))
    assert "[ Old parts returned to the factory ]" in slip
    assert "KS-V100  排气阀  1 件" in slip and "NOT RETURNED" in slip
    ok(shop("part", "core-returned", "1"))
    slip = ok(shop("--lang", "zh", "ticket", "slip", N, "--format", "txt"))
    assert "未返还" not in slip and "(tester)" in slip


def test_when_is_local(shop: CliRun) -> None:
    """Issued at the pinned clock, 2026-11-23 10:00 Shanghai: the table shows it so."""
    ok(shop("part", "issue", "KS-V100", "1", "--ticket", N))
    rows = json.loads(ok(shop("part", "cores", "--format", "json")))
    issued = datetime.fromisoformat(rows[0]["issued_at"]).astimezone(SH)
    assert issued == datetime(2026, 11, 23, 10, 0, tzinfo=SH)
    assert "2026-11-23 10:00" in ok(shop("part", "cores"))
