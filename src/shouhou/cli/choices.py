"""Options that take one of a closed set of values (zone, severity, channel, cause, support
mode, status, yes/no), typed in either language: the canonical value, the English word or the
Chinese word, and 1/2/3 for severity (CLI.md "Enum values"). Typer's ``Enum`` options refuse
those words, so these are ``str`` options whose ``parser`` looks the word up in
``shouhou.vocabulary``; a word it does not know is a usage error (exit 2) naming the accepted
values in the user's language. ``--help`` shows the accepted values as the metavar.

    zone: Annotated[str, choice_option(ZONE, "--zone", help="Distance class.")] = "local"
    severity = parse_choice(SEVERITY, text, option="--severity")   # inside a command
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from shouhou.vocabulary import (
    CAUSE,
    CHANNEL,
    MODE,
    SEVERITY,
    STATUS,
    YES_NO,
    ZONE,
    Vocabulary,
)

__all__ = [
    "CAUSE",
    "CHANNEL",
    "MODE",
    "SEVERITY",
    "STATUS",
    "YES_NO",
    "ZONE",
    "choice_argument",
    "choice_option",
    "metavar",
    "parse_choice",
    "parser",
]


def parse_choice(vocabulary: Vocabulary, text: str, *, option: str | None = None) -> str:
    """The canonical value ``text`` names (any language, any case); else exit 2 listing the
    accepted values."""
    return vocabulary.parse(text, option=option)


def parser(
    vocabulary: Vocabulary, option: str | None = None, *, extra: tuple[str, ...] = ()
) -> Callable[[str], str]:
    """A Typer ``parser=`` for ``vocabulary`` (the error names ``option``); the ``extra``
    words (``all``) pass through as they are."""

    def parse(text: str) -> str:
        word = str(text)
        if word.strip().lower() in extra:
            return word.strip().lower()
        return vocabulary.parse(word, option=option, extra=extra)

    return parse


def metavar(vocabulary: Vocabulary, *, extra: tuple[str, ...] = ()) -> str:
    """``[local|nearby|remote]``: what ``--help`` shows as the option's value (the words of
    either language are accepted too; the help text says so)."""
    return "[" + "|".join((*vocabulary.accepted("en").split("|"), *extra)) + "]"


def choice_option(
    vocabulary: Vocabulary,
    *param_decls: str,
    help: str,
    extra: tuple[str, ...] = (),
    **options: Any,
) -> Any:
    """A ``typer.Option`` taking a word of ``vocabulary`` (see the module docstring); ``extra``
    words (``all``) are accepted as they are."""
    option = param_decls[0] if param_decls else f"--{vocabulary.name}"
    return typer.Option(
        *param_decls,
        parser=parser(vocabulary, option, extra=extra),
        metavar=metavar(vocabulary, extra=extra),
        help=help,
        **options,
    )


def choice_argument(vocabulary: Vocabulary, *, help: str, **options: Any) -> Any:
    """A ``typer.Argument`` taking a word of ``vocabulary``."""
    return typer.Argument(
        parser=parser(vocabulary),
        metavar=vocabulary.name.upper(),
        help=help,
        **options,
    )
