"""Issue 9: the SLA state stored on the ticket row equals the state computed from the log, after
every kind of event and after any sequence of them; lists built from it (SQL filter, order,
limit; views from the stored deadlines) equal the views computed from the log; and the spare
unit prompt (DOMAIN §2: a critical ticket not resolved within its 4 h)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings

from shouhou import db
from shouhou.models import Device, Ticket
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import intake, records, returns
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.queries import OPEN_STATES, detail, list_views, overdue_views
from shouhou.services.tickets.sla import (
    FINISHED_STATES,
    Rules,
    StoredSla,
    load_rules,
    minutes_late,
    pauses_from,
    sla_of,
    stored_sla,
)
from tests.services.test_state_machine import _run, steps_strategy

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def by(actor: str, text: str) -> Stamp:
    return Stamp(actor, at(text))


def stored_of(ticket: Ticket) -> StoredSla:
    return StoredSla(
        reply_due_at=ticket.reply_due_at,
        onsite_due_at=ticket.onsite_due_at,
        resolve_due_at=ticket.resolve_due_at,
        next_due_at=ticket.next_due_at,
        reply_late_min=ticket.reply_late_min,
        onsite_late_min=ticket.onsite_late_min,
        resolve_late_min=ticket.resolve_late_min,
    )


def computed(session: Session, ticket: Ticket, rules: Rules, now: datetime) -> StoredSla:
    """What the row should hold, from the log, as of ``now``."""
    assert ticket.id is not None
    pauses = pauses_from(records.events_of(session, ticket.id))
    return stored_sla(ticket, sla_of(ticket, pauses, rules, now), pauses)


MOVING = ("reply_due_at", "onsite_due_at", "resolve_due_at")


def same_moments(a: StoredSla, b: StoredSla, *, waiting: bool = False) -> bool:
    """Equal field by field (aware datetimes as instants). A waiting ticket's deadlines move
    with the clock: those are compared only as of the event that stored them."""
    fields = [f for f in StoredSla.__dataclass_fields__ if not (waiting and f in MOVING)]
    return all(getattr(a, f) == getattr(b, f) for f in fields)


def check(session: Session, number: str, rules: Rules, now: datetime) -> Ticket:
    """The stored state equals the computed one; the list view equals the detail view."""
    session.flush()
    ticket = records.get_ticket(session, number)
    session.refresh(ticket)
    expected = computed(session, ticket, rules, now)
    assert same_moments(stored_of(ticket), expected, waiting=ticket.waiting_since is not None)
    listed = [
        v
        for v in list_views(session, rules, now, statuses=[], sort="number")
        if v["number"] == number
    ]
    shown = detail(session, number, rules, now)
    assert listed and listed[0] == {k: shown[k] for k in listed[0]}
    return ticket


@pytest.fixture
def _sla_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _sla_device(session: Session) -> Device:
    stamp = by("clerk", "2026-01-01 09:00")
    customer = add_customer(session, stamp, name="ACME")
    assert customer.id is not None
    return add_device(
        session,
        stamp,
        customer_id=customer.id,
        model="M",
        serial="S1",
        accepted_on=date(2026, 1, 1),
    )


def new(session: Session, device: Device, rules: Rules, when: str, severity: str) -> str:
    return intake.open_ticket(
        session,
        by("clerk", when),
        customer_id=device.customer_id,
        severity=severity,
        symptom="x",
        received_at=at(when),
        rules=rules,
        device_id=device.id,
    ).ticket.number


# --- each kind of event -------------------------------------------------------------------------


def test_intake_stores_the_first_deadline(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """Major received Mon 09:00: reply due 09:30 (working time), nothing met, nothing late."""
    n = new(session, _sla_device, _sla_rules, "2026-11-23 09:00", "2")
    ticket = check(session, n, _sla_rules, at("2026-11-23 09:00"))
    assert ticket.next_due_at == at("2026-11-23 09:30")
    assert (ticket.reply_late_min, ticket.onsite_late_min, ticket.resolve_late_min) == (
        None,
        None,
        None,
    )


def test_assign_respond_arrive_store_lateness_of_met_milestones(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """Critical received 09:00 (24×7): reply due 09:10, replied 09:25 → 15 min late; on-site
    due 11:00 (the local zone's 2 h), arrived 10:40 → on time; resolve due 13:00 pends."""
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    tickets.assign(session, by("clerk", "2026-11-23 09:02"), n, "王工", r)
    assert check(session, n, r, at("2026-11-23 09:02")).next_due_at == at("2026-11-23 09:10")
    tickets.respond(session, by("王工", "2026-11-23 09:25"), n, r, None)
    ticket = check(session, n, r, at("2026-11-23 09:25"))
    assert (ticket.reply_late_min, ticket.next_due_at) == (15, at("2026-11-23 13:00"))
    tickets.set_mode(session, by("王工", "2026-11-23 09:30"), n, "onsite", r)
    ticket = check(session, n, r, at("2026-11-23 09:30"))
    assert ticket.next_due_at == at("2026-11-23 11:00")
    tickets.arrive(session, by("王工", "2026-11-23 10:40"), n, r)
    ticket = check(session, n, r, at("2026-11-23 10:40"))
    assert (ticket.onsite_late_min, ticket.next_due_at) == (0, at("2026-11-23 13:00"))
    assert ticket.missed == "reply"


def test_wait_and_resume(session: Session, _sla_device: Device, _sla_rules: Rules) -> None:
    """Critical received 09:00; waits 09:05–10:05 before the reply was due (09:10): no next
    deadline while waiting, then reply due 10:10 (pushed back by the hour). A second wait at
    10:30, after the reply deadline passed, cannot un-miss it: next_due stays 10:10."""
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    tickets.wait(session, by("王工", "2026-11-23 09:05"), n, reason="客户不在", rules=r)
    assert check(session, n, r, at("2026-11-23 09:05")).next_due_at is None
    tickets.resume(session, by("王工", "2026-11-23 10:05"), n, r)
    ticket = check(session, n, r, at("2026-11-23 10:05"))
    assert ticket.next_due_at == at("2026-11-23 10:10")
    tickets.wait(session, by("王工", "2026-11-23 10:30"), n, reason="等配件", rules=r)
    ticket = check(session, n, r, at("2026-11-23 10:30"))
    assert ticket.next_due_at == at("2026-11-23 10:10")
    later = at("2026-11-23 12:00")
    assert [v["number"] for v in overdue_views(session, r, later)] == [n]
    assert check(session, n, r, later).next_due_at == at("2026-11-23 10:10")


def test_resolve_reopen_and_close(session: Session, _sla_device: Device, _sla_rules: Rules) -> None:
    """Critical received 09:00, resolved 13:30 (due 13:00) → 30 min late, no next deadline;
    reopened: resolve pends again, the miss stays recorded; resolved again and closed."""
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    tickets.respond(session, by("王工", "2026-11-23 09:05"), n, r, None)
    tickets.diagnose(
        session, by("王工", "2026-11-23 09:30"), n, cause="quality", finding="f", rules=r
    )
    tickets.resolve(session, by("王工", "2026-11-23 13:30"), n, action="a", rules=r)
    ticket = check(session, n, r, at("2026-11-23 13:30"))
    assert (ticket.reply_late_min, ticket.resolve_late_min, ticket.next_due_at) == (0, 30, None)
    tickets.reopen(session, by("clerk", "2026-11-23 15:00"), n, reason="again", rules=r)
    ticket = check(session, n, r, at("2026-11-23 15:00"))
    assert (ticket.resolve_late_min, ticket.next_due_at) == (None, at("2026-11-23 13:00"))
    assert ticket.missed == "resolve"
    tickets.resolve(session, by("王工", "2026-11-23 16:00"), n, action="b", rules=r)
    tickets.close(session, by("clerk", "2026-11-24 09:00"), n, r)
    ticket = check(session, n, r, at("2026-11-24 09:00"))
    assert (ticket.resolve_late_min, ticket.next_due_at, ticket.status) == (180, None, "closed")


def test_cancel_freezes_lateness(session: Session, _sla_device: Device, _sla_rules: Rules) -> None:
    """Major received 09:00 (reply due 09:30), cancelled 09:50 unanswered: reply 20 min late,
    resolve (due the next working day) 0 — it was not late when the clocks stopped."""
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "2")
    tickets.cancel(session, by("clerk", "2026-11-23 09:50"), n, reason="误报", rules=r)
    ticket = check(session, n, r, at("2026-11-30 09:00"))
    assert (ticket.reply_late_min, ticket.resolve_late_min, ticket.next_due_at) == (20, 0, None)


def test_escalate_keeps_deadlines_and_raises_urgency(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "3")
    before = list_views(session, r, at("2026-11-23 09:10"), statuses=OPEN_STATES)[0]
    tickets.escalate(session, by("clerk", "2026-11-23 09:10"), n, to=None, rules=r)
    check(session, n, r, at("2026-11-23 09:10"))
    after = list_views(session, r, at("2026-11-23 09:10"), statuses=OPEN_STATES)[0]
    assert after["urgency"] == before["urgency"] + 60


def test_restate_after_a_rule_change(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """``config set sla.2.reply 1h`` moves an open major ticket's reply deadline 09:30 → 10:00;
    a finished ticket keeps the verdict of its time."""
    from shouhou.services import config

    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "2")
    done = new(session, _sla_device, r, "2026-11-23 08:40", "2")
    tickets.cancel(session, by("clerk", "2026-11-23 09:20"), done, reason="误报", rules=r)
    config.set_value(session, by("admin", "2026-11-23 09:05"), "sla.2.reply", "1h")
    changed = load_rules(session, zone=SH)
    assert records.restate(session, changed, at("2026-11-23 09:05")) == 1
    ticket = check(session, n, changed, at("2026-11-23 09:05"))
    assert ticket.next_due_at == at("2026-11-23 10:00")
    assert records.get_ticket(session, done).reply_due_at == at("2026-11-23 09:10")


def test_minutes_late_round_up() -> None:
    assert minutes_late(timedelta(0)) == 0
    assert minutes_late(timedelta(seconds=-5)) == 0
    assert minutes_late(timedelta(seconds=1)) == 1
    assert minutes_late(timedelta(minutes=30)) == 30
    assert minutes_late(timedelta(minutes=30, seconds=1)) == 31


# --- urgency in SQL equals urgency in Python ----------------------------------------------------


def test_sql_order_and_limit_match_the_python_score(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """30 tickets of every severity and age, some answered, some waiting, some escalated: the
    SQL score equals each view's score, and ``--limit N`` is the first N of the full list."""
    from sqlmodel import select

    from shouhou.services.tickets.ranking import urgency_score

    r = _sla_rules
    start = at("2026-11-02 08:00")
    numbers = []
    for i in range(30):
        when = start + timedelta(hours=17 * i, minutes=7 * i)
        n = intake.open_ticket(
            session,
            Stamp("clerk", when),
            customer_id=_sla_device.customer_id,
            severity="123"[i % 3],
            symptom="x",
            received_at=when,
            rules=r,
        ).ticket.number
        numbers.append(n)
        if i % 4 == 1:
            tickets.respond(session, Stamp("王工", when + timedelta(minutes=20)), n, r, None)
        if i % 5 == 2:
            tickets.wait(  # after the reply when there is one: events happen in order
                session, Stamp("王工", when + timedelta(minutes=23)), n, reason="r", rules=r
            )
        if i % 7 == 3:
            tickets.escalate(
                session, Stamp("clerk", when + timedelta(minutes=45)), n, to=None, rules=r
            )
    session.flush()
    for now in (at("2026-11-23 10:00"), at("2026-11-23 10:06:30"), at("2026-12-31 18:00")):
        full = list_views(session, r, now, statuses=OPEN_STATES)
        rows = session.exec(select(Ticket.number, urgency_score(now, r)))  # type: ignore[call-overload]
        scores = dict(rows.all())
        assert {v["number"]: v["urgency"] for v in full} == scores
        assert [v["urgency"] for v in full] == sorted((v["urgency"] for v in full), reverse=True)
        for limit in (1, 7, 12):
            page = list_views(session, r, now, statuses=OPEN_STATES, limit=limit)
            assert [v["number"] for v in page] == [v["number"] for v in full[:limit]]


# --- any sequence of events ---------------------------------------------------------------------


@pytest.fixture
def _sla_device_id(db_url: str) -> int:
    stamp = Stamp("clerk", at("2026-01-01 09:00"))
    with db.session(db_url, write=True) as s:
        customer = add_customer(s, stamp, name="ACME")
        assert customer.id is not None
        device = add_device(
            s, stamp, customer_id=customer.id, model="M", serial="S1", accepted_on=date(2026, 1, 1)
        )
        assert device.id is not None
        return device.id


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(steps=steps_strategy)
@example(steps=[("wait", 0, 1), ("resume", 0, 200), ("respond", 0, 1), ("wait", 0, 1)])
@example(steps=[("mode", 2, 1), ("resolve", 0, 1), ("reopen", 0, 600), ("cancel", 0, 1)])
@example(steps=[("loan", 0, 300), ("loan_return", 0, 1), ("escalate", 0, 1), ("close", 0, 1)])
def test_stored_state_matches_the_log_after_any_sequence(
    db_url: str, _sla_device_id: int, steps: list[Any]
) -> None:
    """After every command (its own transaction, as on the command line): stored state =
    computed state; the ticket is in ``ticket list --overdue`` / ``ticket overdue`` exactly
    when its computed view says so; the list view equals the ``ticket show`` view; the SQL
    urgency equals the Python one."""
    from sqlmodel import select

    from shouhou.services.tickets.ranking import urgency_score

    start = at("2026-11-23 09:00")
    with db.session(db_url, write=True) as s:
        rules = load_rules(s, zone=SH)
        device = s.get(Device, _sla_device_id)
        assert device is not None
        number = intake.open_ticket(
            s,
            Stamp("clerk", start),
            customer_id=device.customer_id,
            severity="1",
            symptom="x",
            received_at=start,
            rules=rules,
            device_id=_sla_device_id,
        ).ticket.number
    moment = start

    def mine(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [v for v in views if v["number"] == number]  # earlier examples' tickets stay

    for command, choice, minutes in steps:
        moment += timedelta(minutes=minutes)
        try:
            with db.session(db_url, write=True) as s:
                _run(command, choice)(
                    s, Stamp("王工", moment), number, load_rules(s, zone=SH), None
                )
        except Exception as exc:  # noqa: BLE001 - refused commands change nothing
            assert exc.__class__.__module__ == "shouhou.errors", exc
        with db.session(db_url) as s:
            rules = load_rules(s, zone=SH)
            ticket = records.get_ticket(s, number)
            where = f"{command} → {ticket.status}"
            expected = computed(s, ticket, rules, moment)
            waiting = ticket.waiting_since is not None
            assert same_moments(stored_of(ticket), expected, waiting=waiting), where
            for now in (moment, moment + timedelta(hours=5)):
                shown = detail(s, number, rules, now)
                listed = mine(list_views(s, rules, now, statuses=[]))
                assert listed == [{k: shown[k] for k in listed[0]}], where
                late = mine(list_views(s, rules, now, statuses=[], overdue=True))
                assert bool(late) == bool(shown["overdue"]), where
                late_now = ticket.status not in FINISHED_STATES and any(
                    m["met_at"] is None and (m["minutes_left"] or 0) < 0
                    for m in shown["milestones"]
                )
                assert bool(mine(overdue_views(s, rules, now))) == late_now, where
                score = s.exec(
                    select(urgency_score(now, rules)).where(Ticket.number == number)  # type: ignore[call-overload]
                ).one()
                assert score == shown["urgency"], where


# --- the spare unit 备用机 ------------------------------------------------------------------------


def test_critical_not_resolved_within_4h_prompts_a_spare_unit(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """DOMAIN §2: "a critical ticket not resolved within its 4 h prompts a spare unit".

    Critical received 09:00 → resolve due 13:00 on the 24×7 clock. At 12:59 no prompt; at
    13:01, unresolved and nothing lent: prompt (in ``show``, ``list`` and ``overdue``)."""
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    tickets.respond(session, by("王工", "2026-11-23 09:05"), n, r, None)
    assert detail(session, n, r, at("2026-11-23 12:59"))["spare_unit_due"] is False
    late = at("2026-11-23 13:01")
    assert detail(session, n, r, late)["spare_unit_due"] is True
    assert list_views(session, r, late, statuses=OPEN_STATES)[0]["spare_unit_due"] is True
    assert overdue_views(session, r, late)[0]["spare_unit_due"] is True


def test_no_spare_unit_prompt_once_a_loan_is_open(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """Critical received 09:00, resolve due 13:00; a spare unit lent at 12:00 is still out at
    13:01: no prompt. When it comes back unresolved, the prompt is back."""
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    returns.lend(session, by("王工", "2026-11-23 12:00"), n, unit_serial="SPARE-1")
    late = at("2026-11-23 13:01")
    assert detail(session, n, r, late)["spare_unit_due"] is False
    assert list_views(session, r, late, statuses=OPEN_STATES)[0]["spare_unit_due"] is False
    assert overdue_views(session, r, late)[0]["spare_unit_due"] is False
    returns.take_back(session, by("王工", "2026-11-23 13:00"), n)
    assert detail(session, n, r, late)["spare_unit_due"] is True


def test_no_spare_unit_prompt_once_resolved_or_not_critical(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """A critical ticket resolved at 13:30 (late) prompts nothing afterwards; a major ticket
    past its resolve deadline (24 working hours) prompts nothing: the rule is the critical 4 h."""
    r = _sla_rules
    n = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    tickets.diagnose(
        session, by("王工", "2026-11-23 09:30"), n, cause="quality", finding="f", rules=r
    )
    tickets.resolve(session, by("王工", "2026-11-23 13:30"), n, action="a", rules=r)
    assert detail(session, n, r, at("2026-11-23 14:00"))["spare_unit_due"] is False
    major = new(session, _sla_device, r, "2026-11-23 09:00", "2")
    assert detail(session, major, r, at("2026-12-10 09:00"))["spare_unit_due"] is False


def test_waiting_critical_ticket_prompts_only_if_4h_passed_before_the_wait(
    session: Session, _sla_device: Device, _sla_rules: Rules
) -> None:
    """Critical received 09:00 waiting from 12:00: the 4 h stop at 3 h used, so at 18:00 no
    prompt; another received 09:00 that starts waiting at 14:00 (after 13:00) prompts."""
    r = _sla_rules
    paused = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    tickets.wait(session, by("王工", "2026-11-23 12:00"), paused, reason="客户", rules=r)
    late = new(session, _sla_device, r, "2026-11-23 09:00", "1")
    tickets.wait(session, by("王工", "2026-11-23 14:00"), late, reason="客户", rules=r)
    views = {v["number"]: v for v in list_views(session, r, at("2026-11-23 18:00"), statuses=[])}
    assert (views[paused]["spare_unit_due"], views[late]["spare_unit_due"]) == (False, True)
