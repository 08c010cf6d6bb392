"""Asking on a terminal (issue 10: the clerk's phone call).

A wrong answer is asked again, showing what is accepted, instead of aborting what was typed so
far. Yes/no and choices take the words of either language and numbers (``y``/``是``,
``2``/``major``/``主要``). Without a terminal nothing is asked: a missing value is an error
(exit 2), so scripts never hang. End of input (Ctrl-D) or Ctrl-C aborts, nothing written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import typer

from shouhou import vocabulary
from shouhou.cli.output import warn
from shouhou.errors import ShouhouError, UsageError
from shouhou.i18n import Translator
from shouhou.inert import inert
from shouhou.vocabulary import YES_NO, Vocabulary, fold

T = TypeVar("T")

# Said at a yes/no prompt besides the words of ``vocabulary.YES_NO`` (是/否/y/n/yes/no).
MORE_YES = frozenset({"是的", "对", "好", "好的", "要"})
MORE_NO = frozenset({"不", "不是", "不要", "不用"})


def interactive() -> bool:
    """Ask only when a person sits at the keyboard (stdin is a terminal)."""
    return sys.stdin.isatty()


def ask(
    t: Translator, field_name: str, key: str, *, default: str | None = None, **fields: str
) -> str:
    """One answer to the prompt ``key``; no terminal → ``err.not_tty`` naming ``field_name``.

    ``default=""`` makes the answer optional (Enter gives ""); ``None`` asks until non-empty.
    """
    if not interactive():
        raise UsageError("err.not_tty", field=field_name)
    value: str = typer.prompt(inert(t(key, **fields)), default=default)
    return value.strip()


def problem(t: Translator, exc: ShouhouError) -> str:
    """An error as a hint under a prompt: its text without the leading "error:"."""
    text = t(exc.key, **exc.fields)
    for prefix in ("error: ", "错误："):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def ask_until(
    t: Translator,
    field_name: str,
    key: str,
    parse: Callable[[str], T],
    *,
    default: str | None = None,
    **fields: str,
) -> T:
    """Ask until ``parse`` accepts the answer; each refusal shows why (accepted values)."""
    while True:
        text = ask(t, field_name, key, default=default, **fields)
        try:
            return parse(text)
        except ShouhouError as exc:
            warn(problem(t, exc))


def parse_yes_no(text: str) -> bool | None:
    """``y``/``yes``/``是`` → True, ``n``/``no``/``否`` → False, anything else None."""
    value = YES_NO.lookup(text)
    if value is not None:
        return value == "yes"
    word = fold(text)
    if word in MORE_YES:
        return True
    if word in MORE_NO:
        return False
    return None


def confirm(t: Translator, key: str, *, default: bool = True, **fields: str) -> bool:
    """A yes/no question; Enter takes ``default``. Either language's words are accepted."""
    if not interactive():
        raise UsageError("err.not_tty", field="yes")
    suffix = t("prompt.yes_no.yes" if default else "prompt.yes_no.no")
    while True:
        answer: str = typer.prompt(
            inert(f"{t(key, **fields)} {suffix}"), default="", show_default=False
        )
        if not answer.strip():
            return default
        decided = parse_yes_no(answer)
        if decided is not None:
            return decided
        warn(t("prompt.not_accepted", value=answer.strip(), accepted=t("prompt.yes_no.words")))


@dataclass(frozen=True)
class Choices:
    """A closed set (``shouhou.vocabulary``) asked at a prompt: numbered 1..n as listed, and
    every word of the vocabulary in either language. ``label`` is the catalogue prefix of a
    value's name (``severity.`` → "2 major" / "2 主要")."""

    vocabulary: Vocabulary
    label: str

    @property
    def field(self) -> str:
        return self.vocabulary.name

    def parse(self, text: str) -> str | None:
        """The value ``text`` names (its number in the list, or a word), else None."""
        values = self.vocabulary.values
        word = fold(text)
        if word.isdigit() and 1 <= int(word) <= len(values) and word not in values:
            return values[int(word) - 1]
        return self.vocabulary.lookup(text)

    def listing(self, t: Translator) -> str:
        """The values as the user's language names them, numbered: "1 local / 2 nearby …"."""
        names = []
        for number, value in enumerate(self.vocabulary.values, start=1):
            name = t(f"{self.label}{value}")
            names.append(name if name.startswith(str(number)) else f"{number} {name}")
        return " / ".join(names)


SEVERITY = Choices(vocabulary.SEVERITY, "severity.")
ZONE = Choices(vocabulary.ZONE, "zone.")


def ask_choice(t: Translator, key: str, choices: Choices, *, default: str | None = None) -> str:
    """Ask for one of ``choices`` (number or word, either language) until one is given."""

    def parse(text: str) -> str:
        value = choices.parse(text)
        if value is None:
            raise UsageError("prompt.not_accepted", value=text, accepted=choices.listing(t))
        return value

    return ask_until(t, choices.field, key, parse, default=default, choices=choices.listing(t))


def ask_pick(
    t: Translator, key: str, count: int, parse_other: Callable[[str], T], *, default: str = ""
) -> int | T | None:
    """A numbered list's answer: its number (1..count), something else ``parse_other`` accepts,
    or None for Enter."""

    def parse(text: str) -> int | T | None:
        if not text:
            return None
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text)
        return parse_other(text)

    return ask_until(t, "device", key, parse, default=default)


def numbered(lines: Sequence[str]) -> list[str]:
    """ "  1) …" lines for a list the answer picks from by number."""
    width = len(str(len(lines)))
    return [f"  {i:>{width}}) {line}" for i, line in enumerate(lines, start=1)]
