"""``intake.receive_call`` (issue 10.1): a caller's new customer file and an unknown serial are
registered with the ticket, and the ticket gets the device's warranty verdict."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.errors import UsageError
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer, get_customer
from shouhou.services.customers.devices import components_of, get_device
from shouhou.services.tickets.intake import NewCustomer, NewDevice, receive_call
from shouhou.services.tickets.sla import load_rules

if TYPE_CHECKING:
    from sqlmodel import Session

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SH)


def test_an_unknown_serial_is_registered_under_the_callers_customer(session: Session) -> None:
    stamp = Stamp("clerk", NOW)
    acme = add_customer(session, stamp, name="ACME")
    result = receive_call(
        session,
        stamp,
        customer_id=acme.id,
        new_device=NewDevice(
            serial="X9", model="KS-300", accepted_on=date(2024, 1, 1), components=(("电机", 120),)
        ),
        severity="2",
        symptom="停机",
        received_at=NOW,
        rules=load_rules(session, zone=SH),
        component="电机",
    )
    device = get_device(session, "X9")
    assert (device.customer_id, device.model, device.warranty_months) == (acme.id, "KS-300", 24)
    assert components_of(session, device.id or 0) == [("电机", 120)]
    ticket = result.ticket
    assert ticket.device_id == device.id
    # the unit's 24 months ended 2025-12-31; the motor's 120 months decide
    assert (ticket.component, ticket.in_warranty, ticket.warranty_note) == (
        "电机",
        True,
        "in_warranty",
    )


def test_a_new_caller_gets_a_file_with_contact_and_zone(session: Session) -> None:
    stamp = Stamp("clerk", NOW)
    result = receive_call(
        session,
        stamp,
        customer_id=None,
        new_customer=NewCustomer(name="新华机械厂", phone="139", contact="王师傅", zone="remote"),
        new_device=NewDevice(serial="X9", model="KS-300", purchase_date=date(2026, 1, 1)),
        severity="3",
        symptom="灯不亮",
        received_at=NOW,
        rules=load_rules(session, zone=SH),
    )
    customer = get_customer(session, result.ticket.customer_id)
    assert (customer.name, customer.phone, customer.contact, customer.zone) == (
        "新华机械厂",
        "139",
        "王师傅",
        "remote",
    )
    assert get_device(session, "X9").customer_id == customer.id
    assert (result.ticket.zone, result.ticket.contact) == ("remote", "王师傅")
    assert result.ticket.in_warranty is True  # purchase date starts the term without acceptance


def test_a_call_needs_a_customer(session: Session) -> None:
    with pytest.raises(UsageError) as refused:
        receive_call(
            session,
            Stamp("clerk", NOW),
            customer_id=None,
            severity="3",
            symptom="x",
            received_at=NOW,
            rules=load_rules(session, zone=SH),
        )
    assert refused.value.fields == {"field": "customer"}
