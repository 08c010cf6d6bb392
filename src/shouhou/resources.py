"""Files shipped with shouhou (templates, examples), found from a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path


def resource_dir(name: str) -> Path:
    """``shouhou/<name>`` inside an installed wheel, else ``<repo>/<name>`` in a checkout."""
    packaged = Path(__file__).parent / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name
