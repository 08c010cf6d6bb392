"""services/reports/render: any Report in txt, md, html, csv and json (issue 14 item 5) — values
by column kind, the JSON and CSV shapes, ``--section``, escaping, CJK alignment, the charts."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import UsageError
from shouhou.render import display_width
from shouhou.services.reports import charts
from shouhou.services.reports.cells import Cells, span
from shouhou.services.reports.model import Chart, Column, Report, Section
from shouhou.services.reports.render import pick, plain_table, render

SH = ZoneInfo("Asia/Shanghai")
KINDS = (
    Column("name", "report.col.engineer"),
    Column("count", "report.col.requests", "int"),
    Column("rate", "report.col.met", "pct"),
    Column("hours", "report.col.late", "decimal"),
    Column("cost", "report.col.open", "money"),
    Column("spent", "report.col.pending", "minutes"),
    Column("at", "report.weekly.col.received_at", "time"),
    Column("on", "report.col.day", "date"),
    Column("channel", "report.col.channel", "enum:channel."),
    Column("reply", "report.weekly.col.reply", "deadline"),
)


def sample(*, empty: bool = False) -> Report:
    """Two sections: every kind of value once per row, and a small table with a bar chart."""
    rows: list[dict[str, Any]] = [
        {
            "name": "王工",
            "count": 12,
            "rate": 0.875,
            "hours": Decimal("3.5"),
            "cost": Decimal("1234.5"),
            "spent": 125,
            "at": datetime(2026, 11, 16, 1, 30, tzinfo=UTC),
            "on": "2026-11-16",
            "channel": "walk-in",
            "reply": "late",
            "reply_late_min": 35,
        },
        {
            "name": '=HYPERLINK("x")',
            "count": -3,
            "rate": None,
            "hours": None,
            "cost": "0",
            "spent": 45,
            "at": "2026-11-16T16:05:00+00:00",
            "on": None,
            "channel": "phone",
            "reply": None,
            "reply_late_min": None,
        },
    ]
    by_day = Section(
        "by_day",
        "report.section.by_day",
        (
            Column("weekday", "report.col.weekday", "enum:weekday."),
            Column("n", "report.col.requests", "int"),
        ),
        [{"weekday": 1, "n": 4}, {"weekday": 2, "n": 0}, {"weekday": 3, "n": 2}],
        chart=Chart("bars", "weekday", ("n",)),
        notes=["A note."],
    )
    return Report(
        name="weekly",
        title="report.weekly.title",
        period={"week": "2026-W47", "from": "2026-11-16", "to": "2026-11-22"},
        generated_at="2026-11-23T02:00:00+00:00",
        summary=[
            ("report.weekly.sum.requests", 12),
            ("report.weekly.sum.open", Decimal("2")),
            ("report.weekly.sum.missed", 0.25),
        ],
        sections=[Section("kinds", "report.section.by_engineer", KINDS, rows), by_day],
        empty_note="report.empty_week" if empty else None,
    )


# -- values by kind ------------------------------------------------------------------------------


def test_human_values_by_kind() -> None:
    cells = Cells("en", SH)
    row = sample().sections[0].rows[0]
    shown = {c.key: cells.human(c, row) for c in KINDS}
    assert shown == {
        "name": "王工",
        "count": "12",
        "rate": "87.5%",
        "hours": "3.50",
        "cost": "1,234.50",
        "spent": "2 h 05 min",
        "at": "2026-11-16 09:30",
        "on": "2026-11-16",
        "channel": "walk-in",
        "reply": "late 35 min",
    }
    blank = sample().sections[0].rows[1]
    assert cells.human(KINDS[2], blank) == "—"
    assert cells.human(KINDS[7], blank) == "—"
    assert cells.human(KINDS[9], blank) == ""


def test_human_values_in_chinese() -> None:
    cells = Cells("zh", SH)
    row = sample().sections[0].rows[0]
    assert cells.human(KINDS[8], row) == "来访"
    assert cells.human(KINDS[9], row) == "超时 35 分钟"
    assert cells.human(KINDS[5], row) == "2 小时 05 分"


@pytest.mark.parametrize(
    ("state", "late", "en"),
    [
        ("met", 0, "on time"),
        ("late", 35, "late 35 min"),
        ("overdue", 7170, "not met, 4 d 23 h over"),
        ("pending", None, "pending"),
        (None, None, ""),
    ],
)
def test_deadline_cells(state: str | None, late: int | None, en: str) -> None:
    column = Column("reply", "report.weekly.col.reply", "deadline")
    row = {"reply": state, "reply_late_min": late}
    assert Cells("en").human(column, row) == en
    assert dict(Cells("en").data(column, row)) == {"reply": state, "reply_late_min": late}


@pytest.mark.parametrize(
    ("minutes", "en", "zh"),
    [
        (0, "0 min", "0 分钟"),
        (59, "59 min", "59 分钟"),
        (60, "1 h 00 min", "1 小时 00 分"),
        (1439, "23 h 59 min", "23 小时 59 分"),
        (1440, "1 d 0 h", "1 天 0 小时"),
        (7170, "4 d 23 h", "4 天 23 小时"),
    ],
)
def test_span(minutes: int, en: str, zh: str) -> None:
    assert (span(minutes, "en"), span(minutes, "zh")) == (en, zh)


# -- json ----------------------------------------------------------------------------------------


def test_json_shape_and_values() -> None:
    document = json.loads(render(sample(), "json", "en", zone=SH))  # type: ignore[arg-type]
    assert list(document) == [
        "name",
        "title",
        "period",
        "generated_at",
        "empty",
        "summary",
        "sections",
    ]
    assert document["title"] == "Weekly call record 2026-W47 (2026-11-16 – 2026-11-22)"
    assert document["summary"] == {"requests": 12, "open": "2.00", "missed": 0.25}
    kinds = document["sections"]["kinds"]
    assert list(kinds) == ["title", "columns", "rows", "notes"]
    assert kinds["columns"][8] == {"key": "channel", "header": "Channel", "kind": "enum:channel."}
    assert kinds["rows"][0] == {
        "name": "王工",
        "count": 12,
        "rate": 0.875,
        "hours": "3.50",
        "cost": "1234.50",
        "spent": 125,
        "at": "2026-11-16T01:30:00+00:00",
        "on": "2026-11-16",
        "channel": "walk-in",
        "reply": "late",
        "reply_late_min": 35,
    }
    assert kinds["rows"][1]["at"] == "2026-11-16T16:05:00+00:00"
    assert kinds["rows"][1]["rate"] is None
    assert document["sections"]["by_day"]["notes"] == ["A note."]


def test_json_of_one_section_and_of_the_summary() -> None:
    one = json.loads(render(sample(), "json", "en", section="by_day"))  # type: ignore[arg-type]
    assert "summary" not in one and list(one["sections"]) == ["by_day"]
    summary = json.loads(render(sample(), "json", "en", section="summary"))  # type: ignore[arg-type]
    assert summary["summary"]["requests"] == 12 and summary["sections"] == {}


def test_json_of_an_empty_period_keeps_every_section() -> None:
    document = json.loads(render(sample(empty=True), "json", "zh"))  # type: ignore[arg-type]
    assert document["empty"] is True
    assert list(document["sections"]) == ["kinds", "by_day"]


# -- csv -----------------------------------------------------------------------------------------


def test_csv_tables_one_per_section() -> None:
    text = render(sample(), "csv", "en")
    assert isinstance(text, str)
    blocks = text.split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == ["# summary", "# kinds", "# by_day"]
    kinds = list(csv.reader(io.StringIO(blocks[1].split("\n", 1)[1])))
    assert kinds[0] == [
        "name",
        "count",
        "rate",
        "hours",
        "cost",
        "spent",
        "at",
        "on",
        "channel",
        "reply",
        "reply_late_min",
    ]
    assert kinds[1] == [
        "王工",
        "12",
        "0.875",
        "3.50",
        "1234.50",
        "125",
        "2026-11-16T01:30:00+00:00",
        "2026-11-16",
        "walk-in",
        "late",
        "35",
    ]
    # a formula is neutralised as the CSV lists do it; a negative count stays a number
    assert kinds[2][:2] == ['\'=HYPERLINK("x")', "-3"]
    assert kinds[2][-2:] == ["", ""]


def test_csv_with_section_is_one_plain_table() -> None:
    assert render(sample(), "csv", "en", section="by_day") == "weekday,n\n1,4\n2,0\n3,2\n"
    assert render(sample(), "csv", "en", section="summary") == (
        "item,value\nrequests,12\nopen,2.00\nmissed,0.25\n"
    )


def test_unknown_section_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        pick(sample(), "by_month")
    assert caught.value.exit_code == 2
    assert str(caught.value) == (
        "error: this report has no section 'by_month' — choose one of: summary, kinds, by_day"
    )


# -- txt -----------------------------------------------------------------------------------------


def test_txt_layout() -> None:
    text = render(sample(), "txt", "en", zone=SH)
    assert isinstance(text, str)
    lines = text.splitlines()
    assert lines[:3] == [
        "Weekly call record 2026-W47 (2026-11-16 – 2026-11-22)",
        "=====================================================",
        "Generated 2026-11-23 10:00",
    ]
    assert "== Summary ==" in lines
    assert lines[4:8] == [
        "== Summary ==",
        "Requests received                12",
        "Still open                       2.00",
        "Requests with a deadline missed  25.0%",
    ]
    tail = lines[lines.index("== Requests by day ==") :]
    assert tail == [
        "== Requests by day ==",
        "Weekday  Requests",
        "Mon             4",
        "Tue             0",
        "Wed             2",
        "",
        "Mon  ████████████████████████████████████████ 4",
        "Tue  0",
        "Wed  ████████████████████ 2",
        "",
        "A note.",
    ]
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b" not in text


def test_txt_columns_align_in_terminal_columns_with_cjk() -> None:
    """Cells are padded to the widest in display columns (CJK counts two), numbers
    right-aligned, two spaces between columns."""
    assert plain_table(["名称", "数"], [["王工", "12"], ["ab", "3"]], [False, True]) == [
        "名称  数",
        "王工  12",
        "ab     3",
    ]
    text = render(sample(), "txt", "zh", zone=SH, section="kinds")
    assert isinstance(text, str)
    header, first, second = text.splitlines()[5:8]
    ends = {
        display_width(line[: line.index(cell) + len(cell)])
        for line, cell in ((first, " 12"), (second, " -3"))
    }
    assert len(ends) == 1  # the count column ends at one display column
    assert display_width(header[: header.index("报修数")]) == display_width('=HYPERLINK("x")  ')


def test_txt_of_an_empty_period_says_so_and_leaves_the_sections_out() -> None:
    text = render(sample(empty=True), "txt", "zh", zone=SH)
    assert isinstance(text, str)
    assert "2026-W47 周（2026-11-16 至 2026-11-22）没有收到任何报修。" in text
    assert "== 概要 ==" in text
    assert "每日报修" not in text


def test_control_characters_are_shown_not_sent() -> None:
    report = sample()
    report.sections[0].rows[0]["name"] = "Evil\x1b[31m"
    for fmt in ("txt", "md", "html"):
        text = render(report, fmt, "en", section="kinds")
        assert isinstance(text, str)
        assert "\x1b" not in text, fmt
        assert ("Evil\\\\x1b\\[31m" if fmt == "md" else "Evil\\x1b[31m") in text, fmt
    raw = render(report, "json", "en", section="kinds")
    assert isinstance(raw, str)
    assert json.loads(raw)["sections"]["kinds"]["rows"][0]["name"] == "Evil\x1b[31m"


# -- md and html ---------------------------------------------------------------------------------


def test_md_tables() -> None:
    report = sample()
    report.sections[0].rows[0]["name"] = "a | b *c*"
    text = render(report, "md", "en", zone=SH)
    assert isinstance(text, str)
    assert text.startswith("# Weekly call record 2026-W47 (2026-11-16 – 2026-11-22)\n")
    assert "| Weekday | Requests |\n|---|---:|\n| Mon | 4 |\n| Tue | 0 |\n| Wed | 2 |\n" in text
    assert "| a \\| b \\*c\\* | 12 | 87.5% |" in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_html_is_self_contained_and_escaped() -> None:
    report = sample()
    report.sections[0].rows[0]["name"] = "<script>alert(1)</script>"
    report.sections[1].rows[0]["weekday"] = 1
    text = render(
        report, "html", "en", zone=SH, company={"name": "天控<b>", "address": "", "phone": ""}
    )
    assert isinstance(text, str)
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "天控&lt;b&gt;" in text
    for outside in ("src=", "href=", "@import", "url(", "<link", "<img", "javascript:"):
        assert outside not in text, outside
    assert text.count("<svg") == 1 and 'class="chart"' in text
    assert "@page { size: A4 landscape" in text
    assert '<td class="num">1,234.50</td>' in text


def test_chart_labels_are_escaped() -> None:
    drawn = charts.svg(
        "bars", ["<b>&"], [charts.Series("</text><script>x</script>", (3.0,))], title="t<"
    )
    assert "<script" not in drawn and "&lt;/text&gt;&lt;script&gt;" in drawn
    assert "&lt;b&gt;&amp;" in drawn and 'aria-label="t&lt;"' in drawn


# -- charts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [
        (0, 1),
        (0.3, 0.5),
        (1, 1),
        (3, 5),
        (7, 10),
        (10, 10),
        (11, 20),
        (28, 50),
        (51, 100),
        (250, 500),
    ],
)
def test_nice_ceiling(value: float, ceiling: float) -> None:
    assert charts.nice_ceiling(value) == pytest.approx(ceiling)


def test_bars_one_rect_per_value_plus_legend() -> None:
    drawn = charts.svg(
        "bars",
        ["Mon", "Tue", "Wed"],
        [charts.Series("a", (4.0, 0.0, 2.0)), charts.Series("b", (1.0, None, 3.0))],
    )
    assert drawn.startswith('<svg class="chart" xmlns="http://www.w3.org/2000/svg"')
    assert drawn.count("<rect") == 5 + 2  # None draws nothing; one legend swatch per series
    heights = [
        float(h)
        for h in re.findall(
            r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="#4e79a7">', drawn
        )
    ]
    assert heights == pytest.approx([180 * 4 / 5, 0, 180 * 2 / 5])  # ceiling 5, plot 180 high


def test_lines_break_at_a_gap() -> None:
    drawn = charts.svg("lines", list("abcde"), [charts.Series("s", (1.0, 2.0, None, 3.0, 4.0))])
    assert drawn.count("<polyline") == 2
    assert drawn.count("<circle") == 4


def test_gridlines_fall_on_round_counts() -> None:
    assert charts.tick_count(5, [charts.Series("s", (3.0,))]) == 5
    assert charts.tick_count(2, [charts.Series("s", (2.0,))]) == 2
    assert charts.tick_count(20, [charts.Series("s", (11.0,))]) == 4
    assert charts.tick_count(50, [charts.Series("s", (28.0,))]) == 5
    assert charts.tick_count(0.5, [charts.Series("s", (0.3,))]) == 5


def test_text_bars_scale_to_the_largest() -> None:
    assert charts.text_bars(["一", "two"], [charts.Series("s", (8.0, 2.0))]) == [
        "一   " + "█" * 40 + " 8",
        "two  " + "█" * 10 + " 2",
    ]
