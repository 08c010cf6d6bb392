"""Site visits (issue 11, DOMAIN §3): booking without clashes, one arrival shared with the
ticket, and the arrival KPI (appointment + grace, and the ticket's on-site deadline)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from shouhou.errors import DomainError, InvalidTransition, UsageError
from shouhou.models import AuditEntry, Ticket, TicketEvent, Visit
from shouhou.services import config
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.intake import open_ticket
from shouhou.services.tickets.sla import Rules, load_rules
from shouhou.services.visits import lifecycle, schedule
from shouhou.services.visits.lifecycle import arrival_kpi

SH = ZoneInfo("Asia/Shanghai")
DAY = datetime(2026, 12, 3, 0, 0, tzinfo=SH)


def at(hour: int, minute: int = 0) -> datetime:
    return DAY + timedelta(hours=hour, minutes=minute)


def stamp_at(moment: datetime) -> Stamp:
    return Stamp("王经理", moment)


def rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def customer(session: Session) -> str:
    made = add_customer(session, stamp_at(at(8)), name="天津控制设备厂", phone="022-1234567")
    add_device(
        session,
        stamp_at(at(8)),
        customer_id=made.id or 0,
        model="KS-200",
        serial="S-001",
        warranty_months=24,
    )
    return "天津控制设备厂"


def critical_ticket(session: Session, customer: str) -> Ticket:
    """Critical, local: on site within 2 h, 24×7 — received 09:00, on-site due 11:00."""
    from shouhou.services.customers.customers import resolve_customer

    result = open_ticket(
        session,
        stamp_at(at(9)),
        customer_id=resolve_customer(session, customer).id or 0,
        severity="1",
        symptom="系统停机",
        received_at=at(9),
        rules=rules(session),
    )
    return result.ticket


def book(session: Session, when: datetime, *, ticket: str | None = None, **more: object) -> Visit:
    options: dict[str, object] = {"kind": "repair" if ticket else "inspection"}
    options.update(more)
    if ticket is None and "customer_ref" not in options:
        options["customer_ref"] = "天津控制设备厂"
    visit, _ = schedule.schedule_visit(
        session,
        stamp_at(at(8, 30)),
        engineer=str(options.pop("engineer", "王工")),
        appointment_at=when,
        zone=SH,
        ticket_ref=ticket,
        **options,  # type: ignore[arg-type]
    )
    return visit


# -- the arrival KPI ---------------------------------------------------------------------------


def test_arrival_14_minutes_after_the_appointment_is_on_time_16_is_late(
    session: Session, customer: str
) -> None:
    """Grace 15 min (default). Appointment 10:00 → limit 10:15.
    Arrived 10:14: 1 min before the limit → on time, 0 min late.
    Arrived 10:16: 1 min after the limit → late, 1 min late."""
    early = book(session, at(10), engineer="王工")
    late = book(session, at(10), engineer="李工")
    lifecycle.start(session, stamp_at(at(10, 14)), early.number, rules(session))
    lifecycle.start(session, stamp_at(at(10, 16)), late.number, rules(session))
    assert (early.on_time, early.late_minutes) == (True, 0)
    assert (late.on_time, late.late_minutes) == (False, 1)


def test_grace_is_a_setting(session: Session, customer: str) -> None:
    """visit.grace = 30m: arrived 10:16 for 10:00 is within 10:30 → on time."""
    config.set_value(session, stamp_at(at(8)), "visit.grace", "30m")
    visit = book(session, at(10))
    lifecycle.start(session, stamp_at(at(10, 16)), visit.number, rules(session))
    assert visit.on_time is True


def test_the_tickets_onsite_deadline_beats_the_grace(session: Session, customer: str) -> None:
    """Critical ticket received 09:00: on site by 11:00. Appointment 10:50 + 15 min grace =
    11:05, but the earlier limit binds: 11:00. Arrived 11:03 → 3 min late, not on time —
    though within the grace of the appointment."""
    ticket = critical_ticket(session, customer)
    visit = book(session, at(10, 50), ticket=ticket.number)
    lifecycle.start(session, stamp_at(at(11, 3)), visit.number, rules(session))
    assert ticket.onsite_due_at == at(11)
    assert (visit.on_time, visit.late_minutes) == (False, 3)


def test_late_minutes_round_up() -> None:
    """Limit 10:15; arrived 10:15:01 → 1 min late (a started minute counts)."""
    kpi = arrival_kpi(
        arrived_at=at(10, 15) + timedelta(seconds=1),
        appointment_at=at(10),
        grace=timedelta(minutes=15),
    )
    assert (kpi.on_time, kpi.late_minutes) == (False, 1)


# -- one arrival for ticket and visit -----------------------------------------------------------


def _arrivals(session: Session, ticket: Ticket) -> int:
    return len(
        session.exec(
            select(AuditEntry).where(
                AuditEntry.entity == "ticket",
                AuditEntry.entity_id == ticket.id,
                AuditEntry.action == "arrive",
            )
        ).all()
    )


def test_visit_start_is_the_tickets_arrival(session: Session, customer: str) -> None:
    """visit start at 10:40 on the ticket's repair visit stops the ticket's on-site clock at
    10:40: one arrival on the ticket, the same moment on both."""
    ticket = critical_ticket(session, customer)
    visit = book(session, at(10, 30), ticket=ticket.number)
    lifecycle.start(session, stamp_at(at(10, 40)), visit.number, rules(session))
    assert ticket.arrived_at == visit.arrived_at == at(10, 40)
    assert ticket.status == "in_progress"
    assert ticket.onsite_late_min == 0
    assert _arrivals(session, ticket) == 1


def test_ticket_arrive_starts_the_booked_repair_visit(session: Session, customer: str) -> None:
    """ticket arrive at 10:20 with a repair visit booked for 10:00: the visit starts at 10:20
    (limit 10:00 + 15 min = 10:15 → 5 min late) and the ticket has one arrival."""
    ticket = critical_ticket(session, customer)
    visit = book(session, at(10), ticket=ticket.number)
    found, started = lifecycle.arrive(session, stamp_at(at(10, 20)), ticket.number, rules(session))
    assert started is visit
    assert visit.status == "in_progress"
    assert found.arrived_at == visit.arrived_at == at(10, 20)
    assert (visit.on_time, visit.late_minutes) == (False, 5)
    assert _arrivals(session, ticket) == 1


def test_a_visit_after_the_ticket_arrival_takes_the_tickets_time(
    session: Session, customer: str
) -> None:
    """The ticket recorded its arrival at 10:05 (no visit then); the repair visit booked for
    10:00 and started at 10:30 takes 10:05 — not a second arrival — and is on time."""
    ticket = critical_ticket(session, customer)
    tickets.arrive(session, stamp_at(at(10, 5)), ticket.number, rules(session))
    visit = book(session, at(10), ticket=ticket.number)
    lifecycle.start(session, stamp_at(at(10, 30)), visit.number, rules(session))
    assert visit.arrived_at == ticket.arrived_at == at(10, 5)
    assert visit.on_time is True
    assert _arrivals(session, ticket) == 1
    assert ticket.id is not None
    events = session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)).all()
    assert [e.status for e in events].count("in_progress") == 1


def test_ticket_arrive_twice_is_refused_even_with_a_visit(session: Session, customer: str) -> None:
    ticket = critical_ticket(session, customer)
    tickets.arrive(session, stamp_at(at(10, 5)), ticket.number, rules(session))
    book(session, at(10), ticket=ticket.number)
    with pytest.raises(InvalidTransition) as refused:
        lifecycle.arrive(session, stamp_at(at(10, 30)), ticket.number, rules(session))
    assert refused.value.key == "err.already"


# -- booking -------------------------------------------------------------------------------------


def test_a_ticket_visit_is_at_the_tickets_customer_and_device(
    session: Session, customer: str
) -> None:
    ticket = critical_ticket(session, customer)
    visit = book(session, at(10), ticket=ticket.number)
    assert (visit.customer_id, visit.device_id, visit.ticket_id) == (
        ticket.customer_id,
        ticket.device_id,
        ticket.id,
    )
    assert visit.number == "VS2612-0001"


def test_an_overlapping_booking_names_the_other_visit(session: Session, customer: str) -> None:
    """王工 is booked 10:00–11:00; 10:30 overlaps → refused, naming VS2612-0001 and its time.
    11:00 does not overlap (the first ends as the second begins); another engineer is free."""
    first = book(session, at(10))
    with pytest.raises(DomainError) as clash:
        book(session, at(10, 30))
    assert clash.value.key == "err.visit_clash"
    assert "VS2612-0001" in str(clash.value)
    assert "2026-12-03 10:00–11:00" in str(clash.value)
    book(session, at(11))
    book(session, at(10, 30), engineer="李工")
    assert first.status == "scheduled"


def test_a_booking_before_overlapping_the_next_is_refused(session: Session, customer: str) -> None:
    """Booked 10:00; a 90-minute visit at 08:45 runs to 10:15 → clash."""
    book(session, at(10))
    with pytest.raises(DomainError):
        book(session, at(8, 45), expected_minutes=90)


def test_force_books_over_a_clash(session: Session, customer: str) -> None:
    first = book(session, at(10))
    visit, over = schedule.schedule_visit(
        session,
        stamp_at(at(8, 30)),
        kind="training",
        engineer="王工",
        appointment_at=at(10, 30),
        zone=SH,
        customer_ref="天津控制设备厂",
        force=True,
    )
    assert over is first
    assert visit.status == "scheduled"


def test_done_cancelled_and_missed_visits_do_not_hold_the_engineer(
    session: Session, customer: str
) -> None:
    visit = book(session, at(10))
    lifecycle.cancel(session, stamp_at(at(9)), visit.number, reason="客户改用电话指导")
    book(session, at(10, 30))


def test_reschedule_checks_clashes_again_and_counts(session: Session, customer: str) -> None:
    first = book(session, at(10))
    second = book(session, at(14))
    with pytest.raises(DomainError) as clash:
        schedule.reschedule(
            session,
            stamp_at(at(9)),
            second.number,
            appointment_at=at(10, 30),
            reason="改期",
            zone=SH,
        )
    assert first.number in str(clash.value)
    schedule.reschedule(
        session, stamp_at(at(9)), second.number, appointment_at=at(15), reason="客户要求", zone=SH
    )
    # Moving a visit within its own slot is no clash with itself.
    schedule.reschedule(
        session, stamp_at(at(9)), second.number, appointment_at=at(15, 15), reason="再改", zone=SH
    )
    assert (second.appointment_at, second.reschedule_count) == (at(15, 15), 2)
    assert second.reschedule_reason == "再改"


def test_device_must_be_the_customers(session: Session, customer: str) -> None:
    other = add_customer(session, stamp_at(at(8)), name="另一家公司")
    with pytest.raises(DomainError) as refused:
        book(session, at(10), customer_ref=str(other.id), device_ref="S-001")
    assert refused.value.key == "err.visit_device_customer"


def test_a_visit_is_for_a_ticket_or_a_customer(session: Session, customer: str) -> None:
    with pytest.raises(UsageError):
        schedule.schedule_visit(
            session,
            stamp_at(at(8)),
            kind="install",
            engineer="王工",
            appointment_at=at(10),
            zone=SH,
        )


# -- the state machine ----------------------------------------------------------------------------


def test_lifecycle_done_with_signature_and_rating(session: Session, customer: str) -> None:
    visit = book(session, at(10))
    lifecycle.start(session, stamp_at(at(10)), visit.number, rules(session))
    lifecycle.finish(
        session, stamp_at(at(11)), visit.number, work_done="巡检完成", signed_by="李主任", rating=5,
        rules=rules(session), zone=SH,
    )  # fmt: skip
    assert (visit.status, visit.finished_at, visit.signed_by, visit.rating) == (
        "done",
        at(11),
        "李主任",
        5,
    )
    trail = session.exec(select(AuditEntry).where(AuditEntry.entity == "visit")).all()
    assert [e.action for e in trail] == ["visit_schedule", "visit_start", "visit_done"]


@pytest.mark.parametrize("rating", [0, 6])
def test_rating_is_1_to_5(session: Session, customer: str, rating: int) -> None:
    visit = book(session, at(10))
    lifecycle.start(session, stamp_at(at(10)), visit.number, rules(session))
    with pytest.raises(UsageError):
        lifecycle.finish(
            session, stamp_at(at(11)), visit.number, work_done="x", rating=rating,
            rules=rules(session), zone=SH,
        )  # fmt: skip


def test_refusals_name_the_state(session: Session, customer: str) -> None:
    visit = book(session, at(10))
    with pytest.raises(InvalidTransition) as not_started:
        lifecycle.finish(
            session, stamp_at(at(11)), visit.number, work_done="x", rules=rules(session), zone=SH
        )
    assert not_started.value.fields["current"] == "scheduled"
    lifecycle.start(session, stamp_at(at(10)), visit.number, rules(session))
    with pytest.raises(InvalidTransition):
        lifecycle.cancel(session, stamp_at(at(10)), visit.number, reason="x")
    with pytest.raises(InvalidTransition):
        lifecycle.start(session, stamp_at(at(10, 5)), visit.number, rules(session))


def test_a_missed_visit_is_rebooked(session: Session, customer: str) -> None:
    visit = book(session, at(10))
    lifecycle.missed(session, stamp_at(at(10, 30)), visit.number, reason="客户不在")
    assert (visit.status, visit.end_reason) == ("missed", "客户不在")
    schedule.reschedule(
        session, stamp_at(at(11)), visit.number, appointment_at=at(15), reason="重新约定", zone=SH
    )
    assert (visit.status, visit.end_reason, visit.reschedule_count) == ("scheduled", None, 1)


def test_a_callback_on_a_ticket_is_measured_against_its_appointment_only(
    session: Session, customer: str
) -> None:
    """The ticket's on-site deadline (11:00) binds its repair visit only: a callback visit
    booked for 13:00 and arrived 13:10 is on time (13:00 + 15 min), and it records no ticket
    arrival."""
    ticket = critical_ticket(session, customer)
    visit = book(session, at(13), ticket=ticket.number, kind="callback")
    lifecycle.start(session, stamp_at(at(13, 10)), visit.number, rules(session))
    assert (visit.on_time, visit.late_minutes) == (True, 0)
    assert ticket.arrived_at is None


@given(
    arrived=st.integers(min_value=-600, max_value=600),
    grace=st.integers(min_value=0, max_value=120),
    deadline=st.none() | st.integers(min_value=-300, max_value=300),
)
def test_arrival_kpi_properties(arrived: int, grace: int, deadline: int | None) -> None:
    """On time exactly when 0 min late; late minutes never shrink as the arrival moves later;
    the limit is never later than appointment + grace nor the deadline."""
    appointment = at(10)
    due = None if deadline is None else appointment + timedelta(minutes=deadline)

    def kpi(offset: int) -> lifecycle.ArrivalKpi:
        return arrival_kpi(
            arrived_at=appointment + timedelta(minutes=offset),
            appointment_at=appointment,
            grace=timedelta(minutes=grace),
            onsite_due_at=due,
        )

    now, later = kpi(arrived), kpi(arrived + 1)
    assert now.on_time == (now.late_minutes == 0)
    assert later.late_minutes >= now.late_minutes
    assert now.limit <= appointment + timedelta(minutes=grace)
    assert due is None or now.limit <= due
