"""``shouhou report weekly`` for cron (issue 14 items 1, 5, 6, 7): every format, ``--section``,
``--output`` atomic and 0600, no ANSI codes unless stdout is a terminal, exit 0 for an empty
week, exit 2 for a malformed week; the week is the synthetic one of
``tests/services/report_week.py`` (8 requests in 2026-W47; NOW is Monday 2026-11-23 10:00)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from shouhou.cli.report.common import write_atomic
from shouhou.errors import DomainError
from tests.conftest import CliRun, cli_env
from tests.services.report_week import build_week

SHOUHOU = Path(sys.executable).with_name("shouhou")


@pytest.fixture
def week(db_url: str) -> dict[str, Any]:
    from shouhou import db

    with db.session(db_url, write=True) as s:
        return build_week(s)


def ok(result: Any) -> str:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    text: str = result.stdout
    return text


# -- what it prints ------------------------------------------------------------------------------


def test_default_week_as_plain_text(cli: CliRun, week: dict[str, Any]) -> None:
    text = ok(cli("report", "weekly"))
    lines = text.splitlines()
    assert lines[0] == "Weekly call record 2026-W47 (2026-11-16 – 2026-11-22)"
    assert "Requests received                8" in lines
    assert "Solved by phone or remotely      3" in lines
    assert "\x1b" not in text  # not a terminal: no ANSI codes, no box drawing
    assert "│" not in text and "┃" not in text
    assert f"{week['T'][4]}  2026-11-18 09:30  web" in text


def test_chinese(cli: CliRun, week: dict[str, Any]) -> None:
    text = ok(cli("--lang", "zh", "report", "weekly", "--week", "2026-W47"))
    assert text.startswith("电话服务记录周报 2026-W47（2026-11-16 至 2026-11-22）\n")
    assert "收到报修" in text and "来访" in text and "超时 15 分钟" in text


def test_json(cli: CliRun, week: dict[str, Any]) -> None:
    document = json.loads(ok(cli("report", "weekly", "--week", "2026-w47", "--format", "json")))
    assert document["summary"] == {
        "requests": 8,
        "by_phone": 3,
        "on_site": 2,
        "depot": 0,
        "open": 2,
        "cancelled": 1,
        "missed": 3,
    }
    rows = document["sections"]["requests"]["rows"]
    assert [r["number"] for r in rows] == week["T"]
    assert rows[0]["received_at"] == "2026-11-15T16:05:00+00:00"
    assert (rows[4]["reply"], rows[4]["reply_late_min"]) == ("overdue", 7170)


def test_csv_of_one_section(cli: CliRun, week: dict[str, Any]) -> None:
    text = ok(cli("report", "weekly", "--format", "csv", "--section", "by_channel"))
    assert list(csv.reader(io.StringIO(text))) == [
        ["channel", "requests", "open", "missed"],
        ["phone", "5", "1", "1"],
        ["email", "1", "0", "0"],
        ["web", "1", "1", "1"],
        ["walk-in", "1", "0", "1"],
    ]


def test_md_and_html(cli: CliRun, week: dict[str, Any]) -> None:
    md = ok(cli("report", "weekly", "--format", "md", "--section", "by_severity"))
    assert "| 1 critical | 4 | 0 | 2 |" in md
    html = ok(cli("report", "weekly", "--format", "html"))
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<script" not in html


def test_an_empty_week_exits_0_and_says_so(cli: CliRun, week: dict[str, Any]) -> None:
    text = ok(cli("report", "weekly", "--week", "2026-W40"))
    assert "No requests were received in week 2026-W40 (2026-09-28 – 2026-10-04)." in text
    assert "Requests received                0" in text


def test_an_empty_database_too(cli: CliRun) -> None:
    assert "No requests were received in week 2026-W47" in ok(cli("report", "weekly"))


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("week_text", ["2026-47", "2026-W54", "47", "2026-W47-1"])
def test_a_malformed_week_is_exit_2(cli: CliRun, week_text: str) -> None:
    result = cli("report", "weekly", "--week", week_text)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: --week '{week_text}' is not an ISO week — write it as YYYY-Www, e.g. 2026-W47\n"
    )
    assert result.stdout == ""


def test_a_malformed_week_in_chinese(cli: CliRun) -> None:
    result = cli("--lang", "zh", "report", "weekly", "--week", "下周")
    assert result.exit_code == 2
    assert result.stderr == "错误：--week '下周' 不是 ISO 周 — 请写成 YYYY-Www，例如 2026-W47\n"


def test_unknown_section_is_exit_2(cli: CliRun, week: dict[str, Any]) -> None:
    result = cli("report", "weekly", "--section", "by_month")
    assert result.exit_code == 2
    assert "error: this report has no section 'by_month' — choose one of: summary, by_day," in (
        result.stderr
    )


def test_bad_format_is_exit_2(cli: CliRun) -> None:
    assert cli("report", "weekly", "--format", "xlsx").exit_code == 2


def test_pdf_needs_output(cli: CliRun) -> None:
    result = cli("report", "weekly", "--format", "pdf")
    assert result.exit_code == 2
    assert result.stderr == "error: --format pdf writes a binary file — give --output FILE\n"


def test_no_database_is_exit_1(cli: CliRun, tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = cli("report", "weekly", db=str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"error: no database at {missing} — run `shouhou init`\n"
    assert not missing.exists()


# -- --output ------------------------------------------------------------------------------------


def test_output_is_written_0600_and_equals_stdout(
    cli: CliRun, week: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "week.txt"
    target.write_text("old report", encoding="utf-8")
    target.chmod(0o644)
    result = cli("report", "weekly", "--output", str(target))
    assert ok(result) == f"Written: {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == ok(cli("report", "weekly"))
    assert [p.name for p in tmp_path.iterdir() if "week" in p.name] == ["week.txt"]  # no temp


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_output_in_every_text_format(
    cli: CliRun, week: dict[str, Any], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"week.{fmt}"
    ok(cli("report", "weekly", "--format", fmt, "--output", str(target)))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") == ok(cli("report", "weekly", "--format", fmt))


def test_output_into_a_missing_folder_is_exit_2(cli: CliRun, tmp_path: Path) -> None:
    target = tmp_path / "no" / "week.txt"
    result = cli("report", "weekly", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: cannot write {target}: the folder does not exist — create it or give another "
        "--output\n"
    )


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "week.txt"
    target.write_text("last week's report", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DomainError) as caught:
        write_atomic(target, "this week's report")
    assert caught.value.key == "err.report_write_failed"
    assert target.read_text(encoding="utf-8") == "last week's report"
    assert [p.name for p in tmp_path.iterdir()] == ["week.txt"]


def test_write_atomic_writes_bytes_0600(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    write_atomic(target, b"%PDF-1.4 x")
    assert target.read_bytes() == b"%PDF-1.4 x"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# -- the installed command: a pipe and a terminal --------------------------------------------------


def installed_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in {**os.environ, **cli_env()}.items() if v is not None}
    env.update(extra)
    return env


@pytest.mark.skipif(not SHOUHOU.exists(), reason="needs the installed entry point")
def test_piped_output_has_no_ansi(db_url: str, week: dict[str, Any]) -> None:
    result = subprocess.run(
        [str(SHOUHOU), "--db", db_url, "report", "weekly"],
        capture_output=True,
        env=installed_env(TERM="xterm-256color", FORCE_COLOR="1"),
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout
    assert result.stdout.startswith(b"Weekly call record 2026-W47")


@pytest.mark.skipif(
    not hasattr(os, "openpty") or not SHOUHOU.exists(), reason="needs a pty and the entry point"
)
def test_a_terminal_gets_rich_tables(db_url: str, week: dict[str, Any]) -> None:
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [str(SHOUHOU), "--db", db_url, "report", "weekly", "--section", "by_channel"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=installed_env(TERM="xterm-256color", COLUMNS="120"),
    )
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the command closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None:
                break
        assert proc.wait(timeout=30) == 0, output
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    text = output.decode("utf-8", "replace")
    assert "\x1b[" in text  # rich styles on a terminal
    assert "┃" in text or "│" in text
    assert "walk-in" in text


# -- examples/cron/weekly-report.sh ----------------------------------------------------------------

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "cron" / "weekly-report.sh"


@pytest.mark.skipif(not SHOUHOU.exists(), reason="needs the installed entry point")
def test_the_cron_script_writes_a_dated_file(
    db_url: str, week: dict[str, Any], tmp_path: Path
) -> None:
    env = installed_env(SHOUHOU=str(SHOUHOU), SHOUHOU_DB=db_url, REPORT_FORMAT="txt")
    result = subprocess.run(
        ["sh", str(SCRIPT), str(tmp_path)], capture_output=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.decode().strip())
    assert written.parent == tmp_path
    assert re.fullmatch(r"weekly-\d{4}-W\d{2}\.txt", written.name)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    week_name = written.name.split("-", 1)[1].removesuffix(".txt")
    assert written.read_text(encoding="utf-8").startswith(f"Weekly call record {week_name} (")


@pytest.mark.skipif(not SHOUHOU.exists(), reason="needs the installed entry point")
def test_the_cron_script_passes_the_exit_code_on(tmp_path: Path) -> None:
    env = installed_env(SHOUHOU=str(SHOUHOU), SHOUHOU_DB=str(tmp_path / "missing.db"))
    result = subprocess.run(
        ["sh", str(SCRIPT), str(tmp_path)], capture_output=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"error: no database at" in result.stderr
