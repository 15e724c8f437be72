"""Where a journal lives: the platform data folder, or a folder named by --home / JOURNAL_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from journal import APP_NAME

JOURNAL_FILE = "journal.sqlite3"
HOME_ENV = "JOURNAL_HOME"


def default_home() -> Path:
    """The platform's per-user data folder for the app (e.g. ~/.local/share/Contact Journal)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The journal folder: --home wins, then JOURNAL_HOME, then the platform default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    return default_home()


def journal_path(home: Path) -> Path:
    """The SQLite file of the journal kept in `home`."""
    return home / JOURNAL_FILE


def backups_dir(home: Path) -> Path:
    """Where copies taken before migrations (and later, scheduled backups) go."""
    return home / "backups"
