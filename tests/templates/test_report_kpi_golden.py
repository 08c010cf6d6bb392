"""Golden files of ``report kpi`` and ``report yearly`` in both languages and every text
format, run through the command line on the fixed datasets whose numbers the service tests
check by hand (tests/services/test_kpi.py, tests/services/test_report_yearly.py).

Regenerate after an intended change with ``SHOUHOU_REGEN_GOLDEN=1 pytest
tests/templates/test_report_kpi_golden.py`` and review the diff of
``tests/templates/golden/report_kpi/``. The same files must come out of SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shouhou import db
from tests.conftest import CliRun
from tests.services.test_kpi import october
from tests.services.test_report_yearly import year_2025

GOLDEN = Path(__file__).parent / "golden" / "report_kpi"
REGEN = os.environ.get("SHOUHOU_REGEN_GOLDEN") == "1"
FORMATS = ("txt", "md", "html", "csv", "json")

# report → (dataset, arguments, SHOUHOU_NOW)
CASES: dict[str, tuple[Callable[[Any], None], tuple[str, ...], str]] = {
    "kpi.engineer": (october, ("report", "kpi", "--by", "engineer"), "2026-11-23 10:00"),
    "yearly": (year_2025, ("report", "yearly", "--year", "2025"), "2026-02-10 09:00"),
}
PARAMS = [
    pytest.param(case, lang, fmt, id=f"{case}.{lang}.{fmt}")
    for case in CASES
    for lang in ("en", "zh")
    for fmt in FORMATS
]


@pytest.mark.parametrize(("case", "lang", "fmt"), PARAMS)
def test_report_matches_golden(cli: CliRun, db_url: str, case: str, lang: str, fmt: str) -> None:
    dataset, args, now = CASES[case]
    with db.session(db_url, write=True) as s:
        dataset(s)
    result = cli("--lang", lang, *args, "--format", fmt, env={"SHOUHOU_NOW": now})
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / f"{case}.{lang}.{fmt}"
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert path.exists(), (
        f"no golden file {path.name}: run SHOUHOU_REGEN_GOLDEN=1 pytest {__file__}"
    )
    assert result.stdout == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from the golden file; if the change is intended, regenerate with "
        f"SHOUHOU_REGEN_GOLDEN=1 pytest {__file__} and review the diff"
    )


def test_every_golden_file_belongs_to_a_case() -> None:
    expected = {
        f"{case}.{lang}.{fmt}" for case in CASES for lang in ("en", "zh") for fmt in FORMATS
    }
    assert {p.name for p in GOLDEN.iterdir()} == expected


def test_the_yearly_html_draws_the_months_as_bars() -> None:
    """The by-month section has its inline SVG chart (no script, nothing fetched)."""
    html = (GOLDEN / "yearly.zh.html").read_text(encoding="utf-8")
    assert (
        "<svg" in html
        and "<script" not in html
        and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    )
