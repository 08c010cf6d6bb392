"""Administration: ``init``, ``info``, ``config show|set``, ``db upgrade``, ``calendar``."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from shouhou import db
from shouhou.migrations.head import HEAD_REVISION
from shouhou.services import config
from tests.conftest import CliRun, backend, make_cli

# -- init and the SQLite file --------------------------------------------------------------------


def test_init_creates_a_private_wal_database(tmp_path: Path) -> None:
    path = tmp_path / "office" / "shouhou.db"
    result = make_cli(str(path))("init")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Database ready: {path}\n"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # customers' data: owner only
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == HEAD_REVISION


def test_any_writing_command_creates_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert make_cli(str(path))("customer", "add", "甲").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_sqlite_url_form_works(tmp_path: Path) -> None:
    path = tmp_path / "url.db"
    run = make_cli("sqlite:///" + str(path))
    assert run("customer", "add", "甲").exit_code == 0
    assert path.exists()
    assert json.loads(make_cli(str(path))("customer", "list", "-f", "json").stdout)[0]["id"] == 1


def test_init_is_idempotent_and_sets_company(cli: CliRun) -> None:
    assert cli("init").exit_code == 0
    assert cli("customer", "add", "甲").exit_code == 0
    result = cli("init", "--company", "天津天控科技有限公司")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Database ready: ")
    rows = {r["key"]: r["value"] for r in json.loads(cli("config", "show", "-f", "json").stdout)}
    assert rows["company.name"] == "天津天控科技有限公司"
    assert len(json.loads(cli("customer", "list", "-f", "json").stdout)) == 1


def test_init_in_chinese(cli: CliRun) -> None:
    assert cli("--lang", "zh", "init").stdout.startswith("数据库已就绪：")


# -- info ----------------------------------------------------------------------------------------


def test_info_json(cli: CliRun, db_url: str) -> None:
    cli("customer", "add", "甲")
    cli("device", "add", "--customer", "1", "--model", "M", "--serial", "S1")
    result = cli("--as", "王五", "info", "--format", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["database"] == db.describe(db_url)
    assert record["backend"] == db_url.split(":", 1)[0]
    assert record["schema"] == HEAD_REVISION
    assert record["head"] == HEAD_REVISION
    assert record["counts"] == record["counts"] | {"customer": 1, "device": 1, "ticket": 0}
    assert record["language"] == "en"
    assert record["user"] == "王五"
    assert record["timezone"] == "Asia/Shanghai"
    assert [y["year"] for y in record["calendar"]] == [2026, 2027]
    assert record["calendar"][0]["package"] is True


def test_info_hides_the_password(cli: CliRun, db_url: str) -> None:
    record = json.loads(cli("info", "--format", "json").stdout)
    if backend() == "postgresql":
        from sqlalchemy.engine import make_url

        password = make_url(db_url).password
        assert password and str(password) not in json.dumps(record)
        assert "***" in record["database"]


def test_info_plain_text(cli: CliRun) -> None:
    result = cli("info")
    assert result.exit_code == 0
    assert f"Schema     {HEAD_REVISION} (latest: {HEAD_REVISION})" in result.stdout
    assert "User       tester" in result.stdout
    zh = cli("--lang", "zh", "info").stdout
    assert "结构版本" in zh


# -- config --------------------------------------------------------------------------------------


def test_config_show_lists_every_option_with_defaults(cli: CliRun) -> None:
    rows = json.loads(cli("config", "show", "--format", "json").stdout)
    assert [r["key"] for r in rows] == list(config.OPTIONS)
    by_key = {r["key"]: r for r in rows}
    assert by_key["warranty.months"] == {"key": "warranty.months", "value": "24", "default": "24"}
    assert by_key["approval.threshold"]["value"] == "1000.00"
    assert by_key["sla.1.reply"]["value"] == "10m"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("warranty.months", "36"),
        ("approval.threshold", "1500"),
        ("labor.rate", "120.50"),
        ("sla.3.resolve", "5wd"),
        ("sla.1.reply", "15m"),
        ("hours.start", "09:00"),
        ("sla.2.24x7", "yes"),
        ("company.name", "天津天控科技有限公司"),
        ("currency", "USD"),
    ],
)
def test_config_set_valid(cli: CliRun, key: str, value: str) -> None:
    result = cli("config", "set", key, value)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{key} = {value}\n"
    rows = {r["key"]: r for r in json.loads(cli("config", "show", "-f", "json").stdout)}
    assert rows[key]["value"] == value
    assert rows[key]["default"] == config.OPTIONS[key].default


@pytest.mark.parametrize(
    ("key", "value", "accepted"),
    [
        ("warranty.months", "two", "use a whole number from 0 to 600"),
        ("warranty.months", "1.5", "use a whole number from 0 to 600"),
        ("approval.threshold", "lots", "use an amount of 0 or more with at most 2 decimals"),
        ("approval.threshold", "NaN", "use an amount of 0 or more with at most 2 decimals"),
        ("sla.1.reply", "soon", "use a duration above zero such as 10m, 4h"),
        ("hours.start", "25:00", "use a time of day HH:MM from 00:00 to 23:59"),
        ("hours.end", "9", "use a time of day HH:MM from 00:00 to 23:59"),
        ("sla.1.24x7", "maybe", "use true or false (also yes/no, on/off, 1/0)"),
    ],
)
def test_config_set_invalid_value(cli: CliRun, key: str, value: str, accepted: str) -> None:
    result = cli("config", "set", key, value)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: setting {key} cannot be '{value}' — {accepted}")
    assert result.stderr.count("\n") == 1
    rows = {r["key"]: r["value"] for r in json.loads(cli("config", "show", "-f", "json").stdout)}
    assert rows[key] == config.OPTIONS[key].default


def test_config_set_negative_needs_double_dash(cli: CliRun) -> None:
    result = cli("config", "set", "--", "warranty.months", "-3")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: setting warranty.months cannot be '-3' — use a whole number from 0 to 600\n"
    )


def test_config_set_unknown_key(cli: CliRun) -> None:
    result = cli("config", "set", "warranty.years", "2")
    assert result.exit_code == 2  # not one of the keys: bad input (CLI.md exit codes)
    assert result.stderr.startswith("error: unknown setting 'warranty.years' — accepted: ")
    assert "warranty.months" in result.stderr
    assert result.stderr.count("\n") == 1


def test_config_set_is_audited(cli: CliRun, db_url: str) -> None:
    from shouhou.services import audit

    cli("--as", "经理", "config", "set", "labor.rate", "200")
    cli("config", "set", "labor.rate", "210")
    with db.session(db_url) as s:
        entries = audit.trail(s, entity="setting", entity_id=0)
        assert [(e.actor, audit.changes_of(e)) for e in entries] == [
            ("经理", {"labor.rate": ["150.00", "200"]}),
            ("tester", {"labor.rate": ["200", "210"]}),
        ]


# -- db upgrade ----------------------------------------------------------------------------------


def test_db_upgrade_on_a_blank_database(blank_cli: CliRun, blank_db_url: str) -> None:
    result = blank_cli("db", "upgrade")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Schema - → {HEAD_REVISION}\n"
    assert db.head_of(blank_db_url) == HEAD_REVISION


def test_db_upgrade_when_current(cli: CliRun) -> None:
    result = cli("db", "upgrade")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Schema {HEAD_REVISION} → {HEAD_REVISION}\n"


def test_db_upgrade_from_the_first_revision(blank_cli: CliRun, blank_db_url: str) -> None:
    db.upgrade(blank_db_url, "0001_foundation")
    result = blank_cli("db", "upgrade")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Schema 0001_foundation → {HEAD_REVISION}\n"


def test_old_schema_is_upgraded_on_open(blank_cli: CliRun, blank_db_url: str) -> None:
    db.upgrade(blank_db_url, "0001_foundation")
    assert blank_cli("customer", "list").exit_code == 0  # read-only, but the schema exists
    assert db.head_of(blank_db_url) == HEAD_REVISION


# -- calendar ------------------------------------------------------------------------------------


def calendar(cli: CliRun, year: int) -> list[dict[str, str]]:
    result = cli("calendar", "show", "--year", str(year), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_calendar_show_uses_the_statutory_package(cli: CliRun) -> None:
    days = {d["date"]: d for d in calendar(cli, 2026)}
    assert days["2026-10-01"]["kind"] == "holiday"
    assert days["2026-10-01"]["source"] == "package"
    assert days["2026-01-04"]["kind"] == "workday"  # a Sunday worked (调休)
    assert all(d["source"] == "package" for d in days.values())
    plain = cli("calendar", "show", "--year", "2026")
    assert plain.stdout.splitlines()[0].split() == ["Date", "Weekday", "Kind", "Name", "Source"]
    assert "Note:" not in plain.stdout


def test_calendar_show_defaults_to_this_year(cli: CliRun) -> None:
    result = cli("calendar", "show", "--format", "json")
    assert all(d["date"].startswith("2026-") for d in json.loads(result.stdout))


def test_holiday_and_workday_add(cli: CliRun) -> None:
    result = cli("calendar", "holiday", "add", "2027-02-06", "--to", "2027-02-13", "--name", "春节")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Added 8 holiday(s): 2027-02-06 .. 2027-02-13\n"
    result = cli("calendar", "workday", "add", "2027-02-20", "--name", "春节调休")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Added make-up working day 2027-02-20\n"
    days = {d["date"]: d for d in calendar(cli, 2027)}
    weekdays = [f"2027-02-{n:02d}" for n in (8, 9, 10, 11, 12)]
    for day in weekdays:
        assert days[day] == days[day] | {"kind": "holiday", "name": "春节", "source": "local"}
    assert days["2027-02-20"] | {"kind": "workday", "source": "local"} == days["2027-02-20"]
    assert "2027-02-06" not in days  # a Saturday off is no news


def test_workday_name_is_shown(cli: CliRun) -> None:
    cli("calendar", "workday", "add", "2027-02-20", "--name", "春节调休")
    days = {d["date"]: d for d in calendar(cli, 2027)}
    assert days["2027-02-20"]["name"] == "春节调休"


def test_year_outside_the_package_gets_a_note(cli: CliRun) -> None:
    result = cli("calendar", "show", "--year", "2031")
    assert result.exit_code == 0
    assert result.stderr.startswith("Note: 2031 is not in the statutory calendar package")
    assert result.stdout.startswith("Date")
    zh = cli("--lang", "zh", "calendar", "show", "--year", "2031")
    assert zh.stderr.startswith("注意：法定节假日数据包未覆盖 2031 年")
    as_json = cli("calendar", "show", "--year", "2031", "--format", "json")
    rows = json.loads(as_json.stdout)  # the statutory holidays computed by rule
    assert rows[0] == {
        "date": "2031-01-01",
        "weekday": "3",
        "kind": "holiday",
        "name": "New Year's Day",
        "source": "rules",
    }
    assert {row["source"] for row in rows} == {"rules"}


def test_local_holiday_overrides_the_package(cli: CliRun) -> None:
    cli("calendar", "holiday", "add", "2026-12-31", "--name", "公司年会")
    days = {d["date"]: d for d in calendar(cli, 2026)}
    assert days["2026-12-31"] == {
        "date": "2026-12-31",
        "weekday": "4",
        "kind": "holiday",
        "name": "公司年会",
        "source": "local",
    }
    cli("calendar", "workday", "add", "2026-10-01")
    days = {d["date"]: d for d in calendar(cli, 2026)}
    assert "2026-10-01" not in days  # now an ordinary working Thursday


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["holiday", "add", "2027-02-13", "--to", "2027-02-06"],
            "error: holiday range 2027-02-13..2027-02-06 is invalid — the end must not be "
            "before the start and the range at most 31 days\n",
        ),
        (
            ["holiday", "add", "2027-01-01", "--to", "2027-03-01"],
            "error: holiday range 2027-01-01..2027-03-01 is invalid — the end must not be "
            "before the start and the range at most 31 days\n",
        ),
        (["holiday", "add", "2027-02-30"], None),
        (["workday", "add", "soon"], "error: date 'soon' is not a date — use YYYY-MM-DD\n"),
        (["holiday", "add", "2027-02-01", "--to", "x"], None),
    ],
)
def test_calendar_bad_input_exits_2(cli: CliRun, args: list[str], stderr: str | None) -> None:
    result = cli("calendar", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    if stderr is not None:
        assert result.stderr == stderr
    assert {d["source"] for d in calendar(cli, 2027)} == {"rules"}  # nothing stored


def test_calendar_changes_are_audited(cli: CliRun, db_url: str) -> None:
    from shouhou.services import audit

    cli("--as", "文员", "calendar", "holiday", "add", "2027-05-03", "--name", "劳动节")
    with db.session(db_url) as s:
        (entry,) = audit.trail(s, entity="calendar", entity_id=0)
    assert entry.actor == "文员"
    assert audit.changes_of(entry) == {"from": "2027-05-03", "to": "2027-05-03", "name": "劳动节"}
