"""Where a journal lives: the platform data folder, or a folder named by --home / JOURNAL_HOME."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from journal import APP_NAME
from journal.store.errors import EmptyHomeError

JOURNAL_FILE = "journal.sqlite3"
HOME_ENV = "JOURNAL_HOME"


def default_home() -> Path:
    """The platform's per-user data folder for the app (e.g. ~/.local/share/Contact Journal)."""
    import platformdirs  # 7 ms to import: only when no folder was named

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The journal folder: --home wins, then JOURNAL_HOME, then the platform default.

    An empty (or blank) --home or JOURNAL_HOME is refused (EmptyHomeError), not taken for "not
    given": a script's `--home "$DIR"` with DIR unset must not reach the user's own journal.
    """
    if explicit is not None:
        if not os.fspath(explicit).strip():  # "  " too: no one names a folder that
            raise EmptyHomeError(
                "--home is empty; give the journal's folder (is a variable in the script "
                "unset?), or leave out --home to use JOURNAL_HOME or the default journal. "
                "Nothing was changed."
            )
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_ENV)
    if env is not None:
        if not env.strip():
            raise EmptyHomeError(
                f"the {HOME_ENV} environment variable is set but empty; set it to the "
                f"journal's folder, or unset it (`unset {HOME_ENV}`) to use the default "
                "journal. Nothing was changed."
            )
        return Path(env).expanduser()
    return default_home()


def journal_path(home: Path) -> Path:
    """The SQLite file of the journal kept in `home`."""
    return home / JOURNAL_FILE


def backups_dir(home: Path) -> Path:
    """Where copies taken before migrations (and later, scheduled backups) go."""
    return home / "backups"


# Journals hold private notes about other people: only their owner may read them. SQLite
# gives a database's -wal and -shm files the database file's own permissions.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def create_private(path: Path) -> None:
    """Create `path` empty, readable by its owner only, unless it exists already."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) if missing; a folder made here is its owner's only."""
    if not folder.is_dir():
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
