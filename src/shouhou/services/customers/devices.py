"""Factory product file 出厂产品档案: devices, component warranty terms, service contracts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.customers import warranty
from shouhou.services.paging import keyset

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Device

FIELDS = (
    "customer_id",
    "serial",
    "brand",
    "model",
    "product_line",
    "configuration",
    "factory_date",
    "purchase_date",
    "accepted_on",
    "warranty_months",
    "contract_until",
    "serial_tampered",
)


def _fields(device: Device) -> dict[str, Any]:
    return {name: getattr(device, name) for name in FIELDS}


def parse_component(text: str) -> tuple[str, int]:
    """``NAME:MONTHS`` as given to ``--component`` (e.g. ``motor:120``)."""
    name, sep, months = text.rpartition(":")
    if not sep or not name.strip() or not months.strip().isdigit():
        raise UsageError("err.bad_component", value=text)
    return name.strip(), int(months)


def serial_taken(session: Session, serial: str) -> bool:
    from sqlmodel import select

    from shouhou.models import Device

    return session.exec(select(Device.id).where(Device.serial == serial)).first() is not None


def add_device(
    session: Session,
    stamp: Stamp,
    *,
    customer_id: int | str,
    model: str,
    serial: str,
    brand: str | None = None,
    product_line: str | None = None,
    configuration: str | None = None,
    factory_date: date | None = None,
    purchase_date: date | None = None,
    accepted_on: date | None = None,
    warranty_months: int = 24,
    components: Sequence[tuple[str, int]] = (),
    contract_until: date | None = None,
    replaces_device_id: int | None = None,
) -> Device:
    """Register a unit sold. DOMAIN §1: serial numbers are unique. ``customer_id`` may be a
    string naming the customer (id, phone or unique name part, CLI.md)."""
    from shouhou.models import Device, DeviceComponent
    from shouhou.services.customers.customers import get_customer

    serial = serial.strip()
    if not serial:
        raise UsageError("err.required", field="serial")
    if not model.strip():
        raise UsageError("err.required", field="model")
    if warranty_months < 0:
        raise UsageError("err.bad_number", field="warranty-months", value=warranty_months)
    owner_id = get_customer(session, customer_id).id
    assert owner_id is not None
    if serial_taken(session, serial):
        raise DomainError("err.duplicate_serial", serial=serial)
    check_contract(contract_until, warranty.warranty_start(accepted_on, purchase_date))
    names = [name for name, _ in components]
    if len(set(names)) != len(names):
        raise UsageError("err.duplicate_component", value=", ".join(names))
    device = Device(
        customer_id=owner_id,
        serial=serial,
        brand=brand,
        model=model.strip(),
        product_line=product_line,
        configuration=configuration,
        factory_date=factory_date,
        purchase_date=purchase_date,
        accepted_on=accepted_on,
        warranty_months=warranty_months,
        contract_until=contract_until,
        replaces_device_id=replaces_device_id,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(device)
    session.flush()
    assert device.id is not None
    for name, months in components:
        session.add(DeviceComponent(device_id=device.id, name=name, months=months))
    changes = {k: v for k, v in _fields(device).items() if v not in (None, False)}
    if components:
        changes["components"] = ", ".join(f"{n}:{m}" for n, m in components)
    audit.record(
        session, stamp, entity="device", entity_id=device.id, action="create", changes=changes
    )
    return device


def get_device(session: Session, ref: str | int) -> Device:
    """By id or serial number."""
    from sqlmodel import select

    from shouhou.models import Device

    text = str(ref).strip()
    device = session.exec(select(Device).where(Device.serial == text)).first()
    if device is None and text.isdigit():
        device = session.get(Device, int(text))
    if device is None:
        raise NotFound("err.device_not_found", ref=text)
    return device


def components_of(session: Session, device_id: int) -> list[tuple[str, int]]:
    from sqlmodel import col, select

    from shouhou.models import DeviceComponent

    rows = session.exec(
        select(DeviceComponent)
        .where(DeviceComponent.device_id == device_id)
        .order_by(col(DeviceComponent.id))
    )
    return [(row.name, row.months) for row in rows]


def warranty_of(session: Session, device: Device, on: date) -> warranty.Verdict:
    assert device.id is not None
    return warranty.verdict(
        on=on,
        accepted_on=device.accepted_on,
        purchase_date=device.purchase_date,
        unit_months=device.warranty_months,
        components=components_of(session, device.id),
        contract_until=device.contract_until,
        serial_tampered=device.serial_tampered,
    )


def fault_verdict(
    session: Session, device: Device, *, on: date, component: str | None
) -> warranty.FaultVerdict:
    """DOMAIN §1: free or chargeable for a fault of ``component`` ("unit"/None: the whole unit)
    on the fault date ``on`` — that component's own term decides; a tampered serial voids it."""
    return warranty_of(session, device, on).judge(component)


def set_contract(session: Session, stamp: Stamp, device_ref: str, *, until: date) -> Device:
    """Record a service contract 维保合同 covering the device until ``until``."""
    device = get_device(session, device_ref)
    check_contract(until, warranty.warranty_start(device.accepted_on, device.purchase_date))
    before = _fields(device)
    device.contract_until = until
    device.updated_at = stamp.at
    session.add(device)
    assert device.id is not None
    audit.record(
        session,
        stamp,
        entity="device",
        entity_id=device.id,
        action="contract",
        changes=audit.diff(before, _fields(device)),
    )
    return device


def check_contract(contract_until: date | None, start: date | None) -> None:
    """A service contract follows the warranty: one ending before the warranty even starts
    (acceptance, else purchase) is a typo, refused (issue 15.5)."""
    if contract_until is not None and start is not None and contract_until < start:
        raise UsageError(
            "err.contract_before_start", until=contract_until.isoformat(), start=start.isoformat()
        )


def edit_device(session: Session, stamp: Stamp, device_ref: str, **changes: Any) -> Device:
    """Change fields of a device file; ``None`` leaves a field as it is (audit trail records it).

    ``serial_tampered=True`` records a tampered or removed serial 编号: DOMAIN §1, it voids the
    warranty — verdicts judged from then on say so (tickets already open are judged again
    when diagnosed).
    """
    device = get_device(session, device_ref)
    updates = {k: v for k, v in changes.items() if v is not None}
    if "model" in updates and not str(updates["model"]).strip():
        raise UsageError("err.required", field="model")
    if "serial" in updates and updates["serial"] != device.serial:
        if serial_taken(session, updates["serial"]):
            raise DomainError("err.duplicate_serial", serial=updates["serial"])
    check_contract(
        updates.get("contract_until", device.contract_until),
        warranty.warranty_start(
            updates.get("accepted_on", device.accepted_on),
            updates.get("purchase_date", device.purchase_date),
        ),
    )
    audit.update_tracked(session, stamp, device, entity="device", updates=updates, snapshot=_fields)
    return device


def iter_devices(
    session: Session,
    *,
    customer_id: int | None = None,
    limit: int | None = None,
    batch: int = 2000,
) -> Iterator[Device]:
    from sqlmodel import col, select

    from shouhou.models import Device

    query = select(Device)
    if customer_id is not None:
        query = query.where(Device.customer_id == customer_id)
    return keyset(session, query, col(Device.id), limit=limit, batch=batch)


def device_views(
    session: Session, *, customer_id: int | str | None, limit: int | None, on: date
) -> Iterator[dict[str, Any]]:
    """Device views with warranty state, components loaded per page (no N+1 queries);
    ``customer_id`` may be a string naming the customer (id, phone or unique name part),
    resolved before the first row so an unknown customer fails before anything is printed."""
    from shouhou.services.customers.customers import customer_id_of

    owner = customer_id_of(session, customer_id)
    return _device_views(session, customer_id=owner, limit=limit, on=on)


def _device_views(
    session: Session, *, customer_id: int | None, limit: int | None, on: date
) -> Iterator[dict[str, Any]]:
    from sqlmodel import col, select

    from shouhou.models import DeviceComponent
    from shouhou.views import device_view

    page: list[Device] = []

    def flush() -> Iterator[dict[str, Any]]:
        ids = [d.id for d in page]
        terms: dict[int, list[tuple[str, int]]] = {}
        rows = session.exec(
            select(DeviceComponent)
            .where(col(DeviceComponent.device_id).in_(ids))
            .order_by(col(DeviceComponent.id))
        )
        for row in rows:
            terms.setdefault(row.device_id, []).append((row.name, row.months))
        for d in page:
            yield device_view(
                d,
                warranty.verdict(
                    on=on,
                    accepted_on=d.accepted_on,
                    purchase_date=d.purchase_date,
                    unit_months=d.warranty_months,
                    components=terms.get(d.id or 0, ()),
                    contract_until=d.contract_until,
                    serial_tampered=d.serial_tampered,
                ),
            )

    for device in iter_devices(session, customer_id=customer_id, limit=limit):
        page.append(device)
        if len(page) >= 500:
            yield from flush()
            page = []
    if page:
        yield from flush()
