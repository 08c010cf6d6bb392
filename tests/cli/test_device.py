"""``shouhou device``: add, list, show, contract — unique serials, warranty lines, formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import func, select

from shouhou import db
from shouhou.models import AuditEntry, Device
from tests.conftest import CliRun


@pytest.fixture
def cli1(cli: CliRun) -> CliRun:
    """The CLI on a database with customer 1."""
    result = cli("customer", "add", "天津天控科技有限公司", "--phone", "022-12345678")
    assert result.exit_code == 0, result.stderr
    return cli


def add(cli: CliRun, *args: str) -> dict[str, object]:
    result = cli("device", "add", "--customer", "1", "--model", "KS-200", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def device_count(url: str) -> int:
    with db.session(url) as s:
        return s.exec(select(func.count()).select_from(Device)).one()


def test_done_when_duplicate_serial_fails_and_one_device_remains(cli1: CliRun, db_url: str) -> None:
    """Issue "Foundation", done-when: ``device add … --serial S1`` twice → exit 1, one device."""
    first = cli1("device", "add", "--customer", "1", "--model", "KS-200", "--serial", "S1")
    assert first.exit_code == 0, first.stderr
    assert first.stdout == "Registered device 1: serial S1\n"
    second = cli1("device", "add", "--customer", "1", "--model", "KS-200", "--serial", "S1")
    assert second.exit_code == 1
    assert second.stdout == ""
    assert second.stderr == (
        "error: serial S1 already exists — serial numbers are unique; "
        "see `shouhou device show S1`\n"
    )
    assert device_count(db_url) == 1
    with db.session(db_url) as s:  # the failed command left no audit entry either
        entries = s.exec(select(AuditEntry).where(AuditEntry.entity == "device")).all()
    assert len(entries) == 1


def test_duplicate_serial_in_chinese(cli1: CliRun) -> None:
    add(cli1, "--serial", "S1")
    result = cli1(
        "--lang", "zh", "device", "add", "--customer", "1", "--model", "M", "--serial", "S1"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "错误：出厂编号 S1 已存在 — 编号必须唯一；请查看 `shouhou device show S1`\n"
    )


def test_add_json_has_warranty_per_component(cli1: CliRun) -> None:
    record = add(
        cli1,
        "--serial",
        "S1",
        "--brand",
        "天控",
        "--accepted",
        "2024-01-31",
        "--purchase-date",
        "2024/01/10",
        "--factory-date",
        "2023年12月20日",
        "--component",
        "motor:120",
        "--component",
        "电气:12",
    )
    assert record["customer_id"] == 1
    assert record["accepted_on"] == "2024-01-31"
    assert record["purchase_date"] == "2024-01-10"
    assert record["factory_date"] == "2023-12-20"
    assert record["warranty_state"] == "expired"
    assert record["warranty"] == [
        {"component": "unit", "months": 24, "until": "2026-01-30", "in_warranty": False},
        {"component": "motor", "months": 120, "until": "2034-01-30", "in_warranty": True},
        {"component": "电气", "months": 12, "until": "2025-01-30", "in_warranty": False},
    ]
    assert record["contract_until"] is None


def test_default_warranty_months_come_from_config(cli1: CliRun) -> None:
    assert add(cli1, "--serial", "S1", "--accepted", "2026-01-01")["warranty"][0]["months"] == 24
    assert cli1("config", "set", "warranty.months", "36").exit_code == 0
    record = add(cli1, "--serial", "S2", "--accepted", "2026-01-01")
    assert record["warranty"][0] == {
        "component": "unit",
        "months": 36,
        "until": "2028-12-31",
        "in_warranty": True,
    }
    explicit = add(cli1, "--serial", "S3", "--accepted", "2026-01-01", "--warranty-months", "6")
    assert explicit["warranty"][0]["until"] == "2026-06-30"


def test_warranty_is_judged_on_the_local_date(cli1: CliRun) -> None:
    """00:30 in Shanghai on 24 Nov is still 23 Nov in UTC: the local day decides."""
    env = {"SHOUHOU_NOW": "2026-11-23T16:30:00+00:00"}
    args = ("device", "add", "--customer", "1", "--model", "M", "--serial", "S1")
    added = cli1(*args, "--accepted", "2024-11-24", "--format", "json", env=env)
    assert added.exit_code == 0, added.stderr
    shown = json.loads(cli1("device", "show", "S1", "--format", "json", env=env).stdout)
    assert shown["warranty"][0]["until"] == "2026-11-23"
    assert shown["warranty_state"] == "expired"
    assert json.loads(added.stdout)["warranty_state"] == "expired"


def test_add_unknown_customer(cli: CliRun, db_url: str) -> None:
    result = cli("device", "add", "--customer", "5", "--model", "M", "--serial", "S1")
    assert result.exit_code == 1
    assert result.stderr == "error: no customer '5' — check `shouhou customer list`\n"
    assert device_count(db_url) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--accepted", "2026-13-45"],
            "error: accepted '2026-13-45' is not a date — use YYYY-MM-DD\n",
        ),
        (
            ["--factory-date", "yesterday-ish"],
            "error: factory-date 'yesterday-ish' is not a date — use YYYY-MM-DD\n",
        ),
        (
            ["--component", "motor"],
            "error: component 'motor' is not NAME:MONTHS — e.g. motor:120\n",
        ),
        (
            ["--component", "motor:1", "--component", "motor:2"],
            "error: component names repeat (motor, motor) — give each once\n",
        ),
    ],
)
def test_add_bad_input_is_a_usage_error(
    cli1: CliRun, db_url: str, args: list[str], message: str
) -> None:
    result = cli1("device", "add", "--customer", "1", "--model", "M", "--serial", "S1", *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert device_count(db_url) == 0


def test_add_missing_required_option(cli1: CliRun) -> None:
    result = cli1("device", "add", "--customer", "1", "--model", "M")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: Missing option '--serial'")
    assert result.stderr.rstrip().endswith("see `shouhou device add --help`")


def test_add_negative_warranty_months(cli1: CliRun) -> None:
    result = cli1(
        "device",
        "add",
        "--customer",
        "1",
        "--model",
        "M",
        "--serial",
        "S",
        "--warranty-months",
        "-1",
    )
    assert result.exit_code == 2
    assert "--warranty-months" in result.stderr


def test_list_plain_json_csv_and_filter(cli1: CliRun) -> None:
    assert cli1("customer", "add", "乙公司").exit_code == 0
    add(cli1, "--serial", "S1", "--accepted", "2025-03-01")
    cli1("device", "add", "--customer", "2", "--model", "GX", "--serial", "B-7")
    plain = cli1("device", "list")
    assert plain.exit_code == 0
    header, first, second = plain.stdout.splitlines()
    assert header.split() == [
        "ID",
        "Serial",
        "Customer",
        "Brand",
        "Model",
        "Accepted",
        "Warranty",
        "Contract",
        "until",
    ]
    assert first.split() == ["1", "S1", "1", "KS-200", "2025-03-01", "in", "warranty"]
    assert second.split() == ["2", "B-7", "2", "GX", "unknown"]
    rows = json.loads(cli1("device", "list", "--format", "json").stdout)
    assert [r["serial"] for r in rows] == ["S1", "B-7"]
    only = json.loads(cli1("device", "list", "--customer", "2", "--format", "json").stdout)
    assert [r["serial"] for r in only] == ["B-7"]
    table = list(csv.DictReader(io.StringIO(cli1("device", "list", "--format", "csv").stdout)))
    assert table[0]["serial"] == "S1"
    assert table[0]["warranty_state"] == "in_warranty"
    assert json.loads(table[0]["warranty"]) == {
        "component": "unit",
        "months": 24,
        "until": "2027-02-28",
        "in_warranty": True,
    }


def test_show_by_serial_or_id(cli1: CliRun) -> None:
    add(cli1, "--serial", "S1", "--accepted", "2024-01-31", "--component", "motor:120")
    by_serial = cli1("device", "show", "S1")
    by_id = cli1("device", "show", "1")
    assert by_serial.exit_code == 0, by_serial.stderr
    assert by_serial.stdout == by_id.stdout
    text = by_serial.stdout
    assert "== Device ==" in text
    assert "Customer        1 天津天控科技有限公司" in text
    warranty = text.split("== Warranty ==\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert warranty == [
        "whole unit (24 months)  expired on 2026-01-30",
        "motor (120 months)      in warranty until 2034-01-30",
    ]
    assert "== Audit trail ==" in text


def test_show_unknown_device(cli1: CliRun) -> None:
    result = cli1("device", "show", "NOPE")
    assert result.exit_code == 1
    assert result.stderr == "error: no device 'NOPE' — give a device id or serial number\n"


def test_contract_extends_coverage_and_is_audited(cli1: CliRun) -> None:
    add(cli1, "--serial", "S1", "--accepted", "2024-01-31")
    result = cli1("--as", "经理", "device", "contract", "S1", "--until", "2028-12-31")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Service contract for S1 runs until 2028-12-31\n"
    record = json.loads(cli1("device", "show", "S1", "--format", "json").stdout)
    assert record["contract_until"] == "2028-12-31"
    assert record["warranty_state"] == "under_contract"
    assert record["timeline"][-1]["actor"] == "经理"
    assert record["timeline"][-1]["action"] == "contract"
    assert record["timeline"][-1]["changes"] == {"contract_until": [None, "2028-12-31"]}
    text = cli1("device", "show", "S1").stdout
    assert "expired on 2026-01-30; under contract until 2028-12-31" in text
    zh = cli1("--lang", "zh", "device", "show", "S1").stdout
    assert "已于 2026-01-30 过保；维保合同至 2028-12-31" in zh


def test_contract_bad_date_and_unknown_device(cli1: CliRun) -> None:
    add(cli1, "--serial", "S1")
    bad = cli1("device", "contract", "S1", "--until", "someday")
    assert bad.exit_code == 2
    assert bad.stderr == "error: until 'someday' is not a date — use YYYY-MM-DD\n"
    missing = cli1("device", "contract", "S2", "--until", "2028-01-01")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("error: no device 'S2'")


def test_show_unknown_start_says_so(cli1: CliRun) -> None:
    add(cli1, "--serial", "S1")
    text = cli1("device", "show", "S1").stdout
    assert "whole unit (24 months)  unknown: no acceptance or purchase date" in text
