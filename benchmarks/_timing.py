"""Shared timing helpers: run commands with the venv's own interpreter and time each one
against its floor *interleaved, pair by pair*.

On a shared, noisy machine two separately timed blocks of runs (all of ours, then all of the
floor's) see different load, and a ratio of their medians can swing from 0.8× to 1.3× between
two runs of the same benchmark. :func:`paired` instead runs ours and the floor back to back,
alternating which goes first (A,B then B,A, …) to cancel drift, takes the ratio within each
pair, and reports the median of those per-pair ratios with their interquartile range.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
BIN = Path(PYTHON).parent


def _installed_env(extra: dict[str, str] | None) -> dict[str, str]:
    """The environment of an installed shouhou: bytecode is cached. Some shells here set
    PYTHONDONTWRITEBYTECODE, which would recompile every module of ours on every run (~20 ms)
    while site-packages, compiled by pip at install time, load from .pyc."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def _run(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one run of ``cmd`` (stdout discarded; a failure raises)."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


@dataclass(frozen=True)
class Paired:
    """Interleaved timings of a command (``ours``) and its floor, one pair per round."""

    ours_times: tuple[float, ...]
    floor_times: tuple[float, ...]

    @property
    def runs(self) -> int:
        return len(self.ratios)

    @property
    def ours(self) -> float:
        """Median wall seconds of the command."""
        return statistics.median(self.ours_times)

    @property
    def floor(self) -> float:
        """Median wall seconds of the floor."""
        return statistics.median(self.floor_times)

    @property
    def ratios(self) -> tuple[float, ...]:
        """Per-pair ratios ours / floor, in the order the pairs were run."""
        return tuple(o / f for o, f in zip(self.ours_times, self.floor_times, strict=True))

    @property
    def ratio(self) -> float:
        """Median of the per-pair ratios (not the ratio of the medians)."""
        return statistics.median(self.ratios)

    @property
    def iqr(self) -> tuple[float, float]:
        """First and third quartiles of the per-pair ratios."""
        ratios = self.ratios
        if len(ratios) < 2:
            return ratios[0], ratios[0]
        q1, _, q3 = statistics.quantiles(ratios, n=4, method="inclusive")
        return q1, q3


def paired(
    cmd: list[str],
    floor: list[str],
    env: dict[str, str] | None = None,
    floor_env: dict[str, str] | None = None,
    runs: int = 11,
) -> Paired:
    """Time ``cmd`` against ``floor`` in ``runs`` interleaved pairs.

    Each is run once first as a warm-up (which also writes the bytecode cache and warms the
    page cache). Then, per pair, both run back to back; even pairs run ``cmd`` first, odd
    pairs the floor first, so a slow drift in the machine's load hits both sides evenly.
    ``env`` and ``floor_env`` are extra variables on top of the installed environment.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    ours_env = _installed_env(env)
    base_env = _installed_env(floor_env)
    _run(cmd, ours_env)
    _run(floor, base_env)
    ours_times: list[float] = []
    floor_times: list[float] = []
    for i in range(runs):
        if i % 2 == 0:
            ours_times.append(_run(cmd, ours_env))
            floor_times.append(_run(floor, base_env))
        else:
            floor_times.append(_run(floor, base_env))
            ours_times.append(_run(cmd, ours_env))
    return Paired(tuple(ours_times), tuple(floor_times))


def shouhou(*args: str) -> list[str]:
    return [str(BIN / "shouhou"), *args]


def _figures(p: Paired) -> str:
    lo, hi = p.iqr
    return (
        f"{p.ours:7.3f} s  vs {p.floor:7.3f} s  ratio {p.ratio:4.2f}  "
        f"(median of {p.runs} pair ratios, IQR {lo:4.2f}–{hi:4.2f})"
    )


def report_paired(label: str, p: Paired, target: float) -> bool:
    """Print one line of figures; true when the median pair ratio is within ``target``."""
    ok = p.ratio <= target
    print(f"{label:<44} {_figures(p)}  (target ≤ {target})  {'OK' if ok else 'OVER'}")
    return ok


# The stack's import cost, plain and with the cycle-collector thresholds shouhou sets at start
# (shouhou.cli.app._tune_cycle_collector). The targets are against the plain one; the second
# shows how much of our margin comes from collecting less often.
STACK = [PYTHON, "-c", "import typer, sqlmodel"]
STACK_TUNED = [
    PYTHON,
    "-c",
    "import gc; gc.set_threshold(20_000, 20, 20); import typer, sqlmodel",
]


def report_tuned(label: str, p: Paired) -> None:
    """Print a paired ratio against :data:`STACK_TUNED` (no target; for information)."""
    print(f"  {label:<42} {_figures(p)}  (same gc thresholds; for information)")
