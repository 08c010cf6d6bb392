"""Users with roles (DOMAIN §1 approvals, §8 roles): the people who act in shouhou.

A person is one ``User`` record. Names are compared as people, not as strings: ``key`` folds a
name (NFKC, case-folded, every space and invisible format character removed), so "王工", " 王工 "
and "王工　" (an ideographic space), or "Chen Wei" and "ｃｈｅｎ　ｗｅｉ", are the same person.
The acting name (``--as``, ``SHOUHOU_USER``, the login) resolves to the user's own spelling; a
database without users accepts any name, so a fresh install works before anyone is added.
Approvals need a user whose role entitles them (``may_approve``).

Shared plumbing under every domain: imports nothing but ``audit``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from shouhou.enums import Role
from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.timeutil import iso_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.models import User

NAME_LENGTH = 100

# The words a role may be given by (CLI.md: enum values accept the English and Chinese word).
ROLE_WORDS: Mapping[str, Role] = {
    "clerk": Role.clerk,
    "客服": Role.clerk,
    "客服专员": Role.clerk,
    "文员": Role.clerk,
    "engineer": Role.engineer,
    "工程师": Role.engineer,
    "售后工程师": Role.engineer,
    "维修人员": Role.engineer,
    "supervisor": Role.supervisor,
    "主管": Role.supervisor,
    "manager": Role.manager,
    "经理": Role.manager,
    "售后服务经理": Role.manager,
    "general-manager": Role.general_manager,
    "general_manager": Role.general_manager,
    "generalmanager": Role.general_manager,
    "gm": Role.general_manager,
    "总经理": Role.general_manager,
}

# DOMAIN §1: an estimate above the threshold (or a 三包 repair costing the firm more than it)
# is approved by a manager; a free repair out of warranty only by the general manager. The
# general manager outranks a manager and may approve what a manager may.
APPROVERS: Mapping[Role, frozenset[Role]] = {
    Role.manager: frozenset({Role.manager, Role.general_manager}),
    Role.general_manager: frozenset({Role.general_manager}),
}


def key(name: str) -> str:
    """The name as compared: NFKC, case-folded, without spaces or invisible characters."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    kept = "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc")
    )
    # Again: a mark that followed a removed space now composes with the letter before it.
    return unicodedata.normalize("NFKC", kept)


def display_name(name: str) -> str:
    """The name as shown and stored: NFKC, trimmed, inner runs of spaces made one space."""
    normal = unicodedata.normalize("NFKC", name)
    cleaned = "".join(ch for ch in normal if unicodedata.category(ch) not in ("Cf", "Cc"))
    return " ".join(cleaned.split())


def parse_role(text: str) -> Role:
    """``manager``, ``经理``, ``general-manager``, ``总经理`` … (exit 2 for anything else)."""
    role = ROLE_WORDS.get(key(text))
    if role is None:
        raise UsageError(
            "err.bad_choice", field="role", value=text, accepted="|".join(r.value for r in Role)
        )
    return role


def may_approve(role: str, needed: Role) -> bool:
    """Whether someone with ``role`` may give an approval that needs ``needed``."""
    return role in APPROVERS.get(needed, frozenset({needed}))


def has_users(session: Session) -> bool:
    from sqlmodel import select

    from shouhou.models import User

    return session.exec(select(User.id).limit(1)).first() is not None


def find_user(session: Session, name: str) -> User | None:
    """The user this name means (compared by ``key``), or None."""
    from sqlmodel import select

    from shouhou.models import User

    folded = key(name)
    if not folded:
        return None
    return session.exec(select(User).where(User.key == folded)).first()


def get_user(session: Session, name: str) -> User:
    found = find_user(session, name)
    if found is None:
        raise NotFound("err.user_not_found", name=display_name(name) or name)
    return found


def list_users(session: Session, *, active_only: bool = False) -> list[User]:
    """Every user, in the order they were added."""
    from sqlmodel import col, select

    from shouhou.models import User

    query = select(User).order_by(col(User.id))
    if active_only:
        query = query.where(col(User.active).is_(True))
    return list(session.exec(query))


def _valid_name(name: str) -> str:
    shown = display_name(name)
    if not key(shown):
        raise UsageError("err.required", field="name")
    if len(shown) > NAME_LENGTH:
        raise UsageError("err.user_name_long", value=shown[:20] + "…", limit=NAME_LENGTH)
    return shown


def add_user(session: Session, stamp: Stamp, *, name: str, role: str | Role) -> User:
    """A new person with a role; one person is one record, whatever the spelling."""
    from shouhou.models import User

    shown = _valid_name(name)
    the_role = role if isinstance(role, Role) else parse_role(role)
    existing = find_user(session, shown)
    if existing is not None:
        raise DomainError("err.user_exists", name=shown, existing=existing.name, role=existing.role)
    user = User(
        name=shown,
        key=key(shown),
        role=the_role.value,
        active=True,
        created_at=stamp.at,
        updated_at=stamp.at,
    )
    session.add(user)
    session.flush()
    assert user.id is not None
    audit.record(
        session,
        stamp,
        entity="user",
        entity_id=user.id,
        action="create",
        changes={"name": user.name, "role": user.role},
    )
    return user


def set_role(session: Session, stamp: Stamp, name: str, role: str | Role) -> tuple[User, str]:
    """Change a user's role; returns the user and the role before."""
    the_role = role if isinstance(role, Role) else parse_role(role)
    user = get_user(session, name)
    before = user.role
    audit.update_tracked(
        session,
        stamp,
        user,
        entity="user",
        updates={"role": the_role.value},
        snapshot=lambda u: {"role": u.role},
        action="role",
    )
    return user, before


def set_active(session: Session, stamp: Stamp, name: str, *, active: bool) -> User:
    """Deactivate someone who left (their name stays in the trail) or bring them back."""
    user = get_user(session, name)
    audit.update_tracked(
        session,
        stamp,
        user,
        entity="user",
        updates={"active": active},
        snapshot=lambda u: {"active": u.active},
        action="activate" if active else "deactivate",
    )
    return user


def acting_name(session: Session, name: str, *, source: str = "--as") -> str:
    """Who acts, as the trail records it (CLI.md ``--as``; DOMAIN §8 traceability).

    A database without users accepts any name (tidied by ``display_name``); once users exist
    the name must be one of them — an unknown name is refused (exit 2) rather than recorded as
    a person nobody can find — and the user's own spelling is what gets recorded.
    """
    shown = display_name(name)
    if not key(shown):
        raise UsageError("err.required", field="as")
    user = find_user(session, shown)
    if user is None:
        if not has_users(session):
            return shown
        raise UsageError("err.unknown_actor", name=shown, source=source)
    if not user.active:
        raise DomainError("err.user_inactive", name=user.name)
    return user.name


def canonical_name(session: Session, name: str) -> str:
    """The user's own spelling of ``name`` when it is a user, else the tidied name."""
    user = find_user(session, name)
    return user.name if user is not None else display_name(name)


def user_view(user: User) -> dict[str, Any]:
    """The JSON shape of a user: ``id, name, role, active, created_at``."""
    return {
        "id": user.id,
        "name": user.name,
        "role": user.role,
        "active": user.active,
        "created_at": iso_utc(user.created_at),
    }
