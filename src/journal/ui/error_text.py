"""An error's message as the app shows it: without a command to type, with the app's advice.

The core and the store end some messages with a command (`journal check`) for the command
line; in a window that reads as a riddle, so the app drops it and says what to do here.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from journal.store.errors import HintedError

# The command a hint names: `journal check`, `journal --home DIR import …`.
_COMMAND = re.compile(r"journal (?:--[a-z-]+ \S+ )*([a-z-]+)")


def in_app(error: BaseException) -> str:
    """The message to show in a window for this error."""
    if not isinstance(error, HintedError) or not error.command_hint:
        return str(error)
    found = _COMMAND.search(error.command_hint)
    advice = _advice(found.group(1) if found else "")
    return f"{error.without_command} {advice}" if advice else error.without_command


def _advice(command: str) -> str:
    tr = QCoreApplication.translate
    if command == "check":
        return tr(
            "errors",
            "Quit and start the app again: it checks the journal as it opens, and offers the "
            "latest good backup if the journal is damaged.",
        )
    if command == "import":
        return tr(
            "errors",
            "Start the app on a new, empty journal folder (see “What goes where” in the "
            "README) and import the archive there.",
        )
    # `journal restore`: the window that says so offers the backup in a button.
    return ""
