"""Audit scenarios for issue 9 items 6–8, through the CLI, each computed by hand.

DOMAIN §2: minor tickets reply within 1 working hour and resolve within 3 working days (27 h of
08:30–17:30); critical tickets run 24×7; working days need holidays and make-up working days;
deadlines are computed in the firm's time zone (default Asia/Shanghai), whatever the machine's.
2027 has no published schedule: its statutory holidays are computed by rule (Eve Fri Feb 5,
Spring Festival Sat 6 – Mon 8, in lieu Tue 9 / Wed 10; National Day Fri Oct 1 – Sun 3, in lieu
Mon 4 / Tue 5; New Year Fri Jan 1), with no make-up working day invented.
Times in JSON are UTC; Shanghai is UTC+8.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from shouhou import db
from tests.conftest import CliRun
from tests.services.test_settings_validation import BAD


def minor(cli: CliRun, now: str, *extra: str, env: dict[str, str | None] | None = None) -> Any:
    """``ticket new`` (minor, JSON) received at ``now`` (Shanghai time)."""
    result = cli(
        "ticket", "new", "--customer", "甲", "--severity", "3", "--symptom", "不制冷",
        "--format", "json", *extra, env={"SHOUHOU_NOW": now, **(env or {})},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def office(cli: CliRun) -> CliRun:
    assert cli("customer", "add", "甲").exit_code == 0
    return cli


def test_minor_ticket_on_2026_12_31_does_not_work_on_new_years_day_2027(office: CliRun) -> None:
    """Thu 2026-12-31 10:00. Reply: 11:00 (03:00 UTC). Resolve: Thu 7.5 h (19.5 left); Fri
    Jan 1 New Year's Day by rule; weekend; Mon 4 9 h (10.5); Tue 5 9 h (1.5); Wed Jan 6 10:00
    (02:00 UTC) — not Tue Jan 5 as when Jan 1 counted as a working day. The intake screen and
    ``ticket show`` say that 2027 is counted on rule-based holidays."""
    record = minor(office, "2026-12-31 10:00")
    assert record["reply_due_at"] == "2026-12-31T03:00:00+00:00"
    assert record["resolve_due_at"] == "2027-01-06T02:00:00+00:00"
    assert record["rule_based_years"] == [2027]
    screen = office(
        "ticket", "new", "--customer", "甲", "--severity", "3", "--symptom", "x",
        env={"SHOUHOU_NOW": "2026-12-31 10:00"},
    )  # fmt: skip
    assert "Resolve due: 2027-01-06 10:00" in screen.stdout
    assert screen.stderr.startswith("Note: deadlines fall in 2027, whose official holiday")
    shown = office("ticket", "show", record["number"], env={"SHOUHOU_NOW": "2026-12-31 10:00"})
    assert "2027: holidays computed by rule (official schedule not known yet)" in shown.stdout
    zh = office("--lang", "zh", "ticket", "show", record["number"])
    assert "2027 年：假日按法定规则推算（放假安排尚未公布）" in zh.stdout


def test_spring_festival_2027_dates_by_rule(office: CliRun) -> None:
    """Thu 2027-02-04 16:00: Thu 1.5 h (25.5 left); Fri 5 – Wed 10 off; Thu 11 9 h (16.5);
    Fri 12 9 h (7.5); Sat 13 is not a make-up day; Mon 15 08:30 + 7.5 h = 16:00 (08:00 UTC).
    ``calendar show`` lists the weekday holidays Feb 5, 8, 9, 10 as "statutory rule"."""
    record = minor(office, "2027-02-04 16:00")
    assert record["resolve_due_at"] == "2027-02-15T08:00:00+00:00"
    rows = json.loads(office("calendar", "show", "--year", "2027", "--format", "json").stdout)
    february = [(r["date"], r["source"]) for r in rows if r["date"].startswith("2027-02")]
    assert february == [
        ("2027-02-05", "rules"),
        ("2027-02-08", "rules"),
        ("2027-02-09", "rules"),
        ("2027-02-10", "rules"),
    ]


def test_national_day_2027_by_rule(office: CliRun) -> None:
    """Thu 2027-09-30 10:00: Thu 7.5 h (19.5 left); Fri Oct 1 – Tue Oct 5 off (National Day,
    weekend, two days in lieu); Wed 6 9 h (10.5); Thu 7 9 h (1.5); Fri Oct 8 10:00 (02:00 UTC)."""
    record = minor(office, "2027-09-30 10:00")
    assert record["resolve_due_at"] == "2027-10-08T02:00:00+00:00"


def test_utc_server_and_shanghai_desktop_give_the_same_deadline(office: CliRun) -> None:
    """The same instant, Mon 2026-11-23 09:00 UTC = 17:00 Shanghai: reply 17:00–17:30 (0.5 h),
    then Tue 08:30 + 0.5 h = Tue 09:00 Shanghai = 01:00 UTC — on a UTC server (where cron
    runs) as on a Shanghai desktop. (Following the server's zone gave Mon 10:00 UTC.)"""
    for host in ("UTC", "Asia/Shanghai"):
        env: dict[str, str | None] = {"TZ": host, "SHOUHOU_TZ": None}
        record = minor(office, "2026-11-23T09:00:00Z", env=env)
        assert record["reply_due_at"] == "2026-11-24T01:00:00+00:00", host


def test_imported_official_2027_schedule_with_a_make_up_sunday(
    office: CliRun, tmp_path: Path
) -> None:
    """Fri 2027-01-29 16:00. By rule (no make-up day): Fri 1.5 h (25.5 left); Mon Feb 1 9 h
    (16.5); Tue 2 9 h (7.5); Wed Feb 3 16:00 (08:00 UTC). After importing the schedule
    (Feb 5–12 off, Sun Jan 31 and Sat Feb 20 worked): Sun Jan 31 9 h (16.5); Mon 1 9 h (7.5);
    Tue Feb 2 16:00 (08:00 UTC) — and no more rule-based notice for 2027."""
    before = minor(office, "2027-01-29 16:00")
    assert before["resolve_due_at"] == "2027-02-03T08:00:00+00:00"
    assert before["rule_based_years"] == [2027]
    schedule = tmp_path / "2027.csv"
    schedule.write_text(
        "日期,类型,名称,结束日期\n2027-02-05,放假,春节,2027-02-12\n"
        "2027-01-31,补班,春节补班,\n2027-02-20,补班,春节补班,\n",
        encoding="utf-8",
    )
    imported = office("calendar", "import", str(schedule))
    assert imported.exit_code == 0, imported.stderr
    after = minor(office, "2027-01-29 16:00")
    assert after["resolve_due_at"] == "2027-02-02T08:00:00+00:00"
    assert after["rule_based_years"] == []


def test_a_stored_workday_beats_the_rule(office: CliRun) -> None:
    """``calendar workday add 2027-02-09`` (in lieu by rule, worked here). Thu 2027-02-04
    16:00: Thu 1.5 h (25.5); Fri 5 – Mon 8 off; Tue 9 9 h (16.5); Wed 10 off by rule; Thu 11
    9 h (7.5); Fri Feb 12 08:30 + 7.5 h = 16:00 (08:00 UTC)."""
    assert office("calendar", "workday", "add", "2027-02-09").exit_code == 0
    record = minor(office, "2027-02-04 16:00")
    assert record["resolve_due_at"] == "2027-02-12T08:00:00+00:00"


def test_critical_ticket_in_2027_runs_24x7_without_a_calendar_notice(office: CliRun) -> None:
    """Critical, Fri 2027-02-05 10:00 (the Eve): reply 10:10, resolve 14:00 — 24×7, so the
    holiday schedule does not matter and nothing is said about it."""
    result = office(
        "ticket", "new", "--customer", "甲", "--severity", "1", "--symptom", "停机",
        "--format", "json", env={"SHOUHOU_NOW": "2027-02-05 10:00"},
    )  # fmt: skip
    record = json.loads(result.stdout)
    assert record["reply_due_at"] == "2027-02-05T02:10:00+00:00"
    assert record["resolve_due_at"] == "2027-02-05T06:00:00+00:00"
    assert record["rule_based_years"] == []


def test_hours_end_07_00_is_refused_and_the_database_still_works(office: CliRun) -> None:
    """Issue 9.8: refused with exit 2 naming the accepted values; nothing stored; a minor
    ticket on Mon 2026-11-23 10:00 still gets its 11:00 (03:00 UTC) reply deadline."""
    result = office("config", "set", "hours.end", "07:00")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: setting hours.end cannot be '07:00' — working hours must end after they "
        "start: use a time HH:MM later than hours.start (08:30)\n"
    )
    rows = json.loads(office("config", "show", "--format", "json").stdout)
    assert {r["key"]: r["value"] for r in rows}["hours.end"] == "17:30"
    assert minor(office, "2026-11-23 10:00")["reply_due_at"] == "2026-11-23T03:00:00+00:00"


def test_short_working_day_and_start_set_second(office: CliRun) -> None:
    """hours.end 12:00 is accepted (after 08:30); then hours.start 13:00 is refused. With
    08:30–12:00 (3.5 h a day), Mon 2026-11-23 11:30: reply 0.5 h Mon + Tue 08:30 + 0.5 h =
    Tue 09:00 (01:00 UTC); resolve 3 × 3.5 = 10.5 h: Mon 0.5 (10 left), Tue 3.5 (6.5), Wed 3.5
    (3), Thu 08:30 + 3 h = 11:30 (03:30 UTC)."""
    assert office("config", "set", "hours.end", "12:00").exit_code == 0
    refused = office("config", "set", "hours.start", "13:00")
    assert refused.exit_code == 2
    assert "earlier than hours.end (12:00)" in refused.stderr
    record = minor(office, "2026-11-23 11:30")
    assert record["reply_due_at"] == "2026-11-24T01:00:00+00:00"
    assert record["resolve_due_at"] == "2026-11-26T03:30:00+00:00"


def test_a_broken_setting_left_by_an_older_version_names_its_fix(
    office: CliRun, db_url: str
) -> None:
    """hours.end 07:00 stored before validation existed: ``ticket list`` exits 1 naming the
    setting and the command that fixes it (not "unexpected ValueError"); the fix works."""
    from shouhou.models import Setting

    with db.session(db_url, write=True) as s:
        s.add(Setting(key="hours.end", value=json.dumps("07:00")))
    broken = office("ticket", "list")
    assert broken.exit_code == 1
    assert broken.stderr == (
        "error: the stored setting hours.end = '07:00' is not valid — fix it with "
        "`shouhou config set hours.end VALUE` (default 17:30)\n"
    )
    assert office("config", "set", "hours.end", "17:30").exit_code == 0
    assert office("ticket", "list").exit_code == 0


@pytest.mark.parametrize("key", sorted(BAD))
def test_every_setting_refuses_a_bad_value_through_the_cli(office: CliRun, key: str) -> None:
    """Each key: exit 2, one line naming the key and what it accepts; the ticket commands
    still work afterwards."""
    result = office("config", "set", "--", key, BAD[key])
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith(f"error: setting {key} cannot be ")
    assert result.stderr.count("\n") == 1
    assert minor(office, "2026-11-23 10:00")["reply_due_at"] == "2026-11-23T03:00:00+00:00"
