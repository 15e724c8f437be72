"""Whether this session has a screen for the desktop app, asked before Qt is loaded.

Without one (an SSH session, a cron job, a container) Qt's X11 platform plugin aborts the
process with its own advice about installing libxcb-cursor0, which is beside the point.
The CLI asks first and says what is wrong in words, and the commands still work.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

# Either names the screen Qt's desktop platforms (X11, Wayland) open their windows on.
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")
# QT_QPA_PLATFORM may choose a platform that needs no such screen (offscreen, vnc,
# linuxfb, eglfs, ...), or a desktop one that still does: "wayland" set in a profile
# reaches SSH sessions too. A list ("wayland;xcb") is tried in turn; ":" starts options.
PLATFORM_VARIABLE = "QT_QPA_PLATFORM"


def _needs_a_screen(platform_name: str) -> bool:
    """Whether Qt's platform plugin of this name opens its windows on X11 or Wayland."""
    return platform_name == "xcb" or platform_name.startswith("wayland")


NO_DISPLAY = (
    "there is no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set, "
    "as in an SSH session); the commands still work, see `journal --help`"
)


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether a window could not open: on Linux and the BSDs, no display named and no Qt
    platform chosen that needs none. Windows and macOS always have their one screen."""
    if platform.startswith(("win", "darwin")):  # Cygwin's Qt is X11's, as on Linux
        return False
    if any(environ.get(name) for name in DISPLAY_VARIABLES):
        return False
    chosen = [
        entry.split(":", 1)[0].strip().lower()
        for entry in environ.get(PLATFORM_VARIABLE, "").split(";")
    ]
    return not any(name and not _needs_a_screen(name) for name in chosen)
