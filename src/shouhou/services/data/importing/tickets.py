"""The tickets writer: natural key external number; each row goes through the tickets service
(numbering, warranty verdict, deadlines) so imported tickets obey the same rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo
from typing import TYPE_CHECKING

from shouhou.errors import ShouhouError
from shouhou.services.audit import Stamp
from shouhou.services.data.importing.columns import ColumnPlan
from shouhou.services.data.importing.customers import (
    customer_ids,
    customers_by_name,
)
from shouhou.services.data.importing.devices import CustomerResolver, devices_by_serial
from shouhou.services.data.importing.rows import ImportReport, Problem, Progress, Row, add_problem
from shouhou.services.data.importing.writing import chunks, first_sighting, table_named

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


def _tickets_by_external(conn: Connection, numbers: Iterable[str]) -> set[str]:
    from sqlalchemy import select

    table = table_named("ticket")
    found: set[str] = set()
    for batch in chunks(sorted(set(numbers))):
        query = select(table.c.external_number).where(table.c.external_number.in_(batch))
        found.update(conn.execute(query).scalars())
    return found


def import_tickets(
    session: Session,
    stamp: Stamp,
    rows: list[Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
    zone: tzinfo,
) -> None:
    """Each new ticket goes through the tickets service (numbering, deadlines, warranty)."""
    from shouhou.services.tickets.intake import open_ticket
    from shouhou.services.tickets.sla import load_rules

    conn = session.connection()
    by_name = customers_by_name(
        conn, (r.values["customer_name"] for r in rows if r.values.get("customer_name"))
    )
    known_ids = customer_ids(
        conn, (r.values["customer_id"] for r in rows if r.values.get("customer_id"))
    )
    devices = devices_by_serial(conn, (r.values["serial"] for r in rows if r.values.get("serial")))
    existing = _tickets_by_external(conn, (r.values["external_number"] for r in rows))
    resolve = CustomerResolver(plan, by_name, known_ids, "phone", may_create=False)
    seen: dict[str, Row] = {}
    todo: list[tuple[Row, int, int | None]] = []
    for row in rows:
        number = row.values["external_number"]
        if not first_sighting(seen, number, row, plan, report):
            continue
        if number in existing:
            report.skipped += 1
            continue
        device = None
        serial = row.values.get("serial")
        if serial is not None:
            device = devices.get(serial)
            if device is None:
                add_problem(
                    report, row.number, plan.header["serial"], serial, "problem.device_missing"
                )
                continue
        ref = resolve(row, report)
        if ref is None:
            continue
        customer_id = ref.id
        if customer_id is None and device is not None:
            customer_id = device["customer_id"]
        if customer_id is None:
            header = plan.header.get("customer_name") or plan.header.get("customer_id", "")
            add_problem(report, row.number, header, None, "problem.no_customer")
            continue
        if device is not None and device["customer_id"] != customer_id:
            header = plan.header["serial"]
            add_problem(report, row.number, header, serial, "problem.device_other_customer")
            continue
        todo.append((row, customer_id, device["id"] if device else None))
    if report.problems:
        return
    rules = load_rules(session, zone=zone)
    outer = session.begin_nested()
    total = len(todo)
    for done, (row, customer_id, device_id) in enumerate(todo, start=1):
        values = row.values
        try:
            with session.begin_nested():
                open_ticket(
                    session,
                    stamp,
                    customer_id=customer_id,
                    device_id=device_id,
                    severity=values["severity"],
                    symptom=values["symptom"],
                    received_at=values["received_at"],
                    channel=values.get("channel") or "phone",
                    contact=values.get("contact"),
                    phone=values.get("phone"),
                    request=values.get("request"),
                    category=values.get("category"),
                    received_by=values.get("received_by"),
                    external_number=values["external_number"],
                    rules=rules,
                )
        except ShouhouError as exc:
            header = plan.header["external_number"]
            report.problems.append(
                Problem(row.number, header, values["external_number"], exc.key, dict(exc.fields))
            )
            continue
        report.created += 1
        if progress is not None and (done % 100 == 0 or done == total):
            progress("write", done, total)
    if report.problems or report.dry_run:
        outer.rollback()
        if report.problems:
            report.created = 0
    else:
        outer.commit()
