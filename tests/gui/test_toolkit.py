"""Guards against known-bad Qt bindings: the app must survive long sessions."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_qt_calls_do_not_leak_references_to_none(qapp) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call returning
    # nothing, and the app aborted ("none_dealloc") after a few thousand clicks.
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(200):
        widget.setEnabled(True)
    assert sys.getrefcount(None) >= before - 20
