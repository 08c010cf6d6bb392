"""Plain, JSON-shaped views of records (CLI.md "JSON shape"): the CLI prints them, templates
render them. Times are ISO-8601 UTC, dates ISO, money strings with two places."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from shouhou.timeutil import iso_moment, iso_utc

if TYPE_CHECKING:
    from shouhou.models import AuditEntry, Customer, Device
    from shouhou.services.customers.warranty import Verdict


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


# The customer view's keys, in order, and the table column each comes from.
CUSTOMER_KEYS = (
    "id",
    "name",
    "contact",
    "phone",
    "address",
    "region",
    "zone",
    "key",
    "notes",
    "created_at",
)
CUSTOMER_SOURCES = tuple("key_customer" if key == "key" else key for key in CUSTOMER_KEYS)


def customer_view(customer: Customer) -> dict[str, Any]:
    return customer_record([getattr(customer, name) for name in CUSTOMER_SOURCES])


def customer_record(values: Sequence[Any]) -> dict[str, Any]:
    """The customer view from column values in ``CUSTOMER_SOURCES`` order (a query row: lists
    of 10,000 customers build their views this way, without model objects)."""
    record = dict(zip(CUSTOMER_KEYS, values, strict=True))
    record["created_at"] = iso_utc(record["created_at"])
    return record


def warranty_view(verdict: Verdict) -> list[dict[str, Any]]:
    return [
        {
            "component": line.component,
            "months": line.months,
            "until": iso_date(line.until),
            "in_warranty": line.in_warranty,
        }
        for line in verdict.lines
    ]


def device_view(device: Device, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": device.id,
        "customer_id": device.customer_id,
        "serial": device.serial,
        "brand": device.brand,
        "model": device.model,
        "product_line": device.product_line,
        "configuration": device.configuration,
        "factory_date": iso_date(device.factory_date),
        "purchase_date": iso_date(device.purchase_date),
        "accepted_on": iso_date(device.accepted_on),
        "warranty_state": verdict.state,
        "warranty": warranty_view(verdict),
        "contract_until": iso_date(device.contract_until),
        "serial_tampered": device.serial_tampered,
    }


def audit_view(entry: AuditEntry) -> dict[str, Any]:
    """One line of the audit trail; times among the changes are ISO-8601 UTC like every time
    of a view (the trail stores them as they were given: another offset, microseconds)."""
    from shouhou.services.audit import changes_of

    return {
        "at": iso_utc(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "changes": {key: _utc_times(value) for key, value in changes_of(entry).items()},
    }


def _utc_times(value: Any) -> Any:
    if isinstance(value, list):
        return [_utc_times(item) for item in value]
    moment = iso_moment(value)
    return value if moment is None else iso_utc(moment)


def ticket_brief(ticket: Any) -> dict[str, Any]:
    """A ticket in one line (customer file, device history)."""
    return {
        "id": ticket.id,
        "number": ticket.number,
        "status": ticket.status,
        "severity": ticket.severity,
        "received_at": iso_utc(ticket.received_at),
        "symptom": ticket.symptom,
        "assignee": ticket.assignee,
    }


def loan_view(loan: Any, ticket_number: str) -> dict[str, Any]:
    return {
        "id": loan.id,
        "ticket": ticket_number,
        "unit_serial": loan.unit_serial,
        "lent_at": iso_utc(loan.lent_at),
        "returned_at": iso_utc(loan.returned_at),
    }
