"""Complaints 投诉 (issue 13 items 1–2, DOMAIN §5): receipt, the answer (24 h, clock time) and
handling-opinion (2 working days, working calendar) deadlines, the state machine, closing with
or without the customer's confirmation, reopening, recurrence, the agenda rows and the form.

Working calendar of every hand computation below: Asia/Shanghai, 08:30–17:30 (a working day is
9 h), the official 2026 schedule — National Day Thu 10-01 … Wed 10-07 off, Sat 10-10 a make-up
working day.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from shouhou.errors import DomainError, InvalidTransition, NotFound, UsageError
from shouhou.models import AuditEntry, Complaint
from shouhou.services import config, users
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.feedback import complaint_intake, complaints
from shouhou.services.feedback.complaint_documents import form_context
from shouhou.services.feedback.complaint_recurrence import cause_key
from shouhou.services.feedback.complaint_views import (
    agenda_rows,
    complaint_detail,
    iter_complaint_views,
    overdue_of,
)
from shouhou.services.tickets.intake import open_ticket
from shouhou.services.tickets.sla import Rules, load_rules

SH = ZoneInfo("Asia/Shanghai")


def sh(text: str) -> datetime:
    """``"2026-09-30 16:00"`` in Shanghai time."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def firm(session: Session) -> Session:
    """天津天控 (#1) with devices KS-001 and KS-002; 北方机械 (#2) with N-1."""
    stamp = Stamp("小刘", sh("2026-01-05 09:00"))
    add_customer(session, stamp, name="天津天控科技有限公司", phone="022-12345678")
    add_customer(session, stamp, name="北方机械", phone="024-1")
    add_device(session, stamp, customer_id=1, model="KS-200", serial="KS-001")
    add_device(session, stamp, customer_id=1, model="KS-200", serial="KS-002")
    add_device(session, stamp, customer_id=2, model="N", serial="N-1")
    return session


def receive(
    session: Session,
    at: str,
    *,
    customer: str | int | None = 1,
    about: str = "quality",
    grade: str = "general",
    text: str = "又漏油了",
    who: str = "小刘",
    **more: object,
) -> complaint_intake.Receipt:
    return complaint_intake.receive_complaint(
        session,
        Stamp(who, sh(at)),
        customer_ref=customer,
        about=about,
        grade=grade,
        text=text,
        received_at=sh(at),
        rules=rules(session),
        **more,  # type: ignore[arg-type]
    )


def row(session: Session, number: str) -> Complaint:
    return complaints.get_complaint(session, number)


# -- deadlines ----------------------------------------------------------------------------------


def test_deadlines_across_the_national_day_holiday(firm: Session) -> None:
    """DOMAIN §5: answer within 24 h, opinion within 2 working days. Received Wed 2026-09-30
    16:00: answer Thu 10-01 16:00 (clock hours, a holiday or not). Opinion 2 × 9 h = 18 h:
    Wed 16:00–17:30 1 h 30, Thu 10-01 … Wed 10-07 holiday, Thu 10-08 9 h (10 h 30 in all),
    Fri 10-09 08:30 + 7 h 30 → Fri 10-09 16:00."""
    made = receive(firm, "2026-09-30 16:00").complaint
    assert made.answer_due_at == sh("2026-10-01 16:00")
    assert made.opinion_due_at == sh("2026-10-09 16:00")


def test_opinion_counts_the_make_up_saturday(firm: Session) -> None:
    """Received Fri 2026-10-09 16:00: 1 h 30 on Friday, Sat 10-10 a make-up working day 9 h
    (10 h 30), Sun off, Mon 10-12 08:30 + 7 h 30 → Mon 10-12 16:00; answer Sat 10-10 16:00."""
    made = receive(firm, "2026-10-09 16:00").complaint
    assert made.answer_due_at == sh("2026-10-10 16:00")
    assert made.opinion_due_at == sh("2026-10-12 16:00")


def test_opinion_across_a_weekend(firm: Session) -> None:
    """Received Fri 2026-11-20 16:00: 1 h 30 Friday, weekend off, Mon 11-23 9 h (10 h 30),
    Tue 11-24 08:30 + 7 h 30 → Tue 11-24 16:00."""
    made = receive(firm, "2026-11-20 16:00").complaint
    assert made.opinion_due_at == sh("2026-11-24 16:00")


def test_after_hours_the_opinion_counts_from_the_next_opening(firm: Session) -> None:
    """Received Mon 2026-11-23 20:00: answer Tue 20:00 (clock); opinion from Tue 08:30, 9 h
    Tuesday and 9 h Wednesday → Wed 11-25 17:30 (closing time stays closing time)."""
    made = receive(firm, "2026-11-23 20:00").complaint
    assert made.answer_due_at == sh("2026-11-24 20:00")
    assert made.opinion_due_at == sh("2026-11-25 17:30")


def test_the_budgets_are_settings(firm: Session) -> None:
    """``complaint.answer`` 12h, ``complaint.opinion`` 1wd: received Wed 2026-09-30 16:00 →
    answer Thu 04:00; opinion 9 h = 1 h 30 Wednesday + 7 h 30 Thu 10-08 → 10-08 16:00."""
    stamp = Stamp("李经理", sh("2026-09-01 09:00"))
    config.set_value(firm, stamp, "complaint.answer", "12h")
    config.set_value(firm, stamp, "complaint.opinion", "1wd")
    made = receive(firm, "2026-09-30 16:00").complaint
    assert made.answer_due_at == sh("2026-10-01 04:00")
    assert made.opinion_due_at == sh("2026-10-08 16:00")


def test_numbers_run_per_month_of_the_firms_zone(firm: Session) -> None:
    """CP + YYMM of the receipt in Asia/Shanghai: 09-30 23:30 Shanghai is September,
    10-01 00:30 Shanghai (still 09-30 in UTC) is October."""
    first = receive(firm, "2026-09-30 10:00").complaint
    second = receive(firm, "2026-09-30 23:30").complaint
    third = receive(firm, "2026-10-01 00:30").complaint
    assert third.received_at.astimezone(UTC).day == 30
    assert [first.number, second.number, third.number] == [
        "CP2609-0001",
        "CP2609-0002",
        "CP2610-0001",
    ]


# -- receipt ------------------------------------------------------------------------------------


def test_receipt_records_the_receiver_and_the_text_verbatim(firm: Session) -> None:
    """DOMAIN §5 首问责任制: whoever takes it is the receiver; the text as said."""
    text = "  第二次了！！ 你们到底管不管？\n  车间停产半天。"
    made = receive(firm, "2026-11-23 09:00", who="Chen Wei", text=text, channel="email")
    c = made.complaint
    assert (c.received_by, c.status, c.channel) == ("Chen Wei", "open", "email")
    assert c.text == text.strip()
    entry = firm.exec(select(AuditEntry).where(AuditEntry.entity == "complaint")).one()
    assert (entry.actor, entry.action, entry.at) == ("Chen Wei", "create", sh("2026-11-23 09:00"))


def test_a_ticket_gives_customer_and_device(firm: Session) -> None:
    result = open_ticket(
        firm,
        Stamp("小刘", sh("2026-11-20 09:00")),
        customer_id=1,
        device_id=2,
        severity="3",
        symptom="漏油",
        received_at=sh("2026-11-20 09:00"),
        rules=rules(firm),
    )
    made = receive(firm, "2026-11-23 09:00", customer=None, ticket_ref=result.ticket.number)
    assert (made.customer.id, made.device.serial if made.device else None) == (1, "KS-002")
    assert made.complaint.ticket_id == result.ticket.id
    with pytest.raises(DomainError) as refused:
        receive(firm, "2026-11-23 09:00", customer=2, ticket_ref=result.ticket.number)
    assert refused.value.key == "err.complaint_ticket_customer"


def test_refusals_at_receipt(firm: Session) -> None:
    with pytest.raises(DomainError) as other:
        receive(firm, "2026-11-23 09:00", customer=2, device_ref="KS-001")
    assert other.value.key == "err.device_other_customer"
    with pytest.raises(UsageError) as about:
        receive(firm, "2026-11-23 09:00", about="price")
    assert (about.value.key, about.value.fields["field"]) == ("err.bad_choice", "about")
    with pytest.raises(UsageError) as blank:
        receive(firm, "2026-11-23 09:00", text="   ")
    assert blank.value.fields == {"field": "text"}
    with pytest.raises(UsageError) as nobody:
        receive(firm, "2026-11-23 09:00", customer=None)
    assert nobody.value.fields == {"field": "customer"}
    with pytest.raises(NotFound):
        receive(firm, "2026-11-23 09:00", customer="不存在的公司")
    assert firm.exec(select(Complaint)).all() == []


def test_serious_and_major_name_the_manager(firm: Session) -> None:
    """No users: the setting's default ("manager"); with users: the first active manager;
    ``escalate.manager`` set: that person, in the user's own spelling. General: nobody."""
    assert receive(firm, "2026-11-23 09:00", grade="serious").complaint.manager == "manager"
    stamp = Stamp("admin", sh("2026-11-01 09:00"))
    users.add_user(firm, stamp, name="赵总", role="general-manager")
    users.add_user(firm, stamp, name="孙经理", role="manager")
    users.add_user(firm, stamp, name="李经理", role="manager")
    users.set_active(firm, stamp, "孙经理", active=False)
    assert receive(firm, "2026-11-23 09:00", grade="major").complaint.manager == "李经理"
    assert receive(firm, "2026-11-23 09:00", grade="general").complaint.manager is None
    config.set_value(firm, stamp, "escalate.manager", " 赵总 ")
    assert receive(firm, "2026-11-23 09:00", grade="serious").complaint.manager == "赵总"


def test_attitude_naming_staff_goes_to_staff_review(firm: Session) -> None:
    """DOMAIN §5 "complaints about staff attitude go to staff review"."""
    users.add_user(firm, Stamp("admin", sh("2026-11-01 09:00")), name="张工", role="engineer")
    named = receive(firm, "2026-11-23 09:00", about="attitude", staff="张工 ").complaint
    assert (named.staff, complaints.staff_review(named)) == ("张工", True)
    quality = receive(firm, "2026-11-23 09:00", about="quality", staff="张工").complaint
    unnamed = receive(firm, "2026-11-23 09:00", about="attitude").complaint
    assert not complaints.staff_review(quality)
    assert not complaints.staff_review(unnamed)


# -- the steps ------------------------------------------------------------------------------------


def test_answer_and_opinion_store_minutes_late(firm: Session) -> None:
    """Received Wed 09-30 16:00 (answer due Thu 10-01 16:00, opinion Fri 10-09 16:00).
    Answered Thu 16:00:30 → 1 min late (rounded up); opinion Fri 10-09 17:30 → 90 min late.
    A second one answered Thu 16:00 exactly → 0."""
    number = receive(firm, "2026-09-30 16:00").complaint.number
    c = complaints.respond(firm, Stamp("李经理", sh("2026-10-01 16:00:30")), number, note="已致歉")
    assert (c.status, c.answer, c.answer_late_min) == ("answered", "已致歉", 1)
    done = complaints.resolve(
        firm,
        Stamp("李经理", sh("2026-10-09 17:30")),
        number,
        cause="密封圈不良",
        action="更换密封圈",
        rules=rules(firm),
    )
    assert (done.complaint.status, done.complaint.opinion_late_min) == ("resolved", 90)
    assert done.complaint.prevention is None
    other = receive(firm, "2026-09-30 16:00").complaint.number
    on_time = complaints.respond(firm, Stamp("李经理", sh("2026-10-01 16:00")), other, note="好")
    assert on_time.answer_late_min == 0


def test_steps_out_of_order_name_the_possible_ones(firm: Session) -> None:
    number = receive(firm, "2026-11-23 09:00").complaint.number
    with pytest.raises(InvalidTransition) as early:
        complaints.resolve(
            firm, Stamp("x", sh("2026-11-23 10:00")), number, cause="c", action="a",
            rules=rules(firm),
        )  # fmt: skip
    assert str(early.value) == (
        "error: complaint CP2611-0001 is open, `resolve` is not possible now — possible: respond"
    )
    complaints.respond(firm, Stamp("x", sh("2026-11-23 10:00")), number, note="收到")
    with pytest.raises(InvalidTransition) as twice:
        complaints.respond(firm, Stamp("x", sh("2026-11-23 10:05")), number, note="再说")
    assert twice.value.fields["allowed"] == "resolve"
    with pytest.raises(InvalidTransition) as closing:
        complaints.close(firm, Stamp("x", sh("2026-11-23 10:05")), number, confirmed=True)
    assert closing.value.fields["current"] == "answered"
    with pytest.raises(InvalidTransition):
        complaints.reopen(
            firm, Stamp("x", sh("2026-11-23 10:05")), number, reason="r", rules=rules(firm)
        )


def test_a_step_cannot_come_before_the_one_it_follows(firm: Session) -> None:
    number = receive(firm, "2026-11-23 09:00").complaint.number
    with pytest.raises(UsageError) as early:
        complaints.respond(firm, Stamp("x", sh("2026-11-23 08:59")), number, note="n")
    assert early.value.key == "err.complaint_out_of_order"
    complaints.respond(firm, Stamp("x", sh("2026-11-23 10:00")), number, note="n")
    with pytest.raises(UsageError):
        complaints.resolve(
            firm, Stamp("x", sh("2026-11-23 09:30")), number, cause="c", action="a",
            rules=rules(firm),
        )  # fmt: skip


def _resolved(session: Session, at: str = "2026-11-23 09:00") -> str:
    number = receive(session, at).complaint.number
    complaints.respond(session, Stamp("x", sh(at) + timedelta(hours=1)), number, note="n")
    complaints.resolve(
        session, Stamp("x", sh(at) + timedelta(hours=2)), number, cause="c", action="a",
        prevention="p", rules=rules(session),
    )  # fmt: skip
    return number


def test_close_needs_the_confirmation_or_a_reason(firm: Session) -> None:
    """DOMAIN §5 "customer confirms → close": confirmed (who, in close_note), or explicitly
    not (the reason in close_note); both at once, or neither reason, is refused."""
    first = _resolved(firm)
    stamp = Stamp("小刘", sh("2026-11-23 12:00"))
    with pytest.raises(UsageError) as both:
        complaints.close(firm, stamp, first, confirmed=True, reason="联系不上")
    assert both.value.key == "err.complaint_close_how"
    with pytest.raises(UsageError) as bare:
        complaints.close(firm, stamp, first, confirmed=False)
    assert bare.value.fields == {"field": "reason"}
    c = complaints.close(firm, stamp, first, confirmed=True, by=" 王建国 ")
    assert (c.status, c.confirmed, c.close_note, c.closed_at) == (
        "closed",
        True,
        "王建国",
        sh("2026-11-23 12:00"),
    )
    second = _resolved(firm)
    c2 = complaints.close(firm, stamp, second, confirmed=False, reason="客户联系不上")
    assert (c2.confirmed, c2.close_note) == (False, "客户联系不上")


def test_reopen_owes_a_new_opinion_within_the_budget_from_now(firm: Session) -> None:
    """Closed, then reopened Fri 2026-11-27 16:00: back to answered (the first answer
    stands); new opinion due 18 working hours later — Fri 1 h 30, Mon 11-30 9 h, Tue 12-01
    08:30 + 7 h 30 → Tue 12-01 16:00. The opinion and closing fields are cleared; the
    cause stays until the new opinion; the trail keeps the old deadline."""
    number = _resolved(firm)
    complaints.close(firm, Stamp("x", sh("2026-11-24 09:00")), number, confirmed=True)
    c = complaints.reopen(
        firm, Stamp("小刘", sh("2026-11-27 16:00")), number, reason="复现", rules=rules(firm)
    )
    assert (c.status, c.opinion_due_at) == ("answered", sh("2026-12-01 16:00"))
    assert (c.resolved_at, c.closed_at, c.confirmed, c.close_note) == (None, None, None, None)
    assert (c.answered_at, c.cause) == (sh("2026-11-23 10:00"), "c")
    entry = firm.exec(select(AuditEntry).where(AuditEntry.action == "complaint_reopen")).one()
    assert '"reason": "复现"' in (entry.changes or "")


# -- recurrence ------------------------------------------------------------------------------------


def test_same_customer_and_device_is_a_recurrence(firm: Session) -> None:
    """Issue 13 item 2: KS-001 complained about 11-01 and again 11-23 (22 days, window 90)."""
    first = receive(firm, "2026-11-01 09:00", device_ref="KS-001").complaint
    again = receive(firm, "2026-11-23 09:00", about="timeliness", device_ref="KS-001")
    assert again.recurrence is not None
    assert (again.recurrence.previous_number, again.recurrence.reason) == (first.number, "device")
    assert again.complaint.recurrence_of_id == first.id


def test_same_subject_without_a_device_is_a_recurrence(firm: Session) -> None:
    first = receive(firm, "2026-11-01 09:00", about="charges").complaint
    again = receive(firm, "2026-11-20 09:00", about="charges", device_ref="KS-001")
    assert again.recurrence is not None and again.recurrence.reason == "about"
    assert again.complaint.recurrence_of_id == first.id


def test_not_a_recurrence(firm: Session) -> None:
    """Two devices of one customer, the same subject: not linked on the subject alone;
    another customer: never at receipt; another subject without a device: no."""
    receive(firm, "2026-11-01 09:00", device_ref="KS-001")
    assert receive(firm, "2026-11-02 09:00", device_ref="KS-002").recurrence is None
    assert receive(firm, "2026-11-03 09:00", customer=2, device_ref="N-1").recurrence is None
    assert receive(firm, "2026-11-04 09:00", customer=2, about="other").recurrence is None


def test_the_window_counts_local_days_unless_the_earlier_one_is_still_open(
    firm: Session,
) -> None:
    """Window 90 days. A closed one received 2026-08-25 23:00 counts for one received 11-23
    00:30 (90 local days, however few hours past 90 × 24). With the window at 89 it would
    not: the next one repeats the complaint of 00:30, still open."""
    closed_90 = _resolved(firm, "2026-08-25 23:00")
    complaints.close(firm, Stamp("x", sh("2026-08-26 09:00")), closed_90, confirmed=True)
    within = receive(firm, "2026-11-23 00:30")
    assert within.recurrence is not None and within.recurrence.previous_number == closed_90
    config.set_value(firm, Stamp("x", sh("2026-11-23 09:00")), "complaint.recurrence_days", "89")
    narrower = receive(firm, "2026-11-23 09:00").recurrence
    assert narrower is not None and narrower.previous_number == within.complaint.number


def test_a_closed_one_outside_the_window_is_not_linked_an_open_one_is(firm: Session) -> None:
    old = _resolved(firm, "2026-08-24 10:00")
    complaints.close(firm, Stamp("x", sh("2026-08-25 09:00")), old, confirmed=True)
    assert receive(firm, "2026-11-23 09:00", device_ref="KS-002").recurrence is None
    still_open = receive(firm, "2026-06-01 09:00", customer=2).complaint
    again = receive(firm, "2026-11-23 09:00", customer=2)
    assert again.recurrence is not None
    assert again.recurrence.previous_number == still_open.number


def test_the_earliest_earlier_complaint_is_the_one_repeated(firm: Session) -> None:
    first = receive(firm, "2026-11-01 09:00", device_ref="KS-001").complaint
    receive(firm, "2026-11-10 09:00", device_ref="KS-001")
    third = receive(firm, "2026-11-23 09:00", device_ref="KS-001")
    assert third.recurrence is not None and third.recurrence.previous_id == first.id


def test_cause_key_normalises() -> None:
    assert cause_key("固件 V2.1 缺陷。") == cause_key("固件v2.1缺陷") == "固件v21缺陷"
    assert cause_key(" Seal BATCH-3 ") == "sealbatch3"
    assert cause_key(None) == cause_key("。 ") == ""


def test_the_same_cause_links_complaints_of_any_customer_both_ways(firm: Session) -> None:
    """Cause known only at the handling opinion. A (#1, 11-02) and B (#2, 11-05). B is
    resolved first with cause K: nothing earlier has K. A is resolved with K: A has nothing
    earlier, and B — later, not linked — is linked to A. C (#2, 11-10) resolved with K is then
    linked to A, its earliest."""
    a = receive(firm, "2026-11-02 09:00", about="other").complaint.number
    b = receive(firm, "2026-11-05 09:00", customer=2).complaint.number
    c = receive(firm, "2026-11-10 09:00", customer=2, about="charges").complaint.number
    assert row(firm, c).recurrence_of_id is None  # 11-05 is quality, 11-10 charges, no device

    def resolve(number: str, cause: str, at: str) -> complaints.Resolution:
        complaints.respond(firm, Stamp("x", sh(at)), number, note="n")
        return complaints.resolve(
            firm, Stamp("x", sh(at) + timedelta(hours=1)), number, cause=cause, action="a",
            rules=rules(firm),
        )  # fmt: skip

    first = resolve(b, "控制器固件 V2.1 缺陷", "2026-11-12 09:00")
    assert (first.recurrence, first.linked_later) == (None, [])
    second = resolve(a, "控制器固件v2.1缺陷。", "2026-11-13 09:00")
    assert (second.recurrence, second.linked_later) == (None, [b])
    assert row(firm, b).recurrence_of_id == row(firm, a).id
    third = resolve(c, "控制器 固件 V2.1 缺陷", "2026-11-14 09:00")
    assert third.recurrence is not None and third.recurrence.previous_number == a
    trail = firm.exec(
        select(AuditEntry)
        .where(AuditEntry.action == "complaint_recurrence")
        .order_by(col(AuditEntry.id))
    ).all()
    assert [e.entity_id for e in trail] == [row(firm, b).id, row(firm, c).id]


# -- views, agenda, form -------------------------------------------------------------------


def test_overdue_lists_the_pending_deadlines_past(firm: Session) -> None:
    """Received Mon 11-23 09:00: answer due Tue 09:00; opinion 18 working hours — Mon
    09:00–17:30 8 h 30, Tue 9 h (17 h 30), Wed 08:30 + 30 min → Wed 11-25 09:00."""
    c = receive(firm, "2026-11-23 09:00").complaint
    assert c.opinion_due_at == sh("2026-11-25 09:00")
    assert overdue_of(c, sh("2026-11-24 09:00")) == []
    assert overdue_of(c, sh("2026-11-24 09:01")) == ["answer"]
    assert overdue_of(c, sh("2026-11-25 09:01")) == ["answer", "opinion"]
    complaints.respond(firm, Stamp("x", sh("2026-11-25 10:00")), c.number, note="n")
    assert overdue_of(c, sh("2026-11-25 10:01")) == ["opinion"]


def test_list_filters(firm: Session) -> None:
    a = receive(firm, "2026-11-01 09:00", device_ref="KS-001", grade="serious").complaint
    b = receive(firm, "2026-11-20 09:00", customer=2).complaint
    c = receive(firm, "2026-11-22 09:00", device_ref="KS-001").complaint
    complaints.respond(firm, Stamp("x", sh("2026-11-23 09:00")), b.number, note="n")
    now = sh("2026-11-23 10:00")

    def numbers(**filters: object) -> list[str]:
        views = iter_complaint_views(firm, now=now, **filters)  # type: ignore[arg-type]
        return [v["number"] for v in views]

    assert numbers() == [a.number, b.number, c.number]
    # a: nothing done for weeks; b: answered, opinion due Tue 11-24 09:00 (Fri 8 h 30, Mon 9 h,
    # Tue 30 min) — not overdue; c: received Sun 11-22 09:00, answer due Mon 09:00 — overdue.
    assert numbers(overdue=True) == [a.number, c.number]
    assert numbers(recurring=True) == [a.number, c.number]
    assert numbers(customer_id=2) == [b.number]
    assert numbers(grade="serious") == [a.number]
    assert numbers(status="answered") == [b.number]
    views = list(iter_complaint_views(firm, now=now, recurring=True))
    assert views[1]["recurrence_of"] == a.number
    assert views[0]["device"] == "KS-001" and views[0]["customer_name"] == "天津天控科技有限公司"


def test_agenda_rows(firm: Session) -> None:
    """At Mon 11-23 10:00: a serious one not overdue (not late), a general one overdue (late,
    first), a general one not overdue (absent), a closed one (absent)."""
    serious = receive(firm, "2026-11-23 08:00", grade="serious", who="小赵").complaint
    late = receive(firm, "2026-11-20 09:00", who="小刘").complaint
    receive(firm, "2026-11-23 09:00")
    closed = _resolved(firm, "2026-11-10 09:00")
    complaints.close(firm, Stamp("x", sh("2026-11-12 09:00")), closed, confirmed=True)
    rows, late_count = agenda_rows(firm, now=sh("2026-11-23 10:00"))
    assert [(r["number"], r["late"], r["deadline"]) for r in rows] == [
        (late.number, True, "answer"),
        (serious.number, False, "answer"),
    ]
    assert late_count == 1
    assert rows[0]["late_minutes"] == 49 * 60  # due Sat 11-21 09:00, 49 h before Mon 10:00
    assert rows[1]["minutes_left"] == 22 * 60  # due Tue 11-24 08:00
    mine, _ = agenda_rows(firm, now=sh("2026-11-23 10:00"), person="小赵")
    assert [r["number"] for r in mine] == [serious.number]


def test_detail_has_steps_repeats_and_trail(firm: Session) -> None:
    first = receive(firm, "2026-11-01 09:00", device_ref="KS-001").complaint.number
    second = receive(firm, "2026-11-20 09:00", device_ref="KS-001").complaint.number
    view = complaint_detail(firm, first, now=sh("2026-11-23 10:00"))
    assert (view["steps"], view["repeated_by"], view["overdue"]) == (
        ["respond"],
        [second],
        ["answer", "opinion"],
    )
    again = complaint_detail(firm, second, now=sh("2026-11-23 10:00"))
    assert (again["recurrence_of"], again["recurrence_reason"]) == (first, "device")
    assert [e["action"] for e in again["timeline"]] == ["create", "complaint_recurrence"]
    with pytest.raises(NotFound):
        complaint_detail(firm, "CP2611-0099", now=sh("2026-11-23 10:00"))


def test_form_says_whether_each_deadline_was_met(firm: Session) -> None:
    """Received Wed 09-30 16:00; answered Thu 10-01 15:00 (on time); opinion Fri 10-09 17:30
    (1 h 30 late); printed Mon 10-12 09:00. Another, received Mon 10-12 08:00, printed at
    09:00 the next day: answer overdue by 1 h, opinion not yet due."""
    number = receive(firm, "2026-09-30 16:00", grade="serious").complaint.number
    complaints.respond(firm, Stamp("x", sh("2026-10-01 15:00")), number, note="n")
    complaints.resolve(
        firm, Stamp("x", sh("2026-10-09 17:30")), number, cause="c", action="a",
        rules=rules(firm),
    )  # fmt: skip
    form = form_context(firm, number, lang="en", zone=SH, now=sh("2026-10-12 09:00"))["complaint"]
    assert (form["answer_verdict"], form["opinion_verdict"]) == ("met on time", "met 1h 30m late")
    assert (form["received_at"], form["opinion_due_at"]) == ("2026-09-30 16:00", "2026-10-09 16:00")
    fresh = receive(firm, "2026-10-12 08:00").complaint.number
    zh = form_context(firm, fresh, lang="zh", zone=SH, now=sh("2026-10-13 09:00"))["complaint"]
    assert (zh["answer_verdict"], zh["opinion_verdict"]) == ("已超时 1小时0分", "未到期")
    assert zh["about_label"] == "产品质量"


def test_demo_complaints_cover_every_state(session: Session) -> None:
    """Issue 13 item 6: ~15 (16) complaints relative to "now" (Mon 2026-11-23 10:00), through the
    services: every state, closed with and without confirmation, overdue ones, a serious and
    a major one, staff review, a pair on one device and a pair with the same cause."""
    from shouhou.services.data.demo_complaints import add_demo_complaints

    stamp = Stamp("小刘", sh("2026-11-23 10:00"))
    for index in range(16):
        customer = add_customer(session, stamp, name=f"客户{index:02d}", phone=f"010-{index}")
        add_device(session, stamp, customer_id=customer.id or 0, model="M", serial=f"S-{index}")
    assert add_demo_complaints(session, stamp, rules=rules(session), zone=SH) == 16
    rows = session.exec(select(Complaint).order_by(col(Complaint.received_at))).all()
    assert len(rows) == 16
    assert {r.status for r in rows} == {"open", "answered", "resolved", "closed"}
    assert {r.confirmed for r in rows if r.status == "closed"} == {True, False}
    assert {"serious", "major"} <= {r.grade for r in rows if r.status != "closed"}
    assert sum(1 for r in rows if overdue_of(r, stamp.at)) >= 2
    assert any(complaints.staff_review(r) for r in rows)
    assert [r.number for r in rows] == sorted(r.number for r in rows)  # numbered by date
    linked = [r for r in rows if r.recurrence_of_id is not None]
    assert len(linked) == 2 and {r.device_id for r in linked} != {None}
    reopened = session.exec(select(AuditEntry).where(AuditEntry.action == "complaint_reopen")).all()
    assert len(reopened) == 1
    assert all(r.received_at <= stamp.at for r in rows)
