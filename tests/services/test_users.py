"""services/users: people with roles (DOMAIN §1 approvals, §8 roles). Names are compared as
people — trimmed, NFKC, case-folded, without spaces — and one person is one user record."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlmodel import Session, select

from shouhou.enums import Role
from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import User
from shouhou.services import audit, users
from shouhou.services.audit import Stamp


@pytest.mark.parametrize(
    "variant",
    [
        "王工",
        " 王工",
        "王工 ",
        "\t王工\n",
        "王工\u3000",  # ideographic (full-width) space
        "王\u00a0工",  # no-break space between the characters
        "王\u200b工",  # zero-width space
        "\ufeff王工",  # a byte-order mark pasted from a spreadsheet
    ],
)
def test_key_folds_spaces_and_invisible_characters(variant: str) -> None:
    assert users.key(variant) == users.key("王工") == "王工"


@pytest.mark.parametrize(
    ("variant", "folded"),
    [
        ("Chen Wei", "chenwei"),
        ("chen wei", "chenwei"),
        ("CHEN  WEI", "chenwei"),
        ("Ｃｈｅｎ　Ｗｅｉ", "chenwei"),  # full-width letters and space
        ("ｃｈｅｎｗｅｉ", "chenwei"),
        ("Straße", "strasse"),  # case folding, not just lower()
        ("李经理①", "李经理1"),  # compatibility characters
    ],
)
def test_key_full_width_and_case(variant: str, folded: str) -> None:
    assert users.key(variant) == folded


def test_display_name_tidies_but_keeps_the_spelling() -> None:
    assert users.display_name("  Ｃｈｅｎ　 Ｗｅｉ ") == "Chen Wei"
    assert users.display_name("王工\u200b ") == "王工"
    assert users.display_name("Chen Wei") == "Chen Wei"


@given(st.text(max_size=20))
@example("R¸")  # NFKC makes the cedilla " ̧"; without the space it composes with the R
def test_key_is_stable_under_tidying(name: str) -> None:
    assert users.key(users.display_name(name)) == users.key(name)
    assert users.key(users.key(name)) == users.key(name)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("clerk", Role.clerk),
        ("客服专员", Role.clerk),
        ("engineer", Role.engineer),
        ("工程师", Role.engineer),
        ("Supervisor", Role.supervisor),
        ("主管", Role.supervisor),
        ("manager", Role.manager),
        ("经理", Role.manager),
        ("general-manager", Role.general_manager),
        ("general_manager", Role.general_manager),
        ("General Manager", Role.general_manager),
        ("总经理", Role.general_manager),
    ],
)
def test_parse_role_accepts_english_and_chinese(text: str, role: Role) -> None:
    assert users.parse_role(text) is role


@pytest.mark.parametrize("text", ["boss", "", "manger", "经 理 助理"])
def test_parse_role_refuses_others(text: str) -> None:
    with pytest.raises(UsageError) as info:
        users.parse_role(text)
    assert str(info.value) == (
        f"error: role '{text}' is not allowed — accepted: "
        "clerk|engineer|supervisor|manager|general-manager"
    )


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        (Role.clerk, Role.manager, False),
        (Role.engineer, Role.manager, False),
        (Role.supervisor, Role.manager, False),
        (Role.manager, Role.manager, True),
        (Role.general_manager, Role.manager, True),
        (Role.clerk, Role.general_manager, False),
        (Role.supervisor, Role.general_manager, False),
        (Role.manager, Role.general_manager, False),
        (Role.general_manager, Role.general_manager, True),
    ],
)
def test_who_may_approve(role: Role, needed: Role, allowed: bool) -> None:
    """DOMAIN §1: a manager approves an estimate above the threshold; only the general manager
    a free repair out of warranty (and may approve what a manager may)."""
    assert users.may_approve(role.value, needed) is allowed


def test_add_user_stores_the_tidy_name_key_and_role(session: Session, stamp: Stamp) -> None:
    user = users.add_user(session, stamp, name="  Ｃｈｅｎ　Ｗｅｉ ", role="engineer")
    assert (user.name, user.key, user.role, user.active) == (
        "Chen Wei",
        "chenwei",
        "engineer",
        True,
    )
    assert user.created_at == stamp.at == user.updated_at
    assert user.id is not None
    entries = audit.trail(session, entity="user", entity_id=user.id)
    assert [(e.actor, e.action) for e in entries] == [("tester", "create")]
    assert audit.changes_of(entries[0]) == {"name": "Chen Wei", "role": "engineer"}


def test_one_person_is_one_record(session: Session, stamp: Stamp) -> None:
    users.add_user(session, stamp, name="王工", role=Role.engineer)
    for variant in ("王工 ", "王工\u3000", " 王\u200b工"):
        with pytest.raises(DomainError) as info, session.begin_nested():
            users.add_user(session, stamp, name=variant, role="manager")
        assert info.value.key == "err.user_exists"
    with pytest.raises(DomainError) as info:
        users.add_user(session, stamp, name="王工 ", role="manager")
    assert str(info.value) == (
        "error: '王工' is already the user 王工 (engineer) — change the role with "
        "`shouhou user role 王工 ROLE`"
    )
    assert len(session.exec(select(User)).all()) == 1


@pytest.mark.parametrize("name", ["", "   ", "\u200b", "\u3000"])
def test_add_user_needs_a_name(session: Session, stamp: Stamp, name: str) -> None:
    with pytest.raises(UsageError) as info:
        users.add_user(session, stamp, name=name, role="clerk")
    assert info.value.key == "err.required"


def test_add_user_name_length(session: Session, stamp: Stamp) -> None:
    users.add_user(session, stamp, name="甲" * 100, role="clerk")
    with pytest.raises(UsageError) as info:
        users.add_user(session, stamp, name="乙" * 101, role="clerk")
    assert info.value.key == "err.user_name_long"


def test_find_user_by_any_spelling(session: Session, stamp: Stamp) -> None:
    added = users.add_user(session, stamp, name="Zhao Min", role="manager")
    for variant in ("zhao min", "ZHAOMIN", "Ｚｈａｏ　Ｍｉｎ", " Zhao  Min "):
        assert users.find_user(session, variant) is added
    assert users.find_user(session, "Zhao") is None
    assert users.find_user(session, "   ") is None
    with pytest.raises(NotFound) as info:
        users.get_user(session, " 钱工 ")
    assert str(info.value) == (
        "error: no user '钱工' — see `shouhou user list`, or add it: "
        "shouhou user add 钱工 --role ROLE"
    )


def test_set_role_records_before_and_after(session: Session, stamp: Stamp) -> None:
    user = users.add_user(session, stamp, name="张工", role="engineer")
    changed, before = users.set_role(session, stamp, "张工 ", "主管")
    assert (changed is user, before, user.role) == (True, "engineer", "supervisor")
    same, before = users.set_role(session, stamp, "张工", Role.supervisor)
    assert before == "supervisor"
    assert user.id is not None
    entries = audit.trail(session, entity="user", entity_id=user.id)
    assert [e.action for e in entries] == ["create", "role"]  # no entry when nothing changed
    assert audit.changes_of(entries[1]) == {"role": ["engineer", "supervisor"]}


def test_deactivate_and_activate(session: Session, stamp: Stamp) -> None:
    user = users.add_user(session, stamp, name="小赵", role="clerk")
    users.set_active(session, stamp, "小赵", active=False)
    users.set_active(session, stamp, "小赵", active=False)
    assert user.active is False
    assert [u.name for u in users.list_users(session)] == ["小赵"]
    assert users.list_users(session, active_only=True) == []
    users.set_active(session, stamp, "小赵", active=True)
    assert user.active is True
    assert user.id is not None
    actions = [e.action for e in audit.trail(session, entity="user", entity_id=user.id)]
    assert actions == ["create", "deactivate", "activate"]


def test_list_users_in_the_order_added(session: Session, stamp: Stamp) -> None:
    for name, role in (("小刘", "clerk"), ("王工", "engineer"), ("李经理", "manager")):
        users.add_user(session, stamp, name=name, role=role)
    assert [(u.name, u.role) for u in users.list_users(session)] == [
        ("小刘", "clerk"),
        ("王工", "engineer"),
        ("李经理", "manager"),
    ]
    assert users.user_view(users.list_users(session)[0]) == {
        "id": 1,
        "name": "小刘",
        "role": "clerk",
        "active": True,
        "created_at": "2026-11-23T02:00:00+00:00",
    }


def test_acting_name_without_users_is_any_name(session: Session) -> None:
    """A fresh database works before anyone is added: free names, tidied."""
    assert users.acting_name(session, "王工") == "王工"
    assert users.acting_name(session, " 王工\u3000") == "王工"
    assert users.acting_name(session, "Ｃｈｅｎ Ｗｅｉ") == "Chen Wei"


def test_acting_name_with_users(session: Session, stamp: Stamp) -> None:
    users.add_user(session, stamp, name="Chen Wei", role="engineer")
    users.add_user(session, stamp, name="小赵", role="clerk")
    assert users.acting_name(session, "ｃｈｅｎ　ｗｅｉ") == "Chen Wei"  # the user's spelling
    with pytest.raises(UsageError) as info:
        users.acting_name(session, " 钱工 ", source="SHOUHOU_USER")
    assert info.value.exit_code == 2
    assert str(info.value) == (
        "error: '钱工' (SHOUHOU_USER) is not a user of this database — act as one from "
        "`shouhou user list` (--as NAME), or have one of them add you: "
        "shouhou --as NAME user add 钱工 --role ROLE"
    )
    users.set_active(session, stamp, "小赵", active=False)
    with pytest.raises(DomainError) as refused:
        users.acting_name(session, "小赵")
    assert str(refused.value) == (
        "error: 小赵 is deactivated — reactivate with `shouhou user activate 小赵`"
    )
    with pytest.raises(UsageError):
        users.acting_name(session, "  ")


def test_canonical_name(session: Session, stamp: Stamp) -> None:
    users.add_user(session, stamp, name="王工", role="engineer")
    assert users.canonical_name(session, "王工\u3000") == "王工"
    assert users.canonical_name(session, " 钱工 ") == "钱工"
