"""Recurrence of complaints (DOMAIN §5: "repeated complaints on the same issue must be analysed
together to stop recurrence"; issue 13 item 2).

A complaint *repeats* an earlier one (received before it) that was still open when it came in
(not closed by then) or was received at most ``complaint.recurrence_days`` (default 90) days
before it — local dates in the firm's zone — and that is about the same issue:

- at receipt (:func:`find_recurrence`), the same customer's complaint that names the same
  device (given, or through its ticket) — reason ``device``; or, when one of the two names no
  device, the same subject (``about``) — reason ``about`` (nothing says they concern different
  units; two complaints about two different devices are not linked on the subject alone);
- at the handling opinion (:func:`link_by_cause`), once the cause is known, a complaint of any
  customer with the same cause — reason ``cause`` (a cause shared across customers is exactly
  what has to be analysed together). Causes are compared normalised (:func:`cause_key`: NFKC,
  case-folded, without spaces and punctuation — "固件 V2.1 缺陷。" is "固件v2.1缺陷"). Both
  directions are checked then: the resolved complaint is linked to the earliest earlier one
  with its cause, and later complaints with that cause not linked yet are linked to their own
  earliest match (which may be the one just resolved).

``recurrence_of_id`` is set once, to the earliest such complaint, and never changed
afterwards; the link is written to the trail of the complaint that repeats.

Self-contained below ``complaints`` (which calls it): no import of it, so no cycle.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from shouhou.services import audit
from shouhou.services.audit import Stamp

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement
    from sqlmodel import Session

    from shouhou.models import Complaint
    from shouhou.services.tickets.sla import Rules

WINDOW_KEY = "complaint.recurrence_days"


@dataclass(frozen=True)
class Recurrence:
    """The earlier complaint a complaint repeats, and why (``device``, ``about``, ``cause``)."""

    previous_id: int
    previous_number: str
    previous_received_at: datetime
    reason: str
    window_days: int


@dataclass(frozen=True)
class _Earlier:
    """What the rule reads of a candidate complaint."""

    id: int
    number: str
    customer_id: int
    device_id: int | None
    about: str
    cause: str | None
    received_at: datetime
    closed_at: datetime | None
    recurrence_of_id: int | None


def cause_key(text: str | None) -> str:
    """A cause as compared: NFKC, case-folded, without spaces, punctuation and symbols."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch)[0] not in "PSCZ"
    )


def recent(
    earlier: _Earlier | Complaint, received_at: datetime, *, window_days: int, zone: tzinfo
) -> bool:
    """Whether ``earlier`` counts for a complaint received at ``received_at``: still open then
    (not closed before it came in), or received at most ``window_days`` local days before."""
    if earlier.closed_at is None or earlier.closed_at > received_at:
        return True
    days = (received_at.astimezone(zone).date() - earlier.received_at.astimezone(zone).date()).days
    return days <= window_days


def _before(a: _Earlier | Complaint, b: _Earlier | Complaint) -> bool:
    """``a`` came in before ``b`` (same moment: the one recorded first)."""
    return (a.received_at, a.id or 0) < (b.received_at, b.id or 0)


def same_issue(earlier: _Earlier | Complaint, complaint: Complaint) -> str | None:
    """The reason two complaints are about the same issue at receipt, or None (see the module
    docstring): the same customer's, with the same device, or the same subject where one of
    them names no device."""
    if earlier.customer_id != complaint.customer_id:
        return None
    if complaint.device_id is not None and earlier.device_id == complaint.device_id:
        return "device"
    if earlier.about == complaint.about and None in (earlier.device_id, complaint.device_id):
        return "about"
    return None


def _candidates(session: Session, *, where: list[ColumnElement[bool]]) -> list[_Earlier]:
    from sqlalchemy import select
    from sqlmodel import col

    from shouhou.models import Complaint

    query = (
        select(
            col(Complaint.id),
            col(Complaint.number),
            col(Complaint.customer_id),
            col(Complaint.device_id),
            col(Complaint.about),
            col(Complaint.cause),
            col(Complaint.received_at),
            col(Complaint.closed_at),
            col(Complaint.recurrence_of_id),
        )
        .where(*where)
        .order_by(col(Complaint.received_at), col(Complaint.id))
    )
    return [_Earlier(*row) for row in session.execute(query)]


def find_recurrence(session: Session, complaint: Complaint, *, rules: Rules) -> Recurrence | None:
    """The earliest complaint ``complaint`` repeats at its receipt (same customer; same device,
    or same subject where one names no device; open then or within the window), or None."""
    from sqlmodel import col

    from shouhou.models import Complaint

    window = rules.settings.int(WINDOW_KEY)
    rows = _candidates(
        session,
        where=[
            col(Complaint.customer_id) == complaint.customer_id,
            col(Complaint.id) != complaint.id,
            col(Complaint.received_at) <= complaint.received_at,
        ],
    )
    for earlier in rows:
        if not _before(earlier, complaint):
            continue
        reason = same_issue(earlier, complaint)
        if reason and recent(earlier, complaint.received_at, window_days=window, zone=rules.zone):
            return Recurrence(earlier.id, earlier.number, earlier.received_at, reason, window)
    return None


def link(session: Session, stamp: Stamp, complaint: Complaint, recurrence: Recurrence) -> None:
    """Record that ``complaint`` repeats ``recurrence.previous``, on its trail."""
    assert complaint.id is not None
    complaint.recurrence_of_id = recurrence.previous_id
    session.add(complaint)
    audit.record(
        session,
        stamp,
        entity="complaint",
        entity_id=complaint.id,
        action="complaint_recurrence",
        changes={"recurrence_of": recurrence.previous_number, "reason": recurrence.reason},
    )


def _earliest_by_cause(
    target: _Earlier | Complaint, pool: list[_Earlier], *, window: int, zone: tzinfo
) -> _Earlier | None:
    for earlier in pool:  # in receipt order
        if earlier.id != target.id and _before(earlier, target):
            if recent(earlier, target.received_at, window_days=window, zone=zone):
                return earlier
    return None


def link_by_cause(
    session: Session, stamp: Stamp, complaint: Complaint, *, rules: Rules
) -> tuple[Recurrence | None, list[str]]:
    """Once ``complaint``'s cause is known: link it (when not linked yet) to the earliest
    earlier complaint with the same cause, and every later complaint with that cause not yet
    linked to its own earliest match. Returns the recurrence made for ``complaint`` (None when
    none was made) and the numbers of the later complaints linked."""
    from sqlmodel import col

    from shouhou.models import Complaint

    key = cause_key(complaint.cause)
    if not key:
        return None, []
    window = rules.settings.int(WINDOW_KEY)
    pool = [
        row
        for row in _candidates(session, where=[col(Complaint.cause).is_not(None)])
        if cause_key(row.cause) == key
    ]
    made = None
    if complaint.recurrence_of_id is None:
        match = _earliest_by_cause(complaint, pool, window=window, zone=rules.zone)
        if match is not None:
            made = Recurrence(match.id, match.number, match.received_at, "cause", window)
            link(session, stamp, complaint, made)
    later = []
    for row in pool:
        if row.recurrence_of_id is not None or not _before(complaint, row):
            continue
        match = _earliest_by_cause(row, pool, window=window, zone=rules.zone)
        if match is None:
            continue
        other = session.get(Complaint, row.id)
        assert other is not None
        link(
            session,
            stamp,
            other,
            Recurrence(match.id, match.number, match.received_at, "cause", window),
        )
        later.append(row.number)
    return made, later
