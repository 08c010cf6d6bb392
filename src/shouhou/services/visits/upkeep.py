"""The time-driven due visits, materialised on demand (issue 11): the inspections of the plans
coming up within the look-ahead and the key customers' periodic callbacks. ``shouhou today``
and ``visit due`` run :func:`refresh` first; every creation carries a dedupe key, so running it
again creates nothing. (Event-driven due visits — callbacks after a resolution, the rest of a
partial visit — are created by their event.)"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import tzinfo

    from sqlmodel import Session

    from shouhou.services.audit import Stamp


def refresh(session: Session, stamp: Stamp, *, today: date, zone: tzinfo) -> int:
    """Materialise plan occurrences and key customers' callbacks due by the look-ahead;
    returns how many were created (0 on a second run)."""
    from shouhou.services.visits import callbacks, plans

    created: int = plans.materialize_due(session, stamp, today=today, zone=zone)
    created += callbacks.key_customer_due(session, stamp, today=today, zone=zone)
    return created
