"""Is the journal whole? PRAGMA quick_check, and what to tell the user when it is not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journal.store.errors import DamagedJournalError

if TYPE_CHECKING:
    from journal.store.database import Journal


def check(journal: Journal) -> list[str]:
    """The problems quick_check finds in the open journal (empty when it is sound).

    quick_check reads every page but skips the slow index-against-table comparisons:
    about 0.2 s for a 100 MB journal, which is why the app runs it off the GUI thread.
    """
    from journal.store.backup import quick_check

    return quick_check(journal.path, journal.passphrase)


def damaged_error(path: Path, problems: list[str], passphrase: str | None) -> DamagedJournalError:
    """The error for a journal that failed its check, naming the latest good backup."""
    from journal.store.backup import latest_good_backup

    home = path.parent
    backup = latest_good_backup(home, passphrase)
    shown = "; ".join(problems[:3]) + (" …" if len(problems) > 3 else "")
    message = f"The journal {path} is damaged (SQLite finds: {shown})."
    if backup is not None:
        message += f" The latest good backup is {backup.path.name}."
        # The app offers to open it instead, in a button; the command line says how.
        hint = (
            f"Restore it with `journal restore {backup.path.name}` (the damaged file is kept "
            "in backups/)."
        )
        return DamagedJournalError(message, backup, command_hint=hint)
    message += " There is no good backup to restore; keep a copy of the file before trying tools."
    return DamagedJournalError(message, backup)


def raise_if_damaged(journal: Journal) -> None:
    """DamagedJournalError naming the backup to restore, when quick_check finds problems."""
    problems = check(journal)
    if problems:
        raise damaged_error(journal.path, problems, journal.passphrase)
