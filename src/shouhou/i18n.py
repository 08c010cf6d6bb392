"""Language choice and message lookup (zh, en).

Messages live in ``shouhou.catalog.*`` modules, one per noun, each a ``MESSAGES`` dict mapping a
key to ``(english, chinese)``. Keys are stable; tests assert on them.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from typing import Any

_CATALOG_MODULES = (
    "common",
    "customer",
    "device",
    "ticket",
    "admin",
    "data",
    "render",
    "users",
    "rules",
    "settings",
    "sla",
    "intake",
    "visits",
    "visit_plans",
    "visit_docs",
    "callbacks",
    "today",
    "parts",
    "parts_catalogue",
    "parts_issuing",
    "parts_stocktake",
    "complaints",
    "surveys",
    "reports_monthly",
    "reports",
    "reports_weekly",
    "reports_kpi",
)
_catalog: dict[str, tuple[str, str]] | None = None


def choose_lang(flag: str | None, env: Mapping[str, str] | None = None) -> str:
    """``--lang``, else ``SHOUHOU_LANG``, else the locale (``zh*`` → zh, otherwise en)."""
    env = os.environ if env is None else env
    for value in (flag, env.get("SHOUHOU_LANG")):
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def catalog() -> dict[str, tuple[str, str]]:
    global _catalog
    if _catalog is None:
        import importlib

        merged: dict[str, tuple[str, str]] = {}
        for name in _CATALOG_MODULES:
            module = importlib.import_module(f"shouhou.catalog.{name}")
            merged.update(module.MESSAGES)
        _catalog = merged
    return _catalog


def translate(lang: str, key: str, /, **fields: Any) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in; unknown keys echo the key."""
    entry = catalog().get(key)
    if entry is None:
        text = key
    else:
        text = entry[1] if lang == "zh" else entry[0]
    if fields:
        try:
            if ":@" in text:
                text = _CodeTranslatingFormatter(lang).format(text, **fields)
            else:
                text = text.format(**fields)
        except (KeyError, IndexError, ValueError):  # a field that cannot take its format
            pass
    return text


class _CodeTranslatingFormatter(string.Formatter):
    """``{field:@status}`` in a message shows a code (or a "a, b" list of codes) by its
    ``status.<code>`` message, so errors raised with codes read naturally in either language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if not format_spec.startswith("@"):
            return str(super().format_field(value, format_spec))
        prefix = format_spec[1:]
        codes = value if isinstance(value, list | tuple) else str(value).split(", ")
        known = catalog()
        names = [
            translate(self.lang, f"{prefix}.{code}") if f"{prefix}.{code}" in known else code
            for code in codes
        ]
        return ("、" if self.lang == "zh" else ", ").join(names)


class Translator:
    """Bound to one language; passed to renderers so they never read the environment."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, /, **fields: Any) -> str:
        return translate(self.lang, key, **fields)
