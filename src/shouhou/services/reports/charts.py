"""Charts of a report section: inline SVG for HTML/PDF and bars of block characters for text.

SVG (issue 14 item 5): self-contained markup — no script, no external font or stylesheet, no
network — so the HTML report opens anywhere and prints as drawn. ``bars`` draws one group of
bars per category (one bar per series), ``lines`` one polyline per series; the y axis starts at
0 and ends at a round number. Every text is escaped here (the template inserts the markup as
is), so a customer or engineer name cannot become markup.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1")
WIDTH = 720
HEIGHT = 240
MARGIN_LEFT = 44
MARGIN_RIGHT = 12
MARGIN_TOP = 26
MARGIN_BOTTOM = 34
TEXT_BAR_WIDTH = 40


@dataclass(frozen=True)
class Series:
    """One plotted series: its (translated) name and a value per category (None: no value)."""

    name: str
    values: tuple[float | None, ...]


def text_width(text: str) -> int:
    """Terminal columns of ``text``: CJK wide and full-width characters count 2, combining
    marks 0 (as ``shouhou.render.display_width``, without importing the document renderer)."""
    if text.isascii():
        return len(text)
    return sum(
        0
        if unicodedata.combining(char)
        else 2
        if unicodedata.east_asian_width(char) in ("W", "F")
        else 1
        for char in text
    )


def text_pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns."""
    return text + " " * (width - text_width(text))


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is ≥ ``value`` (1 for nothing to show)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        candidate = step * 10.0**exponent
        if candidate >= value - 1e-9:
            return candidate
    return 10.0 ** (exponent + 1)


def tick_count(ceiling: float, series: Sequence[Series]) -> int:
    """Gridlines that fall on round values: 5 for 1×/5×10^k, 4 for 2×10^k; counts (whole
    numbers) up to 5 get one line per unit."""
    counts = all(v is None or float(v).is_integer() for s in series for v in s.values)
    if counts and ceiling <= 5:
        return max(int(ceiling), 1)
    return 4 if f"{ceiling:e}".startswith("2") else 5


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _f(value: float) -> str:
    """A coordinate with at most one decimal (stable markup for golden files)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg(kind: str, labels: Sequence[str], series: Sequence[Series], *, title: str = "") -> str:
    """The chart as an ``<svg>`` element (``kind`` ``bars`` or ``lines``)."""
    top = max((v for s in series for v in s.values if v is not None), default=0.0)
    ceiling = nice_ceiling(top)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    base = MARGIN_TOP + plot_h
    count = max(len(labels), 1)
    slot = plot_w / count

    def y_of(value: float) -> float:
        return base - plot_h * value / ceiling

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    ticks = tick_count(ceiling, series)
    for i in range(ticks + 1):
        value = ceiling * i / ticks
        y = _f(y_of(value))
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{y}" x2="{WIDTH - MARGIN_RIGHT}" y2="{y}" '
            f'stroke="{"#888" if i == 0 else "#ddd"}" stroke-width="{1 if i == 0 else 0.6}"/>'
        )
        parts.append(
            f'<text x="{MARGIN_LEFT - 6}" y="{_f(y_of(value) + 3.5)}" text-anchor="end" '
            f'font-size="10" fill="#444">{_number(value)}</text>'
        )
    for index, label in enumerate(labels):
        x = _f(MARGIN_LEFT + slot * (index + 0.5))
        parts.append(
            f'<text x="{x}" y="{base + 16}" text-anchor="middle" font-size="10.5" '
            f'fill="#222">{escape(label)}</text>'
        )
    if kind == "lines":
        parts += _lines(series, slot, y_of)
    else:
        parts += _bars(series, slot, base, y_of)
    parts += _legend(series)
    parts.append("</svg>")
    return "\n".join(parts)


def _bars(
    series: Sequence[Series], slot: float, base: float, y_of: Callable[[float], float]
) -> list[str]:
    parts: list[str] = []
    group = slot * 0.7
    width = group / max(len(series), 1)
    for number, one in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        for index, value in enumerate(one.values):
            if value is None:
                continue
            x = MARGIN_LEFT + slot * index + (slot - group) / 2 + width * number
            y = y_of(value)
            parts.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(width * 0.92)}" '
                f'height="{_f(base - y)}" fill="{colour}"><title>{escape(one.name)}: '
                f"{_number(value)}</title></rect>"
            )
            if value:
                parts.append(
                    f'<text x="{_f(x + width * 0.46)}" y="{_f(y - 3)}" text-anchor="middle" '
                    f'font-size="9.5" fill="#222">{_number(value)}</text>'
                )
    return parts


def _lines(series: Sequence[Series], slot: float, y_of: Callable[[float], float]) -> list[str]:
    parts: list[str] = []
    for number, one in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        runs: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(one.values):
            if value is None:  # a gap: the line stops and starts again
                runs.append([])
                continue
            runs[-1].append((MARGIN_LEFT + slot * (index + 0.5), y_of(value)))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{_f(x)},{_f(y)}" for x, y in run)
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
                )
            for x, y in run:
                parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2.6" fill="{colour}"/>')
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    parts: list[str] = []
    x = float(MARGIN_LEFT)
    for number, one in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        parts.append(f'<rect x="{_f(x)}" y="6" width="10" height="10" fill="{colour}"/>')
        parts.append(
            f'<text x="{_f(x + 14)}" y="15" font-size="10.5" fill="#222">{escape(one.name)}</text>'
        )
        x += 28 + 6.5 * text_width(one.name)
    return parts


def text_bars(labels: Sequence[str], series: Sequence[Series]) -> list[str]:
    """The chart as lines of text: per category a bar of ``█`` scaled to the largest value,
    then the number (one line per series when there are several, named)."""
    top = max((v for s in series for v in s.values if v is not None), default=0.0)
    label_width = max((text_width(label) for label in labels), default=0)
    name_width = max((text_width(s.name) for s in series), default=0)
    lines: list[str] = []
    for index, label in enumerate(labels):
        for number, one in enumerate(series):
            value = one.values[index] if index < len(one.values) else None
            head = text_pad(label if number == 0 else "", label_width)
            if len(series) > 1:
                head += "  " + text_pad(one.name, name_width)
            if value is None:
                lines.append(f"{head}  —")
                continue
            length = round(TEXT_BAR_WIDTH * value / top) if top > 0 else 0
            if value > 0 and length == 0:
                length = 1
            bar = "█" * length
            lines.append(f"{head}  {bar} {_number(value)}" if bar else f"{head}  {_number(value)}")
    return lines
