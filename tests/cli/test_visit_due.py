"""``shouhou visit``: teams (--helper), done in part, due visits (`visit due`, `visit book`)
and the overdue state (issue 11 item 2)."""

from __future__ import annotations

import json

from shouhou import db
from shouhou.models import Visit
from tests.cli.test_visit import at, book, shop, visits
from tests.conftest import CliRun

__all__ = ["shop"]  # the fixture, re-exported for pytest


def test_team_clash_names_the_helper(shop: CliRun) -> None:
    book(shop, "--customer", "1", "--type", "install", "--at", "2026-11-24 10:00",
         "--engineer", "王工", "--helper", "李工")  # fmt: skip
    clash = shop(
        "visit", "schedule", "--customer", "1", "--type", "training",
        "--at", "2026-11-24 10:30", "--engineer", "李工", env=at("09:10"),
    )  # fmt: skip
    assert clash.exit_code == 1
    assert "李工" in clash.stderr and "VS2611-0001" in clash.stderr
    shown = shop("visit", "show", "VS2611-0001", "--format", "json")
    assert json.loads(shown.stdout)["helpers"] == ["李工"]


def test_partial_done_then_book_the_rest(shop: CliRun, db_url: str) -> None:
    """Done in part at 12:00 on 23 Nov: the rest is VS2611-0002, due 24 Nov 12:00; `visit due`
    at 13:00 lists it only with --days 1; booking it schedules it for 王工, the lead."""
    number = book(shop, "--customer", "1", "--type", "install", "--at", "2026-11-23 10:00",
                  "--engineer", "王工")  # fmt: skip
    assert shop("visit", "start", number, env=at("10:05")).exit_code == 0
    done = shop(
        "visit", "done", number, "--work", "安装完成", "--partial", "--left", "调试控制柜",
        env=at("12:00"),
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert "VS2611-0002" in done.stdout and "2026-11-24 12:00" in done.stdout
    today = shop("visit", "due", "--format", "json", env=at("13:00"))
    assert json.loads(today.stdout) == []
    ahead = shop("visit", "due", "--days", "1", "--format", "json", env=at("13:00"))
    rows = json.loads(ahead.stdout)
    assert [(r["number"], r["origin"], r["left_over"]) for r in rows] == [
        ("VS2611-0002", "partial", "调试控制柜")
    ]
    booked = shop("visit", "book", "VS2611-0002", "--at", "2026-11-24 09:00", env=at("13:00"))
    assert booked.exit_code == 0, booked.stderr
    rest = visits(db_url)[1]
    assert (rest.status, rest.engineer, rest.follows_id) == ("scheduled", "王工", 1)
    shown = json.loads(shop("visit", "show", number, "--format", "json").stdout)
    assert shown["follow_up"] == "VS2611-0002"


def test_visit_due_check_exits_3_on_a_late_booking(shop: CliRun) -> None:
    """Booked 10:00, grace 15 min, nobody arrived: at 10:16 it is overdue → listed, --check
    exits 3; at 09:30 nothing is due → exit 0 with "Nothing due."."""
    number = book(shop, "--customer", "1", "--type", "inspection", "--at", "2026-11-23 10:00",
                  "--engineer", "王工")  # fmt: skip
    calm = shop("visit", "due", "--check", env=at("09:30"))
    assert (calm.exit_code, calm.stdout.strip()) == (0, "Nothing due.")
    late = shop("visit", "due", "--check", env=at("10:16"))
    assert late.exit_code == 3
    assert number in late.stdout
    listed = shop("visit", "list", "--status", "overdue", "--format", "json", env=at("10:16"))
    assert [r["number"] for r in json.loads(listed.stdout)] == [number]


def test_done_without_left_is_a_usage_error(shop: CliRun, db_url: str) -> None:
    number = book(shop, "--customer", "1", "--type", "install", "--at", "2026-11-23 10:00",
                  "--engineer", "王工")  # fmt: skip
    shop("visit", "start", number, env=at("10:05"))
    refused = shop("visit", "done", number, "--work", "x", "--partial", env=at("12:00"))
    assert refused.exit_code == 2
    assert "--left" in refused.stderr
    with db.session(db_url) as s:
        assert s.get(Visit, 1).status == "in_progress"  # type: ignore[union-attr]
