"""services/tickets: intake (number, warranty as of the fault date, deadlines), the state machine,
waiting, escalation, diagnosis and repeat detection (DOMAIN §1–§2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import DomainError, InvalidTransition, NotFound, ShouhouError, UsageError
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.feedback.surveys import close_ticket
from shouhou.services.tickets import intake, records
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A Shanghai wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def local(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(SH).strftime("%Y-%m-%d %H:%M")


def by(actor: str, text: str) -> Stamp:
    return Stamp(actor, at(text))


@pytest.fixture
def _tk_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _tk_parties(session: Session) -> dict[str, int]:
    """Two customers. ACME has S1 (in warranty until 2027-02-28) and S3 (accepted 2024-11-01,
    24 months → covered until 2026-10-31); S2 belongs to the remote customer."""
    stamp = by("clerk", "2024-11-01 09:00")
    acme = add_customer(session, stamp, name="ACME 天控", phone="022-1", contact="王工")
    other = add_customer(session, stamp, name="Other Co", zone="remote")
    from datetime import date

    s1 = add_device(
        session,
        stamp,
        customer_id=acme.id or 0,
        model="KS-200",
        serial="S1",
        accepted_on=date(2025, 3, 1),
        warranty_months=24,
        components=[("motor", 120)],
    )
    s3 = add_device(
        session,
        stamp,
        customer_id=acme.id or 0,
        model="KS-200",
        serial="S3",
        accepted_on=date(2024, 11, 1),
        warranty_months=24,
    )
    s2 = add_device(
        session,
        stamp,
        customer_id=other.id or 0,
        model="KS-100",
        serial="S2",
        accepted_on=date(2026, 1, 1),
    )
    return {
        "acme": acme.id or 0,
        "other": other.id or 0,
        "s1": s1.id or 0,
        "s2": s2.id or 0,
        "s3": s3.id or 0,
    }


OpenFn = Callable[..., intake.IntakeResult]


@pytest.fixture
def _tk_open(session: Session, _tk_rules: Rules, _tk_parties: dict[str, int]) -> OpenFn:
    def open_(
        when: str = "2026-11-23 09:30",
        *,
        severity: str = "3",
        customer: str = "acme",
        device: str | None = "s1",
        category: str | None = None,
        **extra: Any,
    ) -> intake.IntakeResult:
        return intake.open_ticket(
            session,
            by("clerk", when),
            customer_id=_tk_parties[customer],
            severity=severity,
            symptom="不制冷",
            received_at=at(when),
            rules=_tk_rules,
            device_id=_tk_parties[device] if device else None,
            category=category,
            **extra,
        )

    return open_


def refused(session: Session, error: type[ShouhouError], call: Callable[[], object]) -> str:
    """Run ``call`` in a savepoint, expect ``error``, return its English message.

    The CLI rolls back a failed command; the savepoint does the same here.
    """
    with pytest.raises(error) as info, session.begin_nested():
        call()
    return str(info.value)


def events(session: Session, ticket: Ticket) -> list[tuple[str, str | None]]:
    assert ticket.id is not None
    return [(e.kind, e.status) for e in records.events_of(session, ticket.id)]


# --- intake -------------------------------------------------------------------------------------


def test_intake_number_deadlines_and_log(session: Session, _tk_open: OpenFn) -> None:
    result = _tk_open("2026-11-23 09:30", severity="2")
    ticket = result.ticket
    assert ticket.number == "SH2611-0001"
    assert ticket.status == "new"
    assert ticket.received_by == "clerk"
    assert ticket.contact == "王工" and ticket.phone == "022-1"  # from the customer file
    # DOMAIN §2 major: 30 min / 12 h / 24 h of working time (08:30–17:30)
    assert local(result.reply_due) == "2026-11-23 10:00"
    assert local(result.onsite_due) == "2026-11-24 12:30"
    assert local(result.resolve_due) == "2026-11-25 15:30"
    assert local(ticket.reply_due_at) == "2026-11-23 10:00"
    assert local(ticket.resolve_due_at) == "2026-11-25 15:30"
    assert ticket.onsite_due_at is None  # no visit decided yet
    assert events(session, ticket) == [("status", "new")]
    assert _tk_open("2026-11-23 09:40").ticket.number == "SH2611-0002"
    assert _tk_open("2026-10-30 09:40").ticket.number == "SH2610-0001"  # paper form of October


def test_intake_warranty_as_of_fault_date(_tk_open: OpenFn) -> None:
    """S3 is covered until 2026-10-31: a fault of 10-30 entered today is still free."""
    before = _tk_open("2026-10-30 10:00", device="s3")
    assert before.ticket.in_warranty is True
    assert before.ticket.warranty_note == "in_warranty"
    assert before.verdict is not None and before.verdict.on.isoformat() == "2026-10-30"
    after = _tk_open("2026-11-02 10:00", device="s3")
    assert after.ticket.in_warranty is False
    assert after.ticket.warranty_note == "expired"
    nodevice = _tk_open(device=None)
    assert nodevice.ticket.in_warranty is None and nodevice.verdict is None


def test_intake_critical_runs_around_the_clock(_tk_open: OpenFn) -> None:
    result = _tk_open("2026-11-21 22:00", severity="1")  # Saturday night
    assert local(result.reply_due) == "2026-11-21 22:10"
    assert local(result.onsite_due) == "2026-11-22 00:00"
    assert local(result.resolve_due) == "2026-11-22 02:00"


def test_intake_remote_zone_onsite_budget(_tk_open: OpenFn) -> None:
    """DOMAIN §2: on site = the later of the severity's 12 working hours (Tue 12:30) and the
    zone's 48 clock hours of travel (other provinces: Wed 09:30), not after resolve (Wed 15:30)."""
    result = _tk_open("2026-11-23 09:30", severity="2", customer="other", device="s2")
    assert result.ticket.zone == "remote"
    assert local(result.onsite_due) == "2026-11-25 09:30"
    assert local(result.resolve_due) == "2026-11-25 15:30"


def test_intake_refusals(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    text = refused(session, DomainError, lambda: _tk_open(customer="acme", device="s2"))
    assert text == (
        "error: device S2 belongs to another customer than ACME 天控 — check --device / --customer"
    )
    assert refused(session, UsageError, lambda: _tk_open(severity="4")) == (
        "error: severity '4' is not allowed — accepted: 1|2|3"
    )
    text = refused(session, UsageError, lambda: _tk_open(channel="pigeon"))
    assert text.startswith("error: channel 'pigeon' is not allowed — accepted: phone|email")
    text = refused(
        session,
        UsageError,
        lambda: intake.open_ticket(
            session,
            by("clerk", "2026-11-23 09:00"),
            customer_id=1,
            severity="3",
            symptom="  ",
            received_at=at("2026-11-23 09:00"),
            rules=_tk_rules,
        ),
    )
    assert text == "error: symptom is required — give --symptom"
    _tk_open(external_number="P-001")
    assert refused(session, DomainError, lambda: _tk_open(external_number="P-001")) == (
        "error: paper form P-001 is already entered — see `shouhou ticket show P-001`"
    )
    text = refused(
        session,
        NotFound,
        lambda: intake.open_ticket(
            session,
            by("clerk", "2026-11-23 09:00"),
            customer_id=99,
            severity="3",
            symptom="x",
            received_at=at("2026-11-23 09:00"),
            rules=_tk_rules,
        ),
    )
    assert text == "error: no customer '99' — check `shouhou customer list`"


def test_get_ticket_by_number_id_external(session: Session, _tk_open: OpenFn) -> None:
    ticket = _tk_open(external_number="P-7").ticket
    assert records.get_ticket(session, "sh2611-0001") is ticket
    assert records.get_ticket(session, str(ticket.id)) is ticket
    assert records.get_ticket(session, "P-7") is ticket
    assert refused(session, NotFound, lambda: records.get_ticket(session, "SH2611-0099")) == (
        "error: no ticket 'SH2611-0099' — give a number like SH2611-0042 or an id"
    )


# --- state machine ------------------------------------------------------------------------------


def test_flow_new_to_closed(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    ticket = _tk_open("2026-11-23 09:30", severity="2").ticket
    n = ticket.number
    tickets.assign(session, by("clerk", "2026-11-23 09:35"), n, "王工", _tk_rules)
    assert (ticket.status, ticket.assignee) == ("assigned", "王工")
    tickets.assign(session, by("clerk", "2026-11-23 09:36"), n, "李工", _tk_rules)
    assert (ticket.status, ticket.assignee) == ("assigned", "李工")  # re-assigned
    tickets.respond(session, by("李工", "2026-11-23 09:50"), n, _tk_rules, "called back")
    assert ticket.status == "responded"
    assert local(ticket.replied_at) == "2026-11-23 09:50"
    tickets.set_mode(session, by("李工", "2026-11-23 09:55"), n, "onsite", _tk_rules)
    assert local(ticket.onsite_due_at) == "2026-11-24 12:30"  # on-site clock now applies
    tickets.arrive(session, by("李工", "2026-11-23 14:00"), n, _tk_rules)
    assert ticket.status == "in_progress"
    _, repeat = tickets.diagnose(
        session,
        by("李工", "2026-11-23 15:00"),
        n,
        cause="quality",
        finding="阀片断裂",
        rules=_tk_rules,
    )
    assert repeat is None
    assert (ticket.cause, ticket.chargeable) == ("quality", False)
    tickets.resolve(session, by("李工", "2026-11-23 16:00"), n, action="更换阀片", rules=_tk_rules)
    assert ticket.status == "resolved"
    close_ticket(session, by("clerk", "2026-11-24 10:00"), n, _tk_rules, quality=5, attitude=4)
    assert ticket.status == "closed"
    assert _ratings(session, ticket) == (5, 4)
    assert ticket.missed == ""
    assert events(session, ticket) == [
        ("status", "new"),
        ("status", "assigned"),
        ("status", "assigned"),
        ("status", "responded"),
        ("status", "responded"),
        ("status", "in_progress"),
        ("status", "in_progress"),
        ("status", "resolved"),
        ("status", "closed"),
    ]


def test_resolve_from_new_lists_allowed_next(session: Session, _tk_open: OpenFn) -> None:
    rules = load_rules(session, zone=SH)
    n = _tk_open().ticket.number
    text = refused(
        session,
        InvalidTransition,
        lambda: tickets.resolve(session, by("x", "2026-11-23 10:00"), n, action="a", rules=rules),
    )
    assert text == (
        "error: ticket SH2611-0001 is new and cannot become resolved — "
        "allowed next: assigned, responded, in progress, cancelled"
    )
    text = refused(
        session,
        InvalidTransition,
        lambda: tickets.close(session, by("x", "2026-11-23 10:00"), n, rules),
    )
    assert "cannot become closed" in text
    assert records.get_ticket(session, n).closed_at is None  # the savepoint undid it


def test_respond_after_diagnosis_stops_reply_clock(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    """Bug: an engineer diagnosed first (→ in progress); recording the reply afterwards was
    refused ("in_progress cannot become responded") and the reply clock could never stop."""
    ticket = _tk_open("2026-11-23 09:00").ticket
    n = ticket.number
    tickets.diagnose(
        session, by("王工", "2026-11-23 09:20"), n, cause="quality", finding="f", rules=_tk_rules
    )
    assert ticket.status == "in_progress"
    tickets.respond(session, by("王工", "2026-11-23 09:30"), n, _tk_rules, "told the customer")
    assert ticket.status == "in_progress"  # never moves backwards
    assert local(ticket.replied_at) == "2026-11-23 09:30"
    state = records.state_of(session, ticket, _tk_rules, at("2026-11-23 12:00"))
    assert state.milestones["reply"].met_at is not None
    assert state.overdue() == []


def test_times_before_intake_are_refused(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    """Bug: ``respond``/``wait``/``resolve --at`` before the ticket was received were accepted
    (a reply that happened before the call); ``arrive`` already refused it."""
    n = _tk_open("2026-11-23 09:00").ticket.number
    tickets.diagnose(
        session, by("王工", "2026-11-23 09:30"), n, cause="quality", finding="f", rules=_tk_rules
    )
    early = by("王工", "2026-11-23 08:00")
    expected = "error: at is before ticket SH2611-0001 was received — give a later --at"
    for call in (
        lambda: tickets.respond(session, early, n, _tk_rules, None),
        lambda: tickets.arrive(session, early, n, _tk_rules),
        lambda: tickets.wait(session, early, n, reason="parts", rules=_tk_rules),
        lambda: tickets.resolve(session, early, n, action="a", rules=_tk_rules),
    ):
        assert refused(session, UsageError, call) == expected


def test_resume_before_wait_is_refused(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    """Bug: ``resume --at`` earlier than the wait left the SLA paused for ever (the log then
    held resume→wait) while the ticket itself no longer said it was waiting."""
    ticket = _tk_open("2026-11-23 09:00").ticket
    n = ticket.number
    tickets.wait(session, by("王工", "2026-11-23 10:00"), n, reason="parts", rules=_tk_rules)
    text = refused(
        session,
        UsageError,
        lambda: tickets.resume(session, by("王工", "2026-11-23 09:30"), n, _tk_rules),
    )
    assert text == ("error: at is before ticket SH2611-0001 started waiting — give a later --at")
    tickets.resume(session, by("王工", "2026-11-23 11:00"), n, _tk_rules)
    state = records.state_of(session, ticket, _tk_rules, at("2026-11-23 12:00"))
    assert not state.paused


def test_assign_and_work_refused_on_closed_tickets(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    n = _tk_open().ticket.number
    stamp = by("clerk", "2026-11-23 10:00")
    assert refused(session, UsageError, lambda: tickets.assign(session, stamp, n, " ", _tk_rules))
    tickets.cancel(session, stamp, n, reason="误报", rules=_tk_rules)
    closed_text = (
        "error: ticket SH2611-0001 is cancelled — reopen it first (`shouhou ticket reopen`)"
    )
    for call in (
        lambda: tickets.assign(session, stamp, n, "王工", _tk_rules),
        lambda: tickets.respond(session, stamp, n, _tk_rules, None),
        lambda: tickets.set_mode(session, stamp, n, "onsite", _tk_rules),
        lambda: tickets.arrive(session, stamp, n, _tk_rules),
        lambda: tickets.diagnose(session, stamp, n, cause="quality", finding="f", rules=_tk_rules),
        lambda: tickets.wait(session, stamp, n, reason="r", rules=_tk_rules),
        lambda: tickets.escalate(session, stamp, n, to=None, rules=_tk_rules),
    ):
        assert refused(session, InvalidTransition, call) == closed_text
    text = refused(
        session,
        InvalidTransition,
        lambda: tickets.reopen(session, stamp, n, reason="r", rules=_tk_rules),
    )
    assert text == (
        "error: ticket SH2611-0001 is cancelled and cannot become reopened — allowed next: -"
    )
    text = refused(
        session,
        InvalidTransition,
        lambda: tickets.cancel(session, stamp, n, reason="again", rules=_tk_rules),
    )
    assert text == (
        "error: ticket SH2611-0001 is cancelled and cannot become cancelled — allowed next: -"
    )


def test_respond_and_arrive_only_once(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    n = _tk_open("2026-11-23 09:00").ticket.number
    tickets.respond(session, by("a", "2026-11-23 09:10"), n, _tk_rules, None)
    assert refused(
        session,
        InvalidTransition,
        lambda: tickets.respond(session, by("a", "2026-11-23 09:20"), n, _tk_rules, None),
    ) == (
        "error: ticket SH2611-0001: 'respond' is already recorded — "
        "see `shouhou ticket show SH2611-0001`"
    )
    tickets.arrive(session, by("a", "2026-11-23 11:00"), n, _tk_rules)
    text = refused(
        session,
        InvalidTransition,
        lambda: tickets.arrive(session, by("a", "2026-11-23 12:00"), n, _tk_rules),
    )
    assert "'arrive' is already recorded" in text


def test_arrive_counts_as_reply_and_sets_mode(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    ticket = _tk_open("2026-11-23 09:00", severity="1").ticket
    tickets.arrive(session, by("王工", "2026-11-23 10:30"), ticket.number, _tk_rules)
    assert ticket.mode == "onsite"
    assert local(ticket.replied_at) == "2026-11-23 10:30"
    assert ticket.status == "in_progress"
    # critical reply budget is 10 minutes: replying by arriving at 10:30 missed it
    assert ticket.missed == "reply"


def test_resolved_ticket_refuses_arrive_diagnose_wait(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    n = _tk_open("2026-11-23 09:00").ticket.number
    s = by("王工", "2026-11-23 10:00")
    tickets.diagnose(session, s, n, cause="quality", finding="f", rules=_tk_rules)
    tickets.resolve(session, s, n, action="fixed", rules=_tk_rules)
    resolved = (
        "error: ticket SH2611-0001 is resolved and cannot become in progress — "
        "allowed next: closed, in progress"
    )
    assert (
        refused(session, InvalidTransition, lambda: tickets.arrive(session, s, n, _tk_rules))
        == resolved
    )
    assert (
        refused(
            session,
            InvalidTransition,
            lambda: tickets.diagnose(session, s, n, cause="wear", finding="f", rules=_tk_rules),
        )
        == resolved
    )
    assert refused(
        session,
        InvalidTransition,
        lambda: tickets.wait(session, s, n, reason="r", rules=_tk_rules),
    ) == ("error: ticket SH2611-0001 is resolved — reopen it first (`shouhou ticket reopen`)")


def test_diagnose_validation_and_chargeable(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    s = by("王工", "2026-11-23 10:00")
    n = _tk_open("2026-11-23 09:00").ticket.number
    assert refused(
        session,
        UsageError,
        lambda: tickets.diagnose(session, s, n, cause="gremlins", finding="f", rules=_tk_rules),
    ).startswith("error: cause 'gremlins' is not allowed — accepted: design|quality|")
    assert refused(
        session,
        UsageError,
        lambda: tickets.diagnose(session, s, n, cause="quality", finding=" ", rules=_tk_rules),
    ) == ("error: finding is required — give --finding")
    # DOMAIN §1: in warranty free unless excluded; out of warranty always paid
    assert tickets.chargeable(True, "quality") is False
    assert tickets.chargeable(True, "misuse") is True
    assert tickets.chargeable(True, "force-majeure") is True
    assert tickets.chargeable(False, "quality") is True
    assert tickets.chargeable(None, "design") is True


def test_close_ratings_validated(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    n = _tk_open("2026-11-23 09:00").ticket.number
    s = by("王工", "2026-11-23 10:00")
    tickets.diagnose(session, s, n, cause="quality", finding="f", rules=_tk_rules)
    tickets.resolve(session, s, n, action="fixed", rules=_tk_rules)
    assert refused(
        session, UsageError, lambda: close_ticket(session, s, n, _tk_rules, quality=6)
    ) == ("error: quality '6' is not allowed — accepted: 1-5")


def test_reopen_keeps_a_miss(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    """DOMAIN §2: reopened when the callback finds the problem back; a miss stays a miss."""
    ticket = _tk_open("2026-11-23 09:00", severity="1").ticket
    n = ticket.number
    tickets.respond(session, by("王工", "2026-11-23 09:05"), n, _tk_rules, None)
    tickets.resolve(session, by("王工", "2026-11-23 15:00"), n, action="a", rules=_tk_rules)
    assert ticket.missed == "resolve"  # 4 h budget, took 6 h
    tickets.close(session, by("clerk", "2026-11-24 09:00"), n, _tk_rules)
    tickets.reopen(session, by("clerk", "2026-11-25 09:00"), n, reason="复现", rules=_tk_rules)
    assert (ticket.status, ticket.resolved_at, ticket.closed_at) == ("in_progress", None, None)
    assert ticket.missed == "resolve"
    tickets.resolve(session, by("王工", "2026-11-25 10:00"), n, action="b", rules=_tk_rules)
    assert ticket.missed == "resolve"
    assert refused(
        session,
        InvalidTransition,
        lambda: tickets.reopen(
            session,
            by("x", "2026-11-25 11:00"),
            _tk_open().ticket.number,
            reason="r",
            rules=_tk_rules,
        ),
    ).startswith("error: ticket SH2611-0002 is new and cannot become reopened")
    assert (
        refused(
            session,
            UsageError,
            lambda: tickets.reopen(
                session, by("x", "2026-11-25 11:00"), n, reason="", rules=_tk_rules
            ),
        )
        == "error: reason is required — give --reason"
    )


def test_wait_and_resume_rules(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    ticket = _tk_open("2026-11-23 09:00").ticket
    n = ticket.number
    s = by("王工", "2026-11-23 10:00")
    assert (
        refused(session, InvalidTransition, lambda: tickets.resume(session, s, n, _tk_rules))
        == "error: ticket SH2611-0001 is not waiting — nothing to resume"
    )
    tickets.wait(session, s, n, reason="等待配件", rules=_tk_rules)
    assert (ticket.wait_reason, local(ticket.waiting_since)) == ("等待配件", "2026-11-23 10:00")
    assert "'wait' is already recorded" in refused(
        session,
        InvalidTransition,
        lambda: tickets.wait(session, s, n, reason="again", rules=_tk_rules),
    )
    tickets.resume(session, by("王工", "2026-11-23 11:00"), n, _tk_rules)
    assert ticket.waiting_since is None and ticket.wait_reason is None
    assert [k for k, _ in events(session, ticket)] == ["status", "wait", "resume"]


def test_pauses_on_working_time_add_exactly_the_paused_time(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    ticket = _tk_open("2026-11-23 09:00").ticket  # minor: resolve 3 working days
    n = ticket.number
    assert local(ticket.resolve_due_at) == "2026-11-26 09:00"
    tickets.wait(session, by("王工", "2026-11-23 10:00"), n, reason="a", rules=_tk_rules)
    tickets.resume(session, by("王工", "2026-11-23 11:30"), n, _tk_rules)
    assert local(ticket.resolve_due_at) == "2026-11-26 10:30"
    tickets.wait(session, by("王工", "2026-11-24 16:30"), n, reason="b", rules=_tk_rules)
    tickets.resume(session, by("王工", "2026-11-25 09:30"), n, _tk_rules)  # 1 h + 1 h
    assert local(ticket.resolve_due_at) == "2026-11-26 12:30"


def test_pause_over_weekend_adds_nothing(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    ticket = _tk_open("2026-11-20 09:00").ticket  # Friday
    assert local(ticket.resolve_due_at) == "2026-11-25 09:00"
    tickets.wait(
        session, by("王工", "2026-11-21 09:00"), ticket.number, reason="a", rules=_tk_rules
    )
    tickets.resume(session, by("王工", "2026-11-22 18:00"), ticket.number, _tk_rules)
    assert local(ticket.resolve_due_at) == "2026-11-25 09:00"


def test_miss_before_pause_stays_missed(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    ticket = _tk_open("2026-11-23 09:00").ticket  # reply due 10:00
    n = ticket.number
    tickets.wait(session, by("王工", "2026-11-23 11:00"), n, reason="a", rules=_tk_rules)
    assert ticket.missed == "reply"
    tickets.resume(session, by("王工", "2026-11-23 15:00"), n, _tk_rules)
    assert local(ticket.reply_due_at) == "2026-11-23 10:00"  # not pushed back
    tickets.respond(session, by("王工", "2026-11-23 15:10"), n, _tk_rules, None)
    assert ticket.missed == "reply"


def test_escalation_levels(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    ticket = _tk_open().ticket
    n = ticket.number
    s = by("clerk", "2026-11-23 10:00")
    tickets.escalate(session, s, n, to=None, rules=_tk_rules)
    assert (ticket.escalation_level, ticket.escalated_to) == (1, "supervisor")
    tickets.escalate(session, s, n, to="李经理", rules=_tk_rules)
    assert (ticket.escalation_level, ticket.escalated_to) == (2, "李经理")
    assert (
        refused(
            session,
            InvalidTransition,
            lambda: tickets.escalate(session, s, n, to=None, rules=_tk_rules),
        )
        == "error: ticket SH2611-0001 is already escalated to the manager — the highest level"
    )
    assert [k for k, _ in events(session, ticket)] == ["status", "escalate", "escalate"]


# --- repeats ------------------------------------------------------------------------------------


def _repair(session: Session, rules: Rules, number: str, when: str, cause: str = "quality") -> None:
    """Diagnose and resolve ``number`` at ``when`` (Shanghai)."""
    s = by("王工", when)
    tickets.diagnose(session, s, number, cause=cause, finding="f", rules=rules)
    tickets.resolve(session, s, number, action="fixed", rules=rules)


def test_repeat_detection_and_three_strikes(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    """DOMAIN §1: earlier *repairs* (resolved) of the same category count; the 3rd warns, the
    4th report makes replacement due; a repeat is within 90 local days of the last repair."""
    first = _tk_open("2026-06-01 10:00", category="cooling")
    assert first.repeat is None
    _repair(session, _tk_rules, first.ticket.number, "2026-06-02 10:00")
    other_category = _tk_open("2026-08-01 10:00", category="noise")
    assert other_category.repeat is None
    second = _tk_open("2026-08-20 10:00", category="cooling")  # 79 days after 06-02
    assert second.repeat is not None
    assert (second.repeat.previous_number, second.repeat.repair_count) == ("SH2606-0001", 2)
    assert second.repeat.days_since == 79
    assert second.repeat.within_window and not second.repeat.replacement_warning
    assert second.ticket.repeat_of_id == first.ticket.id
    _repair(session, _tk_rules, second.ticket.number, "2026-08-21 10:00")
    third = _tk_open("2026-11-20 10:00", category="cooling")  # 91 days after 08-21
    assert third.repeat is not None
    assert (third.repeat.previous_number, third.repeat.repair_count) == ("SH2608-0002", 3)
    assert not third.repeat.within_window and third.ticket.repeat_of_id is None
    assert third.repeat.replacement_warning and not third.repeat.replacement_due
    assert third.ticket.repair_count == 3
    _repair(session, _tk_rules, third.ticket.number, "2026-11-20 15:00")
    fourth = _tk_open("2026-11-21 10:00", category="cooling")
    assert fourth.repeat is not None and fourth.repeat.replacement_due
    assert fourth.ticket.repair_count == 4


def test_repeat_window_and_cancelled(session: Session, _tk_open: OpenFn, _tk_rules: Rules) -> None:
    """A cancelled ticket is no repair: it is neither the previous repair nor counted."""
    old = _tk_open("2026-01-05 10:00", category="cooling")
    _repair(session, _tk_rules, old.ticket.number, "2026-01-05 15:00")
    late = _tk_open("2026-11-20 10:00", category="cooling")  # 319 days after
    assert late.repeat is not None and not late.repeat.within_window
    assert late.ticket.repeat_of_id is None and late.ticket.repair_count == 2
    tickets.diagnose(
        session,
        by("王工", "2026-11-20 10:30"),
        late.ticket.number,
        cause="quality",
        finding="f",
        rules=_tk_rules,
    )
    tickets.cancel(
        session, by("c", "2026-11-20 11:00"), late.ticket.number, reason="误报", rules=_tk_rules
    )
    again = _tk_open("2026-11-21 10:00", category="cooling")
    assert again.repeat is not None
    assert again.repeat.previous_number == old.ticket.number  # the cancelled one does not count
    assert again.repeat.repair_count == 2


def test_diagnose_with_category_detects_repeat(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    first = _tk_open("2026-11-02 10:00", category="cooling").ticket
    _repair(session, _tk_rules, first.number, "2026-11-03 10:00")
    second = _tk_open("2026-11-20 10:00").ticket  # category unknown at intake
    assert second.repeat_of_id is None
    _, repeat = tickets.diagnose(
        session,
        by("王工", "2026-11-20 12:00"),
        second.number,
        cause="quality",
        finding="f",
        rules=_tk_rules,
        category="cooling",
    )
    assert repeat is not None and repeat.previous_number == first.number
    assert second.repeat_of_id == first.id and second.category == "cooling"


def test_closing_or_resolving_twice_is_refused(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    """Bug: ``close`` on a closed ticket (and ``resolve`` on a resolved one, ``cancel`` on a
    cancelled one) succeeded and overwrote closed_at/resolved_at, moving the SLA met time."""
    ticket = _tk_open("2026-11-23 09:00").ticket
    n = ticket.number
    s = by("王工", "2026-11-23 10:00")
    tickets.diagnose(session, s, n, cause="quality", finding="f", rules=_tk_rules)
    tickets.resolve(session, s, n, action="fixed", rules=_tk_rules)
    later = by("王工", "2026-11-24 10:00")
    assert refused(
        session,
        InvalidTransition,
        lambda: tickets.resolve(session, later, n, action="again", rules=_tk_rules),
    ) == (
        "error: ticket SH2611-0001 is resolved and cannot become resolved — "
        "allowed next: closed, in progress"
    )
    close_ticket(session, s, n, _tk_rules, quality=5)
    assert refused(
        session,
        InvalidTransition,
        lambda: close_ticket(session, later, n, _tk_rules, quality=1),
    ) == (
        "error: ticket SH2611-0001 is already closed — to work on it again: "
        "`shouhou ticket reopen SH2611-0001 --reason TEXT`"
    )
    ticket = records.get_ticket(session, n)
    assert local(ticket.closed_at) == "2026-11-23 10:00"
    assert local(ticket.resolved_at) == "2026-11-23 10:00"
    assert _ratings(session, ticket)[0] == 5


def test_finishing_a_waiting_ticket_ends_the_wait(
    session: Session, _tk_open: OpenFn, _tk_rules: Rules
) -> None:
    """Bug (found by test_state_machine): a ticket cancelled or resolved while waiting stayed
    "waiting" for good — listed by ``ticket list --waiting`` and open to ``resume`` although
    cancelled."""
    cancelled = _tk_open("2026-11-23 09:00").ticket
    tickets.wait(
        session, by("王工", "2026-11-23 09:30"), cancelled.number, reason="等客户", rules=_tk_rules
    )
    tickets.cancel(
        session, by("clerk", "2026-11-23 10:00"), cancelled.number, reason="误报", rules=_tk_rules
    )
    assert cancelled.waiting_since is None and cancelled.wait_reason is None
    assert events(session, cancelled) == [
        ("status", "new"),
        ("wait", None),
        ("resume", None),
        ("status", "cancelled"),
    ]
    assert (
        refused(
            session,
            InvalidTransition,
            lambda: tickets.resume(
                session, by("王工", "2026-11-23 11:00"), cancelled.number, _tk_rules
            ),
        )
        == "error: ticket SH2611-0001 is not waiting — nothing to resume"
    )
    fixed = _tk_open("2026-11-23 09:00").ticket
    n = fixed.number
    tickets.diagnose(
        session, by("王工", "2026-11-23 09:10"), n, cause="quality", finding="f", rules=_tk_rules
    )
    tickets.wait(session, by("王工", "2026-11-23 09:30"), n, reason="等配件", rules=_tk_rules)
    tickets.resolve(session, by("王工", "2026-11-23 14:30"), n, action="a", rules=_tk_rules)
    assert fixed.waiting_since is None
    state = records.state_of(session, fixed, _tk_rules, at("2026-11-30 10:00"))
    assert not state.paused
    # the 5 h of waiting count as a pause: resolve due moved from 11-26 09:00 to 14:00
    assert local(fixed.resolve_due_at) == "2026-11-26 14:00"


def _ratings(session: Session, ticket: Ticket) -> tuple[int | None, int | None]:
    """(quality, attitude) of the ticket's survey — ``ticket close`` scores become a survey."""
    from sqlmodel import select

    from shouhou.models import Survey

    survey = session.exec(select(Survey).where(Survey.ticket_id == ticket.id)).one()
    return survey.quality, survey.attitude
