"""The domain is Qt-free: store, core, interchange and the CLI (cli.py, commands/) import no Qt."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import journal

SRC = Path(journal.__file__).resolve().parent
QT_ROOTS = ("PySide6", "shiboken6")
QT_FREE_PACKAGES = ("store", "core", "interchange", "commands")

# Imports every module of the Qt-free layers in a fresh interpreter, then reports which
# Qt modules (and which journal.ui modules) ended up loaded.
_PROBE = """
import importlib, json, pkgutil, sys

extra = sys.argv[1:]
import journal.store
import journal.core
import journal.interchange
import journal.cli
import journal.commands
imported = []
for package in (journal.store, journal.core, journal.interchange, journal.commands):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
for name in extra:
    importlib.import_module(name)
print(json.dumps({
    "imported": imported,
    "qt": sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")),
    "ui": sorted(m for m in sys.modules if m == "journal.ui" or m.startswith("journal.ui.")),
}))
"""


def _probe(*extra: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_importing_the_domain_and_cli_loads_no_qt() -> None:
    result = _probe()
    # The walk really covered the layers (not an empty loop that proves nothing).
    assert "journal.core.contacts" in result["imported"]
    assert "journal.core.timeline" in result["imported"]
    assert "journal.store.migrations" in result["imported"]
    assert "journal.commands.common" in result["imported"]
    assert "journal.commands.groups" in result["imported"]
    assert result["qt"] == []
    assert result["ui"] == []


def test_the_probe_would_notice_qt() -> None:
    result = _probe("PySide6.QtCore")
    assert "PySide6.QtCore" in result["qt"]


def _python_files() -> list[Path]:
    files = [p for package in QT_FREE_PACKAGES for p in sorted((SRC / package).rglob("*.py"))]
    files.append(SRC / "cli.py")
    files.append(SRC / "autostart.py")
    files.append(SRC / "display.py")
    return files


def _imports(tree: ast.AST) -> list[tuple[str, ast.AST]]:
    """Every module name an import statement names, anywhere in the file (functions too)."""
    found: list[tuple[str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node))
        elif isinstance(node, ast.Call):
            # importlib.import_module("PySide6...") or __import__("PySide6...")
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in ("import_module", "__import__") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((first.value, node))
    return found


def test_the_static_check_covers_the_layers() -> None:
    files = _python_files()
    assert SRC / "core" / "contacts.py" in files
    assert SRC / "store" / "database.py" in files
    assert SRC / "commands" / "contacts.py" in files
    assert SRC / "cli.py" in files
    assert all(p.is_file() for p in files)


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_source_file_imports_qt(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    qt = [name for name, _node in _imports(tree) if name.split(".")[0] in QT_ROOTS]
    assert qt == [], f"{path.relative_to(SRC)} imports {qt}"


@pytest.mark.parametrize(
    "path",
    [p for p in _python_files() if p.name != "cli.py"],
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_the_domain_never_imports_the_ui(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    ui = [name for name, _node in _imports(tree) if name.split(".")[:2] == ["journal", "ui"]]
    assert ui == [], f"{path.relative_to(SRC)} imports {ui}"


def test_the_cli_imports_the_ui_only_inside_a_function() -> None:
    tree = ast.parse((SRC / "cli.py").read_text(encoding="utf-8"))
    top_level = [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("journal.ui")
    ] + [
        alias.name
        for node in tree.body
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.startswith("journal.ui")
    ]
    assert top_level == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("import PySide6", True),
        ("from PySide6.QtCore import QObject", True),
        ("def f():\n    from PySide6 import QtWidgets\n", True),
        ("import shiboken6", True),
        ("import importlib\nimportlib.import_module('PySide6.QtGui')", True),
        ("import json\nfrom journal.core import contacts", False),
        ("text = 'PySide6 is not imported here'", False),
    ],
)
def test_the_static_check_can_fail(source: str, caught: bool) -> None:
    names = [name for name, _node in _imports(ast.parse(source))]
    assert any(n.split(".")[0] in QT_ROOTS for n in names) is caught
