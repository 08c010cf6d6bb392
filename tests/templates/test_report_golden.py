"""Golden files for the reports (issue 14 "Done when"): each report × language × format built
from a fixed synthetic dataset in the database, rendered by ``services/reports/render``.

The weekly report is the hand-checked week of ``tests/services/report_week.py`` (its figures are
asserted one by one in ``tests/services/test_report_weekly.py``). The files live in
``golden/reports/`` as ``<report>.<lang>.<fmt>``; regenerate after an intended change with
``SHOUHOU_REGEN_GOLDEN=1 pytest tests/templates/test_report_golden.py`` and review the diff.
Another report joins by adding its builder to ``CASES``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from shouhou.services.reports.model import Report
from shouhou.services.reports.render import render
from shouhou.services.reports.weekly import weekly_report
from tests.conftest import NOW
from tests.services.report_week import SH, WEEK, build_week

if TYPE_CHECKING:
    from sqlmodel import Session

GOLDEN = Path(__file__).parent / "golden" / "reports"
REGEN = os.environ.get("SHOUHOU_REGEN_GOLDEN") == "1"
FORMATS = ("txt", "md", "html", "csv", "json")
LANGS = ("zh", "en")
COMPANY = {"name": "天津天控科技有限公司", "address": "天津市西青区", "phone": "022-12345678"}


def weekly(session: Session) -> Report:
    build_week(session)
    return weekly_report(session, week=WEEK, today=NOW.date(), zone=SH, now=NOW)


# report name → builder of its Report from an empty database
CASES: dict[str, Callable[[Session], Report]] = {"weekly": weekly}

PARAMS = [
    pytest.param(name, lang, fmt, id=f"{name}.{lang}.{fmt}")
    for name in CASES
    for lang in LANGS
    for fmt in FORMATS
]


@pytest.mark.parametrize(("name", "lang", "fmt"), PARAMS)
def test_report_matches_golden(session: Session, name: str, lang: str, fmt: str) -> None:
    report = CASES[name](session)
    company = COMPANY if fmt in ("html", "md") else None
    rendered = render(report, fmt, lang, zone=SH, company=company)
    assert isinstance(rendered, str)
    path = GOLDEN / f"{name}.{lang}.{fmt}"
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.exists(), (
        f"no golden file {path.name}: run SHOUHOU_REGEN_GOLDEN=1 pytest {__file__}"
    )
    assert rendered == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from the golden file; if the change is intended, regenerate with "
        f"SHOUHOU_REGEN_GOLDEN=1 pytest {__file__} and review the diff"
    )


def test_every_report_golden_file_belongs_to_a_case() -> None:
    expected = {f"{n}.{lang}.{fmt}" for n in CASES for lang in LANGS for fmt in FORMATS}
    on_disk = {p.name for p in GOLDEN.iterdir() if p.is_file() and p.name.split(".")[0] in CASES}
    assert on_disk == expected


def test_report_golden_text_has_no_trailing_whitespace() -> None:
    for path in sorted(GOLDEN.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert line == line.rstrip(), f"{path.name}:{number} ends in spaces"
