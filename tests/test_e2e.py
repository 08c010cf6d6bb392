"""End to end: the installed ``shouhou`` entry point in a subprocess, as a clerk or cron runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOW_TEXT


def entry_point() -> str | None:
    beside = Path(sys.executable).with_name("shouhou")
    if beside.exists():
        return str(beside)
    return shutil.which("shouhou")


SHOUHOU = entry_point()
pytestmark = pytest.mark.skipif(SHOUHOU is None, reason="the shouhou entry point is not installed")


def run(*args: str, db: str | None, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SHOUHOU_", "LC_")) and key != "LANG"
    }
    env.update(
        SHOUHOU_NOW=NOW_TEXT,
        SHOUHOU_TZ="Asia/Shanghai",
        SHOUHOU_LANG=lang,
        SHOUHOU_USER="e2e",
        PYTHONIOENCODING="utf-8",
    )
    argv = [SHOUHOU or "shouhou", *(["--db", db] if db else []), *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)


def test_customer_device_list_flow(db_url: str) -> None:
    added = run("customer", "add", "天津天控科技有限公司", "--phone", "022-12345678", db=db_url)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Created customer 1: 天津天控科技有限公司\n"

    device = ("device", "add", "--customer", "1", "--model", "KS-200", "--serial", "S1")
    first = run(*device, "--accepted", "2025-03-01", "--component", "motor:120", db=db_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "Registered device 1: serial S1\n"
    again = run(*device, db=db_url, lang="zh")
    assert again.returncode == 1
    assert again.stdout == ""
    assert again.stderr == (
        "错误：出厂编号 S1 已存在 — 编号必须唯一；请查看 `shouhou device show S1`\n"
    )

    customers = json.loads(run("customer", "list", "--format", "json", db=db_url).stdout)
    assert [(c["id"], c["name"], c["phone"]) for c in customers] == [
        (1, "天津天控科技有限公司", "022-12345678")
    ]
    devices = json.loads(run("device", "list", "--format", "json", db=db_url).stdout)
    assert [(d["serial"], d["customer_id"], d["warranty_state"]) for d in devices] == [
        ("S1", 1, "in_warranty")
    ]
    assert [w["component"] for w in devices[0]["warranty"]] == ["unit", "motor"]


def test_usage_error_exit_code(tmp_path: Path) -> None:
    result = run("customer", "list", "--bogus", db=str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "error: No such option: --bogus — see `shouhou customer list --help`\n"


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    result = run("customer", "list", db=str(path))
    assert result.returncode == 1
    assert result.stderr == f"error: no database at {path} — run `shouhou init`\n"
    assert "Traceback" not in result.stderr
    assert not path.exists()


def test_db_upgrade_then_info(tmp_path: Path) -> None:
    path = str(tmp_path / "office.db")
    upgraded = run("db", "upgrade", db=path)
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.startswith("Schema - → ")
    info = json.loads(run("info", "--format", "json", db=path).stdout)
    assert info["database"] == path
    assert info["schema"] == info["head"]
    assert info["user"] == "e2e"


def test_help_runs() -> None:
    result = run("--help", db=None)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: shouhou")
    assert "Example:" in result.stdout
