"""Spreadsheet import (moving from a spreadsheet): encodings, headers, all-or-nothing, re-runs."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, func, select

from shouhou.errors import UsageError
from shouhou.models import AuditEntry, Customer, Device, Ticket
from shouhou.services import audit
from shouhou.services.audit import Stamp
from shouhou.services.customers.customers import add_customer
from shouhou.services.customers.devices import add_device
from shouhou.services.data.importing.columns import normalise_header, parse_map, plan_columns
from shouhou.services.data.importing.converters import cell_text
from shouhou.services.data.importing.readers import detect_encoding, read_source
from shouhou.services.data.importing.rows import ImportReport
from shouhou.services.data.importing.run import import_file

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

CUSTOMER_HEADER = ["客户名称", "联系人", "联系电话", "地址", "地区", "区域", "重点客户"]
CUSTOMERS = [
    ["天津天控科技有限公司", "王工", "022-12345678", "天津市西青区", "天津", "本地", "是"],
    ["北京协和医院设备处", "李主任", "010-69156114", "北京市东城区", "北京", "周边", "否"],
    ["广州南方电梯有限公司", "陈经理", "020-87654321", "广州市天河区", "广东", "外省", ""],
]


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def run(
    session: Session,
    stamp: Stamp,
    kind: str,
    path: Path,
    **kw: Any,
) -> ImportReport:
    return import_file(session, stamp, kind, path, zone=SHANGHAI, **kw)


def count(session: Session, model: Any) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def problems(report: ImportReport) -> list[tuple[int, str, str, str]]:
    return [(p.row, p.column, p.value, p.key) for p in report.problems]


# -- encodings and reading --------------------------------------------------------------------


def test_detect_encoding_bom_utf8_and_gb18030() -> None:
    text = "客户名称,联系电话\n天控,1\n"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(text.encode("utf-8")) == "utf-8"
    assert detect_encoding(text.encode("gb18030")) == "gb18030"
    assert detect_encoding(b"name,phone\n") == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "c.csv", [CUSTOMER_HEADER, *CUSTOMERS], encoding=encoding)
    source = read_source(path)
    assert source.headers == CUSTOMER_HEADER  # the BOM is not part of the first header
    assert [row for _, row in source.rows] == CUSTOMERS
    assert [number for number, _ in source.rows] == [2, 3, 4]


def test_committed_gb18030_fixture_imports(session: Session, stamp: Stamp) -> None:
    path = FIXTURES / "customers-gb18030.csv"
    assert detect_encoding(path.read_bytes()) == "gb18030"
    report = run(session, stamp, "customers", path)
    assert report.ok and report.created == 3
    names = set(session.exec(select(Customer.name)))
    assert "天津天控科技有限公司" in names


def test_committed_bom_fixture_imports(session: Session, stamp: Stamp) -> None:
    path = FIXTURES / "customers-utf8-bom.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    report = run(session, stamp, "customers", path)
    assert report.ok and report.created == 3


def test_tab_separated_text_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.txt", [CUSTOMER_HEADER, *CUSTOMERS], delimiter="\t")
    assert read_source(path).headers == CUSTOMER_HEADER


def test_blank_rows_keep_spreadsheet_numbering(tmp_path: Path) -> None:
    rows = [[], ["客户名称", "联系电话"], ["甲", "1"], [], ["乙", "2"]]
    source = read_source(write_csv(tmp_path / "c.csv", rows))
    assert source.header_row == 2
    assert [number for number, _ in source.rows] == [3, 5]


def test_xlsx_blank_rows_keep_spreadsheet_numbering(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["客户名称", "联系电话"], ["甲", "1"], [None, None], ["乙", "2"]]
    source = read_source(write_xlsx(tmp_path / "c.xlsx", rows))
    assert [number for number, _ in source.rows] == [2, 4]


def test_xlsx_leading_blank_rows_and_columns_keep_spreadsheet_numbering(tmp_path: Path) -> None:
    """calamine's used area starts at the first filled cell; the row numbers must not."""
    rows: list[list[Any]] = [
        [],
        [],
        [None, "客户名称", "联系电话"],
        [None, "甲", 13800138000],
        [],
        [None, "乙", "2"],
    ]
    source = read_source(write_xlsx(tmp_path / "c.xlsx", rows))
    assert source.header_row == 3
    assert source.headers[-2:] == ["客户名称", "联系电话"]
    assert [number for number, _ in source.rows] == [4, 6]
    phone = source.headers.index("联系电话")
    assert cell_text(source.rows[0][1][phone]) == "13800138000"


def test_missing_and_unsupported_files_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as missing:
        read_source(tmp_path / "nope.csv")
    assert missing.value.key == "err.import_no_file"
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UsageError) as xls:
        read_source(old)
    assert xls.value.key == "err.import_format"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(UsageError) as bad:
        read_source(broken)
    assert bad.value.key == "err.import_xlsx"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\n\n")
    with pytest.raises(UsageError) as nothing:
        read_source(empty)
    assert nothing.value.key == "err.import_empty"


def test_xlsx_sheet_choice(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "c.xlsx", [CUSTOMER_HEADER, *CUSTOMERS], title="客户")
    assert read_source(path, sheet="客户").headers == CUSTOMER_HEADER
    with pytest.raises(UsageError) as exc:
        read_source(path, sheet="设备")
    assert exc.value.key == "err.import_sheet"
    assert exc.value.fields["sheets"] == "客户"


# -- headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("客户名称", "客户名称"),
        (" 客户名称* ", "客户名称"),
        ("客户名称（必填）", "客户名称"),
        ("Customer Name", "customername"),
        ("customer_name", "customername"),
        ("ＰＨＯＮＥ", "phone"),
        ("保修月数(月)", "保修月数"),
    ],
)
def test_normalise_header(header: str, expected: str) -> None:
    assert normalise_header(header) == expected


def test_plan_columns_chinese_and_english_headers() -> None:
    plan = plan_columns("customers", ["Name", "电话", "备注", "随便"], {})
    assert plan.index == {"name": 0, "phone": 1, "notes": 2}
    assert plan.ignored == ["随便"]


def test_plan_columns_missing_required_column() -> None:
    with pytest.raises(UsageError) as exc:
        plan_columns("devices", ["型号", "客户名称"], {})
    assert exc.value.key == "err.import_missing_column"
    assert exc.value.fields["field"] == "serial"
    assert "出厂编号" in exc.value.fields["aliases"]
    with pytest.raises(UsageError) as customer:
        plan_columns("devices", ["出厂编号", "型号"], {})
    assert customer.value.fields["field"] == "customer_name|customer_id"


def test_plan_columns_two_columns_for_one_field() -> None:
    with pytest.raises(UsageError) as exc:
        plan_columns("customers", ["客户名称", "电话", "联系电话"], {})
    assert exc.value.key == "err.import_duplicate_column"
    assert exc.value.fields == {"first": "电话", "second": "联系电话", "field": "phone"}
    plan = plan_columns("customers", ["客户名称", "电话", "联系电话"], parse_map(["电话=-"]))
    assert plan.index["phone"] == 2
    assert plan.ignored == ["电话"]


def test_map_overrides_and_wins_over_aliases() -> None:
    mapping = parse_map(["单位=name", "手机号码=phone"])
    plan = plan_columns("customers", ["单位", "手机号码", "电话"], mapping)
    assert plan.index == {"name": 0, "phone": 1}
    assert "电话" in plan.ignored
    # a field may be given by one of its aliases too
    assert plan_columns("customers", ["单位"], parse_map(["单位=客户名称"])).index == {"name": 0}


@pytest.mark.parametrize(
    ("items", "key"),
    [
        (["单位"], "err.import_bad_map"),
        (["=name"], "err.import_bad_map"),
        (["单位=colour"], "err.import_map_field"),
        (["机号=name"], "err.import_map_column"),
    ],
)
def test_bad_map_is_a_usage_error(items: list[str], key: str) -> None:
    with pytest.raises(UsageError) as exc:
        plan_columns("customers", ["单位", "电话"], parse_map(items))
    assert exc.value.key == key


def test_cell_text_undoes_export_formula_guard() -> None:
    assert cell_text("'=SUM(A1)") == "=SUM(A1)"
    assert cell_text("'+86 138") == "+86 138"
    assert cell_text("'quoted") == "'quoted"
    assert cell_text(13800138000.0) == "13800138000"
    assert cell_text("  ") is None
    assert cell_text(date(2026, 1, 5)) == "2026-01-05"


# -- customers --------------------------------------------------------------------------------


def test_import_customers_with_chinese_headers(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "c.csv", [CUSTOMER_HEADER, *CUSTOMERS])
    report = run(session, stamp, "customers", path)
    assert report.ok
    assert (report.rows, report.created, report.updated, report.skipped) == (3, 3, 0, 0)
    stored = session.exec(select(Customer).where(Customer.name == "天津天控科技有限公司")).one()
    assert (stored.contact, stored.phone, stored.address) == (
        "王工",
        "022-12345678",
        "天津市西青区",
    )
    assert (stored.region, stored.zone, stored.key_customer) == ("天津", "local", True)
    assert stored.created_at == stamp.at
    zones = dict(session.exec(select(Customer.name, Customer.zone)).all())
    assert zones["北京协和医院设备处"] == "nearby"
    assert zones["广州南方电梯有限公司"] == "remote"


def test_one_audit_entry_per_import_with_counts(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "c.csv", [CUSTOMER_HEADER, *CUSTOMERS])
    run(session, stamp, "customers", path)
    run(session, stamp, "customers", path)
    entries = list(session.exec(select(AuditEntry).order_by(col(AuditEntry.id))))
    assert [(e.entity, e.entity_id, e.action) for e in entries] == [
        ("import", 1, "customers"),
        ("import", 2, "customers"),
    ]
    assert audit.changes_of(entries[0]) == {
        "file": "c.csv",
        "rows": 3,
        "created": 3,
        "updated": 0,
        "skipped": 0,
    }
    assert audit.changes_of(entries[1])["skipped"] == 3


def test_rerun_is_idempotent_and_counts_updates(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "c.csv", [CUSTOMER_HEADER, *CUSTOMERS])
    run(session, stamp, "customers", path)
    again = run(session, stamp, "customers", path)
    assert (again.created, again.updated, again.skipped) == (0, 0, 3)
    assert count(session, Customer) == 3

    changed = [row[:] for row in CUSTOMERS]
    changed[1][3] = "北京市东城区帅府园1号"
    changed.append(["新客户", "", "0755-1", "", "", "", ""])
    later = Stamp("tester", datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI))
    third = run(session, later, "customers", write_csv(path, [CUSTOMER_HEADER, *changed]))
    assert (third.created, third.updated, third.skipped) == (1, 1, 2)
    moved = session.exec(select(Customer).where(Customer.name == "北京协和医院设备处")).one()
    session.refresh(moved)
    assert moved.address == "北京市东城区帅府园1号"
    assert moved.updated_at == later.at
    assert moved.created_at == stamp.at


def test_same_name_other_phone_is_another_customer(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    add_customer(session, stamp, name="甲公司", phone="1")
    path = write_csv(tmp_path / "c.csv", [["客户名称", "电话"], ["甲公司", "1"], ["甲公司", "2"]])
    report = run(session, stamp, "customers", path)
    assert (report.created, report.skipped) == (1, 1)


def test_empty_cell_never_erases(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    add_customer(session, stamp, name="甲公司", phone="1", address="天津", contact="王工")
    path = write_csv(
        tmp_path / "c.csv", [["客户名称", "电话", "地址", "联系人"], ["甲公司", "1", "", "赵工"]]
    )
    report = run(session, stamp, "customers", path)
    assert report.updated == 1
    stored = session.exec(select(Customer)).one()
    session.refresh(stored)
    assert (stored.address, stored.contact) == ("天津", "赵工")


def test_english_headers_and_map(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    rows = [["Unit", "phone", "key", "zone"], ["ACME", "+86 22 1", "yes", "nearby"]]
    path = write_csv(tmp_path / "c.csv", rows)
    report = run(session, stamp, "customers", path, mapping=parse_map(["Unit=name"]))
    assert report.ok and report.created == 1
    stored = session.exec(select(Customer)).one()
    assert (stored.name, stored.phone, stored.key_customer, stored.zone) == (
        "ACME",
        "+86 22 1",
        True,
        "nearby",
    )


def test_dry_run_counts_and_writes_nothing(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [CUSTOMER_HEADER, *CUSTOMERS])
    report = run(session, stamp, "customers", path, dry_run=True)
    assert report.ok and report.dry_run
    assert report.created == 3
    assert count(session, Customer) == 0
    assert count(session, AuditEntry) == 0


def test_dry_run_reports_every_problem_with_row_column_value(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    rows = [
        CUSTOMER_HEADER,
        CUSTOMERS[0],
        ["", "张三", "1", "", "", "", ""],  # row 3: no name
        ["乙公司", "", "2", "", "", "月球", "也许"],  # row 4: bad zone and key
        ["丙" * 201, "", "", "", "", "", ""],  # row 5: too long
    ]
    report = run(session, stamp, "customers", write_csv(tmp_path / "c.csv", rows), dry_run=True)
    assert problems(report) == [
        (3, "客户名称", "", "problem.required"),
        (4, "区域", "月球", "problem.bad_choice"),
        (4, "重点客户", "也许", "problem.bad_bool"),
        (5, "客户名称", "丙" * 201, "problem.too_long"),
    ]
    assert report.problems[1].fields["accepted"].startswith("local|本地")
    assert report.bad_rows == 3
    assert count(session, Customer) == 0


def test_one_bad_row_means_nothing_is_written(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    rows = [CUSTOMER_HEADER, *CUSTOMERS, ["坏客户", "", "", "", "", "火星", ""]]
    report = run(session, stamp, "customers", write_csv(tmp_path / "c.csv", rows))
    assert not report.ok
    assert problems(report) == [(5, "区域", "火星", "problem.bad_choice")]
    assert (report.created, report.updated, report.skipped) == (0, 0, 0)
    assert count(session, Customer) == 0
    assert count(session, AuditEntry) == 0


def test_repeated_key_in_file(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    rows = [["客户名称", "电话", "地址"], ["甲", "1", "天津"], ["甲", "1", "天津"]]
    same = run(session, stamp, "customers", write_csv(tmp_path / "a.csv", rows))
    assert (same.created, same.skipped) == (1, 1)
    rows.append(["甲", "1", "北京"])
    clash = run(session, stamp, "customers", write_csv(tmp_path / "b.csv", rows))
    assert problems(clash) == [(4, "地址", "北京", "problem.repeated")]
    assert clash.problems[0].fields == {"row_first": 2, "field": "address"}


def test_existing_duplicates_are_reported(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    add_customer(session, stamp, name="甲", phone="1")
    add_customer(session, stamp, name="甲", phone="1", force=True)  # made before issue 10.3
    report = run(
        session,
        stamp,
        "customers",
        write_csv(tmp_path / "c.csv", [["客户名称", "电话"], ["甲", "1"]]),
    )
    assert problems(report) == [(2, "客户名称", "甲", "problem.existing_ambiguous")]


def test_xlsx_import_with_numbers_and_dates(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["出厂编号", "型号", "客户名称", "联系电话", "出厂日期", "验收日期", "保修月数"],
        [10086, "TK-200", "天控", 13800138000, datetime(2026, 1, 5), date(2026, 2, 1), 36.0],
        ["SN-2", "TK-300", "天控", 13800138000, "2026/03/01", "2026年3月9日", "12个月"],
    ]
    report = run(session, stamp, "devices", write_xlsx(tmp_path / "d.xlsx", rows))
    assert report.ok, report.problems
    assert (report.created, report.customers_created) == (2, 1)
    first = session.exec(select(Device).where(Device.serial == "10086")).one()
    assert (first.factory_date, first.accepted_on, first.warranty_months) == (
        date(2026, 1, 5),
        date(2026, 2, 1),
        36,
    )
    second = session.exec(select(Device).where(Device.serial == "SN-2")).one()
    assert (second.factory_date, second.accepted_on, second.warranty_months) == (
        date(2026, 3, 1),
        date(2026, 3, 9),
        12,
    )
    customer = session.exec(select(Customer)).one()
    assert customer.phone == "13800138000"
    assert first.customer_id == second.customer_id == customer.id


def test_committed_xlsx_fixture_imports(session: Session, stamp: Stamp) -> None:
    report = run(session, stamp, "devices", FIXTURES / "devices.xlsx")
    assert report.ok, report.problems
    assert report.created == 3


# -- devices ----------------------------------------------------------------------------------

DEVICE_HEADER = ["出厂编号", "型号", "品牌", "客户名称", "联系电话", "地址", "验收日期", "保修月数"]


def test_devices_create_missing_customers_once(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    rows = [
        DEVICE_HEADER,
        ["SN1", "TK-200", "天控", "甲公司", "1", "天津", "2026-01-01", "24"],
        ["SN2", "TK-200", "天控", "甲公司", "1", "天津", "2026-01-01", "24"],
        ["SN3", "TK-300", "天控", "乙公司", "2", "北京", "", ""],
    ]
    report = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows))
    assert (report.created, report.customers_created) == (3, 2)
    customers = {c.name: c for c in session.exec(select(Customer))}
    assert customers["甲公司"].address == "天津"
    assert customers["乙公司"].created_at == stamp.at
    sn3 = session.exec(select(Device).where(Device.serial == "SN3")).one()
    assert (sn3.customer_id, sn3.warranty_months, sn3.accepted_on) == (
        customers["乙公司"].id,
        24,
        None,
    )
    audits = list(session.exec(select(AuditEntry)))
    assert len(audits) == 1
    assert audit.changes_of(audits[0])["customers_created"] == 2
    again = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows))
    assert (again.created, again.updated, again.skipped, again.customers_created) == (0, 0, 3, 0)


def test_devices_match_existing_customer_by_name_alone(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    customer = add_customer(session, stamp, name="甲公司", phone="022-1")
    rows = [["出厂编号", "型号", "客户名称"], ["SN1", "TK", "甲公司"]]
    report = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows))
    assert (report.created, report.customers_created) == (1, 0)
    assert session.exec(select(Device.customer_id)).one() == customer.id


def test_devices_ambiguous_customer_name(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    add_customer(session, stamp, name="甲公司", phone="1")
    add_customer(session, stamp, name="甲公司", phone="2")
    rows = [["出厂编号", "型号", "客户名称"], ["SN1", "TK", "甲公司"]]
    report = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows))
    assert problems(report) == [(2, "客户名称", "甲公司", "problem.customer_ambiguous")]


def test_devices_by_customer_id(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    customer = add_customer(session, stamp, name="甲公司")
    rows = [
        ["serial", "model", "customer_id"],
        ["SN1", "TK", str(customer.id)],
        ["SN2", "TK", "999"],
    ]
    report = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows))
    assert problems(report) == [(3, "customer_id", "999", "problem.customer_id_missing")]
    assert count(session, Device) == 0


def test_devices_update_and_move_to_another_customer(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    first = add_customer(session, stamp, name="甲公司", phone="1")
    assert first.id is not None
    add_device(session, stamp, customer_id=first.id, model="TK-200", serial="SN1", brand="天控")
    rows = [
        ["出厂编号", "型号", "品牌", "客户名称", "联系电话"],
        ["SN1", "TK-200", "天控", "甲公司", "1"],
    ]
    unchanged = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows))
    assert (unchanged.updated, unchanged.skipped) == (0, 1)
    rows[1][3:] = ["乙公司", "2"]
    moved = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows))
    assert (moved.updated, moved.customers_created) == (1, 1)
    device = session.exec(select(Device)).one()
    session.refresh(device)
    new_owner = session.exec(select(Customer).where(Customer.name == "乙公司")).one()
    assert device.customer_id == new_owner.id
    assert device.brand == "天控"


def test_devices_bad_cells_and_repeated_serials(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    rows = [
        DEVICE_HEADER,
        ["SN1", "TK", "", "甲", "1", "", "2026-02-30", "两年"],
        ["SN2", "", "", "甲", "1", "", "", ""],
        ["SN3", "TK", "", "", "", "", "", ""],
        ["SN4", "TK", "", "甲", "1", "", "", ""],
        ["SN4", "TK-X", "", "甲", "1", "", "", ""],
    ]
    report = run(session, stamp, "devices", write_csv(tmp_path / "d.csv", rows), dry_run=True)
    assert problems(report) == [
        (2, "验收日期", "2026-02-30", "problem.bad_date"),
        (2, "保修月数", "两年", "problem.bad_int"),
        (3, "型号", "", "problem.required"),
        (4, "客户名称", "", "problem.no_customer"),
        (6, "型号", "TK-X", "problem.repeated"),
    ]


# -- the 3-bad-rows-in-10,000 check (also in benchmarks/import_speed.py) ----------------------


def ten_thousand_rows_with_three_bad(path: Path) -> tuple[Path, list[int]]:
    rows: list[list[str]] = [DEVICE_HEADER]
    for n in range(10_000):
        rows.append(
            [
                f"SN{n:06d}",
                "TK-200",
                "天控",
                f"客户{n // 4:05d}",
                f"022-{n // 4:08d}",
                "",
                "2026-01-01",
                "24",
            ]
        )
    rows[1234][6] = "2026-13-01"  # spreadsheet row 1235
    rows[5678][1] = ""  # row 5679
    rows[9999][7] = "-3"  # row 10000
    return write_csv(path, rows), [1235, 5679, 10000]


def test_ten_thousand_rows_three_bad_imports_nothing(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    path, bad = ten_thousand_rows_with_three_bad(tmp_path / "big.csv")
    report = run(session, stamp, "devices", path)
    assert report.rows == 10_000
    assert [p.row for p in report.problems] == bad
    assert [p.key for p in report.problems] == [
        "problem.bad_date",
        "problem.required",
        "problem.bad_int",
    ]
    assert count(session, Device) == 0
    assert count(session, Customer) == 0


def test_ten_thousand_rows_import_when_fixed(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    rows = [DEVICE_HEADER] + [
        [f"SN{n:06d}", "TK-200", "天控", f"客户{n // 4:05d}", "", "", "2026-01-01", "24"]
        for n in range(10_000)
    ]
    report = run(session, stamp, "devices", write_csv(tmp_path / "ok.csv", rows))
    assert (report.created, report.customers_created) == (10_000, 2_500)
    assert count(session, Device) == 10_000


def test_unknown_kind(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["编号"], ["1"]])
    with pytest.raises(UsageError) as exc:
        run(session, stamp, "visits", path)
    assert exc.value.fields["accepted"] == "customers|devices|tickets|parts"


# -- tickets (through the tickets service) ----------------------------------------------------


TICKET_HEADER = [
    "外部单号",
    "客户名称",
    "出厂编号",
    "故障等级",
    "故障现象",
    "受理时间",
    "渠道",
    "受理人",
]


@pytest.fixture
def ticket_setup(session: Session, stamp: Stamp) -> tuple[int, int]:
    customer = add_customer(session, stamp, name="天津天控科技有限公司", phone="022-1")
    other = add_customer(session, stamp, name="北京协和医院设备处", phone="010-1")
    assert customer.id is not None and other.id is not None
    add_device(
        session,
        stamp,
        customer_id=customer.id,
        model="TK-200",
        serial="SN1",
        accepted_on=date(2026, 1, 1),
    )
    return customer.id, other.id


def test_import_tickets_opens_them_through_the_service(
    session: Session, stamp: Stamp, tmp_path: Path, ticket_setup: tuple[int, int]
) -> None:
    customer_id, other_id = ticket_setup
    rows = [
        TICKET_HEADER,
        [
            "W-001",
            "天津天控科技有限公司",
            "SN1",
            "重大",
            "主机不启动",
            "2026-11-20 09:30",
            "电话",
            "小张",
        ],
        ["W-002", "北京协和医院设备处", "", "3", "咨询", "2026/11/21 14:00", "email", ""],
        ["W-003", "", "SN1", "minor", "噪音", "2026-11-22 08:00", "", ""],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    report = run(session, stamp, "tickets", path)
    assert report.ok, report.problems
    assert report.created == 3
    tickets = {t.external_number: t for t in session.exec(select(Ticket))}
    first = tickets["W-001"]
    assert (first.customer_id, first.severity, first.channel, first.received_by) == (
        customer_id,
        "1",
        "phone",
        "小张",
    )
    assert first.received_at == datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI)
    assert first.number.startswith("SH2611-")
    assert first.in_warranty is True
    assert tickets["W-002"].customer_id == other_id
    assert tickets["W-002"].received_by == "tester"
    assert tickets["W-003"].customer_id == customer_id  # from the device
    imports = session.exec(select(AuditEntry).where(AuditEntry.entity == "import")).all()
    assert len(imports) == 1
    again = run(session, stamp, "tickets", path)
    assert (again.created, again.skipped) == (0, 3)
    assert count(session, Ticket) == 3


def test_ticket_problems_and_dry_run_write_nothing(
    session: Session, stamp: Stamp, tmp_path: Path, ticket_setup: tuple[int, int]
) -> None:
    rows = [
        TICKET_HEADER,
        ["W-001", "天津天控科技有限公司", "SN1", "1", "主机不启动", "2026-11-20 09:30", "", ""],
        ["W-002", "北京协和医院设备处", "SN1", "2", "x", "2026-11-20 09:30", "", ""],
        ["W-003", "没有的客户", "", "2", "x", "2026-11-20 09:30", "", ""],
        ["W-004", "天津天控科技有限公司", "SN9", "5", "", "昨天下午", "飞鸽", ""],
    ]
    path = write_csv(tmp_path / "t.csv", rows)
    report = run(session, stamp, "tickets", path, dry_run=True)
    assert problems(report) == [
        (3, "出厂编号", "SN1", "problem.device_other_customer"),
        (4, "客户名称", "没有的客户", "problem.customer_missing"),
        (5, "故障等级", "5", "problem.bad_choice"),
        (5, "故障现象", "", "problem.required"),
        (5, "受理时间", "昨天下午", "problem.bad_time"),
        (5, "渠道", "飞鸽", "problem.bad_choice"),
    ]
    real = run(session, stamp, "tickets", path)
    assert not real.ok
    assert count(session, Ticket) == 0
    clean = write_csv(tmp_path / "ok.csv", rows[:2])
    dry = run(session, stamp, "tickets", clean, dry_run=True)
    assert dry.ok and dry.created == 1
    assert count(session, Ticket) == 0
    from shouhou.models import Counter

    assert count(session, Counter) == 0  # the number reserved in the dry run was rolled back


def test_ticket_import_requires_external_number_column(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "t.csv", [TICKET_HEADER[1:], ["甲", "", "1", "x", "2026-11-20", "", ""]]
    )
    with pytest.raises(UsageError) as exc:
        run(session, stamp, "tickets", path)
    assert exc.value.fields["field"] == "external_number"


def test_bulk_rows_are_stored_exactly_like_orm_rows(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    """Regression: the bulk insert once bypassed the dialect's type adaptation and stored
    times as '… +00:00' text on SQLite, unlike every other row."""
    from sqlalchemy import text

    add_customer(session, stamp, name="手工录入", key_customer=True)
    path = write_csv(tmp_path / "c.csv", [["客户名称", "重点客户"], ["导入的", "是"]])
    run(session, stamp, "customers", path)
    devices = [["出厂编号", "型号", "客户名称", "验收日期"], ["SN1", "TK", "导入的", "2026-01-05"]]
    run(session, stamp, "devices", write_csv(tmp_path / "d.csv", devices))
    raw = session.execute(
        text(
            "SELECT CAST(created_at AS TEXT), CAST(key_customer AS TEXT) FROM customer ORDER BY id"
        )
    ).all()
    assert raw[0] == raw[1]
    device = session.execute(
        text("SELECT CAST(created_at AS TEXT), CAST(accepted_on AS TEXT) FROM device")
    ).one()
    assert device[0] == raw[0][0]
    assert device[1] == "2026-01-05"
    stored = session.exec(select(Device)).one()
    assert stored.created_at == stamp.at


# -- the streaming .xlsx reader ---------------------------------------------------------------


def test_xlsx_reader_matches_openpyxl(tmp_path: Path) -> None:
    """The reader returns what openpyxl's read-only ``iter_rows`` returns, in calamine's own
    spelling: an empty cell is ``""`` (as in CSV), a whole-day date a ``date`` — every
    converter takes both."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["出厂编号", "数量", "比例", "日期", "时间", "布尔", "公式", "富文本"])
    sheet.append(["SN1", 3, 0.25, date(2026, 1, 5), datetime(2026, 1, 5, 14, 30), True, "=1+1"])
    sheet.append(["SN2", -7, 1e-7, "2026/01/06", None, False, None, "plain"])
    sheet["D3"].number_format = "yyyy/m/d"
    sheet["H2"] = CellRichText(["红色", TextBlock(InlineFont(b=True), "粗体")])
    sheet.append([])
    sheet.append([None, None, None, 46000, None, None, None, None])
    sheet["D5"].number_format = "yyyy年m月d日"
    sheet.cell(row=7, column=3, value="远处的格子")
    path = tmp_path / "mixed.xlsx"
    workbook.save(path)

    expected_book = load_workbook(path, read_only=True, data_only=True)
    expected_sheet = expected_book.active
    assert expected_sheet is not None
    expected = [
        tuple(row)
        for row in expected_sheet.iter_rows(values_only=True)  # type: ignore[union-attr]
    ]
    expected_book.close()
    source = read_source(path)
    got = [tuple(source.headers)] + [tuple(row) for _, row in source.rows]

    def same(value: Any) -> Any:
        if value == "":
            return None
        if isinstance(value, datetime) and value == datetime.combine(value, time()):
            return value.date()
        return value

    def trimmed(row: Sequence[Any]) -> tuple[Any, ...]:
        values = [same(value) for value in row]
        while values and values[-1] is None:
            values.pop()
        return tuple(values)

    non_empty = [trimmed(row) for row in expected if any(v is not None for v in row)]
    assert [trimmed(row) for row in got] == non_empty
    assert got[1][7] == "红色粗体"
    assert got[1][4] == datetime(2026, 1, 5, 14, 30)
    assert got[3][3] == date(2025, 12, 9)
    assert [number for number, _ in source.rows] == [2, 3, 5, 7]


def _handmade_xlsx(path: Path) -> Path:
    """An .xlsx as other programs write it: ``x:`` prefixes, shared strings with phonetic
    runs, the 1904 calendar, a built-in East Asian date format (31) and no dimension."""
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    content_types = (
        f'<Types xmlns="{package}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    package_rels = (  # every package has one; it names the workbook part
        f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    workbook = (
        f'<x:workbook xmlns:x="{main}" xmlns:r="{rel}"><x:workbookPr date1904="1"/>'
        '<x:sheets><x:sheet name="说明" sheetId="1" r:id="rId1"/>'
        '<x:sheet name="客户" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId4" Type="{rel}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    strings = (
        f'<x:sst xmlns:x="{main}"><x:si><x:t>客户名称</x:t></x:si>'
        "<x:si><x:t>验收日期</x:t></x:si>"
        "<x:si><x:r><x:t>天津</x:t></x:r><x:r><x:t>天控</x:t></x:r>"
        "<x:rPh sb='0' eb='2'><x:t>tianjin</x:t></x:rPh></x:si>"
        "<x:si><x:t>重点客户</x:t></x:si></x:sst>"
    )
    styles = (
        f'<x:styleSheet xmlns:x="{main}"><x:cellXfs count="2"><x:xf numFmtId="0"/>'
        '<x:xf numFmtId="31" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>'
    )
    first = f'<x:worksheet xmlns:x="{main}"><x:sheetData/></x:worksheet>'
    second = (
        f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
        '<x:c r="C1" t="s"><x:v>3</x:v></x:c></x:row>'
        '<x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c>'
        '<x:c r="B3" s="1"><x:v>44000</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/sharedStrings.xml", strings)
        archive.writestr("xl/styles.xml", styles)
        archive.writestr("xl/worksheets/sheet1.xml", first)
        archive.writestr("xl/worksheets/sheet2.xml", second)
    return path


def test_xlsx_reader_handles_other_writers(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    path = _handmade_xlsx(tmp_path / "wps.xlsx")
    source = read_source(path, sheet="客户")
    assert source.headers == ["客户名称", "验收日期", "重点客户"]
    assert [(number, tuple(row)) for number, row in source.rows] == [
        (3, ("天津天控", date(2024, 6, 19), True))
    ]
    with pytest.raises(UsageError) as empty:
        read_source(path)  # the first sheet has no rows at all
    assert empty.value.key == "err.import_empty"
    report = run(session, stamp, "customers", path, sheet="客户")
    assert report.ok and report.created == 1
    stored = session.exec(select(Customer)).one()
    assert (stored.name, stored.key_customer) == ("天津天控", True)


def test_customers_without_phone_match_a_unique_name(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    first = add_customer(session, stamp, name="甲公司", phone="022-1")
    add_customer(session, stamp, name="乙公司", phone="1")
    add_customer(session, stamp, name="乙公司", phone="2")
    rows = [["客户名称", "地址"], ["甲公司", "天津"], ["乙公司", "北京"]]
    report = run(session, stamp, "customers", write_csv(tmp_path / "c.csv", rows))
    assert problems(report) == [(3, "客户名称", "乙公司", "problem.customer_ambiguous")]
    ok = run(session, stamp, "customers", write_csv(tmp_path / "c.csv", rows[:2]))
    assert (ok.created, ok.updated) == (0, 1)
    session.refresh(first)
    assert (first.address, first.phone) == ("天津", "022-1")
