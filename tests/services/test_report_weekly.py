"""services/reports/weekly: the weekly call record 电话服务记录 (DOMAIN §7, issue 14 item 1) on the
hand-checked week of ``tests/services/report_week.py``, the ISO week, and the snapshot."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import UsageError
from shouhou.services.reports.model import Report, Section
from shouhou.services.reports.weekly import (
    last_full_week,
    parse_week,
    week_days,
    weekly_report,
)
from shouhou.services.tickets import intake
from shouhou.services.tickets.sla import load_rules
from tests.conftest import NOW
from tests.services.report_week import SH, WEEK, build_week, by

if TYPE_CHECKING:
    from sqlmodel import Session


@pytest.fixture
def week(session: Session) -> dict[str, Any]:
    return build_week(session)


def report_of(session: Session, week: str | None = WEEK, zone: Any = SH) -> Report:
    return weekly_report(session, week=week, today=NOW.date(), zone=zone, now=NOW)


def section(report: Report, name: str) -> Section:
    return next(s for s in report.sections if s.name == name)


def table(report: Report, name: str, key: str) -> dict[Any, tuple[int, ...]]:
    """A totals section as {key value: (the other numbers in column order)}."""
    part = section(report, name)
    numbers = [c.key for c in part.columns if c.key != key]
    return {row[key]: tuple(row[n] for n in numbers) for row in part.rows}


# -- the hand-checked week -----------------------------------------------------------------------


def test_summary_of_the_week(session: Session, week: dict[str, Any]) -> None:
    """8 requests (T0–T7; the two outside W47 are not counted). Handled: by phone T0, T2 and
    remotely T3 → 3; site visit T1, T6 → 2; depot none; still open T4, T5 → 2; cancelled T7.
    A deadline missed: T3 (reply 15 min late), T4 (reply and resolve overdue), T6 (on site 40,
    resolve 90 min late) → 3."""
    report = report_of(session)
    assert report.period == {"week": "2026-W47", "from": "2026-11-16", "to": "2026-11-22"}
    assert report.empty_note is None
    assert report.generated_at == "2026-11-23T02:00:00+00:00"
    assert report.summary == [
        ("report.weekly.sum.requests", 8),
        ("report.weekly.sum.by_phone", 3),
        ("report.weekly.sum.on_site", 2),
        ("report.weekly.sum.depot", 0),
        ("report.weekly.sum.open", 2),
        ("report.weekly.sum.cancelled", 1),
        ("report.weekly.sum.missed", 3),
    ]


def test_requests_by_local_day(session: Session, week: dict[str, Any]) -> None:
    """Mon T0 (00:05 local = Sunday 16:05 UTC), T1, T2 → 3; Tue T3; Wed T4 (open, missed);
    Thu T5 (open, waiting); Fri none; Sat T6 (missed); Sun T7 (23:30) → 1 each."""
    part = section(report_of(session), "by_day")
    assert [(r["day"], r["weekday"], r["requests"], r["open"], r["missed"]) for r in part.rows] == [
        ("2026-11-16", 1, 3, 0, 0),
        ("2026-11-17", 2, 1, 0, 1),
        ("2026-11-18", 3, 1, 1, 1),
        ("2026-11-19", 4, 1, 1, 0),
        ("2026-11-20", 5, 0, 0, 0),
        ("2026-11-21", 6, 1, 0, 1),
        ("2026-11-22", 7, 1, 0, 0),
    ]
    assert part.chart is not None and part.chart.kind == "bars"
    assert (part.chart.x, part.chart.series) == ("weekday", ("requests",))


def test_totals_by_channel_severity_engineer_outcome(
    session: Session, week: dict[str, Any]
) -> None:
    """(requests, open, missed). Channel: phone T0 T1 T3 T5 T7 (open T5; missed T3); email T2;
    web T4 (open, missed); walk-in T6 (missed) — in the vocabulary's order. Severity: critical
    T0 T1 T3 T6 (missed T3 T6); major T2 T5 (open T5); minor T4 T7 (open, missed T4).
    Engineer, most requests first, the unassigned (T4, T7) last: 王工 T0 T1 T3; 李工 T2 T5;
    张工 T6. Outcome (requests, missed): phone T0 T2; remote T3 (missed); visit T1 T6 (T6
    missed); open T4 T5 (T4 missed); cancelled T7."""
    report = report_of(session)
    assert table(report, "by_channel", "channel") == {
        "phone": (5, 1, 1),
        "email": (1, 0, 0),
        "web": (1, 1, 1),
        "walk-in": (1, 0, 1),
    }
    assert [r["channel"] for r in section(report, "by_channel").rows] == [
        "phone",
        "email",
        "web",
        "walk-in",
    ]
    assert table(report, "by_severity", "severity") == {
        "1": (4, 0, 2),
        "2": (2, 1, 0),
        "3": (2, 1, 1),
    }
    engineers = section(report, "by_engineer").rows
    assert [(r["engineer"], r["requests"], r["open"], r["missed"]) for r in engineers] == [
        ("王工", 3, 0, 1),
        ("李工", 2, 1, 0),
        ("张工", 1, 0, 1),
        (None, 2, 1, 1),
    ]
    outcomes = section(report, "by_outcome").rows
    assert [(r["outcome"], r["requests"], r["missed"]) for r in outcomes] == [
        ("phone", 2, 0),
        ("remote", 1, 1),
        ("visit", 2, 1),
        ("open", 2, 1),
        ("cancelled", 1, 0),
    ]


def test_deadlines_met_late_overdue_pending(session: Session, week: dict[str, Any]) -> None:
    """Reply: met T0 T1 T2 T5 T6 T7 (T7 cancelled 23:50, before its reply was due Mon 09:30:
    the stored lateness is 0), late T3, overdue T4 → 6/1/1/0. On site (on-site mode only): T1
    met, T6 late → 1/1/0/0. Resolve: met T0 T1 T2 T3 T7, late T6, overdue T4 (due Mon 09:30,
    NOW 10:00), pending T5 (waiting) → 5/1/1/1."""
    rows = section(report_of(session), "deadlines").rows
    assert [(r["milestone"], r["met"], r["late"], r["overdue"], r["pending"]) for r in rows] == [
        ("reply", 6, 1, 1, 0),
        ("onsite", 1, 1, 0, 0),
        ("resolve", 5, 1, 1, 1),
    ]


def test_every_request_of_the_week(session: Session, week: dict[str, Any]) -> None:
    """In order of receipt; deadline state and minutes late (overdue: to NOW). T4's reply was
    due Wed 10:30: to Mon 10:00 is 4 d 23 h 30 min = 7170 min; its resolve was due Mon 09:30:
    30 min."""
    t = week["T"]
    rows = section(report_of(session), "requests").rows
    assert [r["number"] for r in rows] == t
    first = rows[0]
    assert first["received_at"] == datetime(2026, 11, 15, 16, 5, tzinfo=UTC)
    assert {k: first[k] for k in ("channel", "customer", "device", "severity")} == {
        "channel": "phone",
        "customer": "华光机械有限公司",
        "device": "KS-200 SN-A1",
        "severity": "1",
    }
    assert (first["received_by"], first["engineer"], first["outcome"]) == ("小刘", "王工", "phone")
    states = {
        r["number"]: tuple((r[m], r[f"{m}_late_min"]) for m in ("reply", "onsite", "resolve"))
        for r in rows
    }
    assert states == {
        t[0]: (("met", 0), (None, None), ("met", 0)),
        t[1]: (("met", 0), ("met", 0), ("met", 0)),
        t[2]: (("met", 0), (None, None), ("met", 0)),
        t[3]: (("late", 15), (None, None), ("met", 0)),
        t[4]: (("overdue", 7170), (None, None), ("overdue", 30)),
        t[5]: (("met", 0), (None, None), ("pending", None)),
        t[6]: (("met", 0), ("late", 40), ("late", 90)),
        t[7]: (("met", 0), (None, None), ("met", 0)),
    }
    assert rows[3]["received_by"] == "小王"
    assert rows[4]["engineer"] is None and rows[4]["outcome"] == "open"


def test_the_firm_zone_decides_the_week(session: Session, week: dict[str, Any]) -> None:
    """In UTC, T0 (Sunday 16:05 UTC) belongs to W46 and the W48 ticket (Mon 08:00 local = Mon
    00:00 UTC) is in W48 either way: W47 has 7 requests."""
    report = report_of(session, zone=ZoneInfo("UTC"))
    assert report.summary[0] == ("report.weekly.sum.requests", 7)
    assert week["T"][0] not in [r["number"] for r in section(report, "requests").rows]


def test_an_empty_week_says_so(session: Session, week: dict[str, Any]) -> None:
    """2026-W40 has no request: every figure 0, seven empty days, the note set; the sections are
    all there (a script sees the same shape every week)."""
    report = report_of(session, week="2026-W40")
    assert report.empty_note == "report.empty_week"
    assert all(value == 0 for _, value in report.summary)
    assert [s.name for s in report.sections] == [
        "by_day",
        "by_channel",
        "by_severity",
        "by_engineer",
        "by_outcome",
        "deadlines",
        "requests",
    ]
    assert [r["requests"] for r in section(report, "by_day").rows] == [0] * 7
    assert section(report, "requests").rows == []
    assert section(report, "by_channel").rows == []
    assert [r["met"] for r in section(report, "deadlines").rows] == [0, 0, 0]


def test_default_week_is_the_last_full_week(session: Session, week: dict[str, Any]) -> None:
    """NOW is Monday 2026-11-23 (W48): the last full week is W47."""
    assert report_of(session, week=None).period["week"] == "2026-W47"


# -- the ISO week --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), (2026, 47)),  # Monday of W48
        (date(2026, 11, 22), (2026, 46)),  # Sunday of W47: W47 is not over
        (date(2027, 1, 1), (2026, 52)),  # Friday of 2026-W53
        (date(2027, 1, 4), (2026, 53)),  # Monday of 2027-W01: 2026 has 53 weeks
        (date(2026, 1, 1), (2025, 52)),  # Thursday of 2026-W01
    ],
)
def test_last_full_week(today: date, expected: tuple[int, int]) -> None:
    assert last_full_week(today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-W47", (2026, 47)),
        ("2026w47", (2026, 47)),
        (" 2026-W7 ", (2026, 7)),
        ("2026-W53", (2026, 53)),
    ],
)
def test_parse_week(text: str, expected: tuple[int, int]) -> None:
    assert parse_week(text) == expected


@pytest.mark.parametrize(
    "text", ["2026-47", "2026-W54", "2025-W53", "2026-W00", "W47", "", "2026-11-16", "last"]
)
def test_parse_week_refuses(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_week(text)
    assert caught.value.key == "err.report_bad_week"
    assert caught.value.exit_code == 2
    assert str(caught.value) == (
        f"error: --week '{text}' is not an ISO week — write it as YYYY-Www, e.g. 2026-W47"
    )


def test_week_days_run_monday_to_sunday() -> None:
    assert week_days(2026, 1) == [date(2025, 12, 29 + n) for n in range(3)] + [
        date(2026, 1, n) for n in range(1, 5)
    ]


# -- one snapshot --------------------------------------------------------------------------------


def test_a_report_reads_one_snapshot(db_url: str) -> None:
    """Tickets committed by another connection while the report is being read are not seen by
    it — not by the totals, not by the list (issue 14 item 6)."""
    from shouhou import db
    from shouhou.services.reports.snapshot import snapshot

    with db.session(db_url, write=True) as s:
        build_week(s)
    with snapshot(db_url) as reading:
        before = report_of(reading)
        with db.session(db_url, write=True) as writing:
            intake.open_ticket(
                writing,
                by("小刘", "2026-11-18 11:00"),
                customer_id=1,
                severity="3",
                symptom="written while the report runs",
                received_at=datetime(2026, 11, 18, 11, 0, tzinfo=SH),
                rules=load_rules(writing, zone=SH),
            )
        after = report_of(reading)
    assert after.summary == before.summary
    assert len(section(after, "requests").rows) == 8
    with snapshot(db_url) as fresh:
        assert report_of(fresh).summary[0] == ("report.weekly.sum.requests", 9)


def test_the_snapshot_refuses_writes_on_postgresql(db_url: str) -> None:
    """PostgreSQL: REPEATABLE READ READ ONLY."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite's snapshot is a plain read transaction")
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from shouhou.services.reports.snapshot import snapshot

    with snapshot(db_url) as s:
        level = s.connection().execute(text("SHOW transaction_isolation")).scalar()
        assert level == "repeatable read"
        with pytest.raises(DBAPIError, match="read-only"):
            s.connection().execute(text("UPDATE setting SET value = value"))
