"""Parts import: the spare-part catalogue from a Chinese or English sheet, money in yuan."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from shouhou.models import Part, Supplier
from shouhou.services.audit import Stamp
from shouhou.services.data.importing.converters import _to_cents, cell_text
from tests.services.test_importing import count, problems, run, write_csv, write_xlsx

HEADER = [
    "配件编号",
    "配件名称",
    "规格型号",
    "单位",
    "成本价",
    "单价",
    "供应商",
    "安全库存",
    "最低库存",
    "最高库存",
    "关键件",
]
PARTS = [
    [
        "KS-V100",
        "进气阀",
        "KS-200 用",
        "个",
        "¥1,200.50",
        "1680",
        "上海阀门厂",
        "2",
        "1",
        "10",
        "是",
    ],
    ["LF-20", "Air filter", "", "pcs", "35", "58.5元", "", "5", "", "", "否"],
]


def parts_by_number(session: Session) -> dict[str, Part]:
    return {p.number: p for p in session.exec(select(Part))}


def test_chinese_sheet_creates_the_catalogue(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    report = run(session, stamp, "parts", write_csv(tmp_path / "p.csv", [HEADER, *PARTS]))
    assert report.ok, report.problems
    assert (report.created, report.updated, report.skipped) == (2, 0, 0)
    parts = parts_by_number(session)
    valve = parts["KS-V100"]
    supplier = session.get(Supplier, valve.supplier_id)
    assert (valve.name, valve.spec, valve.unit, supplier and supplier.name) == (
        "进气阀",
        "KS-200 用",
        "个",
        "上海阀门厂",
    )
    assert (valve.cost_cents, valve.price_cents) == (120050, 168000)
    assert (valve.safety_stock, valve.min_stock, valve.max_stock, valve.key_part) == (
        2,
        1,
        10,
        True,
    )
    fil = parts["LF-20"]
    assert (fil.price_cents, fil.min_stock, fil.max_stock, fil.key_part) == (5850, 0, None, False)


def test_rerun_is_idempotent_and_a_new_price_updates(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "p.csv", [HEADER, *PARTS])
    run(session, stamp, "parts", path)
    again = run(session, stamp, "parts", path)
    assert (again.created, again.updated, again.skipped) == (0, 0, 2)
    repriced = write_csv(
        tmp_path / "q.csv",
        [["part number", "name", "unit", "price"], ["LF-20", "Air filter", "pcs", "60"]],
    )
    report = run(session, stamp, "parts", repriced)
    assert (report.created, report.updated, report.skipped) == (0, 1, 0)
    parts = parts_by_number(session)
    assert parts["LF-20"].price_cents == 6000
    assert parts["LF-20"].cost_cents == 3500  # an absent column never erases what is held
    assert count(session, Part) == 2


def test_bad_amounts_and_limits_are_named_and_nothing_is_written(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    rows = [
        ["pn", "name", "unit", "price", "min", "max"],
        ["A1", "ok", "pcs", "10", "1", "5"],
        ["A2", "three decimals", "pcs", "12.345", "", ""],
        ["A3", "negative", "pcs", "-5", "", ""],
        ["A4", "limits", "pcs", "1", "3", "2"],
        ["A5", "", "pcs", "1", "", ""],
    ]
    report = run(session, stamp, "parts", write_csv(tmp_path / "bad.csv", rows))
    assert problems(report) == [
        (3, "price", "12.345", "problem.bad_money"),
        (4, "price", "-5", "problem.bad_money"),
        (5, "max", "2", "problem.max_below_min"),
        (6, "name", "", "problem.required"),
    ]
    assert count(session, Part) == 0


def test_xlsx_number_cells_are_exact_cents(session: Session, stamp: Stamp, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx",
        [
            ["件号", "名称", "单位", "单价", "安全库存"],
            ["X-1", "电容", "只", 12.3, 4.0],
            ["X-2", "线圈", "只", 0.1 + 0.2, 0],
        ],
    )
    report = run(session, stamp, "parts", path)
    assert report.ok, report.problems
    parts = parts_by_number(session)
    assert (parts["X-1"].price_cents, parts["X-1"].safety_stock) == (1230, 4)
    assert parts["X-2"].price_cents == 30


@pytest.mark.parametrize(
    ("text", "cents"),
    [("12", 1200), ("¥1,234.50", 123450), ("￥0.5", 50), ("88元", 8800), ("RMB 3", 300)],
)
def test_money_text(text: str, cents: int) -> None:
    assert _to_cents(cell_text(text) or "") == cents
