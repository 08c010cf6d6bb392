"""The SQL side of the stored SLA state (issue 9): the urgency score of ``ticket list`` and the
"late now" / "due in a window" conditions as SQL over the ticket row, so lists filter, order
and LIMIT in the database and build views only for the rows they print.

Every expression compares the stored timestamps with a bound "now"; the two time differences
of the score (time to the next deadline, age) are whole steps of milliseconds since 1970,
which :class:`epoch_ms` computes on SQLite (``julianday``) and PostgreSQL (``EXTRACT``) alike.
The score equals :func:`sla.urgency` to the millisecond; the caller re-sorts the rows it
printed by the score of their views, so a sub-millisecond tie can only decide the last row of
a page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, Integer, and_, case, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import col

from shouhou.models import Ticket
from shouhou.services.tickets.sla import (
    FINISHED_STATES,
    POINT_STEP,
    SEVERITY_POINTS,
    Rules,
    escalation_after,
)

if TYPE_CHECKING:
    from sqlalchemy.sql.compiler import SQLCompiler
    from sqlalchemy.sql.elements import ColumnElement

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)
_STEP_MS = POINT_STEP // _MS
_DAY_MS = timedelta(days=1) // _MS


class epoch_ms(FunctionElement[int]):  # noqa: N801 - a SQL function, named like one
    """Whole milliseconds from 1970-01-01 UTC to a stored timestamp."""

    type = BigInteger()
    name = "epoch_ms"
    inherit_cache = True


@compiles(epoch_ms, "sqlite")
def _epoch_ms_sqlite(element: epoch_ms, compiler: SQLCompiler, **kw: Any) -> str:
    # Stored as 'YYYY-MM-DD HH:MM:SS.ffffff' UTC; julianday is exact to the millisecond.
    (moment,) = element.clauses
    return (
        f"CAST(ROUND((julianday({compiler.process(moment, **kw)}) - 2440587.5) * 86400000.0)"
        " AS INTEGER)"
    )


@compiles(epoch_ms, "postgresql")
def _epoch_ms_postgresql(element: epoch_ms, compiler: SQLCompiler, **kw: Any) -> str:
    (moment,) = element.clauses
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {compiler.process(moment, **kw)}) * 1000) AS BIGINT)"


def _ms(moment: datetime) -> int:
    return (moment - _EPOCH) // _MS


def _least(a: ColumnElement[int], b: int) -> ColumnElement[int]:
    return case((a < b, a), else_=literal(b, Integer))


def _greatest(a: ColumnElement[int], b: int) -> ColumnElement[int]:
    return case((a > b, a), else_=literal(b, Integer))


def unfinished() -> ColumnElement[bool]:
    return col(Ticket.status).not_in(FINISHED_STATES)


def late_now(now: datetime) -> ColumnElement[bool]:
    """A deadline not met has passed (stored ``next_due_at``: see ``sla.stored_sla``)."""
    return col(Ticket.next_due_at) < now


def overdue_condition(now: datetime) -> ColumnElement[bool]:
    """``ticket list --overdue``: a deadline missed before (recorded for good) or late now."""
    return or_(col(Ticket.missed) != "", late_now(now))


def due_within(start: datetime, end: datetime) -> ColumnElement[bool]:
    """``--due-today``: a deadline not yet met falls in [start, end). A waiting ticket's clocks
    stand still: only a deadline that had passed before the wait began still falls."""
    waiting_since = col(Ticket.waiting_since)

    def one(due: Any, met: Any) -> ColumnElement[bool]:
        return and_(
            col(met).is_(None),
            col(due) >= start,
            col(due) < end,
            or_(waiting_since.is_(None), col(due) <= waiting_since),
        )

    return or_(
        one(Ticket.reply_due_at, Ticket.replied_at),
        one(Ticket.onsite_due_at, Ticket.arrived_at),
        one(Ticket.resolve_due_at, Ticket.resolved_at),
    )


def escalation_level(now: datetime, rules: Rules) -> ColumnElement[int]:
    """The stored level, or higher when the ticket is late enough (``sla.auto_escalation_level``:
    later than ``escalate.manager_after`` → 2, ``escalate.supervisor_after`` → 1)."""
    supervisor, manager = escalation_after(rules)
    due = col(Ticket.next_due_at)
    stored = col(Ticket.escalation_level)  # 0..2: ``escalate`` stops at the manager
    late = and_(unfinished(), due < now)
    return case(
        (and_(late, due < now - manager), 2),
        (and_(late, due < now - supervisor, stored < 1), 1),
        else_=stored,
    )


def urgency_score(now: datetime, rules: Rules) -> ColumnElement[int]:
    """``sla.urgency`` in SQL: severity + deadline + 60 × escalation + age (see there)."""
    now_ms = literal(_ms(now), BigInteger)
    due = col(Ticket.next_due_at)
    due_ms = epoch_ms(due)
    severity = case(
        *((col(Ticket.severity) == key, points) for key, points in SEVERITY_POINTS.items()),
        else_=0,
    )
    deadline = case(
        (or_(~unfinished(), col(Ticket.waiting_since).is_not(None), due.is_(None)), 0),
        (due < now, 200 + _least((now_ms - due_ms) // _STEP_MS, 100)),
        else_=_greatest(150 - (due_ms - now_ms) // _STEP_MS, 0),
    )
    received = col(Ticket.received_at)
    age = case(
        (received >= now, 0),
        else_=_least((now_ms - epoch_ms(received)) // _DAY_MS, 50),
    )
    return severity + deadline + 60 * escalation_level(now, rules) + age


def urgency_order(now: datetime, rules: Rules) -> list[ColumnElement[Any]]:
    """Most urgent first; equal scores oldest first, then by id (as the views re-sort)."""
    return [
        urgency_score(now, rules).desc(),
        col(Ticket.received_at).asc(),
        col(Ticket.id).asc(),
    ]
