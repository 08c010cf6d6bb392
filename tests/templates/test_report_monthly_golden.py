"""Golden files of ``report monthly`` and ``report quality`` in both languages and every text
format, run through the command line on the fixed office of ``samples_monthly`` (October 2026),
whose figures ``tests/services/test_report_monthly.py`` checks by hand.

Regenerate after an intended change with ``SHOUHOU_REGEN_GOLDEN=1 pytest
tests/templates/test_report_monthly_golden.py`` and review the diff of
``tests/templates/golden/report_monthly/`` and ``…/report_quality/``. The same files must come
out of SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shouhou import db
from tests.conftest import CliRun
from tests.templates import samples_monthly as office

HERE = Path(__file__).parent / "golden"
REGEN = os.environ.get("SHOUHOU_REGEN_GOLDEN") == "1"
FORMATS = ("txt", "md", "html", "csv", "json")
LANGS = ("en", "zh")
# report → (its golden folder, arguments)
CASES: dict[str, tuple[Path, tuple[str, ...]]] = {
    "monthly": (HERE / "report_monthly", ("report", "monthly", "--month", "2026-10")),
    "quality": (HERE / "report_quality", ("report", "quality", "--month", "2026-10")),
}
PARAMS = [
    pytest.param(case, lang, fmt, id=f"{case}.{lang}.{fmt}")
    for case in CASES
    for lang in LANGS
    for fmt in FORMATS
]


@pytest.mark.parametrize(("case", "lang", "fmt"), PARAMS)
def test_report_matches_golden(cli: CliRun, db_url: str, case: str, lang: str, fmt: str) -> None:
    folder, args = CASES[case]
    with db.session(db_url, write=True) as s:
        office.build(s)
    result = cli("--lang", lang, *args, "--format", fmt, env={"SHOUHOU_NOW": "2026-11-23 10:00"})
    assert result.exit_code == 0, result.stderr
    path = folder / f"{case}.{lang}.{fmt}"
    if REGEN:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert path.exists(), (
        f"no golden file {path.name}: run SHOUHOU_REGEN_GOLDEN=1 pytest {__file__}"
    )
    assert result.stdout == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from the golden file; if the change is intended, regenerate with "
        f"SHOUHOU_REGEN_GOLDEN=1 pytest {__file__} and review the diff"
    )


def test_every_golden_file_belongs_to_a_case() -> None:
    for case, (folder, _) in CASES.items():
        expected = {f"{case}.{lang}.{fmt}" for lang in LANGS for fmt in FORMATS}
        assert {p.name for p in folder.iterdir()} == expected


def test_the_monthly_html_draws_the_trend_as_lines() -> None:
    """The 12-month trend has its inline SVG line chart (two series; no script, nothing
    fetched); the quality report has no chart."""
    html = (HERE / "report_monthly" / "monthly.zh.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 1
    assert "<polyline" in html or "<path" in html
    assert "<script" not in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    quality = (HERE / "report_quality" / "quality.en.html").read_text(encoding="utf-8")
    assert "<svg" not in quality


def test_the_golden_figures_are_the_hand_checked_ones() -> None:
    """The text files show the figures the service tests derive by hand: 7 faults, GA37 过热
    over three Octobers, the 4th report of t8 due for replacement; 3 quality problems, 42.9%."""
    monthly = (HERE / "report_monthly" / "monthly.en.txt").read_text(encoding="utf-8")
    assert "Faults in the month              7" in monthly
    assert "2024-10: 1, 2025-10: 1, 2026-10: 3" in monthly
    assert "replacement due (same brand and model)" in monthly
    quality = (HERE / "report_quality" / "quality.zh.txt").read_text(encoding="utf-8")
    assert "质量问题工单    3" in quality
    assert "42.9%" in quality
