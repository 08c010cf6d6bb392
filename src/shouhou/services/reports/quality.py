"""The quality-problem report 质量问题报表 for the quality department (DOMAIN §7: "the month's
quality issues by product/model and cause, for the quality department"; issue 14 item 4).

A *quality problem* is a ticket received in the month (firm's zone), not cancelled, whose cause
is the product's own: design 设计, manufacturing/quality 制造质量 or a supplier part 外购件
(:data:`QUALITY_CAUSES`). These are the firm's causes of DOMAIN §1 (``tickets.repeats``)
without installation: a faulty installation is the service team's work, not the product's,
and the quality department cannot act on it.

- by model: per product line and model, the tickets, how many of each cause, the units
  affected (distinct devices);
- by part: the part lines of those tickets' bills (``charge_line`` of kind ``part``), per
  catalogue part (``part_id``) or, for a part typed without the catalogue, its description:
  the quantity, the tickets and the models it was fitted to;
- the tickets themselves: what was found and which parts went in.

Counted in the database (GROUP BY) over the month's range of ``ticket.received_at``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shouhou.services.reports.model import Column, Report, Section
from shouhou.services.reports.monthly import month_starts
from shouhou.services.reports.trends import month_label

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.i18n import Translator

QUALITY_CAUSES = ("design", "quality", "supplier-part")
DASH = "—"  # a part fitted to a ticket without a device: no model


def _key(cause: str) -> str:
    """A cause as a column key (``supplier-part`` → ``supplier_part``)."""
    return cause.replace("-", "_")


def _last(value: str | None) -> tuple[bool, str]:
    """Sorts None after every name."""
    return value is None, value or ""


def _month_filter(start: datetime, end: datetime) -> Any:
    from sqlmodel import col

    from shouhou.models import Ticket

    received = col(Ticket.received_at)
    return (
        (received >= start)
        & (received < end)
        & (col(Ticket.status) != "cancelled")
        & col(Ticket.cause).in_(QUALITY_CAUSES)
    )


def model_rows(session: Session, *, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Per product line and model: quality tickets, per cause, distinct units."""
    from sqlalchemy import case, func, select
    from sqlmodel import col

    from shouhou.models import Device, Ticket

    per_cause = [
        func.sum(case((col(Ticket.cause) == cause, 1), else_=0)) for cause in QUALITY_CAUSES
    ]
    query = (
        select(
            col(Device.product_line),
            col(Device.model),
            func.count(),
            func.count(func.distinct(Ticket.device_id)),
            *per_cause,
        )
        .select_from(Ticket)
        .outerjoin(Device, col(Device.id) == col(Ticket.device_id))
        .where(_month_filter(start, end))
        .group_by(col(Device.product_line), col(Device.model))
    )
    rows = [
        {
            "product_line": line,
            "model": model,
            "tickets": tickets,
            "devices": devices,
            **{_key(cause): int(n or 0) for cause, n in zip(QUALITY_CAUSES, causes, strict=True)},
        }
        for line, model, tickets, devices, *causes in session.execute(query)
    ]
    rows.sort(key=lambda r: (-r["tickets"], *_last(r["model"]), *_last(r["product_line"])))
    return rows


def part_rows(
    session: Session, *, start: datetime, end: datetime, none: str
) -> list[dict[str, Any]]:
    """Per part (catalogue part, else the typed description): quantity fitted, tickets, and the
    models — counted per part × model in the database, the models joined here."""
    from sqlalchemy import Numeric, cast, func, select
    from sqlmodel import col

    from shouhou.models import ChargeLine, Device, Part, Ticket

    description = col(ChargeLine.description)
    query = (
        select(
            col(Part.number),
            func.coalesce(col(Part.name), description),
            col(Device.model),
            func.sum(cast(col(ChargeLine.quantity), Numeric())),
            func.count(func.distinct(ChargeLine.ticket_id)),
        )
        .select_from(ChargeLine)
        .join(Ticket, col(Ticket.id) == col(ChargeLine.ticket_id))
        .outerjoin(Part, col(Part.id) == col(ChargeLine.part_id))
        .outerjoin(Device, col(Device.id) == col(Ticket.device_id))
        .where(_month_filter(start, end), col(ChargeLine.kind) == "part")
        .group_by(col(Part.number), func.coalesce(col(Part.name), description), col(Device.model))
    )
    parts: dict[tuple[str | None, str], dict[str, Any]] = {}
    for number, name, model, quantity, tickets in session.execute(query):
        row = parts.setdefault(
            (number, name),
            {"part": number, "name": name, "quantity": Decimal(0), "tickets": 0, "models": {}},
        )
        row["quantity"] += _decimal(quantity)
        row["tickets"] += tickets
        row["models"][model or none] = row["models"].get(model or none, 0) + tickets
    rows = []
    for row in parts.values():
        models = sorted(row["models"].items(), key=lambda m: (-m[1], m[0]))
        rows.append({**row, "models": ", ".join(f"{m} ({n})" for m, n in models)})
    rows.sort(key=lambda r: (-r["tickets"], *_last(r["part"]), r["name"]))
    return rows


def _decimal(value: Any) -> Decimal:
    """A SQL sum of quantities: exact on PostgreSQL; SQLite's NUMERIC hands back a float for
    fractional quantities, taken to 6 decimal places (0.1 + 0.2 is 0.3 on the bill)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, float):
        return Decimal(str(round(value, 6))).normalize()
    return Decimal(value)


def _quantity_text(value: Decimal) -> str:
    """``3`` for whole quantities, ``2.5`` otherwise."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def ticket_rows(
    session: Session, *, start: datetime, end: datetime, zone: tzinfo
) -> list[dict[str, Any]]:
    """The month's quality tickets by reception, with their finding and part lines."""
    from sqlalchemy import select
    from sqlmodel import col

    from shouhou.models import ChargeLine, Customer, Device, Ticket

    received = col(Ticket.received_at)
    query = (
        select(
            col(Ticket.id),
            col(Ticket.number),
            received,
            col(Customer.name),
            col(Device.model),
            col(Device.serial),
            col(Ticket.category),
            col(Ticket.cause),
            col(Ticket.finding),
        )
        .select_from(Ticket)
        .join(Customer, col(Customer.id) == col(Ticket.customer_id))
        .outerjoin(Device, col(Device.id) == col(Ticket.device_id))
        .where(_month_filter(start, end))
        .order_by(received, col(Ticket.id))
    )
    found = list(session.execute(query))
    lines: dict[int, list[str]] = defaultdict(list)
    if found:
        parts = (
            select(col(ChargeLine.ticket_id), col(ChargeLine.description), col(ChargeLine.quantity))
            .join(Ticket, col(Ticket.id) == col(ChargeLine.ticket_id))
            .where(_month_filter(start, end), col(ChargeLine.kind) == "part")
            .order_by(col(ChargeLine.ticket_id), col(ChargeLine.id))
        )
        for ticket_id, text, quantity in session.execute(parts):
            lines[ticket_id].append(f"{text} ×{_quantity_text(Decimal(quantity))}")
    return [
        {
            "number": number,
            "received_on": at.astimezone(zone).date().isoformat(),
            "customer": customer,
            "model": model,
            "serial": serial,
            "category": category,
            "cause": cause,
            "finding": finding,
            "parts": "; ".join(lines[ticket_id]),
        }
        for ticket_id, number, at, customer, model, serial, category, cause, finding in found
    ]


def month_faults(session: Session, *, start: datetime, end: datetime) -> int:
    """All faults of the month (tickets received, not cancelled): the share's denominator."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from shouhou.models import Ticket

    received = col(Ticket.received_at)
    query = select(func.count()).where(
        received >= start, received < end, col(Ticket.status) != "cancelled"
    )
    return int(session.execute(query).scalar_one())


def quality_report(
    session: Session, *, month: date, zone: tzinfo, now: datetime, t: Translator
) -> Report:
    """The quality-problem report of ``month`` (its first day) in the firm's ``zone``."""
    start, end = month_starts(month, 1, zone)
    models = model_rows(session, start=start, end=end)
    parts = part_rows(session, start=start, end=end, none=DASH)
    tickets = ticket_rows(session, start=start, end=end, zone=zone)
    total = sum(r["tickets"] for r in models)
    faults = month_faults(session, start=start, end=end)
    cause_columns = tuple(
        Column(_key(c), f"report.quality.col.{_key(c)}", "int") for c in QUALITY_CAUSES
    )
    return Report(
        name="quality",
        title="report.quality.title",
        period={"month": month_label(month)},
        generated_at=now.astimezone(UTC).isoformat(),
        summary=[
            ("report.quality.tickets_count", total),
            ("report.quality.share", total / faults if faults else None),
            ("report.quality.models_count", len(models)),
            ("report.quality.devices_count", sum(r["devices"] for r in models)),
        ],
        sections=[
            Section(
                "by_model",
                "report.quality.by_model",
                (
                    Column("product_line", "col.product_line"),
                    Column("model", "col.model"),
                    Column("tickets", "report.quality.col.tickets", "int"),
                    *cause_columns,
                    Column("devices", "report.quality.col.devices", "int"),
                ),
                models,
                notes=[t("report.quality.causes_note")],
            ),
            Section(
                "by_part",
                "report.quality.by_part",
                (
                    Column("part", "col.part_number"),
                    Column("name", "col.part_name"),
                    Column("quantity", "col.quantity", "decimal"),
                    Column("tickets", "report.quality.col.tickets", "int"),
                    Column("models", "report.quality.col.models"),
                ),
                parts,
            ),
            Section(
                "tickets",
                "report.quality.tickets",
                (
                    Column("number", "col.ticket"),
                    Column("received_on", "report.monthly.col.received_on", "date"),
                    Column("customer", "col.customer"),
                    Column("model", "col.model"),
                    Column("serial", "col.serial"),
                    Column("category", "col.category"),
                    Column("cause", "col.cause", "enum:cause."),
                    Column("finding", "report.quality.col.finding"),
                    Column("parts", "report.quality.col.parts"),
                ),
                tickets,
            ),
        ],
        empty_note="report.quality.empty" if not total else None,
    )
