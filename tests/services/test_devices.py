"""Factory product file 出厂产品档案 (DOMAIN §1): devices, components, contracts, warranty state."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, func, select

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import Customer, Device, DeviceComponent
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import (
    add_device,
    components_of,
    device_views,
    edit_device,
    get_device,
    iter_devices,
    parse_component,
    serial_taken,
    set_contract,
    warranty_of,
)
from shouhou.services.customers.files import device_file

TODAY = date(2026, 11, 23)


@pytest.fixture
def customer(session: Session, stamp: Stamp) -> Customer:
    return add_customer(session, stamp, name="天津天控科技有限公司")


def _device(
    session: Session, stamp: Stamp, customer: Customer, serial: str, **kw: object
) -> Device:
    assert customer.id is not None
    fields: dict[str, object] = {"model": "KS-200", "accepted_on": date(2025, 3, 1)}
    fields.update(kw)
    return add_device(session, stamp, customer_id=customer.id, serial=serial, **fields)  # type: ignore[arg-type]


def test_add_device_stores_fields(session: Session, stamp: Stamp, customer: Customer) -> None:
    device = _device(
        session,
        stamp,
        customer,
        " S1 ",
        brand="天控",
        product_line="compressor",
        factory_date=date(2025, 1, 5),
        purchase_date=date(2025, 2, 1),
        warranty_months=36,
        components=[("motor", 120), ("电气", 12)],
    )
    assert device.serial == "S1"  # trimmed
    assert device.id is not None
    assert components_of(session, device.id) == [("motor", 120), ("电气", 12)]
    assert device.warranty_months == 36
    assert device.created_at == stamp.at


def test_add_device_audits_create_with_components(
    session: Session, stamp: Stamp, customer: Customer
) -> None:
    device = _device(session, stamp, customer, "S1", components=[("motor", 120)])
    assert device.id is not None
    (entry,) = audit.trail(session, entity="device", entity_id=device.id)
    changes = audit.changes_of(entry)
    assert entry.action == "create"
    assert changes["serial"] == "S1"
    assert changes["accepted_on"] == "2025-03-01"
    assert changes["components"] == "motor:120"


def test_duplicate_serial_is_a_domain_error(
    session: Session, stamp: Stamp, customer: Customer
) -> None:
    _device(session, stamp, customer, "S1")
    with pytest.raises(DomainError) as info:
        _device(session, stamp, customer, "S1")
    assert info.value.key == "err.duplicate_serial"
    assert info.value.exit_code == 1
    assert session.exec(select(func.count()).select_from(Device)).one() == 1
    assert serial_taken(session, "S1")
    assert not serial_taken(session, "S2")


def test_duplicate_serial_is_also_refused_by_the_database(
    session: Session, stamp: Stamp, customer: Customer
) -> None:
    from sqlalchemy.exc import IntegrityError

    _device(session, stamp, customer, "S1")
    assert customer.id is not None
    session.add(
        Device(
            customer_id=customer.id,
            serial="S1",
            model="X",
            created_at=stamp.at,
            updated_at=stamp.at,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"serial": " "}, "err.required"),
        ({"model": ""}, "err.required"),
        ({"warranty_months": -1}, "err.bad_number"),
        ({"components": [("motor", 1), ("motor", 2)]}, "err.duplicate_component"),
    ],
)
def test_add_device_validation(
    session: Session, stamp: Stamp, customer: Customer, kwargs: dict[str, object], key: str
) -> None:
    assert customer.id is not None
    fields: dict[str, object] = {"model": "M", "serial": "S9"}
    fields.update(kwargs)
    with pytest.raises(UsageError) as info:
        add_device(session, stamp, customer_id=customer.id, **fields)  # type: ignore[arg-type]
    assert info.value.key == key
    assert info.value.exit_code == 2


def test_add_device_for_unknown_customer(session: Session, stamp: Stamp) -> None:
    with pytest.raises(NotFound) as info:
        add_device(session, stamp, customer_id=77, model="M", serial="S1")
    assert info.value.key == "err.customer_not_found"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("motor:120", ("motor", 120)), (" 电机 : 36 ", ("电机", 36)), ("a:b:12", ("a:b", 12))],
)
def test_parse_component(text: str, expected: tuple[str, int]) -> None:
    assert parse_component(text) == expected


@pytest.mark.parametrize("text", ["motor", "motor:", ":12", "motor:-3", "motor:1.5", "motor:x"])
def test_parse_component_rejects(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_component(text)
    assert info.value.key == "err.bad_component"


def test_get_device_by_serial_or_id(session: Session, stamp: Stamp, customer: Customer) -> None:
    one = _device(session, stamp, customer, "S1")
    two = _device(session, stamp, customer, "2024")
    assert get_device(session, "S1") == one
    assert get_device(session, one.id or 0) == one
    assert get_device(session, str(one.id)) == one
    # A numeric serial wins over an id with the same digits.
    assert get_device(session, "2024") == two
    with pytest.raises(NotFound) as info:
        get_device(session, "nope")
    assert str(info.value) == "error: no device 'nope' — give a device id or serial number"


def test_set_contract_records_an_audit_entry(
    session: Session, stamp: Stamp, customer: Customer
) -> None:
    device = _device(session, stamp, customer, "S1")
    set_contract(session, stamp, "S1", until=date(2028, 12, 31))
    assert device.id is not None
    assert get_device(session, "S1").contract_until == date(2028, 12, 31)
    entries = audit.trail(session, entity="device", entity_id=device.id)
    assert entries[-1].action == "contract"
    assert audit.changes_of(entries[-1]) == {"contract_until": [None, "2028-12-31"]}


def test_edit_device_refuses_taken_serial(
    session: Session, stamp: Stamp, customer: Customer
) -> None:
    _device(session, stamp, customer, "S1")
    _device(session, stamp, customer, "S2")
    with pytest.raises(DomainError):
        edit_device(session, stamp, "S2", serial="S1")
    edited = edit_device(session, stamp, "S2", serial="S3", brand="B")
    assert (edited.serial, edited.brand) == ("S3", "B")


def test_warranty_of_uses_components_and_contract(
    session: Session, stamp: Stamp, customer: Customer
) -> None:
    device = _device(
        session,
        stamp,
        customer,
        "S1",
        accepted_on=date(2024, 1, 31),
        warranty_months=24,
        components=[("motor", 120)],
        contract_until=date(2027, 6, 30),
    )
    verdict = warranty_of(session, device, TODAY)
    assert verdict.state == "under_contract"
    assert [(line.component, line.until, line.in_warranty) for line in verdict.lines] == [
        ("unit", date(2026, 1, 30), False),
        ("motor", date(2034, 1, 30), True),
    ]


def test_tampered_serial_voids(session: Session, stamp: Stamp, customer: Customer) -> None:
    device = _device(session, stamp, customer, "S1")
    edit_device(session, stamp, "S1", serial_tampered=True)
    verdict = warranty_of(session, device, TODAY)
    assert verdict.state == "void"
    assert not verdict.in_warranty


def test_device_views_pages_and_filters(session: Session, stamp: Stamp, customer: Customer) -> None:
    other = add_customer(session, stamp, name="乙")
    for i in range(3):
        _device(session, stamp, customer, f"A{i}", components=[("motor", 120)])
    _device(session, stamp, other, "B0", accepted_on=None)
    views = list(device_views(session, customer_id=None, limit=None, on=TODAY))
    assert [v["serial"] for v in views] == ["A0", "A1", "A2", "B0"]
    assert [w["component"] for w in views[0]["warranty"]] == ["unit", "motor"]
    assert views[3]["warranty_state"] == "unknown"
    mine = list(device_views(session, customer_id=customer.id, limit=2, on=TODAY))
    assert [v["serial"] for v in mine] == ["A0", "A1"]
    assert [d.serial for d in iter_devices(session, customer_id=other.id)] == ["B0"]


def test_device_file(session: Session, stamp: Stamp, customer: Customer) -> None:
    _device(session, stamp, customer, "S1")
    record = device_file(session, "S1", on=TODAY)
    assert record["customer_name"] == "天津天控科技有限公司"
    assert record["tickets"] == []
    assert record["warranty_state"] == "in_warranty"
    assert record["warranty"] == [
        {"component": "unit", "months": 24, "until": "2027-02-28", "in_warranty": True}
    ]
    assert [e["action"] for e in record["timeline"]] == ["create"]


def test_components_are_unique_per_device_in_the_schema(
    session: Session, stamp: Stamp, customer: Customer
) -> None:
    from sqlalchemy.exc import IntegrityError

    device = _device(session, stamp, customer, "S1", components=[("motor", 120)])
    assert device.id is not None
    session.add(DeviceComponent(device_id=device.id, name="motor", months=1))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
