"""``shouhou db copy``: the SQLite file into a new database (PostgreSQL in the second CI run),
ids and references intact, the target's sequences ready for new rows."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRun, make_cli


def _fill(source: CliRun) -> None:
    assert (
        source("customer", "add", "天津天控科技有限公司", "--phone", "022-12345678").exit_code == 0
    )
    assert source("customer", "add", "Maple Leaf Textiles", "--zone", "remote").exit_code == 0
    for serial, customer in (("S1", "1"), ("S2", "2")):
        result = source(
            "device",
            "add",
            "--customer",
            customer,
            "--model",
            "KS-200",
            "--serial",
            serial,
            "--accepted",
            "2026-03-01",
            "--component",
            "电机:120",
        )
        assert result.exit_code == 0, result.output
    result = source(
        "ticket",
        "new",
        "--device",
        "S2",
        "--severity",
        "2",
        "--symptom",
        "排气温度高",
    )
    assert result.exit_code == 0, result.output
    assert source("ticket", "assign", "1", "王工").exit_code == 0
    result = source("import", "parts", str(Path(__file__).parents[2] / "examples/import/parts.csv"))
    assert result.exit_code == 0, result.output


def _table(cli: CliRun, name: str) -> list[dict[str, object]]:
    result = cli("export", name, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_copy_keeps_every_row_and_id(tmp_path: Path, blank_db_url: str) -> None:
    source = make_cli("sqlite:///" + str(tmp_path / "office.db"))
    _fill(source)
    target = make_cli(blank_db_url)

    result = source("db", "copy", blank_db_url)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Copied ")
    assert "pw@" not in result.stdout  # no password in the message

    for table in (
        "customer",
        "device",
        "devicecomponent",
        "ticket",
        "ticket_event",
        "part",
        "audit_entry",
        "counter",
        "setting",
    ):
        assert _table(target, table) == _table(source, table), table

    shown = json.loads(target("ticket", "show", "1", "--format", "json").stdout)
    assert shown["customer_id"] == 2 and shown["assignee"] == "王工"
    # New rows continue after the copied ids (PostgreSQL sequences moved on).
    assert target("customer", "add", "新客户").stdout.startswith("Created customer 3")
    result = target("ticket", "new", "--device", "S1", "--severity", "3", "--symptom", "异响")
    assert result.exit_code == 0, result.output
    assert "SH2611-0002" in result.stdout


def test_copy_refuses_a_target_with_data_and_the_same_database(
    tmp_path: Path, blank_db_url: str
) -> None:
    source = make_cli("sqlite:///" + str(tmp_path / "office.db"))
    _fill(source)
    assert source("db", "copy", blank_db_url).exit_code == 0
    before = _table(make_cli(blank_db_url), "customer")

    again = source("db", "copy", blank_db_url)
    assert again.exit_code == 1
    assert again.stderr.startswith("error: ") and "already holds data" in again.stderr
    assert _table(make_cli(blank_db_url), "customer") == before

    same = source("db", "copy", str(tmp_path / "office.db"))
    assert same.exit_code == 2
    assert "database in use" in same.stderr


def test_copy_from_a_missing_database_is_refused(tmp_path: Path) -> None:
    source = make_cli("sqlite:///" + str(tmp_path / "none.db"))
    result = source("db", "copy", str(tmp_path / "new.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no database")
    assert not (tmp_path / "new.db").exists()
