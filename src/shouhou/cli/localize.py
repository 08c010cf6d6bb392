"""Chinese for what typer and click write themselves: help pages and parser errors.

Imported only when the language is zh (``ShouhouGroup.main``, ``_exit_code_for``); the English
path never loads this module or the help catalogue behind it.

Help: while a zh command runs, ``Context.get_help`` (the one door to every help page: ``--help``,
a group called without a command, the root without arguments) first swaps in Chinese for the
page's command, its parameters and — when the page lists them — its sub-commands, plus typer's
own words (panel titles, ``[default: …]``, ``Usage:``), formats the page, then puts every English
text back: the click objects may outlive the call (the test suite reuses one root command).

Errors: :func:`usage_detail` words a click usage error in Chinese from the exception's attributes
(option name, parameter, the validation error behind an invalid value); only the messages click
raises as bare text (extra arguments, missing command) are recognised by their wording.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer import _click
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from shouhou.i18n import translate

# typer.rich_utils constants that hold English words, read when a rich help page is printed.
_RICH_CONSTANTS = (
    "DEPRECATED_STRING",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
)
EXAMPLE_LABEL = "Example:"


@functools.cache
def help_catalog() -> dict[str, str]:
    """English help paragraph (see :func:`paragraph_key`) → Chinese, every command module."""
    from shouhou.catalog import (
        callbacks,
        help_complaint,
        help_part,
        help_part_issuing,
        help_part_stocktake,
        help_report,
        help_report_kpi,
        help_report_monthly,
        help_survey,
        help_ticket,
        help_today,
        help_visit,
        help_visit_docs,
        help_visit_plans,
    )
    from shouhou.catalog import help as main_help

    return {
        **main_help.HELP,
        **help_ticket.HELP,
        **help_visit.HELP,
        **callbacks.HELP,
        **help_today.HELP,
        **help_visit_plans.HELP,
        **help_visit_docs.HELP,
        **help_part.HELP,
        **help_part_issuing.HELP,
        **help_survey.HELP,
        **help_part_stocktake.HELP,
        **help_report.HELP,
        **help_report_kpi.HELP,
        **help_report_monthly.HELP,
        **help_complaint.HELP,
    }


def typer_words() -> dict[str, str]:
    """typer's and click's own English (gettext message ids, rich constants) → Chinese."""
    from shouhou.catalog.help import TYPER

    return TYPER


def paragraph_key(paragraph: str) -> str:
    """A help paragraph as the catalogue spells it: runs of whitespace folded to one space."""
    return " ".join(paragraph.split())


def paragraphs(text: str) -> list[str]:
    return inspect.cleandoc(text).split("\n\n")


def chinese_paragraph(paragraph: str) -> str | None:
    """The Chinese of one help paragraph, or None when the catalogue has none.

    An "Example:" paragraph needs no entry: the label is translated and the command kept as
    written — unless it carries a comment (``  # …``), which is English prose.
    """
    key = paragraph_key(paragraph)
    found = help_catalog().get(key)
    if found is not None:
        return found
    if key.startswith(EXAMPLE_LABEL) and " #" not in key:
        return typer_words()[EXAMPLE_LABEL] + paragraph.strip()[len(EXAMPLE_LABEL) :].lstrip()
    return None


def missing_paragraphs(text: str | None) -> list[str]:
    """The paragraphs of ``text`` that have no Chinese (what a translator has to add)."""
    if not text:
        return []
    return [paragraph_key(p) for p in paragraphs(text) if chinese_paragraph(p) is None]


def chinese_help(text: str) -> str:
    """``text`` with every paragraph that has a translation in Chinese; others stay English."""
    return "\n\n".join(chinese_paragraph(p) or p for p in paragraphs(text))


# -- help pages ----------------------------------------------------------------------------------


class _Swaps:
    """Attributes set for one help page and put back afterwards."""

    def __init__(self) -> None:
        self._saved: list[tuple[object, str, object]] = []

    def set(self, target: object, name: str, value: object) -> None:
        self._saved.append((target, name, getattr(target, name)))
        setattr(target, name, value)

    def text(self, target: object, name: str) -> None:
        value = getattr(target, name, None)
        if isinstance(value, str) and value:
            self.set(target, name, chinese_help(value))

    def undo(self) -> None:
        while self._saved:
            target, name, value = self._saved.pop()
            setattr(target, name, value)


class ChineseHelpFormatter(HelpFormatter):
    """click's plain formatter with ``用法：`` and Chinese section headings and command rows."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, typer_words()["Usage: "] if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{typer_words().get(heading, heading)}：\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        # The root writes its command list from LAZY_COMMANDS' plain strings.
        rows = [(term, chinese_help(text) if text else text) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def _gettext(message: str) -> str:
    """Stands in for typer's ``gettext`` (``typer.core._``) while a zh page is formatted."""
    return typer_words().get(message, message)


def _uses_rich(command: Any) -> bool:
    import typer.core

    return bool(typer.core.HAS_RICH) and getattr(command, "rich_markup_mode", None) is not None


# Rich wraps only at spaces, so a Chinese sentence is one long "word" that a table cell cuts
# off with "…". While a zh page is printed, a line may also break next to a CJK character (and
# after "|" in value lists) — but not after an opening bracket nor before closing punctuation.
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_OPENING = frozenset("（「『《〈【“‘\"'([{<")
_CLOSING = frozenset("，。、；：？！）」』》〉】”’…\"')]}>,.;:!?")
_RUN = re.compile(r"\s*\S+\s*")


def _breakable(before: str, after: str) -> bool:
    if before in _OPENING or after in _CLOSING:
        return False
    return before == "|" or _CJK.match(before) is not None or _CJK.match(after) is not None


def _words(text: str) -> Iterator[tuple[int, str]]:
    """Like ``rich._wrap.words``, with Chinese text split into characters: (start, word)."""
    position = 0
    while (match := _RUN.match(text, position)) is not None:
        start, position = match.span()
        run = match.group()
        cut = 0
        for index in range(1, len(run.rstrip())):
            if _breakable(run[index - 1], run[index]):
                yield start + cut, run[cut:index]
                cut = index
        yield start + cut, run[cut:]


def _divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """``rich._wrap.divide_line`` with Chinese line breaking: the offsets to break ``text`` at.

    A word wider than the line is always folded, never cut off. A word fits only with the space
    after it: rich strips a line's trailing space by characters, not cells, so a Chinese line
    ending in a space one cell too wide would lose its last character to "…"."""
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    offset = 0
    for start, word in _words(text):
        length = cell_len(word.rstrip())
        room = width - offset
        if room >= cell_len(word) or (room >= length and (word == word.rstrip() or not offset)):
            offset += cell_len(word)
        elif length > width:
            pieces = chop_cells(word, width)
            position = start
            for piece in pieces[:-1]:
                if position:
                    breaks.append(position)
                position += len(piece)
            if position:
                breaks.append(position)
            offset = cell_len(pieces[-1])
        else:  # on to the next line
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _localize_page(swaps: _Swaps, ctx: Any) -> None:
    import typer.core

    command = ctx.command
    words = typer_words()
    swaps.set(ctx, "formatter_class", ChineseHelpFormatter)
    swaps.set(typer.core, "_", _gettext)
    uses_rich = _uses_rich(command)
    if uses_rich:
        from rich import text as rich_text
        from typer import rich_utils

        swaps.set(rich_text, "divide_line", _divide_line)
        for name in _RICH_CONSTANTS:
            english = getattr(rich_utils, name)
            swaps.set(rich_utils, name, words.get(english, english))
    for name in ("help", "epilog", "rich_help_panel"):
        swaps.text(command, name)
    for name in ("options_metavar", "subcommand_metavar"):
        value = getattr(command, name, None)
        if value in words:
            swaps.set(command, name, words[value])
    for param in command.get_params(ctx):
        swaps.text(param, "help")
        swaps.text(param, "rich_help_panel")
    # A group's page lists its commands through get_command (rich, or click's format_commands);
    # the root writes its own list from LAZY_COMMANDS and must not load every sub-command here.
    if isinstance(command, TyperGroup) and (
        uses_rich or type(command).format_commands is TyperGroup.format_commands
    ):
        for name in command.list_commands(ctx):
            child = command.get_command(ctx, name)
            if child is not None:
                for attribute in ("help", "short_help", "rich_help_panel"):
                    swaps.text(child, attribute)


@contextmanager
def chinese() -> Iterator[None]:
    """Help pages printed inside this block are in Chinese."""
    context_class = _click.core.Context
    original = context_class.__dict__["get_help"]

    def get_help(ctx: Any) -> str:
        swaps = _Swaps()
        try:
            _localize_page(swaps, ctx)
            return str(original(ctx))
        finally:
            swaps.undo()

    context_class.get_help = get_help  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        context_class.get_help = original  # type: ignore[method-assign]


# -- parser errors -------------------------------------------------------------------------------

_EXTRA_ARGS = re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S)
_ARGUMENT_NARGS = re.compile(r"^Argument (?P<name>'.*') takes (?P<count>\d+) values\.$")
_OPTION_NARGS = re.compile(r"requires (?P<count>\d+) arguments\.$")


def _zh(key: str, **fields: Any) -> str:
    return translate("zh", key, **fields)


def _join(values: Any) -> str:
    return "、".join(str(getattr(v, "value", v)) for v in values)


def usage_detail(exc: _click.exceptions.ClickException) -> str:
    """The Chinese of what went wrong (the ``detail`` of ``err.usage``); click's English text
    when the error is of a kind this does not know."""
    exceptions = _click.exceptions
    if isinstance(exc, exceptions.NoSuchOption):
        text = _zh("usage.no_option", option=exc.option_name)
        if exc.possibilities:
            text += _zh("usage.possible_options", options=_join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, exceptions.BadOptionUsage):
        return _bad_option_usage(exc)
    if isinstance(exc, exceptions.MissingParameter):
        return _missing_parameter(exc)
    if isinstance(exc, exceptions.BadParameter):
        return _bad_parameter(exc)
    if isinstance(exc, exceptions.FileError):
        return _zh("usage.file_error", name=f"'{exc.ui_filename}'", reason=exc.message)
    message = exc.message
    if message == "Missing command.":
        return _zh("usage.missing_command")
    if match := _EXTRA_ARGS.match(message):
        return _zh("usage.extra_arguments", args=match["args"])
    if match := _ARGUMENT_NARGS.match(message):
        return _zh("usage.argument_values", name=match["name"], count=match["count"])
    return exc.format_message().replace("\n", " ").strip()


def _bad_option_usage(exc: _click.exceptions.BadOptionUsage) -> str:
    # click's parser raises these with the option's name and no context: whether the option takes
    # a value, and how many, is only in the wording.
    if exc.message.endswith("does not take a value."):
        return _zh("usage.option_takes_no_value", option=exc.option_name)
    if match := _OPTION_NARGS.search(exc.message):
        return _zh("usage.option_needs_values", option=exc.option_name, count=match["count"])
    return _zh("usage.option_needs_value", option=exc.option_name)


def _hint(exc: _click.exceptions.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    if exc.param is not None:
        return exc.param.get_error_hint()
    return ""


def _choices(param: Any) -> tuple[Any, ...] | None:
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(descriptor, "choices", None) if descriptor is not None else None


def _missing_parameter(exc: _click.exceptions.MissingParameter) -> str:
    kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "")
    key = "usage.missing_option" if kind == "option" else "usage.missing_argument"
    text = _zh(key, name=_hint(exc))
    choices = _choices(exc.param)
    if choices:
        text += _zh("usage.choose_from", choices=_join(choices))
    return text


def _bad_parameter(exc: _click.exceptions.BadParameter) -> str:
    name = _hint(exc)
    # typer validates through pydantic: the ValidationError behind the BadParameter says what
    # was wrong (type, input, limits).
    validation_errors = getattr(exc.__cause__, "errors", None)
    errors: list[dict[str, Any]] = validation_errors() if callable(validation_errors) else []
    if not errors:  # typer's own checks (files, paths, lists) word these in English only
        reason = _zh("usage.bad_value_plain")
        return _zh("usage.invalid_value", name=name, reason=reason) if name else reason
    error = errors[0]
    kind: str = error.get("type", "")
    value = error.get("input", "")
    limits: dict[str, Any] = error.get("ctx") or {}
    choices = _choices(exc.param)
    if kind == "value_error" and choices:
        reason = _zh("usage.not_choice", value=value, choices=_join(choices))
    elif kind in _LIMITS:
        key, limit = _LIMITS[kind]
        reason = _zh(key, value=value, limit=limits.get(limit, ""))
    elif kind.endswith("_parsing") or kind.endswith("_type"):
        reason = _zh(_parsing_key(kind), value=value)
    else:
        reason = _zh("usage.bad_value", value=value)
    return _zh("usage.invalid_value", name=name, reason=reason)


_LIMITS = {
    "greater_than_equal": ("usage.too_small", "ge"),
    "less_than_equal": ("usage.too_large", "le"),
    "greater_than": ("usage.not_above", "gt"),
    "less_than": ("usage.not_below", "lt"),
}


def _parsing_key(kind: str) -> str:
    for word, key in (
        ("int", "usage.not_integer"),
        ("float", "usage.not_number"),
        ("decimal", "usage.not_number"),
        ("bool", "usage.not_bool"),
        ("date", "usage.not_time"),
        ("time", "usage.not_time"),
    ):
        if kind.startswith(word):
            return key
    return "usage.bad_value"
