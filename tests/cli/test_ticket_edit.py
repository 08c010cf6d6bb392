"""``shouhou ticket edit`` (issue 10.1) and the script-facing side of ``ticket new``: ``--quiet``,
severity words, a refused call that leaves nothing behind. CliRunner, no terminal."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, Customer, Device, Ticket
from tests.conftest import CliRun

TIANKONG = "天津天控科技有限公司"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def show(cli: CliRun, number: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(cli("ticket", "show", number, "--format", "json")))
    return data


def counts(db_url: str) -> dict[str, int]:
    with db.session(db_url) as s:
        return {
            model.__name__: s.exec(select(func.count()).select_from(model)).one()
            for model in (Ticket, AuditEntry, Customer, Device)
        }


@pytest.fixture
def _te_office(cli: CliRun) -> CliRun:
    """天控 (#1) with S1 (accepted 2026-03-01, motor 120 months); Beta (#2, remote) with B1
    (accepted 2020-03-01); ticket SH2611-0001 for 天控 taken without a device, minor."""
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    ok(cli("customer", "add", "Beta Ltd", "--phone", "010-1", "--zone", "remote"))
    ok(cli("device", "add", "--customer", "1", "--model", "KS", "--serial", "S1",
           "--accepted", "2026-03-01", "--component", "motor:120"))  # fmt: skip
    ok(cli("device", "add", "--customer", "2", "--model", "KB", "--serial", "B1",
           "--accepted", "2020-03-01"))  # fmt: skip
    ok(cli("ticket", "new", "--customer", "天控", "--severity", "3", "--symptom", "不制冷"))
    return cli


def test_edit_attaches_the_device_a_ticket_was_opened_without(_te_office: CliRun) -> None:
    cli = _te_office
    assert show(cli, "SH2611-0001")["device_id"] is None
    out = ok(cli("ticket", "edit", "SH2611-0001", "--device", "S1", "--component", "motor"))
    assert out.startswith("SH2611-0001: changed — component: ∅ → motor; device: ∅ → S1\n")
    assert (
        "  Warranty verdict — motor (120 months), fault date 2026-11-23: in warranty until "
        "2036-02-29 — free for a manufacturing fault\n"
    ) in out
    assert "Resolve due: 2026-11-26 10:00\n" in out  # minor: 3 working days from intake
    view = show(cli, "SH2611-0001")
    assert (view["device_id"], view["in_warranty"], view["component"]) == (1, True, "motor")
    edit = view["timeline"][-1]
    assert (edit["action"], edit["actor"]) == ("edit", "tester")
    assert edit["changes"]["device"] == [None, "S1"]
    assert edit["changes"]["in_warranty"] == [None, True]


def test_edit_severity_in_words_recomputes_the_deadlines(_te_office: CliRun) -> None:
    cli = _te_office
    out = ok(cli("ticket", "edit", "SH2611-0001", "--severity", "主要", "--format", "json"))
    data = json.loads(out)
    assert data["severity"] == "2"
    assert data["changes"]["severity"] == ["3", "2"]
    assert data["reply_due_at"] == "2026-11-23T02:30:00+00:00"  # 30 min from intake at 10:00
    assert show(cli, "SH2611-0001")["resolve_due_at"] == "2026-11-25T08:00:00+00:00"


def test_edit_moves_customer_and_device_together(_te_office: CliRun) -> None:
    cli = _te_office
    out = ok(cli("ticket", "edit", "SH2611-0001", "--customer", "Beta", "--device", "B1"))
    assert "Customer: Beta Ltd (#2)\nDevice: B1\n" in out
    assert "warranty ended 2022-02-28 — chargeable\n" in out
    view = show(cli, "SH2611-0001")
    assert (view["customer_id"], view["device_id"], view["in_warranty"]) == (2, 2, False)


def test_edit_in_chinese(_te_office: CliRun) -> None:
    out = ok(
        _te_office(
            "--lang", "zh", "ticket", "edit", "SH2611-0001", "--device", "S1", "--symptom", "异响"
        )
    )
    assert out.startswith(
        "SH2611-0001：已修改 — symptom: 不制冷 → 异响; component: ∅ → unit; device: ∅ → S1\n"
    )
    assert "保修判定 — 整机（24 个月），故障日期 2026-11-23：保修期至 2028-02-29" in out


def test_edit_refusals_change_nothing(_te_office: CliRun, db_url: str) -> None:
    cli = _te_office
    before = counts(db_url)
    other = cli("ticket", "edit", "SH2611-0001", "--device", "B1")
    assert other.exit_code == 1
    assert other.stderr == (
        f"error: device B1 belongs to another customer than {TIANKONG} — check --device / "
        "--customer\n"
    )
    nothing = cli("ticket", "edit", "SH2611-0001")
    assert nothing.exit_code == 2
    assert nothing.stderr.startswith("error: nothing to change — give at least one of --device,")
    word = cli("ticket", "edit", "SH2611-0001", "--severity", "urgent")
    assert word.exit_code == 2
    assert "'urgent' is not allowed — accepted: 1|2|3|critical|major|minor" in word.stderr
    late = cli("ticket", "edit", "SH2611-0001", "--fault-date", "2026-11-24")
    assert late.exit_code == 2 and "is after the request came in" in late.stderr
    missing = cli("ticket", "edit", "SH2611-0001", "--device", "S9")
    assert missing.exit_code == 1
    assert missing.stderr == "error: no device 'S9' — give a device id or serial number\n"
    unknown = cli("ticket", "edit", "SH2611-0099", "--symptom", "x")
    assert unknown.exit_code == 1 and "no ticket 'SH2611-0099'" in unknown.stderr
    assert counts(db_url) == before


def test_a_cancelled_ticket_is_not_edited(_te_office: CliRun, db_url: str) -> None:
    cli = _te_office
    ok(cli("ticket", "cancel", "SH2611-0001", "--reason", "误报"))
    before = counts(db_url)
    refused = cli("ticket", "edit", "SH2611-0001", "--device", "S1")
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "error: ticket SH2611-0001 is cancelled — a closed or cancelled ticket is not edited"
    )
    zh = cli("--lang", "zh", "ticket", "edit", "SH2611-0001", "--device", "S1")
    assert zh.stderr.startswith("错误：工单 SH2611-0001 已是已取消状态")
    assert counts(db_url) == before


def test_the_same_values_change_nothing(_te_office: CliRun, db_url: str) -> None:
    before = counts(db_url)
    out = ok(_te_office("ticket", "edit", "SH2611-0001", "--severity", "minor"))
    assert out == "SH2611-0001: nothing changed\n"
    assert counts(db_url) == before


# -- ticket new, for scripts ------------------------------------------------------------------


def test_new_quiet_prints_only_the_number(_te_office: CliRun) -> None:
    result = _te_office(
        "ticket", "new", "--device", "S1", "--severity", "major", "--symptom", "x", "--quiet"
    )
    assert (result.exit_code, result.stdout) == (0, "SH2611-0002\n")
    assert show(_te_office, "SH2611-0002")["severity"] == "2"


@pytest.mark.parametrize(("word", "value"), [("1", "1"), ("critical", "1"), ("次要", "3")])
def test_new_takes_the_severity_in_either_language(
    _te_office: CliRun, word: str, value: str
) -> None:
    args = ("ticket", "new", "--customer", "Beta", "--severity", word, "--symptom", "x", "-q")
    ok(_te_office(*args))
    assert show(_te_office, "SH2611-0002")["severity"] == value


def test_a_refused_call_leaves_no_customer_file(_te_office: CliRun, db_url: str) -> None:
    before = counts(db_url)
    refused = _te_office(
        "ticket", "new", "--customer", "新华机械厂", "--create-customer", "--severity", "2",
        "--symptom", "x", "--fault-date", "2026-11-24",
    )  # fmt: skip
    assert refused.exit_code == 2
    assert "is after the request came in" in refused.stderr
    assert counts(db_url) == before
