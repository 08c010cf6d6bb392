"""The weekly call record 电话服务记录 (DOMAIN §7, issue 14 item 1): every request received in
one ISO week — when, by which channel, from whom, about what, how severe, who took it, how it
was handled and whether each deadline was met — with totals by day, channel, severity,
engineer and outcome.

The week runs Monday 00:00 to the next Monday 00:00 in the firm's time zone (DOMAIN §2: local
dates are the firm's). Every figure is read from the ticket rows as stored — the SLA state the
ticket services keep on each row (``reply_late_min`` … ``resolve_late_min``: 0 on time, minutes
late, NULL pending or not applicable) — and aggregated in SQL over the ``received_at`` index;
nothing is recomputed per ticket in Python. The request list is read through a streamed cursor.

How a request was handled (``outcome``), from the ticket's status and support mode:
cancelled → ``cancelled``; not yet resolved or closed → ``open`` (whatever mode is planned);
resolved or closed → its mode: ``phone``, ``remote``, ``visit`` (on site), ``depot`` (return to
factory), or ``unrecorded`` when no mode was set.

Each deadline (reply, on site, resolve) of a request is, at the time the report is made:
``met`` (stored lateness 0), ``late`` (met, that many minutes late), ``overdue`` (not met, the
ticket still open and the deadline passed — before any pause for waiting), ``pending`` (not met,
not yet due, or paused) or nothing (no such deadline, or the ticket finished without it).
A request "missed a deadline" when any of its deadlines is late or overdue.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from shouhou.errors import UsageError
from shouhou.services.reports.model import Chart, Column, Report, Section
from shouhou.timeutil import day_start, to_utc

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Table
    from sqlmodel import Session

FINISHED = ("resolved", "closed")
ENDED = (*FINISHED, "cancelled")
MILESTONES = ("reply", "onsite", "resolve")
OUTCOMES = ("phone", "remote", "visit", "depot", "unrecorded", "open", "cancelled")
CHANNELS = ("phone", "email", "web", "fax", "walk-in", "onsite", "remote")
SEVERITIES = ("1", "2", "3")
STREAM_ROWS = 500

_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")

REQUEST_COLUMNS = (
    Column("number", "report.weekly.col.number"),
    Column("received_at", "report.weekly.col.received_at", "time"),
    Column("channel", "report.col.channel", "enum:channel."),
    Column("customer", "report.weekly.col.customer"),
    Column("device", "report.weekly.col.device"),
    Column("symptom", "report.weekly.col.symptom"),
    Column("severity", "report.col.severity", "enum:severity."),
    Column("received_by", "report.weekly.col.received_by"),
    Column("engineer", "report.col.engineer"),
    Column("outcome", "report.col.outcome", "enum:report.outcome."),
    Column("reply", "report.weekly.col.reply", "deadline"),
    Column("onsite", "report.weekly.col.onsite", "deadline"),
    Column("resolve", "report.weekly.col.resolve", "deadline"),
)
TOTAL_COLUMNS = (
    Column("requests", "report.col.requests", "int"),
    Column("open", "report.col.open", "int"),
    Column("missed", "report.col.missed", "int"),
)


# ---------------------------------------------------------------------------------------------
# the week


def parse_week(text: str) -> tuple[int, int]:
    """``2026-W47`` (also ``2026W47``, ``2026-w7``) → (2026, 47); anything else, or a week the
    year does not have, is a usage error (exit 2)."""
    match = _WEEK.fullmatch(text.strip())
    if match is not None:
        year, week = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            pass
        else:
            return year, week
    raise UsageError("err.report_bad_week", value=text)


def last_full_week(today: date) -> tuple[int, int]:
    """The last ISO week that has ended by ``today`` (the firm's date): on any day of week 48,
    week 47."""
    year, week, _ = (today - timedelta(days=7)).isocalendar()
    return year, week


def week_label(year: int, week: int) -> str:
    return f"{year}-W{week:02d}"


def week_days(year: int, week: int) -> list[date]:
    first = date.fromisocalendar(year, week, 1)
    return [first + timedelta(days=n) for n in range(7)]


# ---------------------------------------------------------------------------------------------
# SQL pieces


def _ticket() -> Table:
    from shouhou.models import Ticket

    table: Table = Ticket.__table__  # type: ignore[attr-defined]
    return table


def outcome_of(t: Table) -> ColumnElement[Any]:
    """How a request was handled, from status and mode (see the module docstring)."""
    from sqlalchemy import case, literal

    return case(
        (t.c.status == "cancelled", literal("cancelled")),
        (t.c.status.not_in(FINISHED), literal("open")),
        (t.c.mode == "phone", literal("phone")),
        (t.c.mode == "remote", literal("remote")),
        (t.c.mode == "onsite", literal("visit")),
        (t.c.mode == "depot", literal("depot")),
        else_=literal("unrecorded"),
    )


def deadline_state(t: Table, milestone: str, now: datetime) -> ColumnElement[Any]:
    """One deadline's state at ``now`` (see the module docstring), from the stored SLA state."""
    from sqlalchemy import and_, case, literal, null, or_

    late = t.c[f"{milestone}_late_min"]
    due = t.c[f"{milestone}_due_at"]
    before_pause = or_(t.c.waiting_since.is_(None), due < t.c.waiting_since)
    return case(
        (late == 0, literal("met")),
        (late > 0, literal("late")),
        (or_(due.is_(None), t.c.status.in_(ENDED)), null()),
        (and_(due < now, before_pause), literal("overdue")),
        else_=literal("pending"),
    )


def day_of(t: Table, bounds: list[datetime]) -> ColumnElement[Any]:
    """The local day of the week (0 = Monday) a request was received on: the days' bounds in
    UTC are computed in Python (so a zone's DST change is right), the CASE compares with them."""
    from sqlalchemy import case, literal

    return case(
        *((t.c.received_at < bounds[n + 1], literal(n)) for n in range(6)), else_=literal(6)
    )


class Group(NamedTuple):
    """One row of the week's GROUP BY: how many requests share a local day, channel, severity,
    engineer, outcome and the state of each deadline."""

    day: int
    channel: str
    severity: str
    engineer: str | None
    outcome: str
    reply: str | None
    onsite: str | None
    resolve: str | None
    requests: int

    @property
    def missed(self) -> bool:
        """A deadline of these requests was met late or is overdue."""
        return any(s in ("late", "overdue") for s in (self.reply, self.onsite, self.resolve))


def groups(
    session: Session,
    t: Table,
    bounds: list[datetime],
    in_week: ColumnElement[bool],
    now: datetime,
) -> list[Group]:
    """The week's requests counted in SQL, in one GROUP BY over the ``received_at`` range; every
    total of the report is a sum of these counts (a week has at most as many groups as
    requests)."""
    from sqlalchemy import func, select

    keys = [
        day_of(t, bounds).label("day"),
        t.c.channel,
        t.c.severity,
        t.c.assignee.label("engineer"),
        outcome_of(t).label("outcome"),
        *(deadline_state(t, m, now).label(m) for m in MILESTONES),
    ]
    statement = select(*keys, func.count().label("requests")).where(in_week).group_by(*keys)
    return [Group._make(row) for row in session.connection().execute(statement)]


def totals(found: list[Group], field: str) -> dict[Any, dict[str, int]]:
    """Requests, open ones and those that missed a deadline, per value of ``field``."""
    rolled: dict[Any, dict[str, int]] = {}
    for group in found:
        row = rolled.setdefault(getattr(group, field), {"requests": 0, "open": 0, "missed": 0})
        row["requests"] += group.requests
        row["open"] += group.requests if group.outcome == "open" else 0
        row["missed"] += group.requests if group.missed else 0
    return rolled


# ---------------------------------------------------------------------------------------------
# the report


def weekly_report(
    session: Session,
    *,
    week: str | None,
    today: date,
    zone: tzinfo,
    now: datetime,
) -> Report:
    """The weekly call record of ``week`` (``YYYY-Www``), by default the last full ISO week
    before ``today`` in the firm's ``zone``; deadlines are judged as of ``now``."""
    year, number = parse_week(week) if week else last_full_week(today)
    days = week_days(year, number)
    bounds = [to_utc(day_start(d, zone)) for d in (*days, days[-1] + timedelta(days=1))]
    now = to_utc(now)
    t = _ticket()
    in_week = (t.c.received_at >= bounds[0]) & (t.c.received_at < bounds[7])
    period = {
        "week": week_label(year, number),
        "from": days[0].isoformat(),
        "to": days[-1].isoformat(),
    }

    found = groups(session, t, bounds, in_week, now)
    by = {field: totals(found, field) for field in ("channel", "severity", "engineer", "outcome")}
    outcome = {key: row["requests"] for key, row in by["outcome"].items()}
    requests = sum(outcome.values())
    summary: list[tuple[str, Any]] = [
        ("report.weekly.sum.requests", requests),
        ("report.weekly.sum.by_phone", outcome.get("phone", 0) + outcome.get("remote", 0)),
        ("report.weekly.sum.on_site", outcome.get("visit", 0)),
        ("report.weekly.sum.depot", outcome.get("depot", 0)),
        ("report.weekly.sum.open", outcome.get("open", 0)),
        ("report.weekly.sum.cancelled", outcome.get("cancelled", 0)),
        ("report.weekly.sum.missed", sum(row["missed"] for row in by["outcome"].values())),
    ]
    sections = [
        Section(
            "by_day",
            "report.section.by_day",
            (
                Column("day", "report.col.day", "date"),
                Column("weekday", "report.col.weekday", "enum:weekday."),
                *TOTAL_COLUMNS,
            ),
            _by_day(found, days),
            chart=Chart("bars", "weekday", ("requests",)),
        ),
        _section("by_channel", "channel", "enum:channel.", by["channel"], CHANNELS),
        _section("by_severity", "severity", "enum:severity.", by["severity"], SEVERITIES),
        _section("by_engineer", "engineer", "text", by["engineer"], ()),
        Section(
            "by_outcome",
            "report.section.by_outcome",
            (
                Column("outcome", "report.col.outcome", "enum:report.outcome."),
                TOTAL_COLUMNS[0],
                TOTAL_COLUMNS[2],
            ),
            _ordered(by["outcome"], "outcome", OUTCOMES, ("requests", "missed")),
        ),
        Section(
            "deadlines",
            "report.section.deadlines",
            (
                Column("milestone", "report.col.milestone", "enum:report.milestone."),
                Column("met", "report.col.met", "int"),
                Column("late", "report.col.late", "int"),
                Column("overdue", "report.col.overdue", "int"),
                Column("pending", "report.col.pending", "int"),
            ),
            _deadlines(found),
        ),
        Section(
            "requests",
            "report.weekly.section.requests",
            REQUEST_COLUMNS,
            list(_requests(session, t, in_week, now)),
        ),
    ]
    return Report(
        name="weekly",
        title="report.weekly.title",
        period=period,
        generated_at=now.isoformat(),
        summary=summary,
        sections=sections,
        empty_note="report.empty_week" if requests == 0 else None,
    )


def _ordered(
    rolled: dict[Any, dict[str, int]],
    name: str,
    order: tuple[Any, ...],
    numbers: tuple[str, ...] = ("requests", "open", "missed"),
) -> list[dict[str, Any]]:
    """Rows keyed ``name`` in ``order`` (values not in it after, by name)."""
    rank = {value: index for index, value in enumerate(order)}
    keys = sorted(rolled, key=lambda k: (rank.get(k, len(rank)), str(k or "")))
    return [{name: key, **{n: rolled[key][n] for n in numbers}} for key in keys]


def _section(
    name: str, key: str, kind: str, rolled: dict[Any, dict[str, int]], order: tuple[str, ...]
) -> Section:
    """A totals table (by channel, severity, engineer): in the vocabulary's order; engineers
    by number of requests, the unassigned (engineer null) last."""
    if key == "engineer":
        order = tuple(
            sorted((k for k in rolled if k is not None), key=lambda k: (-rolled[k]["requests"], k))
        )
    return Section(
        name,
        f"report.section.{name}",
        (Column(key, f"report.col.{key}", kind), *TOTAL_COLUMNS),
        _ordered(rolled, key, order),
    )


def _by_day(found: list[Group], days: list[date]) -> list[dict[str, Any]]:
    """Requests, open and missed per local day, Monday to Sunday (empty days included)."""
    rolled = totals(found, "day")
    empty = {"requests": 0, "open": 0, "missed": 0}
    return [
        {"day": on.isoformat(), "weekday": on.isoweekday(), **rolled.get(index, empty)}
        for index, on in enumerate(days)
    ]


def _deadlines(found: list[Group]) -> list[dict[str, Any]]:
    """Per deadline: how many were met on time, met late, are overdue, are pending."""
    rows = []
    for milestone in MILESTONES:
        row: dict[str, Any] = {"milestone": milestone, "met": 0, "late": 0, "overdue": 0}
        row["pending"] = 0
        for group in found:
            state = getattr(group, milestone)
            if state is not None:
                row[state] += group.requests
        rows.append(row)
    return rows


def _requests(session: Session, t: Table, in_week: ColumnElement[bool], now: datetime) -> Any:
    """The week's requests in order of receipt, one row each, read in batches of
    ``STREAM_ROWS`` from the cursor. A deadline's minutes late are the stored ones; an overdue
    one's are counted to ``now`` (its due time is read only for those)."""
    from sqlalchemy import case, func, select

    from shouhou.models import Customer, Device

    c = Customer.__table__  # type: ignore[attr-defined]
    d = Device.__table__  # type: ignore[attr-defined]
    states = [deadline_state(t, m, now) for m in MILESTONES]
    device = func.trim(func.coalesce(d.c.model, "") + " " + func.coalesce(d.c.serial, ""))
    statement = (
        select(
            t.c.number,
            t.c.received_at,
            t.c.channel,
            c.c.name,
            device,
            t.c.symptom,
            t.c.severity,
            t.c.received_by,
            t.c.assignee,
            outcome_of(t),
            *states,
            *(t.c[f"{m}_late_min"] for m in MILESTONES),
            *(
                case((state == "overdue", t.c[f"{m}_due_at"]))
                for m, state in zip(MILESTONES, states, strict=True)
            ),
        )
        .join(c, c.c.id == t.c.customer_id)
        .outerjoin(d, d.c.id == t.c.device_id)
        .where(in_week)
        .order_by(t.c.received_at, t.c.id)
        .execution_options(yield_per=STREAM_ROWS)
    )

    def overdue(due: datetime | None, late: int | None) -> int | None:
        if due is None:
            return late
        return -(-int((now - due).total_seconds()) // 60)  # minutes, rounded up

    for (
        number,
        received_at,
        channel,
        customer,
        device_text,
        symptom,
        severity,
        received_by,
        engineer,
        outcome,
        reply,
        onsite,
        resolve,
        reply_late,
        onsite_late,
        resolve_late,
        reply_due,
        onsite_due,
        resolve_due,
    ) in session.connection().execute(statement):
        yield {
            "number": number,
            "received_at": received_at,
            "channel": channel,
            "customer": customer,
            "device": device_text or None,
            "symptom": symptom,
            "severity": severity,
            "received_by": received_by,
            "engineer": engineer,
            "outcome": outcome,
            "reply": reply,
            "reply_late_min": overdue(reply_due, reply_late),
            "onsite": onsite,
            "onsite_late_min": overdue(onsite_due, onsite_late),
            "resolve": resolve,
            "resolve_late_min": overdue(resolve_due, resolve_late),
        }
