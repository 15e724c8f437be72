"""The models' database proxy, which can be held while the journal's file is replaced.

A change of encryption runs on a worker thread while the window stays alive. Until its
file is swapped and open again, no other thread may read the journal: Peewee would
reconnect on its own (autoconnect) to a file about to be renamed away, or to the new one
with the old key, through a second copy of SQLite that does not see SQLCipher's locks.
While held, every use of the proxy from another thread raises JournalBusyError instead.
"""

from __future__ import annotations

import threading
from typing import Any

import peewee

from journal.store.errors import JournalBusyError

_NOBODY = -1  # held, and no thread has claimed it yet

BUSY_MESSAGE = (
    "The journal is being converted (File → Encryption); try again once it has finished. "
    "Nothing was changed."
)


class HeldProxy(peewee.DatabaseProxy):
    """A DatabaseProxy that refuses every thread but one while the journal is held."""

    __slots__ = ("_holder",)

    def __init__(self) -> None:
        super().__init__()
        self._set_holder(None)

    def _set_holder(self, holder: int | None) -> None:
        object.__setattr__(self, "_holder", holder)

    def __setattr__(self, attr: str, value: Any) -> None:
        # Peewee's Proxy checks names against the class's own __slots__, which here are ours.
        if attr not in peewee.DatabaseProxy.__slots__:
            raise AttributeError("Cannot set attribute on proxy.")
        object.__setattr__(self, attr, value)

    def hold(self) -> None:
        """Refuse the journal to every thread until release(); see claim()."""
        self._set_holder(_NOBODY)

    def claim(self) -> None:
        """Let the calling thread (the one replacing the file) use the held journal."""
        if self._holder is not None:
            self._set_holder(threading.get_ident())

    def release(self) -> None:
        """Let every thread use the journal again."""
        self._set_holder(None)

    def held(self) -> bool:
        """True when the journal is held by another thread than the caller."""
        holder = self._holder
        return holder is not None and holder != threading.get_ident()

    def __getattr__(self, attr: str) -> Any:
        # Only what the proxy itself lacks comes here: every connection, query and
        # transaction of the models does.
        if self.held():
            raise JournalBusyError(BUSY_MESSAGE)
        return super().__getattr__(attr)
