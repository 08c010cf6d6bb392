"""The audit trail: every create/update records who, when and what changed (DOMAIN §8)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import AuditEntry


# Who the audit trail names for what the rules do by themselves (a due inspection of a plan, a
# key customer's half-year callback materialised by ``today`` or ``visit due``): no person acted.
SYSTEM_ACTOR = "shouhou"


@dataclass(frozen=True)
class Stamp:
    """Who acts and when; passed to every writing service."""

    actor: str
    at: datetime


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields whose value changed."""
    return {
        key: [_plain(before.get(key)), _plain(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def record(
    session: Session,
    stamp: Stamp,
    *,
    entity: str,
    entity_id: int,
    action: str,
    changes: Mapping[str, Any] | None = None,
) -> None:
    from shouhou.models import AuditEntry

    payload = None
    if changes:
        payload = json.dumps({k: _plain(v) for k, v in changes.items()}, ensure_ascii=False)
    session.add(
        AuditEntry(
            at=stamp.at,
            actor=stamp.actor,
            entity=entity,
            entity_id=entity_id,
            action=action,
            changes=payload,
        )
    )


def update_tracked(
    session: Session,
    stamp: Stamp,
    row: Any,
    *,
    entity: str,
    updates: Mapping[str, Any],
    snapshot: Callable[[Any], dict[str, Any]],
    action: str = "update",
) -> dict[str, list[Any]]:
    """Apply ``updates`` to ``row``; when anything really changed, bump ``updated_at`` and
    record one ``action`` entry with the before/after of each changed field (``snapshot``
    gives the fields the trail shows)."""
    before = snapshot(row)
    for key, value in updates.items():
        setattr(row, key, value)
    delta = diff(before, snapshot(row))
    if delta:
        row.updated_at = stamp.at
        session.add(row)
        record(session, stamp, entity=entity, entity_id=row.id, action=action, changes=delta)
    return delta


def trail(session: Session, *, entity: str, entity_id: int) -> list[AuditEntry]:
    """The entries about one record, oldest first."""
    from sqlmodel import col, select

    from shouhou.models import AuditEntry

    query = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(col(AuditEntry.at), col(AuditEntry.id))
    )
    return list(session.exec(query))


def changes_of(entry: AuditEntry) -> dict[str, Any]:
    return json.loads(entry.changes) if entry.changes else {}
