"""Finding bundled files (icons, desktop entry) from a source checkout and a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The resources/ folder: next to the package from source, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    """A file under resources/."""
    return resource_dir().joinpath(*parts)
