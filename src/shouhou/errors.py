"""Error types: services raise these with a message key; the CLI handler maps them to exit codes."""

from __future__ import annotations

from typing import Any


class ShouhouError(Exception):
    """Base error. ``key`` names a message in the i18n catalogue; ``fields`` fill it in."""

    exit_code = 1

    def __init__(self, key: str, /, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields

    def __str__(self) -> str:  # English text, for logs and tests
        from shouhou.i18n import translate

        return translate("en", self.key, **self.fields)


class DomainError(ShouhouError):
    """A rule of the department forbids this (exit 1)."""


class NotFound(DomainError):
    """The record named does not exist (exit 1)."""


class InvalidTransition(DomainError):
    """A ticket (or other record) cannot move to the asked state (exit 1)."""


class UsageError(ShouhouError):
    """The input itself is malformed or outside the accepted values (exit 2)."""

    exit_code = 2
