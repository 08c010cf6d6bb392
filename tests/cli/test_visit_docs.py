"""``shouhou visit sheet`` and ``visit route`` (issue 11 items 6, 7): the visit record 上门服务记录
/ inspection record 巡检记录 and the day's route sheet 派工单 — in every format, hostile text
escaped, the team, a visit done in part and its follow-up, the checklist, the day boundary in
the firm's zone, an engineer compared as a person, the empty day, PDF.

The visits are written as rows (``Visit``, ``VisitMember``, ``VisitCheck``; the follow-up of a
partial visit through ``due.create_due``): these tests are about what the documents print,
not how ``visit book`` / ``visit done`` record it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from shouhou import db, render
from shouhou.models import ChecklistItem, Ticket, Visit, VisitCheck, VisitMember
from shouhou.services import numbering
from shouhou.services.audit import Stamp
from shouhou.services.visits.documents import route_context, sheet_context
from tests.conftest import NOW, SHANGHAI, CliRun

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A Shanghai wall-clock time in November 2026, as stored (UTC)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


@dataclass
class Office:
    cli: CliRun
    url: str
    numbers: dict[str, str]

    def json(self, *args: str) -> Any:
        return json.loads(ok(self.cli(*args, "--format", "json")))


def _visit(s: Session, **fields: Any) -> Visit:
    visit = Visit(
        number=numbering.reserve(s, "VS2611")[0],
        created_at=NOW,
        updated_at=NOW,
        **fields,
    )
    s.add(visit)
    s.flush()
    return visit


@pytest.fixture
def office(cli: CliRun, db_url: str) -> Office:
    """Customer 1 (every text hostile) with device S1 (model HL-SC75, accepted 2025-06-01, so
    in warranty on 23 Nov 2026) and ticket SH2611-0001; customer 2. On Monday 23 Nov 2026:
    A, an inspection 09:00 done by 张伟 with three checks (ok, 78 ℃, not ok → the ticket);
    B, a repair 13:00 by 张伟 with 李强 helping, 25 min late, done in part — F, due on the 25th,
    carries the rest; C, a callback 10:30 by 李强; D, cancelled. E, an inspection at 00:30 on
    the 24th (the next local day) not done yet."""
    for args in (
        ("customer", "add", f"华润冷链{HOSTILE}", "--phone", "0510-1111",
         "--contact", f"王{HOSTILE}", "--address", f"无锡{HOSTILE}"),
        ("customer", "add", "太湖乳业", "--phone", "0510-2222", "--address", "无锡太湖"),
        ("device", "add", "--customer", "1", "--model", "HL-SC75", "--brand", f"恒冷{HOSTILE}",
         "--serial", "S1", "--accepted", "2025-06-01"),
        ("ticket", "new", "--customer", "1", "--device", "S1", "--severity", "3",
         "--symptom", f"跳闸{HOSTILE}"),
    ):  # fmt: skip
        ok(cli(*args))
    from shouhou.services.visits.due import create_due

    with db.session(db_url, write=True) as s:
        ticket = s.exec(select(Ticket)).one()
        for position, label, unit in (
            (1, "压缩机声音", None),
            (2, "排气温度", "℃"),
            (3, "翅片", None),
        ):
            s.add(ChecklistItem(model="HL-SC75", position=position, label=label, unit=unit,
                                created_at=NOW))  # fmt: skip
        a = _visit(s, kind="inspection", status="done", customer_id=1, device_id=1,
                   engineer="张伟", appointment_at=local(23, 9), expected_minutes=120,
                   origin="plan", arrived_at=local(23, 8, 55), on_time=True, late_minutes=0,
                   finished_at=local(23, 11, 10), work_done=f"巡检{HOSTILE}",
                   signed_by=f"王建国{HOSTILE}", rating=5)  # fmt: skip
        s.add(VisitCheck(visit_id=a.id, position=1, label="压缩机声音", result="ok"))
        s.add(VisitCheck(visit_id=a.id, position=2, label="排气温度", unit="℃", result="value",
                         value="78"))  # fmt: skip
        s.add(VisitCheck(visit_id=a.id, position=3, label=f"翅片{HOSTILE}", result="not_ok",
                         note=f"积灰{HOSTILE}", ticket_id=ticket.id))  # fmt: skip
        b = _visit(s, kind="repair", status="done", ticket_id=ticket.id, customer_id=1,
                   device_id=1, engineer="张伟", appointment_at=local(23, 13),
                   expected_minutes=180, arrived_at=local(23, 13, 40), on_time=False,
                   late_minutes=25, finished_at=local(23, 17, 30), work_done=f"拆检{HOSTILE}",
                   partial=True, left_over=f"换电机{HOSTILE}")  # fmt: skip
        s.add(VisitMember(visit_id=b.id, engineer=f"李强{HOSTILE}"))
        assert b.id is not None
        f = create_due(s, Stamp("tester", NOW), kind="repair", customer_id=1,
                       due_at=local(25, 18), origin="partial", zone=SHANGHAI,
                       ticket_id=ticket.id, device_id=1, follows_id=b.id, engineer="张伟",
                       work=b.left_over)  # fmt: skip
        assert f is not None
        c = _visit(s, kind="callback", status="scheduled", customer_id=2,
                   engineer=f"李强{HOSTILE}", appointment_at=local(23, 10, 30),
                   expected_minutes=30)  # fmt: skip
        d = _visit(s, kind="repair", status="cancelled", customer_id=2, engineer="张伟",
                   appointment_at=local(23, 15))  # fmt: skip
        e = _visit(s, kind="inspection", status="scheduled", customer_id=1, device_id=1,
                   engineer="张伟", appointment_at=local(24, 0, 30))  # fmt: skip
        numbers = {"A": a.number, "B": b.number, "C": c.number, "D": d.number, "E": e.number,
                   "F": f.number, "ticket": ticket.number}  # fmt: skip
    return Office(cli, db_url, numbers)


# -- visit sheet ----------------------------------------------------------------------------------


def test_inspection_sheet_has_the_checklist_and_warranty(office: Office) -> None:
    """S1 accepted 2025-06-01 + 24 months: in warranty until 2027-05-31, so on the visit's day
    (23 Nov 2026) "in_warranty" (DOMAIN §1)."""
    data = office.json("visit", "sheet", office.numbers["A"])
    visit = data["visit"]
    assert (visit["kind"], visit["status"], visit["origin"]) == ("inspection", "done", "plan")
    assert visit["appointment_at"] == "2026-11-23 09:00"
    assert (visit["arrived_at"], visit["on_time"], visit["arrival_label"]) == (
        "2026-11-23 08:55",
        True,
        "on time",
    )
    assert data["device"]["warranty"]["state"] == "in_warranty"
    assert data["device"]["warranty"]["until"] == "2027-05-31"
    assert data["ticket"] is None
    assert [
        (c["label"], c["result"], c["value"], c["unit"], c["ticket"]) for c in data["checks"]
    ] == [
        ("压缩机声音", "ok", None, None, None),
        ("排气温度", "value", "78", "℃", None),
        (f"翅片{HOSTILE}", "not_ok", None, None, office.numbers["ticket"]),
    ]
    assert [c["blank"] for c in data["checks"]] == [False, False, False]
    text = ok(office.cli("--lang", "zh", "visit", "sheet", office.numbers["A"]))
    assert "巡检记录" in text and "上门服务记录" not in text
    assert "78 ℃" in text and "异常" in text and office.numbers["ticket"] in text
    assert "客户签字：" in text and "工程师签字：" in text and "日期：" in text


def test_repair_sheet_shows_team_partial_and_follow_up(office: Office) -> None:
    """B was done in part: the rest is F, whose ``follows_id`` points back at B — B's sheet
    names F as the follow-up, F's sheet names B as the visit it continues."""
    b = office.json("visit", "sheet", office.numbers["B"])
    visit = b["visit"]
    assert visit["engineer"] == "张伟"
    assert visit["helpers"] == [f"李强{HOSTILE}"]
    assert (visit["on_time"], visit["late_minutes"], visit["arrival_label"]) == (
        False,
        25,
        "late by 25 min",
    )
    assert visit["partial"] is True
    assert visit["left_over"] == f"换电机{HOSTILE}"
    assert visit["follow_up"]["number"] == office.numbers["F"]
    assert visit["follow_up"]["status"] == "due"
    assert b["ticket"] == {"number": office.numbers["ticket"], "symptom": f"跳闸{HOSTILE}"}
    assert b["checks"] == []
    f = office.json("visit", "sheet", office.numbers["F"])
    assert f["visit"]["follows"]["number"] == office.numbers["B"]
    assert f["visit"]["due_at"] == "2026-11-25 18:00"
    text = ok(office.cli("visit", "sheet", office.numbers["B"]))
    assert "Site Visit Record" in text
    assert "Team:" in text and "late by 25 min" in text
    assert f"Follow-up visit: {office.numbers['F']}" in text


def test_an_inspection_not_done_prints_the_models_checklist_blank(office: Office) -> None:
    """E has no results yet: its sheet is the form to fill on site (DOMAIN §3), the checklist
    of model HL-SC75 with empty results — a box pair, or a blank and the unit."""
    data = office.json("visit", "sheet", office.numbers["E"])
    assert [(c["label"], c["blank"], c["measured"]) for c in data["checks"]] == [
        ("压缩机声音", True, False),
        ("排气温度", True, True),
        ("翅片", True, False),
    ]
    text = ok(office.cli("--lang", "zh", "visit", "sheet", office.numbers["E"]))
    assert "☐ 正常  ☐ 异常" in text
    assert "________ ℃" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", ["A", "B"])
def test_sheet_html_escapes_every_field(office: Office, lang: str, key: str) -> None:
    html = ok(office.cli("--lang", lang, "visit", "sheet", office.numbers[key], "-f", "html"))
    assert html.startswith("<!DOCTYPE html>")
    assert "<script>" not in html
    texts = ["华润冷链", "王", "无锡", "恒冷"]
    texts += (
        ["巡检", "王建国", "翅片", "积灰"] if key == "A" else ["拆检", "换电机", "李强", "跳闸"]
    )
    for text in texts:
        assert text + ESCAPED in html, text


def test_sheet_markdown_escapes(office: Office) -> None:
    text = ok(office.cli("--lang", "zh", "visit", "sheet", office.numbers["A"], "-f", "md"))
    assert "# 巡检记录" in text
    assert "<script>" not in text
    assert "翅片\\<script\\>" in text


def test_sheet_to_a_file(office: Office, tmp_path: Path) -> None:
    target = tmp_path / "visit.html"
    result = office.cli("visit", "sheet", office.numbers["A"], "-f", "html", "-o", str(target))
    assert ok(result) == f"Written: {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_sheet_of_an_unknown_visit(office: Office) -> None:
    result = office.cli("visit", "sheet", "VS9999-0001")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("error: no visit 'VS9999-0001' — see `shouhou visit list`\n")


def test_pdf_needs_output(office: Office) -> None:
    assert office.cli("visit", "sheet", office.numbers["A"], "-f", "pdf").exit_code == 2
    assert office.cli("visit", "route", "-f", "pdf").exit_code == 2


# -- visit route ----------------------------------------------------------------------------------


def _route(data: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    return [
        (e["engineer"], [(v["number"], v["start"], v["role"]) for v in e["visits"]])
        for e in data["engineers"]
    ]


def test_route_lists_each_engineer_as_lead_or_helper(office: Office) -> None:
    """23 Nov: 张伟 leads A (09:00) and B (13:00); 李强 has C (10:30) and helps on B. D is
    cancelled, E is on the 24th: neither is on the route. Engineers sorted by name key,
    visits by appointment."""
    n = office.numbers
    data = office.json("visit", "route", "--day", "2026-11-23")
    assert (data["day"], data["weekday"], data["visits"]) == ("2026-11-23", 1, 3)
    assert _route(data) == [
        ("张伟", [(n["A"], "09:00", "lead"), (n["B"], "13:00", "lead")]),
        (f"李强{HOSTILE}", [(n["C"], "10:30", "lead"), (n["B"], "13:00", "helper")]),
    ]
    b = data["engineers"][0]["visits"][1]
    assert (b["end"], b["expected_minutes"]) == ("16:00", 180)
    assert b["with"] == [f"李强{HOSTILE}"]
    assert b["customer"]["address"] == f"无锡{HOSTILE}"
    assert b["customer"]["phone"] == "0510-1111"
    assert b["device"]["serial"] == "S1"
    assert b["ticket"] == {"number": n["ticket"], "symptom": f"跳闸{HOSTILE}"}
    helping = data["engineers"][1]["visits"][1]
    assert helping["with"] == ["张伟"]
    assert [stop["index"] for stop in data["engineers"][1]["visits"]] == [1, 2]


def test_route_of_one_engineer_compares_people(office: Office) -> None:
    """``--engineer " 李强<script>…"`` with spaces around still means 李强 (users.key)."""
    n = office.numbers
    data = office.json("visit", "route", "--day", "2026-11-23", "--engineer", f" 李 强{HOSTILE} ")
    assert _route(data) == [
        (f"李强{HOSTILE}", [(n["C"], "10:30", "lead"), (n["B"], "13:00", "helper")])
    ]
    assert data["visits"] == 2


def test_route_defaults_to_today(office: Office) -> None:
    data = office.json("visit", "route")
    assert data["day"] == "2026-11-23"
    tomorrow = office.json("visit", "route", "--day", "tomorrow")
    assert [e["engineer"] for e in tomorrow["engineers"]] == ["张伟"]


def test_route_day_is_the_firms_local_day(session: Session) -> None:
    """A visit at 00:30 on 24 Nov in Shanghai is 16:30 UTC on the 23rd: it is on the route of
    the 24th, not of the 23rd (CLI.md: local dates use the firm's zone)."""
    from shouhou.models import Customer

    session.add(Customer(name="甲", created_at=NOW, updated_at=NOW))
    session.flush()
    late = _visit(session, kind="repair", status="scheduled", customer_id=1, engineer="张伟",
                  appointment_at=local(24, 0, 30))  # fmt: skip
    early = _visit(session, kind="repair", status="scheduled", customer_id=1, engineer="张伟",
                   appointment_at=local(23, 23, 30))  # fmt: skip

    def numbers(day: date) -> list[str]:
        data = route_context(session, day=day, lang="en", zone=SHANGHAI, now=NOW)
        return [v["number"] for e in data["engineers"] for v in e["visits"]]

    assert numbers(date(2026, 11, 23)) == [early.number]
    assert numbers(date(2026, 11, 24)) == [late.number]
    sheet = sheet_context(session, late.number, lang="zh", zone=SHANGHAI, now=NOW)
    assert sheet["visit"]["appointment_at"] == "2026-11-24 00:30"


@pytest.mark.parametrize(
    ("lang", "words"), [("zh", "当日无上门安排。"), ("en", "No visits booked")]
)
def test_an_empty_day_says_so(office: Office, lang: str, words: str) -> None:
    for fmt in ("txt", "md", "html"):
        result = office.cli("--lang", lang, "visit", "route", "--day", "2026-12-01", "-f", fmt)
        assert words in ok(result), fmt
    assert office.json("visit", "route", "--day", "2026-12-01")["engineers"] == []
    nobody = office.json("visit", "route", "--day", "2026-11-23", "--engineer", "王五")
    assert (nobody["engineers"], nobody["engineer"]) == ([], "王五")


def test_route_bad_day_is_a_usage_error(office: Office) -> None:
    assert office.cli("visit", "route", "--day", "someday").exit_code == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_route_html_escapes_and_prints_landscape(office: Office, lang: str) -> None:
    html = ok(office.cli("--lang", lang, "visit", "route", "--day", "2026-11-23", "-f", "html"))
    assert "<script>" not in html
    for text in ("华润冷链", "无锡", "李强", "跳闸", "恒冷"):
        assert text + ESCAPED in html, text
    assert "size: A4 landscape" in html
    assert html.count('<section class="engineer">') == 2


def test_route_txt_has_the_columns_to_fill(office: Office) -> None:
    text = ok(office.cli("--lang", "zh", "visit", "route", "--day", "2026-11-23"))
    assert "派工单" in text and "2026-11-23 星期一" in text
    assert "【工程师：张伟  共 2 项】" in text
    assert "到达：08:55  离开：11:10" in text  # A and B are done: their times are known
    assert text.count("到达：13:40  离开：17:30") == 2  # B, for 张伟 and for 李强
    assert text.count("到达：______  离开：______  客户签字：") == 1  # C, still to come
    assert "(协助)" in text


# -- PDF ------------------------------------------------------------------------------------------


@pytest.mark.skipif(render.find_chromium() is None, reason="no chromium on PATH")
def test_pdf_sheet_is_one_page_and_route_a_page_per_engineer(
    office: Office, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.pdf"
    route = tmp_path / "route.pdf"
    ok(office.cli("--lang", "zh", "visit", "sheet", office.numbers["A"], "-f", "pdf",
                  "-o", str(sheet)))  # fmt: skip
    ok(office.cli("--lang", "zh", "visit", "route", "--day", "2026-11-23", "-f", "pdf",
                  "-o", str(route)))  # fmt: skip
    assert sheet.read_bytes().startswith(b"%PDF")
    assert render.pdf_page_count(sheet) == 1
    assert render.pdf_page_count(route) == 2
    assert any(font in route.read_bytes() for font in (b"NotoSansCJK", b"WenQuanYi"))
