"""The README's walk works as printed, in any month (issue 10.6).

The ```sh blocks of "A phone call, start to finish" run verbatim with bash, the installed
``shouhou`` first on PATH, in a temporary home (the walk's ``~/shouhou.db`` is a new database
there) — with the clock pinned to December, the month a hard-coded SH2611-0001 broke it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
SHOUHOU = Path(sys.executable).with_name("shouhou")
WALK = "A phone call, start to finish"


def sh_blocks(text: str, section: str) -> list[str]:
    """The ```sh blocks under the ``## section`` heading, up to the next ``## ``."""
    start = text.index(f"## {section}\n")
    end = text.find("\n## ", start + 1)
    body = text[start : end if end != -1 else len(text)]
    return re.findall(r"^```sh\n(.*?)^```", body, flags=re.S | re.M)


def test_the_walk_is_found() -> None:
    blocks = sh_blocks(README.read_text(encoding="utf-8"), WALK)
    assert len(blocks) == 1
    assert "shouhou ticket new" in blocks[0] and "shouhou ticket close" in blocks[0]


def test_no_readme_command_names_a_ticket_number() -> None:
    """A number like SH2611-0001 is only right in one month: commands capture it instead."""
    for block in sh_blocks(README.read_text(encoding="utf-8"), WALK):
        for line in block.splitlines():
            command = line.split("#", 1)[0]
            assert not re.search(r"SH\d{4}-\d{4}", command), line


@pytest.mark.slow
@pytest.mark.skipif(not SHOUHOU.exists(), reason="needs the installed entry point")
def test_the_walk_runs_verbatim_in_december(tmp_path: Path) -> None:
    script = "set -euo pipefail\n" + "\n".join(sh_blocks(README.read_text(encoding="utf-8"), WALK))
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SHOUHOU_", "LC_", "XDG_")) and k not in ("LANG", "TZ")
    }
    env.update(
        HOME=str(tmp_path),
        PATH=f"{SHOUHOU.parent}{os.pathsep}{env.get('PATH', '')}",
        SHOUHOU_NOW="2026-12-15 10:00",
        SHOUHOU_LANG="en",
    )
    run = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "error:" not in run.stderr
    database = tmp_path / "shouhou.db"
    listed = subprocess.run(
        [str(SHOUHOU), "--db", str(database), "ticket", "list", "--status", "all"]
        + ["--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    tickets = json.loads(listed.stdout)
    assert [(t["number"], t["status"], t["in_warranty"]) for t in tickets] == [
        ("SH2612-0001", "closed", True)
    ]
    assert (tmp_path / "SH2612-0001.html").read_text(encoding="utf-8").count("SH2612-0001")
