"""``shouhou customer file`` / ``customer export`` (issue 11 §7): the engineer's customer file in
html, md, txt, json and pdf — complete JSON, hostile text escaped in every field, ``--since``,
``--output``, unknown customers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from shouhou import render
from tests.conftest import CliRun

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


def file_json(cli: CliRun, *args: str) -> dict[str, Any]:
    return dict(json.loads(ok(cli("customer", "file", "1", "--format", "json", *args))))


def test_json_is_complete(filed: CliRun) -> None:
    data = file_json(filed)
    assert data["customer"]["name"] == f"天控{HOSTILE}"
    assert data["customer"]["contact"] == f"王{HOSTILE}"
    assert data["summary"] == {"devices": 2, "tickets": 2, "open_tickets": 1}
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
    from shouhou.services.tickets.customer_file import dossier_context
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
    """No query per device or per ticket: twenty more tickets with charges, loans and devices
    cost no extra statement."""
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
    after = _queries(db_url)
    assert after == before
    assert before <= 12
