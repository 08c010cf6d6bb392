"""Repeat repairs and three strikes 三包 (DOMAIN §1): the same fault on the same device again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class RepeatInfo:
    """A repeat repair (same device, same fault category) and the three-strikes count."""

    previous_number: str
    previous_id: int
    repair_count: int
    within_window: bool

    @property
    def replacement_due(self) -> bool:
        """DOMAIN §1 三包: the third repair of the same problem means replacement."""
        return self.repair_count >= 3


def find_repeat(
    session: Session,
    *,
    device_id: int,
    category: str,
    before: datetime,
    window_days: int,
    exclude_id: int | None = None,
) -> RepeatInfo | None:
    """DOMAIN §1: the same problem must not be repaired twice — earlier same-category tickets."""
    from sqlmodel import col, select

    from shouhou.models import Ticket

    query = (
        select(Ticket)
        .where(
            Ticket.device_id == device_id,
            Ticket.category == category,
            Ticket.status != "cancelled",
            col(Ticket.received_at) <= before,
        )
        .order_by(col(Ticket.received_at).desc())
    )
    if exclude_id is not None:
        query = query.where(Ticket.id != exclude_id)
    earlier = list(session.exec(query))
    if not earlier:
        return None
    latest = earlier[0]
    assert latest.id is not None
    return RepeatInfo(
        previous_number=latest.number,
        previous_id=latest.id,
        repair_count=len(earlier) + 1,
        within_window=before - latest.received_at <= timedelta(days=window_days),
    )
