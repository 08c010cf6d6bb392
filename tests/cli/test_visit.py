"""``shouhou visit``: book, start, done, re-book, missed, cancel, list, show — and ``ticket
arrive`` and ``visit start`` recording one arrival (issue 11)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import select

from shouhou import db
from shouhou.models import AuditEntry, Ticket, Visit
from tests.conftest import CliRun


def at(time: str) -> dict[str, str | None]:
    return {"SHOUHOU_NOW": f"2026-11-23 {time}"}


@pytest.fixture
def shop(cli: CliRun) -> CliRun:
    """Customer 1 with device S1 and a critical ticket SH2611-0001 received 09:00 (on site by
    11:00)."""
    for args in (
        ("customer", "add", "天津天控科技有限公司", "--phone", "022-12345678"),
        ("device", "add", "--customer", "1", "--model", "KS-200", "--serial", "S1"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
    result = cli(
        "ticket", "new", "--customer", "1", "--device", "S1", "--severity", "1",
        "--symptom", "系统停机", "--at", "2026-11-23 09:00", env=at("09:00"),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return cli


def book(cli: CliRun, *args: str) -> str:
    result = cli("visit", "schedule", *args, env=at("09:10"))
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()[1]


def visits(url: str) -> list[Visit]:
    with db.session(url) as s:
        return list(s.exec(select(Visit).order_by(Visit.id)))  # type: ignore[arg-type]


def test_book_start_done_show(shop: CliRun, db_url: str) -> None:
    number = book(
        shop, "--ticket", "SH2611-0001", "--type", "repair", "--at", "2026-11-23 10:30",
        "--engineer", "王工",
    )  # fmt: skip
    assert number == "VS2611-0001"
    started = shop("visit", "start", number, env=at("10:40"))
    assert started.exit_code == 0, started.stderr
    assert started.stdout == "Visit VS2611-0001 started: arrived 2026-11-23 10:40, on time\n"
    finished = shop(
        "visit", "done", number, "--work", "更换主板", "--signed-by", "李主任", "--rating", "5",
        env=at("11:30"),
    )  # fmt: skip
    assert finished.exit_code == 0, finished.stderr
    shown = shop("visit", "show", number, "--format", "json")
    view = json.loads(shown.stdout)
    assert {k: view[k] for k in ("status", "ticket", "on_time", "late_minutes", "rating")} == {
        "status": "done",
        "ticket": "SH2611-0001",
        "on_time": True,
        "late_minutes": 0,
        "rating": 5,
    }
    assert view["arrived_at"] == "2026-11-23T02:40:00+00:00"
    assert view["done_at"] == "2026-11-23T03:30:00+00:00"
    assert [e["action"] for e in view["timeline"]] == [
        "visit_schedule",
        "visit_start",
        "visit_done",
    ]
    text = shop("visit", "show", number)
    assert "更换主板" in text.stdout and "SH2611-0001" in text.stdout


def test_ticket_arrive_and_visit_start_record_one_arrival(shop: CliRun, db_url: str) -> None:
    """``ticket arrive`` at 10:50 starts the booked repair visit (appointment 10:30, grace
    15 → limit 10:45: 5 min late); ``visit start`` afterwards is refused — the visit has
    started — and the ticket has one arrival."""
    number = book(
        shop, "--ticket", "SH2611-0001", "--type", "repair", "--at", "2026-11-23 10:30",
        "--engineer", "王工",
    )  # fmt: skip
    arrived = shop("ticket", "arrive", "SH2611-0001", env=at("10:50"))
    assert arrived.exit_code == 0, arrived.stderr
    assert f"Visit {number} started: arrived 2026-11-23 10:50, late by 5 min" in arrived.stdout
    again = shop("visit", "start", number, env=at("10:55"))
    assert again.exit_code == 1
    assert "in progress" in again.stderr
    [visit] = visits(db_url)
    with db.session(db_url) as s:
        ticket = s.exec(select(Ticket)).one()
        arrivals = s.exec(
            select(AuditEntry).where(AuditEntry.entity == "ticket", AuditEntry.action == "arrive")
        ).all()
    assert visit.arrived_at == ticket.arrived_at
    assert len(arrivals) == 1


def test_visit_start_stops_the_tickets_onsite_clock(shop: CliRun, db_url: str) -> None:
    number = book(
        shop, "--ticket", "SH2611-0001", "--type", "repair", "--at", "2026-11-23 10:30",
        "--engineer", "王工",
    )  # fmt: skip
    assert shop("visit", "start", number, env=at("10:35")).exit_code == 0
    shown = json.loads(shop("ticket", "show", "SH2611-0001", "--format", "json").stdout)
    assert shown["arrived_at"] == "2026-11-23T02:35:00+00:00"
    assert shown["status"] == "in_progress"
    assert shop("ticket", "arrive", "SH2611-0001", env=at("10:40")).exit_code == 1


def test_a_clash_is_refused_naming_the_other_visit(shop: CliRun, db_url: str) -> None:
    book(shop, "--customer", "1", "--type", "inspection", "--at", "2026-11-24 10:00",
         "--engineer", "王工")  # fmt: skip
    clash = shop(
        "visit", "schedule", "--customer", "天津天控", "--device", "S1", "--type", "training",
        "--at", "2026-11-24 10:30", "--engineer", "王工",
    )  # fmt: skip
    assert clash.exit_code == 1
    assert clash.stderr == (
        "error: 王工 is already booked for visit VS2611-0001 at 2026-11-24 10:00–11:00 — choose "
        "another time or engineer, or book anyway with --force\n"
    )
    assert len(visits(db_url)) == 1
    zh = shop(
        "--lang", "zh", "visit", "schedule", "--customer", "1", "--type", "培训",
        "--at", "2026-11-24 10:30", "--engineer", "王工",
    )  # fmt: skip
    assert zh.stderr.startswith("错误：王工 已预约上门 VS2611-0001")
    forced = shop(
        "visit", "schedule", "--customer", "1", "--type", "training", "--at", "2026-11-24 10:30",
        "--engineer", "王工", "--force",
    )  # fmt: skip
    assert forced.exit_code == 0, forced.stderr
    assert "VS2611-0001" in forced.stderr
    assert len(visits(db_url)) == 2


def test_reschedule_missed_cancel(shop: CliRun, db_url: str) -> None:
    number = book(shop, "--customer", "1", "--type", "callback", "--at", "2026-11-23 14:00",
                  "--engineer", "王工")  # fmt: skip
    missed = shop("visit", "missed", number, "--reason", "客户不在", env=at("14:30"))
    assert missed.exit_code == 0, missed.stderr
    moved = shop(
        "visit", "reschedule", number, "--at", "2026-11-25 09:00", "--reason", "重新约定",
        env=at("15:00"),
    )  # fmt: skip
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout == f"Visit {number} re-booked: 王工 at 2026-11-25 09:00\n"
    cancelled = shop("visit", "cancel", number, "--reason", "电话已解决", env=at("16:00"))
    assert cancelled.exit_code == 0, cancelled.stderr
    refused = shop("visit", "start", number, env=at("16:05"))
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"error: visit {number} is cancelled")
    [visit] = visits(db_url)
    assert (visit.status, visit.reschedule_count, visit.end_reason) == (
        "cancelled",
        1,
        "电话已解决",
    )


def test_list_by_day_engineer_status_and_formats(shop: CliRun) -> None:
    book(shop, "--customer", "1", "--type", "inspection", "--at", "2026-11-24 10:00",
         "--engineer", "王工")  # fmt: skip
    book(shop, "--customer", "1", "--type", "install", "--at", "2026-11-24 10:00",
         "--engineer", "李工")  # fmt: skip
    book(shop, "--customer", "1", "--type", "training", "--at", "2026-11-25 10:00",
         "--engineer", "王工")  # fmt: skip
    day = json.loads(shop("visit", "list", "--day", "2026-11-24", "--format", "json").stdout)
    assert [v["number"] for v in day] == ["VS2611-0001", "VS2611-0002"]
    mine = json.loads(shop("visit", "list", "--engineer", "王工", "-f", "json").stdout)
    assert [v["kind"] for v in mine] == ["inspection", "training"]
    tomorrow = json.loads(shop("visit", "list", "--date", "tomorrow", "-f", "json").stdout)
    assert len(tomorrow) == 2
    none = json.loads(shop("visit", "list", "--status", "done", "-f", "json").stdout)
    assert none == []
    rows = list(csv.DictReader(io.StringIO(shop("visit", "list", "-f", "csv").stdout)))
    assert rows[0]["number"] == "VS2611-0001" and rows[0]["scheduled_at"]
    table = shop("--lang", "zh", "visit", "list", "--status", "已预约").stdout
    assert "巡检" in table and "安装调试" in table


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--type", "picnic", "--customer", "1"), 2),
        (("--type", "repair"), 2),  # neither ticket nor customer
        (("--type", "repair", "--ticket", "SH2611-0001", "--customer", "1"), 2),
        (("--type", "repair", "--ticket", "SH2611-9999"), 1),
        (("--type", "repair", "--customer", "1", "--minutes", "0"), 2),
    ],
)
def test_bad_bookings(shop: CliRun, args: tuple[str, ...], code: int) -> None:
    result = shop("visit", "schedule", *args, "--at", "2026-11-24 10:00", "--engineer", "王工")
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith(("error:", "Usage", "错误")) or "Error" in result.stderr


def test_done_rating_out_of_range_changes_nothing(shop: CliRun, db_url: str) -> None:
    number = book(shop, "--customer", "1", "--type", "inspection", "--at", "2026-11-23 09:30",
                  "--engineer", "王工")  # fmt: skip
    assert shop("visit", "start", number, env=at("09:40")).exit_code == 0
    bad = shop("visit", "done", number, "--work", "巡检", "--rating", "7", env=at("10:00"))
    assert bad.exit_code == 2
    assert "rating 7" in bad.stderr
    assert visits(db_url)[0].status == "in_progress"


def test_acting_user_must_be_a_user_once_users_exist(shop: CliRun) -> None:
    assert shop("--as", "王经理", "user", "add", "王经理", "--role", "manager").exit_code == 0
    refused = shop(
        "--as", "路人", "visit", "schedule", "--customer", "1", "--type", "inspection",
        "--at", "2026-11-24 10:00", "--engineer", "王工",
    )  # fmt: skip
    assert refused.exit_code == 2
    ok = shop(
        "--as", "王经理", "visit", "schedule", "--customer", "1", "--type", "inspection",
        "--at", "2026-11-24 10:00", "--engineer", "王工",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.stderr


def test_installed_entry_point_books_and_lists_a_visit(db_url: str) -> None:
    """The ``shouhou`` entry point in a subprocess (the visit group loads lazily)."""
    from tests.test_e2e import SHOUHOU, run

    if SHOUHOU is None:
        pytest.skip("the shouhou entry point is not installed")
    assert run("customer", "add", "天控", "--phone", "022-1", db=db_url).returncode == 0
    booked = run(
        "visit", "schedule", "--customer", "天控", "--type", "巡检", "--at", "2026-11-24 09:00",
        "--engineer", "王工", db=db_url, lang="zh",
    )  # fmt: skip
    assert booked.returncode == 0, booked.stderr
    assert booked.stdout == "已预约上门 VS2611-0001：巡检，王工，2026-11-24 09:00\n"
    listed = json.loads(run("visit", "list", "--format", "json", db=db_url).stdout)
    assert [(v["number"], v["kind"], v["status"]) for v in listed] == [
        ("VS2611-0001", "inspection", "scheduled")
    ]
