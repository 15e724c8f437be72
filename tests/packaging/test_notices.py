"""packaging/notices.py: the bundle's third-party notices name every distribution it runs on,
with its licence text, and the system libraries' Debian copyright files."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

from journal import resources


def _names(distributions: list[metadata.Distribution]) -> set[str]:
    return {str(d.metadata["Name"]).lower().replace("_", "-") for d in distributions}


def test_the_runtime_requirements_are_followed_and_test_tools_left_out(
    notices: ModuleType,
) -> None:
    names = _names(notices.runtime_distributions())
    assert {
        "pyside6-essentials",
        "pyside6-addons",
        "shiboken6",
        "peewee",
        "keyring",
        "platformdirs",
        "icalendar",
        "tzlocal",
        "pycountry",
        "sqlcipher3",  # the encryption extra the bundle is built with
        "python-dateutil",  # icalendar's, a requirement of a requirement
    } <= names
    assert not names & {"pytest", "vobject", "hypothesis", "ruff", "mypy", "pyinstaller"}
    assert "contact-journal" not in names


def test_every_distribution_comes_with_its_licence_text(notices: ModuleType) -> None:
    text = notices.notices_text()
    for distribution in notices.runtime_distributions():
        assert f"\n{distribution.metadata['Name']} {distribution.version}\nLicence: " in text
    # pycountry's own LGPL 2.1 text, from its wheel.
    assert "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1" in text
    # PySide6 and shiboken6 carry none: the LGPL 3.0 and the GPL 3.0 it builds on, once each.
    assert text.count("GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3") == 1
    assert text.count("GNU GENERAL PUBLIC LICENSE\n                       Version 3") == 1
    assert "The text of LGPL-3.0 is at the end of this file." in text
    assert f"\nPython {sys.version_info.major}.{sys.version_info.minor}." in text


def test_a_distribution_without_a_licence_text_stops_the_build(
    notices: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notices, "licence_texts", lambda distribution: [])
    with pytest.raises(notices.NoticeError, match=r"^peewee .* carries no licence text"):
        notices.distribution_notice(metadata.distribution("peewee"))
    # The wheels we give a text to still have one.
    assert "LGPL-3.0" in notices.distribution_notice(metadata.distribution("shiboken6"))


def test_system_libraries_bring_their_debian_copyright(
    notices: ModuleType, tool, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tool("dpkg", "dpkg")
    import _sqlite3  # linked to the system's libsqlite3 on Debian

    libraries = [Path(p) for p in Path("/proc/self/maps").read_text().split() if "libsqlite3" in p]
    assert libraries, f"{_sqlite3.__file__} is not linked to a system libsqlite3"
    qt_library = next(
        Path(metadata.distribution("shiboken6").locate_file("shiboken6")).glob("*.so*")
    )
    found = notices.system_library_notices([libraries[0], qt_library, tmp_path / "gone.so"])
    assert len(found) == 1  # the wheel's library is under its distribution's notice
    assert found[0].splitlines()[1].startswith("libsqlite3-0 (Debian package of libsqlite3.so")
    assert "public domain" in found[0].lower()


def test_the_bundle_finds_its_notices_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resources.notices_file() is None  # from source
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.notices_file() is None  # a bundle built without it
    (tmp_path / "THIRD-PARTY-NOTICES.txt").write_text("notices", encoding="utf-8")
    assert resources.notices_file() == tmp_path / "THIRD-PARTY-NOTICES.txt"


def test_python_without_its_licence_file_stops_the_build(
    notices: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" in notices.python_notice()
    monkeypatch.setattr(notices.sysconfig, "get_paths", lambda: {"stdlib": str(tmp_path)})
    monkeypatch.setattr(notices.sys, "base_prefix", str(tmp_path))
    with pytest.raises(notices.NoticeError, match=r"^Python 3\.\d+\.\d+: no LICENSE\.txt in "):
        notices.python_notice()
