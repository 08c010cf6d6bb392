"""Language choice and catalogues: every message in English and Chinese, same placeholders."""

from __future__ import annotations

import string

import pytest

from shouhou.i18n import Translator, catalog, choose_lang, translate
from tests.conftest import CliRun


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_english_and_chinese() -> None:
    for key, (en, zh) in catalog().items():
        assert en.strip(), key
        assert zh.strip(), key


def test_placeholders_match_between_languages() -> None:
    for key, (en, zh) in catalog().items():
        assert placeholders(en) == placeholders(zh), key


def test_error_messages_say_what_and_how_to_fix() -> None:
    errors = {key: texts for key, texts in catalog().items() if key.startswith("err.")}
    assert len(errors) > 10
    for key, (en, zh) in errors.items():
        assert en.startswith("error: "), key
        assert zh.startswith("错误："), key
        assert " — " in en, key
        assert "—" in zh, key
        assert "\n" not in en + zh, key


def test_chinese_messages_are_chinese() -> None:
    for key, (en, zh) in catalog().items():
        words = "".join(literal for literal, *_ in string.Formatter().parse(en))
        if key.startswith(("err.", "msg.", "section.")) and any(c.isalpha() for c in words):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), key


@pytest.mark.parametrize(
    ("flag", "env", "expected"),
    [
        (None, {}, "en"),
        ("zh", {}, "zh"),
        ("en", {"SHOUHOU_LANG": "zh"}, "en"),  # the flag wins
        (None, {"SHOUHOU_LANG": "zh"}, "zh"),
        (None, {"SHOUHOU_LANG": "zh_CN"}, "zh"),
        (None, {"SHOUHOU_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANG": "zh_TW.UTF-8"}, "zh"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
        (None, {"SHOUHOU_LANG": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_choose_lang(flag: str | None, env: dict[str, str], expected: str) -> None:
    assert choose_lang(flag, env) == expected


def test_translate() -> None:
    assert translate("en", "err.no_database", where="/x.db") == (
        "error: no database at /x.db — run `shouhou init`"
    )
    assert translate("zh", "err.no_database", where="/x.db") == (
        "错误：/x.db 处没有数据库 — 请先运行 `shouhou init`"
    )
    assert translate("en", "no.such.key") == "no.such.key"
    assert (
        translate("en", "err.no_database") == "error: no database at {where} — run `shouhou init`"
    )


def test_a_field_called_key_is_allowed() -> None:
    assert translate("en", "msg.config_set", key="currency", value="CNY") == "currency = CNY"
    assert Translator("zh")("msg.config_set", key="a", value="b") == "a = b"


def test_translator_binds_language() -> None:
    assert Translator("zh")("yes") == "是"
    assert Translator("en")("yes") == "yes"


def chinese_list_header(result_stdout: str) -> bool:
    return result_stdout.splitlines()[0].split()[:2] == ["编号", "客户"]


def test_cli_lang_flag_chooses_chinese(cli: CliRun) -> None:
    result = cli("--lang", "zh", "customer", "add", "甲")
    assert result.stdout == "已建立客户档案 1：甲\n"
    assert chinese_list_header(cli("--lang", "zh", "customer", "list").stdout)


def test_cli_shouhou_lang_chooses_chinese(cli: CliRun) -> None:
    cli("customer", "add", "甲")
    assert chinese_list_header(cli("customer", "list", env={"SHOUHOU_LANG": "zh"}).stdout)


def test_cli_locale_chooses_chinese(cli: CliRun) -> None:
    cli("customer", "add", "甲")
    env = {"SHOUHOU_LANG": None, "LANG": "zh_CN.UTF-8"}
    assert chinese_list_header(cli("customer", "list", env=env).stdout)
    result = cli("customer", "show", "9", env=env)
    assert result.stderr.startswith("错误：找不到客户 '9'")
    english = cli("customer", "list", env={"SHOUHOU_LANG": None, "LANG": "en_US.UTF-8"})
    assert english.stdout.split()[:2] == ["ID", "Customer"]


def test_cli_flag_beats_environment(cli: CliRun) -> None:
    cli("customer", "add", "甲")
    result = cli("--lang", "en", "customer", "list", env={"SHOUHOU_LANG": "zh"})
    assert result.stdout.split()[:2] == ["ID", "Customer"]


def test_no_catalogue_redefines_another_ones_key() -> None:
    """Catalogues merge into one table: a key defined twice would silently change the other
    module's text (``col.due_at`` once turned the ticket's "Due" into a visit's "Due by")."""
    import importlib

    from shouhou.i18n import _CATALOG_MODULES

    owner: dict[str, str] = {}
    clashes = []
    for name in _CATALOG_MODULES:
        for key in importlib.import_module(f"shouhou.catalog.{name}").MESSAGES:
            if key in owner:
                clashes.append(f"{key}: {owner[key]} and {name}")
            owner.setdefault(key, name)
    assert clashes == []
