"""SLA state and urgency of tickets: computed from the append-only status log, and the part of
it stored on the ticket row after every event (issue 9) so lists sort and filter in SQL.

DOMAIN §2: reply / on-site / resolve deadlines per severity and zone, clocks paused while the
ticket waits on the customer or on parts, escalation to the supervisor then the manager, and a
spare unit (备用机) for a critical ticket not resolved in time.

Stored state (``StoredSla``, written by ``records.refresh``): the current deadlines, the
earliest pending one (``next_due_at``) and, per milestone once it is met or the ticket finished,
the minutes it was late. What keeps changing with the clock (how late a pending deadline is, the
urgency score, auto-escalation) is not stored: lists compute it in SQL from ``next_due_at`` and
a bound "now" (``ranking``), the same way :func:`urgency` does here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Protocol

from shouhou.durations import Duration
from shouhou.services.tickets.deadlines import (
    MILESTONES,
    MilestoneState,
    Pause,
    SlaPolicy,
    SlaState,
    compute_sla,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket
    from shouhou.services.calendar.working import WorkingCalendar
    from shouhou.services.config import Settings

CLOSED_STATES = ("closed", "cancelled")
# The clocks have stopped for good: fixed (until a reopen), closed or cancelled.
FINISHED_STATES = ("resolved", "closed", "cancelled")
SEVERITY_POINTS = {"1": 300, "2": 200, "3": 100}
# Deadline points of the urgency score move by one every 12 minutes (5 an hour).
POINT_STEP = timedelta(minutes=12)
CRITICAL = "1"


class SlaFacts(Protocol):
    """What the SLA rules read from a ticket: a ``Ticket`` row, or a plain record (migration)."""

    @property
    def status(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def zone(self) -> str: ...
    @property
    def mode(self) -> str | None: ...
    @property
    def received_at(self) -> datetime: ...
    @property
    def replied_at(self) -> datetime | None: ...
    @property
    def arrived_at(self) -> datetime | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...
    @property
    def updated_at(self) -> datetime: ...


@dataclass(frozen=True)
class Rules:
    """Everything a ticket rule needs from configuration, loaded once per command."""

    settings: Settings
    calendar: WorkingCalendar
    policies: dict[str, SlaPolicy]
    zone_onsite: dict[str, Duration]
    zone: tzinfo


def load_rules(session: Session, *, zone: tzinfo) -> Rules:
    from shouhou.services import config
    from shouhou.services.calendar.holidays import load_calendar
    from shouhou.services.tickets.deadlines import policies_from_settings, zone_onsite_from_settings

    settings = config.load(session)
    values = settings.effective()
    return Rules(
        settings=settings,
        calendar=load_calendar(session, zone=zone, settings=settings),
        policies=policies_from_settings(values),
        zone_onsite=zone_onsite_from_settings(values),
        zone=zone,
    )


class LogEntry(Protocol):
    """A status-log entry as pauses need it (a ``TicketEvent`` row or a plain record)."""

    @property
    def id(self) -> int | None: ...
    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> str: ...


def pauses_from(events: Iterable[LogEntry]) -> list[Pause]:
    """Every wait→resume interval in the log (an unmatched wait is still open)."""
    pauses: list[Pause] = []
    started: datetime | None = None
    for event in sorted(events, key=lambda e: (e.at, e.id or 0)):
        if event.kind == "wait" and started is None:
            started = event.at
        elif event.kind == "resume" and started is not None:
            pauses.append(Pause(start=started, end=event.at))
            started = None
    if started is not None:
        pauses.append(Pause(start=started, end=None))
    return pauses


def needs_onsite(ticket: SlaFacts) -> bool:
    """The on-site deadline applies once the support mode is on-site (or someone arrived)."""
    return ticket.mode == "onsite" or ticket.arrived_at is not None


def finished_at(ticket: SlaFacts) -> datetime | None:
    """When the clocks stopped for good: the fix, or the cancellation (its last change)."""
    if ticket.status in ("resolved", "closed"):
        return ticket.resolved_at
    if ticket.status == "cancelled":
        return ticket.updated_at
    return None


def sla_of(ticket: SlaFacts, pauses: Sequence[Pause], rules: Rules, now: datetime) -> SlaState:
    """Deadlines as of ``now``, or as of the end for a finished ticket: a deadline that had not
    passed when the ticket was fixed or cancelled is never missed afterwards."""
    end = finished_at(ticket)
    if end is not None and end < now:
        now = end
    return compute_sla(
        received_at=ticket.received_at,
        severity=ticket.severity,
        zone=ticket.zone,
        policies=rules.policies,
        zone_onsite=rules.zone_onsite,
        calendar=rules.calendar,
        pauses=pauses,
        replied_at=ticket.replied_at,
        arrived_at=ticket.arrived_at,
        resolved_at=ticket.resolved_at,
        needs_onsite=needs_onsite(ticket),
        now=now,
        depot=ticket.mode == "depot",
    )


def missed_milestones(ticket: Ticket, state: SlaState) -> list[str]:
    """Missed now or recorded as missed before (a miss stays a miss, e.g. after reopen)."""
    recorded = {m for m in ticket.missed.split(",") if m}
    return [m for m in ("reply", "onsite", "resolve") if m in recorded or m in state.overdue()]


@dataclass(frozen=True)
class StoredSla:
    """The SLA columns of a ticket row (issue 9); see :func:`stored_sla`."""

    reply_due_at: datetime | None
    onsite_due_at: datetime | None
    resolve_due_at: datetime | None
    next_due_at: datetime | None
    reply_late_min: int | None
    onsite_late_min: int | None
    resolve_late_min: int | None


def minutes_late(delta: timedelta) -> int:
    """Minutes late, rounded up (any lateness is at least 1; on time is 0)."""
    if delta <= timedelta(0):
        return 0
    return -(-delta // timedelta(minutes=1))


def stored_sla(ticket: SlaFacts, state: SlaState, pauses: Sequence[Pause]) -> StoredSla:
    """What the row keeps of ``state`` so lists need neither the log nor the calendar.

    - deadlines: as computed (a paused ticket's keep moving; they are recomputed on read);
    - ``next_due_at``: the earliest deadline not yet met, NULL once the ticket is finished
      (resolved, closed, cancelled). While the ticket waits (an open pause) its deadlines move
      with the clock, so it is NULL unless that deadline had already passed when the wait began
      — a pause cannot un-miss it (``deadlines.compute_sla``), so it stays fixed and the ticket
      keeps getting later;
    - ``*_late_min``: set once the milestone is met (met − due) or the ticket finished with it
      unmet (end − due), in minutes rounded up, 0 when on time; NULL while pending or when the
      milestone does not apply (no on-site deadline unless the mode is on-site).
    """
    end = finished_at(ticket)
    late: dict[str, int | None] = {}
    for name, milestone in state.milestones.items():
        if milestone.due_at is None:
            late[name] = None
        elif milestone.met_at is not None:
            late[name] = minutes_late(milestone.met_at - milestone.due_at)
        elif end is not None:
            late[name] = minutes_late(end - milestone.due_at)
        else:
            late[name] = None
    next_due = None
    pending = [
        m.due_at for m in state.milestones.values() if m.due_at is not None and m.met_at is None
    ]
    if end is None and pending:
        earliest = min(pending)
        waiting_since = next((p.start for p in pauses if p.end is None), None)
        if waiting_since is None or earliest <= waiting_since:
            next_due = earliest
    ms = state.milestones
    return StoredSla(
        reply_due_at=ms["reply"].due_at,
        onsite_due_at=ms["onsite"].due_at,
        resolve_due_at=ms["resolve"].due_at,
        next_due_at=next_due,
        reply_late_min=late.get("reply"),
        onsite_late_min=late.get("onsite"),
        resolve_late_min=late.get("resolve"),
    )


class StoredFacts(SlaFacts, Protocol):
    """A ticket row with its stored deadlines (``Ticket``)."""

    @property
    def reply_due_at(self) -> datetime | None: ...
    @property
    def onsite_due_at(self) -> datetime | None: ...
    @property
    def resolve_due_at(self) -> datetime | None: ...


def state_from_stored(ticket: StoredFacts, now: datetime) -> SlaState:
    """The SLA state of a ticket that is not waiting, read from its row instead of its log.

    Equal to :func:`sla_of` as long as the stored deadlines are current — every event and every
    change of the rules behind them (``records.restate``) rewrites them — because without an
    open pause nothing in them depends on the clock. A waiting ticket's deadlines move with the
    clock: compute those with :func:`sla_of`.
    """
    end = finished_at(ticket)
    if end is not None and end < now:
        now = end
    dues = {
        "reply": ticket.reply_due_at,
        "onsite": ticket.onsite_due_at,
        "resolve": ticket.resolve_due_at,
    }
    met = {"reply": ticket.replied_at, "onsite": ticket.arrived_at, "resolve": ticket.resolved_at}
    milestones: dict[str, MilestoneState] = {}
    for name in MILESTONES:
        due, met_at = dues[name], met[name]
        if due is None:
            milestones[name] = MilestoneState(name, None, met_at, missed=False, remaining=None)
        elif met_at is not None:
            milestones[name] = MilestoneState(
                name, due, met_at, missed=met_at > due, remaining=None
            )
        else:
            milestones[name] = MilestoneState(
                name, due, None, missed=now > due, remaining=due - now
            )
    return SlaState(milestones=milestones, paused=False)


def spare_unit_due(ticket: SlaFacts, state: SlaState, now: datetime, *, loan_open: bool) -> bool:
    """DOMAIN §2: "a critical ticket not resolved within its 4 h prompts a spare unit (备用机)".

    True while a critical ticket is unfinished, past its resolve deadline (pauses included, as
    computed) and has no spare unit out on loan (``Loan`` with no return).
    """
    if ticket.severity != CRITICAL or ticket.status in FINISHED_STATES or loan_open:
        return False
    resolve = state.milestones["resolve"]
    return resolve.due_at is not None and resolve.met_at is None and now > resolve.due_at


def lateness(state: SlaState, now: datetime) -> timedelta:
    """How late the most overdue unmet milestone is (zero when none is late)."""
    worst = timedelta(0)
    for milestone in state.milestones.values():
        if milestone.due_at is not None and milestone.met_at is None and now > milestone.due_at:
            worst = max(worst, now - milestone.due_at)
    return worst


def escalation_after(rules: Rules) -> tuple[timedelta, timedelta]:
    """How late a ticket goes to the supervisor, then the manager (``escalate.*_after``)."""
    return _escalation_after(
        rules.settings["escalate.supervisor_after"],
        rules.settings["escalate.manager_after"],
        rules.calendar.day_length,
    )


@cache
def _escalation_after(supervisor: str, manager: str, day: timedelta) -> tuple[timedelta, timedelta]:
    from shouhou.durations import parse_duration

    return parse_duration(supervisor).to_timedelta(day), parse_duration(manager).to_timedelta(day)


def auto_escalation_level(state: SlaState, rules: Rules, now: datetime) -> int:
    """Overdue by more than ``escalate.supervisor_after`` → 1, ``escalate.manager_after`` → 2.

    Only unfinished tickets escalate (the caller decides; ``ranking`` does the same in SQL).
    """
    late = lateness(state, now)
    if late <= timedelta(0):
        return 0
    supervisor, manager = escalation_after(rules)
    if late > manager:
        return 2
    if late > supervisor:
        return 1
    return 0


@dataclass
class Urgency:
    """The sort score of ``ticket list`` and its explanation for ``ticket show``."""

    score: int
    parts: list[tuple[str, int, str]] = field(default_factory=list)  # (factor, points, detail)


def urgency(ticket: Ticket, state: SlaState, level: int, now: datetime) -> Urgency:
    """Severity, time left to the next deadline (negative when late), escalation, age.

    Severity 300/200/100; deadline 0 when finished, paused or nothing pends, else 150 minus one
    point per 12 minutes left (down to 0), or 200 plus one per 12 minutes late (up to 300);
    60 per escalation level; one per day of age up to 50. Whole steps of exact time
    differences, so ``ranking.urgency_score`` computes the same number in SQL.
    """
    parts: list[tuple[str, int, str]] = []
    parts.append(("severity", SEVERITY_POINTS.get(ticket.severity, 0), ticket.severity))
    nxt = state.next_due()
    if ticket.status in FINISHED_STATES or nxt is None:
        parts.append(("deadline", 0, "-"))
    elif state.paused:
        parts.append(("deadline", 0, "paused"))
    else:
        assert nxt.remaining is not None
        hours_left = nxt.remaining.total_seconds() / 3600
        if nxt.remaining < timedelta(0):
            points = 200 + min(100, -nxt.remaining // POINT_STEP)
        else:
            points = max(0, 150 - nxt.remaining // POINT_STEP)
        parts.append(("deadline", points, f"{nxt.name} {hours_left:+.1f}h"))
    parts.append(("escalation", 60 * level, str(level)))
    age_days = max(0, (now - ticket.received_at).days)
    parts.append(("age", min(50, age_days), f"{age_days}d"))
    return Urgency(score=sum(p for _, p, _ in parts), parts=parts)
