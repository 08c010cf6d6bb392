"""The customers writer: natural key name + phone; an identical row is skipped, a changed one
updated."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from shouhou.services.audit import Stamp
from shouhou.services.data.importing.columns import ColumnPlan
from shouhou.services.data.importing.rows import ImportReport, Progress, Row, add_problem
from shouhou.services.data.importing.writing import (
    chunks,
    differs,
    fetch,
    first_sighting,
    table_named,
    update_params,
    write_keyed,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlmodel import Session


CUSTOMER_COLUMNS = ("contact", "address", "region", "zone", "key_customer", "notes")


def customers_by_name(conn: Connection, names: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    columns = ("id", "name", "phone", *CUSTOMER_COLUMNS)
    for row in fetch(conn, "customer", "name", names, columns):
        found.setdefault(row["name"], []).append(row)
    return found


def customer_ids(conn: Connection, ids: Iterable[int]) -> set[int]:
    from sqlalchemy import select

    table = table_named("customer")
    found: set[int] = set()
    for batch in chunks(sorted(set(ids))):
        found.update(conn.execute(select(table.c.id).where(table.c.id.in_(batch))).scalars())
    return found


def match_exact(candidates: list[dict[str, Any]], phone: str | None) -> list[dict[str, Any]]:
    wanted = phone or ""
    return [c for c in candidates if (c["phone"] or "") == wanted]


def import_customers(
    session: Session,
    stamp: Stamp,
    rows: list[Row],
    plan: ColumnPlan,
    report: ImportReport,
    progress: Progress | None,
) -> None:
    conn = session.connection()
    table = table_named("customer")
    existing = customers_by_name(conn, (r.values["name"] for r in rows))
    mapped = [name for name in CUSTOMER_COLUMNS if plan.has(name)]
    seen: dict[tuple[str, str], Row] = {}
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row in rows:
        name, phone = row.values["name"], row.values.get("phone")
        key = (name, phone or "")
        if not first_sighting(seen, key, row, plan, report):
            continue
        candidates = existing.get(name, [])
        matches = match_exact(candidates, phone)
        if not matches and phone is None and candidates:
            # No phone in the row: the name alone decides when it is unique (as for devices).
            if len(candidates) > 1:
                ids = ", ".join(str(c["id"]) for c in candidates[:5])
                header = plan.header["name"]
                add_problem(report, row.number, header, name, "problem.customer_ambiguous", ids=ids)
                continue
            matches = candidates
        if len(matches) > 1:
            add_problem(
                report,
                row.number,
                plan.header["name"],
                name,
                "problem.existing_ambiguous",
                ids=", ".join(str(m["id"]) for m in matches),
            )
            continue
        new = {col: row.values.get(col) for col in mapped}
        if not matches:
            record = dict.fromkeys(CUSTOMER_COLUMNS)
            record.update(zone="local", key_customer=False)
            record.update({k: v for k, v in new.items() if v is not None})
            record.update(name=name, phone=phone, created_at=stamp.at, updated_at=stamp.at)
            inserts.append(record)
            continue
        current = matches[0]
        if differs(current, new):
            updates.append(update_params(current, new, mapped, stamp.at))
        else:
            report.skipped += 1
    write_keyed(conn, table, inserts, updates, mapped, report, progress)
