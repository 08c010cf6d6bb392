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
TIANKONG = "天津天控科技有限公司"

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
    term.expect("Customer: 天津天控科技有限公司 (#1, 022-12345678)")
    term.expect("Devices of 天津天控科技有限公司:")
    term.expect("1) S1  KS  (in warranty)")
    term.expect("Device (number or serial, Enter to skip) []: ")
    term.answer("")
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


def test_the_customers_devices_are_offered_by_number(
    _tk_terminal: type[Terminal], cli: CliRun
) -> None:
    assert cli("customer", "add", "Beta Ltd").exit_code == 0
    added = cli("device", "add", "--customer", "2", "--model", "KB", "--serial", "B1")
    assert added.exit_code == 0
    term = _tk_terminal("ticket", "new", "--severity", "2", "--symptom", "不制冷")
    term.expect("Device serial (Enter to skip) []: ")
    term.answer("")
    term.expect("Customer (id, name or phone): ")
    term.answer("天控")
    term.expect("Device (number or serial, Enter to skip) []: ")
    term.answer("B1")  # another customer's: said why, asked again
    term.expect(f"device B1 belongs to another customer than {TIANKONG}")
    term.expect("Device (number or serial, Enter to skip) []: ")
    term.answer("1")
    code, output = term.finish()
    assert code == 0, output
    assert "Device: S1\n" in output
    assert ticket(cli, "SH2611-0001")["device_id"] == 1


def test_unknown_serial_is_registered_on_the_call(
    _tk_terminal: type[Terminal], cli: CliRun
) -> None:
    """Issue 10.1 in English: a serial the database does not know, a wrong date on the way."""
    term = _tk_terminal("ticket", "new")
    term.expect("Device serial (Enter to skip) []: ")
    term.answer("KY9")
    term.expect("No device 'KY9'. Register it under the caller's customer? [Y/n]: ")
    term.answer("yes")
    term.expect("Customer of device KY9 (id, name or phone): ")
    term.answer("天控")
    term.expect("Customer: 天津天控科技有限公司 (#1, 022-12345678)")
    term.expect("Model: ")
    term.answer("KS-300")
    term.expect("Acceptance date (YYYY-MM-DD, Enter if unknown) []: ")
    term.answer("2025-02-30")
    term.expect("accepted '2025-02-30' is not a date — use YYYY-MM-DD")
    term.expect("Acceptance date (YYYY-MM-DD, Enter if unknown) []: ")
    term.answer("2025-06-01")
    term.expect("(Enter for none) []: ")
    term.answer("motor:120")
    term.expect("Severity 1 critical / 2 major / 3 minor [3]: ")
    term.answer("urgent")
    term.expect("'urgent' is not accepted — answer 1 critical / 2 major / 3 minor")
    term.expect("[3]: ")
    term.answer("major")
    term.expect("Fault symptom: ")
    term.answer("不制冷")
    code, output = term.finish()
    assert code == 0, output
    assert "Registered device 2: serial KY9\n" in output
    assert "Ticket SH2611-0001 received — 2 major, by phone\n" in output
    assert "Device: KY9\n" in output
    assert (
        "Warranty verdict — whole unit (24 months), fault date 2026-11-23: in warranty until "
        "2027-05-31 — free for a manufacturing fault"
    ) in output
    view = ticket(cli, "SH2611-0001")
    assert (view["device_id"], view["customer_id"], view["in_warranty"]) == (2, 1, True)
    device = json.loads(cli("device", "show", "KY9", "--format", "json").stdout)
    assert (device["customer_id"], device["model"], device["accepted_on"]) == (
        1,
        "KS-300",
        "2025-06-01",
    )
    assert [(w["component"], w["months"]) for w in device["warranty"]] == [
        ("unit", 24),
        ("motor", 120),
    ]


def test_unknown_serial_is_registered_on_the_call_in_chinese(
    _tk_terminal: type[Terminal], cli: CliRun
) -> None:
    """Issue 10.1–10.2 in Chinese: 是 at a yes/no prompt, a purchase date, a wrong severity."""
    term = _tk_terminal("--lang", "zh", "ticket", "new")
    term.expect("设备出厂编号（回车跳过） []: ")
    term.answer("KY8")
    term.expect("没有设备“KY8”。是否登记到来电客户名下？ [是/否，回车=是]: ")
    term.answer("是")
    term.expect("设备 KY8 所属客户（编号、名称或电话）: ")
    term.answer("天控")
    term.expect("客户：天津天控科技有限公司 (#1, 022-12345678)")
    term.expect("型号: ")
    term.answer("KS-300")
    term.expect("验收日期（YYYY-MM-DD，不知道请回车） []: ")
    term.answer("")
    term.expect("购买日期（YYYY-MM-DD，不知道请回车） []: ")
    term.answer("2026年1月5日")
    term.expect("（没有请回车） []: ")
    term.answer("")
    term.expect("故障等级 1 重大 / 2 主要 / 3 次要 [3]: ")
    term.answer("紧急")
    term.expect("“紧急”无效 — 请回答 1 重大 / 2 主要 / 3 次要")
    term.expect("[3]: ")
    term.answer("主要")
    term.expect("故障现象: ")
    term.answer("压缩机异响")
    code, output = term.finish()
    assert code == 0, output
    assert "已登记设备 2：出厂编号 KY8\n" in output
    assert "已受理工单 SH2611-0001 — 2 主要，来源：电话\n" in output
    assert "保修判定 — 整机（24 个月），故障日期 2026-11-23：保修期至 2028-01-04" in output
    view = ticket(cli, "SH2611-0001")
    assert (view["device_id"], view["severity"], view["in_warranty"]) == (2, "2", True)
    device = json.loads(cli("device", "show", "KY8", "--format", "json").stdout)
    assert (device["purchase_date"], device["accepted_on"]) == ("2026-01-05", None)


def test_a_declined_serial_is_asked_again(_tk_terminal: type[Terminal], cli: CliRun) -> None:
    term = _tk_terminal("--lang", "zh", "ticket", "new", "--severity", "3", "--symptom", "x")
    term.expect("设备出厂编号（回车跳过） []: ")
    term.answer("S7")  # a slip of the finger
    term.expect("[是/否，回车=是]: ")
    term.answer("好吗")
    term.expect("“好吗”无效 — 请回答 是 或 否（y 或 n）")
    term.expect("[是/否，回车=是]: ")
    term.answer("否")
    term.expect("设备出厂编号（回车跳过） []: ")
    term.answer("S1")
    code, output = term.finish()
    assert code == 0, output
    assert ticket(cli, "SH2611-0001")["device_id"] == 1
    assert len(json.loads(cli("device", "list", "--format", "json").stdout)) == 1


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
    term.expect("Contact person (Enter to skip) []: ")
    term.answer("王师傅")
    term.expect("Zone 1 local / 2 nearby / 3 remote [1]: ")
    term.answer("周边")
    term.expect("[3]: ")
    term.answer("1")
    term.expect("Fault symptom: ")
    term.answer("整线停机")
    code, output = term.finish()
    assert code == 0, output
    assert "Created customer 2: 新华机械厂\n" in output
    assert "Ticket SH2611-0001 received — 1 critical, by phone\n" in output
    assert "Customer: 新华机械厂 (#2)\n" in output
    customer = json.loads(cli("customer", "show", "2", "--format", "json").stdout)
    assert (customer["name"], customer["phone"], customer["contact"], customer["zone"]) == (
        "新华机械厂",
        "13900001111",
        "王师傅",
        "nearby",
    )
    assert ticket(cli, "SH2611-0001")["customer_id"] == 2


def test_declining_the_new_file_asks_again_and_changes_nothing(
    _tk_terminal: type[Terminal], cli: CliRun
) -> None:
    term = _tk_terminal("ticket", "new", "--severity", "3", "--symptom", "x")
    term.expect("Device serial (Enter to skip) []: ")
    term.answer("")
    term.expect("Customer (id, name or phone): ")
    term.answer("Nobody Ltd")
    term.expect("Open a new customer file? [Y/n]: ")
    term.answer("n")
    term.expect("Customer (id, name or phone): ")
    os.write(term.master, b"\x04")  # Ctrl-D: the clerk gives up
    code, output = term.finish()
    assert code == 1
    assert "error: aborted — nothing was changed" in output
    listed = json.loads(cli("ticket", "list", "--status", "all", "--format", "json").stdout)
    assert listed == []
    assert len(json.loads(cli("customer", "list", "--format", "json").stdout)) == 1
