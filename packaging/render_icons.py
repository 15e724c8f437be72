#!/usr/bin/env python3
"""Render the application icon from its SVG into the PNG, ICO and ICNS files in resources/icons.

    .venv/bin/python packaging/render_icons.py

Run it after changing resources/icons/contact-journal.svg and commit what it writes:
PNGs at the sizes Linux desktops ask for (hicolor/<size>x<size>/apps), a Windows .ico and
a macOS .icns holding PNG images. It uses Qt's own SVG renderer (QtSvg, in
PySide6-Essentials), so the pictures match what the app draws; the .ico and .icns
containers are written here directly, so no image library is needed on any builder.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "contact-journal.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS types that hold a PNG, by pixel size (Apple's icns format, "iconutil" naming).
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def png_name(size: int) -> str:
    """The PNG of one size in resources/icons."""
    return f"contact-journal-{size}.png"


def render(size: int) -> bytes:
    """The SVG drawn into a transparent square of `size` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str here, whatever its stubs say (bytes is refused).
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise SystemExit(f"render_icons: could not encode the {size} px PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico of PNG-compressed images (supported since Windows Vista)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns of PNG images."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(images[size])) + images[size]
        for size in sorted(images)
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    """Write every icon file; report what was written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # QImage and QPainter need an application object
    rendered = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_TYPES})}
    for size in PNG_SIZES:
        (ICONS / png_name(size)).write_bytes(rendered[size])
    (ICONS / "contact-journal.ico").write_bytes(ico({s: rendered[s] for s in ICO_SIZES}))
    (ICONS / "contact-journal.icns").write_bytes(icns({s: rendered[s] for s in ICNS_TYPES}))
    del app
    print(f"render_icons: wrote {len(PNG_SIZES)} PNGs, contact-journal.ico and .icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
