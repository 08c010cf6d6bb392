"""The morning agenda ``shouhou today`` (issue 11 item 5): tickets late or due today, due and
missed visits, today's bookings per engineer, spare units out too long — each section from a
hand-built morning, ``--engineer``, and "running it twice changes nothing".

The clock: Mon 2026-11-23 10:00 Asia/Shanghai (``conftest.NOW``). Working hours 08:30–17:30
(9 h a day), Mon–Fri (DOMAIN §2; no holiday in the weeks used here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from shouhou.errors import UsageError
from shouhou.models import AuditEntry, Visit
from shouhou.services import config
from shouhou.services.agenda import today as agenda_mod
from shouhou.services.agenda.today import Agenda, Scope, Section, agenda, build
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets import returns
from shouhou.services.tickets.intake import open_ticket
from shouhou.services.tickets.sla import Rules, load_rules
from shouhou.services.visits import lifecycle as visits
from shouhou.services.visits import schedule
from shouhou.services.visits.due import create_due
from tests.conftest import NOW, SHANGHAI

TODAY = date(2026, 11, 23)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def by(moment: datetime) -> Stamp:
    return Stamp("小刘", moment)


def rules_of(session: Session) -> Rules:
    return load_rules(session, zone=SHANGHAI)


@dataclass
class Morning:
    """What :func:`build_morning` made: ticket and visit numbers by role."""

    late_ticket: str  # 王工's, reply 30 min late
    due_ticket: str  # 李工's, resolve due 16:00 today
    later_ticket: str  # due Wednesday: not on the agenda
    loan_ticket: str  # 王工's, waiting on the factory, spare unit out 20 days
    callback: str  # due yesterday 18:00, meant for 王工
    inspection: str  # due today 17:00
    tomorrow: str  # due tomorrow: not on the agenda
    no_arrival: str  # 张工 08:00, nobody arrived
    wang_visit: str  # 王工 10:00
    li_visit: str  # 李工 10:00 with helper 张工
    cancelled: str  # cancelled today: not on the agenda


def _ticket(session: Session, customer_id: int, severity: str, received: datetime) -> str:
    result = open_ticket(
        session,
        by(received),
        customer_id=customer_id,
        severity=severity,
        symptom="压缩机排气温度过高，自动停机",
        received_at=received,
        rules=rules_of(session),
    )
    return result.ticket.number


def build_morning(session: Session) -> Morning:
    """The hand-built morning every test reads (see each item's comment)."""
    rules = rules_of(session)
    a = add_customer(session, by(at(1, 9)), name="天津控制设备厂", address="天津市滨海新区")
    b = add_customer(session, by(at(1, 9)), name="北京照明工程公司", address="北京市朝阳区")
    assert a.id is not None and b.id is not None

    # Major (2), received Mon 09:00: reply within 30 working minutes → 09:30; at 10:00 it is
    # 30 min late.
    late_ticket = _ticket(session, a.id, "2", at(23, 9))
    tickets.assign(session, by(at(23, 9, 5)), late_ticket, "王工", rules)

    # Major, received Thu 11-19 10:00, replied 10:10: resolve within 24 working hours —
    # Thu 10:00–17:30 7.5 h, Fri 9 h (16.5), Mon 08:30 + 7.5 h = Mon 16:00; 6 h left at 10:00.
    due_ticket = _ticket(session, b.id, "2", at(19, 10))
    tickets.assign(session, by(at(19, 10, 5)), due_ticket, "李工", rules)
    tickets.respond(session, by(at(19, 10, 10)), due_ticket, rules, None)

    # Major, received Mon 09:55, replied 09:58: resolve 24 working hours → Mon 7 h 35 m,
    # Tue 9 h (16 h 35 m), Wed 08:30 + 7 h 25 m = Wed 15:55: not today.
    later_ticket = _ticket(session, b.id, "2", at(23, 9, 55))
    tickets.respond(session, by(at(23, 9, 58)), later_ticket, rules, None)

    # Minor, received Mon 11-02, spare unit lent Tue 11-03 10:00 and the ticket waiting on
    # the factory since (its clocks stand still before any deadline: neither late nor due);
    # the unit is still out on Mon 11-23 10:00 — 20 days.
    loan_ticket = _ticket(session, a.id, "3", at(2, 9))
    tickets.assign(session, by(at(2, 9, 5)), loan_ticket, "王工", rules)
    tickets.respond(session, by(at(2, 9, 10)), loan_ticket, rules, None)
    returns.lend(session, by(at(3, 10)), loan_ticket, unit_serial="SPARE-01")
    tickets.wait(session, by(at(3, 10, 30)), loan_ticket, reason="返厂维修", rules=rules)
    # Lent Fri 11-20 10:00: 3 days out, within loan.max_days (7).
    returns.lend(session, by(at(20, 10)), due_ticket, unit_serial="SPARE-02")
    # Lent and back: not out.
    returns.lend(session, by(at(4, 10)), late_ticket, unit_serial="SPARE-03")
    returns.take_back(session, by(at(23, 9, 30)), late_ticket)

    def due_visit(kind: str, customer: int, due_at: datetime, origin: str, **more: Any) -> str:
        made = create_due(
            session,
            by(at(20, 9)),
            kind=kind,
            customer_id=customer,
            due_at=due_at,
            origin=origin,
            zone=SHANGHAI,
            **more,
        )
        assert made is not None
        return made.number

    # Callback after phone advice, due yesterday (Sun) 18:00: 16 h overdue at 10:00.
    callback = due_visit("callback", a.id, at(22, 18), "phone-advice", engineer="王工")
    inspection = due_visit("inspection", b.id, at(23, 17), "plan")
    tomorrow = due_visit("inspection", a.id, at(24, 17), "plan")

    def booked(engineer: str, when: datetime, customer: str, **more: Any) -> str:
        visit, _ = schedule.schedule_visit(
            session,
            by(at(20, 15)),
            kind=str(more.pop("kind", "inspection")),
            engineer=engineer,
            appointment_at=when,
            zone=SHANGHAI,
            customer_ref=customer,
            **more,
        )
        return visit.number

    # 张工 booked 08:00: 08:00 + 15 min grace = 08:15, nobody arrived → 105 min overdue.
    no_arrival = booked("张工", at(23, 8), "天津控制")
    wang_visit = booked("王工", at(23, 10), "天津控制", kind="install")
    li_visit = booked("李工", at(23, 10), "北京照明", helpers=["张工"])
    cancelled = booked("王工", at(23, 15), "北京照明")
    visits.cancel(session, by(at(23, 9)), cancelled, reason="客户改期")
    session.flush()
    return Morning(
        late_ticket=late_ticket,
        due_ticket=due_ticket,
        later_ticket=later_ticket,
        loan_ticket=loan_ticket,
        callback=callback,
        inspection=inspection,
        tomorrow=tomorrow,
        no_arrival=no_arrival,
        wang_visit=wang_visit,
        li_visit=li_visit,
        cancelled=cancelled,
    )


@pytest.fixture
def morning(session: Session) -> Morning:
    return build_morning(session)


def read(session: Session, engineer: str | None = None, now: datetime = NOW) -> Agenda:
    return build(
        session,
        now=now,
        today=now.astimezone(SHANGHAI).date(),
        zone=SHANGHAI,
        rules=rules_of(session),
        engineer=engineer,
    )


def scope(session: Session, engineer: str | None = None) -> Scope:
    return Scope(
        session=session,
        now=NOW,
        today=TODAY,
        zone=SHANGHAI,
        rules=rules_of(session),
        engineer=engineer,
    )


def numbers(section: Section, key: str = "number") -> list[str]:
    return [row[key] for row in section.rows]


# -- tickets ---------------------------------------------------------------------------------


def test_a_ticket_30_minutes_past_its_reply_deadline_is_late(
    session: Session, morning: Morning
) -> None:
    """Major received 09:00: reply due 09:30 (30 min, DOMAIN §2); at 10:00, 30 min late."""
    section = agenda_mod.tickets(scope(session))
    row = section.rows[0]
    assert row["number"] == morning.late_ticket
    assert row["late"] is True
    assert row["milestone"] == "reply"
    assert row["late_minutes"] == 30
    assert row["minutes_left"] is None
    assert datetime.fromisoformat(row["due_at"]) == at(23, 9, 30)
    assert (row["severity"], row["assignee"]) == ("2", "王工")
    assert row["customer_name"] == "天津控制设备厂"
    assert section.late == 1


def test_a_ticket_due_at_16_is_due_later_today(session: Session, morning: Morning) -> None:
    """Major received Thu 10:00, replied: resolve due Mon 16:00 (24 working hours, see
    build_morning) — 6 h = 360 min left at 10:00, not late. The one due Wednesday is not
    listed, nor the one waiting on the factory."""
    section = agenda_mod.tickets(scope(session))
    assert numbers(section) == [morning.late_ticket, morning.due_ticket]
    row = section.rows[1]
    assert row["late"] is False
    assert row["milestone"] == "resolve"
    assert row["minutes_left"] == 360
    assert row["late_minutes"] is None
    assert datetime.fromisoformat(row["due_at"]) == at(23, 16)
    assert row["assignee"] == "李工"


def test_a_waiting_ticket_is_neither_late_nor_due(session: Session, morning: Morning) -> None:
    """DOMAIN §2: the clocks stand still while the ticket waits on the customer; 李工's ticket
    paused at 09:50, before its 16:00 deadline, leaves the agenda."""
    tickets.wait(
        session, by(at(23, 9, 50)), morning.due_ticket, reason="等客户备件", rules=rules_of(session)
    )
    assert numbers(agenda_mod.tickets(scope(session))) == [morning.late_ticket]


def test_the_deadline_passing_moves_a_ticket_from_due_to_late(
    session: Session, morning: Morning
) -> None:
    """At 16:30 the 16:00 resolve deadline is 30 min past: late, and first (most late is the
    09:30 reply: 7 h = 420 min)."""
    section = read(session, now=at(23, 16, 30)).sections["tickets"]
    assert [(r["number"], r["late_minutes"]) for r in section.rows] == [
        (morning.late_ticket, 420),
        (morning.due_ticket, 30),
    ]
    assert section.late == 2


# -- visits due ------------------------------------------------------------------------------


def test_a_callback_due_yesterday_is_late_an_inspection_due_tonight_is_not(
    session: Session, morning: Morning
) -> None:
    """Callback due Sun 18:00: at Mon 10:00, 16 h = 960 min overdue. Inspection due Mon 17:00:
    due today, not late. Due tomorrow: not listed. Oldest first: the 08:00 booking without an
    arrival falls between (08:00 < 17:00)."""
    section = agenda_mod.visits_due(scope(session))
    rows = {row["number"]: row for row in section.rows}
    assert numbers(section) == [morning.callback, morning.no_arrival, morning.inspection]
    callback = rows[morning.callback]
    assert (callback["reason"], callback["late"], callback["late_minutes"]) == ("due", True, 960)
    assert (callback["kind"], callback["origin"]) == ("callback", "phone-advice")
    assert callback["customer_name"] == "天津控制设备厂"
    inspection = rows[morning.inspection]
    assert (inspection["late"], inspection["late_minutes"]) == (False, None)
    assert morning.tomorrow not in rows


def test_a_booked_visit_nobody_arrived_at_is_late(session: Session, morning: Morning) -> None:
    """张工 booked 08:00, grace 15 min (visit.grace) → overdue from 08:15; at 10:00, 105 min.
    The 10:00 bookings are within their grace (10:15) and not listed."""
    section = agenda_mod.visits_due(scope(session))
    row = next(r for r in section.rows if r["number"] == morning.no_arrival)
    assert (row["reason"], row["late"], row["late_minutes"]) == ("no_arrival", True, 105)
    assert row["engineer"] == "张工"
    assert morning.wang_visit not in numbers(section)
    assert section.late == 2  # the callback and the 08:00 booking


def test_an_arrival_takes_the_booking_off(session: Session, morning: Morning) -> None:
    visits.start(session, by(at(23, 9, 40)), morning.no_arrival, rules_of(session))
    assert morning.no_arrival not in numbers(agenda_mod.visits_due(scope(session)))


# -- visits today ----------------------------------------------------------------------------


def test_visits_booked_today_per_engineer_in_appointment_order(
    session: Session, morning: Morning
) -> None:
    """08:00 张工; 10:00 王工 (booked first) and 李工 with helper 张工. Groups in the order of
    each engineer's first visit; the helper has the team's visit too. The cancelled 15:00
    booking and the inspection due (not booked) today are not bookings."""
    section = agenda_mod.visits_today(scope(session))
    assert numbers(section) == [morning.no_arrival, morning.wang_visit, morning.li_visit]
    assert section.groups == {
        "张工": [morning.no_arrival, morning.li_visit],
        "王工": [morning.wang_visit],
        "李工": [morning.li_visit],
    }
    li = section.rows[2]
    assert (li["engineer"], li["helpers"]) == ("李工", ["张工"])
    assert li["customer_address"] == "北京市朝阳区"
    assert section.late == 0


# -- loans -----------------------------------------------------------------------------------


def test_a_spare_unit_out_20_days_is_late(session: Session, morning: Morning) -> None:
    """loan.max_days 7 (default): lent 11-03 10:00 → 20 days at 11-23 10:00, listed; lent 11-20
    (3 days) and the one taken back are not."""
    section = agenda_mod.loans(scope(session))
    assert numbers(section, "unit_serial") == ["SPARE-01"]
    row = section.rows[0]
    assert (row["ticket"], row["days_out"], row["assignee"]) == (morning.loan_ticket, 20, "王工")
    assert row["ticket_status"] == "responded"
    assert section.late == 1
    assert section.view()["max_days"] == 7


def test_the_loan_limit_is_a_setting(session: Session, morning: Morning) -> None:
    """loan.max_days 2: the 3-day loan is over it too; 30: neither is."""
    config.set_value(session, by(at(23, 9)), "loan.max_days", "2")
    assert numbers(agenda_mod.loans(scope(session)), "unit_serial") == ["SPARE-01", "SPARE-02"]
    config.set_value(session, by(at(23, 9)), "loan.max_days", "30")
    assert agenda_mod.loans(scope(session)).rows == []


def test_loan_max_days_refuses_zero(session: Session) -> None:
    with pytest.raises(UsageError) as refused:
        config.set_value(session, by(at(23, 9)), "loan.max_days", "0")
    assert refused.value.key == "err.setting_int"


# -- the whole -------------------------------------------------------------------------------


def test_the_whole_agenda(session: Session, morning: Morning) -> None:
    """Late: 1 ticket + 2 visits (callback, 08:00 booking) + 1 loan = 4."""
    result = read(session)
    assert list(result.sections) == [
        "tickets",
        "visits_due",
        "visits_today",
        "loans",
        "low_stock",
        "stocktake",
        "surveys",
        "complaints",
    ]
    assert [s.late for s in result.sections.values()] == [1, 2, 0, 1, 0, 0, 0, 0]
    assert result.late == 4
    assert not result.empty


def test_engineer_limits_every_section(session: Session, morning: Morning) -> None:
    """王工: the ticket assigned to him (not 李工's), the callback meant for him, his 10:00
    visit, the loan of his ticket. 张工: no ticket, his 08:00 booking nobody arrived at, and the
    10:00 visit he helps on; no loan."""
    wang = read(session, "王工")
    assert wang.engineer == "王工"
    assert numbers(wang.sections["tickets"]) == [morning.late_ticket]
    assert numbers(wang.sections["visits_due"]) == [morning.callback]
    assert wang.sections["visits_today"].groups == {"王工": [morning.wang_visit]}
    assert numbers(wang.sections["loans"], "ticket") == [morning.loan_ticket]
    zhang = read(session, " 张工 ")  # a person, however spelt
    assert zhang.engineer == "张工"
    assert zhang.sections["tickets"].rows == []
    assert numbers(zhang.sections["visits_due"]) == [morning.no_arrival]
    assert zhang.sections["visits_today"].groups == {"张工": [morning.no_arrival, morning.li_visit]}
    assert zhang.sections["loans"].rows == []
    assert zhang.late == 1


def test_an_unknown_engineer_is_refused_once_there_are_users(
    session: Session, morning: Morning
) -> None:
    """A misspelt name would show an empty morning (and --check 0): refused with users; a
    name that is no user but has work (an assignee) is still accepted."""
    from shouhou.services.users import add_user

    add_user(session, by(at(1, 8)), name="李工", role="engineer")
    with pytest.raises(UsageError) as refused:
        read(session, "王公")
    assert refused.value.key == "err.today_engineer"
    assert refused.value.fields == {"name": "王公"}
    assert read(session, "王工").engineer == "王工"
    with pytest.raises(UsageError) as empty:
        read(session, "  ")
    assert empty.value.key == "err.required"


def test_an_empty_morning(session: Session) -> None:
    result = read(session)
    assert result.empty and result.late == 0
    assert all(section.rows == [] for section in result.sections.values())


def test_json_view_shape(session: Session, morning: Morning) -> None:
    view = read(session).view()
    assert set(view) == {"generated_at", "today", "engineer", "late", "created", "sections"}
    assert view["generated_at"] == "2026-11-23T02:00:00+00:00"
    assert view["today"] == "2026-11-23"
    assert set(view["sections"]) == {
        "tickets",
        "visits_due",
        "visits_today",
        "loans",
        "low_stock",
        "stocktake",
        "surveys",
        "complaints",
    }
    for section in view["sections"].values():
        assert {"count", "late", "rows"} <= set(section)
        assert section["count"] == len(section["rows"])
    assert set(view["sections"]["visits_today"]["groups"]) == {"张工", "王工", "李工"}
    ticket = view["sections"]["tickets"]["rows"][0]
    for key in ("number", "severity", "customer_name", "assignee", "milestone", "due_at"):
        assert key in ticket


def test_a_section_is_one_function_and_one_line(
    session: Session, morning: Morning, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Later issues add rows (complaints, low stock, surveys): a builder and a registry line."""

    def later_domain(scope: Scope) -> Section:
        return Section(rows=[{"number": "TS2611-0001"}], late=1)

    monkeypatch.setitem(agenda_mod.SECTIONS, "later_domain", later_domain)
    result = read(session)
    assert list(result.sections)[-1] == "later_domain"
    assert result.late == 5


# -- due visits materialised, idempotently ---------------------------------------------------


def _counts(session: Session) -> tuple[int, int]:
    session.flush()
    audits = session.exec(select(func.count()).select_from(AuditEntry)).one()
    visits_made = session.exec(select(func.count()).select_from(Visit)).one()
    return audits, visits_made


def test_running_it_twice_changes_nothing(session: Session, morning: Morning) -> None:
    """A monthly inspection plan from 2026-09-23, added 09-01 (its occurrences up to 09-01 +
    14 days look-ahead: none yet); a key customer (DOMAIN §3 "at least twice a year"). The
    first ``today`` makes the plan's 09-23, 10-23 and 11-23 occurrences (12-23 is past
    11-23 + 14 d) and the key customer's half-year callback (due by 12-31): 4 due visits, two
    of them overdue inspections. The second run creates nothing: audit rows and visits are as
    they were."""
    from shouhou.services.visits.plans import add_plan

    add_plan(
        session,
        by(at(1, 9, month=9)),
        customer_ref="北京照明",
        device_ref=None,
        every_months=1,
        start_on=date(2026, 9, 23),
        zone=SHANGHAI,
    )
    add_customer(session, by(at(1, 9)), name="上海重点客户", key_customer=True)
    before = _counts(session)
    stamp = Stamp("小刘", NOW)
    first = agenda(session, stamp, now=NOW, today=TODAY, zone=SHANGHAI, rules=rules_of(session))
    assert first.created == 4
    after_first = _counts(session)
    assert after_first[1] == before[1] + 4
    plan_rows = [r for r in first.sections["visits_due"].rows if r["origin"] == "plan"]
    assert [(r["late"], r["due_at"][:10]) for r in plan_rows] == [
        (True, "2026-09-23"),
        (True, "2026-10-23"),
        (False, "2026-11-23"),
        (False, "2026-11-23"),
    ]
    second = agenda(session, stamp, now=NOW, today=TODAY, zone=SHANGHAI, rules=rules_of(session))
    assert second.created == 0
    assert _counts(session) == after_first
    assert second.view()["sections"] == first.view()["sections"]
