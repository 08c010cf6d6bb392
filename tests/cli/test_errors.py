"""Errors (CLI.md "Exit codes and errors"): one line ``error: <what> — <how to fix>``, exit 1 for
domain errors, 2 for usage errors, no traceback unless ``--debug``, nothing changed on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import func, select

from shouhou import db
from shouhou.models import AuditEntry, Customer
from tests.conftest import CliRun, backend, make_cli


def one_line(text: str) -> str:
    assert text.endswith("\n")
    assert text.count("\n") == 1, text
    return text.rstrip("\n")


def assert_error_shape(stderr: str) -> None:
    line = one_line(stderr)
    assert line.startswith(("error: ", "错误：")), line
    assert " — " in line, line
    assert "Traceback" not in line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["customer", "list", "--bogus"],
            "error: No such option: --bogus — see `shouhou customer list --help`",
        ),
        (["nosuch"], "error: No such command 'nosuch'. — see `shouhou --help`"),
        (
            ["customer", "list", "--limit", "abc"],
            "error: Invalid value for '--limit': Input should be a valid integer, unable to "
            "parse string as an integer — see `shouhou customer list --help`",
        ),
        (
            ["customer", "add", "X", "--zone", "mars"],
            "error: zone 'mars' is not allowed — accepted: local|nearby|remote",
        ),
        (
            ["customer", "list", "--format", "xml"],
            "error: Invalid value for '--format' / '-f': Value error, 'xml' is not one of "
            "'table', 'json', 'csv'. — see `shouhou customer list --help`",
        ),
    ],
)
def test_bad_flags_exit_2_with_one_line(cli: CliRun, args: list[str], expected: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert one_line(result.stderr) == expected


def test_bad_date_exits_2(cli: CliRun) -> None:
    cli("customer", "add", "甲")
    result = cli(
        "device", "add", "--customer", "1", "--model", "M", "--serial", "S", "--accepted", "31/02"
    )
    assert result.exit_code == 2
    assert one_line(result.stderr) == "error: accepted '31/02' is not a date — use YYYY-MM-DD"


def test_bad_calendar_date_exits_2(cli: CliRun) -> None:
    result = cli("calendar", "holiday", "add", "2027-02-30")
    assert result.exit_code == 2
    assert one_line(result.stderr) == "error: date '2027-02-30' is not a date — use YYYY-MM-DD"


def test_unknown_customer_exits_1(cli: CliRun) -> None:
    result = cli("customer", "show", "42")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert one_line(result.stderr) == "error: no customer '42' — check `shouhou customer list`"


def test_errors_in_chinese(cli: CliRun) -> None:
    result = cli("--lang", "zh", "customer", "show", "42")
    assert result.exit_code == 1
    assert one_line(result.stderr) == "错误：找不到客户 '42' — 请查看 `shouhou customer list`"
    usage = cli("--lang", "zh", "customer", "list", "--bogus")
    assert usage.exit_code == 2
    assert one_line(usage.stderr) == (
        "错误：没有选项 --bogus — 请查看 `shouhou customer list --help`"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["customer", "list"],
        ["customer", "show", "1"],
        ["device", "list"],
        ["device", "show", "S1"],
        ["info"],
        ["config", "show"],
        ["calendar", "show"],
    ],
)
def test_read_only_command_on_missing_database(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "sub" / "office.db"
    result = make_cli(str(path))(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert one_line(result.stderr) == f"error: no database at {path} — run `shouhou init`"
    assert not path.exists()
    assert not path.parent.exists()


def test_read_only_command_on_missing_database_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    result = make_cli(str(path))("customer", "list", env={"SHOUHOU_LANG": "zh"})
    assert one_line(result.stderr) == f"错误：{path} 处没有数据库 — 请先运行 `shouhou init`"
    assert not path.exists()


def test_read_only_command_on_blank_server_database(blank_cli: CliRun, blank_db_url: str) -> None:
    """The same on whichever backend the suite runs on; a password is never printed."""
    result = blank_cli("customer", "list")
    assert result.exit_code == 1
    assert (
        result.stderr == f"error: no database at {db.describe(blank_db_url)} — run `shouhou init`\n"
    )
    if backend() == "postgresql":
        from sqlalchemy.engine import make_url

        password = make_url(blank_db_url).password
        assert password and str(password) not in result.stderr
    # ... and it did not create the schema either
    assert db.head_of(blank_db_url) is None


def test_writing_command_creates_the_database(blank_cli: CliRun, blank_db_url: str) -> None:
    result = blank_cli("customer", "add", "甲")
    assert result.exit_code == 0, result.stderr
    assert db.database_exists(blank_db_url)
    assert json.loads(blank_cli("customer", "list", "-f", "json").stdout)[0]["name"] == "甲"


def test_uses_shouhou_db_when_no_flag(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    run = make_cli(None)
    assert run("customer", "add", "甲", env={"SHOUHOU_DB": str(path)}).exit_code == 0
    assert path.exists()
    listed = run("customer", "list", "--format", "json", env={"SHOUHOU_DB": str(path)})
    assert json.loads(listed.stdout)[0]["name"] == "甲"


def corrupt_database(tmp_path: Path) -> Path:
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database, " * 400)
    return path


def test_unexpected_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = make_cli(str(corrupt_database(tmp_path)))("customer", "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert one_line(result.stderr) == (
        "error: unexpected DatabaseError — run with --debug for details"
    )


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = make_cli(str(corrupt_database(tmp_path)))("--debug", "customer", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: unexpected DatabaseError — run with --debug for details\n"
    )
    assert "Traceback (most recent call last)" in result.stderr
    assert "file is not a database" in result.stderr


def test_domain_error_with_debug_also_shows_traceback(cli: CliRun) -> None:
    result = cli("--debug", "customer", "show", "42")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no customer '42'")
    assert "Traceback (most recent call last)" in result.stderr
    assert "NotFound" in result.stderr


def test_failed_command_changes_nothing(cli: CliRun, db_url: str) -> None:
    assert cli("customer", "add", "甲").exit_code == 0
    assert cli("device", "add", "--customer", "1", "--model", "M", "--serial", "S1").exit_code == 0
    bad = cli("device", "add", "--customer", "1", "--model", "M", "--serial", "S1")
    assert bad.exit_code == 1
    zone = cli("customer", "edit", "1", "--name", " ")
    assert zone.exit_code == 2
    with db.session(db_url) as s:
        assert s.exec(select(func.count()).select_from(AuditEntry)).one() == 2
        customer = s.get(Customer, 1)
        assert customer is not None and customer.name == "甲"


@pytest.mark.parametrize("args", [["customer"], ["device"], ["calendar"], ["config"]])
def test_group_without_command_prints_help_and_exits_0(cli: CliRun, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    assert result.stderr == ""


def test_bare_shouhou_prints_help_and_exits_0() -> None:
    result = make_cli(None)()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: shouhou")
    assert "customer" in result.stdout


def test_options_without_a_command_is_a_usage_error(cli: CliRun) -> None:
    result = cli()
    assert result.exit_code == 2
    assert one_line(result.stderr) == "error: Missing command. — see `shouhou --help`"


def test_help_exits_0(cli: CliRun) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert cli("customer", "add", "-h").exit_code == 0
