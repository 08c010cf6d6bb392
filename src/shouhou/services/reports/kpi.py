"""Every KPI of the after-sales department, defined once (DOMAIN §7, issue 14 item 3).

DOMAIN §7 asks for: satisfaction score and rate, problem resolution rate 问题解决率, repair
timeliness 维修及时率, response on time, on-time arrival, first-time fix, repeat repairs,
callback rate, mean time to respond/resolve; per engineer: on time, result, cost. Each is a
named SQL expression below whose docstring is its definition, aggregated in the database with
GROUP BY (never row by row in Python) by ``kpi_queries``, whose ``kpis()`` gives them per
group; :func:`finish` turns the sums into rates, means and medians.

Populations (the period is [since, until) of local dates in the firm's zone, as instants):

- **tickets received** in the period (``received_at``, indexed) are the cohort of every ticket
  KPI, as they stand when the report is made. A cancelled ticket (customer misreport 误报)
  counts as received and in the costs, in no rate: it was never a fault to fix;
- **visits arrived** in the period (``arrived_at``) for on-time arrival;
- **service surveys taken** in the period (``taken_at``) for satisfaction;
- **complaints received** in the period (``received_at``) for complaint handling.

The on-time rates read the SLA state stored on the ticket row (``tickets.sla.stored_sla``):
``*_late_min`` (0 on time; minutes late once met or finished; NULL pending or not applicable)
and ``missed`` (milestones recorded late, kept for good — a reopen does not un-miss them).
A milestone still pending counts as missed once its deadline passed before ``now`` (the
report's time; a waiting ticket's clocks stand still, so only a deadline passed before the wait
began): it can no longer be met on time. A pending one not yet due is not judged yet.

Times to reply and resolve are clock time from ``received_at`` (what the customer waited), not
the SLA's working time. Medians are SQL on SQLite and PostgreSQL alike: window functions
(``ROW_NUMBER`` and ``COUNT`` over the group) pick the middle row or the middle two, which
are averaged — SQLite has no ``percentile_cont``. Means are exact: sums ÷ counts.

Grouping (``by``): ``engineer`` — the ticket's assignee (for visits the visit's engineer; for
surveys the assignee of the ticket surveyed — directly or through its visit — else the
surveyed visit's engineer unless it was a callback: whoever phoned did not do the job, as
``feedback.survey_stats`` groups; for complaints the staff member complained about, else the
ticket's assignee); ``severity`` — the ticket's; ``product`` — the product line of the device
(a visit's, survey's or complaint's own, else its ticket's). Rows without such a value form
the group ``None``. The last row is always the whole period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Float, and_, case, cast, exists, func, literal, not_, or_, select
from sqlmodel import col

from shouhou.errors import UsageError
from shouhou.models import AuditEntry, Complaint, StockMove, Survey, Ticket, Visit
from shouhou.services.feedback.surveys import SATISFIED_MEAN, SCORES
from shouhou.services.tickets.ranking import epoch_ms

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement

GROUPS = ("engineer", "severity", "product")
RESOLVED_STATES = ("resolved", "closed")
MILESTONES = ("reply", "onsite", "resolve")
# A service survey 《客户满意度调查表》 scores attitude, quality, fault resolution and timeliness
# 1–5 (DOMAIN §6). The customer is satisfied when the mean of the scores given is at least
# SATISFIED_MEAN (4 = 满意 on the 5-point form) — defined once, in services/feedback/surveys.
SERVICE_SCORES: tuple[str, ...] = SCORES["service"]
MINUTE_MS = 60_000


@dataclass(frozen=True)
class Period:
    """[since, until) as instants: local midnights in the firm's zone."""

    since: datetime
    until: datetime


def period(since: date, until: date, zone: tzinfo) -> Period:
    """The instants of the local dates [since, until) in ``zone`` (DOMAIN §2: the firm's time
    zone, whatever the machine's)."""
    from shouhou.timeutil import day_start

    if until <= since:
        raise UsageError("err.kpi_period", since=since.isoformat(), until=until.isoformat())
    return Period(day_start(since, zone), day_start(until, zone))


# -- tickets: the definitions ------------------------------------------------------------------


def received_in(p: Period) -> ColumnElement[bool]:
    """The cohort: tickets received in the period."""
    return and_(col(Ticket.received_at) >= p.since, col(Ticket.received_at) < p.until)


def cancelled() -> ColumnElement[bool]:
    """Cancelled 误报: received, in the costs, in no rate."""
    return col(Ticket.status) == "cancelled"


def counted() -> ColumnElement[bool]:
    """Received and not cancelled: the base of the resolution and repeat-repair rates."""
    return col(Ticket.status) != "cancelled"


def resolved() -> ColumnElement[bool]:
    """Resolution rate 问题解决率 = resolved ÷ counted: the ticket is resolved or closed now (a
    reopened one is not, until it is resolved again)."""
    return col(Ticket.status).in_(RESOLVED_STATES)


def _milestone(name: str) -> tuple[Any, Any, Any]:
    """(deadline, met at, minutes late) columns of a milestone."""
    return {
        "reply": (Ticket.reply_due_at, Ticket.replied_at, Ticket.reply_late_min),
        "onsite": (Ticket.onsite_due_at, Ticket.arrived_at, Ticket.onsite_late_min),
        "resolve": (Ticket.resolve_due_at, Ticket.resolved_at, Ticket.resolve_late_min),
    }[name]


def recorded_miss(name: str) -> ColumnElement[bool]:
    """The milestone is in ``ticket.missed``: it was late at some event — a miss for good."""
    return col(Ticket.missed).contains(name)


def on_time(name: str) -> ColumnElement[bool]:
    """Reply / on-site / resolve on time 响应及时 / 到场及时 / 维修及时 (DOMAIN §2 deadlines):
    a counted ticket whose stored ``*_late_min`` is 0 and which never recorded the milestone
    missed. Rate = on time ÷ judged (on time + :func:`missed`)."""
    late = col(_milestone(name)[2])
    return and_(counted(), late == 0, not_(recorded_miss(name)))


def missed(name: str, now: datetime | None) -> ColumnElement[bool]:
    """Missed: met or finished late (``*_late_min`` > 0), recorded missed, or still pending
    past its deadline at ``now`` (for a waiting ticket: passed before the wait began)."""
    due, met, late = (col(c) for c in _milestone(name))
    terms = [late > 0, recorded_miss(name)]
    if now is not None:
        waiting = col(Ticket.waiting_since)
        terms.append(
            and_(
                late.is_(None),
                met.is_(None),
                due.is_not(None),
                due < now,
                or_(waiting.is_(None), due <= waiting),
            )
        )
    return and_(counted(), or_(*terms))


def reopened() -> ColumnElement[bool]:
    """Reopened at least once (``reopen`` in the audit trail: e.g. a callback found it back)."""
    return exists().where(
        col(AuditEntry.entity) == "ticket",
        col(AuditEntry.entity_id) == col(Ticket.id),
        col(AuditEntry.action) == "reopen",
    )


def repair_visits_done() -> ColumnElement[int]:
    """How many on-site repair visits of the ticket were done."""
    return (
        select(func.count())
        .where(
            col(Visit.ticket_id) == col(Ticket.id),
            col(Visit.kind) == "repair",
            col(Visit.status) == "done",
        )
        .scalar_subquery()
    )


def first_time_fix() -> ColumnElement[bool]:
    """First-time fix 一次修复率: resolved; not itself a repeat repair (``repeat_of_id`` NULL:
    the customer did not have to report the problem again); never reopened; and done with at
    most one on-site repair visit (none: fixed by phone or remotely). Rate ÷ resolved."""
    return and_(
        resolved(),
        col(Ticket.repeat_of_id).is_(None),
        not_(reopened()),
        repair_visits_done() <= 1,
    )


def repeat_repair() -> ColumnElement[bool]:
    """Repeat repair 重复维修 (DOMAIN §1 "the same problem must not be repaired twice"): the
    ticket repeats an earlier repair of the device (``repeat_of_id``, set at intake). Rate ÷
    counted."""
    return and_(counted(), col(Ticket.repeat_of_id).is_not(None))


def callback_done() -> ColumnElement[bool]:
    """Callback rate 回访率 (DOMAIN §3, target 100%): a resolved ticket with a callback visit
    done — by phone or on site, whatever it found. Rate ÷ resolved."""
    return and_(
        resolved(),
        exists().where(
            col(Visit.ticket_id) == col(Ticket.id),
            col(Visit.kind) == "callback",
            col(Visit.status) == "done",
        ),
    )


def replied() -> ColumnElement[bool]:
    """The tickets timed for reply: counted and replied."""
    return and_(counted(), col(Ticket.replied_at).is_not(None))


def reply_ms() -> ColumnElement[int]:
    """Time to reply 响应时间: ``replied_at − received_at``, in milliseconds."""
    return epoch_ms(col(Ticket.replied_at)) - epoch_ms(col(Ticket.received_at))


def fixed() -> ColumnElement[bool]:
    """The tickets timed for resolution: resolved (with their fix time)."""
    return and_(resolved(), col(Ticket.resolved_at).is_not(None))


def resolve_ms() -> ColumnElement[int]:
    """Time to resolve 解决时间: ``resolved_at − received_at``, in milliseconds."""
    return epoch_ms(col(Ticket.resolved_at)) - epoch_ms(col(Ticket.received_at))


def labour_hours() -> ColumnElement[float]:
    """Labour hours 工时 entered on the ticket (``ticket charge --labor-hours``), every ticket
    received: a trip to a misreport cost the hours too."""
    return cast(func.nullif(col(Ticket.labor_hours), ""), Float)


def travel_cents() -> ColumnElement[int]:
    """Travel cost 差旅费 entered on the ticket, every ticket received."""
    return func.coalesce(col(Ticket.travel_cents), 0)


def parts_cost_cents() -> ColumnElement[int]:
    """Parts cost 配件成本 of a ledger move for a ticket: parts issued less parts returned, at
    the unit cost on the move (``stock_move`` kinds issue/return; an issue's quantity is
    negative), every ticket received."""
    return -col(StockMove.quantity) * func.coalesce(col(StockMove.unit_cost_cents), 0)


# -- visits, surveys, complaints: the definitions ----------------------------------------------


def visit_judged(p: Period) -> ColumnElement[bool]:
    """On-time arrival 准时到达 (DOMAIN §3): visits of every kind that arrived in the period,
    judged by ``visit.on_time`` (stored at arrival: within the appointment's grace and, for a
    repair, the ticket's on-site deadline). Rate = on time ÷ these."""
    return and_(
        col(Visit.arrived_at) >= p.since,
        col(Visit.arrived_at) < p.until,
        col(Visit.on_time).is_not(None),
    )


def scores_given() -> ColumnElement[int]:
    """How many of the four service scores the survey has."""
    given: Any = literal(0)
    for name in SERVICE_SCORES:
        given = given + case((getattr(Survey, name).is_not(None), 1), else_=0)
    return given  # type: ignore[no-any-return]


def score_total() -> ColumnElement[int]:
    total: Any = literal(0)
    for name in SERVICE_SCORES:
        total = total + func.coalesce(getattr(Survey, name), 0)
    return total  # type: ignore[no-any-return]


def surveyed(p: Period) -> ColumnElement[bool]:
    """Satisfaction counts service surveys taken in the period with at least one score."""
    return and_(
        col(Survey.kind) == "service",
        col(Survey.taken_at) >= p.since,
        col(Survey.taken_at) < p.until,
        scores_given() > 0,
    )


def satisfied() -> ColumnElement[bool]:
    """Satisfied 满意 (DOMAIN §6, target ≥ 98%): the mean of the scores given is at least
    ``SATISFIED_MEAN``; in integers, sum ≥ 4 × count (a mean of exactly 4 is satisfied).
    Satisfaction rate = satisfied ÷ :func:`surveyed`; the mean scores are per question over
    the surveys that answered it."""
    return score_total() >= SATISFIED_MEAN * scores_given()


def complaint_on_time(which: str) -> ColumnElement[bool]:
    """Complaint answered within 24 h (``answer``) / handling opinion given within 2 working
    days (``opinion``), DOMAIN §5: the stored ``answer_late_min`` / ``opinion_late_min`` is 0.
    Rate = on time ÷ :func:`complaint_judged`."""
    late: Any = getattr(Complaint, f"{which}_late_min")
    return late == 0  # type: ignore[no-any-return]


def complaint_judged(which: str, now: datetime | None) -> ColumnElement[bool]:
    """Judged: the minutes late are stored (met), or the deadline passed before ``now``."""
    late: Any = getattr(Complaint, f"{which}_late_min")
    terms = [late.is_not(None)]
    if now is not None:
        terms.append(getattr(Complaint, f"{which}_due_at") < now)
    return or_(*terms)


# -- the figures of one group ------------------------------------------------------------------


def finish(raw: dict[str, Any]) -> dict[str, Any]:
    """The KPIs of one group from its raw sums (missing sums: nothing of that kind)."""

    def n(key: str) -> int:
        return int(raw.get(key) or 0)

    received, cancelled_, resolved_ = n("received"), n("cancelled"), n("resolved")
    counted_ = received - cancelled_
    row: dict[str, Any] = {
        "received": received,
        "cancelled": cancelled_,
        "counted": counted_,
        "resolved": resolved_,
        "resolution_rate": rate(resolved_, counted_),
    }
    for name in MILESTONES:
        good, judged = n(f"{name}_on_time"), n(f"{name}_on_time") + n(f"{name}_missed")
        row |= {
            f"{name}_on_time": good,
            f"{name}_judged": judged,
            f"{name}_on_time_rate": rate(good, judged),
        }
    row |= {
        "first_time_fix": n("first_time_fix"),
        "first_time_fix_rate": rate(n("first_time_fix"), resolved_),
        "repeats": n("repeats"),
        "repeat_rate": rate(n("repeats"), counted_),
        "callbacks": n("callbacks"),
        "callback_rate": rate(n("callbacks"), resolved_),
        "reply_mean_min": minutes(raw.get("reply_sum_ms"), n("reply_n")),
        "reply_median_min": minutes(raw.get("reply_mid_sum"), n("reply_mid_n")),
        "resolve_mean_min": minutes(raw.get("resolve_sum_ms"), n("resolve_n")),
        "resolve_median_min": minutes(raw.get("resolve_mid_sum"), n("resolve_mid_n")),
        "visits_judged": n("visits_judged"),
        "visits_on_time": n("visits_on_time"),
        "visit_on_time_rate": rate(n("visits_on_time"), n("visits_judged")),
        "surveys": n("surveys"),
        "satisfied": n("satisfied"),
        "satisfaction_rate": rate(n("satisfied"), n("surveys")),
    }
    for name in SERVICE_SCORES:
        row[f"{name}_mean"] = mean(raw.get(f"{name}_sum"), n(f"{name}_n"))
    row["complaints"] = n("complaints")
    for which in ("answer", "opinion"):
        good, judged = n(f"{which}_on_time"), n(f"{which}_judged")
        row |= {
            f"{which}_on_time": good,
            f"{which}_judged": judged,
            f"{which}_on_time_rate": rate(good, judged),
        }
    hours = raw.get("labor_hours")
    row |= {
        "labor_hours": Decimal(str(round(float(hours or 0), 2))).quantize(Decimal("0.01")),
        "travel_cost": _yuan(n("travel_cents")),
        "parts_cost": _yuan(n("parts_cents")),
    }
    return row


def rate(part: int, whole: int) -> float | None:
    """``part ÷ whole`` to 4 places (11/12 → 0.9167); None when ``whole`` is 0."""
    return None if whole == 0 else round(part / whole, 4)


def minutes(total_ms: Any, count: int) -> int | None:
    """The mean of ``count`` durations summing to ``total_ms`` milliseconds, in whole minutes
    rounded half up; None over nothing."""
    if not count or total_ms is None:
        return None
    value = Decimal(str(total_ms)) / count / MINUTE_MS
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def mean(total: Any, count: int) -> Decimal | None:
    """A mean score to 2 places, half up; None over nothing."""
    if not count or total is None:
        return None
    return (Decimal(str(total)) / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _yuan(cents_value: int) -> Decimal:
    from shouhou.timeutil import money

    return money(cents_value)
