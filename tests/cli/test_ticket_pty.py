"""``shouhou ticket new`` in a real terminal (a pseudo-terminal): it asks for what is missing.

The installed ``shouhou`` entry point runs with its stdin, stdout and stderr on the slave side of
``os.openpty()``; the test types answers on the master side like a clerk on the phone.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CliRun, cli_env

SHOUHOU = Path(sys.executable).with_name("shouhou")

pytestmark = pytest.mark.skipif(
    not hasattr(os, "openpty") or not SHOUHOU.exists(), reason="needs a pty and the entry point"
)


class Terminal:
    """A command on a pseudo-terminal, driven expect-style."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        self.proc = subprocess.Popen(
            [str(SHOUHOU), *args], stdin=slave, stdout=slave, stderr=slave, env=env
        )
        os.close(slave)
        self.master = master
        self.pending = b""
        self.transcript = b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: the program closed the terminal
            chunk = b""
        if not chunk:
            return False
        self.pending += chunk
        self.transcript += chunk
        return True

    def expect(self, text: str, timeout: float = 20) -> str:
        """Wait until ``text`` is printed; return everything up to and including it."""
        wanted = text.encode()
        deadline = time.monotonic() + timeout
        while wanted not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(f"no {text!r} in {self.transcript.decode(errors='replace')!r}")
        end = self.pending.index(wanted) + len(wanted)
        seen, self.pending = self.pending[:end], self.pending[end:]
        return seen.decode()

    def answer(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def finish(self, timeout: float = 20) -> tuple[int, str]:
        """Read to the end; the exit code and all output (CR LF folded to LF)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(deadline - time.monotonic()):
            if self.proc.poll() is not None and not select.select([self.master], [], [], 0.05)[0]:
                break
        code = self.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        return code, self.transcript.decode(errors="replace").replace("\r\n", "\n")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


@pytest.fixture
def _tk_terminal(cli: CliRun, db_url: str) -> Iterator[type[Terminal]]:
    """An office with 天控 (#1, phone 022-12345678) and its device S1; opens terminals on it."""
    assert cli("customer", "add", "天津天控科技有限公司", "--phone", "022-12345678").exit_code == 0
    added = cli("device", "add", "--customer", "1", "--model", "KS", "--serial", "S1",
                "--accepted", "2026-03-01")  # fmt: skip
    assert added.exit_code == 0
    env = {k: v for k, v in {**os.environ, **cli_env()}.items() if v is not None}
    env.update(TERM="dumb", COLUMNS="120")
    opened: list[Terminal] = []

    class Bound(Terminal):
        def __init__(self, *args: str) -> None:
            super().__init__(["--db", db_url, *args], env)
            opened.append(self)

    yield Bound
    for terminal in opened:
        terminal.close()


def ticket(cli: CliRun, number: str) -> dict[str, object]:
    result = cli("ticket", "show", number, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_prompts_for_device_severity_symptom(_tk_terminal: type[Terminal], cli: CliRun) -> None:
    term = _tk_terminal("ticket", "new")
    term.expect("Device serial (Enter to skip) []: ")
    term.answer("S1")
    term.expect("Severity 1 critical / 2 major / 3 minor [3]: ")
    term.answer("2")
    term.expect("Fault symptom: ")
    term.answer("不制冷")
    code, output = term.finish()
    assert code == 0, output
    assert "Ticket SH2611-0001 received — 2 major, by phone\n" in output
    assert "Customer: 天津天控科技有限公司 (#1)\nDevice: S1\n" in output
    assert "Resolve due: 2026-11-25 16:00\n" in output  # 24 working hours from Mon 10:00
    view = ticket(cli, "SH2611-0001")
    assert (view["severity"], view["symptom"], view["device_id"], view["customer_id"]) == (
        "2",
        "不制冷",
        1,
        1,
    )


def test_prompts_for_customer_when_no_serial(_tk_terminal: type[Terminal], cli: CliRun) -> None:
    term = _tk_terminal("ticket", "new")
    term.expect("Device serial (Enter to skip) []: ")
    term.answer("")
    term.expect("Customer (id, name or phone): ")
    term.answer("022-12345678")
    term.expect("[3]: ")
    term.answer("")  # the default: minor
    term.expect("Fault symptom: ")
    term.answer("灯不亮")
    code, output = term.finish()
    assert code == 0, output
    assert "Ticket SH2611-0001 received — 3 minor, by phone\n" in output
    assert "Warranty: no device given — check it when the serial is known\n" in output
    view = ticket(cli, "SH2611-0001")
    assert (view["severity"], view["customer_id"], view["device_id"]) == ("3", 1, None)


def test_unknown_customer_offers_a_new_file(_tk_terminal: type[Terminal], cli: CliRun) -> None:
    term = _tk_terminal("ticket", "new")
    term.expect("Device serial (Enter to skip) []: ")
    term.answer("")
    term.expect("Customer (id, name or phone): ")
    term.answer("新华机械厂")
    term.expect("No customer '新华机械厂'. Open a new customer file? [Y/n]: ")
    term.answer("y")
    term.expect("Phone (Enter to skip) []: ")
    term.answer("13900001111")
    term.expect("[3]: ")
    term.answer("1")
    term.expect("Fault symptom: ")
    term.answer("整线停机")
    code, output = term.finish()
    assert code == 0, output
    assert "Ticket SH2611-0001 received — 1 critical, by phone\n" in output
    assert "Customer: 新华机械厂 (#2)\n" in output
    customer = json.loads(cli("customer", "show", "2", "--format", "json").stdout)
    assert (customer["name"], customer["phone"]) == ("新华机械厂", "13900001111")
    assert ticket(cli, "SH2611-0001")["customer_id"] == 2


def test_declining_the_new_file_changes_nothing(_tk_terminal: type[Terminal], cli: CliRun) -> None:
    term = _tk_terminal("ticket", "new", "--severity", "3", "--symptom", "x")
    term.expect("Device serial (Enter to skip) []: ")
    term.answer("")
    term.expect("Customer (id, name or phone): ")
    term.answer("Nobody Ltd")
    term.expect("Open a new customer file? [Y/n]: ")
    term.answer("n")
    code, output = term.finish()
    assert code == 1
    assert "error: no customer 'Nobody Ltd' — check `shouhou customer list`" in output
    listed = json.loads(cli("ticket", "list", "--status", "all", "--format", "json").stdout)
    assert listed == []
    assert len(json.loads(cli("customer", "list", "--format", "json").stdout)) == 1
