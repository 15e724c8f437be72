"""Whether this session has a screen for the desktop app, asked before Qt is loaded.

Without one (an SSH session, a cron job, a container) Qt's X11 platform plugin aborts the
process with its own advice about installing libxcb-cursor0, which is beside the point.
The CLI asks first and says what is wrong in words, and the commands still work.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

# Any of these names a screen, or a platform Qt needs none for (offscreen, vnc, ...).
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")

NO_DISPLAY = (
    "there is no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set, "
    "as in an SSH session); the commands still work, see `journal --help`"
)


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether a window could not open: on Linux and the BSDs, no display named and no Qt
    platform chosen. Windows and macOS always have their one screen."""
    if platform.startswith(("win", "cygwin", "darwin")):
        return False
    return not any(environ.get(name) for name in DISPLAY_VARIABLES)
