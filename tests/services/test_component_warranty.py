"""Per-component warranty verdict at the fault date (DOMAIN §1 保修/三包), tampered serials and
the causes excluded from free repair even within warranty."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import ShouhouError, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device, edit_device, fault_verdict, get_device
from shouhou.services.customers.warranty import verdict
from shouhou.services.tickets import intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def by(actor: str, text: str) -> Stamp:
    return Stamp(actor, at(text))


@pytest.fixture
def _cw_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _cw_devices(session: Session) -> dict[str, int]:
    """M1: accepted 2024-06-01, unit 24 months (last day 2026-05-31), motor 120 months
    (2034-05-31), piping 12 months (2025-05-31). No acceptance or purchase date on U1."""
    stamp = by("clerk", "2024-06-01 09:00")
    acme = add_customer(session, stamp, name="ACME")
    m1 = add_device(
        session,
        stamp,
        customer_id=acme.id or 0,
        model="KS-200",
        serial="M1",
        accepted_on=date(2024, 6, 1),
        warranty_months=24,
        components=[("motor", 120), ("piping", 12)],
    )
    u1 = add_device(session, stamp, customer_id=acme.id or 0, model="KS-1", serial="U1")
    return {"customer": acme.id or 0, "M1": m1.id or 0, "U1": u1.id or 0}


OpenFn = Callable[..., intake.IntakeResult]


@pytest.fixture
def _cw_open(session: Session, _cw_rules: Rules, _cw_devices: dict[str, int]) -> OpenFn:
    def open_(when: str, *, device: str | None = "M1", **extra: Any) -> intake.IntakeResult:
        return intake.open_ticket(
            session,
            by("clerk", when),
            customer_id=_cw_devices["customer"],
            severity="3",
            symptom="异响",
            received_at=at(when),
            rules=_cw_rules,
            device_id=_cw_devices[device] if device else None,
            **extra,
        )

    return open_


def refused(session: Session, error: type[ShouhouError], call: Callable[[], object]) -> str:
    with pytest.raises(error) as info, session.begin_nested():
        call()
    return str(info.value)


def _m1(on: date) -> Any:
    return verdict(
        on=on,
        accepted_on=date(2024, 6, 1),
        purchase_date=None,
        unit_months=24,
        components=[("motor", 120), ("piping", 12)],
    )


# --- the verdict itself ----------------------------------------------------------------------


def test_motor_under_its_own_term_is_free_after_the_unit_term() -> None:
    """DOMAIN §1: accepted 2024-06-01; on 2026-11-23 (month 30) the unit's 24 months ended
    2026-05-31, the motor's 120 months run to 2034-05-31 → a motor fault is covered."""
    judged = _m1(date(2026, 11, 23)).judge("motor")
    assert (judged.component, judged.months, judged.until) == ("motor", 120, date(2034, 5, 31))
    assert judged.state == "in_warranty" and judged.covered
    unit = _m1(date(2026, 11, 23)).judge(None)
    assert (unit.component, unit.until, unit.state) == ("unit", date(2026, 5, 31), "expired")
    assert not unit.covered


def test_piping_past_its_term_is_charged_inside_the_unit_term() -> None:
    """DOMAIN §1: piping 12 months from 2024-06-01 ends 2025-05-31; a piping fault on
    2025-07-01 (month 14) is not covered although the unit runs to 2026-05-31."""
    on = date(2025, 7, 1)
    assert _m1(on).judge("unit").state == "in_warranty"
    piping = _m1(on).judge("piping")
    assert (piping.until, piping.state, piping.covered) == (date(2025, 5, 31), "expired", False)
    assert piping.reason == "verdict.expired"


def test_component_term_ends_on_its_last_covered_day() -> None:
    """Piping's last covered day is 2025-05-31: covered that day, not on 06-01."""
    assert _m1(date(2025, 5, 31)).judge("piping").covered
    assert not _m1(date(2025, 6, 1)).judge("piping").covered


def test_unknown_component_is_refused_listing_the_accepted_ones() -> None:
    with pytest.raises(UsageError) as info:
        _m1(date(2026, 1, 1)).judge("pump")
    assert str(info.value) == (
        "error: component 'pump' is not allowed — accepted: unit|motor|piping"
    )
    assert info.value.exit_code == 2


def test_tampered_serial_voids_every_component() -> None:
    """DOMAIN §1: a tampered or removed serial voids warranty — even the motor's 120 months."""
    void = verdict(
        on=date(2026, 11, 23),
        accepted_on=date(2024, 6, 1),
        purchase_date=None,
        unit_months=24,
        components=[("motor", 120)],
        contract_until=date(2030, 1, 1),
        serial_tampered=True,
    )
    judged = void.judge("motor")
    assert (judged.state, judged.covered, judged.reason) == ("void", False, "verdict.void")


def test_contract_covers_a_component_out_of_its_term() -> None:
    """After the piping's term (2025-05-31) a service contract running on the fault date covers."""
    judged = verdict(
        on=date(2025, 7, 1),
        accepted_on=date(2024, 6, 1),
        purchase_date=None,
        unit_months=24,
        components=[("piping", 12)],
        contract_until=date(2025, 12, 31),
    ).judge("piping")
    assert (judged.state, judged.covered) == ("under_contract", True)


def test_no_start_date_is_unknown_and_not_covered() -> None:
    judged = verdict(
        on=date(2026, 1, 1), accepted_on=None, purchase_date=None, unit_months=24
    ).judge(None)
    assert (judged.until, judged.state, judged.covered) == (None, "unknown", False)


# --- at intake -------------------------------------------------------------------------------


def test_intake_judges_the_named_component(_cw_open: OpenFn) -> None:
    """Motor fault on 2026-11-23 (month 30): free; the same day, whole unit: expired."""
    motor = _cw_open("2026-11-23 10:00", component="motor")
    assert motor.ticket.component == "motor"
    assert motor.ticket.in_warranty is True and motor.ticket.warranty_note == "in_warranty"
    assert motor.fault_verdict is not None and motor.fault_verdict.months == 120
    unit = _cw_open("2026-11-23 10:05")
    assert unit.ticket.component == "unit"
    assert unit.ticket.in_warranty is False and unit.ticket.warranty_note == "expired"


def test_intake_verdict_is_judged_at_the_fault_date(_cw_open: OpenFn) -> None:
    """DOMAIN §1: the unit's last day is 2026-05-31. Reported 2026-06-03 for a fault of
    2026-05-30 → covered; the deadlines still count from the intake time."""
    late = _cw_open("2026-06-03 10:00", fault_date=date(2026, 5, 30))
    assert late.ticket.fault_date == date(2026, 5, 30)
    assert late.ticket.in_warranty is True
    assert late.verdict is not None and late.verdict.on == date(2026, 5, 30)
    assert late.reply_due.astimezone(SH) == at("2026-06-03 11:00")  # minor: 1 h from intake
    same_day = _cw_open("2026-06-03 10:30")
    assert same_day.ticket.fault_date == date(2026, 6, 3)
    assert same_day.ticket.in_warranty is False


def test_fault_date_defaults_to_the_intake_day_in_the_firm_zone(_cw_open: OpenFn) -> None:
    """Received 2026-05-31 23:30 Shanghai (15:30 UTC): the fault date is 05-31, the unit's
    last covered day — not a UTC day, and not 06-01."""
    result = _cw_open("2026-05-31 23:30")
    assert result.ticket.fault_date == date(2026, 5, 31)
    assert result.ticket.in_warranty is True


def test_fault_date_after_intake_is_refused(session: Session, _cw_open: OpenFn) -> None:
    text = refused(
        session, UsageError, lambda: _cw_open("2026-06-03 10:00", fault_date=date(2026, 6, 4))
    )
    assert text == (
        "error: fault-date 2026-06-04 is after the request came in (2026-06-03) — give the day "
        "the fault occurred, at the latest the intake day"
    )


def test_component_needs_a_device(session: Session, _cw_open: OpenFn) -> None:
    text = refused(
        session, UsageError, lambda: _cw_open("2026-06-03 10:00", device=None, component="motor")
    )
    assert text == "error: component 'motor' needs a device — give --device SERIAL too"


def test_unknown_component_at_intake_is_refused(session: Session, _cw_open: OpenFn) -> None:
    text = refused(session, UsageError, lambda: _cw_open("2026-06-03 10:00", component="pump"))
    assert text == "error: component 'pump' is not allowed — accepted: unit|motor|piping"


# --- at diagnosis ----------------------------------------------------------------------------


def test_diagnose_attributes_the_fault_to_a_component(
    session: Session, _cw_open: OpenFn, _cw_rules: Rules
) -> None:
    """Taken as a whole-unit fault on 2026-11-23 (expired); the engineer finds the motor →
    judged again on the motor's 120 months → free."""
    ticket = _cw_open("2026-11-23 10:00").ticket
    assert ticket.chargeable is None and ticket.in_warranty is False
    tickets.diagnose(
        session,
        by("王工", "2026-11-23 11:00"),
        ticket.number,
        cause="quality",
        finding="电机烧毁",
        rules=_cw_rules,
        component="motor",
    )
    assert (ticket.component, ticket.in_warranty, ticket.chargeable) == ("motor", True, False)
    # and back: piping (ended 2025-05-31) → chargeable
    tickets.diagnose(
        session,
        by("王工", "2026-11-23 11:30"),
        ticket.number,
        cause="quality",
        finding="管路渗漏",
        rules=_cw_rules,
        component="piping",
    )
    assert (ticket.component, ticket.in_warranty, ticket.chargeable) == ("piping", False, True)
    assert ticket.warranty_note == "expired"


def test_diagnose_keeps_the_intake_component_and_fault_date(
    session: Session, _cw_open: OpenFn, _cw_rules: Rules
) -> None:
    """No --component at diagnosis: the intake's motor and fault date 2026-05-30 still decide."""
    ticket = _cw_open("2026-06-03 10:00", component="piping", fault_date=date(2026, 5, 30)).ticket
    assert ticket.in_warranty is False  # piping ended 2025-05-31
    tickets.diagnose(
        session,
        by("王工", "2026-06-03 11:00"),
        ticket.number,
        cause="quality",
        finding="f",
        rules=_cw_rules,
    )
    assert (ticket.component, ticket.fault_date, ticket.chargeable) == (
        "piping",
        date(2026, 5, 30),
        True,
    )


def test_ticket_without_component_or_fault_date_is_the_whole_unit_at_intake(
    session: Session, _cw_open: OpenFn, _cw_rules: Rules
) -> None:
    """Tickets from before migration 0004: component NULL = whole unit, fault date NULL = the
    intake day (2026-05-31 in Shanghai, the unit's last day → covered)."""
    ticket = _cw_open("2026-05-31 23:30").ticket
    ticket.component = None
    ticket.fault_date = None
    ticket.in_warranty = None
    tickets.diagnose(
        session,
        by("王工", "2026-06-01 09:00"),
        ticket.number,
        cause="design",
        finding="f",
        rules=_cw_rules,
    )
    assert (ticket.component, ticket.in_warranty, ticket.chargeable) == ("unit", True, False)


def test_component_at_diagnosis_needs_a_device(
    session: Session, _cw_open: OpenFn, _cw_rules: Rules
) -> None:
    ticket = _cw_open("2026-06-03 10:00", device=None).ticket
    text = refused(
        session,
        UsageError,
        lambda: tickets.diagnose(
            session,
            by("王工", "2026-06-03 11:00"),
            ticket.number,
            cause="quality",
            finding="f",
            rules=_cw_rules,
            component="motor",
        ),
    )
    assert text == "error: component 'motor' needs a device — give --device SERIAL too"


# --- tampered serial -------------------------------------------------------------------------


def test_tampered_serial_recorded_on_the_device_voids_its_warranty(
    session: Session, _cw_open: OpenFn, _cw_rules: Rules
) -> None:
    """DOMAIN §1: in warranty on 2026-03-02 (unit to 2026-05-31); once the serial is recorded
    as tampered, new tickets are void and an open one is judged void at diagnosis."""
    before = _cw_open("2026-03-02 10:00").ticket
    assert before.in_warranty is True
    edit_device(session, by("王工", "2026-03-02 10:30"), "M1", serial_tampered=True)
    device = get_device(session, "M1")
    assert device.serial_tampered is True
    assert fault_verdict(session, device, on=date(2026, 3, 2), component="motor").state == "void"
    after = _cw_open("2026-03-02 11:00", component="motor")
    assert (after.ticket.in_warranty, after.ticket.warranty_note) == (False, "void")
    tickets.diagnose(
        session,
        by("王工", "2026-03-02 12:00"),
        before.number,
        cause="quality",
        finding="f",
        rules=_cw_rules,
    )
    assert (before.in_warranty, before.warranty_note, before.chargeable) == (False, "void", True)
    edit_device(session, by("王工", "2026-03-02 13:00"), "M1", serial_tampered=False)
    assert _cw_open("2026-03-02 14:00").ticket.in_warranty is True


# --- excluded causes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cause", "chargeable"),
    [
        ("design", False),
        ("quality", False),
        ("installation", False),
        ("supplier-part", False),
        ("misuse", True),
        ("force-majeure", True),
        ("transport", True),
        ("wear", True),
        ("unauthorised-repair", True),
        ("site-not-to-spec", True),
    ],
)
def test_excluded_causes_are_chargeable_even_in_warranty(cause: str, chargeable: bool) -> None:
    """DOMAIN §1: within warranty, excluded even so: misuse, force majeure, unauthorised repair
    私自拆修, buyer's transport, site not to spec (and wear); out of warranty everything pays."""
    assert tickets.chargeable(True, cause) is chargeable
    assert tickets.chargeable(False, cause) is True
