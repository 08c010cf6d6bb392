"""Issue 10.4: a customer is named the same way everywhere — id, phone (with or without its
separators) or a name fragment that matches one customer — in ``customer show|edit``,
``device add|list --customer``, ``ticket list --customer`` and ``export --customer``.
Unknown → exit 1; ambiguous → exit 1 listing the candidates with id and phone."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import Device
from tests.conftest import CliRun

TIANKONG = "天津天控科技有限公司"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


@pytest.fixture
def _cr_office(cli: CliRun) -> CliRun:
    """天控 (#1, 022-12345678) with device S1 and ticket SH2611-0001; 北京天辰 (#2, 010-5555)
    with B1; 上海某厂 (#3, no phone)."""
    ok(cli("customer", "add", TIANKONG, "--phone", "022-12345678"))
    ok(cli("customer", "add", "北京天辰设备厂", "--phone", "010-5555"))
    ok(cli("customer", "add", "上海某厂"))
    ok(cli("device", "add", "--customer", "1", "--model", "KS", "--serial", "S1"))
    ok(cli("device", "add", "--customer", "2", "--model", "KB", "--serial", "B1"))
    ok(cli("ticket", "new", "--device", "S1", "--severity", "3", "--symptom", "x"))
    return cli


def shown_id(cli: CliRun, ref: str) -> int:
    return int(json.loads(ok(cli("customer", "show", ref, "--format", "json")))["id"])


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("1", 1),
        ("2", 2),
        ("022-12345678", 1),
        ("02212345678", 1),  # the phone without its separators
        ("010 5555", 2),
        ("天控", 1),
        ("天辰", 2),
        ("上海", 3),
        (TIANKONG, 1),
    ],
)
def test_customer_show_takes_id_phone_or_name_fragment(
    _cr_office: CliRun, ref: str, expected: int
) -> None:
    assert shown_id(_cr_office, ref) == expected


def test_customer_edit_takes_a_name_fragment(_cr_office: CliRun) -> None:
    out = ok(_cr_office("customer", "edit", "天辰", "--contact", "李工"))
    assert out == "Updated customer 2: 北京天辰设备厂\n"
    record = json.loads(ok(_cr_office("customer", "show", "2", "--format", "json")))
    assert record["contact"] == "李工"


def test_device_add_customer_by_name_fragment_or_phone(_cr_office: CliRun, db_url: str) -> None:
    ok(_cr_office("device", "add", "--customer", "上海", "--model", "M", "--serial", "SH1"))
    ok(_cr_office("device", "add", "--customer", "010-5555", "--model", "M", "--serial", "B2"))
    with db.session(db_url) as s:
        owners = dict(s.exec(select(Device.serial, Device.customer_id)).all())
    assert owners["SH1"] == 3
    assert owners["B2"] == 2


def test_device_list_customer_by_phone(_cr_office: CliRun) -> None:
    rows = json.loads(ok(_cr_office("device", "list", "--customer", "010-5555", "-f", "json")))
    assert [r["serial"] for r in rows] == ["B1"]


def test_ticket_list_customer_by_name_fragment(_cr_office: CliRun) -> None:
    mine = json.loads(ok(_cr_office("ticket", "list", "--customer", "天控", "-f", "json")))
    assert [r["number"] for r in mine] == ["SH2611-0001"]
    others = json.loads(ok(_cr_office("ticket", "list", "--customer", "天辰", "-f", "json")))
    assert others == []


def test_export_customer_filter_by_ref(_cr_office: CliRun) -> None:
    devices = json.loads(ok(_cr_office("export", "device", "--customer", "天辰", "-f", "json")))
    assert [d["serial"] for d in devices] == ["B1"]
    customers = json.loads(ok(_cr_office("export", "customer", "--customer", "上海", "-f", "json")))
    assert [c["id"] for c in customers] == [3]
    tickets = json.loads(ok(_cr_office("export", "ticket", "--customer", "1", "-f", "json")))
    assert [t["number"] for t in tickets] == ["SH2611-0001"]


def test_export_customer_filter_on_a_table_without_customer_is_usage_error(
    _cr_office: CliRun,
) -> None:
    result = _cr_office("export", "calendar_day", "--customer", "1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "error: table calendar_day has no customer column — --customer works with: customer, "
    )


def test_ambiguous_ref_exits_1_listing_candidates_with_id_and_phone(_cr_office: CliRun) -> None:
    expected = (
        f"error: '天' matches several customers (1 {TIANKONG} (022-12345678); "
        "2 北京天辰设备厂 (010-5555)) — give the id or the phone\n"
    )
    for args in (
        ("customer", "show", "天"),
        ("customer", "edit", "天", "--contact", "x"),
        ("device", "add", "--customer", "天", "--model", "M", "--serial", "X1"),
        ("device", "list", "--customer", "天"),
        ("ticket", "list", "--customer", "天"),
        ("export", "device", "--customer", "天"),
    ):
        result = _cr_office(*args)
        assert result.exit_code == 1, args
        assert result.stdout == "", args
        assert result.stderr == expected, args


def test_unknown_ref_exits_1(_cr_office: CliRun) -> None:
    for args in (
        ("customer", "show", "广州"),
        ("device", "list", "--customer", "广州", "--format", "json"),
        ("device", "list", "--customer", "99"),
        ("ticket", "list", "--customer", "广州"),
    ):
        result = _cr_office(*args)
        assert result.exit_code == 1, args
        assert result.stdout == "", args  # nothing printed before the refusal (no "[")
        ref = args[3] if args[0] != "customer" else args[2]
        assert result.stderr == f"error: no customer '{ref}' — check `shouhou customer list`\n"


def test_exact_name_wins_over_a_longer_name_that_contains_it(cli: CliRun) -> None:
    ok(cli("customer", "add", "天控"))
    ok(cli("customer", "add", "天控二厂"))
    assert shown_id(cli, "天控") == 1
    assert shown_id(cli, "二厂") == 2


def test_name_fragment_ignores_case(cli: CliRun) -> None:
    ok(cli("customer", "add", "Maple Leaf Textiles"))
    assert shown_id(cli, "maple") == 1
    assert shown_id(cli, "LEAF") == 1


def test_device_add_to_unknown_customer_writes_nothing(_cr_office: CliRun, db_url: str) -> None:
    result = _cr_office("device", "add", "--customer", "广州", "--model", "M", "--serial", "G1")
    assert result.exit_code == 1
    with db.session(db_url) as s:
        assert s.exec(select(Device).where(Device.serial == "G1")).first() is None
