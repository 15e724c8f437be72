"""Fixtures for the packaging files: the scripts in packaging/, loaded by path, and tools.

packaging/ is not a Python package (a folder named `packaging` must not shadow PyPI's
`packaging`), so its scripts are loaded from their files.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"


def load_script(name: str) -> ModuleType:
    """packaging/<name>.py as a module."""
    spec = importlib.util.spec_from_file_location(
        f"journal_packaging_{name}", ROOT / "packaging" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_script() -> ModuleType:
    """packaging/build.py."""
    return load_script("build")


@pytest.fixture(scope="session")
def notices() -> ModuleType:
    """packaging/notices.py."""
    return load_script("notices")


@pytest.fixture(scope="session")
def installer() -> ModuleType:
    """packaging/install_desktop.py."""
    return load_script("install_desktop")


@pytest.fixture(scope="session")
def icon_script() -> ModuleType:
    """packaging/render_icons.py."""
    return load_script("render_icons")


def require_tool(program: str, debian_package: str) -> str:
    """The program's path; a skip naming the package to install, but a failure in CI."""
    found = shutil.which(program)
    if found:
        return found
    reason = f"{program} is not installed (Debian/Ubuntu: apt-get install {debian_package})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"Packaging checks are mandatory in CI, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def tool():  # type: ignore[no-untyped-def]
    """`tool(program, debian_package)`: see require_tool."""
    return require_tool
