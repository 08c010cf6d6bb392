"""Data in and out: ``import``, ``export``, ``backup``, ``restore`` (filled in by the data issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach the data commands to the root app."""
