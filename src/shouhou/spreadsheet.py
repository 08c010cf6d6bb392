"""Cells a spreadsheet would run as a formula (OWASP "CSV injection"), both ways.

Export puts a ``'`` before text starting with = + - @ (or a tab / carriage return) —
:func:`guard`; import takes exactly that ``'`` off again — :func:`unguard`. Text that itself
starts with quotes before such a character (``'=x``) gets one more on export, so every value
comes back as it was stored (``'=x`` → ``''=x`` → ``'=x``), and a quote that belongs to the
value (``'hello``) is never touched.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _formula_like(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_PREFIXES)


def guard(text: str) -> str:
    """``text`` as a spreadsheet cell that shows it and runs nothing."""
    return "'" + text if _formula_like(text) else text


def unguard(text: str) -> str:
    """The value :func:`guard` wrote ``text`` for."""
    if text.startswith("'") and _formula_like(text[1:]):
        return text[1:]
    return text
