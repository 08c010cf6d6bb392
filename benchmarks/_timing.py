"""Shared timing helpers: run commands with the venv's own interpreter, report medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
BIN = Path(PYTHON).parent


def _installed_env(extra: dict[str, str] | None) -> dict[str, str]:
    """The environment of an installed shouhou: bytecode is cached. Some shells here set
    PYTHONDONTWRITEBYTECODE, which would recompile every module of ours on every run (~20 ms)
    while site-packages, compiled by pip at install time, load from .pyc."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def wall(cmd: list[str], env: dict[str, str] | None = None, runs: int = 7) -> float:
    """Median wall time of ``cmd`` over ``runs`` runs (one warm-up run first, which also
    writes the bytecode cache)."""
    full_env = _installed_env(env)
    subprocess.run(cmd, env=full_env, stdout=subprocess.DEVNULL, check=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=full_env, stdout=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def shouhou(*args: str) -> list[str]:
    return [str(BIN / "shouhou"), *args]


def report(label: str, ours: float, baseline: float, target: float) -> bool:
    ratio = ours / baseline
    ok = ratio <= target
    print(
        f"{label:<44} {ours:7.3f} s  vs {baseline:7.3f} s  ratio {ratio:4.2f}  "
        f"(target ≤ {target})  {'OK' if ok else 'OVER'}"
    )
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


def report_tuned(label: str, ours: float, tuned_baseline: float) -> None:
    print(
        f"  {label:<42} {ours:7.3f} s  vs {tuned_baseline:7.3f} s  ratio "
        f"{ours / tuned_baseline:4.2f}  (same gc thresholds; for information)"
    )
