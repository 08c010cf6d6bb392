"""Startup time (STYLE "Startup time"): importing the CLI and printing help load nothing heavy.

Each check runs in a fresh interpreter so that modules imported by other tests do not count.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "jinja2", "alembic", "openpyxl", "dateutil")


def loaded_after(
    code: str, *, env: dict[str, str] | None = None, top_level: bool = True
) -> set[str]:
    """Packages in ``sys.modules`` after running ``code`` in a new interpreter: the top-level
    ones, or (``top_level=False``) every module by its full name."""
    probe = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import json as _json, sys as _sys
        _top = sorted({{m.split(".")[0] if {top_level} else m for m in _sys.modules}})
        _sys.__stdout__.write("\\n@@" + _json.dumps(_top))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {}), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.rsplit("\n@@", 1)[1]))


def test_importing_the_cli_loads_nothing_heavy() -> None:
    modules = loaded_after("import shouhou.cli.app")
    assert "shouhou" in modules
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))


RUN_APP = """
import sys
from shouhou.cli.app import app
sys.argv = ["shouhou", *{args!r}]
try:
    app()
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        [],
        ["customer", "--help"],
        ["customer", "add", "--help"],
        ["device", "--help"],
        ["calendar", "--help"],
    ],
    ids=lambda a: " ".join(a) or "(no args)",
)
def test_help_loads_nothing_heavy(args: list[str]) -> None:
    modules = loaded_after(RUN_APP.format(args=args))
    assert modules.isdisjoint(HEAVY), sorted(modules & set(HEAVY))


RUN_APP_OR_USAGE_ERROR = RUN_APP.replace("exc.code in (0, None)", "exc.code in (0, 2, None)")
CHINESE = {"shouhou.cli.localize", "shouhou.catalog.help", "shouhou.catalog.help_ticket"}


@pytest.mark.parametrize(
    "args",
    [["--help"], ["ticket", "--help"], ["ticket", "new", "--help"], ["tiket"]],
    ids=lambda a: " ".join(a),
)
def test_english_loads_no_chinese_help(args: list[str]) -> None:
    """The zh help catalogue and the code that applies it cost the English path nothing."""
    modules = loaded_after(
        RUN_APP_OR_USAGE_ERROR.format(args=args), env={"SHOUHOU_LANG": "en"}, top_level=False
    )
    assert "shouhou.cli.app" in modules
    assert modules.isdisjoint(CHINESE), sorted(modules & CHINESE)


@pytest.mark.parametrize(
    "args", [["--help"], ["ticket", "new", "--help"]], ids=lambda a: " ".join(a)
)
def test_chinese_help_loads_its_catalogue_and_nothing_heavy(args: list[str]) -> None:
    modules = loaded_after(RUN_APP.format(args=["--lang", "zh", *args]), top_level=False)
    assert modules >= CHINESE
    assert {m.split(".")[0] for m in modules}.isdisjoint(HEAVY)


def test_module_entry_point_help_loads_no_sqlalchemy() -> None:
    """``python -m shouhou --help`` — the same path as the installed ``shouhou`` script."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shouhou", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SHOUHOU_LANG": "en"},
    )
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "shouhou" in imported
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))


def test_a_command_does_load_the_database_layer(tmp_path: Path) -> None:
    """The probe itself works: a real command imports sqlalchemy (so the checks above can fail)."""
    modules = loaded_after(
        RUN_APP.format(args=["--db", f"{tmp_path}/x.db", "customer", "add", "甲"]),
        env={"SHOUHOU_NOW": "2026-11-23 10:00", "SHOUHOU_TZ": "Asia/Shanghai"},
    )
    assert "sqlalchemy" in modules
