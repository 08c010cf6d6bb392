"""Audit scenarios for approvals with roles (issue 9 "Ticket rules"; DOMAIN §1 Warranty): each
one drives the CLI as the department would and checks figures computed by hand.

The office: 天控 (#1) with KS-IN (accepted 2026-01-01 — in warranty on 2026-11-23) and KS-OUT
(accepted 2023-01-01, 24 months — out of warranty since 2025-01-01). Labour is 150.00 an hour
(the default ``labor.rate``), the approval threshold 1000.00 (``approval.threshold``). The parts
catalogue has KS-V100 进气阀 at cost 700.00, price 1500.00. People: 小刘 clerk, 王工 and 李工
engineers, 周主管 supervisor, 李经理 and Zhao Min managers, 赵总 general manager.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, Ticket
from tests.conftest import CliRun

N = "SH2611-0001"


def run(cli: CliRun, who: str, *args: str) -> Any:
    """``shouhou --as WHO …`` at the pinned time (2026-11-23 10:00 Shanghai)."""
    return cli("--as", who, *args)


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def fails(result: Any, code: int = 1) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    return str(result.stderr)


def row(db_url: str) -> Ticket:
    with db.session(db_url) as s:
        found = s.exec(select(Ticket).where(Ticket.number == N)).one()
        s.expunge(found)
        return found


def audit_count(db_url: str) -> int:
    with db.session(db_url) as s:
        return int(s.exec(select(func.count()).select_from(AuditEntry)).one())


@pytest.fixture
def _ap_office(cli: CliRun, tmp_path: Path) -> CliRun:
    for name, role in (
        ("小刘", "clerk"),
        ("王工", "engineer"),
        ("李工", "engineer"),
        ("周主管", "supervisor"),
        ("李经理", "manager"),
        ("Zhao Min", "manager"),
        ("赵总", "general-manager"),
    ):
        ok(run(cli, "小刘", "user", "add", name, "--role", role))
    ok(run(cli, "小刘", "customer", "add", "天津天控科技有限公司", "--phone", "022-12345678"))
    for serial, accepted in (("KS-IN", "2026-01-01"), ("KS-OUT", "2023-01-01")):
        ok(
            run(
                cli,
                "小刘",
                "device",
                "add",
                "--customer",
                "1",
                "--model",
                "KS-200",
                "--serial",
                serial,
                "--accepted",
                accepted,
            )
        )
    catalogue = tmp_path / "配件目录.csv"
    catalogue.write_text("配件编号,配件名称,单位,成本价,单价\nKS-V100,进气阀,个,700,1500\n")
    ok(run(cli, "小刘", "import", "parts", str(catalogue)))
    ok(run(cli, "小刘", "part", "receive", "KS-V100", "3"))  # issue 12: charged parts leave stock
    return cli


def open_job(cli: CliRun, device: str, engineer: str = "王工", cause: str = "quality") -> None:
    """小刘 takes the call and gives it to ``engineer``, who diagnoses it."""
    ok(
        run(
            cli,
            "小刘",
            "ticket",
            "new",
            "--customer",
            "1",
            "--device",
            device,
            "--severity",
            "3",
            "--symptom",
            "排气温度高",
        )
    )
    ok(run(cli, "小刘", "ticket", "assign", N, engineer))
    ok(run(cli, engineer, "ticket", "diagnose", N, "--cause", cause, "--finding", "阀片断裂"))


def test_1_manager_approves_a_1200_estimate(_ap_office: CliRun, db_url: str) -> None:
    """Out of warranty: 2 × 400.00 parts + 2 h × 150.00 + 100.00 travel = 1200.00 > 1000.00."""
    cli = _ap_office
    open_job(cli, "KS-OUT")
    charged = run(
        cli, "王工", "ticket", "charge", N, "--part", "阀片:2:400", "--labor-hours", "2",
        "--travel", "100",
    )  # fmt: skip
    assert ok(charged) == (
        f"{N}: parts 800.00 + labour 300.00 + travel 100.00 = 1200.00 CNY; customer pays 1200.00\n"
    )
    assert charged.stderr == (
        f"note: {N} needs approval before it can be resolved (total 1200.00 > 1000.00)\n"
    )
    assert fails(run(cli, "王工", "ticket", "resolve", N, "--action", "换阀片")) == (
        f"error: ticket {N} needs approval first (total 1200.00 > 1000.00) — a manager runs "
        f"`shouhou --as NAME ticket approve {N}`\n"
    )
    assert ok(run(cli, "李经理", "ticket", "approve", N)) == (
        f"{N}: approved by 李经理 (total 1200.00 > 1000.00)\n"
    )
    assert ok(run(cli, "王工", "ticket", "resolve", N, "--action", "换阀片")) == (
        f"{N}: resolved\n"  # 1200.00 > 1000.00: a major repair, callback within 7 days
        "Callback VS2611-0001 due by 2026-11-30 10:00 (after a major repair)\n"
    )
    assert (row(db_url).approved_by, row(db_url).status) == ("李经理", "resolved")


def test_2_engineers_who_worked_on_it_are_refused(_ap_office: CliRun, db_url: str) -> None:
    """The assignee, and another engineer who entered the charges, cannot approve — nor a
    manager who entered them."""
    cli = _ap_office
    open_job(cli, "KS-OUT")
    ok(run(cli, "李工", "ticket", "charge", N, "--travel", "1500"))
    before = audit_count(db_url)
    assert fails(run(cli, "王工", "ticket", "approve", N)) == (
        f"error: 王工 is the engineer on ticket {N} and cannot approve it — another person must "
        "approve (--as NAME)\n"
    )
    assert fails(run(cli, "李工", "ticket", "approve", N)) == (
        f"error: 李工 worked on ticket {N} (entered its charges) and cannot approve it — someone "
        "who had no hand in the job must approve (--as NAME)\n"
    )
    ok(run(cli, "李经理", "ticket", "charge", N, "--travel", "1600"))
    assert fails(run(cli, "李经理", "ticket", "approve", N)) == (
        f"error: 李经理 worked on ticket {N} (entered its charges) and cannot approve it — "
        "someone who had no hand in the job must approve (--as NAME)\n"
    )
    assert audit_count(db_url) == before + 1  # only the second charge was recorded
    assert row(db_url).approved_by is None
    assert ok(run(cli, "Zhao Min", "ticket", "approve", N)) == (
        f"{N}: approved by Zhao Min (total 1600.00 > 1000.00)\n"
    )


def test_3_a_former_assignee_is_refused_after_reassignment(_ap_office: CliRun) -> None:
    """李经理 took the job himself, then handed it to 王工: he still had a hand in it."""
    cli = _ap_office
    open_job(cli, "KS-OUT", engineer="李经理")
    ok(run(cli, "小刘", "ticket", "assign", N, "王工"))
    ok(run(cli, "王工", "ticket", "charge", N, "--part", "压缩机:1:1050"))
    assert fails(run(cli, "李经理", "ticket", "approve", N)) == (
        f"error: 李经理 worked on ticket {N} (assigned to it, diagnosed it) and cannot approve it "
        "— someone who had no hand in the job must approve (--as NAME)\n"
    )
    assert ok(run(cli, "赵总", "ticket", "approve", N)) == (
        f"{N}: approved by 赵总 (total 1050.00 > 1000.00)\n"
    )


def test_4_stray_spaces_and_full_width_are_the_same_person(_ap_office: CliRun, db_url: str) -> None:
    """ "李经理 " assigned with a trailing ideographic space, Zhao Min typing his name in
    full-width letters: each is still one person."""
    cli = _ap_office
    open_job(cli, "KS-OUT")
    ok(run(cli, "小刘", "ticket", "assign", N, " 李经理\u3000"))
    assert row(db_url).assignee == "李经理"
    ok(run(cli, "小刘", "ticket", "assign", N, "王工 "))
    assert row(db_url).assignee == "王工"
    ok(run(cli, "Ｚｈａｏ　Ｍｉｎ", "ticket", "charge", N, "--travel", "2000"))
    assert fails(run(cli, "李经理 ", "ticket", "approve", N)) == (
        f"error: 李经理 worked on ticket {N} (assigned to it) and cannot approve it — someone "
        "who had no hand in the job must approve (--as NAME)\n"
    )
    assert fails(run(cli, "zhao min", "ticket", "approve", N)) == (
        f"error: Zhao Min worked on ticket {N} (entered its charges) and cannot approve it — "
        "someone who had no hand in the job must approve (--as NAME)\n"
    )
    assert fails(run(cli, "王工\u3000", "ticket", "approve", N)).startswith(
        f"error: 王工 is the engineer on ticket {N}"
    )
    shown = json.loads(ok(run(cli, "小刘", "ticket", "show", N, "--format", "json")))
    actors = [(e["actor"], e["action"]) for e in shown["timeline"]]
    assert ("Zhao Min", "charge") in actors  # the trail names the user, not the spelling
    assert ok(run(cli, "赵总", "ticket", "approve", N)) == (
        f"{N}: approved by 赵总 (total 2000.00 > 1000.00)\n"
    )


def test_5_a_supervisor_cannot_approve_above_the_threshold(_ap_office: CliRun, db_url: str) -> None:
    """1 h × 150.00 + 900.00 travel = 1050.00: a manager's approval, not a supervisor's."""
    cli = _ap_office
    open_job(cli, "KS-OUT")
    ok(run(cli, "王工", "ticket", "charge", N, "--labor-hours", "1", "--travel", "900"))
    assert fails(run(cli, "周主管", "ticket", "approve", N)) == (
        f"error: 周主管 (supervisor) cannot approve ticket {N} (total 1050.00 > 1000.00) — it "
        "needs a manager or the general manager (`shouhou user list`)\n"
    )
    zh = run(cli, "周主管", "--lang", "zh", "ticket", "approve", N)
    assert fails(zh) == (
        f"错误：周主管（主管）不能审批工单 {N}（费用合计 1050.00 > 1000.00）— 须由经理或总经理审批"
        "（`shouhou user list`）\n"
    )
    assert row(db_url).approved_by is None
    assert fails(run(cli, "王工", "ticket", "resolve", N, "--action", "a")).startswith(
        f"error: ticket {N} needs approval first (total 1050.00 > 1000.00)"
    )


def test_6_a_free_repair_out_of_warranty_needs_the_general_manager(_ap_office: CliRun) -> None:
    """Waived: 300.00 travel, customer pays 0.00. A manager may not; the general manager may."""
    cli = _ap_office
    open_job(cli, "KS-OUT")
    charged = run(cli, "王工", "ticket", "charge", N, "--travel", "300", "--waive")
    assert ok(charged) == (
        f"{N}: parts 0.00 + labour 0.00 + travel 300.00 = 300.00 CNY; customer pays 0.00\n"
    )
    assert fails(run(cli, "李经理", "ticket", "approve", N)) == (
        f"error: 李经理 (manager) cannot approve ticket {N} (free repair out of warranty) — it "
        "needs the general manager (`shouhou user list`)\n"
    )
    assert fails(run(cli, "王工", "ticket", "resolve", N, "--action", "a")) == (
        f"error: ticket {N} needs approval first (free repair out of warranty) — the general "
        f"manager runs `shouhou --as NAME ticket approve {N}`\n"
    )
    assert ok(run(cli, "赵总", "ticket", "approve", N)) == (
        f"{N}: approved by 赵总 (free repair out of warranty)\n"
    )
    ok(run(cli, "王工", "ticket", "resolve", N, "--action", "a"))


def test_7_a_warranty_repair_costing_the_firm_over_1000(_ap_office: CliRun, db_url: str) -> None:
    """In warranty, free for the customer. KS-V100 costs the firm 700.00 (its price 1500.00 is
    what a paying customer would see): 700.00 + 2 h × 150.00 = 1000.00 — not above; with
    200.00 travel 1200.00 — a manager approves before the work."""
    cli = _ap_office
    open_job(cli, "KS-IN")
    charged = run(
        cli, "王工", "ticket", "charge", N, "--part", "KS-V100:1:1500", "--labor-hours", "2"
    )
    assert ok(charged) == (
        f"{N}: parts 1500.00 + labour 300.00 + travel 0.00 = 1800.00 CNY; customer pays 0.00\n"
        f"Issued 1 个 of KS-V100 to {N}; 2 left in stock\n"
    )
    assert charged.stderr == ""  # cost to the firm 1000.00: not above the threshold
    charged = run(cli, "王工", "ticket", "charge", N, "--travel", "200")
    assert charged.stderr == (
        f"note: {N} needs approval before it can be resolved (cost to the firm 1200.00 > 1000.00)\n"
    )
    assert fails(run(cli, "王工", "ticket", "resolve", N, "--action", "换进气阀")) == (
        f"error: ticket {N} needs approval first (cost to the firm 1200.00 > 1000.00) — a "
        f"manager runs `shouhou --as NAME ticket approve {N}`\n"
    )
    assert ok(run(cli, "李经理", "ticket", "approve", N)) == (
        f"{N}: approved by 李经理 (cost to the firm 1200.00 > 1000.00)\n"
    )
    ok(run(cli, "王工", "ticket", "resolve", N, "--action", "换进气阀"))
    shown = json.loads(ok(run(cli, "小刘", "ticket", "show", N, "--format", "json")))
    assert shown["charges"]["total"] == "2000.00" and shown["charges"]["payable"] == "0.00"
    assert row(db_url).approved_by == "李经理"


def test_8_a_changed_estimate_needs_a_new_approval(_ap_office: CliRun, db_url: str) -> None:
    cli = _ap_office
    open_job(cli, "KS-OUT")
    ok(run(cli, "王工", "ticket", "charge", N, "--part", "压缩机:1:1200"))
    ok(run(cli, "李经理", "ticket", "approve", N))
    changed = run(cli, "王工", "ticket", "charge", N, "--part", "压缩机:1:1300")
    assert changed.stderr == (
        f"note: {N} needs approval before it can be resolved (total 1300.00 > 1000.00)\n"
    )
    assert row(db_url).approved_by is None
    assert fails(run(cli, "王工", "ticket", "resolve", N, "--action", "a")).startswith(
        f"error: ticket {N} needs approval first (total 1300.00 > 1000.00)"
    )
    shown = json.loads(ok(run(cli, "小刘", "ticket", "show", N, "--format", "json")))
    assert shown["timeline"][-1]["changes"] == {
        "total": ["1200.00", "1300.00"],
        "approval_cleared": "李经理",
    }
    assert ok(run(cli, "李经理", "ticket", "approve", N)) == (
        f"{N}: approved by 李经理 (total 1300.00 > 1000.00)\n"
    )
    ok(run(cli, "王工", "ticket", "resolve", N, "--action", "a"))


def test_9_respond_resolve_close_with_no_charge_out_of_warranty(
    _ap_office: CliRun, db_url: str
) -> None:
    """Phone advice out of warranty, nothing charged: a free repair out of warranty like a
    waiver — refused until the general manager approves."""
    cli = _ap_office
    ok(
        run(
            cli, "小刘", "ticket", "new", "--customer", "1", "--device", "KS-OUT", "--severity",
            "3", "--symptom", "不会操作",
        )
    )  # fmt: skip
    ok(run(cli, "王工", "ticket", "respond", N, "--note", "电话指导"))
    before = audit_count(db_url)
    assert fails(run(cli, "王工", "ticket", "resolve", N, "--action", "电话指导解决")) == (
        f"error: ticket {N} needs approval first (free repair out of warranty) — the general "
        f"manager runs `shouhou --as NAME ticket approve {N}`\n"
    )
    assert fails(run(cli, "小刘", "ticket", "close", N)).startswith(
        f"error: ticket {N} is responded and cannot become closed"
    )
    assert audit_count(db_url) == before
    assert fails(run(cli, "李经理", "ticket", "approve", N)).startswith(
        f"error: 李经理 (manager) cannot approve ticket {N} (free repair out of warranty)"
    )
    assert ok(run(cli, "赵总", "ticket", "approve", N)) == (
        f"{N}: approved by 赵总 (free repair out of warranty)\n"
    )
    assert ok(run(cli, "王工", "ticket", "resolve", N, "--action", "电话指导解决")) == (
        f"{N}: resolved\n"
    )
    assert ok(run(cli, "小刘", "ticket", "close", N)) == f"{N}: closed\n"


def test_10_no_approval_without_users_and_no_unknown_approver(cli: CliRun) -> None:
    """A fresh database works under any name, but an approval needs a user with the role; once
    there are users, a name that is none of them is refused before anything is recorded."""
    ok(run(cli, "小刘", "customer", "add", "Beta"))
    ok(
        run(
            cli, "小刘", "device", "add", "--customer", "1", "--model", "M", "--serial", "B1",
            "--accepted", "2020-01-01",
        )
    )  # fmt: skip
    ok(
        run(
            cli, "小刘", "ticket", "new", "--customer", "1", "--device", "B1", "--severity", "3",
            "--symptom", "x",
        )
    )  # fmt: skip
    ok(run(cli, "王工", "ticket", "charge", N, "--travel", "1500"))
    assert fails(run(cli, "李经理", "ticket", "approve", N)) == (
        f"error: 李经理 cannot approve ticket {N} (total 1500.00 > 1000.00) — approvals need a "
        "user with the role manager: shouhou user add NAME --role manager\n"
    )
    ok(run(cli, "小刘", "user", "add", "小刘", "--role", "clerk"))
    ok(run(cli, "小刘", "user", "add", "李经理", "--role", "manager"))
    assert fails(run(cli, "王经理", "ticket", "approve", N), code=2).startswith(
        "error: '王经理' (--as) is not a user of this database"
    )
    assert ok(run(cli, "李经理", "ticket", "approve", N)) == (
        f"{N}: approved by 李经理 (total 1500.00 > 1000.00)\n"
    )
