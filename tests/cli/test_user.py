"""``shouhou user add|list|role|deactivate|activate`` and how ``--as`` / ``SHOUHOU_USER`` / the
login name resolve to a user (CLI.md "Global"; DOMAIN §1 approvals, §8 roles)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, User
from tests.conftest import CliRun, cli_env


def ok(result: object) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def department(cli: CliRun) -> None:
    for name, role in (
        ("tester", "clerk"),
        ("王工", "engineer"),
        ("Chen Wei", "工程师"),
        ("周主管", "supervisor"),
        ("李经理", "经理"),
        ("赵总", "general-manager"),
    ):
        ok(cli("user", "add", name, "--role", role))


def audit_count(db_url: str) -> int:
    with db.session(db_url) as s:
        return int(s.exec(select(func.count()).select_from(AuditEntry)).one())


def test_add_then_list(cli: CliRun, db_url: str) -> None:
    first = cli("user", "add", " 王工 ", "--role", "engineer")
    assert ok(first) == "User 王工 added — engineer\n"
    assert first.stderr == (
        "note: now that there are users, every change is made as one of them — you (tester) "
        "are not: add yourself, or use --as NAME\n"
    )
    assert ok(cli("--as", "王工", "user", "add", "赵总", "--role", "总经理")) == (
        "User 赵总 added — general manager\n"
    )
    added = cli("--lang", "zh", "--as", "赵总", "user", "add", "小刘", "--role", "clerk")
    assert ok(added) == "已添加用户 小刘 — 客服专员\n"
    assert added.stderr == ""
    rows = json.loads(ok(cli("user", "list", "--format", "json")))
    assert rows == [
        {
            "id": 1,
            "name": "王工",
            "role": "engineer",
            "active": True,
            "created_at": "2026-11-23T02:00:00+00:00",
        },
        {
            "id": 2,
            "name": "赵总",
            "role": "general-manager",
            "active": True,
            "created_at": "2026-11-23T02:00:00+00:00",
        },
        {
            "id": 3,
            "name": "小刘",
            "role": "clerk",
            "active": True,
            "created_at": "2026-11-23T02:00:00+00:00",
        },
    ]
    table = ok(cli("user", "list")).splitlines()
    assert table[0].split() == ["ID", "User", "Role", "Active", "Added"]
    assert table[2].split() == ["2", "赵总", "general", "manager", "yes", "2026-11-23", "10:00"]
    parsed = list(csv.DictReader(io.StringIO(ok(cli("user", "list", "--format", "csv")))))
    assert [r["name"] for r in parsed] == ["王工", "赵总", "小刘"]
    with db.session(db_url) as s:
        stored = s.exec(select(User).where(User.name == "王工")).one()
    assert stored.key == "王工"


def test_add_json_format(cli: CliRun) -> None:
    record = json.loads(ok(cli("user", "add", "李经理", "--role", "manager", "-f", "json")))
    assert record == {
        "id": 1,
        "name": "李经理",
        "role": "manager",
        "active": True,
        "created_at": "2026-11-23T02:00:00+00:00",
    }


def test_bad_role_exits_2(cli: CliRun, db_url: str) -> None:
    result = cli("user", "add", "王工", "--role", "boss")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: role 'boss' is not allowed — accepted: "
        "clerk|engineer|supervisor|manager|general-manager\n"
    )
    assert result.stdout == ""
    missing = cli("user", "add", "王工")
    assert missing.exit_code == 2
    assert "--role" in missing.stderr


def test_same_person_twice_is_refused(cli: CliRun) -> None:
    ok(cli("user", "add", "Chen Wei", "--role", "engineer"))
    result = cli("--as", "Chen Wei", "user", "add", "ＣＨＥＮ　ＷＥＩ", "--role", "manager")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: 'CHEN WEI' is already the user Chen Wei (engineer) — change the role with "
        "`shouhou user role Chen Wei ROLE`\n"
    )


def test_role_change(cli: CliRun, db_url: str) -> None:
    department(cli)
    assert ok(cli("user", "role", "周主管 ", "manager")) == "周主管: supervisor → manager\n"
    assert ok(cli("user", "role", "周主管", "经理")) == "周主管 is already manager\n"
    assert ok(cli("--lang", "zh", "user", "role", "chen wei", "主管")) == (
        "Chen Wei：售后工程师 → 主管\n"
    )
    bad = cli("user", "role", "周主管", "king")
    assert bad.exit_code == 2
    unknown = cli("user", "role", "钱工", "engineer")
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        "error: no user '钱工' — see `shouhou user list`, or add it: "
        "shouhou user add 钱工 --role ROLE\n"
    )


def test_deactivated_user_can_no_longer_act(cli: CliRun) -> None:
    department(cli)
    assert ok(cli("user", "deactivate", "王工")) == (
        "王工 deactivated — kept in the trail, can no longer act or approve\n"
    )
    refused = cli("--as", "王工", "customer", "add", "甲公司")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "error: 王工 is deactivated — reactivate with `shouhou user activate 王工`\n"
    )
    assert [u["name"] for u in json.loads(ok(cli("user", "list", "--active", "-f", "json")))] == [
        "tester",
        "Chen Wei",
        "周主管",
        "李经理",
        "赵总",
    ]
    assert ok(cli("user", "activate", "王工")) == "王工 active again\n"
    ok(cli("--as", "王工", "customer", "add", "甲公司"))


# --- who acts: --as, SHOUHOU_USER, the login ----------------------------------------------------


def test_a_fresh_database_takes_any_name(cli: CliRun, db_url: str) -> None:
    """No users yet: every command works under any name (tidied for the trail)."""
    ok(cli("--as", " 王工\u3000", "customer", "add", "甲公司"))
    ok(cli("customer", "edit", "1", "--phone", "1", env={"SHOUHOU_USER": "随便谁"}))
    with db.session(db_url) as s:
        actors = list(s.exec(select(AuditEntry.actor).order_by(AuditEntry.id)))
    assert actors == ["王工", "随便谁"]


def test_unknown_names_are_refused_once_there_are_users(cli: CliRun, db_url: str) -> None:
    department(cli)
    before = audit_count(db_url)
    by_flag = cli("--as", "王 五", "customer", "add", "甲公司")
    assert by_flag.exit_code == 2
    assert by_flag.stdout == ""
    assert by_flag.stderr == (
        "error: '王 五' (--as) is not a user of this database — act as one from "
        "`shouhou user list` (--as NAME), or have one of them add you: "
        "shouhou --as NAME user add 王 五 --role ROLE\n"
    )
    by_env = cli("customer", "add", "甲公司", env={"SHOUHOU_USER": "王五"})
    assert by_env.exit_code == 2
    assert "'王五' (SHOUHOU_USER) is not a user" in by_env.stderr
    by_login = cli(
        "customer", "add", "甲公司", env={"SHOUHOU_USER": None, "LOGNAME": "ops", "USER": "ops"}
    )
    assert by_login.exit_code == 2
    assert "'ops' (the login name) is not a user" in by_login.stderr
    zh = cli("--lang", "zh", "--as", "王五", "customer", "add", "甲公司")
    assert zh.stderr.startswith("错误：“王五”（--as）不是本数据库的用户 — ")
    assert "shouhou --as 姓名 user add 王五 --role 角色" in zh.stderr
    assert audit_count(db_url) == before  # refused commands change nothing
    # a user adds the newcomer; then the newcomer acts
    ok(cli("--as", "李经理", "user", "add", "王五", "--role", "engineer"))
    ok(cli("--as", "王五", "customer", "add", "甲公司"))


def test_any_spelling_of_a_user_acts_as_that_user(cli: CliRun, db_url: str) -> None:
    department(cli)
    ok(cli("--as", "王工 ", "customer", "add", "甲公司"))
    ok(cli("--as", "ｃｈｅｎ　ｗｅｉ", "customer", "edit", "1", "--phone", "1"))
    ok(cli("customer", "edit", "1", "--phone", "2", env={"SHOUHOU_USER": "\u3000李经理"}))
    with db.session(db_url) as s:
        actors = list(
            s.exec(
                select(AuditEntry.actor)
                .where(AuditEntry.entity == "customer")
                .order_by(AuditEntry.id)
            )
        )
    assert actors == ["王工", "Chen Wei", "李经理"]  # one person, one spelling in the trail


def test_reading_and_init_do_not_need_a_user(cli: CliRun) -> None:
    """Only changes are recorded under a name: lists and shows work for anyone, and ``init``
    (install, upgrade) is the bootstrap command."""
    department(cli)
    ok(cli("--as", "访客", "customer", "list"))
    ok(cli("--as", "访客", "user", "list"))
    ok(cli("--as", "访客", "ticket", "list"))
    ok(cli("--as", "访客", "init"))


def test_blank_as_is_refused(cli: CliRun) -> None:
    result = cli("--as", " ", "customer", "add", "甲公司")
    assert result.exit_code == 2
    assert result.stderr == "error: as is required — give --as\n"


def test_installed_entry_point(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("shouhou")
    if not exe.exists():
        pytest.skip("the shouhou console script is not installed next to this python")
    env = {k: v for k, v in cli_env().items() if v is not None}
    env = {**{k: v for k, v in os.environ.items() if k not in cli_env()}, **env}
    base = [str(exe), "--db", str(tmp_path / "users.db")]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], capture_output=True, text=True, env=env, timeout=60)

    added = run("user", "add", "tester", "--role", "manager")
    assert added.returncode == 0, added.stderr
    assert added.stdout == "User tester added — manager\n"
    listed = run("user", "list", "--format", "json")
    assert [u["role"] for u in json.loads(listed.stdout)] == ["manager"]


def test_import_checks_who_acts_like_every_other_write(
    cli: CliRun, db_url: str, tmp_path: Path
) -> None:
    """An import is a write: once users exist, an unknown ``--as`` is refused (exit 2) and
    nothing is imported; a user's own spelling is what the import's audit entry records."""
    department(cli)
    sheet = tmp_path / "customers.csv"
    sheet.write_text("客户名称,联系电话\n甲公司,010-1\n", encoding="utf-8")
    before = audit_count(db_url)
    refused = cli("--as", "王 五", "import", "customers", str(sheet))
    assert refused.exit_code == 2
    assert "is not a user of this database" in refused.stderr
    assert audit_count(db_url) == before
    ok(cli("--as", " 王工 ", "import", "customers", str(sheet)))
    with db.session(db_url) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.entity == "import")).one()
    assert entry.actor == "王工"
