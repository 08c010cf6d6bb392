"""Any :class:`~shouhou.services.reports.model.Report` in every format (issue 14 item 5):
``txt`` (plain text aligned in terminal columns, CJK counting two), ``md``, ``html``
(self-contained: A4 print CSS, inline SVG charts, no script, no network; autoescaped), ``pdf``
(that HTML printed by headless Chromium, as the documents are), ``csv`` (one tidy table per
section) and ``json`` (stable keys: ``name, title, period, generated_at, summary, sections``).

Values are shown by their column's ``kind``:

============  ===============================  ==========================================
kind          txt / md / html                  csv / json
============  ===============================  ==========================================
text          as is (None: —)                  as is (csv: formula-like cells neutralised)
int           12                               12
pct           87.5% (a fraction 0–1)           0.875
decimal       12.50                            "12.50"
money         1,234.50                         "1234.50"
minutes       2 h 05 min                       125
time          2026-11-16 09:30 (local)         ISO-8601 UTC
date          2026-11-16                       "2026-11-16"
enum:PREFIX   the message PREFIX + value       the value (a stable code)
deadline      on time / late 35 min / …        met|late|overdue|pending|null, and the row's
                                               ``<key>_late_min`` as ``<key>_late_min``
============  ===============================  ==========================================

A summary value is shown by its Python type: int, Decimal (2 places), float (a rate 0–1, shown
as a percentage), bool, datetime, str. Its JSON key is the last part of its label's message key
(``report.weekly.sum.open`` → ``open``). ``Report.empty_note`` is a message key filled with the
period: the human formats then show it with the summary and leave the sections out; csv and
json keep every section (empty tables), so a script sees the same shape every week.

Cells shown to people (txt, md, html) go through ``inert``: stored text cannot drive a terminal
reading the file. Nothing here prints; jinja2 is imported only for md, html and pdf.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from shouhou.errors import UsageError
from shouhou.i18n import translate
from shouhou.inert import inert
from shouhou.services.reports.cells import NUMERIC_KINDS, Cells, as_moment, summary_key
from shouhou.services.reports.model import Column, Report, Section

if TYPE_CHECKING:
    from markupsafe import Markup
    from sqlmodel import Session

FORMATS = ("txt", "md", "html", "pdf", "csv", "json")
SUMMARY = "summary"  # the name --section gives the summary by


# ---------------------------------------------------------------------------------------------
# choosing what to show


def section_names(report: Report) -> list[str]:
    """What ``--section`` accepts: ``summary`` and every section's name."""
    return [SUMMARY, *(s.name for s in report.sections)]


def pick(report: Report, section: str | None) -> tuple[bool, list[Section]]:
    """Whether the summary shows, and which sections: all of them, or only ``section``.

    An unknown name is a usage error (exit 2) listing the names there are.
    """
    if section is None:
        return True, list(report.sections)
    if section == SUMMARY:
        return True, []
    chosen = [s for s in report.sections if s.name == section]
    if not chosen:
        raise UsageError(
            "err.report_bad_section", value=section, accepted=", ".join(section_names(report))
        )
    return False, chosen


def title_of(report: Report, lang: str) -> str:
    return translate(lang, report.title, **report.period)


def empty_note(report: Report, lang: str) -> str | None:
    if report.empty_note is None:
        return None
    return translate(lang, report.empty_note, **report.period)


def chart_data(section: Section, cells: Cells) -> tuple[list[str], list[Any]] | None:
    """A section's chart as category labels and :class:`charts.Series`, or None."""
    if section.chart is None or not section.rows:
        return None
    from shouhou.services.reports.charts import Series

    by_key = {c.key: c for c in section.columns}
    x_column = by_key.get(section.chart.x, Column(section.chart.x, section.chart.x))
    labels = [cells.human(x_column, row) for row in section.rows]
    series = []
    for key in section.chart.series:
        column = by_key.get(key, Column(key, key, "int"))
        values = tuple(None if row.get(key) is None else float(row[key]) for row in section.rows)
        series.append(Series(cells.word(column.header), values))
    return labels, series


# ---------------------------------------------------------------------------------------------
# the formats


def render(
    report: Report,
    fmt: str,
    lang: str,
    *,
    section: str | None = None,
    zone: tzinfo | None = None,
    company: Mapping[str, Any] | None = None,
) -> str | bytes:
    """``report`` as ``fmt`` in ``lang`` — text for every format but pdf (bytes).

    ``section`` limits it to one section (or ``summary``); ``zone`` is the zone times are shown
    in (UTC if not given); ``company`` the header of the printed formats (name, address, phone).
    """
    if fmt not in FORMATS:
        raise UsageError("err.bad_choice", field="format", value=fmt, accepted=", ".join(FORMATS))
    cells = Cells(lang, zone)
    if fmt == "json":
        return render_json(report, cells, section)
    if fmt == "csv":
        return render_csv(report, cells, section)
    if fmt == "txt":
        return render_txt(report, cells, section, company)
    if fmt == "md":
        return _template(report, cells, section, company, "md")
    html = _template(report, cells, section, company, "html")
    if fmt == "html":
        return html
    return html_to_pdf_bytes(html)


def data_rows(section: Section, cells: Cells, *, as_dicts: bool = False) -> Iterator[Any]:
    """A section's rows as csv/json values: lists in column order, or dicts by key. Text, words
    (enum) and deadline states are data as they are; only the other kinds are converted."""
    keys: list[str] = []
    convert: list[tuple[int, Callable[[Mapping[str, Any]], Any]]] = []
    for column in section.columns:
        names, get = cells.data_by(column)
        if column.kind not in ("text", "deadline") and not column.kind.startswith("enum:"):
            convert.append((len(keys), get))
        keys.extend(names)
    for row in section.rows:
        values = [row.get(key) for key in keys]
        for index, get in convert:
            values[index] = get(row)[0]
        yield dict(zip(keys, values, strict=True)) if as_dicts else values


def render_json(report: Report, cells: Cells, section: str | None = None) -> str:
    """The stable JSON shape, indented, each row of a table on one line (a week's list has
    thousands: one line each reads well and is written by the C encoder)."""
    import json

    with_summary, chosen = pick(report, section)
    document: dict[str, Any] = {
        "name": report.name,
        "title": title_of(report, cells.lang),
        "period": dict(report.period),
        "generated_at": report.generated_at,
        "empty": report.empty_note is not None,
    }
    if with_summary:
        document["summary"] = {
            summary_key(label): Cells.summary_data(value) for label, value in report.summary
        }
    document["sections"] = {
        s.name: {
            "title": cells.word(s.title),
            "columns": [
                {"key": c.key, "header": cells.word(c.header), "kind": c.kind} for c in s.columns
            ],
            "rows": f"\0rows:{s.name}\0",
            "notes": list(s.notes),
        }
        for s in chosen
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for s in chosen:
        lines = [encode(row) for row in data_rows(s, cells, as_dicts=True)]
        rows = "[\n        " + ",\n        ".join(lines) + "\n      ]" if lines else "[]"
        text = text.replace(json.dumps(f"\0rows:{s.name}\0"), rows, 1)
    return text + "\n"


def render_csv(report: Report, cells: Cells, section: str | None = None) -> str:
    """One tidy table per section (header: the column keys; values as in JSON), each after a
    ``# name`` line and separated by a blank line; with ``section``, that table alone."""
    import csv
    import io

    from shouhou.spreadsheet import guard

    with_summary, chosen = pick(report, section)
    alone = section is not None
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def cell(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return guard(value) if isinstance(value, str) else value

    tables: list[tuple[str, list[str], Iterator[list[Any]]]] = []
    if with_summary:
        summary = ([summary_key(k), Cells.summary_data(v)] for k, v in report.summary)
        tables.append((SUMMARY, ["item", "value"], summary))
    for part in chosen:
        header = [key for c in part.columns for key in cells.data_by(c)[0]]
        tables.append((part.name, header, data_rows(part, cells)))
    for number, (name, header, rows) in enumerate(tables):
        if not alone:
            if number:
                buffer.write("\n")
            buffer.write(f"# {name}\n")
        writer.writerow(header)
        for line in rows:
            writer.writerow([cell(v) for v in line])
    return buffer.getvalue()


def plain_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]
) -> list[str]:
    """Columns padded to their widest cell in terminal columns (CJK counts two), numbers
    right-aligned; two spaces between columns. Cells repeat down a column (channel, state,
    engineer): each distinct text is measured once."""
    from shouhou.services.reports.charts import text_width

    width = functools.lru_cache(maxsize=None)(text_width)
    widths = [width(h) for h in headers]
    for index in range(len(headers)):
        widths[index] = max(widths[index], max((width(row[index]) for row in rows), default=0))

    def line(cells_: Sequence[str]) -> str:
        parts = []
        for index, text in enumerate(cells_):
            room = " " * (widths[index] - width(text))
            parts.append(room + text if numeric[index] else text + room)
        return "  ".join(parts).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def formatted(section: Section, cells: Cells) -> tuple[list[str], list[list[str]], list[bool]]:
    """A section's headers, rows and which columns are numbers, as shown to people."""
    headers = [cells.word(c.header) for c in section.columns]
    shown = [cells.shown_by(c) for c in section.columns]
    rows = [[show(row) for show in shown] for row in section.rows]
    numeric = [c.kind in NUMERIC_KINDS for c in section.columns]
    return headers, rows, numeric


def summary_lines(report: Report, cells: Cells) -> list[tuple[str, str]]:
    return [(cells.word(label), cells.summary_human(value)) for label, value in report.summary]


def header_lines(report: Report, cells: Cells, company: Mapping[str, Any] | None) -> list[str]:
    """The title block of the text formats: company, title, when it was generated."""
    title = title_of(report, cells.lang)
    generated = translate(
        cells.lang, "report.generated", at=cells.summary_human(as_moment(report.generated_at))
    )
    lines = [inert(str(company["name"]))] if company and company.get("name") else []
    return [*lines, inert(title), generated]


def render_txt(
    report: Report,
    cells: Cells,
    section: str | None = None,
    company: Mapping[str, Any] | None = None,
) -> str:
    from shouhou.services.reports.charts import text_pad, text_width

    with_summary, chosen = pick(report, section)
    head = header_lines(report, cells, company)
    out = [*head[:-1], "=" * max(text_width(head[-2]), 8), head[-1]]
    note = empty_note(report, cells.lang)
    if note:
        out += ["", inert(note)]
        chosen = []
    if with_summary and report.summary:
        pairs = summary_lines(report, cells)
        width = max(text_width(label) for label, _ in pairs)
        out += ["", f"== {cells.word('report.summary')} =="]
        out += [f"{text_pad(label, width)}  {value}".rstrip() for label, value in pairs]
    for s in chosen:
        out += ["", f"== {cells.word(s.title)} =="]
        if s.rows:
            out += plain_table(*formatted(s, cells))
        else:
            out.append(cells.word("none"))
        chart = chart_data(s, cells) if s.chart is not None and s.chart.kind == "bars" else None
        if chart is not None:
            from shouhou.services.reports.charts import text_bars

            out += ["", *text_bars(*chart)]
        if s.notes:
            out += ["", *(inert(n) for n in s.notes)]
    return "\n".join(out) + "\n"


def view(
    report: Report,
    cells: Cells,
    section: str | None = None,
    company: Mapping[str, Any] | None = None,
    *,
    fmt: str = "html",
) -> dict[str, Any]:
    """The plain data the md and html templates lay out: every word translated, every value
    formatted; for html the charts drawn and each cell paired with its CSS class (``num``,
    ``nowrap`` or none) so the template's loop over thousands of cells stays simple."""
    svg = fmt == "html"
    with_summary, chosen = pick(report, section)
    note = empty_note(report, cells.lang)
    if note:
        chosen = []
    sections = []
    for s in chosen:
        headers, rows, numeric = formatted(s, cells)
        chart = None
        data = chart_data(s, cells) if svg else None
        if data is not None and s.chart is not None:
            from shouhou.services.reports.charts import svg as draw

            chart = draw(s.chart.kind, *data, title=cells.word(s.title))
        classes = [
            "num" if n else "nowrap" if c.kind in ("time", "date") else ""
            for n, c in zip(numeric, s.columns, strict=True)
        ]
        sections.append(
            {
                "name": s.name,
                "title": cells.word(s.title),
                "columns": [{"header": h, "num": n} for h, n in zip(headers, numeric, strict=True)],
                "compact": len(s.columns) <= 6,
                "rows": rows,
                "body": _table_body(classes, rows) if svg else _md_body(rows),
                "chart": chart,
                "notes": [inert(n) for n in s.notes],
            }
        )
    generated = translate(
        cells.lang, "report.generated", at=cells.summary_human(as_moment(report.generated_at))
    )
    return {
        "lang": cells.lang,
        "name": report.name,
        "title": inert(title_of(report, cells.lang)),
        "generated": generated,
        "company": dict(company) if company else None,
        "empty": inert(note) if note else None,
        "summary_title": cells.word("report.summary"),
        "summary": [
            {"label": label, "value": value} for label, value in summary_lines(report, cells)
        ]
        if with_summary
        else [],
        "none": cells.word("none"),
        "sections": sections,
    }


def _md_body(rows: list[list[str]]) -> str:
    """A table's rows as Markdown, each cell escaped (``render.md``) — in Python, not a
    template loop over every cell (see :func:`_table_body`)."""
    from shouhou.render import md

    return "".join("| " + " | ".join(md(cell, cell=True) for cell in row) + " |\n" for row in rows)


def _table_body(classes: list[str], rows: list[list[str]]) -> Markup:
    """A table's rows as HTML, escaped here rather than by a template loop over every cell:
    a week at 1,000,000 tickets has ~50,000 cells, and Jinja's per-cell work made the html
    format 1.49× the start-up floor (issue 14: ≤ 1.3×)."""
    from markupsafe import Markup, escape

    opens = [f'<td class="{name}">' if name else "<td>" for name in classes]
    lines = [
        "    <tr>"
        + "".join(f"{cell}{escape(text)}</td>" for cell, text in zip(opens, row, strict=True))
        + "</tr>\n"
        for row in rows
    ]
    return Markup("".join(lines))


def _template(
    report: Report,
    cells: Cells,
    section: str | None,
    company: Mapping[str, Any] | None,
    fmt: str,
) -> str:
    from shouhou.render import environment, template_name

    context = view(report, cells, section, company, fmt=fmt)
    return environment().get_template(template_name("report", fmt, cells.lang)).render(**context)


def html_to_pdf_bytes(html: str) -> bytes:
    """Print ``html`` with headless Chromium (``shouhou.render.html_to_pdf``) → the PDF."""
    import tempfile
    from pathlib import Path

    from shouhou.render import html_to_pdf

    with tempfile.TemporaryDirectory(prefix="shouhou-report-") as tmp:
        path = Path(tmp) / "report.pdf"
        html_to_pdf(html, path)
        return path.read_bytes()


def company_of(session: Session) -> dict[str, str]:
    """The company header of the printed formats (settings ``company.*``)."""
    from shouhou.services.config import load
    from shouhou.services.tickets.documents import company_header

    return company_header(load(session))
