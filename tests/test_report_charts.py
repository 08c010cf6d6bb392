"""The HTML report opened in headless Chromium shows its charts (issue 14 "Done when").

A report with a bar chart (by day) and a line chart (two series) is rendered to HTML, written
to a file and screenshotted by headless Chromium. Everything but the charts is made invisible
(``visibility: hidden`` keeps the layout), so every non-white pixel of the screenshot belongs to
a chart: the bars' colour and the second line's colour must both be there. The same page with
the charts hidden too must come out all white — the check can fail.

Skipped only when no Chromium binary is on PATH (see tests/test_pdf.py).
"""

from __future__ import annotations

import struct
import subprocess
import warnings
import zlib
from collections import Counter
from pathlib import Path

import pytest

from shouhou import render as documents
from shouhou.services.reports.charts import PALETTE
from shouhou.services.reports.model import Chart, Column, Report, Section
from shouhou.services.reports.render import render
from tests.test_pdf import CJK_FONTS

ONLY_CHARTS = "body * { visibility: hidden; } svg.chart, svg.chart * { visibility: visible; }"
NOTHING = "body * { visibility: hidden; }"
WINDOW = (1000, 1400)


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = documents.find_chromium()
    if binary is None:
        reason = (
            "chart screenshot test skipped: no chromium/chromium-browser on PATH — "
            "install it with `apt-get install chromium fonts-noto-cjk`"
        )
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    return binary


def report() -> Report:
    days = [
        {"weekday": n, "requests": r}
        for n, r in zip(range(1, 8), (3, 1, 1, 1, 0, 1, 1), strict=True)
    ]
    months = [
        {"month": f"2026-{m:02d}", "this": t, "last": p}
        for m, t, p in ((1, 12, 9), (2, 15, 11), (3, 9, None), (4, 7, 8), (5, 10, 6))
    ]
    return Report(
        name="weekly",
        title="report.weekly.title",
        period={"week": "2026-W47", "from": "2026-11-16", "to": "2026-11-22"},
        generated_at="2026-11-23T02:00:00+00:00",
        summary=[("report.weekly.sum.requests", 8)],
        sections=[
            Section(
                "by_day",
                "report.section.by_day",
                (
                    Column("weekday", "report.col.weekday", "enum:weekday."),
                    Column("requests", "report.col.requests", "int"),
                ),
                days,
                chart=Chart("bars", "weekday", ("requests",)),
            ),
            Section(
                "trend",
                "report.section.by_channel",
                (
                    Column("month", "report.col.day"),
                    Column("this", "report.col.requests", "int"),
                    Column("last", "report.col.open", "int"),
                ),
                months,
                chart=Chart("lines", "month", ("this", "last")),
            ),
        ],
    )


def screenshot(chromium: str, html: str, folder: Path, name: str) -> Counter[tuple[int, ...]]:
    page = folder / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    shot = folder / f"{name}.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={folder / ('profile-' + name)}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=90,
        check=False,
    )
    assert shot.is_file(), f"Chromium made no screenshot of {name}"
    return decode_png(shot.read_bytes())


def decode_png(data: bytes) -> Counter[tuple[int, ...]]:
    """How many pixels of each RGB colour an 8-bit, non-interlaced truecolour PNG (what
    Chromium writes) has — enough of PNG for this test, without an imaging library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    colours: Counter[tuple[int, ...]] = Counter()
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind in (2, 4) and not any(line):  # same as the row above (blank rows): fast
            line = bytearray(previous)
        elif kind == 1 and not any(line[channels:]):  # one colour across the row
            line = line[:channels] * width
        elif kind == 0:
            pass
        else:
            line = unfilter(kind, line, previous, channels)
        colours.update(zip(line[0::channels], line[1::channels], line[2::channels], strict=True))
        previous = line
    return colours


def unfilter(kind: int, line: bytearray, previous: bytearray, channels: int) -> bytearray:
    """Undo one row's PNG filter (1 sub, 2 up, 3 average, 4 Paeth)."""
    for i in range(len(line)):
        left = line[i - channels] if i >= channels else 0
        up = previous[i]
        corner = previous[i - channels] if i >= channels else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + best) & 0xFF
    return line


def near(pixel: tuple[int, ...], colour: str, tolerance: int = 24) -> bool:
    wanted = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, wanted, strict=True))


def test_the_html_report_shows_its_charts(chromium: str, tmp_path: Path) -> None:
    html = render(report(), "html", "zh")
    assert isinstance(html, str) and html.count("<svg") == 2
    colours = screenshot(
        chromium, html.replace("</style>", ONLY_CHARTS + "\n</style>"), tmp_path, "charts"
    )
    inked = sum(n for colour, n in colours.items() if colour != (255, 255, 255))
    assert inked > 5_000, "the chart area is blank"
    bars = sum(n for colour, n in colours.items() if near(colour, PALETTE[0]))
    second_line = sum(n for colour, n in colours.items() if near(colour, PALETTE[1]))
    assert bars > 3_000, f"only {bars} pixels of the bars' colour"
    assert second_line > 150, f"only {second_line} pixels of the second line's colour"
    blank = screenshot(
        chromium, html.replace("</style>", NOTHING + "\n</style>"), tmp_path, "blank"
    )
    assert set(blank) == {(255, 255, 255)}, "the control page is not white"


def test_the_pdf_report_is_printed_by_chromium(chromium: str) -> None:
    """``--format pdf``: the same HTML printed to A4 by headless Chromium, Chinese in a CJK
    font (two landscape pages: the summary and a chart, then the rest)."""
    printed = render(report(), "pdf", "zh")
    assert isinstance(printed, bytes) and printed.startswith(b"%PDF-")
    assert len(documents._PAGE_RE.findall(printed)) == 2
    assert any(name in printed for name in CJK_FONTS)
