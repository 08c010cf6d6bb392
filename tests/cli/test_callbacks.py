"""Callback rules through the CLI (DOMAIN §3, issue 11 item 4): ``ticket resolve`` (and
``--uncertain``) names the callback it created and when it is due; ``device add|edit
--accepted`` and ``import devices`` create the new-device callback while its window is open;
``config set callback.*`` turns rules off; ``visit done --result problem`` reopens the ticket.

The clock is pinned at Mon 2026-11-23 10:00 Asia/Shanghai. 天控 (#1) has KS-IN, accepted
2026-01-01 (in warranty).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import Ticket, Visit
from tests.conftest import CliRun

N = "SH2611-0001"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def visits(db_url: str) -> list[Visit]:
    with db.session(db_url) as s:
        rows = list(s.exec(select(Visit).order_by(Visit.id)))  # type: ignore[arg-type]
        for row in rows:
            s.expunge(row)
        return rows


@pytest.fixture
def _cbc_office(cli: CliRun) -> CliRun:
    ok(cli("customer", "add", "天津天控科技有限公司", "--phone", "022-12345678"))
    ok(
        cli(
            "device", "add", "--customer", "1", "--model", "KS-200", "--serial", "KS-IN",
            "--accepted", "2026-01-01",
        )
    )  # fmt: skip
    return cli


def ticket(cli: CliRun, severity: str = "3", mode: str = "onsite") -> None:
    """Received Mon 09:00, assigned to 王工, mode set, answered: ready to be resolved."""
    ok(
        cli(
            "ticket", "new", "--customer", "1", "--device", "KS-IN", "--severity", severity,
            "--symptom", "排气温度高", "--at", "2026-11-23 09:00",
        )
    )  # fmt: skip
    early = {"SHOUHOU_NOW": "2026-11-23 09:05"}  # events in order (issue 15.5)
    ok(cli("ticket", "assign", N, "王工", env=early))
    ok(cli("ticket", "mode", N, mode, env=early))
    ok(cli("ticket", "respond", N, "--at", "2026-11-23 09:10"))


def test_resolve_uncertain_prints_the_callback_due_3_h_later(
    _cbc_office: CliRun, db_url: str
) -> None:
    """DOMAIN §3 "3 h after a fix the engineer was not sure of": resolved Mon 10:00 (now) →
    callback due Mon 13:00, for 王工, not booked."""
    cli = _cbc_office
    ticket(cli)
    out = ok(cli("--as", "王工", "ticket", "resolve", N, "--action", "更换阀片", "--uncertain"))
    assert out == (
        f"{N}: resolved\nCallback VS2611-0001 due by 2026-11-23 13:00 (after an uncertain fix)\n"
    )
    [visit] = visits(db_url)
    assert (visit.kind, visit.status, visit.origin, visit.engineer) == (
        "callback",
        "due",
        "uncertain-fix",
        "王工",
    )


def test_resolve_by_phone_advice_in_chinese(_cbc_office: CliRun) -> None:
    """DOMAIN §3 "2 h after advice given by phone": mode phone 电话, resolved at 09:40 (--at)
    → due 11:40."""
    cli = _cbc_office
    ticket(cli, mode="phone")
    out = ok(
        cli(
            "--lang", "zh", "ticket", "resolve", N, "--action", "电话指导复位", "--at",
            "2026-11-23 09:40",
        )
    )  # fmt: skip
    assert out.splitlines()[1] == (
        "已生成待安排回访 VS2611-0001，应于 2026-11-23 11:40 前完成（电话指导后回访）"
    )


def test_resolve_major_repair_and_a_sure_minor_fix(_cbc_office: CliRun, db_url: str) -> None:
    """Severity 2 is a major repair (issue 11): "within 1 week" → resolved Mon 10:00, due Mon
    2026-11-30 10:00. A sure fix of a minor ticket on site: no callback line."""
    cli = _cbc_office
    ticket(cli, severity="2")
    assert ok(cli("ticket", "resolve", N, "--action", "换电机")) == (
        f"{N}: resolved\nCallback VS2611-0001 due by 2026-11-30 10:00 (after a major repair)\n"
    )
    ok(
        cli(
            "ticket", "new", "--customer", "1", "--device", "KS-IN", "--severity", "3",
            "--symptom", "异响", "--at", "2026-11-23 09:30",
        )
    )  # fmt: skip
    ok(cli("ticket", "respond", "SH2611-0002"))
    assert ok(cli("ticket", "resolve", "SH2611-0002", "--action", "紧固")) == (
        "SH2611-0002: resolved\n"
    )
    assert len(visits(db_url)) == 1


def test_rule_turned_off_with_config(_cbc_office: CliRun, db_url: str) -> None:
    """``config set callback.uncertain_fix 0`` stores 0m (off): an unsure minor fix then makes
    no callback."""
    cli = _cbc_office
    assert ok(cli("config", "set", "callback.uncertain_fix", "0")).strip().endswith("0m")
    ticket(cli)
    assert ok(cli("ticket", "resolve", N, "--action", "a", "--uncertain")) == f"{N}: resolved\n"
    assert visits(db_url) == []


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        (
            "callback.new_device",
            "1wd",
            "error: setting callback.new_device cannot be '1wd' — use a time in clock hours or "
            "days such as 2h, 3h, 7d or 10d (m, h, d; not working days), or 0 to turn this "
            "callback rule off\n",
        ),
        (
            "callback.key_customer",
            "13",
            "error: setting callback.key_customer cannot be '13' — use how many times a year, "
            "a whole number from 0 to 12 (0 turns these callbacks off)\n",
        ),
    ],
)
def test_bad_callback_settings_are_refused(cli: CliRun, key: str, value: str, says: str) -> None:
    result = cli("config", "set", key, value)
    assert result.exit_code == 2
    assert result.stderr == says


def test_config_show_lists_the_callback_settings(cli: CliRun) -> None:
    shown = json.loads(ok(cli("config", "show", "--format", "json")))
    values = {row["key"]: row["value"] for row in shown}
    assert {k: v for k, v in values.items() if k.startswith("callback.")} == {
        "callback.phone_advice": "2h",
        "callback.uncertain_fix": "3h",
        "callback.major_repair": "7d",
        "callback.new_device": "10d",
        "callback.key_customer": "2",
    }


def test_device_add_with_a_recent_acceptance_prints_its_callback(
    _cbc_office: CliRun, db_url: str
) -> None:
    """DOMAIN §3 "within 10 days of delivering a new product": accepted Fri 2026-11-20 → due by
    the end of Mon 2026-11-30. KS-IN (accepted 2026-01-01) got none when it was added."""
    cli = _cbc_office
    out = ok(
        cli(
            "device", "add", "--customer", "1", "--model", "KS-300", "--serial", "KS-NEW",
            "--accepted", "2026-11-20",
        )
    )  # fmt: skip
    assert out.splitlines()[-1] == (
        "Callback VS2611-0001 due by 2026-11-30 23:59 (new device accepted)"
    )
    [visit] = visits(db_url)
    assert (visit.device_id, visit.customer_id, visit.origin) == (2, 1, "new-device")


def test_device_edit_accepted_creates_the_callback_once(_cbc_office: CliRun, db_url: str) -> None:
    """A device entered without acceptance, accepted 2026-11-16 (due 11-26 23:59) set with
    ``device edit --accepted``; set again: no second callback, no second line."""
    cli = _cbc_office
    ok(cli("device", "add", "--customer", "1", "--model", "KS-300", "--serial", "KS-NEW"))
    assert visits(db_url) == []
    out = ok(cli("device", "edit", "KS-NEW", "--accepted", "2026-11-16"))
    assert out.splitlines()[-1] == (
        "Callback VS2611-0001 due by 2026-11-26 23:59 (new device accepted)"
    )
    again = ok(cli("device", "edit", "KS-NEW", "--accepted", "2026-11-16"))
    assert "Callback" not in again
    assert len(visits(db_url)) == 1
    shown = json.loads(ok(cli("device", "show", "KS-NEW", "--format", "json")))
    assert shown["accepted_on"] == "2026-11-16"


def test_import_devices_does_not_flood_with_history(
    _cbc_office: CliRun, db_url: str, tmp_path: Path
) -> None:
    """Of 3 imported devices only the one accepted 2026-11-19 (due 11-29) is still in its
    window; 2025-12-01 and 2026-11-01 (due 11-11) are history."""
    sheet = tmp_path / "设备.csv"
    sheet.write_text(
        "出厂编号,型号,客户名称,验收日期\n"
        "A1,KS-200,天津天控科技有限公司,2025-12-01\n"
        "A2,KS-200,天津天控科技有限公司,2026-11-19\n"
        "A3,KS-200,天津天控科技有限公司,2026-11-01\n",
        encoding="utf-8",
    )
    ok(_cbc_office("import", "devices", str(sheet)))
    [visit] = visits(db_url)
    assert visit.origin == "new-device"
    assert visit.due_at is not None
    assert visit.due_at.isoformat() == "2026-11-29T15:59:00+00:00"  # 23:59 Shanghai


def test_visit_done_problem_reopens_the_ticket(_cbc_office: CliRun, db_url: str) -> None:
    """The phone-advice callback done by phone at 10:00 finds the alarm back: the ticket is
    reopened (issue 11)."""
    cli = _cbc_office
    ticket(cli, mode="phone")
    ok(cli("ticket", "resolve", N, "--action", "电话指导", "--at", "2026-11-23 09:30"))
    result = cli(
        "--as", "王工", "visit", "done", "VS2611-0001", "--work", "电话回访",
        "--result", "problem", "--note", "报警又出现",
    )  # fmt: skip
    assert "SH2611-0001" in ok(result)
    with db.session(db_url) as s:
        row = s.exec(select(Ticket).where(Ticket.number == N)).one()
        assert (row.status, row.resolved_at) == ("in_progress", None)
    [visit] = visits(db_url)
    assert (visit.status, visit.outcome) == ("done", "problem")


def test_visit_done_problem_needs_a_note(_cbc_office: CliRun, db_url: str) -> None:
    cli = _cbc_office
    ticket(cli, mode="phone")
    ok(cli("ticket", "resolve", N, "--action", "电话指导", "--at", "2026-11-23 09:30"))
    result = cli("visit", "done", "VS2611-0001", "--work", "电话回访", "--result", "problem")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: callback VS2611-0001 found the problem back but does not say what was found — "
        "give --note TEXT\n"
    )
    [visit] = visits(db_url)
    assert (visit.status, visit.outcome) == ("due", None)
