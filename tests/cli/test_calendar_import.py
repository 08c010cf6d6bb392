"""``shouhou calendar import FILE`` (issue 9.6): the official schedule of a year the statutory
package lacks, from CSV or iCalendar — idempotent, all or nothing, with a dry run and an audit
entry. DOMAIN §2: working days skip holidays and include make-up working days 调休."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shouhou import db
from tests.conftest import CliRun

# A plausible 2027 Spring Festival notice: Feb 5 (Eve) – Feb 12 off, Sun Jan 31 and Sat Feb 20
# worked.
CSV_2027 = """date,kind,name,to
2027-02-05,holiday,春节,2027-02-12
2027-01-31,workday,春节补班,
2027-02-20,workday,春节补班,
"""

ICS_2027 = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//Mainland China Public Holi\r
\tdays//EN\r
BEGIN:VEVENT\r
UID:20270205@test\r
SUMMARY:春节放假\r
DTSTART;VALUE=DATE:20270205\r
DTEND;VALUE=DATE:20270213\r
CATEGORIES:节假日,Holiday\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:20270131@test\r
SUMMARY:春节调休\r
DTSTART;VALUE=DATE:20270131\r
DTEND;VALUE=DATE:20270201\r
CATEGORIES:调休,Business Day\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:20270220@test\r
SUMMARY:春节\r
 补班\r
DTSTART;VALUE=DATE:20270220\r
END:VEVENT\r
END:VCALENDAR\r
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def calendar(cli: CliRun, year: int) -> dict[str, dict[str, str]]:
    result = cli("calendar", "show", "--year", str(year), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {row["date"]: row for row in json.loads(result.stdout)}


def imports(db_url: str) -> list[dict[str, object]]:
    from shouhou.services import audit

    with db.session(db_url) as s:
        return [
            audit.changes_of(e)
            for e in audit.trail(s, entity="calendar", entity_id=0)
            if e.action == "import"
        ]


def assert_spring_festival_2027(days: dict[str, dict[str, str]]) -> None:
    """Weekdays Feb 5, 8–12 off, Sun Jan 31 and Sat Feb 20 worked, all stored locally."""
    for day in ("2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-12"):
        assert days[day]["kind"] == "holiday" and days[day]["source"] == "local", day
    assert days["2027-01-31"] | {"kind": "workday", "source": "local"} == days["2027-01-31"]
    assert days["2027-02-20"] | {"kind": "workday", "source": "local"} == days["2027-02-20"]


def test_import_csv_stores_holidays_and_make_up_days(cli: CliRun, tmp_path: Path) -> None:
    """8 holidays (Feb 5–12) and 2 make-up working days, all new."""
    result = cli("calendar", "import", str(write(tmp_path, "2027.csv", CSV_2027)))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Imported 2027.csv: 8 holiday(s), 2 make-up working day(s) in 2027 "
        "(10 new, 0 changed, 0 unchanged, 0 removed)\n"
    )
    days = calendar(cli, 2027)
    assert_spring_festival_2027(days)
    assert days["2027-02-20"]["name"] == "春节补班"
    assert days["2027-10-04"]["source"] == "rules"  # other days: still the statutory rule


def test_import_chinese_headers_and_words_in_gb18030(cli: CliRun, tmp_path: Path) -> None:
    """Chinese Excel saves CSV in GB18030: 日期/类型/名称 with 放假/补班, dates as 2027/10/1."""
    text = (
        "日期,类型,名称\n2027/10/1,放假,国庆节\n2027/10/6,休息,国庆节\n2027-10-09,补班,国庆节补班\n"
    )
    result = cli(
        "--lang", "zh", "calendar", "import", str(write(tmp_path, "国庆.csv", text, "gb18030"))
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("已导入 国庆.csv：2027 年假日 2 天、调休上班日 1 天")
    days = calendar(cli, 2027)
    assert days["2027-10-06"]["name"] == "国庆节"
    assert days["2027-10-09"]["kind"] == "workday"


def test_import_ics_reads_ranges_folded_lines_and_make_up_summaries(
    cli: CliRun, tmp_path: Path
) -> None:
    """DTEND of a date is exclusive (Feb 5 .. Feb 13 → Feb 5–12); "春节调休" with the category
    调休 and a folded "春节补班" are working days; an event without DTEND is one day."""
    result = cli("calendar", "import", str(write(tmp_path, "cn.ics", ICS_2027)))
    assert result.exit_code == 0, result.stderr
    assert "8 holiday(s), 2 make-up working day(s) in 2027" in result.stdout
    days = calendar(cli, 2027)
    assert_spring_festival_2027(days)
    assert days["2027-02-20"]["name"] == "春节补班"
    assert "2027-02-13" not in days  # a Saturday off is no news; Feb 13 is not imported
    assert days["2027-02-05"]["name"] == "春节放假"


def test_import_is_idempotent(cli: CliRun, tmp_path: Path, db_url: str) -> None:
    """A second import of the same file changes nothing and writes no second audit entry."""
    path = str(write(tmp_path, "2027.csv", CSV_2027))
    assert cli("calendar", "import", path).exit_code == 0
    again = cli("calendar", "import", path)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.endswith("(0 new, 0 changed, 10 unchanged, 0 removed)\n")
    assert imports(db_url) == [
        {
            "file": "2027.csv",
            "years": [2027],
            "holidays": 8,
            "workdays": 2,
            "added": 10,
            "changed": 0,
            "removed": 0,
        }
    ]


def test_import_changes_a_day_stored_differently(cli: CliRun, tmp_path: Path) -> None:
    cli("calendar", "holiday", "add", "2027-02-20", "--name", "guess")
    result = cli("calendar", "import", str(write(tmp_path, "2027.csv", CSV_2027)))
    assert result.stdout.endswith("(9 new, 1 changed, 0 unchanged, 0 removed)\n")
    assert calendar(cli, 2027)["2027-02-20"]["kind"] == "workday"


def test_import_is_all_or_nothing(cli: CliRun, tmp_path: Path) -> None:
    """A bad last row: exit 2 naming the file, line and accepted kinds; nothing stored."""
    text = CSV_2027 + "2027-10-01,vacation,国庆节,\n"
    result = cli("calendar", "import", str(write(tmp_path, "2027.csv", text)))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: 2027.csv line 5: kind 'vacation' is not known — use holiday or workday "
        "(假日/休息/放假, 上班/补班)\n"
    )
    assert {d["source"] for d in calendar(cli, 2027).values()} == {"rules"}


def test_dry_run_counts_and_stores_nothing(cli: CliRun, tmp_path: Path, db_url: str) -> None:
    result = cli("calendar", "import", str(write(tmp_path, "2027.csv", CSV_2027)), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Dry run, nothing stored: 2027.csv has 8 holiday(s)")
    assert {d["source"] for d in calendar(cli, 2027).values()} == {"rules"}
    assert imports(db_url) == []


def test_replace_removes_stored_days_of_those_years_only(cli: CliRun, tmp_path: Path) -> None:
    """--replace: a 2027 day not in the file goes; a 2028 day stays (the file has no 2028)."""
    cli("calendar", "holiday", "add", "2027-03-01", "--name", "guess")
    cli("calendar", "holiday", "add", "2028-03-01", "--name", "company")
    path = str(write(tmp_path, "2027.csv", CSV_2027))
    result = cli("calendar", "import", path, "--replace")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("(10 new, 0 changed, 0 unchanged, 1 removed)\n")
    assert "2027-03-01" not in calendar(cli, 2027)
    assert calendar(cli, 2028)["2028-03-01"]["name"] == "company"


def test_year_option_keeps_only_that_year(cli: CliRun, tmp_path: Path) -> None:
    text = CSV_2027 + "2028-01-25,holiday,除夕,\n"
    path = str(write(tmp_path, "both.csv", text))
    result = cli("calendar", "import", path, "--year", "2028")
    assert result.stdout.startswith("Imported both.csv: 1 holiday(s), 0 make-up working day(s)")
    assert {d["source"] for d in calendar(cli, 2027).values()} == {"rules"}
    empty = cli("calendar", "import", path, "--year", "2030")
    assert empty.exit_code == 2
    assert empty.stderr.startswith("error: both.csv lists no holiday or working day")


@pytest.mark.parametrize(
    ("name", "text", "stderr"),
    [
        (
            "x.csv",
            "date,kind\n2027-02-05,holiday\n2027-02-05,workday\n",
            "error: x.csv: 2027-02-05 is listed both as a holiday and as a working day — "
            "keep one\n",
        ),
        (
            "x.csv",
            "day,name\n2027-02-05,春节\n",
            "error: x.csv has no 'kind' column — use the columns date, kind, name "
            "(or 日期, 类型, 名称; optional to / 结束日期)\n",
        ),
        (
            "x.csv",
            "date,kind\n2027-02-30,holiday\n",
            "error: x.csv line 2: '2027-02-30' is not a date — use YYYY-MM-DD "
            "(.ics: DTSTART;VALUE=DATE:YYYYMMDD)\n",
        ),
        (
            "x.csv",
            "date,kind,to\n2027-01-01,holiday,2027-03-01\n",
            "error: x.csv line 2: 2027-01-01..2027-03-01 is not a range of 1 to 31 days — "
            "check the start and end dates\n",
        ),
        (
            "x.txt",
            "date,kind\n",
            "error: cannot read x.txt as a holiday schedule — give a .csv or .ics file\n",
        ),
        (
            "x.ics",
            "BEGIN:VEVENT\nSUMMARY:weekly\nDTSTART;VALUE=DATE:20270105\nRRULE:FREQ=WEEKLY\n"
            "END:VEVENT\n",
            "error: x.ics line 1: RRULE — each VEVENT needs a DTSTART date (and DTEND or "
            "nothing); repeating events (RRULE) are not read\n",
        ),
        (
            "x.ics",
            "BEGIN:VEVENT\nSUMMARY:春节\nEND:VEVENT\n",
            "error: x.ics line 1: no DTSTART — each VEVENT needs a DTSTART date (and DTEND or "
            "nothing); repeating events (RRULE) are not read\n",
        ),
    ],
)
def test_bad_files_are_refused_with_exit_2(
    cli: CliRun, tmp_path: Path, name: str, text: str, stderr: str
) -> None:
    result = cli("calendar", "import", str(write(tmp_path, name, text)))
    assert result.exit_code == 2
    assert result.stderr == stderr
    assert {d["source"] for d in calendar(cli, 2027).values()} == {"rules"}


def test_a_name_longer_than_the_column_is_refused_by_holiday_add(cli: CliRun) -> None:
    """calendar_day.name holds 100 characters: longer is bad input, not a database error."""
    result = cli("calendar", "holiday", "add", "2027-02-05", "--name", "春" * 101)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: the name '{'春' * 20}…' is too long — use at most 100 characters\n"
    )
    assert "2027-02-05" not in {
        d for d, row in calendar(cli, 2027).items() if row["source"] == "local"
    }


def test_missing_file(cli: CliRun, tmp_path: Path) -> None:
    result = cli("calendar", "import", str(tmp_path / "none.ics"))
    assert result.exit_code == 2
    assert result.stderr == f"error: no file {tmp_path / 'none.ics'} — check the path and name\n"


def test_imported_year_is_no_longer_called_rule_based(cli: CliRun, tmp_path: Path) -> None:
    """Once a schedule is stored for 2027, ``calendar show`` and ``info`` say so."""
    before = cli("calendar", "show", "--year", "2027")
    assert "holidays are the statutory ones computed by rule" in before.stderr
    cli("calendar", "import", str(write(tmp_path, "2027.csv", CSV_2027)))
    after = cli("calendar", "show", "--year", "2027")
    assert after.stderr.startswith("Note: 2027 is not in the statutory calendar package: the days")
    info = json.loads(cli("info", "--format", "json").stdout)
    assert info["calendar"][1] == {
        "year": 2027,
        "package": False,
        "overrides": 10,
        "schedule": "local",
    }
