"""Printed PDFs through headless Chromium: a normal service report sheet and a return slip each
fit exactly one A4 page, with a CJK font embedded (no tofu boxes).

Skipped only when no Chromium binary is on PATH (``apt-get install chromium fonts-noto-cjk``).
The two PDFs print in parallel to keep this under ~10 s.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from shouhou import render
from tests.templates import samples

CJK_FONTS = (b"NotoSansCJK", b"SourceHanSans", b"WenQuanYi", b"MicrosoftYaHei", b"PingFang")


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = render.find_chromium()
    if binary is None:
        reason = (
            "PDF test skipped: no chromium/chromium-browser on PATH — "
            "install it with `apt-get install chromium fonts-noto-cjk`"
        )
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="module")
def printed(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A normal ticket sheet (8 charge lines, a few sentences each) and an exchange slip."""
    out = tmp_path_factory.mktemp("pdf")
    jobs: dict[str, tuple[str, dict[str, Any]]] = {
        "ticket_sheet": ("ticket_sheet", samples.ticket_sheet_zh()),
        "return_slip": ("return_slip", samples.return_slip_zh()),
    }

    def job(key: str) -> Path:
        doc, context = jobs[key]
        path = out / f"{key}.pdf"
        render.html_to_pdf(render.render_document(doc, "html", context["lang"], context), path)
        return path

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return dict(zip(jobs, pool.map(job, jobs), strict=True))


def test_normal_ticket_sheet_is_one_page(printed: dict[str, Path]) -> None:
    assert len(samples.ticket_sheet_zh()["charges"]["lines"]) == 8
    assert render.pdf_page_count(printed["ticket_sheet"]) == 1


def test_return_slip_is_one_page(printed: dict[str, Path]) -> None:
    assert render.pdf_page_count(printed["return_slip"]) == 1


@pytest.mark.parametrize("key", ["ticket_sheet", "return_slip"])
def test_pdf_embeds_a_cjk_font(printed: dict[str, Path], key: str) -> None:
    data = printed[key].read_bytes()
    assert data.startswith(b"%PDF-")
    assert any(name in data for name in CJK_FONTS), (
        "no CJK font in the PDF: Chinese would print as boxes — apt-get install fonts-noto-cjk"
    )
