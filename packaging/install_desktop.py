#!/usr/bin/env python3
"""Install the Contact Journal bundle for the current user on Linux, with its menu entry.

    python3 install_desktop.py install [--bundle DIR]   # default: the folder of this script
                                                         # if it is a bundle, else dist/
    python3 install_desktop.py uninstall

`make install-desktop` and `make uninstall-desktop` run it on dist/contact-journal; the
bundle carries a copy as contact-journal/install-desktop.py. It puts:

    the bundle      ~/.local/lib/contact-journal/
    the command     ~/.local/bin/journal (a symbolic link to the bundle's executable)
    the menu entry  $XDG_DATA_HOME/applications/org.contactjournal.ContactJournal.desktop
    the icons       $XDG_DATA_HOME/icons/hicolor/<size>/apps/org.contactjournal.ContactJournal.*
    the metainfo    $XDG_DATA_HOME/metainfo/org.contactjournal.ContactJournal.metainfo.xml

($XDG_DATA_HOME defaults to ~/.local/share.) Everything it writes is listed in
~/.local/lib/contact-journal/install-manifest.json, and uninstall removes exactly that,
and the folders install created, never a journal: journals live in the data folder.
Standard library only, so it runs with any Python 3 and from the bundle.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

APP_ID = "org.contactjournal.ContactJournal"
BUNDLE_NAME = "contact-journal"
EXECUTABLE = "journal"
MANIFEST = "install-manifest.json"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent


class InstallError(Exception):
    """Installing or uninstalling cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Places:
    """Where each part goes for this user."""

    lib: Path
    bin: Path
    data: Path

    @classmethod
    def for_user(cls) -> Places:
        """~/.local/lib, ~/.local/bin and $XDG_DATA_HOME (or ~/.local/share)."""
        home = Path.home()
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec says a relative path is invalid and must be ignored.
        data = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
        return cls(lib=home / ".local" / "lib", bin=home / ".local" / "bin", data=data)

    @property
    def bundle(self) -> Path:
        return self.lib / BUNDLE_NAME

    @property
    def command(self) -> Path:
        return self.bin / EXECUTABLE

    @property
    def manifest(self) -> Path:
        return self.bundle / MANIFEST

    @property
    def icon_theme(self) -> Path:
        return self.data / "icons" / "hicolor"


def default_bundle() -> Path:
    """This script's own folder when it sits in a bundle, else the build's dist/ folder."""
    if (HERE / EXECUTABLE).is_file() and (HERE / "_internal").is_dir():
        return HERE
    return HERE.parent / "dist" / BUNDLE_NAME


def bundle_resources(bundle: Path) -> Path:
    """The resources/ folder inside a PyInstaller one-folder bundle."""
    return bundle / "_internal" / "resources"


def check_bundle(bundle: Path) -> None:
    """Refuse a folder that is not a built bundle, saying how to get one."""
    program = bundle / EXECUTABLE
    desktop = bundle_resources(bundle) / f"{APP_ID}.desktop"
    if not program.is_file() or not os.access(program, os.X_OK):
        raise InstallError(
            f"{bundle} is not a Contact Journal bundle (no executable {program.name}); "
            "build one with `make package`, or give --bundle DIR"
        )
    if not desktop.is_file():
        raise InstallError(f"{bundle} has no {desktop.name}; rebuild it with `make package`")


def exec_quote(path: Path) -> str:
    """A path as one argument of a desktop entry's Exec key, quoted if it must be.

    The rules are the Desktop Entry Specification's: reserved characters need double
    quotes, inside which `"`, backquote, `$` and backslash take a backslash; the value is
    a string too, whose reader turns each double backslash into one first; and `%` starts
    a field code unless doubled.
    """
    text = str(path).replace("%", "%%")
    if not any(c in text for c in " \t\n\"'\\><~|&;$*?#()`"):
        return text
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in text)
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_entry(template: str, program: Path) -> str:
    """The bundle's .desktop file with Exec and TryExec naming the installed program."""
    lines = []
    for line in template.splitlines():
        key, sep, value = line.partition("=")
        if sep and key == "TryExec":
            line = "TryExec=" + str(program).replace("\\", "\\\\")
        elif sep and key == "Exec" and (value == EXECUTABLE or value.startswith(EXECUTABLE + " ")):
            line = f"Exec={exec_quote(program)}{value[len(EXECUTABLE) :]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def read_manifest(places: Places) -> dict[str, list[str]] | None:
    """What an earlier install wrote, or None if nothing is installed."""
    try:
        data = json.loads(places.manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise InstallError(f"cannot read {places.manifest}: {error}") from None
    return {"files": list(data.get("files", [])), "dirs": list(data.get("dirs", []))}


def _make_dirs(path: Path, created: list[str]) -> None:
    """mkdir -p, noting each folder it creates (outermost first)."""
    missing = []
    for folder in [path, *path.parents]:
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir()
        created.append(str(folder))


def planned_files(places: Places, resources: Path) -> list[tuple[Path, Path | None]]:
    """(destination, source) of every file outside the bundle folder; source None: generated."""
    icons = resources / "icons"
    files: list[tuple[Path, Path | None]] = [
        (places.data / "applications" / f"{APP_ID}.desktop", None),
        (places.data / "metainfo" / f"{APP_ID}.metainfo.xml", resources / f"{APP_ID}.metainfo.xml"),
        (places.icon_theme / "scalable" / "apps" / f"{APP_ID}.svg", icons / "contact-journal.svg"),
    ]
    for size in ICON_SIZES:
        files.append(
            (
                places.icon_theme / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
                icons / f"contact-journal-{size}.png",
            )
        )
    return files


def install(bundle: Path, places: Places, force: bool = False) -> list[str]:
    """Copy the bundle and add the command, menu entry, icons and metainfo; returns messages."""
    bundle = bundle.resolve()
    check_bundle(bundle)
    if bundle == places.bundle.resolve():
        raise InstallError(
            f"{bundle} is the installed copy; run install from the unpacked archive or the build"
        )
    previous = read_manifest(places)
    resources = bundle_resources(bundle)
    files = planned_files(places, resources)
    ours = set(previous["files"]) if previous else set()
    # Never overwrite what another program or the user put there.
    foreign = [
        str(path)
        for path in [places.command, *(dest for dest, _src in files)]
        if (path.exists() or path.is_symlink()) and str(path) not in ours
    ]
    if not previous and places.bundle.exists():
        foreign.append(str(places.bundle))
    if foreign and not force:
        raise InstallError(
            "these already exist and were not installed by Contact Journal: "
            + ", ".join(foreign)
            + " (move them away, or pass --force to replace them)"
        )
    messages = []
    if previous:
        uninstall(places, quiet=True)
        messages.append("Replaced the earlier installation.")
    elif force:
        for path in map(Path, foreign):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()

    created: list[str] = []
    written: list[str] = []
    try:
        _place_files(bundle, places, files, created, written)
    except BaseException:
        # Leave nothing half-installed behind: take back what this run wrote.
        _remove(written, created, places)
        raise
    refresh_icon_cache(places)
    messages.append(f"Installed Contact Journal in {places.bundle}.")
    messages.append(f"Menu entry: {files[0][0]}")
    on_path = os.environ.get("PATH", "").split(os.pathsep)
    if str(places.bin) not in on_path:
        messages.append(f"Add {places.bin} to your PATH to run `journal` from a terminal.")
    return messages


def _place_files(
    bundle: Path,
    places: Places,
    files: list[tuple[Path, Path | None]],
    created: list[str],
    written: list[str],
) -> None:
    """Copy the bundle, link the command, write the rest, then the manifest of it all."""
    _make_dirs(places.lib, created)
    staging = places.lib / f".{BUNDLE_NAME}.installing"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(bundle, staging, symlinks=True)
    staging.rename(places.bundle)
    created.append(str(places.bundle))
    program = places.bundle / EXECUTABLE
    _make_dirs(places.bin, created)
    places.command.symlink_to(program)
    written.append(str(places.command))
    template = (bundle_resources(bundle) / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    for dest, source in files:
        _make_dirs(dest.parent, created)
        if source is None:
            dest.write_text(desktop_entry(template, program), encoding="utf-8")
        else:
            shutil.copyfile(source, dest)
        written.append(str(dest))
    places.manifest.write_text(
        json.dumps({"files": written, "dirs": created}, indent=2) + "\n", encoding="utf-8"
    )


def _remove(files: list[str], dirs: list[str], places: Places) -> None:
    """Delete these files, the bundle folder, then these folders if they are empty."""
    for name in files:
        path = Path(name)
        if path.is_symlink() or path.is_file():
            path.unlink()
    shutil.rmtree(places.bundle, ignore_errors=True)
    shutil.rmtree(places.lib / f".{BUNDLE_NAME}.installing", ignore_errors=True)
    for name in sorted(dirs, key=len, reverse=True):
        folder = Path(name)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def uninstall(places: Places, quiet: bool = False) -> list[str]:
    """Remove exactly what install wrote, then the folders it created if they are empty."""
    manifest = read_manifest(places)
    if manifest is None:
        return (
            []
            if quiet
            else [f"Contact Journal is not installed here ({places.manifest} is missing)."]
        )
    files, kept = [], []
    for name in manifest["files"]:
        path = Path(name)
        # A command link someone pointed elsewhere since is theirs now.
        if (
            path == places.command
            and path.is_symlink()
            and Path(os.readlink(path)) != places.bundle / EXECUTABLE
        ):
            kept.append(name)
            continue
        files.append(name)
    _remove(files, manifest["dirs"], places)
    refresh_icon_cache(places)
    if quiet:
        return []
    messages = ["Uninstalled Contact Journal. Your journals were not touched."]
    if kept:
        messages.append("Left alone (changed since install): " + ", ".join(kept))
    return messages


def refresh_icon_cache(places: Places) -> None:
    """Update GTK's icon cache, only where one exists: a new cache would hide later icons."""
    if (places.icon_theme / "icon-theme.cache").exists() and shutil.which("gtk-update-icon-cache"):
        subprocess.run(
            [
                "gtk-update-icon-cache",
                "--quiet",
                "--force",
                "--ignore-theme-index",
                str(places.icon_theme),
            ],
            check=False,
        )


def main(argv: list[str] | None = None) -> int:
    """The command line: install or uninstall; exit code 1 with a message on refusal."""
    parser = argparse.ArgumentParser(
        prog="install-desktop", description="Install Contact Journal for the current user (Linux)."
    )
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("install", help="install the bundle, its menu entry and icons")
    add.add_argument("--bundle", type=Path, default=None, help="the bundle folder to install")
    add.add_argument("--force", action="store_true", help="replace files another program put there")
    actions.add_parser("uninstall", help="remove what install added")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("install-desktop: this installs on Linux; see packaging/README.md", file=sys.stderr)
        return 1
    places = Places.for_user()
    try:
        if args.action == "install":
            messages = install(args.bundle or default_bundle(), places, force=args.force)
        else:
            messages = uninstall(places)
    except (InstallError, OSError) as error:
        print(f"install-desktop: {error}", file=sys.stderr)
        return 1
    for message in messages:
        print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
