"""``shouhou complaint``: new (prompts on a terminal, exit 2 without one), respond, resolve,
close (confirmed or explicitly not), reopen, show, list (--open, --overdue --check,
--recurring), form, the ``today`` section, in English and Chinese (CLI.md, issue 13).

The clock is pinned per command; Asia/Shanghai, 08:30–17:30 working hours.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import Complaint
from tests.conftest import CliRun, cli_env

N = "CP2611-0001"


def at(when: str) -> dict[str, str | None]:
    return {"SHOUHOU_NOW": when}


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def complaints_in(db_url: str) -> list[Complaint]:
    with db.session(db_url) as s:
        rows = list(s.exec(select(Complaint).order_by(Complaint.id)))  # type: ignore[arg-type]
        for row in rows:
            s.expunge(row)
        return rows


@pytest.fixture
def desk(cli: CliRun) -> CliRun:
    """天津天控 (#1) with KS-001 and KS-002, 北方机械 (#2); users 小刘 (clerk), 李经理
    (manager), 张工 (engineer)."""
    ok(cli("user", "add", "小刘", "--role", "clerk", env={"SHOUHOU_USER": "admin"}))
    ok(cli("--as", "小刘", "user", "add", "李经理", "--role", "manager"))
    ok(cli("--as", "小刘", "user", "add", "张工", "--role", "engineer"))
    ok(cli("--as", "小刘", "customer", "add", "天津天控科技有限公司", "--phone", "022-12345678"))
    ok(cli("--as", "小刘", "customer", "add", "北方机械", "--phone", "024-1"))
    for serial in ("KS-001", "KS-002"):
        ok(
            cli("--as", "小刘", "device", "add", "--customer", "1", "--model", "KS-200",
                "--serial", serial)
        )  # fmt: skip
    return cli


def new(cli: CliRun, *args: str, who: str = "小刘", when: str = "2026-11-23 09:00") -> Any:
    return cli("--as", who, "complaint", "new", *args, env=at(when))


def test_new_prints_number_deadlines_and_manager(desk: CliRun, db_url: str) -> None:
    """Mon 11-23 09:00, serious: answer Tue 11-24 09:00; opinion 18 working hours — Mon
    8 h 30, Tue 9 h, Wed 08:30 + 30 min → Wed 11-25 09:00; reported to 李经理."""
    out = ok(
        new(desk, "--customer", "天控", "--about", "quality", "--grade", "serious",
            "--text", "又漏油了", "--device", "KS-001")
    )  # fmt: skip
    assert out == (
        f"Complaint {N} received by 小刘: serious, about product quality — thank the customer\n"
        "Customer: 天津天控科技有限公司 (#1)\n"
        "Device: KS-001\n"
        "First answer due: 2026-11-24 09:00\n"
        "Handling opinion due: 2026-11-25 09:00\n"
        "Serious complaint: reported to the manager 李经理 — report the investigation up today\n"
    )
    (row,) = complaints_in(db_url)
    assert (row.received_by, row.manager, row.grade, row.text) == (
        "小刘",
        "李经理",
        "serious",
        "又漏油了",
    )


def test_new_in_chinese_with_chinese_words(desk: CliRun) -> None:
    out = ok(
        desk("--lang", "zh", "--as", "小刘", "complaint", "new", "--customer", "1",
             "--about", "态度", "--grade", "重大", "--text", "态度差", "--staff", "张工",
             env=at("2026-11-23 09:00"))
    )  # fmt: skip
    assert out.splitlines()[0] == f"投诉 {N} 已受理（受理人 小刘）：重大，服务态度 — 请向客户致谢"
    assert "答复时限：2026-11-24 09:00" in out.replace(": ", "：")
    assert "重大投诉：已上报经理 李经理 — 调查情况须当日上报" in out
    assert "涉及 张工 的服务态度：转员工考核" in out


def test_new_json_and_quiet(desk: CliRun) -> None:
    shown = json.loads(
        ok(new(desk, "--customer", "1", "--about", "charges", "--grade", "general", "--text",
               "收费贵", "--channel", "email", "--format", "json"))
    )  # fmt: skip
    for key in ("id", "customer_id", "ticket_id", "about", "grade", "status", "received_at",
                "answer_due_at", "opinion_due_at", "answered_at", "closed_at"):  # fmt: skip
        assert key in shown, key
    assert (shown["channel"], shown["answer_due_at"]) == ("email", "2026-11-24T01:00:00+00:00")
    quiet = new(desk, "--customer", "1", "--about", "charges", "--grade", "general", "--text",
                "又来", "-q")  # fmt: skip
    assert quiet.stdout == "CP2611-0002\n"
    assert "a repeat of complaint CP2611-0001" in quiet.stderr


def test_new_without_a_terminal_names_the_missing_field(desk: CliRun, db_url: str) -> None:
    result = new(desk, "--customer", "1", "--about", "quality", "--grade", "general")
    assert result.exit_code == 2
    assert result.stderr == "error: text is required — give --text (no terminal to ask)\n"
    bad = new(desk, "--customer", "1", "--about", "price?", "--grade", "general", "--text", "x")
    assert bad.exit_code == 2 and "about 'price?' is not allowed" in bad.stderr
    future = new(desk, "--customer", "1", "--about", "quality", "--grade", "general",
                 "--text", "x", "--at", "2026-11-24 09:00")  # fmt: skip
    assert future.exit_code == 2 and "is in the future" in future.stderr
    assert complaints_in(db_url) == []


def test_new_asks_on_a_terminal(desk: CliRun, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong customer is asked again; the subject by its number in the list (2 attitude);
    Enter takes the default grade (general); then the text."""
    monkeypatch.setattr("shouhou.cli.prompts.interactive", lambda: True)
    result = desk(
        "--as", "小刘", "complaint", "new", env=at("2026-11-23 09:00"),
        input="不存在\n天控\n2\n\n工程师态度差\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Customer: 天津天控科技有限公司 (#1)" in result.stdout
    (row,) = complaints_in(db_url)
    assert (row.customer_id, row.about, row.grade, row.text) == (
        1,
        "attitude",
        "general",
        "工程师态度差",
    )


def test_new_with_a_ticket_takes_its_customer_and_device(desk: CliRun, db_url: str) -> None:
    ok(
        desk("--as", "小刘", "ticket", "new", "--customer", "1", "--device", "KS-002",
             "--severity", "3", "--symptom", "漏油", env=at("2026-11-20 09:00"))
    )  # fmt: skip
    out = ok(new(desk, "--ticket", "SH2611-0001", "--about", "timeliness", "--grade", "general",
                 "--text", "三天没人来"))  # fmt: skip
    assert "Ticket: SH2611-0001\nDevice: KS-002\n" in out
    (row,) = complaints_in(db_url)
    assert (row.customer_id, row.device_id) == (1, 2)


def _through(desk: CliRun) -> None:
    """Received Fri 11-20 16:00 (answer due Sat 16:00; opinion Tue 11-24 16:00)."""
    ok(new(desk, "--customer", "1", "--about", "quality", "--grade", "general", "--text", "漏油",
           "--device", "KS-001", when="2026-11-20 16:00"))  # fmt: skip


def test_the_steps_say_whether_on_time(desk: CliRun, db_url: str) -> None:
    """Answered Mon 11-23 09:30: due Sat 11-21 16:00 → 41 h 30 late = 1d 17h. Opinion Mon
    11-23 10:00, due Tue 16:00: on time. Closed confirmed by 王建国. Reopened Mon 11-23 16:00:
    new opinion due 18 working hours later — Mon 1 h 30, Tue 9 h, Wed 08:30 + 7 h 30 → Wed
    11-25 16:00."""
    _through(desk)
    answered = desk("--as", "李经理", "complaint", "respond", N, "--note", "已致歉",
                    env=at("2026-11-23 09:30"))  # fmt: skip
    assert ok(answered) == f"{N}: answered, 1d 17h late\n"
    resolved = desk(
        "--as", "李经理", "complaint", "resolve", N, "--cause", "密封圈不良", "--action", "更换",
        "--prevent", "加严检验", env=at("2026-11-23 10:00"),
    )  # fmt: skip
    assert ok(resolved) == f"{N}: handling opinion given, on time\n"
    closed = desk("--as", "小刘", "complaint", "close", N, "--confirmed", "--by", "王建国",
                  env=at("2026-11-23 11:00"))  # fmt: skip
    assert ok(closed) == f"{N}: closed, confirmed by 王建国\n"
    reopened = desk("--as", "小刘", "complaint", "reopen", N, "--reason", "又漏了",
                    env=at("2026-11-23 16:00"))  # fmt: skip
    assert ok(reopened) == f"{N}: reopened — new handling opinion due 2026-11-25 16:00\n"
    (row,) = complaints_in(db_url)
    assert (row.status, row.answer_late_min, row.cause) == ("answered", 41 * 60 + 30, "密封圈不良")


def test_refused_steps_and_closings(desk: CliRun) -> None:
    _through(desk)
    early = desk("--as", "小刘", "complaint", "resolve", N, "--cause", "c", "--action", "a")
    assert early.exit_code == 1
    assert early.stderr == (
        f"error: complaint {N} is open, `resolve` is not possible now — possible: respond\n"
    )
    zh = desk("--lang", "zh", "--as", "小刘", "complaint", "close", N, "--confirmed")
    assert zh.exit_code == 1
    assert zh.stderr == f"错误：投诉 {N} 当前为待答复，现在不能结案 — 当前可执行：答复\n"
    for flags in ([], ["--confirmed", "--unconfirmed"], ["--confirmed", "--reason", "x"],
                  ["--unconfirmed", "--by", "王"]):  # fmt: skip
        how = desk("--as", "小刘", "complaint", "close", N, *flags)
        assert how.exit_code == 2, flags
        assert how.stderr == (
            "error: say how the customer took the handling — give --confirmed [--by NAME], "
            "or --unconfirmed --reason TEXT\n"
        )
    bare = desk("--as", "小刘", "complaint", "close", N, "--unconfirmed")
    assert (bare.exit_code, bare.stderr) == (2, "error: reason is required — give --reason\n")
    missing = desk("--as", "小刘", "complaint", "respond", "CP2611-0099", "--note", "x")
    assert missing.exit_code == 1
    assert missing.stderr == ("error: no complaint 'CP2611-0099' — see `shouhou complaint list`\n")
    before = desk("--as", "小刘", "complaint", "respond", N, "--note", "x",
                  "--at", "2026-11-20 15:00")  # fmt: skip
    assert before.exit_code == 2 and "before complaint" in before.stderr


def test_close_unconfirmed(desk: CliRun) -> None:
    _through(desk)
    ok(desk("--as", "小刘", "complaint", "respond", N, "--note", "n"))
    ok(desk("--as", "小刘", "complaint", "resolve", N, "--cause", "c", "--action", "a"))
    out = ok(desk("--as", "小刘", "complaint", "close", N, "--unconfirmed", "--reason", "联系不上"))
    assert out == f"{N}: closed without the customer's confirmation\n"
    shown = json.loads(ok(desk("complaint", "show", N, "--format", "json")))
    assert (shown["confirmed"], shown["unconfirmed_reason"], shown["steps"]) == (
        False,
        "联系不上",
        ["reopen"],
    )


def test_list_overdue_check_and_open(desk: CliRun) -> None:
    """Received Fri 11-20 16:00: at Sat 15:59 nothing overdue (exit 0); at Sat 16:01 the answer
    is (listed, --check exits 3)."""
    _through(desk)
    calm = desk("complaint", "list", "--overdue", "--check", env=at("2026-11-21 15:59"))
    assert (calm.exit_code, calm.stdout) == (0, "No complaints.\n")
    late = desk("complaint", "list", "--overdue", "--check", env=at("2026-11-21 16:01"))
    assert late.exit_code == 3
    assert late.stdout.splitlines()[1].split()[:3] == [N, "2026-11-20", "16:00"]
    assert "answer overdue" in late.stdout
    rows = json.loads(ok(desk("complaint", "list", "--open", "--format", "json")))
    assert [(r["number"], r["overdue"]) for r in rows] == [(N, ["answer"])]
    assert json.loads(ok(desk("complaint", "list", "--grade", "serious", "--format", "json"))) == []
    csv = ok(desk("complaint", "list", "--format", "csv"))
    assert csv.splitlines()[0].startswith("id,number,status,customer_id")


def test_list_recurring_and_show(desk: CliRun) -> None:
    _through(desk)
    ok(new(desk, "--customer", "2", "--about", "other", "--grade", "general", "--text", "x"))
    second = new(desk, "--customer", "1", "--about", "timeliness", "--grade", "general",
                 "--text", "还是漏", "--device", "KS-001", when="2026-11-23 10:00")  # fmt: skip
    assert second.exit_code == 0
    assert second.stderr == (
        "note: a repeat of complaint CP2611-0001 (received 11-20 16:00) — same customer and "
        "device, open or within 90 days: analyse them together\n"
    )
    rows = json.loads(ok(desk("complaint", "list", "--recurring", "--format", "json")))
    assert [(r["number"], r["recurrence_of"]) for r in rows] == [
        ("CP2611-0001", None),
        ("CP2611-0003", "CP2611-0001"),
    ]
    shown = ok(desk("complaint", "show", "CP2611-0003"))
    lines = {line.split("  ")[0]: line.split("  ")[-1].strip() for line in shown.splitlines()}
    assert lines["Repeats"] == "CP2611-0001 (same customer and device)"
    assert "== Audit trail ==" in shown and "linked as a recurrence" in shown
    first = ok(desk("complaint", "show", "CP2611-0001"))
    assert any(
        line.startswith("Repeated by") and line.endswith(" CP2611-0003")
        for line in first.splitlines()
    )


def test_form_in_every_format(desk: CliRun, tmp_path: Path) -> None:
    _through(desk)
    text = ok(desk("complaint", "form", N))
    assert "Complaint Handling Form" in text and "漏油" in text
    zh = ok(desk("--lang", "zh", "complaint", "form", N, "--format", "md"))
    assert zh.startswith("# 投诉处理单 CP2611-0001") or "# 投诉处理单 CP2611-0001" in zh
    out = tmp_path / "form.html"
    written = ok(desk("complaint", "form", N, "--format", "html", "--output", str(out)))
    assert written.strip().endswith(str(out))
    assert "<!DOCTYPE html>" in out.read_text(encoding="utf-8")
    pdf = desk("complaint", "form", N, "--format", "pdf")
    assert pdf.exit_code == 2


def test_today_shows_overdue_and_serious_complaints(desk: CliRun) -> None:
    _through(desk)  # general, answer overdue since Sat 16:00
    ok(new(desk, "--customer", "2", "--about", "quality", "--grade", "serious", "--text", "冒烟"))
    agenda = json.loads(ok(desk("today", "--format", "json", env=at("2026-11-23 10:00"))))[
        "sections"
    ]["complaints"]
    assert (agenda["count"], agenda["late"]) == (2, 1)
    assert [r["number"] for r in agenda["rows"]] == ["CP2611-0001", "CP2611-0002"]
    screen = desk("today", "--check", env=at("2026-11-23 10:00"))
    assert screen.exit_code == 3
    assert "== Complaints overdue, serious or major (2, 1 late) ==" in screen.stdout
    assert "answer LATE 1d 18h" in screen.stdout


def test_installed_entry_point(db_url: str) -> None:
    """The ``shouhou`` entry point in a subprocess: receive and list a complaint."""
    env = {k: v for k, v in cli_env().items() if v is not None}
    env = {**os.environ, **env}
    for key in ("SHOUHOU_DB", "SHOUHOU_TEST_DB"):
        env.pop(key, None)
    exe = Path(sys.executable).parent / "shouhou"
    base = [str(exe), "--db", db_url]
    subprocess.run([*base, "customer", "add", "甲公司"], env=env, check=True, capture_output=True)
    made = subprocess.run(
        [*base, "complaint", "new", "--customer", "1", "--about", "other", "--grade", "general",
         "--text", "发票没到", "-q"],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert made.stdout == f"{N}\n"
    listed = subprocess.run(
        [*base, "complaint", "list", "--format", "json"],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert json.loads(listed.stdout)[0]["text"] == "发票没到"


def test_form_escapes_html_and_prints_one_a4_page(desk: CliRun, tmp_path: Path) -> None:
    from shouhou import render

    ok(new(desk, "--customer", "1", "--about", "other", "--grade", "major",
           "--text", "<script>alert(1)</script> 冒烟"))  # fmt: skip
    html = ok(desk("complaint", "form", N, "--format", "html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 冒烟" in html and "<script>" not in html
    if render.find_chromium() is None:
        pytest.skip("no chromium on PATH: `apt-get install chromium fonts-noto-cjk`")
    pdf = tmp_path / "form.pdf"
    ok(desk("--lang", "zh", "complaint", "form", N, "--format", "pdf", "--output", str(pdf)))
    assert render.pdf_page_count(pdf) == 1
