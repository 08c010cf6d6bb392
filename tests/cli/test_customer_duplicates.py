"""Issue 10.3: no duplicate customers by accident. The same name and phone as an existing
customer is refused (exit 1, naming it); the same name or the same phone alone is warned
about, and asked on a terminal; ``--force`` adds anyway."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import func, select

from shouhou import db
from shouhou.models import Customer
from tests.conftest import CliRun

TIANKONG = "天津天控科技有限公司"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def customers(db_url: str) -> int:
    with db.session(db_url) as s:
        return int(s.exec(select(func.count()).select_from(Customer)).one())


@pytest.fixture
def _dup_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if a clerk sat at a terminal: the prompts ask (answers come from ``input=``)."""
    monkeypatch.setattr("shouhou.cli.prompts.interactive", lambda: True)


def test_same_name_and_phone_is_refused_naming_the_existing_customer(
    cli: CliRun, db_url: str
) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678", "--zone", "local"))
    again = cli("customer", "add", TIANKONG, "--phone", "022-12345678", "--zone", "local")
    assert again.exit_code == 1
    assert again.stdout == ""
    assert again.stderr == (
        f"error: customer 1 {TIANKONG} (022-12345678) already exists — see "
        "`shouhou customer show 1`, or add --force to open a second file\n"
    )
    assert customers(db_url) == 1


def test_same_name_and_phone_is_refused_in_chinese(cli: CliRun) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    again = cli("--lang", "zh", "customer", "add", TIANKONG, "--phone", "022-12345678")
    assert again.exit_code == 1
    assert again.stderr == (
        f"错误：客户 1 {TIANKONG} (022-12345678) 已存在 — 请查看 `shouhou customer show 1`，"
        "确需再建一份档案请加 --force\n"
    )


def test_same_phone_written_differently_and_name_in_other_case_is_the_same_customer(
    cli: CliRun, db_url: str
) -> None:
    ok(cli("customer", "add", "Maple Leaf Textiles", "--phone", "022-1234 5678"))
    again = cli("customer", "add", " maple leaf textiles ", "--phone", "02212345678")
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert customers(db_url) == 1


def test_same_name_without_phones_twice_is_refused(cli: CliRun, db_url: str) -> None:
    ok(cli("customer", "add", "上海某厂"))
    assert cli("customer", "add", "上海某厂").exit_code == 1
    assert customers(db_url) == 1


def test_readme_customer_add_twice_leaves_ticket_new_by_name_working(cli: CliRun) -> None:
    """The README's walk run twice used to make two identical customers, and then
    ``ticket new --customer 天控`` failed as ambiguous."""
    readme = ("customer", "add", TIANKONG, "--phone", "022-12345678", "--zone", "local")
    ok(cli(*readme))
    assert cli(*readme).exit_code == 1
    out = ok(cli("ticket", "new", "--customer", "天控", "--severity", "2", "--symptom", "x"))
    assert out.startswith("Ticket SH2611-0001 received")


def test_same_name_alone_warns_and_adds_without_a_terminal(cli: CliRun, db_url: str) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    second = cli("customer", "add", TIANKONG, "--phone", "022-87654321")
    assert second.exit_code == 0
    assert second.stdout == f"Created customer 2: {TIANKONG}\n"
    assert second.stderr == (
        f"warning: a customer with this name already exists: 1 {TIANKONG} (022-12345678)\n"
    )
    assert customers(db_url) == 2


def test_same_phone_alone_warns_and_adds_without_a_terminal(cli: CliRun, db_url: str) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    second = cli("--lang", "zh", "customer", "add", "天控二厂", "--phone", "022-12345678")
    assert second.exit_code == 0
    assert second.stderr == f"提示：已有相同电话的客户：1 {TIANKONG} (022-12345678)\n"
    assert customers(db_url) == 2


def test_force_adds_anyway(cli: CliRun, db_url: str) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    forced = cli("customer", "add", TIANKONG, "--phone", "022-12345678", "--force")
    assert forced.exit_code == 0
    assert forced.stdout == f"Created customer 2: {TIANKONG}\n"
    assert forced.stderr == ""
    assert customers(db_url) == 2


@pytest.mark.usefixtures("_dup_terminal")
def test_on_a_terminal_same_name_asks_and_no_writes_nothing(cli: CliRun, db_url: str) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    answer = cli("customer", "add", TIANKONG, "--phone", "022-1", input="n\n")
    assert answer.exit_code == 1
    assert "Open another customer file for 天津天控科技有限公司?" in answer.stdout
    assert "error: aborted — nothing was changed" in answer.stderr
    assert customers(db_url) == 1


@pytest.mark.usefixtures("_dup_terminal")
def test_on_a_terminal_same_phone_asks_and_yes_adds(cli: CliRun, db_url: str) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    answer = cli(
        "--lang", "zh", "customer", "add", "天控二厂", "--phone", "022-12345678", input="是\n"
    )
    assert answer.exit_code == 0, answer.stderr
    assert "仍要为 天控二厂 新建一份客户档案吗？" in answer.stdout
    assert "已建立客户档案 2：天控二厂" in answer.stdout
    assert customers(db_url) == 2


@pytest.mark.usefixtures("_dup_terminal")
def test_on_a_terminal_force_does_not_ask(cli: CliRun, db_url: str) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    forced = cli("customer", "add", TIANKONG, "--force", input="")
    assert forced.exit_code == 0
    assert forced.stdout == f"Created customer 2: {TIANKONG}\n"
    assert customers(db_url) == 2


def test_a_different_customer_is_added_quietly(cli: CliRun) -> None:
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    other = cli("customer", "add", "北京天辰设备厂", "--phone", "010-5555")
    assert (other.exit_code, other.stderr) == (0, "")
