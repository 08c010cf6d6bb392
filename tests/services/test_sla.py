"""SLA deadlines (DOMAIN §2: severity and zone budgets, 24×7 vs working time, pauses)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shouhou.durations import Duration, parse_duration
from shouhou.services.calendar.working import Clock, ContinuousClock, WorkingCalendar
from shouhou.services.tickets.deadlines import (
    DEFAULT_ZONE_ONSITE,
    MilestoneState,
    Pause,
    SlaPolicy,
    SlaState,
    compute_sla,
    deadlines_at_intake,
    default_policies,
    policies_from_settings,
    zone_onsite_from_settings,
)

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar(zone=SH)
POLICIES = default_policies()
ZONES = zone_onsite_from_settings({})
MILESTONES = ("reply", "onsite", "resolve")


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


def sla(
    received: datetime,
    *,
    severity: str = "3",
    zone: str = "local",
    pauses: Sequence[Pause] = (),
    replied: datetime | None = None,
    arrived: datetime | None = None,
    resolved: datetime | None = None,
    needs_onsite: bool = True,
    now: datetime | None = None,
    calendar: WorkingCalendar = CAL,
) -> SlaState:
    return compute_sla(
        received_at=received,
        severity=severity,
        zone=zone,
        policies=POLICIES,
        zone_onsite=ZONES,
        calendar=calendar,
        pauses=pauses,
        replied_at=replied,
        arrived_at=arrived,
        resolved_at=resolved,
        needs_onsite=needs_onsite,
        now=received if now is None else now,
    )


def due(state: SlaState, name: str) -> datetime:
    value = state.milestones[name].due_at
    assert value is not None
    return value


# -- durations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10m", Duration(minutes=10)),
        ("10min", Duration(minutes=10)),
        ("2h", Duration(minutes=120)),
        ("1.5h", Duration(minutes=90)),
        ("24h", Duration(minutes=1440)),
        ("1d", Duration(minutes=1440)),
        ("3wd", Duration(working_days=3)),
        ("0m", Duration()),
        (" 1h30m ", Duration(minutes=90)),
        ("2wd 4h", Duration(minutes=240, working_days=2)),
        ("3WD", Duration(working_days=3)),
    ],
)
def test_parse_duration(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "  ", "10", "h", "-1h", "1.5wd", "0.1m", "2 hours", "1h-", "1h x", "1e3m", "99999d"],
)
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_duration_to_timedelta_uses_the_clock_day() -> None:
    budget = Duration(minutes=30, working_days=3)
    assert budget.to_timedelta(hours(9)) == hours(27.5)
    assert budget.to_timedelta(timedelta(days=1)) == hours(72.5)


def test_negative_duration_is_rejected() -> None:
    with pytest.raises(ValueError):
        Duration(minutes=-1)


@settings(max_examples=60, deadline=None)
@given(minutes=st.integers(0, 100_000), working_days=st.integers(0, 50))
def test_duration_text_round_trips(minutes: int, working_days: int) -> None:
    budget = Duration(minutes=minutes, working_days=working_days)
    assert parse_duration(str(budget)) == budget


# -- policies -----------------------------------------------------------------------------------


def test_default_policies_follow_domain_table() -> None:
    assert POLICIES == {
        "1": SlaPolicy(Duration(10), Duration(120), Duration(240), around_the_clock=True),
        "2": SlaPolicy(Duration(30), Duration(720), Duration(1440), around_the_clock=False),
        "3": SlaPolicy(Duration(60), Duration(2880), Duration(0, 3), around_the_clock=False),
    }
    assert ZONES == {"local": Duration(120), "nearby": Duration(720), "remote": Duration(2880)}
    assert DEFAULT_ZONE_ONSITE == {"local": "2h", "nearby": "12h", "remote": "48h"}


def test_policies_from_settings_overrides_and_defaults() -> None:
    policies = policies_from_settings(
        {
            "sla.1.reply": "15m",
            "sla.2.24x7": "yes",
            "sla.3.resolve": "5wd",
            "company.name": "ignored",
        }
    )
    assert policies["1"].reply == Duration(15)
    assert policies["1"].onsite == Duration(120)
    assert policies["2"].around_the_clock is True
    assert policies["3"].resolve == Duration(working_days=5)
    assert policies["3"].reply == Duration(60)


@pytest.mark.parametrize(("key", "value"), [("sla.2.reply", "soon"), ("sla.1.24x7", "maybe")])
def test_policies_from_settings_bad_value_names_the_key(key: str, value: str) -> None:
    with pytest.raises(ValueError, match=key.replace(".", r"\.")):
        policies_from_settings({key: value})


def test_zone_onsite_from_settings() -> None:
    zones = zone_onsite_from_settings({"zone.remote": "72h"})
    assert zones["remote"] == Duration(72 * 60)
    assert zones["local"] == Duration(120)


# -- intake deadlines ---------------------------------------------------------------------------


def test_minor_ticket_deadlines_across_2026_autumn_holidays() -> None:
    reply, onsite, resolve = deadlines_at_intake(
        received_at=sh(2026, 9, 24, 16),
        severity="3",
        zone="local",
        policies=POLICIES,
        zone_onsite=ZONES,
        calendar=CAL,
        needs_onsite=True,
    )
    assert reply == sh(2026, 9, 24, 17)
    assert resolve == sh(2026, 9, 30, 16)  # 3 working days = 27 working hours
    # 48 working hours would end on make-up Saturday 10-10 10:00: capped at the resolve deadline
    assert onsite == resolve
    assert {reply.tzinfo, onsite.tzinfo, resolve.tzinfo} == {UTC}


def test_major_ticket_counts_working_hours() -> None:
    reply, onsite, resolve = deadlines_at_intake(
        received_at=sh(2026, 3, 6, 17),  # Friday 17:00
        severity="2",
        zone="local",
        policies=POLICIES,
        zone_onsite=ZONES,
        calendar=CAL,
        needs_onsite=True,
    )
    assert reply == sh(2026, 3, 6, 17, 30)  # 30 min: exactly Friday closing time
    assert onsite == sh(2026, 3, 10, 11)  # 12 h: 0.5 + 9 (Mon) + 2.5 (Tue)
    assert resolve == sh(2026, 3, 11, 14)  # 24 h: 0.5 + 9 + 9 + 5.5


def test_critical_ticket_runs_around_the_clock() -> None:
    received = sh(2026, 10, 1, 23)  # National Day night
    reply, onsite, resolve = deadlines_at_intake(
        received_at=received,
        severity="1",
        zone="local",
        policies=POLICIES,
        zone_onsite=ZONES,
        calendar=CAL,
        needs_onsite=True,
    )
    assert reply == received + timedelta(minutes=10)
    assert onsite == received + hours(2)
    assert resolve == received + hours(4)


def test_onsite_is_the_later_of_severity_and_zone() -> None:
    """DOMAIN §2: on site = min(max(severity budget, zone travel in clock hours), resolve).

    Received Tue 2026-03-10 09:00 (working hours 08:30–17:30).
    """
    received = sh(2026, 3, 10, 9)
    # critical, nearby/remote: 12 h / 48 h of travel beat 2 h, capped at the 4 h resolve
    assert due(sla(received, severity="1", zone="remote"), "onsite") == received + hours(4)
    assert due(sla(received, severity="1", zone="nearby"), "onsite") == received + hours(4)
    # minor and local: 48 working hours beat the zone's 2 h, capped at 3 wd → Fri 03-13 09:00
    minor = sla(received, severity="3", zone="local")
    assert due(minor, "onsite") == due(minor, "resolve") == sh(2026, 3, 13, 9)
    # major and remote: 12 wh → Wed 12:00; 48 clock hours → Thu 09:00; resolve Thu 15:00
    major = sla(received, severity="2", zone="remote")
    assert due(major, "onsite") == sh(2026, 3, 12, 9)
    assert due(major, "resolve") == sh(2026, 3, 12, 15)
    # major and nearby: 12 clock hours (Tue 21:00) lose to 12 working hours (Wed 12:00)
    assert due(sla(received, severity="2", zone="nearby"), "onsite") == sh(2026, 3, 11, 12)
    # unknown zone: only the severity budget
    assert due(sla(received, severity="1", zone="moon"), "onsite") == received + hours(2)


def test_onsite_not_applicable_without_visit() -> None:
    received = sh(2026, 3, 10, 9)
    state = sla(received, needs_onsite=False, now=received + hours(500))
    onsite = state.milestones["onsite"]
    assert onsite == MilestoneState("onsite", None, None, missed=False, remaining=None)
    assert "onsite" not in state.overdue()
    nxt = state.next_due()
    assert nxt is not None and nxt.name == "reply"


def test_unknown_severity_and_naive_times_rejected() -> None:
    with pytest.raises(ValueError, match="severity"):
        sla(sh(2026, 3, 10, 9), severity="9")
    with pytest.raises(ValueError):
        sla(datetime(2026, 3, 10, 9))


# -- milestones, met / missed -------------------------------------------------------------------


def test_met_on_time_late_and_pending() -> None:
    received = sh(2026, 3, 10, 9)  # minor: reply 10:00, resolve Mar 13 09:00
    state = sla(
        received,
        replied=sh(2026, 3, 10, 9, 50),
        arrived=sh(2026, 3, 18, 10),
        now=sh(2026, 3, 13, 10),
    )
    reply = state.milestones["reply"]
    assert reply.met_at == sh(2026, 3, 10, 9, 50)
    assert not reply.missed and reply.remaining is None
    onsite = state.milestones["onsite"]
    assert due(state, "onsite") == sh(2026, 3, 13, 9)  # 48 wh, capped at the resolve deadline
    assert onsite.missed and onsite.remaining is None  # met late
    resolve = state.milestones["resolve"]
    assert due(state, "resolve") == sh(2026, 3, 13, 9)
    assert resolve.missed and resolve.remaining == -hours(1)
    assert state.overdue() == ["onsite", "resolve"]
    nxt = state.next_due()
    assert nxt is not None and nxt.name == "resolve"
    assert not state.paused


def test_deadline_exactly_now_is_not_missed() -> None:
    received = sh(2026, 3, 10, 9)
    state = sla(received, now=sh(2026, 3, 10, 10))
    assert not state.milestones["reply"].missed
    assert state.milestones["reply"].remaining == timedelta(0)
    state = sla(received, replied=sh(2026, 3, 10, 10), now=sh(2026, 3, 12))
    assert not state.milestones["reply"].missed


def test_next_due_none_when_all_met() -> None:
    received = sh(2026, 3, 10, 9)
    t = sh(2026, 3, 10, 9, 30)
    state = sla(received, replied=t, arrived=t, resolved=t, now=sh(2026, 4, 1))
    assert state.next_due() is None
    assert state.overdue() == []


# -- pauses -------------------------------------------------------------------------------------


def test_two_pauses_both_count_on_the_24x7_clock() -> None:
    received = sh(2026, 3, 10, 9)
    pauses = [
        Pause(received + hours(1), received + hours(1.5)),
        Pause(received + hours(2), received + hours(2.5)),
    ]
    state = sla(received, severity="1", pauses=pauses, now=received + hours(3))
    assert due(state, "resolve") == received + hours(5)
    # the reply (10 min) was due before either pause began: not extended
    assert due(state, "reply") == received + timedelta(minutes=10)
    # reverse order of input does not matter
    assert sla(received, severity="1", pauses=pauses[::-1], now=received + hours(3)) == state


def test_weekend_pause_adds_nothing_to_business_hours_ticket() -> None:
    received = sh(2026, 3, 6, 9)  # Friday
    pause_end = sh(2026, 3, 9, 8)
    pause = Pause(sh(2026, 3, 6, 18), pause_end)  # Friday evening to Monday dawn
    base = sla(received, now=sh(2026, 3, 9, 9))
    paused = sla(received, pauses=[pause], now=sh(2026, 3, 9, 9))
    assert paused == base
    # but a weekend pause adds its full length to a critical ticket (24×7): from Fri 12:00,
    # before the 13:00 resolve deadline, to Mon 08:00 = 68 h → due Mon 09:00
    weekend = Pause(sh(2026, 3, 6, 12), pause_end)
    critical = sla(received, severity="1", zone="remote", pauses=[weekend])
    assert due(critical, "resolve") == received + hours(4) + (pause_end - weekend.start)
    assert due(critical, "resolve") == sh(2026, 3, 9, 9)


def test_pause_measured_in_working_hours() -> None:
    received = sh(2026, 3, 10, 9)  # Tuesday; minor resolve due Fri Mar 13 09:00
    pause = Pause(sh(2026, 3, 11, 16), sh(2026, 3, 12, 10))  # 1.5 + 1.5 working hours
    state = sla(received, pauses=[pause], now=sh(2026, 3, 12, 11))
    assert due(state, "resolve") == sh(2026, 3, 13, 12)


def test_open_pause_counts_up_to_now_and_marks_paused() -> None:
    received = sh(2026, 3, 10, 9)
    pause = Pause(sh(2026, 3, 10, 9, 30), None)
    state = sla(received, pauses=[pause], now=sh(2026, 3, 10, 11))
    assert state.paused
    assert due(state, "reply") == sh(2026, 3, 10, 11, 30)  # 10:00 + 1.5 h paused so far
    assert not state.milestones["reply"].missed
    later = sla(received, pauses=[pause], now=sh(2026, 3, 10, 15))
    assert due(later, "reply") == sh(2026, 3, 10, 15, 30)
    # a pause that has not started yet (clock skew) does not pause anything
    future = sla(received, pauses=[Pause(sh(2026, 3, 10, 12), None)], now=sh(2026, 3, 10, 11))
    assert not future.paused
    assert due(future, "reply") == sh(2026, 3, 10, 10)


def test_only_pause_time_before_met_counts() -> None:
    received = sh(2026, 3, 10, 9)
    pause = Pause(sh(2026, 3, 10, 9, 30), sh(2026, 3, 10, 12))
    state = sla(received, pauses=[pause], replied=sh(2026, 3, 10, 10, 15), now=sh(2026, 3, 11))
    # reply met at 10:15 during the pause: only 45 min of it count -> due 10:45, met in time
    assert due(state, "reply") == sh(2026, 3, 10, 10, 45)
    assert not state.milestones["reply"].missed
    # resolve (not met) gets the full 2.5 h
    assert due(state, "resolve") == sh(2026, 3, 13, 11, 30)


def test_pause_after_met_changes_nothing() -> None:
    received = sh(2026, 3, 10, 9)
    replied = sh(2026, 3, 10, 9, 20)
    pause = Pause(sh(2026, 3, 10, 9, 40), sh(2026, 3, 10, 12))
    state = sla(received, pauses=[pause], replied=replied, now=sh(2026, 3, 10, 13))
    assert due(state, "reply") == sh(2026, 3, 10, 10)


def test_pause_after_missed_deadline_does_not_unmiss() -> None:
    received = sh(2026, 3, 10, 9)  # reply due 10:00
    pause = Pause(sh(2026, 3, 10, 10, 30), sh(2026, 3, 10, 16))
    state = sla(received, pauses=[pause], replied=sh(2026, 3, 10, 11), now=sh(2026, 3, 10, 17))
    assert due(state, "reply") == sh(2026, 3, 10, 10)
    assert state.milestones["reply"].missed
    assert "reply" in state.overdue()


def test_pause_chained_by_extension_counts() -> None:
    # the second pause starts after the original deadline but before the extended one
    received = sh(2026, 3, 10, 9)
    pauses = [
        Pause(received + timedelta(minutes=5), received + timedelta(minutes=35)),  # reply -> 9:40
        Pause(received + timedelta(minutes=20), received + timedelta(minutes=50)),  # overlaps
        Pause(received + timedelta(minutes=52), received + timedelta(minutes=62)),  # < 9:55
    ]
    state = sla(received, severity="1", pauses=pauses, now=received + hours(1.5))
    # union of paused time before the running deadline: 5..50 (45 min) + 52..62 (10 min)
    assert due(state, "reply") == received + timedelta(minutes=10 + 45 + 10)


def test_pause_before_intake_is_clipped() -> None:
    received = sh(2026, 3, 10, 9)
    pause = Pause(received - hours(5), received + timedelta(minutes=5))
    state = sla(received, severity="1", pauses=[pause], now=received + hours(1))
    assert due(state, "reply") == received + timedelta(minutes=15)


# -- properties ---------------------------------------------------------------------------------

receipts = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 3, 1)).map(
    lambda naive: naive.replace(tzinfo=SH)
)
severities = st.sampled_from(["1", "2", "3"])
zones = st.sampled_from(["local", "nearby", "remote"])
offsets = st.integers(min_value=0, max_value=10 * 24 * 60).map(lambda m: timedelta(minutes=m))
FAR = timedelta(days=60)


@settings(max_examples=75, deadline=None)
@given(received=receipts, severity=severities, zone=zones)
def test_deadlines_never_before_intake(received: datetime, severity: str, zone: str) -> None:
    state = sla(received, severity=severity, zone=zone, now=received + FAR)
    for name in MILESTONES:
        assert due(state, name) >= received
    assert due(state, "reply") <= due(state, "resolve")


@settings(max_examples=75, deadline=None)
@given(received=receipts, delay=offsets, severity=severities, zone=zones)
def test_deadlines_monotone_in_intake(
    received: datetime, delay: timedelta, severity: str, zone: str
) -> None:
    early = sla(received, severity=severity, zone=zone)
    late = sla(received + delay, severity=severity, zone=zone)
    for name in MILESTONES:
        assert due(early, name) <= due(late, name)


@settings(max_examples=75, deadline=None)
@given(
    received=receipts,
    severity=severities,
    start=offsets,
    length=offsets,
    extra=offsets,
    met=st.one_of(st.none(), offsets),
)
def test_more_pause_time_never_makes_a_deadline_earlier(
    received: datetime,
    severity: str,
    start: timedelta,
    length: timedelta,
    extra: timedelta,
    met: timedelta | None,
) -> None:
    met_at = None if met is None else received + met
    now = received + FAR
    short = [Pause(received + start, received + start + length)]
    longer = [Pause(received + start, received + start + length + extra)]
    later = received + start + length + extra
    more = [*short, Pause(later, later + length)]
    states = [
        sla(received, severity=severity, pauses=p, replied=met_at, resolved=met_at, now=now)
        for p in ((), short, longer, more)
    ]
    for name in MILESTONES:
        none, one, stretched, two = (due(s, name) for s in states)
        assert none <= one <= stretched
        assert one <= two


@settings(max_examples=75, deadline=None)
@given(
    received=receipts,
    severity=severities,
    cuts=st.lists(st.floats(0, 1, allow_nan=False), min_size=3, max_size=3).map(sorted),
    second_length=offsets,
)
def test_two_pauses_count_as_their_sum(
    received: datetime, severity: str, cuts: list[float], second_length: timedelta
) -> None:
    """Both pauses extend the deadline, not only the last one (a known help-desk flaw)."""
    policy = POLICIES[severity]
    clock: Clock = ContinuousClock() if policy.around_the_clock else CAL
    base = due(sla(received, severity=severity, needs_onsite=False), "resolve")
    span = base - received
    first = Pause(received + span * cuts[0], received + span * cuts[1])
    second_start = received + span * cuts[2]
    assume(second_start < base)
    second = Pause(second_start, second_start + second_length)
    now = received + FAR
    both = sla(received, severity=severity, pauses=[first, second], now=now)
    only_last = sla(received, severity=severity, pauses=[second], now=now)

    worked = clock.business_time_between
    assert first.end is not None and second.end is not None
    paused = worked(first.start, first.end) + worked(second.start, second.end)
    budget = policy.resolve.to_timedelta(clock.day_length)
    assert worked(received, due(both, "resolve")) == budget + paused
    if worked(first.start, first.end) > timedelta(0):
        assert due(both, "resolve") > due(only_last, "resolve")


@settings(max_examples=75, deadline=None)
@given(
    received=receipts,
    severity=severities,
    after=offsets.filter(lambda d: d > timedelta(0)),
    length=offsets,
    met_late=st.booleans(),
)
def test_pause_after_missed_deadline_leaves_it_missed(
    received: datetime, severity: str, after: timedelta, length: timedelta, met_late: bool
) -> None:
    deadline = due(sla(received, severity=severity), "reply")
    pause = Pause(deadline + after, deadline + after + length)
    replied = deadline + after + length + timedelta(minutes=1) if met_late else None
    now = deadline + after + length + hours(1)
    state = sla(received, severity=severity, pauses=[pause], replied=replied, now=now)
    reply = state.milestones["reply"]
    assert reply.due_at == deadline
    assert reply.missed
    assert "reply" in state.overdue()


@settings(max_examples=60, deadline=None)
@given(received=receipts, zone=zones, start=offsets, length=offsets)
def test_critical_tickets_ignore_the_calendar(
    received: datetime, zone: str, start: timedelta, length: timedelta
) -> None:
    every_day_off = WorkingCalendar(
        zone=SH,
        holidays={(received + timedelta(days=d)).date(): "closed" for d in range(-1, 30)},
    )
    pauses = [Pause(received + start, received + start + length)]
    plain = sla(received, severity="1", zone=zone, pauses=pauses, now=received + FAR)
    closed = sla(
        received,
        severity="1",
        zone=zone,
        pauses=pauses,
        now=received + FAR,
        calendar=every_day_off,
    )
    assert plain == closed
    assert due(plain, "reply") >= received + timedelta(minutes=10)
    budget = received + timedelta(hours=4)
    expected = budget + length if start < timedelta(hours=4) else budget
    assert due(plain, "resolve") == expected
