"""Every command documents itself with an example (STYLE "Tests": walk the Typer app)."""

from __future__ import annotations

import functools
import shlex
from collections.abc import Iterator

import pytest
import typer
import typer.main

from shouhou.cli.app import app
from tests.conftest import invoke


def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], object]]:
    """Every command under ``command`` with its path; asks each group (commands load lazily)."""
    yield path, command
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command, info_name=path[-1])  # type: ignore[arg-type]
        for name in command.list_commands(ctx):
            child = command.get_command(ctx, name)  # type: ignore[attr-defined]
            assert child is not None, f"{' '.join(path)} lists {name!r} but cannot load it"
            yield from walk(child, (*path, name))


@functools.cache
def all_commands() -> dict[tuple[str, ...], object]:
    return dict(walk(typer.main.get_command(app), ("shouhou",)))


def leaves() -> list[tuple[str, ...]]:
    return [
        path for path, command in all_commands().items() if not hasattr(command, "list_commands")
    ]


def groups() -> list[tuple[str, ...]]:
    return [path for path, command in all_commands().items() if hasattr(command, "list_commands")]


def test_the_walk_finds_the_documented_commands() -> None:
    found = {" ".join(path) for path in leaves()}
    for expected in (
        "shouhou init",
        "shouhou info",
        "shouhou config show",
        "shouhou config set",
        "shouhou db upgrade",
        "shouhou calendar show",
        "shouhou calendar holiday add",
        "shouhou calendar workday add",
        "shouhou customer add",
        "shouhou customer list",
        "shouhou customer show",
        "shouhou customer edit",
        "shouhou device add",
        "shouhou device list",
        "shouhou device show",
        "shouhou device contract",
    ):
        assert expected in found


@pytest.mark.parametrize("path", leaves(), ids=lambda p: " ".join(p[1:]))
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    command = all_commands()[path]
    text = getattr(command, "help", None) or ""
    assert text.strip(), f"{' '.join(path)} has no help text"
    assert "Example:" in text, f"{' '.join(path)}: help has no 'Example:'"
    example = text.split("Example:", 1)[1].strip().splitlines()[0]
    assert without_global_options(example)[: len(path)] == list(path), example


def without_global_options(example: str) -> list[str]:
    """``shouhou --as 李经理 ticket approve 1`` → ``shouhou ticket approve 1``."""
    words = shlex.split(example)
    kept: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in ("--db", "--as", "--lang"):
            skip = True
        elif word != "--debug":
            kept.append(word)
    return kept


@pytest.mark.parametrize("path", groups(), ids=lambda p: " ".join(p[1:]) or "shouhou")
def test_every_group_has_help(path: tuple[str, ...]) -> None:
    command = all_commands()[path]
    assert (getattr(command, "help", None) or "").strip(), f"{' '.join(path)} has no help text"


@pytest.mark.parametrize("path", leaves(), ids=lambda p: " ".join(p[1:]))
def test_help_option_prints_the_example(path: tuple[str, ...]) -> None:
    result = invoke([*path[1:], "--help"])
    assert result.exit_code == 0, result.stderr
    assert "Example:" in result.stdout
    assert result.stderr == ""
