"""``shouhou report monthly`` and ``report quality`` (CLI.md, issue 14 items 2 and 4) on the fixed
office of ``tests/templates/samples_monthly``; the figures are worked out in its docstring and in
``tests/services/test_report_monthly.py``. The clock is pinned at 2026-11-23 10:00 Shanghai, so
the default month is October 2026."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CliRun, cli_env
from tests.templates import samples_monthly as office


@pytest.fixture
def office_cli(cli: CliRun, db_url: str) -> CliRun:
    from shouhou import db

    with db.session(db_url, write=True) as s:
        office.build(s)
    return cli


def test_monthly_defaults_to_the_last_full_month(office_cli: CliRun) -> None:
    result = office_cli("report", "monthly", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["period"] == {"month": "2026-10"}
    assert document["title"] == "Issue-trend summary 2026-10"
    assert document["summary"] == {
        "faults": 7,
        "faults_previous": 2,
        "faults_year_ago": 2,
        "warning_count": 5,
        "repeat_count": 4,
        "three_strike_count": 3,
        "core_count": 3,
    }
    assert list(document["sections"]) == [
        "by_product_line",
        "by_model",
        "by_category",
        "by_cause",
        "trend",
        "warnings",
        "repeats",
        "three_strikes",
        "cores",
    ]


def test_monthly_json_keeps_codes(office_cli: CliRun) -> None:
    """Machines get the stable codes: rule ``months``, cause ``quality`` (null: undiagnosed),
    verdict ``replace``; none as null."""
    document = json.loads(office_cli("report", "monthly", "--format", "json").stdout)
    sections = document["sections"]
    assert sections["warnings"]["rows"][0] == {
        "model": "GA37",
        "category": "过热",
        "rule": "months",
        "periods": 2,
        "faults": 4,
        "history": "2026-09: 1, 2026-10: 3",
    }
    assert [r["cause"] for r in sections["by_cause"]["rows"]][:2] == [None, "quality"]
    assert [r["verdict"] for r in sections["three_strikes"]["rows"]] == [
        "replace_next",
        "replace_next",
        "replace",
    ]
    assert sections["by_product_line"]["rows"][-1]["product_line"] is None


def test_monthly_warnings_as_csv(office_cli: CliRun) -> None:
    """``--section warnings --format csv``: one tidy table, header = the column keys."""
    result = office_cli(
        "report", "monthly", "--month", "2026-10", "--format", "csv", "--section", "warnings"
    )
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["model", "category", "rule", "periods", "faults", "history"],
        ["GA37", "过热", "months", "2", "4", "2026-09: 1, 2026-10: 3"],
        ["GA37", "过热", "quarters", "2", "4", "2026-Q3: 1, 2026-Q4: 3"],
        ["KS-200", "显示故障", "quarters", "2", "3", "2026-Q3: 1, 2026-Q4: 2"],
        ["GA37", "过热", "years", "3", "5", "2024-10: 1, 2025-10: 1, 2026-10: 3"],
        ["KS-200", "显示故障", "years", "2", "3", "2025-10: 1, 2026-10: 2"],
    ]


def test_monthly_in_chinese(office_cli: CliRun) -> None:
    result = office_cli("--lang", "zh", "report", "monthly", "--section", "warnings")
    assert result.exit_code == 0, result.output
    assert "问题趋势月报 2026-10" in result.stdout
    assert "连续出现的问题预警" in result.stdout
    assert "连续年份同月" in result.stdout
    assert "2024-10: 1, 2025-10: 1, 2026-10: 3" in result.stdout


def test_month_in_chinese_spelling(office_cli: CliRun) -> None:
    result = office_cli("report", "monthly", "--month", "2026年9月", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["faults"] == 2  # sga, sks


@pytest.mark.parametrize("command", ["monthly", "quality"])
def test_a_bad_month_is_a_usage_error(office_cli: CliRun, command: str) -> None:
    result = office_cli("report", command, "--month", "2026-13")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: '2026-13' is not a month — give it as YYYY-MM, e.g. 2026-11"
    )
    zh = office_cli("--lang", "zh", "report", command, "--month", "十月")
    assert zh.exit_code == 2
    assert zh.stderr.strip() == "错误：“十月”不是月份 — 请按 YYYY-MM 格式填写，例如 2026-11"


def test_an_empty_month_exits_0_and_says_so(office_cli: CliRun) -> None:
    result = office_cli("report", "monthly", "--month", "2020-01")
    assert result.exit_code == 0, result.output
    assert "No faults, warnings, repeat repairs or old parts owed in 2020-01." in result.stdout
    data = json.loads(office_cli("report", "monthly", "--month", "2020-01", "-f", "json").stdout)
    assert data["empty"] is True
    assert data["sections"]["by_model"]["rows"] == []


def test_monthly_to_a_private_file(office_cli: CliRun, tmp_path: Path) -> None:
    target = tmp_path / "2026-10.html"
    result = office_cli("report", "monthly", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "<svg" in html  # the 12-month trend as a line chart
    assert "Faults over 12 months" in html
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_unknown_section_lists_the_names(office_cli: CliRun) -> None:
    result = office_cli("report", "monthly", "--section", "nope")
    assert result.exit_code == 2
    assert "three_strikes" in result.stderr and "warnings" in result.stderr


def test_no_database_is_not_created(tmp_path: Path, cli: CliRun) -> None:
    missing = tmp_path / "none.db"
    result = cli("report", "monthly", db=str(missing))
    assert result.exit_code == 1
    assert "no database" in result.stderr
    assert not missing.exists()


# -- quality ------------------------------------------------------------------------------------


def test_quality_json(office_cli: CliRun) -> None:
    """t1, t2 (quality) and t3 (design) of the 7 faults; P-100 fitted on t1 and t2."""
    result = office_cli("report", "quality", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["title"] == "Quality problems 2026-10"
    assert document["summary"] == {
        "tickets_count": 3,
        "share": 0.4286,
        "models_count": 2,
        "devices_count": 3,
    }
    models = document["sections"]["by_model"]["rows"]
    assert models[0] == {
        "product_line": "空压机",
        "model": "GA37",
        "tickets": 2,
        "design": 0,
        "quality": 2,
        "supplier_part": 0,
        "devices": 2,
    }
    parts = document["sections"]["by_part"]["rows"]
    assert parts[0] == {
        "part": "P-100",
        "name": "压缩机头",
        "quantity": "2.00",
        "tickets": 2,
        "models": "GA37 (2)",
    }


def test_quality_by_part_csv(office_cli: CliRun) -> None:
    result = office_cli("report", "quality", "--format", "csv", "--section", "by_part")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "part,name,quantity,tickets,models\n"
        "P-100,压缩机头,2.00,2,GA37 (2)\n"
        ",密封圈,2.00,1,GA37 (1)\n"
        ",显示板,1.00,1,KS-200 (1)\n"
    )


def test_quality_in_chinese(office_cli: CliRun) -> None:
    result = office_cli("--lang", "zh", "report", "quality")
    assert result.exit_code == 0, result.output
    assert "质量问题报表 2026-10" in result.stdout
    assert "占本月故障比例  42.9%" in result.stdout
    assert "制造质量" in result.stdout  # the cause, in Chinese


def test_quality_empty_month(office_cli: CliRun) -> None:
    result = office_cli("report", "quality", "--month", "2026-08")
    assert result.exit_code == 0, result.output
    assert "No quality problems in 2026-08." in result.stdout


# -- the installed entry point --------------------------------------------------------------


def test_entry_point_runs_report_monthly(office_cli: CliRun, db_url: str) -> None:
    """The installed ``shouhou`` in a subprocess, as cron runs it: text to a pipe, exit 0."""
    env = {k: v for k, v in {**os.environ, **cli_env()}.items() if v is not None}
    binary = Path(sys.executable).parent / "shouhou"
    done = subprocess.run(
        [str(binary), "--db", db_url, "report", "monthly", "--section", "summary"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Faults in the month              7" in done.stdout
    assert "\x1b[" not in done.stdout
