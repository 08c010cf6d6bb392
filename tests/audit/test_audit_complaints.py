"""Audit scenarios for complaints 投诉 (issue 13 items 1–2, DOMAIN §5): each drives the CLI as
the department would over days and checks the deadlines computed by hand.

DOMAIN §5: "answer within 24 h; give the handling opinion within 2 working days;
investigation of a serious/major case is reported up the same day … investigate → cause →
solution agreed with the customer → corrective and preventive action → customer confirms →
close. Repeated complaints on the same issue must be analysed together." Defaults:
``complaint.answer`` 24h (clock hours, the 24×7 clock), ``complaint.opinion`` 2wd (the working
calendar: 2 × 9 h, 08:30–17:30), ``complaint.recurrence_days`` 90.

The office: 天津天控 (#1) with KS-001, 北方机械 (#2) with N-1; 小刘 and 小赵 clerks, 李经理 the
manager. Asia/Shanghai; the official 2026 schedule — National Day Thu 10-01 … Wed 10-07 off
(the weekend 10-03/04 inside it), Sat 10-10 a make-up working day, Sun 10-11 off.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CliRun

N = "CP2609-0001"


def run(cli: CliRun, when: str, who: str, *args: str) -> Any:
    """``shouhou --as WHO …`` with the clock at ``when`` (Shanghai)."""
    return cli("--as", who, *args, env={"SHOUHOU_NOW": when})


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def show(cli: CliRun, when: str, number: str) -> dict[str, Any]:
    out = ok(run(cli, when, "小刘", "complaint", "show", number, "--format", "json"))
    return dict(json.loads(out))


def overdue(cli: CliRun, when: str) -> tuple[int, list[tuple[str, list[str]]]]:
    """``complaint list --overdue --check --format json`` at ``when``: exit code and rows."""
    result = run(cli, when, "小刘", "complaint", "list", "--overdue", "--check", "--format", "json")
    assert result.exit_code in (0, 3), result.stderr
    return result.exit_code, [(r["number"], r["overdue"]) for r in json.loads(result.stdout)]


@pytest.fixture
def _cpa_office(cli: CliRun) -> CliRun:
    when = "2026-09-01 09:00"
    ok(cli("user", "add", "小刘", "--role", "clerk", env={"SHOUHOU_NOW": when}))
    for name, role in (("小赵", "clerk"), ("李经理", "manager")):
        ok(run(cli, when, "小刘", "user", "add", name, "--role", role))
    ok(run(cli, when, "小刘", "customer", "add", "天津天控科技有限公司", "--phone", "022-1"))
    ok(run(cli, when, "小刘", "customer", "add", "北方机械", "--phone", "024-1"))
    ok(run(cli, when, "小刘", "device", "add", "--customer", "1", "--model", "KS-200",
           "--serial", "KS-001"))  # fmt: skip
    ok(
        run(
            cli, when, "小刘", "device", "add", "--customer", "2", "--model", "N", "--serial", "N-1"
        )
    )
    return cli


def test_1_a_serious_complaint_before_national_day_from_new_to_close_with_capa(
    _cpa_office: CliRun,
) -> None:
    """Received Wed 2026-09-30 16:00 by 小刘, serious, about quality, on KS-001.

    - First answer: + 24 clock hours → Thu 10-01 16:00 (a holiday: the clock does not stop).
    - Handling opinion: 18 working hours — Wed 16:00–17:30 1 h 30; Thu 10-01 … Wed 10-07 the
      holiday (with the weekend 10-03/04 in it); Thu 10-08 08:30–17:30 9 h (10 h 30);
      Fri 10-09 08:30 + 7 h 30 → Fri 10-09 16:00.
    - Serious: reported to the manager 李经理 the same day.

    李经理 answers Thu 10-01 15:00 (1 h early: on time); nothing is overdue on Thu 10-08 17:00;
    the handling opinion (cause, action, prevention) is given Fri 10-09 15:30 (on time); the
    customer confirms on the make-up Saturday 10-10 10:00 → closed."""
    cli = _cpa_office
    out = ok(
        run(cli, "2026-09-30 16:00", "小刘", "complaint", "new", "--customer", "天控",
            "--about", "quality", "--grade", "serious", "--device", "KS-001",
            "--text", "刚修好又漏油，车间停产半天！")
    )  # fmt: skip
    assert "First answer due: 2026-10-01 16:00\n" in out
    assert "Handling opinion due: 2026-10-09 16:00\n" in out
    assert "reported to the manager 李经理" in out
    view = show(cli, "2026-09-30 16:05", N)
    assert (view["answer_due_at"], view["opinion_due_at"]) == (
        "2026-10-01T08:00:00+00:00",
        "2026-10-09T08:00:00+00:00",
    )
    assert (view["received_by"], view["manager"], view["status"]) == ("小刘", "李经理", "open")

    answered = run(cli, "2026-10-01 15:00", "李经理", "complaint", "respond", N,
                   "--note", "已致电王经理致歉，节后第一天上门")  # fmt: skip
    assert ok(answered) == f"{N}: answered, on time\n"
    assert overdue(cli, "2026-10-08 17:00") == (0, [])
    resolved = run(
        cli, "2026-10-09 15:30", "李经理", "complaint", "resolve", N,
        "--cause", "密封圈批次不良", "--action", "免费更换密封圈并补偿一次保养",
        "--prevent", "该批次全部召回，入厂检验加严",
    )  # fmt: skip
    assert ok(resolved) == f"{N}: handling opinion given, on time\n"
    closed = run(cli, "2026-10-10 10:00", "小刘", "complaint", "close", N, "--confirmed",
                 "--by", "王建国")  # fmt: skip
    assert ok(closed) == f"{N}: closed, confirmed by 王建国\n"

    view = show(cli, "2026-10-12 09:00", N)
    assert {
        k: view[k]
        for k in (
            "status",
            "answer_late_min",
            "opinion_late_min",
            "confirmed",
            "confirmed_by",
            "overdue",
            "steps",
        )
    } == {  # fmt: skip
        "status": "closed",
        "answer_late_min": 0,
        "opinion_late_min": 0,
        "confirmed": True,
        "confirmed_by": "王建国",
        "overdue": [],
        "steps": ["reopen"],
    }
    assert (view["cause"], view["prevention"]) == ("密封圈批次不良", "该批次全部召回，入厂检验加严")
    assert [(e["actor"], e["action"]) for e in view["timeline"]] == [
        ("小刘", "create"),
        ("李经理", "complaint_respond"),
        ("李经理", "complaint_resolve"),
        ("小刘", "complaint_close"),
    ]
    assert [e["at"] for e in view["timeline"]] == [
        "2026-09-30T08:00:00+00:00",
        "2026-10-01T07:00:00+00:00",
        "2026-10-09T07:30:00+00:00",
        "2026-10-10T02:00:00+00:00",
    ]
    form = ok(run(cli, "2026-10-12 09:00", "小刘", "complaint", "form", N))
    assert "First answer:   2026-10-01 16:00        Done:           2026-10-01 15:00\n" in form
    assert form.count("met on time") == 2
    assert "☑ confirmed by the customer  ☐ not confirmed\n" in form


def test_2_late_all_along_across_the_make_up_saturday_closed_without_confirmation(
    _cpa_office: CliRun,
) -> None:
    """Received Fri 2026-10-09 16:00 by 小赵, general, about timeliness.

    - Answer: Sat 10-10 16:00 (clock hours).
    - Opinion: Fri 1 h 30, Sat 10-10 a make-up working day 9 h (10 h 30), Sun off,
      Mon 10-12 08:30 + 7 h 30 → Mon 10-12 16:00.

    Sat 10-10 16:01: the answer is overdue (--check exits 3). Mon 10-12 16:01 in ``today``:
    late, the answer 48 h 01 min past due. Answered Mon 16:30: 48 h 30 = 2 910 min late
    ("2d 0h"); the opinion Tue 10-13 09:00: 17 h = 1 020 min late ("17h 0m"). The customer
    cannot be reached: closed --unconfirmed with the reason."""
    cli = _cpa_office
    ok(
        run(cli, "2026-10-09 16:00", "小赵", "complaint", "new", "--customer", "2",
            "--about", "timeliness", "--grade", "general", "--text", "报修两天没人来")
    )  # fmt: skip
    assert overdue(cli, "2026-10-10 15:59") == (0, [])
    number = "CP2610-0001"
    assert overdue(cli, "2026-10-10 16:01") == (3, [(number, ["answer"])])
    agenda = json.loads(ok(run(cli, "2026-10-12 16:01", "小赵", "today", "--format", "json")))[
        "sections"
    ]["complaints"]
    assert agenda["late"] == 1
    (row,) = agenda["rows"]
    assert (row["number"], row["deadline"], row["late_minutes"]) == (number, "answer", 2881)
    assert overdue(cli, "2026-10-12 16:01") == (3, [(number, ["answer", "opinion"])])

    answered = run(cli, "2026-10-12 16:30", "小赵", "complaint", "respond", number,
                   "--note", "道歉，明早派工")  # fmt: skip
    assert ok(answered) == f"{number}: answered, 2d 0h late\n"
    resolved = run(cli, "2026-10-13 09:00", "李经理", "complaint", "resolve", number,
                   "--cause", "派工遗漏", "--action", "当日派工",
                   "--prevent", "派工看板每日核对")  # fmt: skip
    assert ok(resolved) == f"{number}: handling opinion given, 17h 0m late\n"
    closed = run(cli, "2026-10-16 10:00", "小赵", "complaint", "close", number, "--unconfirmed",
                 "--reason", "客户三次电话未接通")  # fmt: skip
    assert ok(closed) == f"{number}: closed without the customer's confirmation\n"
    view = show(cli, "2026-10-16 10:05", number)
    assert (view["answer_late_min"], view["opinion_late_min"]) == (2910, 1020)
    assert (view["confirmed"], view["unconfirmed_reason"]) == (False, "客户三次电话未接通")
    assert overdue(cli, "2026-10-16 10:05") == (0, [])


def test_3_repeated_on_the_same_device_then_the_same_cause_elsewhere(_cpa_office: CliRun) -> None:
    """A: KS-001, Fri 2026-11-20 16:00. B: KS-001 again Mon 11-23 09:00 — same customer and
    device, A still open → B repeats A. C: 北方机械 N-1, Mon 11-23 11:00 — another customer,
    not linked at receipt. A's opinion (cause "固件 V2.1 缺陷") Mon 14:00; C's opinion with the
    cause written "固件v2.1缺陷。" Tue 10:00 → C repeats A (same cause, normalised).
    ``list --recurring``: A, then B and C (its repeats, in receipt order)."""
    cli = _cpa_office
    new = ("complaint", "new", "--about", "quality", "--grade", "general")
    ok(run(cli, "2026-11-20 16:00", "小刘", *new, "--customer", "1", "--device", "KS-001",
           "--text", "参数丢失"))  # fmt: skip
    again = run(cli, "2026-11-23 09:00", "小赵", *new, "--customer", "1", "--device", "KS-001",
                "--text", "又丢了")  # fmt: skip
    assert "a repeat of complaint CP2611-0001 (received 11-20 16:00)" in again.stderr
    other = run(cli, "2026-11-23 11:00", "小刘", *new, "--customer", "2", "--text", "参数丢失")
    assert other.stderr == ""
    for number, when, cause in (
        ("CP2611-0001", "2026-11-23 14:00", "固件 V2.1 缺陷"),
        ("CP2611-0003", "2026-11-24 10:00", "固件v2.1缺陷。"),
    ):
        ok(run(cli, when, "李经理", "complaint", "respond", number, "--note", "已致歉"))
        result = run(cli, when, "李经理", "complaint", "resolve", number, "--cause", cause,
                     "--action", "升级固件 V2.2")  # fmt: skip
        assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: the same cause as complaint CP2611-0001 — linked as a recurrence\n"
    )
    rows = json.loads(
        ok(run(cli, "2026-11-24 10:05", "小刘", "complaint", "list", "--recurring", "--format",
               "json"))
    )  # fmt: skip
    assert [(r["number"], r["recurrence_of"]) for r in rows] == [
        ("CP2611-0001", None),
        ("CP2611-0002", "CP2611-0001"),
        ("CP2611-0003", "CP2611-0001"),
    ]
    assert show(cli, "2026-11-24 10:05", "CP2611-0003")["recurrence_reason"] == "cause"
