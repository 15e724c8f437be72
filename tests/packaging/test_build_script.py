"""packaging/build.py's naming, version resource and archives (the build itself: tests/bundle)."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from journal import __version__


@pytest.mark.parametrize(
    ("system", "machine", "tag"),
    [
        ("linux", "x86_64", "linux-x86_64"),
        ("linux", "aarch64", "linux-arm64"),
        ("win32", "AMD64", "windows-x86_64"),
        ("win32", "ARM64", "windows-arm64"),
        ("darwin", "arm64", "macos-arm64"),
        ("darwin", "x86_64", "macos-x86_64"),
    ],
)
def test_platform_tags(build_script: ModuleType, system: str, machine: str, tag: str) -> None:
    assert build_script.platform_tag(system, machine) == tag


def test_archive_names_carry_version_and_platform(build_script: ModuleType) -> None:
    assert build_script.archive_name("0.3.1", "linux-x86_64") == (
        "contact-journal-0.3.1-linux-x86_64.tar.gz"
    )
    assert build_script.archive_name("0.3.1", "macos-arm64") == (
        "contact-journal-0.3.1-macos-arm64.tar.gz"
    )
    assert build_script.archive_name("0.3.1", "windows-x86_64") == (
        "contact-journal-0.3.1-windows-x86_64.zip"
    )


def test_the_version_is_read_from_the_source(build_script: ModuleType) -> None:
    assert build_script.app_version() == __version__


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 0)),
        ("3.1.4+git", (3, 1, 4, 0)),
    ],
)
def test_windows_version_numbers(
    build_script: ModuleType, version: str, numbers: tuple[int, ...]
) -> None:
    assert build_script.version_numbers(version) == numbers


def test_the_windows_version_resource_names_the_version(
    build_script: ModuleType, tmp_path: Path
) -> None:
    path = Path(build_script.windows_version_file(tmp_path / "work", "1.2.3"))
    text = path.read_text(encoding="utf-8")

    assert "filevers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3')" in text
    assert "StringStruct('OriginalFilename', 'journal.exe')" in text
    # It must be one Python expression: PyInstaller eval()s it (parsed for real in tests/bundle).
    compile(text, str(path), "eval")


def _tree(tmp_path: Path) -> Path:
    bundle = tmp_path / "contact-journal"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "journal").write_text("#!/bin/sh\n", encoding="utf-8")
    (bundle / "_internal" / "resources" / "a.svg").write_text("<svg/>", encoding="utf-8")
    return bundle


def test_a_tar_archive_holds_the_folder(build_script: ModuleType, tmp_path: Path) -> None:
    archive = build_script.make_archive(_tree(tmp_path), tmp_path / "out.tar.gz")

    with tarfile.open(archive) as packed:
        names = set(packed.getnames())
    assert {"contact-journal/journal", "contact-journal/_internal/resources/a.svg"} <= names


def test_a_zip_archive_holds_the_folder(build_script: ModuleType, tmp_path: Path) -> None:
    archive = build_script.make_archive(_tree(tmp_path), tmp_path / "out.zip")

    with zipfile.ZipFile(archive) as packed:
        names = set(packed.namelist())
    assert {"contact-journal/journal", "contact-journal/_internal/resources/a.svg"} <= names
