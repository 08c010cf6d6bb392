"""What a prompt accepts (issue 10.2): numbers and words of either language, yes/no in zh and
en, component terms as a clerk types them; and nothing is asked without a terminal."""

from __future__ import annotations

import io
import sys

import pytest

from shouhou.cli.prompts import SEVERITY, ZONE, ask, confirm, parse_yes_no
from shouhou.cli.ticket.call import parse_components
from shouhou.errors import UsageError
from shouhou.i18n import Translator


@pytest.mark.parametrize(
    ("text", "value"),
    [("2", "2"), ("major", "2"), ("主要", "2"), (" MAJOR ", "2"), ("重大", "1"), ("minor", "3")],
)
def test_a_severity_is_a_number_or_a_word_in_either_language(text: str, value: str) -> None:
    assert SEVERITY.parse(text) == value


@pytest.mark.parametrize(
    ("text", "value"), [("1", "local"), ("3", "remote"), ("周边", "nearby"), ("Remote", "remote")]
)
def test_a_zone_is_its_number_in_the_list_or_a_word(text: str, value: str) -> None:
    assert ZONE.parse(text) == value


@pytest.mark.parametrize("text", ["4", "0", "urgent", "紧急", ""])
def test_anything_else_is_not_a_choice(text: str) -> None:
    assert SEVERITY.parse(text) is None
    assert ZONE.parse(text) is None


def test_the_choices_are_listed_in_the_users_language() -> None:
    assert SEVERITY.listing(Translator("en")) == "1 critical / 2 major / 3 minor"
    assert SEVERITY.listing(Translator("zh")) == "1 重大 / 2 主要 / 3 次要"
    assert ZONE.listing(Translator("zh")) == "1 本地 / 2 周边 / 3 外省"


@pytest.mark.parametrize(
    ("text", "answer"),
    [("是", True), ("y", True), ("YES", True), ("对", True), ("否", False), ("n", False)],
)
def test_yes_and_no_in_either_language(text: str, answer: bool) -> None:
    assert parse_yes_no(text) is answer


@pytest.mark.parametrize("text", ["maybe", "好吗", "yy"])
def test_other_answers_are_neither_yes_nor_no(text: str) -> None:
    assert parse_yes_no(text) is None


def test_components_are_typed_with_either_comma_and_colon() -> None:
    assert parse_components("电机：120，管路:12") == (("电机", 120), ("管路", 12))
    assert parse_components("motor:120, piping:12") == (("motor", 120), ("piping", 12))
    assert parse_components("") == ()


@pytest.mark.parametrize(
    ("text", "key"),
    [("motor", "err.bad_component"), ("motor:x", "err.bad_component"),
     ("motor:1, motor:2", "err.duplicate_component")],
)  # fmt: skip
def test_a_bad_component_term_is_refused(text: str, key: str) -> None:
    with pytest.raises(UsageError) as refused:
        parse_components(text)
    assert refused.value.key == key


def test_nothing_is_asked_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("an answer nobody reads\n"))
    t = Translator("en")
    with pytest.raises(UsageError) as missing:
        ask(t, "symptom", "prompt.symptom")
    assert (missing.value.key, missing.value.fields) == ("err.not_tty", {"field": "symptom"})
    with pytest.raises(UsageError):
        confirm(t, "prompt.create_customer", name="x")
