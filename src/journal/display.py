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


def _screen_variable(platform_name: str) -> str | None:
    """DISPLAY for X11, WAYLAND_DISPLAY for Wayland, None for a platform needing no screen."""
    if platform_name == "xcb":
        return "DISPLAY"
    if platform_name.startswith("wayland"):
        return "WAYLAND_DISPLAY"
    return None


NO_DISPLAY = (
    "there is no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set, "
    "as in an SSH session); the commands still work, see `journal --help`"
)


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why a window could not open, in words; None when it could.

    On Linux and the BSDs: no display named, or a Qt platform chosen (QT_QPA_PLATFORM)
    whose screen is not named. Windows and macOS always have their one screen.
    """
    if platform.startswith(("win", "darwin")):  # Cygwin's Qt is X11's, as on Linux
        return None
    chosen = [
        entry.split(":", 1)[0].strip().lower()
        for entry in environ.get(PLATFORM_VARIABLE, "").split(";")
    ]
    chosen = [name for name in chosen if name]
    if not chosen:  # Qt picks X11 or Wayland, whichever is named
        return None if any(environ.get(name) for name in DISPLAY_VARIABLES) else NO_DISPLAY
    needed = [_screen_variable(name) for name in chosen]
    if any(variable is None or environ.get(variable) for variable in needed):
        return None
    # ssh -X names an X11 screen, while a profile's QT_QPA_PLATFORM=wayland wants Wayland's.
    wanted = " or ".join(dict.fromkeys(v for v in needed if v is not None))
    return (
        f"there is no display to open the app on: {PLATFORM_VARIABLE}={environ[PLATFORM_VARIABLE]} "
        f"needs {wanted}, which is not set; unset {PLATFORM_VARIABLE} or set it to the "
        "display you have (xcb for DISPLAY, wayland for WAYLAND_DISPLAY); the commands "
        "still work, see `journal --help`"
    )
