"""``ticket edit`` rules (issue 10): a ticket's device, customer, fault date, severity and
component corrected after intake — the warranty verdict (DOMAIN §1: the faulty component's term
at the fault date), free or chargeable, the repeat check and the deadlines (DOMAIN §2: from
intake) are judged again, one audit entry lists the changes, finished tickets are refused."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import DomainError, InvalidTransition, ShouhouError, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.tickets import intake
from shouhou.services.tickets import lifecycle as tickets
from shouhou.services.tickets.edit import EditResult, TicketChanges, edit_ticket
from shouhou.services.tickets.sla import Rules, load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket

SH = ZoneInfo("Asia/Shanghai")
INTAKE = "2026-11-23 10:00"  # a Monday


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def by(actor: str, text: str) -> Stamp:
    return Stamp(actor, at(text))


@pytest.fixture
def _te_rules(session: Session) -> Rules:
    return load_rules(session, zone=SH)


@pytest.fixture
def _te_office(session: Session) -> dict[str, int]:
    """ACME (local) with M1: accepted 2024-06-01, unit 24 months (to 2026-05-31), motor 120
    and piping 12 months; and N2 accepted 2026-01-10. Beta (remote) with B1."""
    stamp = by("clerk", "2024-06-01 09:00")
    acme = add_customer(session, stamp, name="ACME", contact="张工", phone="021-1")
    beta = add_customer(session, stamp, name="Beta", contact="李工", phone="010-2", zone="remote")
    assert acme.id is not None and beta.id is not None
    m1 = add_device(
        session,
        stamp,
        customer_id=acme.id,
        model="KS-200",
        serial="M1",
        accepted_on=date(2024, 6, 1),
        warranty_months=24,
        components=[("motor", 120), ("piping", 12)],
    )
    n2 = add_device(
        session,
        stamp,
        customer_id=acme.id,
        model="KS-300",
        serial="N2",
        accepted_on=date(2026, 1, 10),
    )
    b1 = add_device(
        session, stamp, customer_id=beta.id, model="KB", serial="B1", accepted_on=date(2026, 1, 1)
    )
    return {"ACME": acme.id, "Beta": beta.id, "M1": m1.id or 0, "N2": n2.id or 0, "B1": b1.id or 0}


def open_ticket(
    session: Session,
    rules: Rules,
    office: dict[str, int],
    *,
    device: str | None = None,
    **extra: Any,
) -> Ticket:
    return intake.open_ticket(
        session,
        by("clerk", INTAKE),
        customer_id=office["ACME"],
        severity=extra.pop("severity", "3"),
        symptom="异响",
        received_at=at(INTAKE),
        rules=rules,
        device_id=office[device] if device else None,
        **extra,
    ).ticket


def edit(
    session: Session, rules: Rules, ticket: Ticket, when: str = "2026-11-23 11:00", **changes: Any
) -> EditResult:
    return edit_ticket(
        session, by("clerk", when), ticket.number, changes=TicketChanges(**changes), rules=rules
    )


def last_entry(session: Session, ticket: Ticket) -> tuple[str, dict[str, Any]]:
    assert ticket.id is not None
    entries = audit.trail(session, entity="ticket", entity_id=ticket.id)
    return entries[-1].action, audit.changes_of(entries[-1])


def test_a_device_attached_later_gets_its_verdict_at_the_fault_date(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, fault_date=date(2026, 5, 30))
    assert (ticket.device_id, ticket.in_warranty) == (None, None)
    result = edit(session, _te_rules, ticket, device="M1")
    assert ticket.device_id == _te_office["M1"]
    assert (ticket.component, ticket.in_warranty, ticket.warranty_note) == (
        "unit",
        True,
        "in_warranty",
    )  # the unit's term ran to 2026-05-31: the fault date decides, not the edit day
    assert result.fault_verdict is not None and result.fault_verdict.on == date(2026, 5, 30)
    action, changes = last_entry(session, ticket)
    assert action == "edit"
    assert changes["device"] == [None, "M1"]
    assert changes["in_warranty"] == [None, True]


def test_the_faulty_components_term_decides_after_an_edit(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, device="M1")  # unit expired 2026-05-31
    assert (ticket.component, ticket.in_warranty) == ("unit", False)
    edit(session, _te_rules, ticket, component="motor")
    assert (ticket.component, ticket.in_warranty, ticket.warranty_note) == (
        "motor",
        True,
        "in_warranty",
    )
    edit(session, _te_rules, ticket, component="piping")
    assert (ticket.component, ticket.in_warranty, ticket.warranty_note) == (
        "piping",
        False,
        "expired",
    )
    with pytest.raises(UsageError) as refused:
        edit(session, _te_rules, ticket, component="pump")
    assert refused.value.key == "err.bad_choice"
    assert refused.value.fields["accepted"] == "unit|motor|piping"


def test_an_earlier_fault_date_is_judged_again(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, device="M1")
    assert ticket.in_warranty is False
    edit(session, _te_rules, ticket, fault_date=date(2026, 5, 31))  # the unit's last day
    assert (ticket.fault_date, ticket.in_warranty) == (date(2026, 5, 31), True)
    _, changes = last_entry(session, ticket)
    assert changes["fault_date"] == ["2026-11-23", "2026-05-31"]
    assert changes["in_warranty"] == [False, True]


def test_a_fault_date_after_intake_is_refused(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office)
    with pytest.raises(UsageError) as refused:
        edit(session, _te_rules, ticket, fault_date=date(2026, 11, 24))
    assert refused.value.key == "err.fault_after_intake"
    assert ticket.fault_date == date(2026, 11, 23)


def test_a_severity_change_counts_the_deadlines_from_intake(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office)
    assert ticket.reply_due_at == at("2026-11-23 11:00")  # minor: 1 working hour
    edit(session, _te_rules, ticket, when="2026-11-23 10:05", severity="1")
    # critical, 24×7: reply 10 min and resolve 4 h from 10:00, not from the edit at 10:05
    assert ticket.reply_due_at == at("2026-11-23 10:10")
    assert ticket.resolve_due_at == at("2026-11-23 14:00")
    assert ticket.next_due_at == at("2026-11-23 10:10")
    action, changes = last_entry(session, ticket)
    assert action == "edit"
    assert changes["severity"] == ["3", "1"]
    assert datetime.fromisoformat(changes["reply_due_at"][1]) == at("2026-11-23 10:10")


def test_a_device_of_another_customer_is_refused(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office)
    entries = len(audit.trail(session, entity="ticket", entity_id=ticket.id or 0))
    with pytest.raises(DomainError) as refused:
        edit(session, _te_rules, ticket, device="B1")
    assert refused.value.key == "err.device_other_customer"
    assert refused.value.exit_code == 1
    assert refused.value.fields == {"serial": "B1", "customer": "ACME"}
    assert ticket.device_id is None
    assert len(audit.trail(session, entity="ticket", entity_id=ticket.id or 0)) == entries


def test_customer_and_device_move_together(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, device="M1")
    assert (ticket.contact, ticket.phone, ticket.zone) == ("张工", "021-1", "local")
    result = edit(session, _te_rules, ticket, customer="Beta", device="B1")
    assert (ticket.customer_id, ticket.device_id) == (_te_office["Beta"], _te_office["B1"])
    # the contact taken from ACME's file at intake becomes Beta's; the site's zone follows
    assert (ticket.contact, ticket.phone, ticket.zone) == ("李工", "010-2", "remote")
    assert (ticket.in_warranty, result.customer.name) == (True, "Beta")
    _, changes = last_entry(session, ticket)
    assert changes["customer_id"] == [_te_office["ACME"], _te_office["Beta"]]
    assert changes["device"] == ["M1", "B1"]
    assert changes["zone"] == ["local", "remote"]


def test_a_callers_own_contact_stays_when_the_customer_changes(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, contact="王师傅", phone="139")
    edit(session, _te_rules, ticket, customer="Beta")
    assert (ticket.contact, ticket.phone) == ("王师傅", "139")
    edit(session, _te_rules, ticket, contact="赵工", phone="138")
    assert (ticket.contact, ticket.phone) == ("赵工", "138")


def test_the_customer_alone_cannot_leave_the_device_behind(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, device="M1")
    with pytest.raises(DomainError) as refused:
        edit(session, _te_rules, ticket, customer="Beta")
    assert refused.value.fields == {"serial": "M1", "customer": "Beta"}
    assert ticket.customer_id == _te_office["ACME"]


@pytest.mark.parametrize("finish", ["close", "cancel"])
def test_closed_and_cancelled_tickets_are_not_edited(
    session: Session, _te_rules: Rules, _te_office: dict[str, int], finish: str
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, device="N2")
    stamp = by("clerk", "2026-11-23 10:30")
    if finish == "cancel":
        tickets.cancel(session, stamp, ticket.number, reason="误报", rules=_te_rules)
    else:
        tickets.respond(session, stamp, ticket.number, _te_rules, None)
        tickets.resolve(session, stamp, ticket.number, action="指导", rules=_te_rules)
        tickets.close(session, stamp, ticket.number, _te_rules)
    with pytest.raises(InvalidTransition) as refused:
        edit(session, _te_rules, ticket, device="M1")
    assert refused.value.key == "err.edit_finished"
    assert refused.value.exit_code == 1
    assert ticket.device_id == _te_office["N2"]


def test_a_resolved_ticket_can_still_be_put_right(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    """Before the sheet is printed and the ticket closed, a wrong device can still be fixed."""
    ticket = open_ticket(session, _te_rules, _te_office, device="N2")
    stamp = by("clerk", "2026-11-23 10:30")
    tickets.respond(session, stamp, ticket.number, _te_rules, None)
    tickets.resolve(session, stamp, ticket.number, action="电话指导", rules=_te_rules)
    edit(session, _te_rules, ticket, device="M1", component="motor")
    assert (ticket.status, ticket.device_id, ticket.component, ticket.in_warranty) == (
        "resolved",
        _te_office["M1"],
        "motor",
        True,
    )


def test_a_diagnosed_cause_decides_free_or_chargeable_again(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office)
    tickets.diagnose(
        session,
        by("王工", "2026-11-23 10:30"),
        ticket.number,
        cause="quality",
        finding="阀片断裂",
        rules=_te_rules,
    )
    assert ticket.chargeable is True  # no device, no warranty known
    edit(session, _te_rules, ticket, device="N2")  # in warranty, the firm's fault
    assert (ticket.in_warranty, ticket.chargeable) == (True, False)
    _, changes = last_entry(session, ticket)
    assert changes["chargeable"] == [True, False]


def test_another_device_keeps_the_component_only_if_it_has_one(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, device="M1", component="motor")
    edit(session, _te_rules, ticket, device="N2")  # N2 has no motor term of its own
    assert (ticket.component, ticket.in_warranty) == ("unit", True)


def test_a_component_needs_a_device(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office)
    with pytest.raises(UsageError) as refused:
        edit(session, _te_rules, ticket, component="motor")
    assert refused.value.key == "err.component_needs_device"


def test_a_repeat_is_found_once_the_device_is_known(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    earlier = open_ticket(session, _te_rules, _te_office, device="N2", category="排气")
    tickets.respond(session, by("王工", "2026-11-23 10:10"), earlier.number, _te_rules, None)
    tickets.resolve(
        session, by("王工", "2026-11-23 10:20"), earlier.number, action="换阀片", rules=_te_rules
    )
    later = intake.open_ticket(
        session,
        by("clerk", "2026-11-23 10:40"),
        customer_id=_te_office["ACME"],
        severity="3",
        symptom="又停机",
        received_at=at("2026-11-23 10:40"),
        rules=_te_rules,
        category="排气",
    ).ticket
    assert later.repeat_of_id is None
    result = edit(session, _te_rules, later, device="N2")
    assert later.repeat_of_id == earlier.id
    assert result.repeat is not None and result.repeat.within_window


def test_the_same_values_record_nothing(
    session: Session, _te_rules: Rules, _te_office: dict[str, int]
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office, device="M1")
    entries = len(audit.trail(session, entity="ticket", entity_id=ticket.id or 0))
    result = edit(session, _te_rules, ticket, device="M1", customer="ACME", severity="3")
    assert result.changes == {}
    assert len(audit.trail(session, entity="ticket", entity_id=ticket.id or 0)) == entries


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({}, "err.edit_nothing"),
        ({"symptom": "  "}, "err.required"),
        ({"severity": "major"}, "err.bad_choice"),  # the CLI turns words into 1|2|3
    ],
)
def test_bad_edits_are_usage_errors(
    session: Session,
    _te_rules: Rules,
    _te_office: dict[str, int],
    changes: dict[str, Any],
    key: str,
) -> None:
    ticket = open_ticket(session, _te_rules, _te_office)
    with pytest.raises(ShouhouError) as refused:
        edit(session, _te_rules, ticket, **changes)
    assert (refused.value.key, refused.value.exit_code) == (key, 2)
