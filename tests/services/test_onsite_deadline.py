"""The on-site deadline (zone travel in clock hours, the later of severity and zone, never after
resolve) and the return-to-factory 返厂 repair deadline (DOMAIN §2).

Working hours 08:30–17:30 (9 h a day) on the 2026 statutory calendar: Mid-Autumn 09-25..27,
National Day 10-01..10-07, make-up working Saturday 10-10.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouhou.durations import Duration
from shouhou.services import config
from shouhou.services.audit import Stamp
from shouhou.services.calendar.working import WorkingCalendar
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.deadlines import (
    Pause,
    SlaPolicy,
    SlaState,
    compute_sla,
    default_policies,
    policies_from_settings,
    zone_onsite_from_settings,
)
from shouhou.services.tickets.sla import load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar(zone=SH)
POLICIES = default_policies()
ZONES = zone_onsite_from_settings({})


def sh(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def sla(
    received: datetime,
    *,
    severity: str,
    zone: str = "local",
    depot: bool = False,
    pauses: Sequence[Pause] = (),
    zones: dict[str, Duration] | None = None,
    policies: Mapping[str, SlaPolicy] | None = None,
) -> SlaState:
    return compute_sla(
        received_at=received,
        severity=severity,
        zone=zone,
        policies=policies or POLICIES,
        zone_onsite=zones or ZONES,
        calendar=CAL,
        pauses=pauses,
        replied_at=None,
        arrived_at=None,
        resolved_at=None,
        needs_onsite=True,
        now=received,
        depot=depot,
    )


def due(state: SlaState, name: str) -> datetime:
    value = state.milestones[name].due_at
    assert value is not None
    return value.astimezone(SH)


# --- on site ---------------------------------------------------------------------------------


def test_zone_budget_is_travel_time_in_clock_hours() -> None:
    """DOMAIN §2: remote = 48 h of travel, clock hours even for a business-hours severity.
    Major received Mon 2026-11-23 09:30: 12 working hours → Tue 12:30; 48 clock hours → Wed
    11-25 09:30 (48 working hours would be Mon 11-30 12:30)."""
    state = sla(sh("2026-11-23 09:30"), severity="2", zone="remote")
    assert due(state, "onsite") == sh("2026-11-25 09:30")


def test_onsite_is_the_later_of_severity_and_zone() -> None:
    """Major received Mon 2026-11-23 09:30: local (2 h → 11:30) and nearby (12 h → 21:30) lose
    to 12 working hours (Tue 12:30); remote (48 h → Wed 09:30) wins."""
    received = sh("2026-11-23 09:30")
    assert due(sla(received, severity="2", zone="local"), "onsite") == sh("2026-11-24 12:30")
    assert due(sla(received, severity="2", zone="nearby"), "onsite") == sh("2026-11-24 12:30")
    assert due(sla(received, severity="2", zone="remote"), "onsite") == sh("2026-11-25 09:30")


def test_remote_major_onsite_is_min_of_max_and_resolve() -> None:
    """The audit's case, by hand. Major, remote, received Fri 2026-11-20 16:00:
    severity 12 wh: Fri 1.5 + Mon 9 + Tue 1.5 → Tue 11-24 10:00;
    zone 48 clock h → Sun 11-22 16:00; later of the two → Tue 10:00;
    resolve 24 wh: Fri 1.5 + Mon 9 + Tue 9 + Wed 4.5 → Wed 11-25 13:00;
    on site = min(Tue 10:00, Wed 13:00) = Tue 11-24 10:00 (counting the 48 h as working hours
    gave Mon 11-30 10:00, days after the resolve deadline)."""
    state = sla(sh("2026-11-20 16:00"), severity="2", zone="remote")
    assert due(state, "resolve") == sh("2026-11-25 13:00")
    assert due(state, "onsite") == sh("2026-11-24 10:00")


def test_onsite_never_after_the_resolve_deadline() -> None:
    """Capped at resolve: remote critical (48 h travel > 4 h resolve) → +4 h; minor local (48
    working hours > 3 working days): Thu 2026-09-24 16:00 → resolve Wed 09-30 16:00 (Mid-Autumn
    Fri 25th); a zone budget set to 72 h: major remote Mon 11-23 09:30 → Thu 09:30, capped at
    the resolve deadline Wed 11-25 15:30."""
    critical = sla(sh("2026-11-21 22:00"), severity="1", zone="remote")
    assert due(critical, "onsite") == due(critical, "resolve") == sh("2026-11-22 02:00")
    minor = sla(sh("2026-09-24 16:00"), severity="3")
    assert due(minor, "onsite") == due(minor, "resolve") == sh("2026-09-30 16:00")
    wide = zone_onsite_from_settings({"zone.remote": "72h"})
    major = sla(sh("2026-11-23 09:30"), severity="2", zone="remote", zones=wide)
    assert due(major, "onsite") == due(major, "resolve") == sh("2026-11-25 15:30")


def test_local_critical_onsite_is_two_hours_around_the_clock() -> None:
    """Critical, local, Sat 2026-11-21 22:00: 2 h (24×7) = zone 2 h → Sun 00:00; resolve 02:00."""
    state = sla(sh("2026-11-21 22:00"), severity="1", zone="local")
    assert due(state, "onsite") == sh("2026-11-22 00:00")
    assert due(state, "resolve") == sh("2026-11-22 02:00")


def test_onsite_cap_follows_pauses() -> None:
    """Critical remote Sat 22:00, paused 23:00–Sun 01:00 (2 h): resolve 02:00 → 04:00, and the
    capped on-site deadline moves with it."""
    pause = Pause(sh("2026-11-21 23:00"), sh("2026-11-22 01:00"))
    state = sla(sh("2026-11-21 22:00"), severity="1", zone="remote", pauses=[pause])
    assert due(state, "resolve") == sh("2026-11-22 04:00")
    assert due(state, "onsite") == sh("2026-11-22 04:00")


receipts = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 3, 1)).map(
    lambda naive: naive.replace(tzinfo=SH)
)


@settings(max_examples=60, deadline=None)
@given(
    received=receipts,
    severity=st.sampled_from(["1", "2", "3"]),
    zone=st.sampled_from(["local", "nearby", "remote", "moon"]),
    depot=st.booleans(),
)
def test_onsite_is_never_after_resolve_property(
    received: datetime, severity: str, zone: str, depot: bool
) -> None:
    """For every severity, zone and mode: on site ≤ resolve, and ≥ the zone's travel time
    unless the cap applies."""
    state = sla(received, severity=severity, zone=zone, depot=depot)
    onsite, resolve = due(state, "onsite"), due(state, "resolve")
    assert onsite <= resolve
    travel = ZONES.get(zone)
    if travel is not None and onsite < resolve:
        assert onsite >= received + travel.to_timedelta(timedelta(days=1))


# --- return to factory 返厂 ------------------------------------------------------------------


def test_depot_repair_is_due_5_working_days_after_intake_over_a_holiday() -> None:
    """DOMAIN §2: 返厂 ≤ 5 working days. Major received Tue 2026-09-29 10:00: working days
    09-30, (10-01..10-07 National Day), 10-08, 10-09, make-up Sat 10-10, Mon 10-12 → due Mon
    2026-10-12 10:00 (45 working hours), instead of the major 24 h (Thu 10-08 16:00)."""
    received = sh("2026-09-29 10:00")
    assert due(sla(received, severity="2"), "resolve") == sh("2026-10-08 16:00")
    assert due(sla(received, severity="2", depot=True), "resolve") == sh("2026-10-12 10:00")


def test_depot_counts_working_days_even_for_a_critical_ticket() -> None:
    """Critical runs 24×7, but 5 *working* days are counted on the calendar: received Sat
    2026-11-21 22:00 → Mon 23rd 08:30 starts the count → Fri 27th 17:30; reply stays 24×7."""
    state = sla(sh("2026-11-21 22:00"), severity="1", depot=True)
    assert due(state, "resolve") == sh("2026-11-27 17:30")
    assert due(state, "reply") == sh("2026-11-21 22:10")


def test_depot_budget_is_a_setting() -> None:
    """``sla.depot.resolve`` 3wd: Tue 2026-09-29 10:00 → 09-30, 10-08, 10-09 → Fri 10-09 10:00."""
    policies = policies_from_settings({"sla.depot.resolve": "3wd"})
    assert policies["2"].depot_resolve == Duration(working_days=3)
    state = sla(sh("2026-09-29 10:00"), severity="2", depot=True, policies=policies)
    assert due(state, "resolve") == sh("2026-10-09 10:00")
    with pytest.raises(ValueError, match=r"sla\.depot\.resolve"):
        policies_from_settings({"sla.depot.resolve": "soon"})


def test_setting_depot_mode_moves_the_resolve_deadline(session: Session) -> None:
    """Through the ticket: major received Tue 2026-09-29 10:00 (resolve Thu 10-08 16:00);
    ``mode depot`` → Mon 10-12 10:00; back to on-site → 10-08 16:00 again. With
    ``sla.depot.resolve`` = 6wd → Tue 10-13 10:00."""
    stamp = Stamp("clerk", sh("2026-09-29 09:00"))
    acme = add_customer(session, stamp, name="ACME")
    device = add_device(
        session,
        stamp,
        customer_id=acme.id or 0,
        model="M",
        serial="D1",
        accepted_on=date(2026, 1, 1),
    )
    rules = load_rules(session, zone=SH)
    ticket = intake.open_ticket(
        session,
        Stamp("clerk", sh("2026-09-29 10:00")),
        customer_id=acme.id or 0,
        severity="2",
        symptom="x",
        received_at=sh("2026-09-29 10:00"),
        rules=rules,
        device_id=device.id,
    ).ticket
    later = Stamp("王工", sh("2026-09-29 11:00"))
    assert ticket.resolve_due_at is not None
    assert ticket.resolve_due_at.astimezone(SH) == sh("2026-10-08 16:00")
    tickets.set_mode(session, later, ticket.number, "depot", rules)
    assert ticket.resolve_due_at.astimezone(SH) == sh("2026-10-12 10:00")
    tickets.set_mode(session, later, ticket.number, "onsite", rules)
    assert ticket.resolve_due_at.astimezone(SH) == sh("2026-10-08 16:00")
    config.set_value(session, later, "sla.depot.resolve", "6wd")
    rules = load_rules(session, zone=SH)
    tickets.set_mode(session, later, ticket.number, "depot", rules)
    assert ticket.resolve_due_at.astimezone(SH) == sh("2026-10-13 10:00")
