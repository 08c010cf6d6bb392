"""The monthly issue-trend summary and the quality report (DOMAIN §7, issue 14 items 2 and 4) on
the fixed office of ``tests/templates/samples_monthly`` (its docstring lists every ticket), for
October 2026 in Asia/Shanghai. Each expected figure is counted by hand from that table."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import UsageError
from shouhou.i18n import Translator
from shouhou.services.reports import monthly, quality
from shouhou.services.reports.model import Report
from tests.templates import samples_monthly as office

if TYPE_CHECKING:
    from sqlmodel import Session

SH = office.SH
EN = Translator("en")


def section(report: Report, name: str) -> list[dict[str, Any]]:
    return next(s for s in report.sections if s.name == name).rows


def shown(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in rows]


FIGURES = ("faults", "previous", "change_previous", "year_ago", "change_year")


@pytest.fixture
def ids(session: Session) -> dict[str, int]:
    return office.build(session)


@pytest.fixture
def report(session: Session, ids: dict[str, int]) -> Report:
    return monthly.monthly_report(session, month=office.MONTH, zone=SH, now=office.NOW, t=EN)


# -- months ---------------------------------------------------------------------------------------


def test_parse_month_accepts_the_usual_spellings() -> None:
    assert monthly.parse_month("2026-11") == date(2026, 11, 1)
    assert monthly.parse_month("2026/3") == date(2026, 3, 1)
    assert monthly.parse_month("2026年11月") == date(2026, 11, 1)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "11-2026", "2026", "next month", "0999-01"])
def test_parse_month_refuses_what_is_no_month(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        monthly.parse_month(text)
    assert caught.value.key == "err.report_month"
    assert str(caught.value) == (
        f"error: '{text}' is not a month — give it as YYYY-MM, e.g. 2026-11"
    )


def test_default_month_is_the_last_full_one() -> None:
    """23 November 2026 → October; 1 January 2027 → December 2026."""
    assert monthly.last_full_month(date(2026, 11, 23)) == date(2026, 10, 1)
    assert monthly.last_full_month(date(2027, 1, 1)) == date(2026, 12, 1)


def test_month_starts_are_local_midnights() -> None:
    """Shanghai is UTC+8: October 2026 runs from 2026-09-30 16:00 UTC to 2026-10-31 16:00 UTC."""
    bounds = monthly.month_starts(date(2026, 10, 1), 1, SH)
    assert bounds == [
        datetime(2026, 9, 30, 16, 0, tzinfo=UTC),
        datetime(2026, 10, 31, 16, 0, tzinfo=UTC),
    ]


def test_month_starts_follow_daylight_saving() -> None:
    """New York: March 2026 starts at 05:00 UTC (EST, −5), April at 04:00 UTC (EDT, −4) — the
    DST change on 8 March is inside March; a fixed offset would put an hour of April 1 in
    March."""
    bounds = monthly.month_starts(date(2026, 3, 1), 2, ZoneInfo("America/New_York"))
    assert [b.hour for b in bounds] == [5, 4, 4]


# -- faults ---------------------------------------------------------------------------------------


def test_summary(report: Report) -> None:
    """October: t5, t1, t7, t2, t3, t8, t4 = 7 faults (t6 cancelled; t9 is November's in
    Shanghai). September: sga, sks = 2 (t5 is not September's though it is in UTC). October
    2025: y25, ks25 = 2. Warnings 5 (see test_warnings), repeats 4, three strikes 3, old parts
    owed at the end of October: 1 (t1) + 2 (sga) = 3."""
    assert dict(report.summary) == {
        "report.monthly.faults": 7,
        "report.monthly.faults_previous": 2,
        "report.monthly.faults_year_ago": 2,
        "report.monthly.warning_count": 5,
        "report.monthly.repeat_count": 4,
        "report.monthly.three_strike_count": 3,
        "report.monthly.core_count": 3,
    }
    assert report.period == {"month": "2026-10"}
    assert report.empty_note is None
    assert report.generated_at == "2026-11-23T02:00:00+00:00"


def test_by_product_line(report: Report) -> None:
    """空压机 (GA-001, GA-002): t1, t2, t8 = 3; September sga = 1; October 2025 y25 = 1.
    控制系统 (KS-001): t3, t4 = 2; sks = 1; ks25 = 1. None (LD-01 has no line; t7 no device):
    t5, t7 = 2; nothing before. 控制系统 before (none): same faults, more the month before."""
    assert shown(section(report, "by_product_line"), "product_line", *FIGURES) == [
        ("空压机", 3, 1, 2, 1, 2),
        ("控制系统", 2, 1, 1, 1, 1),
        (None, 2, 0, 2, 0, 2),
    ]


def test_by_model(report: Report) -> None:
    """GA37 3/1/1, KS-200 2/1/1, LED-9 (no line) 1, no device 1 — the unnamed last."""
    assert shown(section(report, "by_model"), "model", "product_line", *FIGURES) == [
        ("GA37", "空压机", 3, 1, 2, 1, 2),
        ("KS-200", "控制系统", 2, 1, 1, 1, 1),
        ("LED-9", None, 1, 0, 1, 0, 1),
        (None, None, 1, 0, 1, 0, 1),
    ]


def test_by_category(report: Report) -> None:
    """过热: t1, t2, t8 = 3, sga, y25. 显示故障: t3, t4 = 2, none in September, ks25. 闪烁: t5.
    None: t7. 噪音: only sks in September — listed with 0 this month (−1)."""
    assert shown(section(report, "by_category"), "category", *FIGURES) == [
        ("过热", 3, 1, 2, 1, 2),
        ("显示故障", 2, 0, 2, 1, 1),
        ("闪烁", 1, 0, 1, 0, 1),
        (None, 1, 0, 1, 0, 1),
        ("噪音", 0, 1, -1, 0, 0),
    ]


def test_by_cause(report: Report) -> None:
    """Not diagnosed: t5, t7, t8 = 3. quality: t1, t2 = 2 (y25 a year before). design t3,
    misuse t4. supplier-part (sga) and wear (sks) only in September; installation (ks25) only a
    year before."""
    rows = section(report, "by_cause")
    assert shown(rows, "cause", *FIGURES) == [
        (None, 3, 0, 3, 0, 3),
        ("quality", 2, 0, 2, 1, 1),
        ("design", 1, 0, 1, 0, 1),
        ("misuse", 1, 0, 1, 0, 1),
        ("supplier-part", 0, 1, -1, 0, 0),
        ("wear", 0, 1, -1, 0, 0),
        ("installation", 0, 0, 0, 1, -1),
    ]


def test_trend(report: Report) -> None:
    """November 2025 … October 2026: July 1 (ksjl, design: the firm's), September 2 (sga
    supplier-part is the firm's, sks wear is not), October 7 (t1, t2 quality, t3 design: 3 the
    firm's); the other months 0."""
    rows = section(report, "trend")
    assert [r["month"] for r in rows][0] == "2025-11"
    assert [r["month"] for r in rows][-1] == "2026-10"
    figures = {r["month"]: (r["faults"], r["firm_faults"]) for r in rows if r["faults"]}
    assert figures == {"2026-07": (1, 1), "2026-09": (2, 1), "2026-10": (7, 3)}
    chart = next(s for s in report.sections if s.name == "trend").chart
    assert chart is not None and chart.kind == "lines"
    assert chart.series == ("faults", "firm_faults")


def test_warnings(report: Report) -> None:
    """GA37 + 过热: September 1 (sga) and October 3 (t1, t2, t8) → 2 consecutive months (4);
    Q3 1, Q4 3 → 2 quarters; October 2024 (y24), 2025 (y25), 2026 → 3 years (5).
    KS-200 + 显示故障: none in September → no month run; Q3 1 (ksjl), Q4 2 (t3, t4) → 2
    quarters; October 2025 (ks25) and 2026 → 2 years. KS-200 噪音 and LED-9 闪烁 appear once."""
    rows = section(report, "warnings")
    assert shown(rows, "model", "category", "rule", "periods", "faults", "history") == [
        ("GA37", "过热", "months", 2, 4, "2026-09: 1, 2026-10: 3"),
        ("GA37", "过热", "quarters", 2, 4, "2026-Q3: 1, 2026-Q4: 3"),
        ("KS-200", "显示故障", "quarters", 2, 3, "2026-Q3: 1, 2026-Q4: 2"),
        ("GA37", "过热", "years", 3, 5, "2024-10: 1, 2025-10: 1, 2026-10: 3"),
        ("KS-200", "显示故障", "years", 2, 3, "2025-10: 1, 2026-10: 2"),
    ]


def test_repeat_repairs(report: Report) -> None:
    """October tickets with repeat_of set, by reception: t1 (of sga), t3 (of ksjl), t8 (of t1),
    t4 (of t3, misuse — a repeat whatever its cause)."""
    rows = section(report, "repeats")
    n = office.number
    assert shown(rows, "number", "previous", "received_on", "serial", "cause") == [
        (n("t1"), n("sga"), "2026-10-03", "GA-001", "quality"),
        (n("t3"), n("ksjl"), "2026-10-20", "KS-001", "design"),
        (n("t8"), n("t1"), "2026-10-28", "GA-001", None),
        (n("t4"), n("t3"), "2026-10-31", "KS-001", "misuse"),
    ]
    assert rows[0]["customer"] == "天津控制设备厂"


def test_three_strikes(report: Report) -> None:
    """DOMAIN §1: t1 and t3 are 3rd repairs (warning), t8 the 4th report, undiagnosed yet
    (replacement due). t4 has repair_count 4 but misuse is not the firm's: another problem."""
    rows = section(report, "three_strikes")
    n = office.number
    assert shown(rows, "number", "repair_count", "verdict") == [
        (n("t1"), 3, "replace_next"),
        (n("t3"), 3, "replace_next"),
        (n("t8"), 4, "replace"),
    ]


def test_unreturned_cores_at_the_months_end(report: Report) -> None:
    """Owed at 2026-10-31 24:00 local: sga's P-100 ×2 (issued 09-13, returned only on 11-05:
    48 days out at the month's end = 17 in September + 31) and t1's P-100 ×1 (10-05, pending:
    26 days). ksjl's P-200 came back on 10-20; t9's was issued on 11-01 07:00 local."""
    rows = section(report, "cores")
    n = office.number
    assert shown(rows, "part", "number", "quantity", "issued_on", "days", "returned_on") == [
        ("P-100", n("sga"), 2, "2026-09-13", 48, "2026-11-05"),
        ("P-100", n("t1"), 1, "2026-10-05", 26, None),
    ]


def test_notes_are_in_the_readers_language(session: Session, ids: dict[str, int]) -> None:
    zh = monthly.monthly_report(
        session, month=office.MONTH, zone=SH, now=office.NOW, t=Translator("zh")
    )
    warnings = next(s for s in zh.sections if s.name == "warnings")
    assert warnings.notes[0].endswith("出现记录追溯至 2025-10，同月对比追溯至 2024-10。")


def test_an_empty_month_says_so(session: Session, ids: dict[str, int]) -> None:
    """January 2020: nothing received, no cores issued yet — the report is empty and says so;
    the trend still lists its 12 months of zeros."""
    report = monthly.monthly_report(session, month=date(2020, 1, 1), zone=SH, now=office.NOW, t=EN)
    assert report.empty_note == "report.monthly.empty"
    assert section(report, "by_model") == []
    assert len(section(report, "trend")) == 12


def test_a_month_seen_from_another_zone(session: Session, ids: dict[str, int]) -> None:
    """The firm in UTC: t5 (09-30 16:30 UTC) is September's, t9 (10-31 23:00 UTC) October's —
    October has 7 − 1 + 1 = 7 faults, September 3, and 闪烁 moves to September."""
    report = monthly.monthly_report(
        session, month=office.MONTH, zone=ZoneInfo("UTC"), now=office.NOW, t=EN
    )
    summary = dict(report.summary)
    assert summary["report.monthly.faults"] == 7
    assert summary["report.monthly.faults_previous"] == 3
    categories = {r["category"]: r["faults"] for r in section(report, "by_category")}
    assert categories["闪烁"] == 0
    assert categories["泄漏"] == 1


def test_fault_counts_is_one_grouped_query(session: Session, ids: dict[str, int]) -> None:
    """One row per month × line × model × category × cause in the detailed months: October's
    GA37 过热 is t1, t2 (quality; one row of 2) and t8 (undiagnosed; a row of 1). It reads
    October 2024 and October 2025 … October 2026: the 16 tickets but t6 (cancelled), t9
    (November) and gap (May 2025, not counted) = 13."""
    bounds = monthly.month_starts(date(2024, 10, 1), 25, SH)
    counts = monthly.fault_counts(session, bounds, monthly.COUNTED, monthly.DETAILED)
    october = [
        (c.cause, c.firm, c.faults)
        for c in counts
        if c.month == monthly.THIS and c.model == "GA37" and c.category == "过热"
    ]
    assert sorted(october, key=str) == [("quality", True, 2), (None, False, 1)]
    assert sum(c.faults for c in counts) == 13
    assert {c.month for c in counts} == {0, 12, 21, 23, 24}
    everything = monthly.fault_counts(session, bounds, range(25))
    assert sum(c.faults for c in everything) == 14


def test_months_not_in_detail_count_model_category_and_firm(
    session: Session, ids: dict[str, int]
) -> None:
    """July 2026 (month 21) is not shown by line or cause: ksjl counts as KS-200 显示故障, the
    firm's (design), with no line or cause; October 2025 (month 12, a year before) is detailed:
    y25 (空压机, quality) and ks25 (控制系统, installation)."""
    bounds = monthly.month_starts(date(2024, 10, 1), 25, SH)
    counts = monthly.fault_counts(session, bounds, monthly.COUNTED, monthly.DETAILED)
    assert [tuple(c) for c in counts if c.month == 21] == [
        (21, None, "KS-200", "显示故障", None, True, 1)
    ]
    assert sorted(tuple(c) for c in counts if c.month == 12) == [
        (12, "控制系统", "KS-200", "显示故障", "installation", True, 1),
        (12, "空压机", "GA37", "过热", "quality", True, 1),
    ]


# -- the real ticket flow ---------------------------------------------------------------------


def test_a_repeat_made_by_the_ticket_services_shows(session: Session) -> None:
    """Opened, diagnosed (quality) and resolved in September; the same fault on the same unit
    on 2 October is flagged by the services as a repeat (within 90 days) and 2nd repair: the
    report lists it and counts GA37 + 过热 in two consecutive months."""
    from shouhou.services.audit import Stamp
    from shouhou.services.customers.customers import add_customer
    from shouhou.services.customers.devices import add_device
    from shouhou.services.tickets import intake
    from shouhou.services.tickets import lifecycle as tickets
    from shouhou.services.tickets.sla import load_rules

    rules = load_rules(session, zone=SH)

    def stamp(text: str) -> Stamp:
        return Stamp("王工", office.at(text))

    customer = add_customer(session, stamp("2026-01-05 09:00"), name="天津控制设备厂")
    device = add_device(
        session,
        stamp("2026-01-05 09:00"),
        customer_id=customer.id or 0,
        model="GA37",
        serial="GA-9",
        product_line="空压机",
        accepted_on=date(2026, 1, 5),
    )
    numbers = []
    for received in ("2026-09-10 09:00", "2026-10-02 09:00"):
        opened = intake.open_ticket(
            session,
            stamp(received),
            customer_id=customer.id or 0,
            severity="2",
            symptom="排气温度高",
            received_at=office.at(received),
            rules=rules,
            device_id=device.id,
            category="过热",
        )
        numbers.append(opened.ticket.number)
        later = received.replace(" 09:00", " 15:00")
        tickets.diagnose(
            session, stamp(later), numbers[-1], cause="quality", finding="温控阀失效", rules=rules
        )
        if len(numbers) == 1:
            tickets.resolve(session, stamp(later), numbers[-1], action="更换温控阀", rules=rules)
    report = monthly.monthly_report(session, month=office.MONTH, zone=SH, now=office.NOW, t=EN)
    assert shown(section(report, "repeats"), "number", "previous") == [(numbers[1], numbers[0])]
    assert shown(section(report, "warnings"), "model", "rule", "history") == [
        ("GA37", "months", "2026-09: 1, 2026-10: 1"),
        ("GA37", "quarters", "2026-Q3: 1, 2026-Q4: 1"),
    ]


# -- quality --------------------------------------------------------------------------------------


@pytest.fixture
def quality_report(session: Session, ids: dict[str, int]) -> Report:
    return quality.quality_report(session, month=office.MONTH, zone=SH, now=office.NOW, t=EN)


def test_quality_summary(quality_report: Report) -> None:
    """October's quality problems (design, quality, supplier part): t1, t2 (quality), t3
    (design) = 3 of the month's 7 faults; models GA37 and KS-200; units GA-001, GA-002, KS-001.
    Not t4 (misuse), t8 (undiagnosed), t6 (cancelled), t9 (November)."""
    assert dict(quality_report.summary) == {
        "report.quality.tickets_count": 3,
        "report.quality.share": 3 / 7,
        "report.quality.models_count": 2,
        "report.quality.devices_count": 3,
    }


def test_quality_by_model(quality_report: Report) -> None:
    rows = section(quality_report, "by_model")
    assert shown(
        rows, "model", "product_line", "tickets", "design", "quality", "supplier_part", "devices"
    ) == [
        ("GA37", "空压机", 2, 0, 2, 0, 2),
        ("KS-200", "控制系统", 1, 1, 0, 0, 1),
    ]


def test_quality_by_part(quality_report: Report) -> None:
    """Part lines of t1, t2, t3: P-100 压缩机头 on t1 and t2 (GA37) = 2; 密封圈 ×2 typed on t1;
    显示板 ×1 typed on t3 (KS-200). t4's P-100 is misuse: not counted; t1's labour is no part."""
    rows = section(quality_report, "by_part")
    assert shown(rows, "part", "name", "quantity", "tickets", "models") == [
        ("P-100", "压缩机头", 2, 2, "GA37 (2)"),
        (None, "密封圈", 2, 1, "GA37 (1)"),
        (None, "显示板", 1, 1, "KS-200 (1)"),
    ]


def test_quality_tickets(quality_report: Report) -> None:
    rows = section(quality_report, "tickets")
    n = office.number
    assert shown(rows, "number", "cause", "finding", "parts") == [
        (n("t1"), "quality", "排气温度传感器漂移", "压缩机头 (P-100) ×1; 密封圈 ×2"),
        (n("t2"), "quality", "冷却风扇轴承卡滞", "压缩机头 (P-100) ×1"),
        (n("t3"), "design", "显示板供电设计余量不足", "显示板 ×1"),
    ]


def test_quality_fractional_quantities_add_up_exactly(session: Session, ids: dict) -> None:
    """Lines of 0.5, 1.25, 0.1 and 0.2 metres of pipe on t2: 2.05, exactly (0.1 + 0.2 in binary
    floating point is not 0.3)."""
    from shouhou.models import ChargeLine

    for quantity in ("0.5", "1.25", "0.1", "0.2"):
        session.add(
            ChargeLine(
                ticket_id=ids["t2"],
                kind="part",
                description="铜管",
                quantity=quantity,
                unit_price_cents=100,
                amount_cents=100,
            )
        )
    session.flush()
    report = quality.quality_report(session, month=office.MONTH, zone=SH, now=office.NOW, t=EN)
    pipe = next(r for r in section(report, "by_part") if r["name"] == "铜管")
    assert pipe["quantity"] == Decimal("2.05")
    assert pipe["tickets"] == 1


def test_quality_empty_month(session: Session, ids: dict[str, int]) -> None:
    """August 2026: no ticket at all — no quality problem, and no share (0 of 0 faults)."""
    report = quality.quality_report(session, month=date(2026, 8, 1), zone=SH, now=office.NOW, t=EN)
    assert report.empty_note == "report.quality.empty"
    assert dict(report.summary)["report.quality.share"] is None
    assert all(not s.rows for s in report.sections)
