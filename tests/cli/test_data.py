"""``shouhou import | export | backup | restore`` through the CLI: exit codes, messages, files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from shouhou import db
from tests.conftest import CliRun, cli_env, make_cli

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CUSTOMER_CSV = FIXTURES / "customers-gb18030.csv"
EXPECTED_TABLES = {
    "customer",
    "device",
    "devicecomponent",
    "audit_entry",
    "setting",
    "ticket",
    "ticket_event",
    "charge_line",
    "loan",
    "return_record",
    "calendar_day",
    "counter",
    "part",
}
FORMULA = '=HYPERLINK("http://evil.example","点我")'


def one_line_error(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith(("error: ", "错误：")), text
    assert " — " in lines[0], text
    return lines[0]


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def count_rows(url: str, table: str) -> int:
    from sqlalchemy import func, select

    from shouhou.services.data.exporting import get_table

    with db.session(url) as s:
        return int(s.execute(select(func.count()).select_from(get_table(table))).scalar_one())


# -- import -----------------------------------------------------------------------------------


def test_import_dry_run_then_import_then_rerun(cli: CliRun, db_url: str) -> None:
    dry = cli("import", "customers", str(CUSTOMER_CSV), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Dry run, nothing written" in dry.stdout
    assert "3 would be created" in dry.stdout
    assert count_rows(db_url, "customer") == 0

    real = cli("import", "customers", str(CUSTOMER_CSV))
    assert real.exit_code == 0, real.output
    assert real.stdout.strip() == (
        "Imported customers from customers-gb18030.csv: 3 created, 0 updated, 0 unchanged (3 rows)"
    )
    assert real.stderr == ""  # no progress bar without a terminal

    again = cli("import", "customers", str(CUSTOMER_CSV))
    assert again.exit_code == 0
    assert "0 created, 0 updated, 3 unchanged" in again.stdout
    assert count_rows(db_url, "customer") == 3
    assert count_rows(db_url, "audit_entry") == 2


def test_import_with_bad_rows_exits_1_and_writes_nothing(
    cli: CliRun, db_url: str, tmp_path: Path
) -> None:
    rows = [
        ["出厂编号", "型号", "客户名称", "验收日期", "保修月数"],
        ["SN1", "TK-200", "甲公司", "2026-01-01", "24"],
        ["SN2", "TK-200", "甲公司", "2026-02-30", "24"],
        ["SN3", "", "甲公司", "", "两年"],
    ]
    path = write_csv(tmp_path / "d.csv", rows)
    result = cli("import", "devices", str(path))
    assert result.exit_code == 1
    error = one_line_error(result.stderr)
    assert error == (
        "error: 3 problem(s) in 2 row(s) — nothing was imported; "
        "fix the rows listed above and run again"
    )
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Row", "Column", "Value", "Problem"]
    assert lines[1].startswith("3    验收日期  2026-02-30  not a date")
    assert "型号" in lines[2] and "must be filled in" in lines[2]
    assert "保修月数" in lines[3] and "两年" in lines[3]
    assert count_rows(db_url, "device") == 0
    assert count_rows(db_url, "customer") == 0
    assert count_rows(db_url, "audit_entry") == 0

    dry = cli("import", "devices", str(path), "--dry-run", "--format", "json")
    assert dry.exit_code == 1
    report = json.loads(dry.stdout)
    assert [(p["row"], p["column"], p["key"]) for p in report] == [
        (3, "验收日期", "problem.bad_date"),
        (4, "型号", "problem.required"),
        (4, "保修月数", "problem.bad_int"),
    ]
    assert one_line_error(dry.stderr).startswith("error: 3 problem(s) in 2 row(s) — fix the rows")


def test_import_report_in_chinese(cli: CliRun, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["客户名称", "区域"], ["甲", "火星"]])
    result = cli("--lang", "zh", "import", "customers", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].split() == ["行", "列", "内容", "问题"]
    assert "无效 — 可选：local|本地" in result.stdout
    assert one_line_error(result.stderr).startswith("错误：1 行共 1 处问题 — 未导入任何数据")


def test_import_map_and_ignored_columns(cli: CliRun, db_url: str, tmp_path: Path) -> None:
    rows = [["单位", "手机号码", "业务员"], ["甲公司", "13800138000", "小王"]]
    path = write_csv(tmp_path / "c.csv", rows)
    missing = cli("import", "customers", str(path))
    assert missing.exit_code == 2
    assert one_line_error(missing.stderr) == (
        "error: no column for name — name a column name, 客户名称, 单位名称, 客户, 用户名称, "
        "customer, customer name, or pass --map COLUMN=name"
    )
    result = cli("import", "customers", str(path), "--map", "单位=name", "--map", "手机号码=phone")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (
        "note: ignored columns: 业务员 (use --map COLUMN=FIELD to import one)"
    )
    assert count_rows(db_url, "customer") == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["import", "visits", "x.csv"], "error: Invalid value for"),
        (["import", "customers", "nope.csv"], "error: no file nope.csv — check the path"),
        (["import", "customers", "bad.ods"], "error: bad.ods is a .ods file — save it"),
        (["import", "customers", "c.csv", "--map", "单位"], "error: --map '单位' is not COLUMN"),
        (["import", "customers", "c.csv", "--map", "客户名称=colour"], "error: --map field"),
        (["import", "customers", "c.csv", "--map", "机号=name"], "error: --map column '机号'"),
    ],
)
def test_import_usage_errors_exit_2(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path / "c.csv", [["客户名称"], ["甲"]])
    (tmp_path / "bad.ods").write_bytes(b"PK")
    result = cli(*args)
    assert result.exit_code == 2, result.output
    line = one_line_error(result.stderr)
    if args[1] == "visits":
        assert "parts" in line and "customers" in line
    else:
        assert line.startswith(expected), line


def test_import_xlsx_sheet(cli: CliRun, db_url: str, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "说明"
    first.append(["本表用于导入"])
    sheet = workbook.create_sheet("设备")
    sheet.append(["出厂编号", "型号", "客户名称", "联系电话", "验收日期"])
    sheet.append(["SN1", "TK-200", "甲公司", 13800138000, datetime(2026, 1, 5)])
    path = tmp_path / "d.xlsx"
    workbook.save(path)
    result = cli("import", "devices", str(path), "--sheet", "设备")
    assert result.exit_code == 0, result.output
    assert "1 created" in result.stdout
    assert "Also opened 1 customer file(s)" in result.stdout
    wrong = cli("import", "devices", str(path), "--sheet", "客户")
    assert wrong.exit_code == 2
    assert one_line_error(wrong.stderr).startswith("error: no sheet '客户'")
    assert count_rows(db_url, "device") == 1


def test_import_tickets_cli(cli: CliRun, db_url: str, tmp_path: Path) -> None:
    cli("customer", "add", "甲公司", "--phone", "1")
    rows = [
        ["外部单号", "客户名称", "故障等级", "故障现象", "受理时间"],
        ["W-1", "甲公司", "2", "不启动", "2026-11-20 09:00"],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    dry = cli("import", "tickets", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert count_rows(db_url, "ticket") == 0
    real = cli("import", "tickets", str(path))
    assert real.exit_code == 0, real.output
    assert "1 created" in real.stdout
    again = cli("import", "tickets", str(path))
    assert "1 unchanged" in again.stdout
    assert count_rows(db_url, "ticket") == 1


def test_export_then_import_round_trip(cli: CliRun, db_url: str, tmp_path: Path) -> None:
    cli("customer", "add", FORMULA, "--phone", "+86 22 1234", "--address", "@home")
    exported = tmp_path / "customer.csv"
    result = cli("export", "customer", "--excel", "--output", str(exported))
    assert result.exit_code == 0, result.output
    back = cli("import", "customers", str(exported))
    assert back.exit_code == 0, back.output
    assert "0 created, 0 updated, 1 unchanged" in back.stdout


# -- export -----------------------------------------------------------------------------------


def _value_for(column: Any, *, index: int) -> Any:
    """A value for any column type; text looks like a formula, integers are negative."""
    from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, TypeDecorator

    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if column.foreign_keys:
        return 1
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, DateTime):
        return datetime(2026, 11, 23, 14, 30, tzinfo=SHANGHAI)
    if isinstance(kind, Date):
        return date(2026, 11, 23)
    if isinstance(kind, Integer):
        return -5
    if isinstance(kind, String | Text):
        length = getattr(kind, "length", None)
        text = FORMULA if column.primary_key is False else f"={index}"
        return text[:length] if length else text
    raise AssertionError(f"no test value for {column.table.name}.{column.name}: {kind!r}")


def fill_every_table(url: str) -> None:
    """One row in every table of the schema (new tables are covered automatically)."""
    from sqlalchemy import Integer, insert
    from sqlmodel import SQLModel

    import shouhou.models  # noqa: F401

    with db.session(url, write=True) as s:
        conn = s.connection()
        for index, table in enumerate(SQLModel.metadata.sorted_tables):
            values = {
                column.name: _value_for(column, index=index)
                for column in table.columns
                if not (column.primary_key and isinstance(column.type, Integer))
            }
            conn.execute(insert(table), [values])


def test_every_table_is_exportable(cli: CliRun) -> None:
    from shouhou.services.data.exporting import table_names

    assert EXPECTED_TABLES <= set(table_names())
    result = cli("export", "nope")
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert line.startswith("error: no table 'nope' — accepted: customer, device, ")
    for name in EXPECTED_TABLES:
        assert name in line


def test_export_every_table_as_csv(cli: CliRun, db_url: str, tmp_path: Path) -> None:
    from shouhou.services.data.exporting import column_names, get_table, table_names

    fill_every_table(db_url)
    for name in table_names():
        result = cli("export", name, "--format", "csv")
        assert result.exit_code == 0, (name, result.output)
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0] == column_names(get_table(name)), name
        assert len(rows) == 2, name
        record = dict(zip(rows[0], rows[1], strict=True))
        for column in get_table(name).columns:
            value = record[column.name]
            if value.startswith("'"):
                assert value[1:].startswith(("=", "+", "-", "@")), (name, column.name)
            assert not value.startswith(("=", "+", "@")), (name, column.name, value)
            if value.startswith("-"):
                assert value == "-5"  # numbers are not neutralised
        dated = [v for v in record.values() if "T14:30" in v or "T06:30" in v]
        for value in dated:
            assert value.endswith("+00:00") and "T06:30:00" in value


def test_export_csv_neutralises_formulas_and_excel_bom(
    cli: CliRun, db_url: str, tmp_path: Path
) -> None:
    cli(
        "customer",
        "add",
        FORMULA,
        "--phone",
        "+86 22 1234",
        "--address",
        "@home",
        "--contact",
        "-x",
    )
    plain = cli("export", "customer")
    assert not plain.stdout.startswith("\ufeff")
    record = next(csv.DictReader(io.StringIO(plain.stdout)))
    assert record["name"] == "'" + FORMULA
    assert record["phone"] == "'+86 22 1234"
    assert record["address"] == "'@home"
    assert record["contact"] == "'-x"
    assert record["key_customer"] == "false"
    assert record["created_at"] == "2026-11-23T02:00:00+00:00"  # 10:00 Shanghai, in UTC

    target = tmp_path / "客户.csv"
    result = cli("export", "customer", "--excel", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout.strip() == f"Exported 1 row(s) of customer to {target}"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,name,")
    assert b"\r\n" in data
    assert "'=HYPERLINK" in data.decode("utf-8-sig")


def test_export_every_table_as_json(cli: CliRun, db_url: str) -> None:
    from shouhou.services.data.exporting import column_names, get_table, table_names

    fill_every_table(db_url)
    for name in table_names():
        result = cli("export", name, "--format", "json")
        assert result.exit_code == 0, (name, result.output)
        records = json.loads(result.stdout)
        assert len(records) == 1, name
        assert list(records[0]) == column_names(get_table(name))
        for column in get_table(name).columns:
            value = records[0][column.name]
            if isinstance(value, str) and value.startswith("2026-11-23T"):
                assert value == "2026-11-23T06:30:00+00:00"


def test_export_empty_table_json_and_csv(cli: CliRun) -> None:
    assert json.loads(cli("export", "loan", "--format", "json").stdout) == []
    assert cli("export", "loan").stdout == "id,ticket_id,unit_serial,lent_at,returned_at\n"


def test_export_every_table_as_xlsx(cli: CliRun, db_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from shouhou.services.data.exporting import column_names, get_table, table_names

    fill_every_table(db_url)
    for name in table_names():
        target = tmp_path / f"{name}.xlsx"
        result = cli("export", name, "--format", "xlsx", "--output", str(target))
        assert result.exit_code == 0, (name, result.output)
        workbook = load_workbook(target)
        sheet = workbook.active
        assert sheet is not None and sheet.title == name
        rows = list(sheet.iter_rows())
        assert [c.value for c in rows[0]] == column_names(get_table(name))
        assert len(rows) == 2
        for cell in rows[1]:
            assert cell.data_type != "f", (name, cell.value)  # never a live formula
            if isinstance(cell.value, datetime):
                # times in UTC, naive for Excel; dates come back as midnight
                assert cell.value in (datetime(2026, 11, 23, 6, 30), datetime(2026, 11, 23))
        if name == "customer":
            assert rows[1][1].value == FORMULA  # the text itself, stored as a string
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "customer", "--format", "xlsx"], "error: --format xlsx writes a binary file"),
        (["export", "customer", "--format", "json", "--excel"], "error: --excel applies to"),
        (["export", "customer", "--format", "pdf"], "error: Invalid value for '--format'"),
        (["export", "customer", "-o", "no/such/dir/x.csv"], "error: folder no/such/dir"),
    ],
)
def test_export_usage_errors(cli: CliRun, args: list[str], expected: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert one_line_error(result.stderr).startswith(expected)


def test_export_on_missing_database_is_read_only(tmp_path: Path) -> None:
    run = make_cli("sqlite:///" + str(tmp_path / "none.db"))
    result = run("export", "customer")
    assert result.exit_code == 1
    assert one_line_error(result.stderr).startswith("error: no database at")
    assert not (tmp_path / "none.db").exists() or (tmp_path / "none.db").stat().st_size == 0


# -- backup / restore -------------------------------------------------------------------------


@pytest.fixture
def _data_sqlite(tmp_path: Path) -> tuple[CliRun, Path]:
    live = tmp_path / "shouhou.db"
    run = make_cli("sqlite:///" + str(live))
    assert run("customer", "add", "甲公司").exit_code == 0
    yield run, live
    db.dispose_all()


def test_backup_and_restore_cli(_data_sqlite: tuple[CliRun, Path], tmp_path: Path) -> None:
    run, live = _data_sqlite
    target = tmp_path / "backup.db"
    result = run("backup", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Backed up {live} to {target} (")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    again = run("backup", str(target))
    assert again.exit_code == 1
    assert one_line_error(again.stderr) == (
        f"error: {target} already exists — pass --force to replace it, or choose another name"
    )
    assert run("backup", str(target), "--force").exit_code == 0

    run("customer", "add", "乙公司")
    refused = run("restore", str(target))
    assert refused.exit_code == 2
    assert "pass --yes" in one_line_error(refused.stderr)
    assert len(json.loads(run("customer", "list", "--format", "json").stdout)) == 2

    restored = run("restore", str(target), "--yes")
    assert restored.exit_code == 0, restored.output
    lines = restored.stdout.splitlines()
    assert lines[0].startswith(f"Restored {target} into {live}")
    assert lines[1] == f"The replaced database was kept as {live}.bak-20261123-1000"
    names = [c["name"] for c in json.loads(run("customer", "list", "--format", "json").stdout)]
    assert names == ["甲公司"]


def test_restore_refusals_cli(_data_sqlite: tuple[CliRun, Path], tmp_path: Path) -> None:
    run, live = _data_sqlite
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"x" * 4096)
    bad = run("restore", str(junk), "--yes")
    assert bad.exit_code == 1
    assert one_line_error(bad.stderr).startswith(f"error: {junk} is not a readable SQLite")
    missing = run("restore", str(tmp_path / "none.db"), "--yes")
    assert missing.exit_code == 2
    assert one_line_error(missing.stderr).startswith("error: no file")
    assert not list(tmp_path.glob("shouhou.db.bak-*"))


@pytest.mark.parametrize(("command", "tool"), [("backup", "pg_dump"), ("restore", "pg_restore")])
def test_postgresql_is_sent_to_its_own_tools(tmp_path: Path, command: str, tool: str) -> None:
    run = make_cli("postgresql+psycopg://clerk:secret@db.example/shouhou")
    result = run(command, str(tmp_path / "x.dump"), "--yes" if command == "restore" else "--force")
    assert result.exit_code == 1, result.output
    line = one_line_error(result.stderr)
    assert f"use {tool}" in line
    assert "secret" not in line


def test_commands_have_help_with_example(cli: CliRun) -> None:
    for command in ("import", "export", "backup", "restore"):
        result = cli(command, "--help")
        assert result.exit_code == 0
        assert "Example: shouhou " + command in result.stdout


# -- the installed entry point ----------------------------------------------------------------


def test_installed_entry_point_imports_and_exports(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("shouhou")
    if not exe.exists():
        pytest.skip("the shouhou console script is not installed next to this python")
    env = {k: v for k, v in cli_env().items() if v is not None}
    env = {**{k: v for k, v in os.environ.items() if k not in cli_env()}, **env}
    database = tmp_path / "e2e.db"
    base = [str(exe), "--db", str(database)]
    imported = subprocess.run(
        [*base, "import", "devices", str(FIXTURES / "devices.xlsx")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    assert "3 created" in imported.stdout
    exported = subprocess.run(
        [*base, "export", "device", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    assert {d["serial"] for d in json.loads(exported.stdout)} == {
        "TK20260001",
        "TK20260002",
        "20260003",
    }
