"""``shouhou today`` (issue 11 item 5): the morning screen as the clerk, an engineer and cron
see it — plain text through a pipe, JSON for scripts, ``--check`` exit codes, ``--engineer``,
both languages, and running it twice changes nothing (the demo database included).

The clock is Mon 2026-11-23 10:00 Asia/Shanghai; the morning is ``build_morning`` of
``tests/services/test_today.py`` (its comments compute every figure asserted here).
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, Visit
from tests.conftest import NOW_TEXT, SHANGHAI, CliRun, make_cli
from tests.services.test_today import Morning, at, build_morning, by
from tests.test_e2e import entry_point


@pytest.fixture
def morning(db_url: str) -> Morning:
    with db.session(db_url, write=True) as s:
        return build_morning(s)


def counts(url: str) -> tuple[int, int]:
    """Audit rows and visits in the database."""
    with db.session(url) as s:
        audits = s.exec(select(func.count()).select_from(AuditEntry)).one()
        visits = s.exec(select(func.count()).select_from(Visit)).one()
    return audits, visits


def test_piped_the_screen_is_plain_text_per_section(cli: CliRun, morning: Morning) -> None:
    result = cli("today")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "Today 2026-11-23, 10:00 — 4 late"
    assert "== Tickets late or due today (2, 1 late) ==" in out
    assert "== Callbacks, inspections and visits due or missed (3, 2 late) ==" in out
    assert "== Visits booked today (3) ==" in out
    assert "== Spare units out more than 7 days (1, 1 late) ==" in out
    # times local and short: today's as HH:MM, another day's with month and day
    for text in (
        "reply LATE 30m (09:30)",
        "resolve in 6h 0m (16:00)",
        "11-22 18:00",
        "overdue 16h 0m",
        "booked, no arrival for 1h 45m",
        "20 days",
        "11-03 10:00",
    ):
        assert text in out, text
    assert "\x1b[" not in out and "┃" not in out  # no terminal styling through a pipe
    assert result.stderr == ""


def test_todays_visits_are_grouped_per_engineer(cli: CliRun, morning: Morning) -> None:
    """张工 first (08:00), with the 10:00 visit he helps 李工 on; then 王工, then 李工."""
    out = cli("today").stdout
    block = out.split("== Visits booked today (3) ==\n", 1)[1].split("\n\n", 1)[0]
    lines = block.splitlines()[1:]
    assert [line.split()[0] for line in lines] == ["张工", "10:00", "王工", "李工"]
    assert morning.no_arrival in lines[0] and morning.li_visit in lines[1]
    assert lines[1].rstrip().endswith("李工")  # with whom
    assert lines[3].rstrip().endswith("张工")


def test_check_exits_3_when_something_is_late_and_still_prints(
    cli: CliRun, morning: Morning
) -> None:
    result = cli("today", "--check")
    assert result.exit_code == 3
    assert morning.late_ticket in result.stdout


def test_check_exits_0_when_nothing_is_late(cli: CliRun, morning: Morning) -> None:
    """李工: his ticket is due at 16:00 (not late), his 10:00 visit is within its grace, his
    ticket's spare unit is out 3 days (limit 7): listed, nothing late."""
    result = cli("today", "--engineer", "李工", "--check")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Today 2026-11-23, 10:00 for 李工 — nothing late"
    assert morning.due_ticket in result.stdout
    assert "Callbacks, inspections and visits due or missed: (none)" in result.stdout


def test_an_empty_morning_says_nothing_due_today(cli: CliRun) -> None:
    result = cli("today", "--check")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Today 2026-11-23, 10:00 — nothing late\nNothing due today.\n"
    zh = cli("--lang", "zh", "today")
    assert zh.stdout == "今日待办 2026-11-23 10:00 — 无超时\n今日无待办事项。\n"


def test_json_for_scripts(cli: CliRun, morning: Morning) -> None:
    result = cli("today", "--format", "json", "--check")
    assert result.exit_code == 3
    view = json.loads(result.stdout)
    assert set(view) == {"generated_at", "today", "engineer", "late", "created", "sections"}
    assert (view["generated_at"], view["today"], view["late"]) == (
        "2026-11-23T02:00:00+00:00",
        "2026-11-23",
        4,
    )
    sections = view["sections"]
    assert list(sections) == [
        "tickets",
        "visits_due",
        "visits_today",
        "loans",
        "low_stock",
        "stocktake",
        "surveys",
        "complaints",
    ]
    assert [row["number"] for row in sections["tickets"]["rows"]] == [
        morning.late_ticket,
        morning.due_ticket,
    ]
    late = sections["tickets"]["rows"][0]
    assert (late["milestone"], late["late_minutes"], late["due_at"]) == (
        "reply",
        30,
        "2026-11-23T01:30:00+00:00",
    )
    assert sections["visits_today"]["groups"]["王工"] == [morning.wang_visit]
    assert sections["loans"]["max_days"] == 7
    assert sections["loans"]["rows"][0]["days_out"] == 20


def test_engineer_limits_the_screen(cli: CliRun, morning: Morning) -> None:
    view = json.loads(cli("today", "--engineer", "王工", "-f", "json").stdout)
    assert view["engineer"] == "王工"
    sections = view["sections"]
    assert [r["number"] for r in sections["tickets"]["rows"]] == [morning.late_ticket]
    assert [r["number"] for r in sections["visits_due"]["rows"]] == [morning.callback]
    assert sections["visits_today"]["groups"] == {"王工": [morning.wang_visit]}
    assert [r["ticket"] for r in sections["loans"]["rows"]] == [morning.loan_ticket]


def test_an_unknown_engineer_exits_2(cli: CliRun, db_url: str, morning: Morning) -> None:
    """Once there are users, a name that is nobody's is refused (a typo would otherwise show
    an empty morning and let ``--check`` exit 0), and nothing is written."""
    assert cli("--as", "李经理", "user", "add", "李经理", "--role", "manager").exit_code == 0
    before = counts(db_url)
    result = cli("--as", "李经理", "today", "--engineer", "王公")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: nobody named '王公' works here — give a user's name (`shouhou user list`)\n"
    )
    zh = cli("--as", "李经理", "--lang", "zh", "today", "--engineer", "王公")
    assert zh.stderr == "错误：没有名为“王公”的人员 — 请给出用户名（`shouhou user list`）\n"
    assert counts(db_url) == before


def test_in_chinese(cli: CliRun, morning: Morning) -> None:
    for args in (("--lang", "zh", "today"),):
        out = cli(*args).stdout
        assert out.splitlines()[0] == "今日待办 2026-11-23 10:00 — 4 项超时", args
        assert "== 超时及今日到期的工单 (2 项，1 项超时) ==" in out
        assert "响应已超时 30分钟 (09:30)" in out
        assert "已预约，超时未到 1小时45分" in out
        assert "借出超过 7 天的备用机" in out


def test_running_it_twice_changes_nothing(cli: CliRun, db_url: str, morning: Morning) -> None:
    """A monthly plan from 09-23 and a key customer (see the service test): the first run
    creates their 4 due visits and says so; the second creates none — the database's audit
    rows and visits are unchanged, and the screen is the same but for that line."""
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.visits.plans import add_plan

    with db.session(db_url, write=True) as s:
        add_plan(
            s,
            by(at(1, 9, month=9)),
            customer_ref="北京照明",
            device_ref=None,
            every_months=1,
            start_on=date(2026, 9, 23),
            zone=SHANGHAI,
        )
        add_customer(s, by(at(1, 9)), name="上海重点客户", key_customer=True)
    before = counts(db_url)
    first = cli("today")
    assert first.exit_code == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[1] == (
        "4 due visits created by the rules (inspection plans, key customers' callbacks)"
    )
    after_first = counts(db_url)
    assert after_first[1] == before[1] + 4
    second = cli("today")
    assert counts(db_url) == after_first
    assert second.stdout.splitlines() == [lines[0], *lines[2:]]


@pytest.mark.slow
def test_the_demo_database_shows_a_plausible_morning(tmp_path: Path) -> None:
    """Done-when (issue 11): ``shouhou today`` on the demo database shows a morning's work,
    and running it twice changes nothing."""
    url = "sqlite:///" + str(tmp_path / "demo.db")
    demo = make_cli(url)
    assert demo("init", "--demo").exit_code == 0
    clerk = {"SHOUHOU_USER": "小刘"}
    first = demo("today", "-f", "json", env=clerk)
    assert first.exit_code == 0, first.stderr
    after_first = counts(url)
    view = json.loads(first.stdout)
    assert view["sections"]["tickets"]["count"] > 0
    second = demo("today", "-f", "json", env=clerk)
    assert counts(url) == after_first
    again = json.loads(second.stdout)
    assert again["created"] == 0
    assert again["sections"] == view["sections"]
    text = demo("today", env=clerk).stdout
    assert "== Tickets late or due today (" in text


def test_the_installed_command_for_cron(db_url: str, morning: Morning) -> None:
    """cron runs ``shouhou today --check``: exit 3, the screen on stdout, nothing on stderr."""
    shouhou = entry_point()
    if shouhou is None:
        pytest.skip("the shouhou entry point is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHOUHOU_", "LC_"))}
    env.update(
        SHOUHOU_NOW=NOW_TEXT, SHOUHOU_TZ="Asia/Shanghai", SHOUHOU_LANG="en", SHOUHOU_USER="cron"
    )
    done = subprocess.run(
        [shouhou, "--db", db_url, "today", "--check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("Today 2026-11-23, 10:00 — 4 late\n")
    assert done.stderr == ""


def test_cron_needs_no_acting_user(cli: CliRun, db_url: str, morning: Morning) -> None:
    """Once users exist, writes need a known ``--as``; ``today`` only materialises what the
    rules call for, recorded as done by the system, so a crontab line works as is."""
    from sqlmodel import select

    from shouhou.models import AuditEntry
    from shouhou.services.audit import SYSTEM_ACTOR
    from shouhou.services.visits.plans import add_plan

    assert cli("--as", "李经理", "user", "add", "李经理", "--role", "manager").exit_code == 0
    with db.session(db_url, write=True) as s:
        add_plan(
            s, by(at(1, 9, month=9)), customer_ref="1", device_ref=None, every_months=1,
            start_on=date(2026, 9, 23), zone=SHANGHAI,
        )  # fmt: skip
        before = max(e.id or 0 for e in s.exec(select(AuditEntry)))
    result = cli("today", "--check", env={"SHOUHOU_USER": "cron", "USER": "cron"})
    assert result.exit_code == 3, result.stderr
    with db.session(db_url) as s:
        made = s.exec(select(AuditEntry).where(AuditEntry.id > before)).all()  # type: ignore[operator]
    assert made and {e.actor for e in made} == {SYSTEM_ACTOR}
