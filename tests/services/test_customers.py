"""Customer file 客户档案 service (DOMAIN §1): create, find, edit, list, the file view."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import AuditEntry, Customer
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import (
    add_customer,
    edit_customer,
    find_customers,
    get_customer,
    iter_customers,
    resolve_customer,
)
from shouhou.services.customers.devices import add_device
from shouhou.services.customers.files import customer_file

TODAY = date(2026, 11, 23)


def test_add_customer_stores_fields_and_times(session: Session, stamp: Stamp) -> None:
    customer = add_customer(
        session,
        stamp,
        name="  天津天控科技有限公司 ",
        contact="王工",
        phone="022-12345678",
        address="天津市南开区",
        region="天津",
        zone="nearby",
        key_customer=True,
        notes="老客户",
    )
    assert customer.id is not None
    stored = session.get(Customer, customer.id)
    assert stored is not None
    assert stored.name == "天津天控科技有限公司"  # trimmed
    assert (stored.contact, stored.phone, stored.zone) == ("王工", "022-12345678", "nearby")
    assert stored.key_customer is True
    assert stored.created_at == stamp.at
    assert stored.created_at.utcoffset() is not None
    assert stored.updated_at == stamp.at


def test_add_customer_records_create_in_audit_trail(session: Session, stamp: Stamp) -> None:
    customer = add_customer(session, stamp, name="甲公司", phone="1")
    assert customer.id is not None
    entries = audit.trail(session, entity="customer", entity_id=customer.id)
    assert [(e.action, e.actor) for e in entries] == [("create", "tester")]
    assert audit.changes_of(entries[0]) == {"name": "甲公司", "phone": "1", "zone": "local"}


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_add_customer_requires_a_name(session: Session, stamp: Stamp, name: str) -> None:
    with pytest.raises(UsageError) as info:
        add_customer(session, stamp, name=name)
    assert info.value.key == "err.required"
    assert info.value.fields == {"field": "name"}


def test_add_customer_rejects_unknown_zone(session: Session, stamp: Stamp) -> None:
    with pytest.raises(UsageError) as info:
        add_customer(session, stamp, name="X", zone="mars")
    assert info.value.key == "err.bad_word"
    assert str(info.value) == ("error: zone 'mars' is not allowed — accepted: local|nearby|remote")


def test_get_customer_missing_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound) as info:
        get_customer(session, 999)
    assert info.value.key == "err.customer_not_found"
    assert info.value.exit_code == 1
    assert str(info.value) == "error: no customer '999' — check `shouhou customer list`"


def test_find_customers_by_id_phone_and_name_fragment(session: Session, stamp: Stamp) -> None:
    a = add_customer(session, stamp, name="天津天控科技有限公司", phone="022-12345678")
    b = add_customer(session, stamp, name="北京某某设备厂", phone="010-5555")
    assert find_customers(session, str(b.id)) == [b]
    assert find_customers(session, "022-12345678") == [a]
    assert find_customers(session, "天控") == [a]
    assert find_customers(session, "有限") == [a]
    assert find_customers(session, "公司厂") == []


def test_resolve_customer_exact_unique_and_ambiguous(session: Session, stamp: Stamp) -> None:
    a = add_customer(session, stamp, name="天津一厂")
    add_customer(session, stamp, name="天津一厂分厂")
    assert resolve_customer(session, "天津一厂") == a  # exact name wins over fragments
    with pytest.raises(DomainError) as info:
        resolve_customer(session, "天津")
    assert info.value.key == "err.customer_ambiguous"
    assert "天津一厂分厂" in info.value.fields["candidates"]
    with pytest.raises(NotFound):
        resolve_customer(session, "上海")


def test_edit_customer_records_a_diff(session: Session, stamp: Stamp) -> None:
    customer = add_customer(session, stamp, name="甲", phone="1")
    assert customer.id is not None
    later = Stamp("李四", stamp.at + timedelta(hours=2))
    edit_customer(session, later, customer.id, phone="2", key_customer=True, contact=None)
    stored = get_customer(session, customer.id)
    assert (stored.phone, stored.key_customer, stored.contact) == ("2", True, None)
    assert stored.updated_at == later.at
    assert stored.created_at == stamp.at
    entries = audit.trail(session, entity="customer", entity_id=customer.id)
    assert [(e.action, e.actor) for e in entries] == [("create", "tester"), ("update", "李四")]
    assert audit.changes_of(entries[1]) == {"phone": ["1", "2"], "key_customer": [False, True]}


def test_edit_customer_without_change_writes_no_audit_entry(session: Session, stamp: Stamp) -> None:
    customer = add_customer(session, stamp, name="甲", phone="1")
    assert customer.id is not None
    edit_customer(session, stamp, customer.id, phone="1")
    count = len(list(session.exec(select(AuditEntry).where(AuditEntry.entity == "customer"))))
    assert count == 1


def test_edit_customer_validates(session: Session, stamp: Stamp) -> None:
    customer = add_customer(session, stamp, name="甲")
    assert customer.id is not None
    with pytest.raises(UsageError):
        edit_customer(session, stamp, customer.id, zone="moon")
    with pytest.raises(UsageError):
        edit_customer(session, stamp, customer.id, name="  ")
    with pytest.raises(UsageError) as info:
        edit_customer(session, stamp, customer.id, colour="red")
    assert info.value.fields["value"] == "colour"
    with pytest.raises(NotFound):
        edit_customer(session, stamp, 4242, phone="3")


def test_iter_customers_pages_in_id_order(session: Session, stamp: Stamp) -> None:
    made = [add_customer(session, stamp, name=f"客户{i:02d}").id for i in range(7)]
    assert [c["id"] for c in iter_customers(session, batch=2)] == made
    assert [c["id"] for c in iter_customers(session, batch=3, limit=5)] == made[:5]
    assert [c["id"] for c in iter_customers(session, limit=1)] == made[:1]


def test_iter_customers_search_matches_name_phone_contact(session: Session, stamp: Stamp) -> None:
    a = add_customer(session, stamp, name="天津天控", phone="022-1")
    b = add_customer(session, stamp, name="北京", contact="天津人")
    c = add_customer(session, stamp, name="上海", phone="021-9")
    assert [x["id"] for x in iter_customers(session, search="天津")] == [a.id, b.id]
    assert [x["id"] for x in iter_customers(session, search="021")] == [c.id]
    assert list(iter_customers(session, search="广州")) == []


def test_search_treats_like_wildcards_literally(session: Session, stamp: Stamp) -> None:
    add_customer(session, stamp, name="百分之百公司")
    pct = add_customer(session, stamp, name="100%公司")
    assert [x["id"] for x in iter_customers(session, search="%")] == [pct.id]
    assert list(iter_customers(session, search="_")) == []


def test_customer_file_collects_devices_and_trail(session: Session, stamp: Stamp) -> None:
    customer = add_customer(session, stamp, name="甲", phone="1")
    assert customer.id is not None
    add_device(
        session,
        stamp,
        customer_id=customer.id,
        model="KS-200",
        serial="S1",
        accepted_on=date(2025, 3, 1),
        warranty_months=24,
    )
    edit_customer(session, stamp, customer.id, phone="2")
    record = customer_file(session, customer.id, on=TODAY)
    assert record["name"] == "甲"
    assert record["phone"] == "2"
    assert [d["serial"] for d in record["devices"]] == ["S1"]
    assert record["devices"][0]["warranty_state"] == "in_warranty"
    assert record["open_tickets"] == []
    assert record["loans_out"] == []
    assert [e["action"] for e in record["timeline"]] == ["create", "update"]
    assert record["timeline"][1]["changes"] == {"phone": ["1", "2"]}
    assert record["created_at"] == "2026-11-23T02:00:00+00:00"


def test_long_cjk_name_round_trips(session: Session, stamp: Stamp) -> None:
    name = "天" * 200  # the column limit, in characters not bytes
    customer = add_customer(session, stamp, name=name)
    session.flush()
    session.expire_all()
    assert customer.id is not None
    assert get_customer(session, customer.id).name == name
