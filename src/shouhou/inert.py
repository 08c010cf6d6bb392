"""Stored text can never drive the terminal (issue 15.4).

Names, symptoms, ``--as`` values and imported cells are whatever someone typed or a
spreadsheet held: ``Evil\\x1b]0;pwned\\x07\\x1b[31m`` would retitle the window and colour the
rest of the screen if written raw. Everything shown to a person — tables, plain lines,
records, messages, errors, prompts, documents on stdout — goes through :func:`inert`, which
shows control characters (C0 but tab and newline, DEL, C1) and the bidirectional overrides
that can reorder a line ("Trojan source") as visible escapes such as ``\\x1b`` and
``\\u202e``. JSON escapes them by itself; CSV files keep the data as stored.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """``text`` with every terminal-driving character shown as an escape; printable text
    (the usual case, checked in C) comes back as it is."""
    if text.isprintable():
        return text
    return _UNSAFE.sub(_escape, text)
