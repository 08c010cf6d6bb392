"""Stocktakes 盘点 (DOMAIN §4 "stocktake adjustment 盘盈/盘亏 (monthly count, full count at year
end)", issue 12 item 5): one open at a time, counts against the books, the finish books counted −
booked as ``adjust`` movements with who and when; parts not counted keep their stock."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from shouhou.errors import DomainError, NotFound, UsageError
from shouhou.models import Part, StockMove, Stocktake, StocktakeCount
from shouhou.services.audit import Stamp
from shouhou.services.parts import catalogue, ledger, stocktake
from tests.conftest import NOW, SHANGHAI
from tests.services.test_importing import run, write_csv, write_xlsx


def part(
    session: Session,
    stamp: Stamp,
    number: str,
    on_hand: int,
    *,
    cost: str | None = "10",
    key: bool = False,
) -> Part:
    """A catalogue part with ``on_hand`` received a day before ``stamp``."""
    made = catalogue.add_part(
        session,
        stamp,
        number=number,
        name=f"{number} name",
        unit="pcs",
        cost=Decimal(cost) if cost is not None else None,
        key_part=key,
    )
    if on_hand:
        ledger.move(
            session, Stamp("store", stamp.at - timedelta(days=1)), made, kind="receive",
            quantity=on_hand,
        )  # fmt: skip
    return made


def stock(session: Session, made: Part) -> int:
    assert made.id is not None
    return ledger.on_hand(session, made.id)


def adjustments(session: Session) -> list[StockMove]:
    return list(
        session.exec(
            select(StockMove).where(StockMove.kind == "adjust").order_by(col(StockMove.id))
        )
    )


def test_numbers_follow_the_month_and_one_is_open_at_a_time(session: Session, stamp: Stamp) -> None:
    """ST + the local month + a sequence: NOW is 2026-11-23 in Shanghai → ST2611-01, the next
    ST2611-02; a start on 1 December (local) is ST2612-01."""
    first = stocktake.start(session, stamp, zone=SHANGHAI, note="  月度盘点 ")
    assert (first.number, first.status, first.started_by, first.note) == (
        "ST2611-01",
        "open",
        "tester",
        "月度盘点",
    )
    with pytest.raises(DomainError) as refused:
        stocktake.start(session, stamp, zone=SHANGHAI)
    assert refused.value.key == "err.stocktake_open"
    assert refused.value.fields == {"number": "ST2611-01"}
    stocktake.finish(session, stamp)
    assert stocktake.start(session, stamp, zone=SHANGHAI).number == "ST2611-02"
    stocktake.cancel(session, stamp, reason="test")
    december = Stamp("tester", NOW.replace(month=12, day=1, hour=0, minute=30))
    assert stocktake.start(session, december, zone=SHANGHAI).number == "ST2612-01"


def test_count_records_booked_and_a_recount_replaces_it(session: Session, stamp: Stamp) -> None:
    valve = part(session, stamp, "KS-V100", 10)
    stocktake.start(session, stamp, zone=SHANGHAI)
    first = stocktake.count(session, stamp, part_number="ks-v100", counted=12)
    assert (first.part.number, first.row.booked, first.row.counted, first.previous) == (
        "KS-V100",
        10,
        12,
        None,
    )
    ledger.move(session, stamp, valve, kind="issue", quantity=-3)  # 7 on the books now
    later = Stamp("王工", NOW + timedelta(minutes=30))
    again = stocktake.count(session, later, part_number="KS-V100", counted=6)
    assert (again.row.booked, again.row.counted, again.previous) == (7, 6, 12)
    rows = list(session.exec(select(StocktakeCount)))
    assert [(r.booked, r.counted, r.counted_by, r.counted_at) for r in rows] == [
        (7, 6, "王工", later.at)
    ]
    assert stocktake.count(session, stamp, part_number="KS-V100", counted=0).row.counted == 0
    assert stock(session, valve) == 7  # counting moves nothing


def test_count_refusals(session: Session, stamp: Stamp) -> None:
    part(session, stamp, "A", 1)
    with pytest.raises(NotFound) as none_open:
        stocktake.count(session, stamp, part_number="A", counted=1)
    assert none_open.value.key == "err.stocktake_none_open"
    stocktake.start(session, stamp, zone=SHANGHAI)
    with pytest.raises(UsageError) as negative:
        stocktake.count(session, stamp, part_number="A", counted=-1)
    assert (negative.value.key, negative.value.fields["value"]) == ("err.stocktake_counted", -1)
    with pytest.raises(UsageError):
        stocktake.count(session, stamp, part_number="A", counted=ledger.MAX_QUANTITY + 1)
    with pytest.raises(NotFound) as unknown:
        stocktake.count(session, stamp, part_number="NOPE", counted=1)
    assert unknown.value.key == "err.part_not_found"


def test_finish_books_counted_minus_booked_and_leaves_the_rest(
    session: Session, stamp: Stamp
) -> None:
    """DOMAIN §4 盘盈/盘亏: A booked 10, counted 12 → +2 (gain); B booked 5, counted 3 → −2
    (loss); C booked 4, counted 4 → no movement; D not counted → stays 8. Value at cost 10.00:
    +20.00 and −20.00. On-hand after: A 12, B 3, C 4, D 8."""
    a, b, c, d = (part(session, stamp, n, q) for n, q in (("A", 10), ("B", 5), ("C", 4), ("D", 8)))
    stocktake.start(session, stamp, zone=SHANGHAI)
    for number, counted in (("A", 12), ("B", 3), ("C", 4)):
        stocktake.count(session, Stamp("王工", NOW), part_number=number, counted=counted)
    closing = Stamp("周主管", NOW + timedelta(hours=2))
    done = stocktake.finish(session, closing)
    assert (done.counted, done.not_counted) == (3, 1)
    assert [
        (r["number"], r["booked"], r["counted"], r["difference"], r["value"])
        for r in done.differences
    ] == [("A", 10, 12, 2, "20.00"), ("B", 5, 3, -2, "-20.00")]
    assert [stock(session, p) for p in (a, b, c, d)] == [12, 3, 4, 8]
    moves = adjustments(session)
    assert [(m.part_id, m.quantity, m.booked, m.counted) for m in moves] == [
        (a.id, 2, 10, 12),
        (b.id, -2, 5, 3),
    ]
    taken = session.exec(select(Stocktake)).one()
    assert all(m.stocktake_id == taken.id and m.reference == "ST2611-01" for m in moves)
    assert all((m.actor, m.at) == ("周主管", closing.at) for m in moves)
    assert [m.id for m in moves] == [r["move_id"] for r in done.differences]
    assert (taken.status, taken.finished_by, taken.finished_at) == (
        "finished",
        "周主管",
        closing.at,
    )
    with pytest.raises(NotFound):
        stocktake.finish(session, closing)  # nothing open any more


def test_a_movement_after_the_count_survives_the_finish(session: Session, stamp: Stamp) -> None:
    """The count says the shelf held 12 when the books said 10 (+2). Three are issued after the
    count: on-hand 7. The finish adds the +2 to what is there: 9 = 12 counted − 3 issued."""
    valve = part(session, stamp, "A", 10)
    stocktake.start(session, stamp, zone=SHANGHAI)
    stocktake.count(session, stamp, part_number="A", counted=12)
    ledger.move(session, stamp, valve, kind="issue", quantity=-3)
    stocktake.finish(session, stamp)
    assert stock(session, valve) == 9


def test_a_loss_larger_than_what_is_left_is_refused_and_nothing_booked(
    session: Session, stamp: Stamp
) -> None:
    """Booked 5, counted 1 (−4); then 3 scrapped: 2 left, and 2 − 4 < 0 — the count cannot
    have been right: the finish refuses, naming the part, and books nothing."""
    valve = part(session, stamp, "B", 5)
    stocktake.start(session, stamp, zone=SHANGHAI)
    stocktake.count(session, stamp, part_number="B", counted=1)
    ledger.move(session, stamp, valve, kind="scrap", quantity=-3, reason="rust")
    with pytest.raises(DomainError) as refused:
        stocktake.finish(session, stamp)
    assert refused.value.key == "err.stocktake_short"
    assert refused.value.fields == {
        "number": "B", "counted": 1, "booked": 5, "left": 2, "unit": "pcs",
    }  # fmt: skip
    assert str(refused.value).startswith("error: B was counted at 1 pcs against 5 on the books")
    assert adjustments(session) == []
    assert stocktake.open_stocktake(session) is not None
    stocktake.count(session, stamp, part_number="B", counted=1)  # recount: booked 2, −1
    stocktake.finish(session, stamp)
    assert stock(session, valve) == 1


def test_cancel_books_nothing_and_keeps_the_counts(session: Session, stamp: Stamp) -> None:
    valve = part(session, stamp, "A", 10)
    stocktake.start(session, stamp, zone=SHANGHAI)
    stocktake.count(session, stamp, part_number="A", counted=3)
    with pytest.raises(UsageError):
        stocktake.cancel(session, stamp, reason="  ")
    dropped = stocktake.cancel(session, stamp, reason="盘点中断")
    assert (dropped.status, dropped.finished_by) == ("cancelled", "tester")
    assert stock(session, valve) == 10 and adjustments(session) == []
    assert len(list(session.exec(select(StocktakeCount)))) == 1
    view = stocktake.stocktake_view(session, "ST2611-01")
    assert view["timeline"][-1]["action"] == "stocktake_cancel"
    assert view["timeline"][-1]["changes"] == {"reason": "盘点中断"}
    assert stocktake.start(session, stamp, zone=SHANGHAI).number == "ST2611-02"


def test_view_shows_progress_and_differences(session: Session, stamp: Stamp) -> None:
    """Counted: A 10 → 13 (+3 at 10.00 = 30.00), K (key part, cost 600.00) 2 → 1 (−1 =
    −600.00); not counted: N (no cost, 4 on hand). Net value 30.00 − 600.00 = −570.00."""
    part(session, stamp, "A", 10)
    part(session, stamp, "K", 2, cost="600", key=True)
    part(session, stamp, "N", 4, cost=None)
    stocktake.start(session, stamp, zone=SHANGHAI, note="month")
    stocktake.count(session, stamp, part_number="A", counted=13)
    stocktake.count(session, stamp, part_number="K", counted=1)
    view = stocktake.stocktake_view(session)
    assert (view["number"], view["status"], view["counted"], view["not_counted"]) == (
        "ST2611-01",
        "open",
        2,
        1,
    )
    assert (view["differences"], view["gain"], view["loss"], view["value"]) == (
        2,
        3,
        -1,
        "-570.00",
    )
    assert [(r["number"], r["difference"], r["value"], r["key_part"]) for r in view["counts"]] == [
        ("A", 3, "30.00", False),
        ("K", -1, "-600.00", True),
    ]
    assert view["uncounted"] == [
        {"number": "N", "name": "N name", "spec": None, "unit": "pcs", "key_part": False,
         "on_hand": 4},
    ]  # fmt: skip
    assert [e["action"] for e in view["timeline"]] == [
        "stocktake_start",
        "stocktake_count",
        "stocktake_count",
    ]
    assert stocktake.open_summary(session) == {
        **{k: view[k] for k in ("id", "number", "status", "started_at", "started_by")},
        "finished_at": None,
        "finished_by": None,
        "note": "month",
        "counted": 2,
        "parts": 3,
    }
    stocktake.finish(session, stamp)
    assert stocktake.open_summary(session) is None
    finished = stocktake.stocktake_view(session)  # none open: the latest
    assert (finished["status"], finished["not_counted"], finished["uncounted"]) == (
        "finished",
        None,
        [],
    )
    with pytest.raises(NotFound) as missing:
        stocktake.stocktake_view(session, "ST2001-01")
    assert missing.value.key == "err.stocktake_not_found"


def test_list_newest_first(session: Session, stamp: Stamp) -> None:
    part(session, stamp, "A", 2)
    stocktake.start(session, stamp, zone=SHANGHAI)
    stocktake.count(session, stamp, part_number="A", counted=1)
    stocktake.finish(session, stamp)
    stocktake.start(session, stamp, zone=SHANGHAI)
    listed = stocktake.list_views(session)
    assert [(v["number"], v["status"], v["counted"], v["differences"]) for v in listed] == [
        ("ST2611-02", "open", 0, 0),
        ("ST2611-01", "finished", 1, 1),
    ]
    assert stocktake.get_stocktake(session, str(listed[1]["id"])).number == "ST2611-01"


def test_count_sheet_lists_what_is_asked(session: Session, stamp: Stamp) -> None:
    """All parts by number: B counted (booked 5, counted 4), A and C to count with their
    on-hand now (3, 0) and a blank count; ``counted`` and ``uncounted`` split them."""
    part(session, stamp, "C", 0, key=True)
    part(session, stamp, "B", 5)
    part(session, stamp, "A", 3)
    stocktake.start(session, stamp, zone=SHANGHAI)
    stocktake.count(session, Stamp("王工", NOW), part_number="B", counted=4)

    def sheet(parts: str) -> dict[str, object]:
        return stocktake.sheet_context(
            session, lang="zh", zone=SHANGHAI, now=NOW + timedelta(hours=1), parts=parts
        )

    everything = sheet("all")
    lines = everything["lines"]
    assert isinstance(lines, list)
    assert [(x["index"], x["number"], x["booked"], x["counted"], x["blank"]) for x in lines] == [
        (1, "A", 3, None, True),
        (2, "B", 5, 4, False),
        (3, "C", 0, None, True),
    ]
    assert lines[1]["counted_by"] == "王工" and lines[1]["counted_at"] == "2026-11-23 10:00"
    assert lines[2]["key_part"] is True
    assert everything["totals"] == {
        "lines": 3, "counted": 1, "differences": 1, "gain": 0, "loss": -1, "value": "-10.00",
    }  # fmt: skip
    assert everything["stocktake"]["status_label"] == "进行中"  # type: ignore[index]
    assert everything["printed_at"] == "2026-11-23 11:00"
    assert [x["number"] for x in sheet("counted")["lines"]] == ["B"]  # type: ignore[attr-defined]
    assert [x["number"] for x in sheet("uncounted")["lines"]] == ["A", "C"]  # type: ignore[attr-defined]
    with pytest.raises(UsageError):
        sheet("some")
    stocktake.finish(session, stamp)
    assert [x["number"] for x in sheet("all")["lines"]] == ["B"]  # type: ignore[attr-defined]


# -- the opening stock from a spreadsheet (issue 12 item 8) ------------------------------------


def moves_of(session: Session) -> list[tuple[str, str, int, int | None, int | None]]:
    return [
        (number, move.kind, move.quantity, move.booked, move.counted)
        for move, number in session.exec(
            select(StockMove, Part.number)
            .join(Part, col(Part.id) == col(StockMove.part_id))
            .order_by(col(StockMove.id))
        )
    ]


def test_opening_stock_from_an_xlsx_then_a_recount_books_only_the_differences(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    """An .xlsx whose count column is headed 库存 (numbers as Excel floats): KS-V100 6, LF-20 0,
    CT-1 12 on empty books → +6 and +12, nothing for LF-20. Then 2 KS-V100 are issued (4 on the
    books) and a CSV headed ``qty`` counts KS-V100 5, LF-20 0, CT-1 12: only KS-V100 moves,
    booked 4 → counted 5 = +1. The same CSV once more books nothing."""
    sheet = write_xlsx(
        tmp_path / "期初库存.xlsx",
        [
            ["配件编号", "配件名称", "单位", "成本价", "库存"],
            ["KS-V100", "排气阀", "个", 600, 6.0],
            ["LF-20", "滤芯", "只", 35, 0],
            ["CT-1", "接触器", "个", 80.5, 12],
        ],
    )
    first = run(session, stamp, "parts", sheet)
    assert first.ok, first.problems
    assert (first.created, first.stock_adjusted) == (3, 2)
    assert moves_of(session) == [
        ("CT-1", "adjust", 12, 0, 12),
        ("KS-V100", "adjust", 6, 0, 6),
    ]
    valve = session.exec(select(Part).where(Part.number == "KS-V100")).one()
    ledger.move(session, stamp, valve, kind="issue", quantity=-2)
    recount = write_csv(
        tmp_path / "recount.csv",
        [
            ["pn", "name", "unit", "qty"],
            ["KS-V100", "排气阀", "个", "5"],
            ["LF-20", "滤芯", "只", "0"],
            ["CT-1", "接触器", "个", "12"],
        ],
    )
    second = run(session, stamp, "parts", recount)
    assert (second.ok, second.stock_adjusted) == (True, 1)
    assert moves_of(session)[-1] == ("KS-V100", "adjust", 1, 4, 5)
    assert stock(session, valve) == 5
    assert run(session, stamp, "parts", recount).stock_adjusted == 0
    assert len(moves_of(session)) == 4


def test_opening_stock_column_headed_quantity_in_chinese(
    session: Session, stamp: Stamp, tmp_path: Path
) -> None:
    """A sheet whose count column says 数量: A counts 3 on empty books → +3 (booked 0)."""
    path = write_csv(tmp_path / "s.csv", [["件号", "名称", "单位", "数量"], ["A", "a", "个", "3"]])
    report = run(session, stamp, "parts", path)
    assert (report.ok, report.stock_adjusted) == (True, 1)
    assert moves_of(session) == [("A", "adjust", 3, 0, 3)]
