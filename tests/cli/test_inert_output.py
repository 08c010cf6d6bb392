"""Stored text cannot drive the terminal (issue 15.4): control characters and escape
sequences in names, symptoms and refs are shown as visible escapes in tables, records,
messages and errors; JSON escapes them itself; rich markup in stored text stays text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shouhou.inert import inert
from tests.conftest import CliRun

EVIL = "Evil\x1b]0;pwned\x07\x1b[31m"
SHOWN = "Evil\\x1b]0;pwned\\x07\\x1b[31m"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (EVIL, SHOWN),
        ("a\rb", "a\\x0db"),
        ("csi\x9b31m", "csi\\x9b31m"),
        ("del\x7f", "del\\x7f"),
        ("abc\u202edcba", "abc\\u202edcba"),  # right-to-left override
        ("两行\n第二行\t制表", "两行\n第二行\t制表"),  # newline and tab are text
        ("全角　空格", "全角　空格"),
    ],
)
def test_inert(raw: str, shown: str) -> None:
    assert inert(raw) == shown


def test_lists_records_and_messages_are_inert(cli: CliRun) -> None:
    added = cli("customer", "add", EVIL, "--phone", "022-1")
    assert added.exit_code == 0, added.stderr
    assert "\x1b" not in added.stdout and SHOWN in added.stdout
    listed = cli("customer", "list")
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert SHOWN in listed.stdout
    shown = cli("customer", "show", "1")
    assert "\x1b" not in shown.stdout and SHOWN in shown.stdout
    as_json = json.loads(cli("customer", "show", "1", "--format", "json").stdout)
    assert as_json["name"] == EVIL  # the data itself is kept as stored


def test_errors_naming_a_hostile_ref_are_inert(cli: CliRun) -> None:
    result = cli("visit", "show", "VS\x1b[2J")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr


def test_rich_markup_in_stored_text_is_shown_as_text(cli: CliRun) -> None:
    """On a terminal rich would read "[red]" and "[/]" as markup (and "[/]" alone as an
    error); stored text is passed as Text, so it prints as typed."""
    from shouhou.cli.output import _rich_table

    _rich_table(["name"], [["[red]x[/] [/]"]], None)  # raises MarkupError if read as markup


@pytest.mark.parametrize("value", ["=x", "'=x", "''=x", "'hello", "-x", "@sum", "plain", "'"])
def test_a_spreadsheet_guard_round_trips(value: str) -> None:
    """Export guards what a spreadsheet would run; import takes exactly that guard off, so a
    value that starts with ``'`` itself comes back unchanged (``'=x`` was read as ``=x``)."""
    from shouhou.spreadsheet import guard, unguard

    assert unguard(guard(value)) == value
    assert not guard(value).lstrip("'").startswith(("=", "+", "-", "@")) or guard(value)[0] == "'"


def test_import_refuses_a_nul_byte_naming_row_and_column(cli: CliRun, tmp_path: Path) -> None:
    sheet = tmp_path / "customers.csv"
    sheet.write_text("name,phone\n天控,022-1\nBad\x00Name,022-2\n", encoding="utf-8")
    result = cli("import", "customers", str(sheet))
    assert result.exit_code != 0
    text = result.stdout + result.stderr
    assert "NUL" in text and "3" in text and "name" in text
    assert json.loads(cli("customer", "list", "--format", "json").stdout) == []


def test_a_quote_that_belongs_to_the_value_survives_export_and_import(
    cli: CliRun, tmp_path: Path
) -> None:
    assert cli("customer", "add", "'=x", "--phone", "022-1").exit_code == 0
    exported = tmp_path / "customers.csv"
    assert cli("export", "customer", "--format", "csv", "--output", str(exported)).exit_code == 0
    assert "''=x" in exported.read_text(encoding="utf-8")
