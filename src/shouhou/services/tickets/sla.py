"""SLA state and urgency of tickets, computed on read from the append-only status log.

DOMAIN §2: reply / on-site / resolve deadlines per severity and zone, clocks paused while the
ticket waits on the customer or on parts, escalation to the supervisor then the manager.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from shouhou.durations import Duration
from shouhou.services.tickets.deadlines import Pause, SlaPolicy, SlaState, compute_sla

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket, TicketEvent
    from shouhou.services.calendar.working import WorkingCalendar
    from shouhou.services.config import Settings

CLOSED_STATES = ("closed", "cancelled")
SEVERITY_POINTS = {"1": 300, "2": 200, "3": 100}


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


def pauses_from(events: Iterable[TicketEvent]) -> list[Pause]:
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


def needs_onsite(ticket: Ticket) -> bool:
    """The on-site deadline applies once the support mode is on-site (or someone arrived)."""
    return ticket.mode == "onsite" or ticket.arrived_at is not None


def finished_at(ticket: Ticket) -> datetime | None:
    """When the clocks stopped for good: the fix, or the cancellation (its last change)."""
    if ticket.status in ("resolved", "closed"):
        return ticket.resolved_at
    if ticket.status == "cancelled":
        return ticket.updated_at
    return None


def sla_of(ticket: Ticket, pauses: Sequence[Pause], rules: Rules, now: datetime) -> SlaState:
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
    )


def missed_milestones(ticket: Ticket, state: SlaState) -> list[str]:
    """Missed now or recorded as missed before (a miss stays a miss, e.g. after reopen)."""
    recorded = {m for m in ticket.missed.split(",") if m}
    return [m for m in ("reply", "onsite", "resolve") if m in recorded or m in state.overdue()]


def lateness(state: SlaState, now: datetime) -> timedelta:
    """How late the most overdue unmet milestone is (zero when none is late)."""
    worst = timedelta(0)
    for milestone in state.milestones.values():
        if milestone.due_at is not None and milestone.met_at is None and now > milestone.due_at:
            worst = max(worst, now - milestone.due_at)
    return worst


def auto_escalation_level(state: SlaState, rules: Rules, now: datetime) -> int:
    """Overdue by more than ``escalate.supervisor_after`` → 1, ``escalate.manager_after`` → 2."""
    from shouhou.durations import parse_duration

    late = lateness(state, now)
    if late <= timedelta(0):
        return 0
    day = rules.calendar.day_length
    manager = parse_duration(rules.settings["escalate.manager_after"]).to_timedelta(day)
    supervisor = parse_duration(rules.settings["escalate.supervisor_after"]).to_timedelta(day)
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
    """Severity, time left to the next deadline (negative when late), escalation, age."""
    parts: list[tuple[str, int, str]] = []
    parts.append(("severity", SEVERITY_POINTS.get(ticket.severity, 0), ticket.severity))
    nxt = state.next_due()
    if ticket.status in CLOSED_STATES or ticket.status == "resolved" or nxt is None:
        parts.append(("deadline", 0, "-"))
    elif state.paused:
        parts.append(("deadline", 0, "paused"))
    else:
        assert nxt.remaining is not None
        hours_left = nxt.remaining.total_seconds() / 3600
        if hours_left < 0:
            points = 200 + min(100, int(-hours_left * 5))
        else:
            points = max(0, 150 - int(hours_left * 5))
        parts.append(("deadline", points, f"{nxt.name} {hours_left:+.1f}h"))
    parts.append(("escalation", 60 * level, str(level)))
    age_days = max(0, (now - ticket.received_at).days)
    parts.append(("age", min(50, age_days), f"{age_days}d"))
    return Urgency(score=sum(p for _, p, _ in parts), parts=parts)
