"""``shouhou report kpi`` and ``report yearly``: the period and grouping options, the
defaults, errors (exit 2, message) and KPIs of tickets made through the real commands
(issue 14 items 3 and 4). The numbers themselves are checked by hand in
tests/services/test_kpi.py on the same dataset."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shouhou import db
from tests.conftest import CliRun
from tests.services.test_kpi import october
from tests.services.test_report_yearly import year_2025


@pytest.fixture
def oct_cli(cli: CliRun, db_url: str) -> CliRun:
    with db.session(db_url, write=True) as s:
        october(s)
    return cli


def as_json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_default_period_is_the_last_full_month(oct_cli: CliRun) -> None:
    """Now is 23 Nov 2026 → October: 7 requests, resolution 3/6 (tests/services/test_kpi)."""
    report = as_json(oct_cli("report", "kpi", "--format", "json"))
    assert report["period"] == {"from": "2026-10-01", "to": "2026-10-31"}
    assert report["summary"]["received"] == 7
    assert report["summary"]["resolution_rate"] == 0.5
    assert report["empty"] is False
    assert list(report["sections"]) == [
        "resolution",
        "timeliness",
        "satisfaction",
        "complaints",
        "cost",
    ]


def test_by_engineer_in_chinese_words(oct_cli: CliRun) -> None:
    """``--by 工程师`` = engineer: 李工, 王工, the unassigned T5, then the whole period."""
    report = as_json(oct_cli("--lang", "zh", "report", "kpi", "--by", "工程师", "--format", "json"))
    rows = report["sections"]["resolution"]["rows"]
    assert [r["label"] for r in rows] == ["李工", "王工", "（未派工）", "全部"]
    assert [r["received"] for r in rows] == [3, 3, 1, 7]
    assert report["period"]["by"] == "engineer"
    cost = report["sections"]["cost"]["rows"][1]
    assert (cost["labor_hours"], cost["travel_cost"], cost["parts_cost"]) == (
        "6.50",
        "160.00",
        "215.00",
    )


def test_by_severity_names_the_levels(oct_cli: CliRun) -> None:
    report = as_json(oct_cli("report", "kpi", "--by", "severity", "--format", "json"))
    rows = report["sections"]["timeliness"]["rows"]
    assert [r["label"] for r in rows] == ["1 critical", "2 major", "3 minor", "(no ticket)", "All"]
    assert rows[1]["reply_on_time_rate"] == 0.0


def test_from_alone_runs_to_the_end_of_its_month_and_to_alone_from_its_start(
    oct_cli: CliRun,
) -> None:
    """--to 2026-10-15 alone: 1–15 Oct → T1, T2, T3 (received 5, 10, 15 Oct)."""
    whole = as_json(oct_cli("report", "kpi", "--from", "2026-10-01", "--format", "json"))
    assert whole["period"] == {"from": "2026-10-01", "to": "2026-10-31"}
    half = as_json(oct_cli("report", "kpi", "--to", "2026-10-15", "--format", "json"))
    assert half["period"] == {"from": "2026-10-01", "to": "2026-10-15"}
    assert half["summary"]["received"] == 3


def test_one_section_as_csv(oct_cli: CliRun) -> None:
    result = oct_cli("report", "kpi", "--section", "complaints", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "label,complaints,answer_on_time_rate,opinion_on_time_rate",
        "All,3,0.6667,0.0",
    ]


def test_an_empty_period_exits_0_and_says_so(oct_cli: CliRun) -> None:
    result = oct_cli("report", "kpi", "--from", "2026-12-01", "--to", "2026-12-31")
    assert result.exit_code == 0, result.stderr
    assert "Nothing to measure from 2026-12-01 to 2026-12-31" in result.stdout


def test_the_end_before_the_start_is_a_usage_error(oct_cli: CliRun) -> None:
    result = oct_cli("report", "kpi", "--from", "2026-10-31", "--to", "2026-10-01")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: the period 2026-10-31 – 2026-10-01 is empty — give --to on or after --from"
    )


def test_an_unknown_grouping_is_a_usage_error(oct_cli: CliRun) -> None:
    result = oct_cli("--lang", "zh", "report", "kpi", "--by", "weather")
    assert result.exit_code == 2
    assert "weather" in result.stderr and "工程师|故障等级|产品线" in result.stderr


def test_kpis_of_tickets_made_by_the_commands(cli: CliRun) -> None:
    """Two major tickets on Mon 2 Nov 2026 (reply within 30 working minutes, DOMAIN §2): one
    answered 09:10 (10 min, on time), one 10:30 (90 min, late) → reply on time 1/2, mean
    reply 50 min, median (10 + 90) / 2 = 50. Their resolve deadlines (24 working hours) have
    passed unmet by 23 Nov → resolve on time 0/2."""
    assert cli("customer", "add", "华东机械厂", "--phone", "13800000000").exit_code == 0
    for number, at in (("SH2611-0001", "09:10"), ("SH2611-0002", "10:30")):
        made = cli(
            "ticket", "new", "--customer", "1", "--severity", "2", "--symptom", "不制冷",
            "--received-by", "张三", "--at", "2026-11-02 09:00",
            env={"SHOUHOU_NOW": "2026-11-02 09:00"},
        )  # fmt: skip
        assert made.exit_code == 0, made.stderr
        replied = cli("ticket", "respond", number, env={"SHOUHOU_NOW": f"2026-11-02 {at}"})
        assert replied.exit_code == 0, replied.stderr
    report = as_json(
        cli("report", "kpi", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json")
    )
    row = report["sections"]["timeliness"]["rows"][0]
    assert (row["reply_on_time_rate"], row["reply_mean_min"], row["reply_median_min"]) == (
        0.5,
        50,
        50,
    )
    assert row["resolve_on_time_rate"] == 0.0


# -- report yearly ---------------------------------------------------------------------------


def test_yearly_defaults_to_last_year_in_january(cli: CliRun, db_url: str) -> None:
    with db.session(db_url, write=True) as s:
        year_2025(s)
    january = as_json(
        cli("report", "yearly", "--format", "json", env={"SHOUHOU_NOW": "2026-01-20 09:00"})
    )
    assert january["period"] == {"year": "2025"}
    assert january["summary"]["received"] == 9
    assert january["summary"]["q1_share"] == 0.6667
    later = as_json(cli("report", "yearly", "--format", "json"))
    assert later["period"] == {"year": "2026"}
    assert later["summary"]["received"] == 1  # 1 Jan 2026 00:30


def test_yearly_section_by_month_as_csv(cli: CliRun, db_url: str) -> None:
    with db.session(db_url, write=True) as s:
        year_2025(s)
    result = cli("report", "yearly", "--year", "2025年", "--section", "by_month", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "month,received,critical,major,minor"
    assert lines[1] == "2025-01,3,1,1,1"
    assert len(lines) == 13


@pytest.mark.parametrize("year", ["25", "twenty", "1899"])
def test_a_bad_year_is_a_usage_error(cli: CliRun, year: str) -> None:
    result = cli("report", "yearly", "--year", year)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: '{year}' is not a year — give it as YYYY, e.g. 2026")
