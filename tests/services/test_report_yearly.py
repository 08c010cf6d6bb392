"""``report yearly``: the service distribution of 2025 by month (DOMAIN §7 "each year: service
distribution by month — the sources show demand peaking in Q1"), counted by hand.

The dataset (:func:`year_2025`, Asia/Shanghai): requests received —

- January 3: 1 Jan 00:10 (still 31 Dec 2024 in UTC) sev 1 compressor, 15 Jan sev 2
  compressor, 31 Jan 23:30 sev 3 lighting;
- February 2 (sev 3 compressor, sev 3 without a device); March 1 (sev 2 lighting); June 1
  (sev 3 compressor); October 1 (sev 1 compressor, cancelled — still a request); December 1
  (31 Dec 23:30, sev 3 compressor);
- not 2025: 1 Jan 2026 00:30 (31 Dec 2025 in UTC) and 31 Dec 2024 23:50.

Visits done (by ``finished_at``): January repair ×2 and callback ×1, March inspection, May
training, December install; not counted: a missed visit in July, one done on 1 Jan 2026 00:30.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.i18n import Translator
from shouhou.models import Customer, Device, Ticket, Visit
from shouhou.services.reports.kpi_queries import kpis
from shouhou.services.reports.yearly import default_year, month_starts, yearly_report

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 2, 10, 9, 0, tzinfo=SH)


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def year_2025(session: Any) -> None:
    """The dataset of the module docstring."""
    t0 = at(2024, 1, 1)
    session.add(Customer(id=1, name="华东机械厂", created_at=t0, updated_at=t0))
    session.add_all(
        [
            Device(id=1, customer_id=1, serial="D1", model="KS-200", product_line="compressor",
                   created_at=t0, updated_at=t0),
            Device(id=2, customer_id=1, serial="D2", model="LX-9", product_line="lighting",
                   created_at=t0, updated_at=t0),
        ]
    )  # fmt: skip
    session.flush()
    received = [
        (at(2025, 1, 1, 0, 10), "1", 1, "closed"),
        (at(2025, 1, 15), "2", 1, "resolved"),
        (at(2025, 1, 31, 23, 30), "3", 2, "resolved"),
        (at(2025, 2, 3), "3", 1, "closed"),
        (at(2025, 2, 20), "3", None, "in_progress"),
        (at(2025, 3, 10), "2", 2, "closed"),
        (at(2025, 6, 5), "3", 1, "closed"),
        (at(2025, 10, 8), "1", 1, "cancelled"),
        (at(2025, 12, 31, 23, 30), "3", 1, "new"),
        (at(2026, 1, 1, 0, 30), "1", 1, "new"),
        (at(2024, 12, 31, 23, 50), "1", 1, "closed"),
    ]
    for number, (when, severity, device, status) in enumerate(received, start=1):
        session.add(
            Ticket(number=f"T{number}", severity=severity, customer_id=1, device_id=device,
                   symptom="fault", received_at=when, received_by="张三", status=status,
                   created_at=when, updated_at=when)
        )  # fmt: skip
    visits = [
        ("repair", "done", at(2025, 1, 2)),
        ("repair", "done", at(2025, 1, 20)),
        ("callback", "done", at(2025, 1, 25)),
        ("inspection", "done", at(2025, 3, 3)),
        ("training", "done", at(2025, 5, 12)),
        ("install", "done", at(2025, 12, 30)),
        ("repair", "missed", at(2025, 7, 1)),
        ("repair", "done", at(2026, 1, 1, 0, 30)),
    ]
    for number, (kind, status, finished) in enumerate(visits, start=1):
        session.add(
            Visit(number=f"V{number}", kind=kind, status=status, customer_id=1,
                  finished_at=finished, created_at=t0, updated_at=t0)
        )  # fmt: skip
    session.flush()


@pytest.fixture
def data(session: Any) -> Any:
    year_2025(session)
    return session


def report(session: Any, lang: str = "en") -> Any:
    return yearly_report(session, year=2025, zone=SH, now=NOW, t=Translator(lang))


def test_requests_by_month_and_severity(data: Any) -> None:
    """January 3 (one of each severity), February 2 (minor), March 1 (major), June 1 (minor),
    October 1 (critical, cancelled), December 1 (minor); the rest 0 → 9 in all."""
    rows = {r["month"]: r for r in report(data).sections[0].rows}
    assert len(rows) == 12
    assert rows["2025-01"] == {
        "month": "2025-01",
        "critical": 1,
        "major": 1,
        "minor": 1,
        "received": 3,
    }
    counts = [rows[f"2025-{m:02d}"]["received"] for m in range(1, 13)]
    assert counts == [3, 2, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1]
    assert (rows["2025-02"]["minor"], rows["2025-10"]["critical"]) == (2, 1)


def test_summary_shows_the_first_quarter_peak(data: Any) -> None:
    """9 requests, 6 in Q1 → 6/9 = 0.6667; busiest month January; visits done 6 (the missed
    one and the one finished on 1 Jan 2026 do not count)."""
    summary = dict(report(data).summary)
    assert summary["report.yearly.received"] == 9
    assert summary["report.yearly.visits_done"] == 6
    assert summary["report.yearly.peak_month"] == "2025-01"
    assert summary["report.yearly.q1_share"] == 0.6667


def test_requests_by_product_line(data: Any) -> None:
    """compressor: Jan 2, Feb 1, Jun 1, Oct 1, Dec 1 = 6; lighting: Jan 1, Mar 1 = 2; no
    device: Feb 1. Busiest line first, the requests without a product line last."""
    section = report(data).sections[1]
    lines = [(r["product_line"], r["total"]) for r in section.rows]
    assert lines == [("compressor", 6), ("lighting", 2), ("(no product line)", 1)]
    compressor = section.rows[0]
    assert [compressor[f"m{m:02d}"] for m in range(1, 13)] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1]


def test_visits_done_by_month_and_kind(data: Any) -> None:
    rows = {r["month"]: r for r in report(data).sections[2].rows}
    assert (rows["2025-01"]["repair"], rows["2025-01"]["callback"], rows["2025-01"]["total"]) == (
        2,
        1,
        3,
    )
    totals = [rows[f"2025-{m:02d}"]["total"] for m in range(1, 13)]
    assert totals == [3, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1]


def test_the_years_kpis_are_the_kpi_module_s(data: Any) -> None:
    """The KPI sections show ``kpis`` over 1 Jan – 31 Dec: 9 received, 1 cancelled, 6
    resolved or closed of 8 → 0.75."""
    built = report(data)
    total = kpis(data, since=date(2025, 1, 1), until=date(2026, 1, 1), zone=SH, now=NOW)[-1]
    resolution = next(s for s in built.sections if s.name == "resolution")
    row = resolution.rows[0]
    assert (row["received"], row["cancelled"], row["resolved"]) == (9, 1, 6)
    assert row["resolution_rate"] == total["resolution_rate"] == 0.75
    assert [s.name for s in built.sections] == [
        "by_month",
        "by_product_line",
        "visits_by_month",
        "resolution",
        "timeliness",
        "satisfaction",
        "complaints",
        "cost",
    ]


def test_an_empty_year_says_so(session: Any) -> None:
    built = yearly_report(session, year=2030, zone=SH, now=NOW, t=Translator("zh"))
    assert built.empty_note == "report.yearly.empty"
    assert dict(built.summary)["report.yearly.q1_share"] is None


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 1, 1), 2025), (date(2026, 1, 31), 2025), (date(2026, 2, 1), 2026)],
)
def test_default_year_is_last_year_in_january(today: date, year: int) -> None:
    assert default_year(today) == year


def test_month_starts_are_local_midnights() -> None:
    starts = month_starts(2025, SH)
    assert (starts[0], starts[1], starts[12]) == (at(2025, 1, 1, 0), at(2025, 2, 1, 0),
                                                  at(2026, 1, 1, 0))  # fmt: skip
