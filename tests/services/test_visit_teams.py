"""Teams, visits done in part, due visits and the overdue state (issue 11 item 2, DOMAIN §3)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from shouhou.errors import DomainError, InvalidTransition, UsageError
from shouhou.models import Visit, VisitMember
from shouhou.services.visits import due, lifecycle, records, schedule
from tests.services.test_visits import SH, at, book, customer, rules, stamp_at

__all__ = ["customer"]  # the fixture, re-exported for pytest


def team_of(session: Session, visit: Visit) -> list[str]:
    return schedule.helpers_of(session, visit)


def test_a_team_is_the_lead_and_helpers(session: Session, customer: str) -> None:
    visit = book(session, at(10), engineer="王工", helpers=["李工", "赵工", "李工"])
    assert visit.engineer == "王工"
    assert team_of(session, visit) == ["李工", "赵工"]  # named twice, kept once


def test_the_lead_cannot_also_help(session: Session, customer: str) -> None:
    with pytest.raises(UsageError) as refused:
        book(session, at(10), engineer="王工", helpers=["王工"])
    assert refused.value.key == "err.visit_helper_is_lead"


def test_clash_covers_every_member(session: Session, customer: str) -> None:
    """李工 helps on 10:00–11:00. A visit led by 李工 at 10:30 overlaps [10:00, 11:00) → refused,
    naming 李工 and the first visit; a visit where 李工 helps at 10:30 likewise; at 11:00 it
    starts when the first ends → no clash."""
    first = book(session, at(10), engineer="王工", helpers=["李工"])
    with pytest.raises(DomainError) as as_lead:
        book(session, at(10, 30), engineer="李工")
    assert as_lead.value.fields["engineer"] == "李工"
    assert as_lead.value.fields["other"] == first.number
    with pytest.raises(DomainError) as as_helper:
        book(session, at(10, 30), engineer="赵工", helpers=["李工"])
    assert as_helper.value.fields["engineer"] == "李工"
    later = book(session, at(11), engineer="李工")
    assert later.status == "scheduled"


def test_a_lead_clashes_with_a_visit_where_he_helps(session: Session, customer: str) -> None:
    book(session, at(10), engineer="赵工")
    with pytest.raises(DomainError) as refused:
        book(session, at(10, 15), engineer="王工", helpers=["赵工"])
    assert refused.value.fields["engineer"] == "赵工"


def test_reschedule_replaces_the_team_or_keeps_it(session: Session, customer: str) -> None:
    visit = book(session, at(10), engineer="王工", helpers=["李工"])
    schedule.reschedule(
        session, stamp_at(at(9)), visit.number, appointment_at=at(14), reason="客户改期", zone=SH
    )
    assert team_of(session, visit) == ["李工"]
    schedule.reschedule(
        session,
        stamp_at(at(9)),
        visit.number,
        appointment_at=at(15),
        reason="换人",
        zone=SH,
        helpers=["赵工"],
    )
    assert team_of(session, visit) == ["赵工"]
    members = session.exec(select(VisitMember).where(VisitMember.visit_id == visit.id)).all()
    assert [m.engineer for m in members] == ["赵工"]


def _done_in_part(session: Session, visit: Visit, **more: object) -> lifecycle.Finished:
    lifecycle.start(session, stamp_at(at(10)), visit.number, rules(session))
    return lifecycle.finish(
        session,
        stamp_at(at(12)),
        visit.number,
        work_done="更换电机",
        rules=rules(session),
        zone=SH,
        partial=True,
        partial_left="调试控制柜",
        **more,  # type: ignore[arg-type]
    )


def test_partial_visit_carries_the_rest_forward(session: Session, customer: str) -> None:
    """Done in part at 12:00 on 3 Dec: the rest is a new due visit of the same kind, customer
    and lead, due one day later (4 Dec 12:00), linked by follows_id, with what is left."""
    visit = book(session, at(10), kind="install", engineer="王工")
    finished = _done_in_part(session, visit)
    rest = finished.follow_up
    assert rest is not None
    assert (visit.status, visit.partial, visit.left_over) == ("done", True, "调试控制柜")
    assert (rest.status, rest.kind, rest.engineer, rest.origin) == (
        "due",
        "install",
        "王工",
        "partial",
    )
    assert rest.follows_id == visit.id
    assert rest.left_over == "调试控制柜"
    assert rest.due_at == at(12) + timedelta(days=1)
    assert rest.appointment_at is None


def test_partial_due_time_can_be_given_and_must_be_later(session: Session, customer: str) -> None:
    visit = book(session, at(10))
    with pytest.raises(UsageError) as refused:
        _done_in_part(session, visit, rest_due_at=at(11))
    assert refused.value.key == "err.visit_due_later"


def test_partial_needs_what_is_left(session: Session, customer: str) -> None:
    visit = book(session, at(10), kind="install")
    lifecycle.start(session, stamp_at(at(10)), visit.number, rules(session))
    for flags, key in (
        ({"partial": True}, "err.visit_partial_left"),
        ({"partial_left": "x"}, "err.visit_left_without_partial"),
    ):
        with pytest.raises(UsageError) as refused:
            lifecycle.finish(
                session,
                stamp_at(at(12)),
                visit.number,
                work_done="x",
                rules=rules(session),
                zone=SH,
                **flags,  # type: ignore[arg-type]
            )
        assert refused.value.key == key


def _due_callback(session: Session, when: datetime, key: str = "test:1") -> Visit:
    from shouhou.services.customers.customers import resolve_customer

    made = due.create_due(
        session,
        stamp_at(at(8)),
        kind="callback",
        customer_id=resolve_customer(session, "天津控制设备厂").id or 0,
        due_at=when,
        origin="key-customer",
        zone=SH,
        dedupe_key=key,
        engineer="李工",
    )
    assert made is not None
    return made


def test_create_due_is_idempotent_by_key(session: Session, customer: str) -> None:
    first = _due_callback(session, at(17))
    again = due.create_due(
        session,
        stamp_at(at(9)),
        kind="callback",
        customer_id=first.customer_id,
        due_at=at(18),
        origin="key-customer",
        zone=SH,
        dedupe_key="test:1",
    )
    assert again is None
    assert len(session.exec(select(Visit)).all()) == 1


def test_book_a_due_visit_for_the_engineer_it_is_meant_for(session: Session, customer: str) -> None:
    visit = _due_callback(session, at(17))
    schedule.book(session, stamp_at(at(9)), visit.number, appointment_at=at(15), zone=SH)
    assert (visit.status, visit.engineer, visit.appointment_at) == ("scheduled", "李工", at(15))
    with pytest.raises(InvalidTransition) as refused:
        schedule.book(session, stamp_at(at(9)), visit.number, appointment_at=at(16), zone=SH)
    assert refused.value.key == "err.visit_not_due"


def test_reschedule_of_a_due_visit_says_book_it(session: Session, customer: str) -> None:
    visit = _due_callback(session, at(17))
    with pytest.raises(InvalidTransition) as refused:
        schedule.reschedule(
            session, stamp_at(at(9)), visit.number, appointment_at=at(15), reason="x", zone=SH
        )
    assert refused.value.key == "err.visit_book_first"


def test_a_due_callback_done_at_once_by_phone(session: Session, customer: str) -> None:
    """A callback made by phone needs no booking: done straight from due, by the engineer it
    was meant for, its appointment the moment it was made."""
    visit = _due_callback(session, at(17))
    lifecycle.finish(
        session, stamp_at(at(9)), visit.number, work_done="电话回访，运行正常",
        rules=rules(session), zone=SH,
    )  # fmt: skip
    assert (visit.status, visit.engineer, visit.appointment_at) == ("done", "李工", at(9))


def test_overdue(session: Session, customer: str) -> None:
    """Due by 17:00: not overdue at 16:59, overdue at 17:01. Booked 10:00 with grace 15 min and
    no arrival: not overdue at 10:15, overdue at 10:16; once started never overdue."""
    grace = timedelta(minutes=15)
    callback = _due_callback(session, at(17))
    assert not records.is_overdue(callback, at(16, 59), grace)
    assert records.is_overdue(callback, at(17, 1), grace)
    booked = book(session, at(10))
    assert not records.is_overdue(booked, at(10, 15), grace)
    assert records.is_overdue(booked, at(10, 16), grace)
    lifecycle.start(session, stamp_at(at(10, 20)), booked.number, rules(session))
    assert not records.is_overdue(booked, at(18), grace)


def test_due_views_lists_due_and_late_bookings(session: Session, customer: str) -> None:
    """At 11:00 with grace 15 min: the callback due 17:00 (before the end of the day) is listed,
    not overdue; the 10:00 booking without arrival is listed, overdue; the 14:00 booking is not
    listed; a callback due tomorrow is listed only with a later horizon."""
    callback = _due_callback(session, at(17))
    tomorrow = _due_callback(session, at(17) + timedelta(days=1), key="test:2")
    late = book(session, at(10))
    book(session, at(14))
    end_of_day = at(24)
    views = list(due.due_views(session, now=at(11), until=end_of_day, grace=timedelta(minutes=15)))
    assert [(v["number"], v["overdue"]) for v in views] == [
        (late.number, True),
        (callback.number, False),
    ]
    views = list(
        due.due_views(
            session, now=at(11), until=end_of_day + timedelta(days=1), grace=timedelta(minutes=15)
        )
    )
    assert tomorrow.number in [v["number"] for v in views]


def test_list_by_engineer_includes_visits_where_he_helps(session: Session, customer: str) -> None:
    led = book(session, at(10), engineer="李工")
    helped = book(session, at(14), engineer="王工", helpers=["李工"])
    book(session, at(16), engineer="王工")
    views = list(records.iter_visit_views(session, engineer="李工"))
    assert [v["number"] for v in views] == [led.number, helped.number]
    assert views[1]["helpers"] == ["李工"]
