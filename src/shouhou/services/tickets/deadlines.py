"""Service-level deadlines of a ticket: budgets, policies, and the state of each milestone.

Owns DOMAIN §2 "Severity and deadlines": reply / on-site / resolve budgets per severity
(critical 10 min / 2 h / 4 h on the 24×7 clock; major 30 min / 12 h / 24 h and minor
1 h / 48 h / 3 working days in business time), on-site budgets by customer zone (local 2 h,
nearby 12 h, remote 48 h — travel time, clock hours), the return-to-factory 返厂 repair budget
(5 working days), and how pauses (waiting on the customer or on parts) extend deadlines.

The on-site deadline is the later of the severity's and the zone's, and never later than the
resolve deadline. A ticket in depot mode (return to factory) has the depot budget as its resolve
budget instead of the severity's, counted from intake on the working calendar (see
:func:`compute_sla`).

Pure logic: no database, no environment, no output. Times are aware datetimes in any zone;
returned datetimes are aware UTC.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shouhou.durations import Duration, parse_duration
from shouhou.services.calendar.working import Clock, ContinuousClock, WorkingCalendar

__all__ = [
    "DEFAULT_ZONE_ONSITE",
    "MILESTONES",
    "Duration",
    "MilestoneState",
    "Pause",
    "SlaPolicy",
    "SlaState",
    "compute_sla",
    "deadlines_at_intake",
    "default_policies",
    "parse_duration",
    "policies_from_settings",
    "zone_onsite_from_settings",
]

MILESTONES: tuple[str, ...] = ("reply", "onsite", "resolve")

_ZERO = timedelta(0)
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class SlaPolicy:
    """Budgets of one severity (DOMAIN §2 deadlines table) and whether it runs 24×7."""

    reply: Duration
    onsite: Duration
    resolve: Duration
    around_the_clock: bool
    # DOMAIN §2: return-to-factory repair 返厂 ≤ 5 working days (``sla.depot.resolve``).
    depot_resolve: Duration = Duration(working_days=5)

    def budget(self, milestone: str) -> Duration:
        """The budget for ``milestone`` ("reply" | "onsite" | "resolve")."""
        if milestone == "reply":
            return self.reply
        if milestone == "onsite":
            return self.onsite
        if milestone == "resolve":
            return self.resolve
        raise ValueError(f"unknown milestone {milestone!r}")


_DEFAULT_SETTINGS: dict[str, str] = {
    "sla.1.reply": "10m",
    "sla.1.onsite": "2h",
    "sla.1.resolve": "4h",
    "sla.1.24x7": "true",
    "sla.2.reply": "30m",
    "sla.2.onsite": "12h",
    "sla.2.resolve": "24h",
    "sla.2.24x7": "false",
    "sla.3.reply": "1h",
    "sla.3.onsite": "48h",
    "sla.3.resolve": "3wd",
    "sla.3.24x7": "false",
    "sla.depot.resolve": "5wd",
}

DEFAULT_ZONE_ONSITE: dict[str, str] = {"local": "2h", "nearby": "12h", "remote": "48h"}


def _parse_flag(key: str, text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{key}: expected true/false, got {text!r}")


def _parse_setting(key: str, text: str) -> Duration:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise ValueError(f"{key}: {exc}") from None


def policies_from_settings(values: Mapping[str, str]) -> dict[str, SlaPolicy]:
    """Policies for severities "1", "2", "3" from settings (DOMAIN §2 defaults, configurable).

    Reads ``sla.<severity>.reply|onsite|resolve`` (durations), ``sla.<severity>.24x7``
    (true/false) and ``sla.depot.resolve`` (the return-to-factory budget, shared by every
    severity); missing keys fall back to the DOMAIN defaults, other keys are ignored.
    Raises ValueError naming the key on a bad value.
    """
    depot_key = "sla.depot.resolve"
    depot = _parse_setting(depot_key, values.get(depot_key, _DEFAULT_SETTINGS[depot_key]))
    policies: dict[str, SlaPolicy] = {}
    for severity in ("1", "2", "3"):

        def get(field: str, severity: str = severity) -> tuple[str, str]:
            key = f"sla.{severity}.{field}"
            return key, values.get(key, _DEFAULT_SETTINGS[key])

        policies[severity] = SlaPolicy(
            reply=_parse_setting(*get("reply")),
            onsite=_parse_setting(*get("onsite")),
            resolve=_parse_setting(*get("resolve")),
            around_the_clock=_parse_flag(*get("24x7")),
            depot_resolve=depot,
        )
    return policies


def default_policies() -> dict[str, SlaPolicy]:
    """DOMAIN §2 defaults: "1" 10m/2h/4h 24×7; "2" 30m/12h/24h and "3" 1h/48h/3wd business time."""
    return policies_from_settings({})


def zone_onsite_from_settings(values: Mapping[str, str]) -> dict[str, Duration]:
    """On-site budgets by customer zone (DOMAIN §2: local 2 h, nearby 12 h, other provinces 48 h).

    These are travel time, counted in clock hours (24×7) whatever the severity's clock.
    Reads ``zone.local|nearby|remote``; missing keys fall back to :data:`DEFAULT_ZONE_ONSITE`.
    """
    return {
        zone: _parse_setting(f"zone.{zone}", values.get(f"zone.{zone}", default))
        for zone, default in DEFAULT_ZONE_ONSITE.items()
    }


@dataclass(frozen=True)
class Pause:
    """A stretch when the SLA clocks stop (waiting on customer or parts); ``end`` None = open."""

    start: datetime
    end: datetime | None


@dataclass(frozen=True)
class MilestoneState:
    """One deadline of a ticket (DOMAIN §2: reply, on site, resolve)."""

    name: str
    due_at: datetime | None
    met_at: datetime | None
    missed: bool
    remaining: timedelta | None


@dataclass(frozen=True)
class SlaState:
    """All milestones of a ticket at one moment, and whether its clocks are stopped."""

    milestones: dict[str, MilestoneState]
    paused: bool

    def next_due(self) -> MilestoneState | None:
        """The earliest unmet milestone that applies (DOMAIN §2 deadlines), or None."""
        pending = [
            (state.due_at, index, state)
            for index, state in enumerate(self.milestones.values())
            if state.due_at is not None and state.met_at is None
        ]
        return min(pending)[2] if pending else None

    def overdue(self) -> list[str]:
        """Names of missed milestones, met late or late now (DOMAIN §2 escalation), in order."""
        return [name for name, state in self.milestones.items() if state.missed]


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {moment!r}")
    return moment.astimezone(UTC)


def _opt_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


_TRAVEL_CLOCK = ContinuousClock()


def _clock_for(
    policy: SlaPolicy, calendar: WorkingCalendar, *, milestone: str, depot: bool
) -> Clock:
    """The severity's clock; a depot repair counts working days on the calendar (DOMAIN §2)."""
    if depot and milestone == "resolve":
        return calendar
    return ContinuousClock() if policy.around_the_clock else calendar


def _policy(policies: Mapping[str, SlaPolicy], severity: str) -> SlaPolicy:
    policy = policies.get(str(severity))
    if policy is None:
        accepted = ", ".join(sorted(policies))
        raise ValueError(f"no SLA policy for severity {severity!r} (known: {accepted})")
    return policy


def _base_due(
    *,
    milestone: str,
    received: datetime,
    policy: SlaPolicy,
    zone: str,
    zone_onsite: Mapping[str, Duration],
    clock: Clock,
    depot: bool,
) -> datetime:
    """Deadline before pauses and before the on-site cap: received + budget on ``clock``.

    Resolve in depot mode: the depot budget instead of the severity's. On-site: the later of
    the severity's budget (on ``clock``) and the zone's travel budget in clock hours (a remote
    site cannot be reached in 2 h); an unknown zone adds no zone budget.
    """
    budget = policy.depot_resolve if depot and milestone == "resolve" else policy.budget(milestone)
    due = clock.add_business_time(received, budget.to_timedelta(clock.day_length))
    if milestone == "onsite":
        zone_budget = zone_onsite.get(str(zone))
        if zone_budget is not None:
            travel = _TRAVEL_CLOCK.add_business_time(
                received, zone_budget.to_timedelta(_TRAVEL_CLOCK.day_length)
            )
            due = max(due, travel)
    return due


def _extend_for_pauses(
    *,
    due: datetime,
    received: datetime,
    met_at: datetime | None,
    pauses: Sequence[tuple[datetime, datetime | None]],
    now: datetime,
    clock: Clock,
) -> datetime:
    """Push ``due`` back by every pause, measured on ``clock`` (see :func:`compute_sla`)."""
    covered_until = received
    for raw_start, raw_end in pauses:
        start = max(raw_start, covered_until)  # overlapping pauses count once
        end = now if raw_end is None else raw_end
        if met_at is not None:
            end = min(end, met_at)
        if start >= due or (met_at is not None and start >= met_at) or end <= start:
            continue
        due = clock.add_business_time(due, clock.business_time_between(start, end))
        covered_until = max(covered_until, end)
    return due


def compute_sla(
    *,
    received_at: datetime,
    severity: str,
    zone: str,
    policies: Mapping[str, SlaPolicy],
    zone_onsite: Mapping[str, Duration],
    calendar: WorkingCalendar,
    pauses: Sequence[Pause],
    replied_at: datetime | None,
    arrived_at: datetime | None,
    resolved_at: datetime | None,
    needs_onsite: bool,
    now: datetime,
    depot: bool = False,
) -> SlaState:
    """State of the reply / on-site / resolve deadlines of one ticket at ``now``.

    DOMAIN §2 deadlines: each deadline is ``received_at`` + the severity's budget, counted on
    the severity's clock — 24×7 for around-the-clock severities (critical), else working time on
    ``calendar``.

    On site (only when ``needs_onsite``): the later of the severity's on-site budget (on its
    clock) and the customer zone's travel budget (local 2 h / nearby 12 h / remote 48 h, clock
    hours), and never later than the resolve deadline — a remote major ticket received Monday
    09:30 is due on site Wednesday 09:30 (48 h of travel beat 12 working hours), a remote
    critical one at its 4 h resolve deadline.

    Depot mode (``depot``: return to factory 返厂): the resolve budget is the policy's
    ``depot_resolve`` (5 working days), counted from intake like every other deadline, on the
    working calendar whatever the severity — a late decision to send the unit back buys no time,
    and the customer's promise runs from the report.

    Pauses (waiting on the customer or on parts) stop the clocks: in start order, each pause that
    starts before the current, already-extended deadline and before the milestone was met pushes
    the deadline back by the paused time measured on the same clock (a weekend pause adds nothing
    to a business-hours ticket). Every pause counts, not only the last; overlapping pauses count
    once; only the part before ``met_at`` counts; an open pause counts up to ``now``. A pause that
    starts after the deadline passed cannot un-miss it. The on-site cap applies after pauses.

    ``missed`` is "met after the deadline" or "not met and ``now`` is past the deadline".
    """
    received = _utc(received_at)
    current = _utc(now)
    policy = _policy(policies, severity)
    spans = sorted(
        ((_utc(pause.start), _opt_utc(pause.end)) for pause in pauses),
        key=lambda span: span[0],
    )
    paused = any(end is None and start <= current for start, end in spans)
    met: dict[str, datetime | None] = {
        "reply": _opt_utc(replied_at),
        "onsite": _opt_utc(arrived_at),
        "resolve": _opt_utc(resolved_at),
    }
    dues: dict[str, datetime] = {}
    for name in MILESTONES:
        clock = _clock_for(policy, calendar, milestone=name, depot=depot)
        due = _base_due(
            milestone=name,
            received=received,
            policy=policy,
            zone=zone,
            zone_onsite=zone_onsite,
            clock=clock,
            depot=depot,
        )
        dues[name] = _extend_for_pauses(
            due=due, received=received, met_at=met[name], pauses=spans, now=current, clock=clock
        )
    dues["onsite"] = min(dues["onsite"], dues["resolve"])
    states: dict[str, MilestoneState] = {}
    for name in MILESTONES:
        met_at = met[name]
        if name == "onsite" and not needs_onsite:
            states[name] = MilestoneState(name, None, met_at, missed=False, remaining=None)
            continue
        due = dues[name]
        if met_at is not None:
            missed = met_at > due
            remaining = None
        else:
            missed = current > due
            remaining = due - current
        states[name] = MilestoneState(name, due, met_at, missed=missed, remaining=remaining)
    return SlaState(milestones=states, paused=paused)


def deadlines_at_intake(
    *,
    received_at: datetime,
    severity: str,
    zone: str,
    policies: Mapping[str, SlaPolicy],
    zone_onsite: Mapping[str, Duration],
    calendar: WorkingCalendar,
    needs_onsite: bool,
    depot: bool = False,
) -> tuple[datetime, datetime | None, datetime]:
    """Reply, on-site (None unless ``needs_onsite``) and resolve deadlines as printed at intake.

    DOMAIN §2 deadlines table, with no pauses and nothing met yet.
    """
    state = compute_sla(
        received_at=received_at,
        severity=severity,
        zone=zone,
        policies=policies,
        zone_onsite=zone_onsite,
        calendar=calendar,
        pauses=(),
        replied_at=None,
        arrived_at=None,
        resolved_at=None,
        needs_onsite=needs_onsite,
        now=received_at,
        depot=depot,
    )
    reply = state.milestones["reply"].due_at
    resolve = state.milestones["resolve"].due_at
    if reply is None or resolve is None:  # pragma: no cover - reply and resolve always apply
        raise AssertionError("reply and resolve deadlines always apply")
    return reply, state.milestones["onsite"].due_at, resolve
