"""Issue 10.4: values of closed sets in the user's language. Options taking a zone, severity,
status, cause, support mode or yes/no accept the canonical value, the English word and the
Chinese word (and 1/2/3 for severity), in any case; a bad value exits 2 naming the accepted
values in the user's language; ``--help`` lists them. The spreadsheet import takes the same
words (one vocabulary, ``shouhou.vocabulary``)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shouhou.errors import UsageError
from shouhou.services.data.importing.columns import CHANNELS, SEVERITIES, ZONES
from shouhou.vocabulary import (
    CAUSE,
    CHANNEL,
    MODE,
    SEVERITY,
    STATUS,
    ZONE,
    Localised,
    fold,
    table_of,
)
from tests.conftest import CliRun


def ok(result: Any) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return str(result.stdout)


def zone_of(cli: CliRun, ref: str) -> str:
    return str(json.loads(ok(cli("customer", "show", ref, "--format", "json")))["zone"])


@pytest.fixture
def _ch_ticket(cli: CliRun) -> CliRun:
    """Customer 甲 with device S1 (no warranty dates) and ticket SH2611-0001, minor."""
    ok(cli("customer", "add", "甲"))
    ok(cli("device", "add", "--customer", "甲", "--model", "M", "--serial", "S1"))
    ok(cli("ticket", "new", "--device", "S1", "--severity", "3", "--symptom", "x"))
    return cli


@pytest.mark.parametrize(
    ("word", "zone"),
    [
        ("local", "local"),
        ("本地", "local"),
        ("NEARBY", "nearby"),
        ("周边", "nearby"),
        ("省内", "nearby"),
        (" 外省 ", "remote"),
        ("Remote", "remote"),
    ],
)
def test_zone_in_either_language(cli: CliRun, word: str, zone: str) -> None:
    ok(cli("customer", "add", "甲", "--zone", word))
    assert zone_of(cli, "甲") == zone
    ok(cli("customer", "edit", "甲", "--zone", "本地"))
    assert zone_of(cli, "甲") == "local"


@pytest.mark.parametrize(("word", "severity"), [("主要", "2"), ("major", "2"), ("1", "1")])
def test_severity_in_either_language_or_number(
    _ch_ticket: CliRun, word: str, severity: str
) -> None:
    listed = json.loads(ok(_ch_ticket("ticket", "list", "--severity", word, "-f", "json")))
    assert [r["severity"] for r in listed] == []  # the only ticket is minor
    minor = json.loads(ok(_ch_ticket("ticket", "list", "--severity", "次要", "-f", "json")))
    assert [r["number"] for r in minor] == ["SH2611-0001"]
    assert SEVERITY.parse(word) == severity


def test_status_in_either_language(_ch_ticket: CliRun) -> None:
    new = json.loads(ok(_ch_ticket("ticket", "list", "--status", "新建", "-f", "json")))
    assert [r["number"] for r in new] == ["SH2611-0001"]
    closed = json.loads(ok(_ch_ticket("ticket", "list", "--status", "已关闭", "-f", "json")))
    assert closed == []
    every = json.loads(ok(_ch_ticket("ticket", "list", "--status", "all", "-f", "json")))
    assert len(every) == 1
    spaced = json.loads(ok(_ch_ticket("ticket", "list", "--status", "In Progress", "-f", "json")))
    assert spaced == []


def test_cause_in_either_language(_ch_ticket: CliRun) -> None:
    out = ok(
        _ch_ticket("ticket", "diagnose", "SH2611-0001", "--cause", "使用不当", "--finding", "f")
    )
    assert out.startswith("SH2611-0001: cause misuse")
    out = ok(
        _ch_ticket(
            "ticket", "diagnose", "SH2611-0001", "--cause", "Force Majeure", "--finding", "f"
        )
    )
    assert out.startswith("SH2611-0001: cause force majeure")


def test_support_mode_in_either_language(_ch_ticket: CliRun) -> None:
    out = ok(_ch_ticket("ticket", "mode", "SH2611-0001", "返厂"))
    assert out.startswith("SH2611-0001: support mode return to factory")
    assert ok(_ch_ticket("ticket", "mode", "SH2611-0001", "上门")) == (
        "SH2611-0001: support mode on site\n"
    )


def test_yes_no_in_either_language(_ch_ticket: CliRun) -> None:
    out = ok(_ch_ticket("device", "edit", "S1", "--serial-tampered", "是"))
    assert "S1" in out
    device = json.loads(ok(_ch_ticket("device", "show", "S1", "--format", "json")))
    assert device["serial_tampered"] is True


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (
            ("customer", "add", "乙", "--zone", "火星"),
            "error: zone '火星' is not allowed — accepted: local|nearby|remote",
            "错误：区域 的值 '火星' 无效 — 可选：本地|周边|外省",
        ),
        (
            ("ticket", "list", "--severity", "urgent"),
            "error: severity 'urgent' is not allowed — accepted: 1|2|3|critical|major|minor",
            "错误：故障等级 的值 'urgent' 无效 — 可选：1|2|3|重大|主要|次要",
        ),
        (
            ("ticket", "list", "--status", "open"),
            "error: status 'open' is not allowed — accepted: new|assigned|responded|"
            "in_progress|resolved|closed|cancelled|all",
            "错误：状态 的值 'open' 无效 — 可选：新建|已派工|已答复|处理中|已解决|已关闭|"
            "已取消|all",
        ),
        (
            ("ticket", "mode", "SH2611-0001", "teleport"),
            "error: mode 'teleport' is not allowed — accepted: phone|remote|onsite|depot",
            "错误：支持方式 的值 'teleport' 无效 — 可选：电话|远程|上门|返厂",
        ),
        (
            ("device", "edit", "S1", "--serial-tampered", "maybe"),
            "error: serial-tampered 'maybe' is not allowed — accepted: yes|no",
            "错误：serial-tampered 的值 'maybe' 无效 — 可选：是|否",
        ),
    ],
)
def test_bad_value_exits_2_naming_the_accepted_values_in_the_users_language(
    _ch_ticket: CliRun, args: tuple[str, ...], english: str, chinese: str
) -> None:
    en = _ch_ticket(*args)
    assert (en.exit_code, en.stdout, en.stderr) == (2, "", english + "\n")
    zh = _ch_ticket("--lang", "zh", *args)
    assert (zh.exit_code, zh.stderr) == (2, chinese + "\n")


def test_help_lists_the_accepted_values(cli: CliRun) -> None:
    wide = {"COLUMNS": "200"}
    add = ok(cli("customer", "add", "--help", env=wide))
    assert "[local|nearby|remote]" in add
    assert "本地" in add
    listing = ok(cli("ticket", "list", "--help", env=wide))
    assert "[1|2|3|critical|major|minor]" in listing
    diagnose = ok(cli("ticket", "diagnose", "--help", env=wide))
    assert "force-majeure|supplier-part" in diagnose


@pytest.mark.parametrize(
    ("vocabulary", "table"), [(ZONE, ZONES), (SEVERITY, SEVERITIES), (CHANNEL, CHANNELS)]
)
def test_import_takes_the_same_words_as_the_options(vocabulary: Any, table: Any) -> None:
    assert table == table_of(vocabulary)
    for word, value in table.items():
        assert vocabulary.parse(word) == value


@pytest.mark.parametrize(
    ("vocabulary", "words"),
    [
        (ZONE, {"本地": "local", "市内": "local", "周边": "nearby", "外省": "remote"}),
        (SEVERITY, {"重大": "1", "一级": "1", "Critical": "1", "三级": "3", "次要": "3"}),
        (CHANNEL, {"电话": "phone", "Walk In": "walk-in", "来访": "walk-in", "现场": "onsite"}),
        (CAUSE, {"制造质量": "quality", "质量": "quality", "不可抗力": "force-majeure"}),
        (MODE, {"返厂维修": "depot", "Return to Factory": "depot", "远程": "remote"}),
        (STATUS, {"处理中": "in_progress", "in-progress": "in_progress", "取消": "cancelled"}),
    ],
)
def test_vocabulary_words(vocabulary: Any, words: dict[str, str]) -> None:
    for word, value in words.items():
        assert vocabulary.parse(word) == value, word


def test_every_canonical_value_and_its_chinese_word_are_accepted() -> None:
    for vocabulary in (ZONE, SEVERITY, CHANNEL, CAUSE, MODE, STATUS):
        for value in vocabulary.values:
            assert vocabulary.parse(value) == value
            assert vocabulary.parse(vocabulary.chinese[value]) == value


def test_no_word_means_two_values() -> None:
    for vocabulary in (ZONE, SEVERITY, CHANNEL, CAUSE, MODE, STATUS):
        spellings = [
            *vocabulary.values,
            *vocabulary.english.values(),
            *vocabulary.chinese.values(),
            *vocabulary.synonyms,
        ]
        meanings: dict[str, set[str]] = {}
        for word in spellings:
            value = vocabulary.lookup(word)
            assert value is not None, word
            meanings.setdefault(fold(word), set()).add(value)
        assert all(len(v) == 1 for v in meanings.values()), vocabulary.name


def test_refusal_is_a_usage_error_with_both_languages() -> None:
    with pytest.raises(UsageError) as info:
        ZONE.parse("mars")
    assert info.value.exit_code == 2
    assert str(info.value) == "error: zone 'mars' is not allowed — accepted: local|nearby|remote"
    accepted = info.value.fields["accepted"]
    assert isinstance(accepted, Localised)
    assert f"{accepted:zh}" == "本地|周边|外省"
