"""Where an export lands: the file a link points to, and whether it can be replaced whole."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def destination(path: Path) -> tuple[Path, bool]:
    """The file writing `path` should change, and True when it must be written in place.

    Exports are written beside their target and renamed over it, so a failure never leaves
    half a file. A symbolic link is followed, so the file it points to is updated and the
    link kept. A device or a pipe (`/dev/stdout`, a FIFO) is written straight into:
    renaming a file over it would replace the device itself.
    """
    try:
        mode = path.stat().st_mode  # through any links
    except OSError:
        mode = None  # nothing there yet (or unreachable: the write will say why)
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        # Opened by its own name: /dev/stdout's link leads to a pipe no path names.
        return path, True
    return Path(os.path.realpath(path)), False
