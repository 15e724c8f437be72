"""Start at login: one entry that starts the app in the tray, each platform in its own way.

Linux and other XDG desktops: a .desktop file in $XDG_CONFIG_HOME/autostart. macOS: a
LaunchAgent property list in ~/Library/LaunchAgents. Windows: a value under the user's
Run registry key. All three behind one small interface (`Autostart`), chosen by
`for_this_platform()`. No Qt here: the command line uses it too.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from journal import APP_ID, APP_NAME


class Autostart(Protocol):
    """An entry that starts the app when the user logs in."""

    def is_enabled(self) -> bool:
        """Whether the entry is there (and is ours)."""
        ...

    def enable(self, command: Sequence[str]) -> None:
        """Write the entry so that `command` runs at login (replacing an older one)."""
        ...

    def disable(self) -> None:
        """Remove the entry, if any."""
        ...

    def where(self) -> str:
        """Where the entry lives, for people to read."""
        ...


def login_command(home: Path | None = None) -> list[str]:
    """How to start this installation in the tray: the frozen app, or the `journal` script
    next to this Python, or `python -m journal`; with --home when a journal was chosen."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        script = Path(sys.executable).with_name("journal.exe" if os.name == "nt" else "journal")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "journal"]
    if home is not None:
        command += ["--home", str(home)]
    return [*command, "--tray"]


# --- XDG (Linux, BSD) -------------------------------------------------------------------------

_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec(command: Sequence[str]) -> str:
    """An Exec= value for a .desktop file: arguments quoted as the Desktop Entry spec says."""
    parts = []
    for arg in command:
        escaped = arg.replace("%", "%%")
        if not arg or any(ch in _EXEC_RESERVED for ch in arg):
            inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in escaped)
            escaped = f'"{inner}"'
        parts.append(escaped)
    # The file format itself escapes backslashes once more.
    return " ".join(parts).replace("\\", "\\\\")


class XdgAutostart:
    """A .desktop file in $XDG_CONFIG_HOME/autostart (~/.config/autostart)."""

    def __init__(self, config_home: Path | None = None) -> None:
        base = (
            config_home
            or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config").expanduser()
        )
        self.path = base / "autostart" / f"{APP_ID}.desktop"

    def content(self, command: Sequence[str]) -> str:
        """The desktop entry it writes."""
        return (
            "[Desktop Entry]\n"
            "Type=Application\n"
            f"Name={APP_NAME}\n"
            "Comment=Keep the contact journal in the system tray\n"
            f"Exec={desktop_exec(command)}\n"
            f"Icon={APP_ID}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )

    def is_enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return False
        # A desktop can switch an entry off without deleting it.
        return "Hidden=true" not in text and "X-GNOME-Autostart-enabled=false" not in text

    def enable(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(self.content(command), encoding="utf-8")
        temporary.replace(self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def where(self) -> str:
        return str(self.path)


# --- macOS ------------------------------------------------------------------------------------


class LaunchAgent:
    """A property list in ~/Library/LaunchAgents that launchd runs at login."""

    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"

    def content(self, command: Sequence[str]) -> bytes:
        """The property list it writes."""
        return plistlib.dumps(
            {
                "Label": APP_ID,
                "ProgramArguments": list(command),
                "RunAtLoad": True,
                "ProcessType": "Interactive",
            }
        )

    def is_enabled(self) -> bool:
        return self.path.exists()

    def enable(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(self.content(command))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def where(self) -> str:
        return str(self.path)


# --- Windows ----------------------------------------------------------------------------------

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class Registry(Protocol):
    """The few registry operations the Run key needs (a fake stands in for tests)."""

    def read(self, key: str, name: str) -> str | None: ...

    def write(self, key: str, name: str, value: str) -> None: ...

    def delete(self, key: str, name: str) -> None: ...


class WindowsRegistry:
    """HKEY_CURRENT_USER through winreg (Windows only)."""

    def read(self, key: str, name: str) -> str | None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
        except OSError:
            return None
        return str(value)

    def write(self, key: str, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        if sys.platform != "win32":
            raise OSError("the Windows registry exists only on Windows")
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
                winreg.DeleteValue(handle, name)
        except FileNotFoundError:
            pass


class WindowsRunKey:
    """A value under HKCU\\...\\CurrentVersion\\Run, which Windows runs at login."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry or WindowsRegistry()

    def content(self, command: Sequence[str]) -> str:
        """The command line it writes, quoted as Windows reads it back."""
        return subprocess.list2cmdline(list(command))

    def is_enabled(self) -> bool:
        return self.registry.read(RUN_KEY, APP_NAME) is not None

    def enable(self, command: Sequence[str]) -> None:
        self.registry.write(RUN_KEY, APP_NAME, self.content(command))

    def disable(self) -> None:
        self.registry.delete(RUN_KEY, APP_NAME)

    def where(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{APP_NAME}"


def for_this_platform(platform: str = sys.platform) -> Autostart:
    """The start-at-login mechanism of the platform the app runs on."""
    if platform.startswith("win"):
        return WindowsRunKey()
    if platform == "darwin":
        return LaunchAgent()
    return XdgAutostart()
