"""The package tree is the architecture (STYLE "Layout"; docs/architecture.md): no import cycle
between modules, and a domain package imports only the ones below it.

Imports inside functions count: a lazy import is still a dependency, only a later one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "shouhou"

# Lower layers first. A module may import its own layer and any layer below it, never above.
# Shared plumbing (audit, config, numbering, paging, users) sits under every domain.
SERVICE_LAYERS: tuple[tuple[str, ...], ...] = (
    ("audit", "config", "numbering", "paging", "users"),
    ("calendar",),
    ("customers",),
    ("tickets",),
    ("visits", "parts", "feedback"),
    ("reports", "agenda"),
    ("data", "info"),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[str]:
    """Every shouhou module ``path`` imports (``from a import b`` yields ``a.b`` when that is a
    module, else ``a``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("shouhou"):
                    yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("shouhou"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                yield candidate if candidate in MODULES else node.module


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {
    name: {target for target in _imports(path) if target in MODULES and target != name}
    for name, path in MODULES.items()
}


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(GRAPH[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_modules() -> None:
    assert _cycles() == []


def _layer_of(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 3 or parts[:2] != ["shouhou", "services"]:
        return None
    for level, names in enumerate(SERVICE_LAYERS):
        if parts[2] in names:
            return level
    raise AssertionError(f"{module}: services/{parts[2]} is in no layer of SERVICE_LAYERS")


def test_domain_packages_import_only_downwards() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        level = _layer_of(module)
        if level is None:
            continue
        for target in targets:
            target_level = _layer_of(target)
            if target_level is not None and target_level > level:
                wrong.append(f"{module} → {target}")
    assert wrong == []


@pytest.mark.parametrize("layer", ["services", "models", "db", "render", "views"])
def test_nothing_below_the_cli_imports_it(layer: str) -> None:
    """Services never call typer or the CLI (STYLE "Services")."""
    offenders = [
        f"{module} → {target}"
        for module, targets in GRAPH.items()
        if module.startswith(f"shouhou.{layer}")
        for target in targets
        if target.startswith("shouhou.cli")
    ]
    assert offenders == []


def test_no_module_over_600_lines() -> None:
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
