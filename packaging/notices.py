#!/usr/bin/env python3
"""Third-party notices for the bundle: what it ships of other people's work, and their licences.

    python packaging/notices.py notices.txt     # the Python distributions only

packaging/journal.spec writes the bundle's THIRD-PARTY-NOTICES.txt with `write_notices`,
giving it the shared libraries PyInstaller copies in. The file holds, for each Python
distribution the app runs on (its runtime requirements, followed from pyproject.toml with
the `encryption` extra the bundle is built with), its name, version, licence and the
licence texts its wheel carries. A wheel without licence texts (PySide6's and shiboken6's)
gets the texts of the licence we take it under, kept in packaging/licenses/. Then Python's
own licence, and on a Debian-like builder, for each system library copied into the
bundle, the copyright file of the package it came from (`dpkg -S`).

A distribution with neither a licence text nor one of ours fails the build: a new
dependency's licence must be looked at, not left out.

Loaded by path (packaging/ is not a Python package), like build.py; imports no Qt.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent
LICENSES = HERE / "licenses"
APP_DISTRIBUTION = "contact-journal"
BUNDLE_EXTRAS = ("encryption",)

# Licence texts for wheels that carry none, under the licence we take them under: PySide6
# and shiboken6 are "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"; the bundle uses them
# under the LGPL 3.0, whose text is the GPL 3.0's plus its additional permissions.
OUR_TEXTS = {
    "pyside6-essentials": ("LGPL-3.0-only", ("LGPL-3.0.txt", "GPL-3.0.txt")),
    "pyside6-addons": ("LGPL-3.0-only", ("LGPL-3.0.txt", "GPL-3.0.txt")),
    "shiboken6": ("LGPL-3.0-only", ("LGPL-3.0.txt", "GPL-3.0.txt")),
}
# File names a wheel's licence texts go by, when they sit beside its METADATA.
_TEXT_NAMES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")
RULE = "=" * 78


class NoticeError(Exception):
    """A distribution the bundle ships whose licence text cannot be found."""


def runtime_distributions(
    root: str = APP_DISTRIBUTION, extras: Iterable[str] = BUNDLE_EXTRAS
) -> list[metadata.Distribution]:
    """The distributions `root` needs to run on this platform (itself left out), by name."""
    found: dict[str, metadata.Distribution] = {}
    wanted = [(root, frozenset(extras))]
    seen: set[tuple[str, frozenset[str]]] = set()
    while wanted:
        name, with_extras = wanted.pop()
        if (name, with_extras) in seen:
            continue
        seen.add((name, with_extras))
        distribution = metadata.distribution(name)
        for line in distribution.requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            # A requirement applies with no extra, or with one of the extras asked for.
            if marker is not None and not any(
                marker.evaluate({"extra": extra}) for extra in ("", *with_extras)
            ):
                continue
            key = canonicalize_name(requirement.name)
            found.setdefault(key, metadata.distribution(requirement.name))
            wanted.append((requirement.name, frozenset(requirement.extras)))
    return [found[key] for key in sorted(found)]


def licence_of(distribution: metadata.Distribution) -> str:
    """The licence a distribution's metadata names (an SPDX expression when it gives one)."""
    meta = distribution.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    stated = str(meta.get("License") or "").strip()
    if stated and "\n" not in stated and len(stated) < 100:
        return stated
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return " / ".join(classifiers) or "see the text below"


def licence_texts(distribution: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence texts a distribution's wheel carries."""
    texts = []
    for file in distribution.files or []:
        parts = file.parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        in_licenses = len(parts) >= 3 and parts[1] == "licenses"
        beside_metadata = len(parts) == 2 and parts[1].upper().startswith(_TEXT_NAMES)
        if in_licenses or beside_metadata:
            path = Path(str(distribution.locate_file(file)))
            texts.append((file.name, path.read_text(encoding="utf-8", errors="replace")))
    return sorted(texts)


def distribution_notice(distribution: metadata.Distribution) -> str:
    """One distribution's part of the notices: who, which licence, its texts."""
    name = str(distribution.metadata["Name"])
    key = canonicalize_name(name)
    licence = licence_of(distribution)
    texts = licence_texts(distribution)
    if not texts and key in OUR_TEXTS:
        licence, files = OUR_TEXTS[key]
        # Given once, at the end of the file (three wheels share them).
        texts = [
            (file, f"The text of {file.removesuffix('.txt')} is at the end of this file.")
            for file in files
        ]
    if not texts:
        raise NoticeError(
            f"{name} {distribution.version} ({licence}) carries no licence text: add its text "
            f"to packaging/licenses/ and name it in OUR_TEXTS (packaging/notices.py)"
        )
    home = _home_page(distribution)
    head = f"{name} {distribution.version}\nLicence: {licence}" + (
        f"\nFrom: {home}" if home else ""
    )
    body = "\n\n".join(f"--- {file} ---\n\n{text.strip()}" for file, text in texts)
    return f"{RULE}\n{head}\n{RULE}\n\n{body}\n"


def _home_page(distribution: metadata.Distribution) -> str:
    meta = distribution.metadata
    for url in meta.get_all("Project-URL") or []:
        label, _, address = url.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return address.strip()
    return str(meta.get("Home-page") or "")


def python_notice() -> str:
    """The Python interpreter and standard library the bundle carries."""
    # In the standard library's folder on Linux and macOS, in the installation's on Windows.
    places = (Path(sysconfig.get_paths()["stdlib"]), Path(sys.base_prefix))
    found = [place / "LICENSE.txt" for place in places if (place / "LICENSE.txt").is_file()]
    version = ".".join(map(str, sys.version_info[:3]))
    if not found:
        raise NoticeError(f"Python {version}: no LICENSE.txt in {' or '.join(map(str, places))}")
    head = f"{RULE}\nPython {version}\nLicence: PSF-2.0\nFrom: https://www.python.org\n{RULE}"
    return f"{head}\n\n{found[0].read_text(encoding='utf-8', errors='replace').strip()}\n"


def system_library_notices(libraries: Iterable[Path]) -> list[str]:
    """The copyright files of the Debian packages the libraries come from ([] off Debian).

    Libraries inside a Python distribution (Qt's, in PySide6's wheels) come under that
    distribution's notice and are not looked up.
    """
    site = {
        Path(p).resolve()
        for p in (sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"])
    }
    system = sorted(
        {
            str(path.resolve())
            for path in map(Path, libraries)
            if path.is_file() and not any(root in path.resolve().parents for root in site)
        }
    )
    if not system or not Path("/usr/bin/dpkg").exists():
        return []
    owners = _debian_packages(system)
    packages: dict[str, list[str]] = {}
    for library in system:
        owner = owners.get(library)
        if owner:
            packages.setdefault(owner, []).append(Path(library).name)
    notices = []
    for package in sorted(packages):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if not copyright_file.exists():
            raise NoticeError(f"{package} has no {copyright_file}: its licence cannot be shipped")
        names = ", ".join(sorted(packages[package]))
        text = copyright_file.read_text(encoding="utf-8", errors="replace").strip()
        head = f"{RULE}\n{package} (Debian package of {names})\n{RULE}"
        notices.append(f"{head}\n\n{text}\n")
    return notices


def _debian_packages(libraries: list[str]) -> dict[str, str]:
    """library -> the Debian package that installed it, for those a package did.

    One `dpkg -S` for all (a call reads dpkg's whole file list). A library found through a
    symlinked folder (/usr/lib -> /lib on a merged /usr) may be known by the other path, so
    each is asked for under both.
    """
    asked: dict[str, str] = {}
    for library in libraries:
        asked[library] = library
        if library.startswith("/usr/"):
            asked[library.removeprefix("/usr")] = library
    # dpkg -S answers "package[:arch][, other]: path" for each path it knows; it exits 1
    # when one is unknown, and still answers for the others.
    result = subprocess.run(["dpkg", "-S", *asked], capture_output=True, text=True, check=False)
    owners: dict[str, str] = {}
    for line in result.stdout.splitlines():
        package, _, path = line.partition(": ")
        library = asked.get(path.strip())
        if library is not None and package and "," not in package:
            owners.setdefault(library, package.split(":")[0])  # without ":amd64"
    return owners


def notices_text(libraries: Iterable[Path] = ()) -> str:
    """The whole notices file."""
    distributions = runtime_distributions()
    parts = [
        "Contact Journal: third-party notices\n\n"
        "Contact Journal is MIT-licensed. The bundle also carries the following works of\n"
        "others, each under its own licence, given in full below: the Python distributions\n"
        "it runs on, the Python interpreter, and the system libraries copied from the\n"
        "machine it was built on. PySide6 and the Qt libraries in its wheels are used\n"
        "under the GNU LGPL 3.0: they are separate shared libraries in the bundle's\n"
        "_internal folder, which you may replace with your own builds of them. Their source\n"
        "code: https://download.qt.io/official_releases/QtForPython/ (PySide6, shiboken6)\n"
        "and https://download.qt.io/official_releases/qt/ (Qt).\n\n"
        "Contents:\n"
        + "".join(f"  - {d.metadata['Name']} {d.version}\n" for d in distributions)
        + f"  - Python {'.'.join(map(str, sys.version_info[:3]))}\n"
        + "  - system libraries (where the builder is Debian-like)\n",
        *map(distribution_notice, distributions),
        python_notice(),
        *system_library_notices(libraries),
        *map(_shared_text, sorted({f for _licence, files in OUR_TEXTS.values() for f in files})),
    ]
    return "\n".join(parts)


def _shared_text(file: str) -> str:
    text = (LICENSES / file).read_text(encoding="utf-8").strip()
    return f"{RULE}\n{file.removesuffix('.txt')}\n{RULE}\n\n{text}\n"


def write_notices(target: Path, libraries: Iterable[Path] = ()) -> Path:
    """Write the notices to `target`; returns it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notices_text(libraries), encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: notices.py OUTPUT")
    print(write_notices(Path(sys.argv[1])))
