"""services/ticket_queries: list filters, urgency order, the overdue list, the detail view."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import charges, intake, returns
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.queries import OPEN_STATES, detail, list_views, overdue_views
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SH)  # a Monday


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def by(actor: str, text: str) -> Stamp:
    return Stamp(actor, at(text))


@pytest.fixture
def _tk_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _tk_world(session: Session, _tk_rules: Rules) -> dict[str, Any]:
    """Tickets in known states at NOW (Mon 2026-11-23 10:00 Shanghai)::

    0001 critical, received 05:00, untouched: reply 4 h 50 min late      (S-IN,  王工)
    0002 major, received 09:00, untouched: reply 30 min late             (S-OUT)
    0003 minor, received 09:45: reply due 10:45 today                    (S-IN)
    0004 minor, Fri 11-20, waiting on parts since Fri 09:30              (S-IN,  李工)
    0005 minor, 11-02, category cooling, resolved and closed             (S-IN)
    0006 minor, Thu 11-19, cooling again → repeat of 0005, closed        (S-IN)
    """
    stamp = by("clerk", "2026-01-01 09:00")
    acme = add_customer(session, stamp, name="ACME")
    beta = add_customer(session, stamp, name="Beta")
    assert acme.id is not None and beta.id is not None
    s_in = add_device(
        session, stamp, customer_id=acme.id, model="M", serial="S-IN", accepted_on=date(2026, 1, 1)
    )
    s_out = add_device(
        session, stamp, customer_id=beta.id, model="M", serial="S-OUT", accepted_on=date(2020, 1, 1)
    )

    def open_(when: str, severity: str, device: Any, category: str | None = None) -> str:
        return intake.open_ticket(
            session,
            by("clerk", when),
            customer_id=device.customer_id,
            severity=severity,
            symptom=f"symptom {when}",
            received_at=at(when),
            rules=_tk_rules,
            device_id=device.id,
            category=category,
        ).ticket.number

    r = _tk_rules
    n1 = open_("2026-11-23 05:00", "1", s_in)
    tickets.assign(session, by("clerk", "2026-11-23 05:01"), n1, "王工", r)
    n2 = open_("2026-11-23 09:00", "2", s_out)
    n3 = open_("2026-11-23 09:45", "3", s_in)
    n4 = open_("2026-11-20 09:00", "3", s_in)
    tickets.assign(session, by("clerk", "2026-11-20 09:05"), n4, "李工", r)
    tickets.respond(session, by("李工", "2026-11-20 09:10"), n4, r, None)
    tickets.wait(session, by("李工", "2026-11-20 09:30"), n4, reason="等待配件", rules=r)
    n5 = open_("2026-11-02 09:00", "3", s_in, "cooling")
    tickets.respond(session, by("王工", "2026-11-02 09:10"), n5, r, None)
    tickets.diagnose(
        session, by("王工", "2026-11-02 10:00"), n5, cause="quality", finding="f", rules=r
    )
    tickets.resolve(session, by("王工", "2026-11-02 11:00"), n5, action="a", rules=r)
    tickets.close(session, by("clerk", "2026-11-03 11:00"), n5, r)
    n6 = open_("2026-11-19 09:00", "3", s_in, "cooling")
    tickets.respond(session, by("王工", "2026-11-19 09:10"), n6, r, None)
    tickets.diagnose(
        session, by("王工", "2026-11-19 10:00"), n6, cause="quality", finding="f", rules=r
    )
    tickets.resolve(session, by("王工", "2026-11-19 11:00"), n6, action="a", rules=r)
    tickets.close(session, by("clerk", "2026-11-20 11:00"), n6, r)
    session.flush()
    return {"n": [n1, n2, n3, n4, n5, n6], "acme": acme.id, "beta": beta.id}


def numbers(views: list[dict[str, Any]]) -> list[str]:
    return [v["number"] for v in views]


def listed(session: Session, rules: Rules, statuses: Any = OPEN_STATES, **kw: Any) -> list[str]:
    return numbers(list_views(session, rules, NOW, statuses=statuses, **kw))


def test_numbering_of_the_world(_tk_world: dict[str, Any]) -> None:
    assert _tk_world["n"] == [
        "SH2611-0001",
        "SH2611-0002",
        "SH2611-0003",
        "SH2611-0004",
        "SH2611-0005",
        "SH2611-0006",
    ]


def test_default_sort_is_urgency(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    views = list_views(session, _tk_rules, NOW, statuses=OPEN_STATES)
    assert [(v["number"], v["urgency"]) for v in views] == [
        ("SH2611-0001", 644),  # critical, reply 4.8 h late, auto-escalated to the manager
        ("SH2611-0002", 462),  # major, 30 min late, supervisor
        ("SH2611-0003", 247),  # minor, 45 min left
        ("SH2611-0004", 103),  # minor, paused: no deadline points, 3 days old
    ]
    first = views[0]
    assert (first["next_due"], first["minutes_left"], first["escalation_level"]) == (
        "reply",
        -290,
        2,
    )
    assert first["overdue"] == ["reply", "resolve"]
    assert views[3]["waiting"] is True and views[3]["minutes_left"] is None


def test_other_sorts_and_limit(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    assert listed(session, _tk_rules, sort="number", limit=2) == ["SH2611-0001", "SH2611-0002"]
    assert listed(session, _tk_rules, sort="newest") == [
        "SH2611-0003",
        "SH2611-0002",
        "SH2611-0001",
        "SH2611-0004",
    ]
    assert listed(session, _tk_rules, limit=1) == ["SH2611-0001"]


def test_filters(session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]) -> None:
    r = _tk_rules
    assert listed(session, r, statuses=[], sort="number") == _tk_world["n"]
    assert listed(session, r, statuses=["closed"], sort="number") == ["SH2611-0005", "SH2611-0006"]
    assert listed(session, r, severity="2") == ["SH2611-0002"]
    assert listed(session, r, assignee="李工") == ["SH2611-0004"]
    assert listed(session, r, customer_id=_tk_world["beta"]) == ["SH2611-0002"]
    assert listed(session, r, in_warranty=False) == ["SH2611-0002"]
    assert listed(session, r, in_warranty=True) == ["SH2611-0001", "SH2611-0003", "SH2611-0004"]
    assert listed(session, r, waiting=True) == ["SH2611-0004"]
    assert listed(session, r, statuses=[], repeat=True) == ["SH2611-0006"]
    assert listed(session, r, overdue=True) == ["SH2611-0001", "SH2611-0002"]
    assert listed(session, r, since=at("2026-11-23 00:00")) == [
        "SH2611-0001",
        "SH2611-0002",
        "SH2611-0003",
    ]
    assert listed(session, r, until=at("2026-11-23 00:00")) == ["SH2611-0004"]


def test_due_today_means_an_unmet_deadline_today(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    """0001's deadlines all fell earlier today (already late), 0003's reply is at 10:45; 0002's
    on-site and resolve deadlines are later; 0004 is paused."""
    views = list_views(session, _tk_rules, NOW, statuses=OPEN_STATES, due_today=True)
    assert numbers(views) == ["SH2611-0001", "SH2611-0002", "SH2611-0003"]


def test_overdue_views_say_how_late(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    views = overdue_views(session, _tk_rules, NOW)
    assert [(v["number"], v["late_minutes"], v["late_milestones"]) for v in views] == [
        ("SH2611-0001", 290, ["reply", "resolve"]),
        ("SH2611-0002", 30, ["reply"]),
    ]
    later = overdue_views(session, _tk_rules, at("2026-11-23 08:00"))
    assert numbers(later) == ["SH2611-0001"]
    assert overdue_views(session, _tk_rules, at("2026-11-23 05:05")) == []


def test_detail_explains_urgency(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    view = detail(session, "SH2611-0001", _tk_rules, NOW)
    assert view["urgency_parts"] == [
        {"factor": "severity", "points": 300, "detail": "1"},
        {"factor": "deadline", "points": 224, "detail": "reply -4.8h"},
        {"factor": "escalation", "points": 120, "detail": "2"},
        {"factor": "age", "points": 0, "detail": "0d"},
    ]
    assert sum(p["points"] for p in view["urgency_parts"]) == view["urgency"] == 644
    assert [(m["name"], m["due_at"], m["missed"]) for m in view["milestones"]] == [
        ("reply", "2026-11-22T21:10:00+00:00", True),
        ("onsite", None, False),
        ("resolve", "2026-11-23T01:00:00+00:00", True),
    ]
    assert [e["action"] for e in view["timeline"]] == ["create", "assign"]


def test_detail_of_closed_ticket(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    view = detail(session, "SH2611-0006", _tk_rules, NOW)
    assert view["status"] == "closed"
    assert view["repeat_of_id"] is not None and view["repair_count"] == 2
    assert view["overdue"] == [] and view["next_due"] is None
    assert view["escalation_level"] == 0
    deadline = [p for p in view["urgency_parts"] if p["factor"] == "deadline"]
    assert deadline == [{"factor": "deadline", "points": 0, "detail": "-"}]
    assert [e["action"] for e in view["timeline"]] == [
        "create",
        "respond",
        "diagnose",
        "resolve",
        "close",
    ]


def test_detail_lists_charges_loans_returns(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    from decimal import Decimal

    n = "SH2611-0002"
    stamp = by("王工", "2026-11-23 09:50")
    tickets.diagnose(session, stamp, n, cause="wear", finding="f", rules=_tk_rules)
    charges.set_charges(
        session,
        stamp,
        n,
        rules=_tk_rules,
        labor_hours=Decimal("1.5"),
        travel=Decimal("80"),
        parts=[charges.PartLine("阀片", Decimal(2), Decimal("120.50"))],
    )
    returns.lend(session, stamp, n, unit_serial="SPARE-1")
    returns.record_return(session, stamp, n, kind="return", reason="r", condition="c", opinion="o")
    view = detail(session, n, _tk_rules, NOW)
    assert view["charges"] == {
        "parts": "241.00",
        "labor": "225.00",
        "travel": "80.00",
        "total": "546.00",
        "payable": "546.00",
    }
    assert view["charge_lines"][0] == {
        "kind": "part",
        "description": "阀片",
        "quantity": "2",
        "unit_price": "120.50",
        "amount": "241.00",
    }
    assert [(x["unit_serial"], x["returned_at"]) for x in view["loans"]] == [("SPARE-1", None)]
    assert [(x["kind"], x["faulty_serial"]) for x in view["returns"]] == [("return", "S-OUT")]
    assert [e["action"] for e in view["timeline"]][-3:] == ["charge", "loan", "return"]


def test_finished_tickets_do_not_go_overdue_later(
    session: Session, _tk_rules: Rules, _tk_world: dict[str, Any]
) -> None:
    """Bug: the clocks of finished tickets kept running. A ticket set to on-site but fixed by
    phone within the hour showed "onsite" missed a month later, and a cancelled ticket (误报)
    showed reply and resolve missed, so ``ticket list --status all --overdue`` listed both."""
    r = _tk_rules
    phone_fix = "SH2611-0003"  # minor, received 09:45
    tickets.set_mode(session, by("王工", "2026-11-23 09:50"), phone_fix, "onsite", r)
    tickets.diagnose(
        session, by("王工", "2026-11-23 09:55"), phone_fix, cause="quality", finding="f", rules=r
    )
    tickets.resolve(session, by("王工", "2026-11-23 10:00"), phone_fix, action="a", rules=r)
    tickets.cancel(session, by("clerk", "2026-11-23 09:10"), "SH2611-0002", reason="误报", rules=r)
    month_later = at("2026-12-23 10:00")
    assert detail(session, phone_fix, r, month_later)["overdue"] == []
    assert detail(session, "SH2611-0002", r, month_later)["overdue"] == []
    overdue = list_views(session, r, month_later, statuses=[], overdue=True)
    assert numbers(overdue) == ["SH2611-0001"]
    # a miss that happened before the end stays a miss
    assert detail(session, "SH2611-0001", r, month_later)["overdue"] == ["reply", "resolve"]
