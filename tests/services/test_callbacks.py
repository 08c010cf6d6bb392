"""Callback rules 回访 (DOMAIN §3, issue 11 item 4): callbacks created by the events that call
for them, each due time computed by hand; idempotency; settings turning a rule off; the
callback that finds the problem back reopens the ticket.

DOMAIN §3: "Callback rules: 2 h after advice given by phone; 3 h after a fix the engineer was
not sure of; within 1 week after a major in-warranty repair; within 10 days of delivering a
new product; key customers at least twice a year." Issue 11 defines a major repair as severity
1–2, or a bill above the approval threshold (``approval.threshold``, 1000.00).

The office: 天控 (customer, not key) with KS-IN (accepted 2026-01-01, 24 months: in warranty
in November 2026). Monday 2026-11-23, Asia/Shanghai (no daylight saving).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from shouhou.errors import UsageError
from shouhou.models import AuditEntry, Customer, Device, Part, Ticket, TicketEvent, Visit
from shouhou.services import config
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.charges import PartLine, set_charges
from shouhou.services.tickets.intake import open_ticket
from shouhou.services.tickets.sla import Rules, load_rules
from shouhou.services.visits import callbacks, lifecycle, schedule, upkeep

SH = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH)


def by(actor: str, moment: datetime) -> Stamp:
    return Stamp(actor, moment)


def rules_of(session: Session) -> Rules:
    return load_rules(session, zone=SH)


def local(moment: datetime | None) -> datetime:
    assert moment is not None
    return moment.astimezone(SH)


@pytest.fixture
def _cb_office(session: Session) -> tuple[int, int]:
    """天控 and its device KS-IN; returns their ids."""
    clerk = by("小刘", at(date(2026, 1, 1), 9))
    customer = add_customer(session, clerk, name="天津天控科技有限公司", phone="022-12345678")
    assert customer.id is not None
    device = add_device(
        session,
        clerk,
        customer_id=customer.id,
        model="KS-200",
        serial="KS-IN",
        accepted_on=date(2026, 1, 1),
    )
    assert device.id is not None
    return customer.id, device.id


def new_ticket(
    session: Session,
    office: tuple[int, int],
    *,
    severity: str = "3",
    mode: str | None = None,
    received: datetime | None = None,
) -> str:
    """A ticket on KS-IN received Mon 09:00 (or ``received``), assigned to 王工 5 min later,
    its mode set, answered 7 min after intake."""
    received = received or at(MONDAY, 9)
    result = open_ticket(
        session,
        by("小刘", received),
        customer_id=office[0],
        device_id=office[1],
        severity=severity,
        symptom="排气温度高",
        received_at=received,
        rules=rules_of(session),
    )
    number = result.ticket.number
    tickets.assign(
        session, by("小刘", received + timedelta(minutes=5)), number, "王工", rules_of(session)
    )
    if mode is not None:
        tickets.set_mode(
            session, by("王工", received + timedelta(minutes=6)), number, mode, rules_of(session)
        )
    tickets.respond(
        session, by("王工", received + timedelta(minutes=7)), number, rules_of(session), None
    )
    return number


def resolve(
    session: Session, number: str, when: datetime, *, uncertain: bool = False
) -> tuple[Ticket, list[Visit]]:
    return callbacks.resolve_ticket(
        session,
        by("王工", when),
        number,
        action="更换阀片，试机正常",
        uncertain=uncertain,
        rules=rules_of(session),
    )


# -- after a resolution ---------------------------------------------------------------------


def test_phone_advice_callback_is_due_2_h_after_the_resolution(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """DOMAIN §3 "2 h after advice given by phone": a minor ticket handled by phone (support
    mode phone 电话指导), resolved Mon 10:30 → callback due Mon 12:30, for the ticket's
    customer and device, meant for its engineer 王工, not booked."""
    number = new_ticket(session, _cb_office, mode="phone")
    ticket, made = resolve(session, number, at(MONDAY, 10, 30))
    assert ticket.status == "resolved"
    [visit] = made
    assert (visit.kind, visit.status, visit.origin) == ("callback", "due", "phone-advice")
    assert local(visit.due_at) == at(MONDAY, 12, 30)
    assert (visit.ticket_id, visit.customer_id, visit.device_id) == (ticket.id, *_cb_office)
    assert (visit.engineer, visit.appointment_at) == ("王工", None)
    assert visit.dedupe_key == f"ticket:{ticket.id}:phone-advice:1"
    assert visit.number.startswith("VS2611-")


def test_uncertain_fix_callback_is_due_3_h_later_in_clock_time(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """DOMAIN §3 "3 h after a fix the engineer was not sure of", clock time (not working
    hours): fixed on site Mon 16:30, not sure it holds → due Mon 19:30, after the 17:30 close."""
    number = new_ticket(session, _cb_office, mode="onsite")
    ticket, [visit] = resolve(session, number, at(MONDAY, 16, 30), uncertain=True)
    assert visit.origin == "uncertain-fix"
    assert local(visit.due_at) == at(MONDAY, 19, 30)
    assert visit.dedupe_key == f"ticket:{ticket.id}:uncertain-fix:1"


def test_a_sure_fix_of_a_minor_ticket_needs_no_callback_rule(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """Severity 3, on site, no bill, the engineer sure: no rule of DOMAIN §3 applies."""
    number = new_ticket(session, _cb_office, mode="onsite")
    ticket, made = resolve(session, number, at(MONDAY, 15))
    assert made == []
    assert session.exec(select(Visit)).all() == []
    assert ticket.status == "resolved"


@pytest.mark.parametrize("severity", ["1", "2"])
def test_major_repair_by_severity_is_due_within_7_days(
    session: Session, _cb_office: tuple[int, int], severity: str
) -> None:
    """Issue 11: severity 1–2 is a major repair; DOMAIN §3 "within 1 week" (callback.major_repair
    7d, clock time): resolved Mon 2026-11-23 14:00 → due Mon 2026-11-30 14:00."""
    number = new_ticket(session, _cb_office, severity=severity, mode="onsite")
    ticket, [visit] = resolve(session, number, at(MONDAY, 14))
    assert visit.origin == "major-repair"
    assert local(visit.due_at) == at(date(2026, 11, 30), 14)
    assert visit.dedupe_key == f"ticket:{ticket.id}:major-repair:1"


def _catalogue_part(session: Session) -> None:
    """KS-V100 进气阀 costs the firm 600.00, its price 1500.00."""
    moment = at(MONDAY, 8)
    session.add(
        Part(
            number="KS-V100",
            name="进气阀",
            unit="个",
            cost_cents=60000,
            price_cents=150000,
            created_at=moment,
            updated_at=moment,
        )
    )
    session.flush()


def test_major_repair_by_the_bill_above_the_approval_threshold(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """Issue 11 "chargeable above the threshold": a minor ticket in warranty, KS-V100 at its
    price 1500.00 > 1000.00 → a major repair (the 三包 cost to the firm, 600.00, needs no
    approval). Resolved Mon 11:00 → due Mon 2026-11-30 11:00."""
    _catalogue_part(session)
    number = new_ticket(session, _cb_office, mode="onsite")
    set_charges(
        session,
        by("王工", at(MONDAY, 10)),
        number,
        rules=rules_of(session),
        parts=[PartLine("KS-V100", Decimal(1))],
    )
    _ticket, [visit] = resolve(session, number, at(MONDAY, 11))
    assert visit.origin == "major-repair"
    assert local(visit.due_at) == at(date(2026, 11, 30), 11)


def test_a_bill_of_exactly_the_threshold_is_not_major(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """Travel 1000.00 = the threshold 1000.00: not above it → no callback (severity 3, on
    site, sure)."""
    number = new_ticket(session, _cb_office, mode="onsite")
    set_charges(
        session, by("王工", at(MONDAY, 10)), number, rules=rules_of(session), travel=Decimal(1000)
    )
    _ticket, made = resolve(session, number, at(MONDAY, 11))
    assert made == []


def test_several_rules_make_one_callback_due_at_the_earliest(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """A critical ticket (major: 7 d) resolved by phone advice (2 h) with the engineer unsure
    (3 h), at Mon 10:00: one callback, due at the earliest — phone advice, Mon 12:00. One call
    before the earliest deadline meets the other two ("within 3 h", "within 7 days"); the
    others are named in its audit trail."""
    number = new_ticket(session, _cb_office, severity="1", mode="phone")
    _ticket, made = resolve(session, number, at(MONDAY, 10), uncertain=True)
    assert [(v.origin, local(v.due_at)) for v in made] == [("phone-advice", at(MONDAY, 12))]
    assert len(session.exec(select(Visit)).all()) == 1
    entry = session.exec(
        select(AuditEntry).where(
            AuditEntry.entity == "visit", AuditEntry.action == "callback_rules"
        )
    ).one()
    assert json.loads(entry.changes or "{}") == {
        "also": [
            "uncertain-fix 2026-11-23T05:00:00+00:00",
            "major-repair 2026-11-30T02:00:00+00:00",
        ]
    }


def test_a_rule_set_to_0_is_off_and_the_next_one_applies(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """callback.phone_advice 0 (off): a major ticket resolved by phone Mon 10:00 gets the major
    repair callback only, due Mon 2026-11-30 10:00; with callback.major_repair off too, none."""
    assert (
        config.set_value(session, by("admin", at(MONDAY, 8)), "callback.phone_advice", "0") == "0m"
    )
    first = new_ticket(session, _cb_office, severity="2", mode="phone")
    _ticket, made = resolve(session, first, at(MONDAY, 10))
    assert [(v.origin, local(v.due_at)) for v in made] == [
        ("major-repair", at(date(2026, 11, 30), 10))
    ]
    config.set_value(session, by("admin", at(MONDAY, 8)), "callback.major_repair", "off")
    second = new_ticket(session, _cb_office, severity="2", mode="phone", received=at(MONDAY, 9, 30))
    _ticket, made = resolve(session, second, at(MONDAY, 10))
    assert made == []


def test_a_changed_delay_is_used(session: Session, _cb_office: tuple[int, int]) -> None:
    """callback.uncertain_fix 1h30m: unsure fix at Mon 16:45 → due Mon 18:15."""
    config.set_value(session, by("admin", at(MONDAY, 8)), "callback.uncertain_fix", "1h30m")
    number = new_ticket(session, _cb_office, mode="onsite")
    _ticket, [visit] = resolve(session, number, at(MONDAY, 16, 45), uncertain=True)
    assert local(visit.due_at) == at(MONDAY, 18, 15)


def test_reopened_and_resolved_again_gets_a_new_callback(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """Resolved by phone Mon 10:00 (due 12:00, key …:1); the customer calls back, the ticket
    is reopened at 11:00 and resolved again by phone at 14:00 → a second callback due 16:00
    with key …:2; the first, never made, is cancelled as superseded."""
    number = new_ticket(session, _cb_office, mode="phone")
    ticket, [first] = resolve(session, number, at(MONDAY, 10))
    tickets.reopen(
        session, by("王工", at(MONDAY, 11)), number, reason="又坏了", rules=rules_of(session)
    )
    _ticket, [second] = resolve(session, number, at(MONDAY, 14))
    assert first.dedupe_key == f"ticket:{ticket.id}:phone-advice:1"
    assert second.dedupe_key == f"ticket:{ticket.id}:phone-advice:2"
    assert local(second.due_at) == at(MONDAY, 16)
    assert first.id != second.id
    assert (first.status, first.end_reason) == ("cancelled", callbacks.SUPERSEDED)


def test_a_refused_resolution_creates_no_callback(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """A resolution refused (no action given) changes nothing: no callback either."""
    number = new_ticket(session, _cb_office, mode="phone")
    with pytest.raises(UsageError) as refused:
        callbacks.resolve_ticket(
            session, by("王工", at(MONDAY, 10)), number, action=" ", rules=rules_of(session)
        )
    assert refused.value.key == "err.required"
    assert session.exec(select(Visit)).all() == []


# -- a new device accepted ------------------------------------------------------------------


def _device(session: Session, customer_id: int, serial: str, accepted: date | None) -> Device:
    return add_device(
        session,
        by("小刘", at(MONDAY, 9)),
        customer_id=customer_id,
        model="KS-300",
        serial=serial,
        accepted_on=accepted,
    )


def test_new_device_callback_is_due_by_the_10th_day_after_acceptance(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """DOMAIN §3 "within 10 days of delivering a new product" (callback.new_device 10d):
    accepted Fri 2026-11-20 → due by the end of Mon 2026-11-30 (23:59), for the device's
    customer; nobody named yet. Asked again: nothing new (``device:{id}:new-device``)."""
    device = _device(session, _cb_office[0], "KS-NEW", date(2026, 11, 20))
    visit = callbacks.after_acceptance(
        session, by("小刘", at(MONDAY, 10)), device, today=MONDAY, zone=SH
    )
    assert visit is not None
    assert (visit.kind, visit.status, visit.origin) == ("callback", "due", "new-device")
    assert local(visit.due_at) == at(date(2026, 11, 30), 23, 59)
    assert (visit.customer_id, visit.device_id, visit.ticket_id) == (_cb_office[0], device.id, None)
    assert visit.dedupe_key == f"device:{device.id}:new-device"
    again = callbacks.after_acceptance(
        session, by("小刘", at(MONDAY, 11)), device, today=MONDAY, zone=SH
    )
    assert again is None
    assert len(session.exec(select(Visit)).all()) == 1


@pytest.mark.parametrize(
    ("accepted", "made"),
    [
        (date(2026, 11, 13), True),  # due by 11-23 23:59: today, still open
        (date(2026, 11, 12), False),  # due by 11-22 23:59: passed
        (date(2025, 3, 1), False),  # history
        (None, False),  # no acceptance date
    ],
)
def test_new_device_window_must_not_have_passed_today(
    session: Session, _cb_office: tuple[int, int], accepted: date | None, made: bool
) -> None:
    """Today Mon 2026-11-23: a device accepted 11-13 is due by 11-23 (still today); one
    accepted 11-12 was due by 11-22 — entering it now creates no callback."""
    device = _device(session, _cb_office[0], "KS-X", accepted)
    visit = callbacks.after_acceptance(
        session, by("小刘", at(MONDAY, 10)), device, today=MONDAY, zone=SH
    )
    assert (visit is not None) == made


def test_new_device_rule_off(session: Session, _cb_office: tuple[int, int]) -> None:
    config.set_value(session, by("admin", at(MONDAY, 8)), "callback.new_device", "0")
    device = _device(session, _cb_office[0], "KS-NEW", date(2026, 11, 20))
    assert (
        callbacks.after_acceptance(
            session, by("小刘", at(MONDAY, 10)), device, today=MONDAY, zone=SH
        )
        is None
    )


def test_importing_devices_creates_callbacks_only_for_windows_still_open(
    session: Session, _cb_office: tuple[int, int], tmp_path: Path
) -> None:
    """Importing a device sheet with history must not flood: of KS-A accepted 2026-11-20 (due
    11-30), KS-B 2024-05-01 and KS-C 2026-11-12 (due 11-22, passed) only KS-A gets a callback.
    Imported again: nothing new."""
    from shouhou.services.data.importing.run import import_file

    sheet = tmp_path / "设备.csv"
    sheet.write_text(
        "出厂编号,型号,客户名称,验收日期\n"
        "KS-A,KS-200,天津天控科技有限公司,2026-11-20\n"
        "KS-B,KS-200,天津天控科技有限公司,2024-05-01\n"
        "KS-C,KS-200,天津天控科技有限公司,2026-11-12\n",
        encoding="utf-8",
    )
    stamp = by("小刘", at(MONDAY, 10))
    report = import_file(session, stamp, "devices", sheet, zone=SH)
    assert (report.created, report.problems) == (3, [])
    [visit] = session.exec(select(Visit)).all()
    device = session.exec(select(Device).where(Device.serial == "KS-A")).one()
    assert (visit.device_id, visit.origin) == (device.id, "new-device")
    assert local(visit.due_at) == at(date(2026, 11, 30), 23, 59)
    import_file(session, stamp, "devices", sheet, zone=SH)
    assert len(session.exec(select(Visit)).all()) == 1


def test_importing_an_acceptance_date_for_a_known_device(
    session: Session, _cb_office: tuple[int, int], tmp_path: Path
) -> None:
    """KS-NEW was entered without acceptance; the sheet brings its acceptance 2026-11-21 → due
    by 2026-12-01 23:59 (the device as just written, not as the session held it)."""
    from shouhou.services.data.importing.run import import_file

    device = _device(session, _cb_office[0], "KS-NEW", None)
    sheet = tmp_path / "d.csv"
    sheet.write_text(
        "出厂编号,型号,客户名称,验收日期\nKS-NEW,KS-300,天津天控科技有限公司,2026-11-21\n"
    )
    report = import_file(session, by("小刘", at(MONDAY, 10)), "devices", sheet, zone=SH)
    assert report.updated == 1
    visit = session.exec(select(Visit)).one()
    assert (visit.device_id, local(visit.due_at)) == (device.id, at(date(2026, 12, 1), 23, 59))


def test_a_dry_run_import_creates_no_callback(
    session: Session, _cb_office: tuple[int, int], tmp_path: Path
) -> None:
    from shouhou.services.data.importing.run import import_file

    sheet = tmp_path / "d.csv"
    sheet.write_text(
        "出厂编号,型号,客户名称,验收日期\nKS-A,KS-200,天津天控科技有限公司,2026-11-20\n"
    )
    import_file(session, by("小刘", at(MONDAY, 10)), "devices", sheet, zone=SH, dry_run=True)
    assert session.exec(select(Visit)).all() == []


# -- key customers --------------------------------------------------------------------------


def _key_customers(session: Session, *names: str) -> list[int]:
    ids = []
    for name in names:
        made = add_customer(session, by("小刘", at(MONDAY, 8)), name=name, key_customer=True)
        assert made.id is not None
        ids.append(made.id)
    return ids


def test_key_customers_get_one_callback_per_half_year_due_by_its_end(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """DOMAIN §3 "key customers at least twice a year" (callback.key_customer 2): on
    2026-11-23 the period is the second half year, Jul–Dec → each key customer gets one
    callback due by 2026-12-31 23:59, key ``customer:{id}:key:2026H2``; 天控 is not a key
    customer. Run again: 0 created."""
    a, b = _key_customers(session, "甲钢厂", "乙电厂")
    stamp = by("cron", at(MONDAY, 6))
    assert callbacks.key_customer_due(session, stamp, today=MONDAY, zone=SH) == 2
    made = session.exec(select(Visit).order_by(col(Visit.customer_id))).all()
    assert [(v.customer_id, v.origin, v.dedupe_key) for v in made] == [
        (a, "key-customer", f"customer:{a}:key:2026H2"),
        (b, "key-customer", f"customer:{b}:key:2026H2"),
    ]
    assert {local(v.due_at) for v in made} == {at(date(2026, 12, 31), 23, 59)}
    assert all(v.ticket_id is None and v.device_id is None for v in made)
    assert callbacks.key_customer_due(session, stamp, today=MONDAY, zone=SH) == 0
    assert callbacks.key_customer_due(session, stamp, today=date(2026, 12, 31), zone=SH) == 0
    assert len(session.exec(select(Visit)).all()) == 2


def test_next_half_year_gets_its_own_callback(session: Session) -> None:
    """2027-01-02 is in the first half of 2027 (Jan–Jun): due 2027-06-30 23:59, key 2027H1."""
    [a] = _key_customers(session, "甲钢厂")
    stamp = by("cron", at(MONDAY, 6))
    callbacks.key_customer_due(session, stamp, today=MONDAY, zone=SH)
    assert callbacks.key_customer_due(session, stamp, today=date(2027, 1, 2), zone=SH) == 1
    latest = session.exec(select(Visit).order_by(col(Visit.id).desc())).first()
    assert latest is not None
    assert latest.dedupe_key == f"customer:{a}:key:2027H1"
    assert local(latest.due_at) == at(date(2027, 6, 30), 23, 59)


def _done_callback(session: Session, customer_id: int, when: datetime) -> None:
    """A callback booked for ``when``, started then and done 10 min later."""
    visit, _ = schedule.schedule_visit(
        session,
        by("小刘", when - timedelta(hours=1)),
        kind="callback",
        engineer="王工",
        appointment_at=when,
        zone=SH,
        customer_ref=str(customer_id),
    )
    lifecycle.start(session, by("王工", when), visit.number, rules_of(session))
    lifecycle.finish(
        session,
        by("王工", when + timedelta(minutes=10)),
        visit.number,
        work_done="电话回访，运行正常",
        rules=rules_of(session),
        zone=SH,
    )


def test_a_half_year_with_a_done_callback_needs_none(session: Session) -> None:
    """甲 had a callback done 2026-08-03 (in Jul–Dec): none due. 乙's was 2026-05-06 (Jan–Jun,
    the previous half): it gets one."""
    a, b = _key_customers(session, "甲钢厂", "乙电厂")
    _done_callback(session, a, at(date(2026, 8, 3), 10))
    _done_callback(session, b, at(date(2026, 5, 6), 10))
    created = callbacks.key_customer_due(session, by("cron", at(MONDAY, 6)), today=MONDAY, zone=SH)
    assert created == 1
    due_ones = session.exec(select(Visit).where(Visit.status == "due")).all()
    assert [v.customer_id for v in due_ones] == [b]


def test_an_open_callback_in_the_period_counts(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """天控, made a key customer, has a phone-advice callback due Mon 12:00 (in Jul–Dec): one
    call this half year is enough — no key-customer callback besides it."""
    session.get(Customer, _cb_office[0]).key_customer = True  # type: ignore[union-attr]
    number = new_ticket(session, _cb_office, mode="phone")
    resolve(session, number, at(MONDAY, 10))
    assert (
        callbacks.key_customer_due(session, by("cron", at(MONDAY, 11)), today=MONDAY, zone=SH) == 0
    )


def test_four_times_a_year_is_by_quarter(session: Session) -> None:
    """callback.key_customer 4: 2026-11-23 is in Q4 (Oct–Dec): due 2026-12-31 23:59, key
    2026Q4. 0 turns it off."""
    [a] = _key_customers(session, "甲钢厂")
    config.set_value(session, by("admin", at(MONDAY, 8)), "callback.key_customer", "4")
    assert (
        callbacks.key_customer_due(session, by("cron", at(MONDAY, 9)), today=MONDAY, zone=SH) == 1
    )
    visit = session.exec(select(Visit)).one()
    assert visit.dedupe_key == f"customer:{a}:key:2026Q4"
    config.set_value(session, by("admin", at(MONDAY, 8)), "callback.key_customer", "0")
    assert (
        callbacks.key_customer_due(
            session, by("cron", at(MONDAY, 9)), today=date(2027, 2, 1), zone=SH
        )
        == 0
    )


def test_the_daily_refresh_runs_the_key_customer_rule(session: Session) -> None:
    """``upkeep.refresh`` (``visit due``, ``today``) includes key customers; a second run
    creates nothing."""
    _key_customers(session, "甲钢厂")
    stamp = by("cron", at(MONDAY, 6))
    assert upkeep.refresh(session, stamp, today=MONDAY, zone=SH) == 1
    assert session.exec(select(Visit).where(Visit.origin == "key-customer")).one()
    assert upkeep.refresh(session, stamp, today=MONDAY, zone=SH) == 0


@pytest.mark.parametrize(
    ("day", "per_year", "label", "first", "last"),
    [
        (date(2026, 6, 30), 2, "2026H1", date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), 2, "2026H2", date(2026, 7, 1), date(2026, 12, 31)),
        (date(2026, 2, 14), 1, "2026", date(2026, 1, 1), date(2026, 12, 31)),
        (date(2028, 2, 29), 12, "2028M2", date(2028, 2, 1), date(2028, 2, 29)),
        # 12/3 months: Jan–Apr, May–Aug, Sep–Dec
        (date(2026, 4, 30), 3, "2026P1/3", date(2026, 1, 1), date(2026, 4, 30)),
        (date(2026, 5, 1), 3, "2026P2/3", date(2026, 5, 1), date(2026, 8, 31)),
        # 12/5 months: periods start at months ⌊12·i/5⌋ + 1 = 1, 3, 5, 8, 10
        (date(2026, 7, 31), 5, "2026P3/5", date(2026, 5, 1), date(2026, 7, 31)),
        (date(2026, 8, 1), 5, "2026P4/5", date(2026, 8, 1), date(2026, 9, 30)),
    ],
)
def test_periods_of_a_year(day: date, per_year: int, label: str, first: date, last: date) -> None:
    """n periods of 12/n months a year; the label names the period in the dedupe key."""
    period = callbacks.period_of(day, per_year)
    assert (period.label, period.first, period.last) == (label, first, last)


@given(day=st.dates(date(2000, 1, 1), date(2099, 12, 31)), per_year=st.integers(1, 12))
def test_periods_cut_the_year_without_gap_or_overlap(day: date, per_year: int) -> None:
    """The period of a day contains it; the day after its last is in the next period (or the
    first of the next year)."""
    period = callbacks.period_of(day, per_year)
    assert period.first <= day <= period.last
    following = callbacks.period_of(period.last + timedelta(days=1), per_year)
    assert following.first == period.last + timedelta(days=1)
    assert following.index == (period.index % per_year) + 1


# -- the callback's result ------------------------------------------------------------------


def _phone_callback(session: Session, office: tuple[int, int]) -> tuple[str, Visit]:
    number = new_ticket(session, office, mode="phone")
    _ticket, [visit] = resolve(session, number, at(MONDAY, 10))
    return number, visit


def test_ok_result_is_stored_and_the_ticket_stays_resolved(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    number, visit = _phone_callback(session, _cb_office)
    result = callbacks.after_callback(
        session, by("王工", at(MONDAY, 12)), visit, outcome="ok", note=None, rules=rules_of(session)
    )
    assert result is None
    assert visit.outcome == "ok"
    ticket = session.exec(select(Ticket).where(Ticket.number == number)).one()
    assert ticket.status == "resolved"


def test_problem_back_reopens_the_ticket_with_the_note_as_reason(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """Issue 11: "a callback that finds the problem back reopens the ticket" — at Mon 12:00 the
    customer says the alarm is back: the ticket is in progress again, not resolved, the note is
    the reopen reason."""
    number, visit = _phone_callback(session, _cb_office)
    ticket = callbacks.after_callback(
        session,
        by("王工", at(MONDAY, 12)),
        visit,
        outcome="problem",
        note="报警又出现",
        rules=rules_of(session),
    )
    assert ticket is not None and ticket.number == number
    assert (ticket.status, ticket.resolved_at) == ("in_progress", None)
    assert visit.outcome == "problem"
    last = session.exec(
        select(TicketEvent)
        .where(TicketEvent.ticket_id == ticket.id)
        .order_by(col(TicketEvent.id).desc())
    ).first()
    assert last is not None and last.note == "报警又出现"


def test_problem_needs_a_note(session: Session, _cb_office: tuple[int, int]) -> None:
    _number, visit = _phone_callback(session, _cb_office)
    with pytest.raises(UsageError) as refused:
        callbacks.after_callback(
            session,
            by("王工", at(MONDAY, 12)),
            visit,
            outcome="problem",
            note="  ",
            rules=rules_of(session),
        )
    assert refused.value.key == "err.callback_problem_note"
    assert refused.value.exit_code == 2
    assert visit.outcome is None


def test_a_bad_result_and_a_visit_that_is_no_callback_are_refused(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    _number, visit = _phone_callback(session, _cb_office)
    with pytest.raises(UsageError) as refused:
        callbacks.after_callback(
            session,
            by("王工", at(MONDAY, 12)),
            visit,
            outcome="fine",
            note=None,
            rules=rules_of(session),
        )
    assert (refused.value.key, refused.value.fields["field"]) == ("err.bad_choice", "result")
    repair, _ = schedule.schedule_visit(
        session,
        by("小刘", at(MONDAY, 12)),
        kind="inspection",
        engineer="李工",
        appointment_at=at(MONDAY, 15),
        zone=SH,
        customer_ref=str(_cb_office[0]),
    )
    with pytest.raises(UsageError) as refused:
        callbacks.after_callback(
            session,
            by("王工", at(MONDAY, 16)),
            repair,
            outcome="ok",
            note=None,
            rules=rules_of(session),
        )
    assert refused.value.key == "err.visit_result_kind"


def test_problem_on_a_customer_callback_returns_no_ticket(session: Session) -> None:
    """A key customer's callback has no ticket: the problem needs a new one (the CLI says
    ``ticket new``)."""
    _key_customers(session, "甲钢厂")
    callbacks.key_customer_due(session, by("cron", at(MONDAY, 6)), today=MONDAY, zone=SH)
    visit = session.exec(select(Visit)).one()
    result = callbacks.after_callback(
        session,
        by("王工", at(MONDAY, 12)),
        visit,
        outcome="problem",
        note="压力不稳",
        rules=rules_of(session),
    )
    assert result is None
    assert visit.outcome == "problem"
    assert session.exec(select(Ticket)).all() == []


def test_problem_on_a_ticket_reopened_meanwhile_returns_it_as_it_is(
    session: Session, _cb_office: tuple[int, int]
) -> None:
    """The customer called in before the callback and the ticket was reopened at 11:00: the
    callback's problem at 12:00 changes nothing more on it."""
    number, visit = _phone_callback(session, _cb_office)
    tickets.reopen(
        session, by("小刘", at(MONDAY, 11)), number, reason="客户来电", rules=rules_of(session)
    )
    ticket = callbacks.after_callback(
        session,
        by("王工", at(MONDAY, 12)),
        visit,
        outcome="problem",
        note="仍报警",
        rules=rules_of(session),
    )
    assert ticket is not None and ticket.status == "in_progress"
    reopens = session.exec(
        select(AuditEntry).where(AuditEntry.entity == "ticket", AuditEntry.action == "reopen")
    ).all()
    assert len(reopens) == 1
