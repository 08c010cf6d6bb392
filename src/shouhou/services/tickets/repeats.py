"""Repeat repairs and three strikes 三包 (DOMAIN §1): the same fault on the same device again.

The *earlier repairs* of a ticket's problem are the other tickets on the same device with the
same fault category that were fixed (resolved, not cancelled) by the time this one came in.

- Three strikes count only the repairs whose cause is the firm's (design, manufacturing/quality,
  installation, supplier part): misuse, wear, transport, force majeure, unauthorised repair,
  a site not to spec or an unknown cause do not count, nor do cancelled tickets. The 3rd such
  repair warns "next failure: replacement"; the 4th report of the problem makes replacement
  (same brand/model) due.
- A repeat repair ("the same problem must not be repaired twice"): the latest earlier repair,
  whatever its cause, was resolved at most ``repeat.window_days`` (default 90) calendar days
  before this fault's date — both as local dates in the firm's time zone, not 90 × 24 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket
    from shouhou.services.tickets.sla import Rules

# DOMAIN §1 三包: the causes that make a repair the firm's responsibility.
FIRM_CAUSES = ("design", "quality", "installation", "supplier-part")


@dataclass(frozen=True)
class RepeatInfo:
    """The earlier repairs of a ticket's problem: the latest one, and the 三包 count."""

    previous_number: str
    previous_id: int
    previous_resolved_on: date  # local date of the latest earlier repair's resolution
    days_since: int  # calendar days from that date to this fault's date
    window_days: int
    within_window: bool
    firm_repairs: int  # earlier repairs of this problem that count towards three strikes
    counts: bool | None  # this ticket's own cause is the firm's (None: not diagnosed yet)

    @property
    def repair_count(self) -> int:
        """Which repair of the problem this ticket is (1 = the first), firm-caused ones only."""
        return self.firm_repairs + 1

    @property
    def replacement_warning(self) -> bool:
        """DOMAIN §1: the 3rd repair warns "next failure: replacement"."""
        return self.repair_count == 3 and self.counts is not False

    @property
    def replacement_due(self) -> bool:
        """DOMAIN §1: repaired 3 times and failing again — the 4th report — means replacement.

        A ticket diagnosed with a cause that is not the firm's (misuse…) is another problem.
        """
        return self.repair_count >= 4 and self.counts is not False


def counts_towards_three_strikes(cause: str | None) -> bool:
    """DOMAIN §1: only repairs whose cause is the firm's count (not misuse, wear, transport…)."""
    return cause in FIRM_CAUSES


def local_date(moment: datetime, zone: tzinfo) -> date:
    """The calendar day of ``moment`` in the firm's time zone (DOMAIN §2: local dates)."""
    return moment.astimezone(zone).date()


def find_repeat(
    session: Session,
    *,
    device_id: int,
    category: str,
    received_at: datetime,
    fault_on: date,
    window_days: int,
    zone: tzinfo,
    cause: str | None = None,
    exclude_id: int | None = None,
) -> RepeatInfo | None:
    """Earlier repairs of the same problem (same device and fault category), or None.

    DOMAIN §1: an earlier repair is a ticket resolved at or before ``received_at`` and not
    cancelled. The latest one decides the repeat flag: resolved on local day R, this fault on
    ``fault_on`` → repeat when ``fault_on - R <= window_days``. Three strikes count the earlier
    repairs with a firm cause; ``cause`` is this ticket's (None before diagnosis).
    """
    from sqlmodel import col, select

    from shouhou.models import Ticket

    query = select(Ticket).where(
        Ticket.device_id == device_id,
        Ticket.category == category,
        Ticket.status != "cancelled",
        col(Ticket.resolved_at).is_not(None),
        col(Ticket.resolved_at) <= received_at,
    )
    if exclude_id is not None:
        query = query.where(Ticket.id != exclude_id)
    earlier = list(session.exec(query.order_by(col(Ticket.resolved_at).desc(), col(Ticket.id))))
    if not earlier:
        return None
    latest = earlier[0]
    assert latest.id is not None and latest.resolved_at is not None
    resolved_on = local_date(latest.resolved_at, zone)
    days = (fault_on - resolved_on).days
    return RepeatInfo(
        previous_number=latest.number,
        previous_id=latest.id,
        previous_resolved_on=resolved_on,
        days_since=days,
        window_days=window_days,
        within_window=days <= window_days,
        firm_repairs=sum(1 for t in earlier if counts_towards_three_strikes(t.cause)),
        counts=None if cause is None else counts_towards_three_strikes(cause),
    )


def judge_repeat(
    session: Session, ticket: Ticket, rules: Rules, fault_on: date
) -> RepeatInfo | None:
    """Repeats and three strikes for the ticket's device and fault category (DOMAIN §1), stored
    on the ticket (``repeat_of_id``, ``repair_count``). A ticket without a device or category is
    left as it is. Diagnosis and ``ticket edit`` both judge through here."""
    if ticket.device_id is None or not ticket.category:
        return None
    repeat = find_repeat(
        session,
        device_id=ticket.device_id,
        category=ticket.category,
        received_at=ticket.received_at,
        fault_on=fault_on,
        window_days=rules.settings.int("repeat.window_days"),
        zone=rules.zone,
        cause=ticket.cause,
        exclude_id=ticket.id,
    )
    ticket.repeat_of_id = repeat.previous_id if repeat and repeat.within_window else None
    ticket.repair_count = repeat.repair_count if repeat else 1
    return repeat
