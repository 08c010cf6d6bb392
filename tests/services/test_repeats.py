"""Three strikes 三包 and repeat repairs (DOMAIN §1): which earlier repairs count, the 3rd-repair
warning, the 4th report, and the repeat window in local calendar days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.services import config
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.repeats import FIRM_CAUSES, counts_towards_three_strikes
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def by(actor: str, text: str) -> Stamp:
    return Stamp(actor, at(text))


@pytest.fixture
def _rp_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _rp_device(session: Session) -> tuple[int, int]:
    """One customer with device R1 (in warranty through 2028)."""
    stamp = by("clerk", "2025-01-01 09:00")
    acme = add_customer(session, stamp, name="ACME")
    device = add_device(
        session,
        stamp,
        customer_id=acme.id or 0,
        model="KS-200",
        serial="R1",
        accepted_on=date(2025, 1, 1),
        warranty_months=48,
    )
    return acme.id or 0, device.id or 0


OpenFn = Callable[..., intake.IntakeResult]


@pytest.fixture
def _rp_open(session: Session, _rp_rules: Rules, _rp_device: tuple[int, int]) -> OpenFn:
    def open_(when: str, *, category: str | None = "cooling", **extra: Any) -> intake.IntakeResult:
        customer_id, device_id = _rp_device
        return intake.open_ticket(
            session,
            by("clerk", when),
            customer_id=customer_id,
            severity="3",
            symptom="不制冷",
            received_at=at(when),
            rules=_rp_rules,
            device_id=device_id,
            category=category,
            **extra,
        )

    return open_


RepairFn = Callable[..., "Ticket"]


@pytest.fixture
def _rp_repair(session: Session, _rp_rules: Rules, _rp_open: OpenFn) -> RepairFn:
    """Report at ``when``, diagnose with ``cause`` and resolve at ``fixed`` (default +5 h)."""

    def repair(when: str, cause: str = "quality", fixed: str | None = None) -> Ticket:
        ticket = _rp_open(when).ticket
        done = by("王工", fixed or when.replace("10:00", "15:00"))
        tickets.diagnose(session, done, ticket.number, cause=cause, finding="f", rules=_rp_rules)
        tickets.resolve(session, done, ticket.number, action="fixed", rules=_rp_rules)
        return ticket

    return repair


# --- which repairs count ---------------------------------------------------------------------


def test_only_firm_causes_count_towards_three_strikes() -> None:
    """DOMAIN §1: design, manufacturing/quality, installation, supplier part — nothing else."""
    assert FIRM_CAUSES == ("design", "quality", "installation", "supplier-part")
    for cause in (
        "misuse",
        "wear",
        "transport",
        "force-majeure",
        "unauthorised-repair",
        "site-not-to-spec",
        "unknown",
        None,
    ):
        assert not counts_towards_three_strikes(cause), cause


def test_misuse_wear_transport_force_majeure_repairs_are_not_strikes(
    _rp_repair: RepairFn, _rp_open: OpenFn
) -> None:
    """Four repairs of the same fault, none the firm's: the 5th report is repair #1 of the
    firm's, no warning, no replacement — but still a repeat (resolved the day before)."""
    for day, cause in (
        ("2026-03-02", "misuse"),
        ("2026-03-03", "wear"),
        ("2026-03-04", "transport"),
        ("2026-03-05", "force-majeure"),
    ):
        _rp_repair(f"{day} 10:00", cause)
    fifth = _rp_open("2026-03-06 10:00")
    repeat = fifth.repeat
    assert repeat is not None
    assert (repeat.firm_repairs, repeat.repair_count) == (0, 1)
    assert not repeat.replacement_warning and not repeat.replacement_due
    assert repeat.within_window and repeat.days_since == 1


def test_cancelled_tickets_are_not_repairs(
    session: Session, _rp_rules: Rules, _rp_repair: RepairFn, _rp_open: OpenFn
) -> None:
    """Two quality repairs and two cancelled reports (误报): the next report is repair #3."""
    _rp_repair("2026-03-02 10:00")
    for day in ("2026-03-03", "2026-03-04"):
        ticket = _rp_open(f"{day} 10:00").ticket
        tickets.diagnose(
            session,
            by("王工", f"{day} 11:00"),
            ticket.number,
            cause="quality",
            finding="f",
            rules=_rp_rules,
        )
        tickets.cancel(
            session, by("王工", f"{day} 12:00"), ticket.number, reason="误报", rules=_rp_rules
        )
    _rp_repair("2026-03-05 10:00")
    third = _rp_open("2026-03-06 10:00")
    assert third.repeat is not None and third.repeat.firm_repairs == 2
    assert third.ticket.repair_count == 3


def test_an_open_earlier_ticket_is_not_a_previous_repair(_rp_open: OpenFn) -> None:
    """Reported twice before any fix: no repair yet, so no repeat and no count."""
    _rp_open("2026-03-02 10:00")
    second = _rp_open("2026-03-03 10:00")
    assert second.repeat is None
    assert second.ticket.repair_count == 1 and second.ticket.repeat_of_id is None


def test_other_fault_category_is_another_problem(_rp_repair: RepairFn, _rp_open: OpenFn) -> None:
    _rp_repair("2026-03-02 10:00")
    assert _rp_open("2026-03-03 10:00", category="noise").repeat is None
    assert _rp_open("2026-03-03 10:30", category=None).repeat is None


# --- the 3rd repair and the 4th report ------------------------------------------------------


def test_third_repair_warns_next_failure_replacement(
    session: Session, _rp_rules: Rules, _rp_repair: RepairFn, _rp_open: OpenFn
) -> None:
    """Two firm repairs → the 3rd report is the 3rd repair: warn at intake (cause unknown) and
    at diagnosis with a firm cause; not with misuse (then it is not the same quality problem)."""
    _rp_repair("2026-03-02 10:00", "design")
    _rp_repair("2026-03-09 10:00", "supplier-part")
    third = _rp_open("2026-03-16 10:00")
    assert third.repeat is not None and third.repeat.repair_count == 3
    assert third.repeat.replacement_warning and not third.repeat.replacement_due
    _, firm = tickets.diagnose(
        session,
        by("王工", "2026-03-16 11:00"),
        third.ticket.number,
        cause="installation",
        finding="f",
        rules=_rp_rules,
    )
    assert firm is not None and firm.counts and firm.replacement_warning
    _, misuse = tickets.diagnose(
        session,
        by("王工", "2026-03-16 11:30"),
        third.ticket.number,
        cause="misuse",
        finding="f",
        rules=_rp_rules,
    )
    assert misuse is not None and misuse.counts is False and not misuse.replacement_warning


def test_fourth_report_makes_replacement_due(
    session: Session, _rp_rules: Rules, _rp_repair: RepairFn, _rp_open: OpenFn
) -> None:
    """Three firm repairs → the 4th report: replacement due (三包), recorded as repair #4."""
    for day in ("2026-03-02", "2026-03-09", "2026-03-16"):
        _rp_repair(f"{day} 10:00")
    fourth = _rp_open("2026-03-23 10:00")
    assert fourth.repeat is not None
    assert fourth.repeat.replacement_due and not fourth.repeat.replacement_warning
    assert fourth.ticket.repair_count == 4
    _, diagnosed = tickets.diagnose(
        session,
        by("王工", "2026-03-23 11:00"),
        fourth.ticket.number,
        cause="quality",
        finding="f",
        rules=_rp_rules,
    )
    assert diagnosed is not None and diagnosed.replacement_due
    _, excluded = tickets.diagnose(
        session,
        by("王工", "2026-03-23 11:30"),
        fourth.ticket.number,
        cause="wear",
        finding="f",
        rules=_rp_rules,
    )
    assert excluded is not None and not excluded.replacement_due


# --- the repeat window -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported", "days", "repeat"),
    [
        ("2026-05-30 10:00", 89, True),
        ("2026-05-31 10:00", 90, True),
        ("2026-06-01 10:00", 91, False),
    ],
)
def test_repeat_within_90_local_calendar_days_of_the_previous_resolution(
    _rp_repair: RepairFn, _rp_open: OpenFn, reported: str, days: int, repeat: bool
) -> None:
    """DOMAIN §1: previous repair resolved Mon 2026-03-02 (Shanghai, no DST). 03-02 → 04-02 is
    31 days, → 05-02 61, → 05-30 89, 05-31 90 (the window's last day), 06-01 91."""
    first = _rp_repair("2026-03-01 10:00", fixed="2026-03-02 15:00")
    result = _rp_open(reported)
    assert result.repeat is not None
    assert result.repeat.previous_resolved_on == date(2026, 3, 2)
    assert (result.repeat.days_since, result.repeat.within_window) == (days, repeat)
    assert result.ticket.repeat_of_id == (first.id if repeat else None)


def test_repeat_counts_local_dates_not_utc_dates_nor_24_hour_periods(
    _rp_repair: RepairFn, _rp_open: OpenFn
) -> None:
    """Resolved 2026-03-02 07:30 Shanghai = 03-01 23:30 UTC; reported 2026-05-31 09:00 Shanghai
    = 05-31 01:00 UTC. Local dates: 03-02 → 05-31 = 90 days → a repeat. (UTC dates would say 91
    and 90 × 24 h ends 05-31 07:30, before the report: both wrongly "not a repeat".)"""
    _rp_repair("2026-03-01 10:00", fixed="2026-03-02 07:30")
    result = _rp_open("2026-05-31 09:00")
    assert result.repeat is not None
    assert result.repeat.previous_resolved_on == date(2026, 3, 2)
    assert result.repeat.days_since == 90 and result.repeat.within_window


def test_repeat_measured_to_the_fault_date(_rp_repair: RepairFn, _rp_open: OpenFn) -> None:
    """Reported 2026-06-05 (95 days after 03-02) for a fault of 05-29 (88 days): a repeat."""
    _rp_repair("2026-03-01 10:00", fixed="2026-03-02 15:00")
    result = _rp_open("2026-06-05 10:00", fault_date=date(2026, 5, 29))
    assert result.repeat is not None
    assert (result.repeat.days_since, result.repeat.within_window) == (88, True)


def test_repeat_window_is_a_setting(
    session: Session, _rp_repair: RepairFn, _rp_device: tuple[int, int]
) -> None:
    """``repeat.window_days`` 30: resolved 03-02, reported 04-02 = 31 days → not a repeat."""
    config.set_value(session, by("admin", "2026-03-01 08:00"), "repeat.window_days", "30")
    _rp_repair("2026-03-01 10:00", fixed="2026-03-02 15:00")
    customer_id, device_id = _rp_device
    result = intake.open_ticket(
        session,
        by("clerk", "2026-04-02 10:00"),
        customer_id=customer_id,
        severity="3",
        symptom="x",
        received_at=at("2026-04-02 10:00"),
        rules=load_rules(session, zone=SH),
        device_id=device_id,
        category="cooling",
    )
    assert result.repeat is not None
    assert (result.repeat.days_since, result.repeat.window_days) == (31, 30)
    assert not result.repeat.within_window
