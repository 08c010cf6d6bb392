"""A ticket's events happen in order (issue 15.5): none may be back-dated before the event it
follows — a crafted sequence once gave a pause of −299 minutes and a reply "missed" that was
on time."""

from __future__ import annotations

import pytest

from tests.conftest import CliRun

N = "SH2611-0001"


@pytest.fixture
def _eo_ticket(cli: CliRun) -> CliRun:
    """A minor ticket received Mon 2026-11-23 09:00; the clock is pinned at 10:00."""
    for args in (
        ("customer", "add", "天控", "--phone", "022-1"),
        ("ticket", "new", "--customer", "1", "--severity", "3", "--symptom", "异响",
         "--at", "2026-11-23 09:00"),
    ):  # fmt: skip
        assert cli(*args).exit_code == 0
    return cli


def test_an_arrival_before_the_reply_is_refused(_eo_ticket: CliRun) -> None:
    """Replied 09:40, arrival --at 09:20: refused, naming the previous event's time."""
    cli = _eo_ticket
    assert cli("ticket", "respond", N, "--at", "2026-11-23 09:40").exit_code == 0
    result = cli("ticket", "arrive", N, "--at", "2026-11-23 09:20")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: arrive of ticket SH2611-0001 at 2026-11-23 09:20 would come before its previous"
        " event (2026-11-23 09:40) — events happen in order: give --at 2026-11-23 09:40 or later\n"
    )
    shown = cli("ticket", "show", N, "--format", "json").stdout
    assert '"arrived_at": null' in shown


def test_a_resume_before_its_wait_is_refused(_eo_ticket: CliRun) -> None:
    """Wait at 09:30, resume --at 09:20: refused — the pause would be −10 minutes."""
    cli = _eo_ticket
    assert cli("ticket", "respond", N, "--at", "2026-11-23 09:10").exit_code == 0
    assert cli("ticket", "wait", N, "--reason", "等配件", "--at", "2026-11-23 09:30").exit_code == 0
    refused = cli("ticket", "resume", N, "--at", "2026-11-23 09:20")
    assert refused.exit_code == 2
    assert "waiting" in refused.stderr
    assert cli("ticket", "resume", N, "--at", "2026-11-23 09:30").exit_code == 0


def test_same_minute_events_are_in_order(_eo_ticket: CliRun) -> None:
    assert _eo_ticket("ticket", "respond", N, "--at", "2026-11-23 09:00").exit_code == 0
