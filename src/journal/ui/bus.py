"""The one way the GUI writes: call a core function, report its errors, announce what changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from journal.core.changes import Changes, Result
from journal.core.errors import JournalError, ValidationError
from journal.store.database import explain, is_database_error
from journal.store.errors import StoreError
from journal.ui.dialogs.service import DialogService

T = TypeVar("T")


class JournalBus(QObject):
    """Carries every write to the core and broadcasts one "journal changed" signal.

    Views connect to `changed` and refresh only when the Changes touch what they show.
    """

    changed = Signal(object)  # Changes

    def __init__(self, dialogs: DialogService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialogs = dialogs

    def run(
        self,
        operation: Callable[..., Result[T]],
        *args: Any,
        parent: QWidget | None = None,
        raise_validation: bool = False,
        **kwargs: Any,
    ) -> Result[T] | None:
        """Run one core write; on success emit `changed`, on a user error show it and return None.

        Forms pass raise_validation=True to show a ValidationError next to the field instead.
        """
        try:
            result = operation(*args, **kwargs)
        except ValidationError as error:
            if raise_validation:
                raise
            self._report(parent, error)
            return None
        except (JournalError, StoreError) as error:
            self._report(parent, error)
            return None
        except Exception as error:
            if not is_database_error(error):
                raise
            # SQLite refused (a full disk, a read-only folder): the transaction was rolled
            # back, so nothing is half-written; say why in words.
            self._report(parent, explain(error))
            return None
        self.changed.emit(result.changes)
        return result

    def announce(self, changes: Changes) -> None:
        """Tell the views about changes made outside run() (e.g. a whole journal reloaded)."""
        self.changed.emit(changes)

    def _report(self, parent: QWidget | None, error: Exception) -> None:
        self.dialogs.error(parent, self.tr("Could not save"), str(error))
