"""``shouhou customer file`` / ``customer export`` (issue 11 §7): the engineer's customer file in
html, md, txt, json and pdf — complete JSON, hostile text escaped in every field, ``--since``,
``--output``, unknown customers, and every visit to the customer (newest first, the team, a
visit done in part and the one carrying the rest, a callback's outcome)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from shouhou import render
from tests.conftest import NOW, SHANGHAI, CliRun

HOSTILE = "<script>alert(1)</script>"


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def at(cli: CliRun, now: str, *args: str) -> Any:
    return cli(*args, env={"SHOUHOU_NOW": now})


def new(cli: CliRun, now: str, *args: str) -> str:
    result = at(cli, now, "ticket", "new", "--format", "json", *args)
    return str(json.loads(ok(result))["number"])


@pytest.fixture
def filed(cli: CliRun) -> CliRun:
    """One customer whose every text field is hostile: a device (motor 120 months), an old
    closed-out ticket with a part, a loan and an exchange, and an open ticket."""
    ok(
        at(
            cli,
            "2024-01-10 09:00",
            "customer",
            "add",
            f"天控{HOSTILE}",
            "--phone",
            "022-12345678",
            "--contact",
            f"王{HOSTILE}",
            "--address",
            f"天津{HOSTILE}",
            "--notes",
            f"备注{HOSTILE}",
        )
    )
    ok(
        at(
            cli,
            "2024-01-10 09:00",
            "device",
            "add",
            "--customer",
            "1",
            "--model",
            f"KS{HOSTILE}",
            "--serial",
            "S1",
            "--accepted",
            "2024-01-10",
            "--component",
            "motor:120",
        )
    )
    old = new(
        cli,
        "2025-03-03 10:00",
        "--customer",
        "1",
        "--device",
        "S1",
        "--severity",
        "2",
        "--symptom",
        f"异响{HOSTILE}",
    )
    ok(
        at(
            cli,
            "2025-03-03 11:00",
            "ticket",
            "diagnose",
            old,
            "--cause",
            "quality",
            "--finding",
            f"进水{HOSTILE}",
        )
    )
    ok(
        at(
            cli,
            "2025-03-03 11:10",
            "ticket",
            "charge",
            old,
            "--travel",
            "100",
            "--part",
            f"阀片{HOSTILE}:2:50",
        )
    )
    ok(at(cli, "2025-03-03 11:20", "ticket", "loan", old, "--unit", "SPARE-7"))
    ok(
        at(
            cli,
            "2025-03-03 11:30",
            "ticket",
            "return",
            old,
            "--kind",
            "exchange",
            "--reason",
            f"三包{HOSTILE}",
            "--condition",
            "完好",
            "--opinion",
            "同意",
            "--replacement",
            "S1-NEW",
        )
    )
    ok(at(cli, "2025-03-04 09:00", "ticket", "resolve", old, "--action", f"换阀片{HOSTILE}"))
    ok(at(cli, "2025-03-05 09:00", "ticket", "close", old))
    new(
        cli,
        "2026-11-20 10:00",
        "--customer",
        "1",
        "--severity",
        "1",
        "--symptom",
        "停机",
    )
    return cli


def _when(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def add_visits(db_url: str, *, tag: str = "") -> dict[str, str]:
    """Rows, as ``visit book/done`` would leave them: R, a repair of the old ticket on 3 Mar
    2025 13:00 by 李工 with a helper, on time, done in part; F, due 4 Mar 2025, carrying the
    rest (``follows_id`` → R); C, a callback on 21 Nov 2026 whose outcome is "problem"."""
    from sqlmodel import col, select

    from shouhou import db
    from shouhou.models import Ticket, Visit, VisitMember
    from shouhou.services import numbering
    from shouhou.services.audit import Stamp
    from shouhou.services.visits.due import create_due

    with db.session(db_url, write=True) as s:
        ticket = s.exec(select(Ticket).order_by(col(Ticket.id))).first()
        assert ticket is not None and ticket.id is not None

        def visit(**fields: Any) -> Visit:
            row = Visit(number=numbering.reserve(s, "VS")[0], customer_id=1, created_at=NOW,
                        updated_at=NOW, **fields)  # fmt: skip
            s.add(row)
            s.flush()
            return row

        repair = visit(kind="repair", status="done", ticket_id=ticket.id, device_id=1,
                       engineer="李工", appointment_at=_when(2025, 3, 3, 13),
                       arrived_at=_when(2025, 3, 3, 13, 10), on_time=True, late_minutes=0,
                       finished_at=_when(2025, 3, 3, 16), work_done=f"上门{HOSTILE}{tag}",
                       partial=True, left_over=f"遗留{HOSTILE}")  # fmt: skip
        assert repair.id is not None
        s.add(VisitMember(visit_id=repair.id, engineer=f"赵{HOSTILE}{tag}"))
        rest = create_due(s, Stamp("tester", NOW), kind="repair", customer_id=1,
                          due_at=_when(2025, 3, 4, 18), origin="partial", zone=SHANGHAI,
                          ticket_id=ticket.id, follows_id=repair.id,
                          work=repair.left_over)  # fmt: skip
        assert rest is not None
        callback = visit(kind="callback", status="done", engineer="李工",
                         appointment_at=_when(2026, 11, 21, 10), outcome="problem",
                         arrived_at=_when(2026, 11, 21, 10, 20), on_time=False, late_minutes=5,
                         finished_at=_when(2026, 11, 21, 10, 30), work_done="电话回访")  # fmt: skip
        return {"repair": repair.number, "rest": rest.number, "callback": callback.number}


@pytest.fixture
def visited(filed: CliRun, db_url: str) -> tuple[CliRun, dict[str, str]]:
    return filed, add_visits(db_url)


def file_json(cli: CliRun, *args: str) -> dict[str, Any]:
    return dict(json.loads(ok(cli("customer", "file", "1", "--format", "json", *args))))


def test_json_is_complete(filed: CliRun) -> None:
    data = file_json(filed)
    assert data["customer"]["name"] == f"天控{HOSTILE}"
    assert data["customer"]["contact"] == f"王{HOSTILE}"
    assert {k: data["summary"][k] for k in ("devices", "tickets", "open_tickets")} == {
        "devices": 2,
        "tickets": 2,
        "open_tickets": 1,
    }
    assert data["summary"]["visits"] == len(data["visits"])
    devices = {d["serial"]: d for d in data["devices"]}
    s1 = devices["S1"]
    assert s1["model"] == f"KS{HOSTILE}"
    assert [(w["component"], w["months"], w["until"]) for w in s1["warranty"]] == [
        ("unit", 24, "2026-01-09"),
        ("motor", 120, "2034-01-09"),
    ]
    assert [w["in_warranty"] for w in s1["warranty"]] == [False, True]
    (ticket,) = s1["tickets"]
    assert ticket["symptom"] == f"异响{HOSTILE}"
    assert ticket["finding"] == f"进水{HOSTILE}"
    assert ticket["action"] == f"换阀片{HOSTILE}"
    assert ticket["cause"] == "quality"
    assert ticket["parts"][0]["quantity"] == "2"
    assert HOSTILE in ticket["parts"][0]["description"]
    assert ticket["charges"]["total"] == "200.00"
    assert {line["kind"] for line in ticket["charges"]["lines"]} == {"part", "travel"}
    # the exchange brought the replacement S1-NEW onto the file as a device of its own
    assert devices["S1-NEW"]["tickets"] == []
    (open_ticket,) = data["open_tickets"]
    assert open_ticket["symptom"] == "停机"
    assert open_ticket["resolve_due_at"]
    assert data["other_tickets"][0]["number"] == open_ticket["number"]
    (loan,) = data["loans"]
    assert loan["unit_serial"] == "SPARE-7"
    assert loan["ticket"] == ticket["number"]
    (record,) = data["returns"]
    assert (record["kind"], record["replacement_serial"]) == ("exchange", "S1-NEW")
    assert record["reason"] == f"三包{HOSTILE}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_escapes_every_field(filed: CliRun, lang: str) -> None:
    html = ok(filed("--lang", lang, "customer", "file", "1", "--format", "html"))
    assert "<script>" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for text in ("天控", "王", "天津", "备注", "KS", "异响", "进水", "换阀片", "阀片", "三包"):
        assert text + escaped in html, text
    assert html.count('<section class="device">') == 3  # S1, S1-NEW, no device
    assert "break-before: page" in html


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_md_and_txt(filed: CliRun, fmt: str) -> None:
    text = ok(filed("--lang", "zh", "customer", "file", "天控", "--format", fmt))
    assert "客户档案" in text
    assert "维修履历" in text
    assert "SPARE-7" in text
    assert "停机" in text
    if fmt == "md":
        assert "<script>" not in text
        assert "\\<script\\>" in text
    else:
        assert HOSTILE in text


def test_visits_newest_first_with_team_rest_and_outcome(
    visited: tuple[CliRun, dict[str, str]],
) -> None:
    """Newest first by appointment, a due visit by its due date: the callback (21 Nov 2026),
    the rest (due 4 Mar 2025), the repair (3 Mar 2025); visits the rules made on their own
    (callbacks due) fall in between by their dates."""
    cli, numbers = visited
    data = file_json(cli)
    visits = {v["number"]: v for v in data["visits"]}
    order = [v["number"] for v in data["visits"] if v["number"] in numbers.values()]
    assert order == [numbers["callback"], numbers["rest"], numbers["repair"]]
    when = [v["appointment_at"] or v["due_at"] for v in data["visits"]]
    assert when == sorted(when, reverse=True)
    repair = visits[numbers["repair"]]
    assert (repair["kind"], repair["status"], repair["engineer"]) == ("repair", "done", "李工")
    assert repair["helpers"] == [f"赵{HOSTILE}"]
    assert (repair["appointment_at"], repair["on_time"], repair["arrival_label"]) == (
        "2025-03-03 13:00",
        True,
        "on time",
    )
    assert repair["work_done"] == f"上门{HOSTILE}"
    assert (repair["left_over"], repair["follow_up"]) == (f"遗留{HOSTILE}", numbers["rest"])
    assert repair["ticket"] == data["devices"][0]["tickets"][0]["number"]
    assert repair["device_serial"] == "S1"
    rest = visits[numbers["rest"]]
    assert (rest["status"], rest["due_at"], rest["follows"]) == (
        "due",
        "2025-03-04 18:00",
        numbers["repair"],
    )
    callback = visits[numbers["callback"]]
    assert (callback["outcome"], callback["outcome_label"]) == ("problem", "problem back")
    assert callback["arrival_label"] == "late by 5 min"
    text = ok(cli("--lang", "zh", "customer", "file", "1"))
    assert "【上门记录】" in text
    assert f"遗留{HOSTILE} → {numbers['rest']}" in text
    assert "回访结果：    问题复现" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_visits_are_escaped_in_html_and_md(
    visited: tuple[CliRun, dict[str, str]], lang: str
) -> None:
    cli, numbers = visited
    html = ok(cli("--lang", lang, "customer", "file", "1", "--format", "html"))
    assert "<script>" not in html
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for text in ("上门", "遗留", "赵"):
        assert text + escaped in html, text
    assert numbers["callback"] in html
    md = ok(cli("--lang", lang, "customer", "file", "1", "--format", "md"))
    assert "<script>" not in md
    assert "遗留\\<script\\>" in md


def test_since_keeps_visits_not_over(visited: tuple[CliRun, dict[str, str]]) -> None:
    """--since 2026-01-01: the callback of 21 Nov 2026 and the rest still due (March 2025)
    show; the repair done in March 2025 does not."""
    cli, numbers = visited
    shown = {v["number"] for v in file_json(cli, "--since", "2026-01-01")["visits"]}
    assert numbers["callback"] in shown
    assert numbers["rest"] in shown
    assert numbers["repair"] not in shown


def test_since_limits_the_history_not_the_open_tickets(filed: CliRun) -> None:
    data = file_json(filed, "--since", "2026-01-01")
    assert data["since"] == "2026-01-01"
    assert data["summary"]["tickets"] == 1
    assert all(d["tickets"] == [] for d in data["devices"])
    assert len(data["open_tickets"]) == 1
    # a spare unit still out is always on the file, however old the loan
    assert [loan["unit_serial"] for loan in data["loans"]] == ["SPARE-7"]
    assert data["returns"] == []
    bad = filed("customer", "file", "1", "--since", "someday")
    assert bad.exit_code == 2


def test_export_is_an_alias_and_output_writes_a_file(filed: CliRun, tmp_path: Path) -> None:
    target = tmp_path / "file.html"
    result = filed("customer", "export", "022-12345678", "--format", "html", "-o", str(target))
    assert ok(result) == f"Written: {target}\n" or str(target) in result.stdout
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*tmp*"))


def test_unknown_customer(filed: CliRun) -> None:
    result = filed("customer", "file", "nobody", "--format", "json")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "nobody" in result.stderr


def test_pdf_needs_output(filed: CliRun) -> None:
    result = filed("customer", "file", "1", "--format", "pdf")
    assert result.exit_code == 2


@pytest.mark.skipif(render.find_chromium() is None, reason="no chromium on PATH")
def test_pdf_a_device_per_page(filed: CliRun, tmp_path: Path) -> None:
    target = tmp_path / "file.pdf"
    ok(filed("--lang", "zh", "customer", "file", "1", "--format", "pdf", "-o", str(target)))
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    # the first page (customer, open tickets, loans, returns), a page per device (S1, S1-NEW)
    # and one for the ticket without a device
    assert render.pdf_page_count(target) == 4
    assert b"NotoSansCJK" in data or b"SourceHanSans" in data or b"WenQuanYi" in data


def test_since_counts_from_local_midnight(filed: CliRun) -> None:
    """A call at 05:00 Shanghai on 1 January is 21:00 UTC on 31 December: still "since 1 Jan"."""
    number = new(
        filed,
        "2026-01-01 05:00",
        "--customer",
        "1",
        "--device",
        "S1",
        "--severity",
        "3",
        "--symptom",
        "元旦报修",
    )
    ok(at(filed, "2026-01-01 06:00", "ticket", "cancel", number, "--reason", "误报"))
    data = file_json(filed, "--since", "2026-01-01")
    s1 = next(d for d in data["devices"] if d["serial"] == "S1")
    assert [t["number"] for t in s1["tickets"]] == [number]
    assert s1["tickets"][0]["received_at"] == "2026-01-01 05:00"
    later = file_json(filed, "--since", "2026-01-02")
    assert all(d["tickets"] == [] for d in later["devices"])


def _queries(db_url: str) -> int:
    """Statements run by building the customer file of customer 1."""
    from sqlalchemy import event

    from shouhou import db
    from shouhou.services.visits.customer_file import dossier_context
    from tests.conftest import NOW, SHANGHAI

    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    engine = db.engine_for(db_url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        with db.session(db_url) as s:
            dossier_context(s, "1", lang="zh", zone=SHANGHAI, now=NOW)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_a_fixed_number_of_queries(filed: CliRun, db_url: str) -> None:
    """No query per device, ticket or visit: twenty more tickets with charges, loans and
    devices, and more visits with their teams, cost no extra statement."""
    add_visits(db_url, tag="1")
    before = _queries(db_url)
    for k in range(10):
        ok(
            at(
                filed,
                "2026-02-01 09:00",
                "device",
                "add",
                "--customer",
                "1",
                "--model",
                "KS",
                "--serial",
                f"X{k}",
                "--component",
                "motor:60",
            )
        )
    for k in range(20):
        number = new(
            filed,
            "2026-02-02 09:00",
            "--customer",
            "1",
            "--device",
            f"X{k % 10}",
            "--severity",
            "3",
            "--symptom",
            "异响",
        )
        ok(at(filed, "2026-02-02 10:00", "ticket", "charge", number, "--travel", "50"))
        ok(at(filed, "2026-02-02 10:10", "ticket", "loan", number, "--unit", f"SP{k}"))
    for k in range(3):
        add_visits(db_url, tag=str(k + 2))
    after = _queries(db_url)
    assert after == before
    assert before <= 14
