"""Who may approve a ticket's repair (DOMAIN §1 《售后服务费用预算审批单》).

An approval comes from a user whose role entitles them (``users.may_approve``) and who had no
hand in the job at any time: not an assignee (the current one or any earlier one), not whoever
arrived on site, diagnosed it, entered its charges or resolved it. The hands are read from the
ticket's audit trail, so a re-assignment does not wash them out, and names are compared as
people (``users.key``), so stray spaces or full-width characters do not either.

What needs approval, and for which amount, is ``charges.approval_requirement``; this module
knows only the people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shouhou.enums import Role
from shouhou.errors import DomainError
from shouhou.services import audit, users

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import Ticket, User

# Audit actions whose actor worked on the job, and what the trail calls that work.
WORK_ACTIONS = {
    "arrive": "arrived",
    "diagnose": "diagnosed",
    "charge": "charged",
    "resolve": "resolved",
}
HAND_ORDER = ("assigned", "arrived", "diagnosed", "charged", "resolved")


@dataclass(frozen=True)
class Hand:
    """One person's part in a job: the name as first seen and what they did."""

    name: str
    did: tuple[str, ...]


def hands_in(session: Session, ticket: Ticket) -> dict[str, Hand]:
    """Everyone who had a hand in the job, by ``users.key``: every assignee it ever had and
    the actors of arrive, diagnose, charge and resolve."""
    assert ticket.id is not None
    seen: dict[str, tuple[str, set[str]]] = {}

    def note(name: object, did: str) -> None:
        if not isinstance(name, str):
            return
        folded = users.key(name)
        if folded:
            seen.setdefault(folded, (users.display_name(name), set()))[1].add(did)

    for entry in audit.trail(session, entity="ticket", entity_id=ticket.id):
        changes = audit.changes_of(entry)
        assignee: Any = changes.get("assignee")
        for name in assignee if isinstance(assignee, list) else [assignee]:
            note(name, "assigned")
        if entry.action in WORK_ACTIONS:
            note(entry.actor, WORK_ACTIONS[entry.action])
    note(ticket.assignee, "assigned")
    return {
        folded: Hand(name, tuple(d for d in HAND_ORDER if d in did))
        for folded, (name, did) in seen.items()
    }


def check_approver(
    session: Session, ticket: Ticket, actor: str, *, needed: Role, reason: str
) -> User:
    """The user who may approve, or the refusal that says why not (exit 1)."""
    folded = users.key(actor)
    hand = hands_in(session, ticket).get(folded)
    if hand is not None:
        if ticket.assignee and users.key(ticket.assignee) == folded:
            raise DomainError("err.self_approval", number=ticket.number, actor=actor)
        raise DomainError(
            "err.hand_in_job", number=ticket.number, actor=actor, did=", ".join(hand.did)
        )
    user = users.find_user(session, actor)
    if user is None:
        key = "err.approver_not_user" if users.has_users(session) else "err.approver_no_users"
        raise DomainError(
            key, number=ticket.number, actor=actor, needed=needed.value, reason=reason
        )
    if not user.active:
        raise DomainError("err.user_inactive", name=user.name)
    if not users.may_approve(user.role, needed):
        raise DomainError(
            "err.approver_role",
            number=ticket.number,
            actor=user.name,
            role=user.role,
            needed=needed.value,
            reason=reason,
        )
    return user


def last_approval(session: Session, ticket: Ticket) -> dict[str, Any] | None:
    """What the latest approval was given for (its audit entry's changes), or None."""
    from sqlmodel import col, select

    from shouhou.models import AuditEntry

    assert ticket.id is not None
    entry = session.exec(
        select(AuditEntry)
        .where(
            AuditEntry.entity == "ticket",
            AuditEntry.entity_id == ticket.id,
            AuditEntry.action == "approve",
        )
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(1)
    ).first()
    return audit.changes_of(entry) if entry is not None else None
