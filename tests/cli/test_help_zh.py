"""Chinese all the way (issue 10 §5): every help page and every parser error in the user's
language, English left as it was, and "did you mean" for a mistyped command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from shouhou.cli import localize
from shouhou.cli.app import LAZY_COMMANDS
from tests.conftest import invoke, make_cli
from tests.test_help import all_commands, leaves

CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
BOX = re.compile("[│╭╮╰╯─]")
# typer's and click's own English: none of it may show on a zh page.
TYPER_ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message and exit",
    "[default:",
    "[required]",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "Example:",
)


def help_texts() -> dict[str, list[str]]:
    """Every help text of the app (commands, groups, options, arguments, the root's command
    list) → where it is used."""
    found: dict[str, list[str]] = {}

    def add(text: str | None, where: str) -> None:
        if text:
            found.setdefault(text, []).append(where)

    for name, (_, _, short) in LAZY_COMMANDS.items():
        add(short, f"shouhou {name} (root command list)")
    for path, command in all_commands().items():
        where = " ".join(path)
        for attribute in ("help", "short_help", "epilog", "rich_help_panel"):
            add(getattr(command, attribute, None), where)
        ctx = typer.Context(command, info_name=path[-1])  # type: ignore[arg-type]
        for param in command.get_params(ctx):  # type: ignore[attr-defined]
            add(getattr(param, "help", None), f"{where} {param.opts[0] if param.opts else ''}")
            add(getattr(param, "rich_help_panel", None), where)
    return found


def test_every_help_text_has_chinese() -> None:
    """A new or changed English help needs its Chinese in ``shouhou.catalog.help`` (or
    ``help_ticket``); the failure lists the paragraphs to translate and where they are used."""
    missing: dict[str, list[str]] = {}
    for text, used in help_texts().items():
        for paragraph in localize.missing_paragraphs(text):
            missing.setdefault(paragraph, []).extend(used)
    report = "\n".join(
        f"{paragraph!r}: ...,  # {', '.join(used[:3])}" for paragraph, used in missing.items()
    )
    assert not missing, f"{len(missing)} help paragraphs have no Chinese:\n{report}"


def test_the_walk_sees_the_lazily_loaded_commands() -> None:
    texts = help_texts()
    assert any("ticket new" in where for used in texts.values() for where in used)
    assert any("calendar holiday add" in where for used in texts.values() for where in used)
    assert len(texts) > 150


def english_lines(page: str) -> list[str]:
    """Lines of a zh help page that are English prose: no CJK character, not inside an example,
    and made of more than option names, metavars and value lists."""
    found = []
    in_example = False
    for raw in page.splitlines():
        line = BOX.sub(" ", raw).strip()
        if not line:
            in_example = False
            continue
        if "示例：" in line:
            in_example = True
        if in_example or CJK.search(line):
            continue
        words = [token for token in line.split() if not is_option_or_metavar(token)]
        if words:
            found.append(raw)
    return found


def is_option_or_metavar(token: str) -> bool:
    token = token.strip(",.;")
    return (
        not re.search("[A-Za-z]{2}", token)
        or token.startswith(("-", "<", "[", "{", "*"))
        or token.endswith((">", "]", "}"))
        or "|" in token
        or re.fullmatch(r"[A-Z0-9_:.=]+", token) is not None
    )


def test_the_english_line_check_catches_english() -> None:
    assert english_lines("│ --customer   <str>   Customer id, name fragment. │") != []
    assert english_lines(" Holidays. ") != []
    assert english_lines("│ --channel  <phone|email|web|fax|wa  报修渠道。 │") == []
    assert english_lines("│            lk-in|onsite|remote>            │") == []
    assert english_lines(" 示例：shouhou ticket new --symptom x\n --component motor\n") == []


@pytest.mark.parametrize("path", sorted(all_commands()), ids=lambda p: " ".join(p[1:]) or "shouhou")
def test_help_page_in_chinese(path: tuple[str, ...]) -> None:
    result = invoke(["--lang", "zh", *path[1:], "--help"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    page = result.stdout
    assert page.lstrip().startswith("用法：shouhou"), page
    assert english_lines(page) == [], page
    for english in TYPER_ENGLISH:
        assert english not in page, (english, page)
    # Chinese wraps inside table cells instead of being cut off with "…"
    assert not re.search(r"…\s*│", page), page
    text = re.sub(r"[\s│]", "", page)  # without the line breaks of the table cells
    assert "显示本帮助并退出。" in text
    if path in leaves():
        assert "示例：shouhou" in text


def test_root_help_in_chinese() -> None:
    page = invoke(["--lang", "zh", "--help"]).stdout
    assert page.startswith("用法：shouhou [选项] 命令 [参数]...\n")
    assert "\n选项：\n" in page
    assert "\n命令：\n" in page
    # The longest command name ("complaint") sets the width of the name column.
    assert "  ticket     工单：从受理到结案、服务时限、报告单。\n" in page
    assert "  -h, --help      显示本帮助并退出。\n" in page


def test_group_page_lists_commands_in_chinese() -> None:
    page = invoke(["--lang", "zh", "calendar", "--help"]).stdout
    assert "─ 命令 ─" in page
    assert "holiday  节假日。" in page
    assert "─ 选项 ─" in page


def test_defaults_and_required_in_chinese() -> None:
    page = invoke(["--lang", "zh", "customer", "add", "--help"]).stdout
    assert "[默认：local]" in page
    assert "[必填]" in page
    assert "─ 参数 ─" in page


@pytest.mark.parametrize(
    "env", [{"SHOUHOU_LANG": "zh"}, {"SHOUHOU_LANG": None, "LANG": "zh_CN.UTF-8"}]
)
def test_chinese_help_from_the_environment(env: dict[str, str | None]) -> None:
    assert "用法：shouhou ticket new [选项]" in invoke(["ticket", "new", "--help"], env=env).stdout


def test_group_without_command_shows_chinese_help() -> None:
    result = invoke(["--lang", "zh", "calendar"])
    assert "用法：shouhou calendar [选项] 命令 [参数]..." in result.stdout
    assert english_lines(result.stdout) == []


@pytest.mark.parametrize(
    "args", [["--help"], ["ticket", "--help"], ["ticket", "new", "--help"], ["calendar"]]
)
def test_english_help_is_unchanged_after_a_chinese_one(args: list[str]) -> None:
    """The click objects outlive a call (the suite builds them once): zh puts English back."""
    before = invoke(args).stdout
    assert "Usage: shouhou" in before
    invoke(["--lang", "zh", *args])
    assert invoke(args).stdout == before


def test_english_help_keeps_typer_words() -> None:
    page = invoke(["customer", "add", "--help"]).stdout
    for english in ("Usage: shouhou customer add [OPTIONS]", "Options", "Arguments", "[default:"):
        assert english in page
    assert "Show this message and exit." in page


# -- parser errors ---------------------------------------------------------------------------------

PARSER_ERRORS = [
    (
        ["tiket"],
        "error: no such command 'tiket' — did you mean 'ticket'?",
        "错误：没有命令 'tiket' — 是否要输入 'ticket'？",
    ),
    (
        ["ticket", "lst"],
        "error: no such command 'lst' — did you mean 'list'?",
        "错误：没有命令 'lst' — 是否要输入 'list'？",
    ),
    (
        ["calendar", "holiday", "ad", "2027-02-06"],
        "error: no such command 'ad' — did you mean 'add'?",
        "错误：没有命令 'ad' — 是否要输入 'add'？",
    ),
    (
        ["nosuch"],
        "error: No such command 'nosuch'. — see `shouhou --help`",
        "错误：没有命令 'nosuch' — 请查看 `shouhou --help`",
    ),
    (
        [],
        "error: Missing command. — see `shouhou --help`",
        "错误：缺少命令 — 请查看 `shouhou --help`",
    ),
    (
        ["calendar", "show", "--bogus"],
        "error: No such option: --bogus — see `shouhou calendar show --help`",
        "错误：没有选项 --bogus — 请查看 `shouhou calendar show --help`",
    ),
    (
        ["calendar", "show", "--yaer", "2027"],
        "error: No such option: --yaer (Possible options: --year) — see "
        "`shouhou calendar show --help`",
        "错误：没有选项 --yaer（可能是：--year） — 请查看 `shouhou calendar show --help`",
    ),
    (
        ["calendar", "show", "--year"],
        "error: Option '--year' requires an argument. — see `shouhou --help`",
        "错误：选项 --year 后面需要一个值 — 请查看 `shouhou --help`",
    ),
    (
        ["calendar", "import", "--dry-run=1", "2027.csv"],
        "error: Option '--dry-run' does not take a value. — see `shouhou --help`",
        "错误：选项 --dry-run 是开关，不带值 — 请查看 `shouhou --help`",
    ),
    (
        ["calendar", "holiday", "add"],
        "error: Missing argument 'day'. — see `shouhou calendar holiday add --help`",
        "错误：缺少参数 'day' — 请查看 `shouhou calendar holiday add --help`",
    ),
    (
        ["calendar", "show", "--year", "abc"],
        "error: Invalid value for '--year': Input should be a valid integer, unable to parse "
        "string as an integer — see `shouhou calendar show --help`",
        "错误：'--year' 的值无效：'abc' 不是整数 — 请查看 `shouhou calendar show --help`",
    ),
    (
        ["customer", "list", "--limit", "0"],
        "error: Invalid value for '--limit': Input should be greater than or equal to 1 — see "
        "`shouhou customer list --help`",
        "错误：'--limit' 的值无效：'0' 小于最小值 1 — 请查看 `shouhou customer list --help`",
    ),
    (
        ["calendar", "show", "--format", "xml"],
        "error: Invalid value for '--format' / '-f': Value error, 'xml' is not one of 'table', "
        "'json', 'csv'. — see `shouhou calendar show --help`",
        "错误：'--format' / '-f' 的值无效：'xml' 不在可选值中（可选：table、json、csv） — "
        "请查看 `shouhou calendar show --help`",
    ),
    (
        ["calendar", "show", "2027"],
        "error: Got unexpected extra argument(s) (2027) — see `shouhou calendar show --help`",
        "错误：多余的参数：2027 — 请查看 `shouhou calendar show --help`",
    ),
]


@pytest.mark.parametrize(("args", "english", "chinese"), PARSER_ERRORS, ids=str)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_parser_error(
    tmp_path: Path, lang: str, args: list[str], english: str, chinese: str
) -> None:
    path = tmp_path / "office.db"
    result = make_cli(str(path))("--lang", lang, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (chinese if lang == "zh" else english) + "\n"
    assert not path.exists()


def test_parser_error_in_chinese_from_the_environment(tmp_path: Path) -> None:
    result = make_cli(str(tmp_path / "x.db"))("ticket", "lst", env={"SHOUHOU_LANG": "zh"})
    assert result.exit_code == 2
    assert result.stderr == "错误：没有命令 'lst' — 是否要输入 'list'？\n"


def test_no_suggestion_for_a_name_nothing_resembles(tmp_path: Path) -> None:
    result = make_cli(str(tmp_path / "x.db"))("--lang", "zh", "ticket", "zzzzzz")
    assert result.stderr == "错误：没有命令 'zzzzzz' — 请查看 `shouhou ticket --help`\n"
