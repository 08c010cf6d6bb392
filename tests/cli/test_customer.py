"""``shouhou customer``: add, list, show, edit — output formats, CJK alignment, audit trail."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, Customer
from tests.conftest import CliRun

TIANKONG = "天津天控科技有限公司"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def column_starts(header: str, names: list[str]) -> list[int]:
    """Display column where each header name starts."""
    return [width(header[: header.index(name)]) for name in names]


def add(cli: CliRun, *args: str) -> dict[str, object]:
    result = cli("customer", "add", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_done_when_add_then_list_json(cli: CliRun) -> None:
    """Issue "Foundation", done-when: the customer added comes back from ``list --format json``."""
    result = cli("customer", "add", TIANKONG, "--phone", "022-12345678")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Created customer 1: {TIANKONG}\n"
    assert result.stderr == ""
    listed = cli("customer", "list", "--format", "json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert len(rows) == 1
    assert rows[0]["name"] == TIANKONG
    assert rows[0]["phone"] == "022-12345678"


def test_list_json_shape(cli: CliRun) -> None:
    add(cli, TIANKONG, "--phone", "022-12345678", "--contact", "王工", "--zone", "nearby", "--key")
    (row,) = json.loads(cli("customer", "list", "--format", "json").stdout)
    # CLI.md "JSON shape": stable keys
    for key in ("id", "name", "contact", "phone", "address", "region", "zone", "key", "created_at"):
        assert key in row
    assert row == row | {
        "id": 1,
        "contact": "王工",
        "zone": "nearby",
        "key": True,
        "address": None,
        "created_at": "2026-11-23T02:00:00+00:00",  # SHOUHOU_NOW 10:00 Shanghai, stored UTC
    }


def test_list_empty_json_and_csv(cli: CliRun) -> None:
    assert json.loads(cli("customer", "list", "--format", "json").stdout) == []
    result = cli("customer", "list", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("id,name")


def test_list_csv(cli: CliRun) -> None:
    add(cli, TIANKONG, "--phone", "022-12345678")
    add(cli, '北京, "引号" 公司', "--contact", "张三")
    rows = list(csv.DictReader(io.StringIO(cli("customer", "list", "-f", "csv").stdout)))
    assert [r["name"] for r in rows] == [TIANKONG, '北京, "引号" 公司']
    assert rows[0]["phone"] == "022-12345678"
    assert rows[1]["contact"] == "张三"
    assert rows[0]["key"] == "false"


def test_csv_neutralises_formulas(cli: CliRun) -> None:
    add(cli, "=cmd()")
    add(cli, "+86 phone", "--phone", "-1+2", "--contact", "@SUM(A1)")
    add(cli, "plain number", "--phone", "-30")
    rows = list(csv.DictReader(io.StringIO(cli("customer", "list", "--format", "csv").stdout)))
    assert rows[0]["name"] == "'=cmd()"
    assert rows[1]["name"] == "'+86 phone"
    assert rows[1]["phone"] == "'-1+2"
    assert rows[2]["phone"] == "-30"  # a plain (negative) number is data, not a formula
    assert rows[1]["contact"] == "'@SUM(A1)"
    shown = list(csv.reader(io.StringIO(cli("customer", "show", "1", "--format", "csv").stdout)))
    assert ["name", "'=cmd()"] in shown
    # JSON is data, not a spreadsheet: unchanged
    assert json.loads(cli("customer", "show", "1", "--format", "json").stdout)["name"] == "=cmd()"


def test_plain_text_list_aligns_cjk_by_display_width(cli: CliRun) -> None:
    add(cli, TIANKONG, "--phone", "022-12345678", "--contact", "王工")
    add(cli, "ABC Ltd", "--contact", "Bob", "--phone", "1")
    add(cli, "北京某某设备厂", "--contact", "欧阳娜娜", "--region", "北京")
    result = cli("customer", "list")
    assert result.exit_code == 0
    header, *lines = result.stdout.splitlines()
    assert len(lines) == 3
    names = ["ID", "Customer", "Contact", "Phone", "Region", "Zone", "Key"]
    starts = column_starts(header, names)
    contacts = ["王工", "Bob", "欧阳娜娜"]
    phones = ["022-12345678", "1", None]
    for line, contact, phone in zip(lines, contacts, phones, strict=True):
        assert width(line[: line.index(contact)]) == starts[2], line
        if phone:
            assert width(line[: line.index(phone)]) == starts[3], line
        assert width(line[: line.index("local")]) == starts[5], line
    assert not any(line.endswith(" ") for line in result.stdout.splitlines())


def test_plain_text_list_in_chinese(cli: CliRun) -> None:
    add(cli, TIANKONG, "--zone", "remote", "--key")
    result = cli("--lang", "zh", "customer", "list")
    header, line = result.stdout.splitlines()
    assert header.split() == ["编号", "客户", "联系人", "电话", "地区", "区域", "重点客户"]
    assert line.split() == ["1", TIANKONG, "外省", "是"]
    starts = column_starts(header, ["区域", "重点客户"])
    assert width(line[: line.index("外省")]) == starts[0]
    assert width(line[: line.index("是")]) == starts[1]


def test_list_search_and_limit(cli: CliRun) -> None:
    add(cli, TIANKONG, "--phone", "022-1")
    add(cli, "北京", "--contact", "天津人")
    add(cli, "上海", "--phone", "021-1")
    found = json.loads(cli("customer", "list", "--search", "天津", "--format", "json").stdout)
    assert [r["id"] for r in found] == [1, 2]
    limited = json.loads(cli("customer", "list", "--limit", "2", "--format", "json").stdout)
    assert [r["id"] for r in limited] == [1, 2]
    assert cli("customer", "list", "--limit", "0").exit_code == 2


def test_show_plain_text_has_sections_and_audit_trail(cli: CliRun) -> None:
    add(cli, TIANKONG, "--phone", "022-12345678")
    cli("--as", "李四", "customer", "edit", "1", "--phone", "022-87654321", "--key")
    result = cli("customer", "show", "1")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for title in ("== Customer file ==", "== Devices ==", "== Audit trail =="):
        assert title in text
    assert "Phone     022-87654321" in text
    assert "Created   2026-11-23 10:00" in text  # local time
    trail = text.split("== Audit trail ==\n", 1)[1].splitlines()
    assert trail[0].split() == ["Time", "By", "Action", "Changes"]
    assert trail[1].startswith("2026-11-23 10:00  tester  created ")
    assert "李四" in trail[2]
    assert "phone: 022-12345678 → 022-87654321" in trail[2]
    assert "key_customer: False → True" in trail[2]


def test_show_json_includes_timeline_with_actor(cli: CliRun) -> None:
    add(cli, TIANKONG)
    cli("customer", "edit", "1", "--contact", "王工", env={"SHOUHOU_USER": "王五"})
    record = json.loads(cli("customer", "show", "1", "--format", "json").stdout)
    assert record["name"] == TIANKONG
    assert record["devices"] == []
    assert [(e["actor"], e["action"]) for e in record["timeline"]] == [
        ("tester", "create"),
        ("王五", "update"),
    ]
    assert record["timeline"][1]["changes"] == {"contact": [None, "王工"]}
    assert record["timeline"][1]["at"] == "2026-11-23T02:00:00+00:00"


def test_show_in_chinese(cli: CliRun) -> None:
    add(cli, TIANKONG)
    text = cli("--lang", "zh", "customer", "show", "1").stdout
    assert "== 客户档案 ==" in text
    assert "== 操作记录 ==" in text
    assert "创建" in text


def test_edit_changes_fields_and_prints(cli: CliRun, db_url: str) -> None:
    add(cli, TIANKONG)
    result = cli(
        "customer", "edit", "1", "--name", "天控", "--zone", "nearby", "--address", "南开区"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Updated customer 1: 天控\n"
    with db.session(db_url) as s:
        customer = s.get(Customer, 1)
        assert customer is not None
        assert (customer.name, customer.zone, customer.address) == ("天控", "nearby", "南开区")
        actions = [e.action for e in s.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["create", "update"]


def test_edit_no_key_flag(cli: CliRun) -> None:
    add(cli, TIANKONG, "--key")
    cli("customer", "edit", "1", "--no-key")
    assert json.loads(cli("customer", "show", "1", "-f", "json").stdout)["key"] is False


def test_edit_unknown_customer(cli: CliRun) -> None:
    result = cli("customer", "edit", "9", "--phone", "1")
    assert result.exit_code == 1
    assert result.stderr == "error: no customer '9' — check `shouhou customer list`\n"


def test_add_bad_zone_is_usage_error(cli: CliRun, db_url: str) -> None:
    result = cli("customer", "add", "X", "--zone", "mars")
    assert result.exit_code == 2
    assert result.stderr == "error: zone 'mars' is not allowed — accepted: local|nearby|remote\n"
    with db.session(db_url) as s:
        assert s.exec(select(Customer)).all() == []


def test_add_blank_name(cli: CliRun) -> None:
    result = cli("customer", "add", "  ")
    assert result.exit_code == 2
    assert result.stderr == "error: name is required — give --name\n"


def test_add_json_output(cli: CliRun) -> None:
    record = add(cli, TIANKONG, "--notes", "备注")
    assert record["id"] == 1
    assert record["notes"] == "备注"
