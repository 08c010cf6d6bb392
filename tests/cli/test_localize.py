"""``shouhou.cli.localize``: parser errors worded in Chinese from the exception's attributes,
the help catalogue's shape, and Chinese line breaking in rich's help tables."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import pytest
import typer
import typer.main
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from typer import _click as click

from shouhou.catalog import help as main_help
from shouhou.catalog import help_ticket
from shouhou.cli import localize
from tests.cli.test_help_zh import CJK, help_texts


class Kind(StrEnum):
    repair = "repair"
    install = "install"


probe = typer.Typer()


@probe.command()
def visit(
    kind: Annotated[Kind, typer.Option()],
    count: Annotated[int, typer.Option(min=1, max=5)] = 1,
    rate: float = 1.0,
    when: datetime | None = None,
    pair: tuple[int, int] | None = None,
    urgent: bool = False,
) -> None:
    """A command with one parameter of each kind the parser checks."""


def error_for(*args: str) -> click.exceptions.ClickException:
    command = typer.main.get_command(probe)
    with pytest.raises(click.exceptions.ClickException) as info:
        command.main(list(args), prog_name="probe", standalone_mode=False)
    return info.value


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        ([], "缺少选项 '--kind'（可选：repair、install）"),
        (["--kind", "fly"], "'--kind' 的值无效：'fly' 不在可选值中（可选：repair、install）"),
        (["--kind", "repair", "--count", "9"], "'--count' 的值无效：'9' 大于最大值 5"),
        (["--kind", "repair", "--count", "0"], "'--count' 的值无效：'0' 小于最小值 1"),
        (["--kind", "repair", "--count", "two"], "'--count' 的值无效：'two' 不是整数"),
        (["--kind", "repair", "--rate", "high"], "'--rate' 的值无效：'high' 不是数字"),
        (["--kind", "repair", "--when", "noon"], "'--when' 的值无效：'noon' 不是有效的日期或时间"),
        (["--kind", "repair", "--pair", "1"], "选项 --pair 后面需要 2 个值"),
        (["--kind", "repair", "--urgent=yes"], "选项 --urgent 是开关，不带值"),
        (
            ["--kind", "repair", "--urgnet"],
            "没有选项 --urgnet（可能是：--count、--no-urgent、--urgent）",
        ),
        (["--kind", "repair", "extra", "words"], "多余的参数：extra words"),
    ],
)
def test_usage_detail_from_the_exception(args: list[str], chinese: str) -> None:
    assert localize.usage_detail(error_for(*args)) == chinese


def test_usage_detail_of_errors_raised_by_hand() -> None:
    exceptions = click.exceptions
    assert localize.usage_detail(exceptions.BadParameter("no")) == "值不符合要求"
    assert localize.usage_detail(exceptions.FileError("a.csv", "denied")) == (
        "无法打开文件 'a.csv'：denied"
    )
    assert localize.usage_detail(
        exceptions.BadArgumentUsage("Argument 'pair' takes 2 values.")
    ) == ("参数 'pair' 需要 2 个值")
    # a kind of error this does not know keeps click's English rather than saying nothing
    assert localize.usage_detail(exceptions.UsageError("Something new.")) == "Something new."


# -- the catalogue -------------------------------------------------------------------------------


def test_help_catalogue_keys_are_folded_paragraphs_and_values_chinese() -> None:
    for catalogue in (main_help.HELP, help_ticket.HELP):
        for english, chinese in catalogue.items():
            assert english == localize.paragraph_key(english), english
            assert "\n\n" not in chinese, english
            assert CJK.search(chinese), english
    assert set(main_help.HELP).isdisjoint(help_ticket.HELP)


def test_no_stale_help_entries() -> None:
    """An entry whose English is no longer used anywhere (the help changed) goes."""
    used = {
        localize.paragraph_key(paragraph)
        for text in help_texts()
        for paragraph in localize.paragraphs(text)
    }
    assert sorted(set(localize.help_catalog()) - used) == []


def test_typer_words_keep_their_placeholders() -> None:
    for english, chinese in main_help.TYPER.items():
        assert english.count("{") == chinese.count("{"), english


def test_example_paragraph_is_translated_without_an_entry() -> None:
    assert localize.chinese_paragraph("Example: shouhou ticket show 1") == (
        "示例：shouhou ticket show 1"
    )
    # a comment is English prose: it needs an entry
    assert localize.chinese_paragraph("Example: shouhou x   # says hello") is None
    assert localize.missing_paragraphs("Brand new text.\n\nExample: shouhou x") == [
        "Brand new text."
    ]


# -- Chinese line breaking -----------------------------------------------------------------------


def lines_of(text: str, width: int) -> list[str]:
    offsets = localize._divide_line(text, width)
    assert offsets == sorted(set(offsets))
    assert all(0 < offset < len(text) for offset in offsets)
    breaks = [0, *offsets, len(text)]
    return [text[a:b] for a, b in zip(breaks, breaks[1:], strict=False)]


def test_chinese_breaks_between_characters_and_keeps_punctuation() -> None:
    text = "故障部件，如 motor（默认整机）：按该部件的保修期判定。"
    lines = lines_of(text, 12)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= 12 for line in lines)
    assert not any(line.startswith(("，", "。", "）", "：")) for line in lines[1:])
    assert not any(line.rstrip().endswith("（") for line in lines)


def test_value_lists_break_after_a_bar() -> None:
    lines = lines_of("角色：clerk|engineer|supervisor|manager|general-manager。", 20)
    assert all(cell_len(line.rstrip()) <= 20 for line in lines)
    assert lines[1].startswith(("engineer", "supervisor", "manager"))


@given(
    st.text(st.sampled_from("工单保修，。（）ab |-\n"), max_size=60),
    st.integers(min_value=2, max_value=30),
)
def test_no_line_is_wider_than_the_width(text: str, width: int) -> None:
    lines = lines_of(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines)
