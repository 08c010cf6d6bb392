"""Audit scenarios for the callback rules 回访 (issue 11 item 4; DOMAIN §3 Visits): each one
drives the CLI as the department would over days and checks due times computed by hand.

DOMAIN §3: "Callback rules: 2 h after advice given by phone; 3 h after a fix the engineer was
not sure of; within 1 week after a major in-warranty repair; within 10 days of delivering a
new product; key customers at least twice a year." Defaults: ``callback.phone_advice`` 2h,
``callback.uncertain_fix`` 3h, ``callback.major_repair`` 7d, ``callback.new_device`` 10d (to the
end of the day), ``callback.key_customer`` 2 (Jan–Jun, Jul–Dec). Clock time throughout — a
callback after 17:30 is still due at its hour.

The office: 天控 (#1) with KS-IN (accepted 2026-01-01, in warranty). Mon 2026-11-23,
Asia/Shanghai. 小刘 is the clerk, 王工 the engineer.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, Ticket
from tests.conftest import CliRun

N = "SH2611-0001"


def run(cli: CliRun, when: str, who: str, *args: str) -> Any:
    """``shouhou --as WHO …`` with the clock at ``when`` (Shanghai)."""
    return cli("--as", who, *args, env={"SHOUHOU_NOW": when})


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def due_list(cli: CliRun, when: str, days: int = 0) -> list[dict[str, Any]]:
    """``visit due --days N --format json`` at ``when`` (materialises what the rules call for)."""
    out = ok(run(cli, when, "小刘", "visit", "due", "--days", str(days), "--format", "json"))
    return [
        {k: v[k] for k in ("number", "origin", "due_at", "overdue", "customer_id", "ticket")}
        for v in json.loads(out)
    ]


def ticket_row(db_url: str, number: str = N) -> Ticket:
    with db.session(db_url) as s:
        found = s.exec(select(Ticket).where(Ticket.number == number)).one()
        s.expunge(found)
        return found


@pytest.fixture
def _cba_office(cli: CliRun) -> CliRun:
    ok(run(cli, "2026-11-01 09:00", "小刘", "customer", "add", "天津天控科技有限公司"))
    ok(
        run(
            cli, "2026-11-01 09:00", "小刘", "device", "add", "--customer", "1", "--model",
            "KS-200", "--serial", "KS-IN", "--accepted", "2026-01-01",
        )
    )  # fmt: skip
    return cli


def take_call(cli: CliRun, when: str, severity: str, mode: str) -> None:
    """小刘 takes the call at ``when``, gives it to 王工, who picks the mode and answers."""
    ok(
        run(
            cli, when, "小刘", "ticket", "new", "--customer", "1", "--device", "KS-IN",
            "--severity", severity, "--symptom", "排气温度高",
        )
    )  # fmt: skip
    ok(run(cli, when, "小刘", "ticket", "assign", N, "王工"))
    ok(run(cli, when, "王工", "ticket", "mode", N, mode))
    ok(run(cli, when, "王工", "ticket", "respond", N))


def test_1_a_critical_fault_fixed_by_phone_with_an_unsure_engineer(
    _cba_office: CliRun, db_url: str
) -> None:
    """Critical (major repair: within 7 days → Mon 11-30 10:15), advice by phone (2 h → 12:15),
    the engineer unsure (3 h → 13:15), resolved Mon 10:15. One callback: the earliest, 12:15 —
    one call by then meets all three deadlines. The trail names the other two."""
    cli = _cba_office
    take_call(cli, "2026-11-23 09:40", "1", "phone")
    out = ok(
        run(
            cli, "2026-11-23 10:15", "王工", "ticket", "resolve", N, "--action", "电话指导复位",
            "--uncertain",
        )
    )  # fmt: skip
    assert out == (
        f"{N}: resolved\nCallback VS2611-0001 due by 2026-11-23 12:15 (after phone advice)\n"
    )
    assert due_list(cli, "2026-11-23 10:20") == [
        {
            "number": "VS2611-0001",
            "origin": "phone-advice",
            "due_at": "2026-11-23T04:15:00+00:00",
            "overdue": False,
            "customer_id": 1,
            "ticket": N,
        }
    ]
    with db.session(db_url) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "callback_rules")).one()
        assert json.loads(entry.changes or "{}") == {
            "also": [
                "uncertain-fix 2026-11-23T05:15:00+00:00",  # 13:15 Shanghai
                "major-repair 2026-11-30T02:15:00+00:00",  # Mon 11-30 10:15 Shanghai
            ]
        }
    # 12:30: the callback was due at 12:15 — overdue.
    assert due_list(cli, "2026-11-23 12:30")[0]["overdue"] is True


def test_2_the_callback_finds_it_back_the_ticket_reopens_and_is_fixed_again(
    _cba_office: CliRun, db_url: str
) -> None:
    """Minor fault, phone advice, resolved 09:30 → callback due 11:30. At 11:00 the customer
    says the alarm is back: the ticket reopens. 王工 goes on site and fixes it at 16:40, not
    sure → a new callback due 19:40 (3 h, clock time; the ticket's second resolution). Tue
    09:00 the customer confirms: ok; the ticket can be closed."""
    cli = _cba_office
    take_call(cli, "2026-11-23 09:00", "3", "phone")
    first = ok(run(cli, "2026-11-23 09:30", "王工", "ticket", "resolve", N, "--action", "电话指导"))
    assert first.endswith("Callback VS2611-0001 due by 2026-11-23 11:30 (after phone advice)\n")
    back = run(
        cli, "2026-11-23 11:00", "王工", "visit", "done", "VS2611-0001", "--work", "电话回访",
        "--result", "problem", "--note", "报警又出现",
    )  # fmt: skip
    assert "SH2611-0001" in ok(back)
    assert (ticket_row(db_url).status, ticket_row(db_url).resolved_at) == ("in_progress", None)

    ok(run(cli, "2026-11-23 11:05", "王工", "ticket", "mode", N, "onsite"))
    ok(run(cli, "2026-11-23 14:00", "王工", "ticket", "arrive", N))
    second = ok(
        run(
            cli, "2026-11-23 16:40", "王工", "ticket", "resolve", N, "--action", "更换温控器",
            "--uncertain",
        )
    )  # fmt: skip
    assert second == (
        f"{N}: resolved\nCallback VS2611-0002 due by 2026-11-23 19:40 (after an uncertain fix)\n"
    )
    shown = json.loads(ok(run(cli, "2026-11-23 16:41", "小刘", "visit", "show", "VS2611-0002",
                              "--format", "json")))  # fmt: skip
    assert (shown["engineer"], shown["ticket"], shown["status"]) == ("王工", N, "due")

    ok(
        run(
            cli, "2026-11-24 09:00", "王工", "visit", "done", "VS2611-0002", "--work", "电话回访",
            "--result", "ok",
        )
    )  # fmt: skip
    assert ticket_row(db_url).status == "resolved"
    assert ok(run(cli, "2026-11-24 09:05", "小刘", "ticket", "close", N)) == f"{N}: closed\n"
    assert due_list(cli, "2026-11-24 09:10", days=30) == []


def test_3_new_devices_get_a_callback_while_their_window_is_open(_cba_office: CliRun) -> None:
    """Mon 11-23: KS-N1 accepted 11-13 → due by the end of 11-23 (today, still open);
    KS-N2 accepted 11-12 → was due 11-22: entered late, it gets none; KS-N3 accepted 11-23 →
    due 12-03 23:59. The list of what is due today has only KS-N1's."""
    cli = _cba_office
    lines = []
    for serial, accepted in (
        ("KS-N1", "2026-11-13"),
        ("KS-N2", "2026-11-12"),
        ("KS-N3", "2026-11-23"),
    ):
        lines.append(
            ok(
                run(
                    cli, "2026-11-23 10:00", "小刘", "device", "add", "--customer", "1",
                    "--model", "KS-300", "--serial", serial, "--accepted", accepted,
                )
            )
        )  # fmt: skip
    assert lines[0].endswith("Callback VS2611-0001 due by 2026-11-23 23:59 (new device accepted)\n")
    assert "Callback" not in lines[1]
    assert lines[2].endswith("Callback VS2611-0002 due by 2026-12-03 23:59 (new device accepted)\n")
    today = due_list(cli, "2026-11-23 10:05")
    assert [(v["number"], v["due_at"]) for v in today] == [
        ("VS2611-0001", "2026-11-23T15:59:00+00:00")
    ]


def test_4_key_customers_twice_a_year(_cba_office: CliRun) -> None:
    """甲 and 乙 are key customers, 天控 not. On 11-23 (second half year) each key customer
    gets one callback due 12-31 23:59; asking again makes none. 甲's is done 12-01. On
    2027-01-04 (first half of 2027) both get one due 2027-06-30 23:59; 乙's of 2026 is now
    overdue. Set to 0, the rule makes nothing more."""
    cli = _cba_office
    for name in ("甲钢厂", "乙电厂"):
        ok(run(cli, "2026-11-20 09:00", "小刘", "customer", "add", name, "--key"))
    h2 = due_list(cli, "2026-11-23 08:00", days=40)
    assert [(v["number"], v["customer_id"], v["origin"], v["due_at"]) for v in h2] == [
        ("VS2611-0001", 2, "key-customer", "2026-12-31T15:59:00+00:00"),
        ("VS2611-0002", 3, "key-customer", "2026-12-31T15:59:00+00:00"),
    ]
    assert due_list(cli, "2026-11-30 08:00", days=40) == h2
    ok(
        run(
            cli, "2026-12-01 10:00", "王工", "visit", "done", "VS2611-0001", "--work", "电话回访",
            "--result", "ok",
        )
    )  # fmt: skip
    h1 = due_list(cli, "2027-01-04 08:00", days=200)
    assert [(v["number"], v["customer_id"], v["due_at"], v["overdue"]) for v in h1] == [
        ("VS2611-0002", 3, "2026-12-31T15:59:00+00:00", True),
        ("VS2701-0001", 2, "2027-06-30T15:59:00+00:00", False),
        ("VS2701-0002", 3, "2027-06-30T15:59:00+00:00", False),
    ]
    ok(run(cli, "2027-01-04 08:05", "admin", "config", "set", "callback.key_customer", "0"))
    assert len(due_list(cli, "2027-07-02 08:00", days=200)) == 3
