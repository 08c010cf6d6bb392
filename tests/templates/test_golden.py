"""Golden files for every printed document × language × format.

Regenerate after an intended layout change with ``SHOUHOU_REGEN_GOLDEN=1 pytest tests/templates``
and review the diff of ``tests/templates/golden/`` before committing it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shouhou.render import render_document
from tests.templates import (
    samples,
    samples_complaints,
    samples_customer_file,
    samples_stocktake,
    samples_visits,
)

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("SHOUHOU_REGEN_GOLDEN") == "1"
FORMATS = ("html", "txt", "md")

# (document, variant, language) → sample context
CASES: dict[tuple[str, str, str], Callable[[], dict[str, Any]]] = {
    ("ticket_sheet", "", "zh"): samples.ticket_sheet_zh,
    ("ticket_sheet", "", "en"): samples.ticket_sheet_en,
    ("ticket_sheet", "minimal", "zh"): lambda: samples.ticket_sheet_minimal("zh"),
    ("ticket_sheet", "minimal", "en"): lambda: samples.ticket_sheet_minimal("en"),
    ("return_slip", "", "zh"): samples.return_slip_zh,
    ("return_slip", "", "en"): samples.return_slip_en,
    ("return_slip", "minimal", "zh"): lambda: samples.return_slip_minimal("zh"),
    ("return_slip", "minimal", "en"): lambda: samples.return_slip_minimal("en"),
    ("customer_file", "", "zh"): lambda: samples_customer_file.customer_file("zh"),
    ("customer_file", "", "en"): lambda: samples_customer_file.customer_file("en"),
    ("visit_sheet", "", "zh"): lambda: samples_visits.visit_sheet("zh"),
    ("visit_sheet", "", "en"): lambda: samples_visits.visit_sheet("en"),
    ("visit_sheet", "repair", "zh"): lambda: samples_visits.visit_sheet_repair("zh"),
    ("visit_sheet", "repair", "en"): lambda: samples_visits.visit_sheet_repair("en"),
    ("route_sheet", "", "zh"): lambda: samples_visits.route_sheet("zh"),
    ("route_sheet", "", "en"): lambda: samples_visits.route_sheet("en"),
    ("count_sheet", "", "zh"): lambda: samples_stocktake.count_sheet("zh"),
    ("count_sheet", "", "en"): lambda: samples_stocktake.count_sheet("en"),
    ("count_sheet", "finished", "zh"): lambda: samples_stocktake.count_sheet_finished("zh"),
    ("count_sheet", "finished", "en"): lambda: samples_stocktake.count_sheet_finished("en"),
    ("complaint_form", "", "zh"): lambda: samples_complaints.complaint_form("zh"),
    ("complaint_form", "", "en"): lambda: samples_complaints.complaint_form("en"),
    ("complaint_form", "open", "zh"): lambda: samples_complaints.complaint_form_open("zh"),
    ("complaint_form", "open", "en"): lambda: samples_complaints.complaint_form_open("en"),
}


def golden_name(doc: str, variant: str, lang: str, fmt: str) -> str:
    return ".".join(part for part in (doc, variant, lang, fmt) if part)


PARAMS = [
    pytest.param(doc, variant, lang, fmt, id=golden_name(doc, variant, lang, fmt))
    for (doc, variant, lang) in CASES
    for fmt in FORMATS
]


@pytest.mark.parametrize(("doc", "variant", "lang", "fmt"), PARAMS)
def test_document_matches_golden(doc: str, variant: str, lang: str, fmt: str) -> None:
    rendered = render_document(doc, fmt, lang, CASES[doc, variant, lang]())
    path = GOLDEN / golden_name(doc, variant, lang, fmt)
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="\n")
    assert path.exists(), (
        f"no golden file {path.name}: run SHOUHOU_REGEN_GOLDEN=1 pytest {__file__}"
    )
    expected = path.read_text(encoding="utf-8")
    assert rendered == expected, (
        f"{path.name} differs from the golden file; if the change is intended, regenerate with "
        "SHOUHOU_REGEN_GOLDEN=1 pytest tests/templates and review the diff"
    )


def test_every_golden_file_belongs_to_a_case() -> None:
    expected = {
        golden_name(doc, variant, lang, fmt) for (doc, variant, lang) in CASES for fmt in FORMATS
    }
    on_disk = {path.name for path in GOLDEN.iterdir() if path.is_file()}
    assert on_disk == expected


def test_golden_files_have_no_trailing_whitespace() -> None:
    for path in sorted(GOLDEN.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert line == line.rstrip(), f"{path.name}:{number} ends in spaces"
