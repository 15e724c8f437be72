"""The Linux desktop integration files in resources/: valid, and consistent with the app."""

from __future__ import annotations

import configparser
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journal import APP_ID, APP_NAME, __version__

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICONS = RESOURCES / "icons"


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_desktop_file_validates(tool) -> None:  # type: ignore[no-untyped-def]
    validate = tool("desktop-file-validate", "desktop-file-utils")

    done = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True, timeout=30)

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "", f"desktop-file-validate complains:\n{done.stdout}"


def test_the_metainfo_validates(tool) -> None:  # type: ignore[no-untyped-def]
    appstreamcli = tool("appstreamcli", "appstream")

    done = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert problems == [], done.stdout


def test_the_desktop_file_names_the_app() -> None:
    entry = desktop_entry()

    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "journal"
    assert entry["TryExec"] == "journal"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].split(";")[:2] == ["Office", "ContactManagement"]
    # Qt names the X11 window class after the application name, and sets the window's
    # desktop file name to APP_ID (both checked on a real window in tests/e2e): X11 and
    # Wayland desktops match the window to this entry by them.
    assert entry["StartupWMClass"] == APP_NAME
    assert DESKTOP.name == f"{APP_ID}.desktop"


def test_the_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()

    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("icon") == APP_ID
    assert [b.text for b in root.iter("binary")] == ["journal"]
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == __version__, (
        f"the newest release in the metainfo is {releases[:1]}, the app is {__version__}"
    )


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256])
def test_the_icon_comes_in_every_size(size: int, installer) -> None:  # type: ignore[no-untyped-def]
    path = ICONS / f"contact-journal-{size}.png"

    assert path.is_file(), f"missing {path.name}: run packaging/render_icons.py"
    assert png_size(path) == (size, size)
    assert size in installer.ICON_SIZES


def test_the_renderer_and_the_installer_agree_on_sizes(icon_script, installer) -> None:  # type: ignore[no-untyped-def]
    assert tuple(icon_script.PNG_SIZES) == tuple(installer.ICON_SIZES)
    assert (ICONS / "contact-journal.svg").is_file()


def test_the_windows_icon_holds_every_size(icon_script) -> None:  # type: ignore[no-untyped-def]
    data = (ICONS / "contact-journal.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    sizes = []
    for n in range(count):
        width, _h, _c, _r, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * n : 22 + 16 * n]
        )
        sizes.append(width or 256)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)

    assert (reserved, kind) == (0, 1)
    assert sizes == sorted(icon_script.ICO_SIZES)


def test_the_macos_icon_holds_every_size(icon_script) -> None:  # type: ignore[no-untyped-def]
    data = (ICONS / "contact-journal.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, at = [], 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        assert data[at + 8 : at + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        at += length

    assert at == len(data)
    assert kinds == [icon_script.ICNS_TYPES[s] for s in sorted(icon_script.ICNS_TYPES)]
