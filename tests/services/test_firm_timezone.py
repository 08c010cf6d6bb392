"""The firm's time zone is a stored setting (issue 9.7).

DOMAIN §2: "Deadlines are computed in the firm's own time zone (a setting, default
Asia/Shanghai), whatever the machine's clock zone." CLI.md: working hours, local dates and
display use it; ``SHOUHOU_TZ`` overrides the display only. Working hours 08:30–17:30; a minor
ticket has 1 working hour to reply and 3 working days (27 h) to resolve.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from shouhou.services import config
from tests.conftest import CliRun

if TYPE_CHECKING:
    from sqlmodel import Session

    from shouhou.services.audit import Stamp

SH = ZoneInfo("Asia/Shanghai")
# Mon 2026-11-23 01:00 UTC = 09:00 in Shanghai
INSTANT = "2026-11-23T01:00:00Z"
UTC_HOST = {"TZ": "UTC", "SHOUHOU_TZ": None, "SHOUHOU_NOW": INSTANT}
SHANGHAI_DESKTOP = {"TZ": "Asia/Shanghai", "SHOUHOU_TZ": None, "SHOUHOU_NOW": INSTANT}


def new_minor_ticket(cli: CliRun, env: dict[str, str | None], *extra: str) -> dict[str, object]:
    result = cli(
        "ticket", "new", "--customer", "甲", "--severity", "3", "--symptom", "不制冷",
        "--format", "json", *extra, env=env,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    record: dict[str, object] = json.loads(result.stdout)
    return record


@pytest.fixture
def _tz_cli(cli: CliRun) -> CliRun:
    assert cli("customer", "add", "甲").exit_code == 0
    return cli


def test_firm_zone_defaults_to_shanghai(session: Session) -> None:
    assert config.firm_zone(session) == SH


def test_firm_zone_follows_the_setting(session: Session, stamp: Stamp) -> None:
    config.set_value(session, stamp, "time_zone", "Asia/Urumqi")
    assert config.firm_zone(session) == ZoneInfo("Asia/Urumqi")
    assert config.load(session).zone() == ZoneInfo("Asia/Urumqi")


def test_same_instant_same_deadlines_on_a_utc_server_and_a_shanghai_desktop(
    _tz_cli: CliRun,
) -> None:
    """Issue 9.7: received Mon 09:00 Shanghai (01:00 UTC). Reply: 10:00 Shanghai = 02:00 UTC.
    Resolve, 27 working hours: Mon 8.5 h (18.5 left), Tue 9 (9.5), Wed 9 (0.5), Thu 08:30 +
    0.5 h = 09:00 Shanghai = Thu 01:00 UTC. (Following the UTC host's zone, the reply was due
    at 09:30 UTC — 7.5 h later.)"""
    server = new_minor_ticket(_tz_cli, UTC_HOST)
    desktop = new_minor_ticket(_tz_cli, SHANGHAI_DESKTOP)
    for record in (server, desktop):
        assert record["reply_due_at"] == "2026-11-23T02:00:00+00:00"
        assert record["resolve_due_at"] == "2026-11-26T01:00:00+00:00"


def test_a_firm_in_another_zone_counts_its_own_working_hours(_tz_cli: CliRun) -> None:
    """``config set time_zone Asia/Urumqi`` (UTC+6): 01:00 UTC is 07:00 there, before opening;
    the reply hour runs 08:30–09:30 Urumqi = 03:30 UTC, on either host."""
    assert _tz_cli("config", "set", "time_zone", "Asia/Urumqi").exit_code == 0
    for env in (UTC_HOST, SHANGHAI_DESKTOP):
        assert new_minor_ticket(_tz_cli, env)["reply_due_at"] == "2026-11-23T03:30:00+00:00"


def test_shouhou_tz_changes_the_display_only(_tz_cli: CliRun) -> None:
    """CLI.md: ``SHOUHOU_TZ`` overrides the display only — the same deadlines (JSON), shown in
    UTC (02:00) instead of Shanghai (10:00)."""
    shown_utc = {**SHANGHAI_DESKTOP, "SHOUHOU_TZ": "UTC"}
    assert new_minor_ticket(_tz_cli, shown_utc)["reply_due_at"] == "2026-11-23T02:00:00+00:00"
    args = ("ticket", "new", "--customer", "甲", "--severity", "3", "--symptom", "x")
    assert "Reply due: 2026-11-23 02:00" in _tz_cli(*args, env=shown_utc).stdout
    assert "Reply due: 2026-11-23 10:00" in _tz_cli(*args, env=UTC_HOST).stdout


def test_times_typed_without_an_offset_are_the_firms_local_times(_tz_cli: CliRun) -> None:
    """``--at "2026-11-23 09:00"`` on a UTC server (and even with SHOUHOU_TZ=UTC, display only)
    is 09:00 in Shanghai = 01:00 UTC."""
    later = {**UTC_HOST, "SHOUHOU_NOW": "2026-11-23T05:00:00Z"}
    for env in (later, {**later, "SHOUHOU_TZ": "UTC"}):
        record = new_minor_ticket(_tz_cli, env, "--at", "2026-11-23 09:00")
        assert record["received_at"] == "2026-11-23T01:00:00+00:00"


def test_local_dates_are_the_firms(_tz_cli: CliRun) -> None:
    """2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Shanghai: "this year" is 2027 for
    ``calendar show`` on a UTC server, and a naive ``SHOUHOU_NOW`` is Shanghai time."""
    env = {**UTC_HOST, "SHOUHOU_NOW": "2026-12-31T17:00:00Z"}
    rows = json.loads(_tz_cli("calendar", "show", "--format", "json", env=env).stdout)
    assert rows[0]["date"] == "2027-01-01"
    naive = {**UTC_HOST, "SHOUHOU_NOW": "2026-11-23 09:00"}
    assert new_minor_ticket(_tz_cli, naive)["received_at"] == "2026-11-23T01:00:00+00:00"


def test_the_zone_is_read_with_the_first_session_only(db_url: str) -> None:
    """Startup: building the context reads nothing; the first session reads the setting once
    (one primary-key lookup) and later sessions reuse it."""
    from shouhou.cli.context import build_context

    context = build_context(db=db_url, lang="en", actor="tester", debug=False)
    assert context.firm_zone is None
    with context.session() as s:
        assert context.firm_zone == SH
        config.set_value(s, context.stamp(), "time_zone", "UTC")
    with context.session():
        assert context.zone == SH  # read once per command


def test_a_zone_needed_before_any_session_does_not_create_the_database(tmp_path: Path) -> None:
    """``ticket new --at`` parses the time before opening the database: on a database that does
    not exist yet, the default zone is used and no file is created."""
    from shouhou.cli.context import build_context

    path = tmp_path / "none.db"
    context = build_context(db=str(path), lang="en", actor="tester", debug=False)
    assert context.zone == SH
    assert not path.exists()


def test_display_override_ignores_a_bad_name() -> None:
    from shouhou.cli.context import display_override

    assert display_override({"SHOUHOU_TZ": "UTC"}) == ZoneInfo("UTC")
    assert display_override({"SHOUHOU_TZ": "Not/AZone"}) is None
    assert display_override({"TZ": "UTC"}) is None  # the host's zone never counts


def test_info_shows_the_firms_zone_and_the_display_override(cli: CliRun) -> None:
    """``shouhou info``: the zone deadlines are computed in, and the one times are shown in."""
    assert cli("config", "set", "time_zone", "Asia/Urumqi").exit_code == 0
    record = json.loads(cli("info", "--format", "json", env={"SHOUHOU_TZ": "UTC"}).stdout)
    assert (record["timezone"], record["display_timezone"]) == ("Asia/Urumqi", "UTC")
    plain = cli("info", env={"SHOUHOU_TZ": "UTC"}).stdout
    assert "Asia/Urumqi (times shown in UTC, SHOUHOU_TZ)" in plain
    record = json.loads(cli("info", "--format", "json", env={"SHOUHOU_TZ": None}).stdout)
    assert record["display_timezone"] == "Asia/Urumqi"
