"""``ticket list`` pages only on a terminal (ROADMAP: "on a terminal every list shows a page and
says how many more and how to see them; pipes and --format keep the full stream").

The page decision reads ``stdout_is_tty`` as imported into ``shouhou.cli.ticket.queries``;
patching it there makes only the paging think it writes to a terminal, while the table itself
stays the plain text a pipe gets (easy to read back here).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CliRun

NOW = {"SHOUHOU_NOW": "2026-11-23 10:00"}


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


@pytest.fixture
def five(cli: CliRun) -> CliRun:
    """Five open tickets of one customer's device."""
    ok(cli("customer", "add", "天控", "--zone", "local", env=NOW))
    ok(cli("device", "add", "--customer", "1", "--model", "KS", "--serial", "S1", env=NOW))
    for _ in range(5):
        args = ("--customer", "1", "--device", "S1", "--severity", "3", "--symptom", "停机")
        ok(cli("ticket", "new", *args, env=NOW))
    return cli


def rows(result: Any) -> list[str]:
    return ok(result).splitlines()[1:]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import shouhou.cli.ticket.queries as ticket_queries

    monkeypatch.setattr(ticket_queries, "PAGE", 3)
    monkeypatch.setattr(ticket_queries, "stdout_is_tty", lambda: True)


def test_a_pipe_gets_every_row_without_a_note(
    five: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shouhou.cli.ticket.queries as ticket_queries

    monkeypatch.setattr(ticket_queries, "PAGE", 3)
    result = five("ticket", "list", env=NOW)
    assert len(rows(result)) == 5
    assert result.stderr == ""


@pytest.mark.usefixtures("terminal")
def test_a_terminal_shows_a_page_and_how_many_more(five: CliRun) -> None:
    result = five("ticket", "list", env=NOW)
    assert len(rows(result)) == 3
    assert result.stderr == (
        "note: the first 3 rows are shown and 2 more match — add --limit N or --all\n"
    )
    full = five("ticket", "list", "--all", env=NOW)
    assert len(rows(full)) == 5 and full.stderr == ""
    four = five("ticket", "list", "--limit", "4", env=NOW)
    assert len(rows(four)) == 4 and four.stderr == ""
    as_json = five("ticket", "list", "--format", "json", env=NOW)
    assert len(json.loads(ok(as_json))) == 5 and as_json.stderr == ""
    as_csv = five("ticket", "list", "--format", "csv", env=NOW)
    assert len(rows(as_csv)) == 5 and as_csv.stderr == ""


@pytest.mark.usefixtures("terminal")
def test_the_note_counts_only_what_the_filters_match(five: CliRun) -> None:
    ok(
        five(
            "ticket",
            "new",
            "--customer",
            "1",
            "--device",
            "S1",
            "--severity",
            "1",
            "--symptom",
            "停机",
            env=NOW,
        )
    )
    exact = five("ticket", "list", "--severity", "3", env=NOW)
    assert len(rows(exact)) == 3
    assert "2 more match" in exact.stderr
    one = five("ticket", "list", "--severity", "1", env=NOW)
    assert len(rows(one)) == 1 and one.stderr == ""
