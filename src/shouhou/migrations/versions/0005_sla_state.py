"""tickets: SLA state stored on the row — next deadline, minutes late per milestone

Revision ID: 0005_sla_state
Revises: 0004_users_component
Create Date: 2026-12-02 13:40:00

Issue 9: ``ticket list`` and ``ticket overdue`` filter, sort by urgency and limit in SQL, and
reports aggregate on-time rates in SQL, from columns every event keeps up to date
(``services/tickets/records.refresh``): ``next_due_at`` (the earliest pending deadline) and
``reply_late_min`` / ``onsite_late_min`` / ``resolve_late_min`` (minutes late once met or
finished; 0 on time). The index on (status, next_due_at) serves the open lists and the overdue
filter.

Existing rows are filled by recomputing each ticket's SLA state from its status log with the
database's own settings, working hours, holidays and time zone, through the same code the
events use (``services/tickets/sla``), 1,000 tickets at a time. Reads and writes go through
the columns named here, so later revisions of the ticket table do not change this one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, time
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005_sla_state"
down_revision = "0004_users_component"
branch_labels = None
depends_on = None

BATCH = 1000
DEFAULT_TIME_ZONE = "Asia/Shanghai"


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("next_due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("reply_late_min", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("onsite_late_min", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resolve_late_min", sa.Integer(), nullable=True))
        batch_op.create_index("ix_ticket_status_next_due", ["status", "next_due_at"], unique=False)
    fill(op.get_bind(), now=datetime.now(UTC))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): copying the ticket table instead would
    # drop the old one under its foreign keys.
    with op.batch_alter_table("ticket", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_ticket_status_next_due")
        batch_op.drop_column("resolve_late_min")
        batch_op.drop_column("onsite_late_min")
        batch_op.drop_column("reply_late_min")
        batch_op.drop_column("next_due_at")


# -- filling existing rows -----------------------------------------------------------------------

_TIME = sqlmodel.sql.sqltypes.UTCDateTime
TICKET = sa.table(
    "ticket",
    sa.column("id", sa.Integer()),
    sa.column("status", sa.String()),
    sa.column("severity", sa.String()),
    sa.column("zone", sa.String()),
    sa.column("mode", sa.String()),
    sa.column("received_at", _TIME()),
    sa.column("replied_at", _TIME()),
    sa.column("arrived_at", _TIME()),
    sa.column("resolved_at", _TIME()),
    sa.column("updated_at", _TIME()),
    sa.column("reply_due_at", _TIME()),
    sa.column("onsite_due_at", _TIME()),
    sa.column("resolve_due_at", _TIME()),
    sa.column("next_due_at", _TIME()),
    sa.column("reply_late_min", sa.Integer()),
    sa.column("onsite_late_min", sa.Integer()),
    sa.column("resolve_late_min", sa.Integer()),
)
EVENT = sa.table(
    "ticket_event",
    sa.column("id", sa.Integer()),
    sa.column("ticket_id", sa.Integer()),
    sa.column("at", _TIME()),
    sa.column("kind", sa.String()),
)
SETTING = sa.table("setting", sa.column("key", sa.String()), sa.column("value", sa.Text()))
CALENDAR_DAY = sa.table(
    "calendar_day", sa.column("day", sa.Date()), sa.column("kind", sa.String()), sa.column("name")
)
FACTS = (
    "status",
    "severity",
    "zone",
    "mode",
    "received_at",
    "replied_at",
    "arrived_at",
    "resolved_at",
    "updated_at",
)
STORED = (
    "reply_due_at",
    "onsite_due_at",
    "resolve_due_at",
    "next_due_at",
    "reply_late_min",
    "onsite_late_min",
    "resolve_late_min",
)


class Facts(NamedTuple):
    """The columns of a ticket the SLA rules read (``sla.SlaFacts``)."""

    id: int
    status: str
    severity: str
    zone: str
    mode: str | None
    received_at: datetime
    replied_at: datetime | None
    arrived_at: datetime | None
    resolved_at: datetime | None
    updated_at: datetime


class Entry(NamedTuple):
    id: int | None
    at: datetime
    kind: str


def _rules(conn: sa.Connection) -> Any:
    """The ticket rules of this database, read through the columns named above."""
    from shouhou.services.calendar.working import WorkingCalendar, WorkingHours
    from shouhou.services.config import Settings
    from shouhou.services.tickets.deadlines import policies_from_settings, zone_onsite_from_settings
    from shouhou.services.tickets.sla import Rules

    values: dict[str, str] = {}
    for key, raw in conn.execute(sa.select(SETTING.c.key, SETTING.c.value)):
        try:
            values[key] = str(json.loads(raw))
        except ValueError:
            continue
    try:
        zone = ZoneInfo(values.get("time_zone") or DEFAULT_TIME_ZONE)
    except (ValueError, KeyError, OSError):
        zone = ZoneInfo(DEFAULT_TIME_ZONE)
    holidays: dict[date, str | None] = {}
    workdays: dict[date, str | None] = {}
    for day, kind, name in conn.execute(
        sa.select(CALENDAR_DAY.c.day, CALENDAR_DAY.c.kind, CALENDAR_DAY.c.name)
    ):
        (holidays if kind == "holiday" else workdays)[day] = name
    hours = WorkingHours(
        start=_clock(values.get("hours.start", "08:30")),
        end=_clock(values.get("hours.end", "17:30")),
    )
    return Rules(
        settings=Settings(values),
        calendar=WorkingCalendar(zone=zone, hours=hours, holidays=holidays, workdays=workdays),
        policies=policies_from_settings(values),
        zone_onsite=zone_onsite_from_settings(values),
        zone=zone,
    )


def _clock(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def _batches(conn: sa.Connection) -> Iterator[list[Facts]]:
    last = 0
    columns = [TICKET.c.id, *(TICKET.c[name] for name in FACTS)]
    while True:
        rows = conn.execute(
            sa.select(*columns).where(TICKET.c.id > last).order_by(TICKET.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        yield [Facts(*row) for row in rows]
        last = rows[-1][0]


def _pause_entries(conn: sa.Connection, ids: Sequence[int]) -> dict[int, list[Entry]]:
    found: dict[int, list[Entry]] = {}
    query = sa.select(EVENT.c.ticket_id, EVENT.c.id, EVENT.c.at, EVENT.c.kind).where(
        EVENT.c.ticket_id.in_(ids), EVENT.c.kind.in_(("wait", "resume"))
    )
    for ticket_id, event_id, at, kind in conn.execute(query):
        found.setdefault(ticket_id, []).append(Entry(event_id, at, kind))
    return found


def fill(conn: sa.Connection, *, now: datetime) -> int:
    """Store the SLA state of every ticket as ``records.refresh`` would; how many rows."""
    from shouhou.services.tickets.sla import pauses_from, sla_of, stored_sla

    rules = _rules(conn)
    update = (
        sa.update(TICKET)
        .where(TICKET.c.id == sa.bindparam("ticket_id"))
        .values({name: sa.bindparam(f"new_{name}") for name in STORED})
    )
    count = 0
    for batch in _batches(conn):
        entries = _pause_entries(conn, [facts.id for facts in batch])
        params = []
        for facts in batch:
            pauses = pauses_from(entries.get(facts.id, []))
            values = asdict(stored_sla(facts, sla_of(facts, pauses, rules, now), pauses))
            params.append({"ticket_id": facts.id, **{f"new_{k}": values[k] for k in STORED}})
        conn.execute(update, params)
        count += len(batch)
    return count
