"""PySide6's import hook, asked of the files' bytes: the answers PySide6 itself gives."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

import journal.ui  # noqa: F401  (installs the cheaper question)
from journal.ui.pyside_hook import install, mentions_pyside


def _feature() -> types.ModuleType:
    return sys.modules["shibokensupport.feature"]


def test_the_interface_installs_it_once() -> None:
    asked = _feature()._mod_uses_pyside
    assert getattr(asked, "_journal_reads_bytes", False)
    assert install() is False  # a second time changes nothing
    assert _feature()._mod_uses_pyside is asked


@pytest.mark.parametrize(
    "name",
    [
        "journal.ui.app",  # ours, with PySide6
        "journal.store.database",  # ours, without
        "journal.ui.pyside_hook",
        "json",  # the standard library's
        "sys",  # built in: no file
        "PySide6.QtCore",  # an extension module
        "_json",
    ],
)
def test_the_same_answer_as_pyside(name: str) -> None:
    __import__(name)
    module = sys.modules[name]
    pyside_answer = _feature()._mod_uses_pyside.__wrapped__
    assert mentions_pyside(module, pyside_answer) is pyside_answer(module)


def test_a_file_that_cannot_be_read_gets_pysides_own_answer(tmp_path: Path) -> None:
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # never written
    asked: list[str] = []
    assert mentions_pyside(gone, lambda m: asked.append(m.__name__) or True) is True
    assert asked == ["gone"]


def test_a_source_file_is_read_as_bytes(tmp_path: Path) -> None:
    source = tmp_path / "uses_qt.py"
    source.write_text(json.dumps("from PySide6 import QtCore") + "\n", encoding="utf-8")
    module = types.ModuleType("uses_qt")
    module.__file__ = str(source)
    assert mentions_pyside(module, lambda m: False) is True
    source.write_text("import os\n", encoding="utf-8")
    assert mentions_pyside(module, lambda m: True) is False
