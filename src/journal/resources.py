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


NOTICES_FILE = "THIRD-PARTY-NOTICES.txt"


def notices_file() -> Path | None:
    """The bundle's third-party notices (packaging/notices.py writes them at build time);
    None when running from source, where each installed package carries its own."""
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle:
        return None
    path = Path(bundle) / NOTICES_FILE
    return path if path.is_file() else None
