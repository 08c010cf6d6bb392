"""Packaging (STYLE "Packaging templates"): the built wheel carries the templates and migrations,
installs into a fresh venv, and works from there — migrating a new database and rendering a sheet.

The fresh venv gets the wheel alone (``--no-deps``); its dependencies come from this project's
venv through ``PYTHONPATH`` (no network, and the editable install's ``.pth`` is not processed
there, so ``import shouhou`` can only find the installed wheel).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "shouhou"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse")
    # Without hatchling in this venv, build fetches it into an isolated env from the registry.
    isolation = ["--no-isolation"] if importlib.util.find_spec("hatchling") else []
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (path,) = out.glob("shouhou-*.whl")
    return path


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_has_every_module(names: set[str]) -> None:
    for path in SRC.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        assert f"shouhou/{path.relative_to(SRC).as_posix()}" in names


def test_wheel_has_migrations(names: set[str]) -> None:
    versions = sorted(p.name for p in (SRC / "migrations" / "versions").glob("*.py"))
    assert "0001_foundation.py" in versions
    for name in versions:
        assert f"shouhou/migrations/versions/{name}" in names
    assert "shouhou/migrations/env.py" in names
    assert "shouhou/migrations/script.py.mako" in names
    assert "shouhou/py.typed" in names


def test_wheel_has_templates(names: set[str]) -> None:
    templates = sorted(p.name for p in (ROOT / "templates").glob("*.j2"))
    assert templates, "the checkout has no templates/"
    for name in templates:
        assert f"shouhou/templates/{name}" in names


def test_wheel_has_no_tests_or_caches(names: set[str]) -> None:
    assert not any(name.startswith("tests/") for name in names)
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)


def test_wheel_declares_the_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "shouhou = shouhou.cli.app:main" in text


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel installed."""
    where = tmp_path_factory.mktemp("venv") / "fresh"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-2000:]
    return where


def run_in(venv: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],  # dependencies only, see module doc
        "HOME": str(cwd),
        "SHOUHOU_NOW": "2026-11-23 10:00",
        "SHOUHOU_TZ": "Asia/Shanghai",
        "SHOUHOU_LANG": "zh",
        "SHOUHOU_USER": "wheel",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_installed_package_is_the_wheel(venv: Path, tmp_path: Path) -> None:
    code = (
        "import json, shouhou, shouhou.migrations.head as h\n"
        "from pathlib import Path\n"
        "root = Path(shouhou.__file__).parent\n"
        "print(json.dumps({'root': str(root), 'head': h.HEAD_REVISION,\n"
        "    'versions': sorted(p.name for p in (root / 'migrations' / 'versions').glob('*.py')),\n"
        "    'templates': sorted(p.name for p in (root / 'templates').glob('*.j2'))}))\n"
    )
    result = run_in(venv, str(venv / "bin" / "python"), "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert Path(info["root"]).is_relative_to(venv), info["root"]
    assert "0001_foundation.py" in info["versions"]
    assert info["templates"] == sorted(p.name for p in (ROOT / "templates").glob("*.j2"))


def test_templates_dir_resolves_inside_the_installed_package(
    venv: Path, names: set[str], tmp_path: Path
) -> None:
    assert "shouhou/render.py" in names
    code = (
        "import shouhou.render as r\n"
        "d = r.templates_dir()\n"
        "assert d.is_dir(), d\n"
        "assert any(d.glob('*.j2')), d\n"
        "print(d)\n"
    )
    result = run_in(venv, str(venv / "bin" / "python"), "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # fails if render exists but finds no templates
    assert Path(result.stdout.strip()).is_relative_to(venv), result.stdout


def test_installed_command_migrates_and_renders_a_sheet(
    venv: Path, names: set[str], tmp_path: Path
) -> None:
    shouhou = str(venv / "bin" / "shouhou")
    path = str(tmp_path / "office.db")
    added = run_in(
        venv, shouhou, "--db", path, "customer", "add", "天津天控科技有限公司", cwd=tmp_path
    )
    assert added.returncode == 0, added.stderr
    info = run_in(venv, shouhou, "--db", path, "info", "--format", "json", cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    record = json.loads(info.stdout)
    assert record["schema"] == record["head"]
    ticket = run_in(
        venv, shouhou, "--db", path, "ticket", "new", "--customer", "1", "--severity", "2",
        "--symptom", "不制冷", "--channel", "phone", "--received-by", "文员",
        cwd=tmp_path,
    )  # fmt: skip
    assert ticket.returncode == 0, ticket.stderr
    sheet = run_in(
        venv, shouhou, "--db", path, "ticket", "sheet", "1", "--format", "html", cwd=tmp_path
    )
    assert sheet.returncode == 0, sheet.stderr
    assert "<html" in sheet.stdout.lower()
    assert "天津天控科技有限公司" in sheet.stdout
    assert "售后服务报告单" in sheet.stdout
