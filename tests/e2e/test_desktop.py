"""The app on a real X11 desktop (Xvfb + trayer): it starts, shows its window, and quits."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from x11_harness import (
    MAIN_WINDOW_TITLE,
    AppProcess,
    Desktop,
    geometry,
    journal_command,
    xdotool,
)

from journal import APP_ID

pytestmark = pytest.mark.x11

AppLauncher = Callable[..., AppProcess]


def test_main_window_shows_on_an_empty_journal(
    launch_app: AppLauncher, desktop: Desktop, home: Path
) -> None:
    app = launch_app()

    window = app.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)

    assert window.isdigit()
    assert MAIN_WINDOW_TITLE in xdotool(desktop.display, "getwindowname", window)
    width, height = geometry(desktop.display, window)
    assert 400 <= width <= 1400, f"main window is {width} px wide"
    assert 300 <= height <= 900, f"main window is {height} px high"
    assert app.proc.poll() is None, app.explain("the app exited after showing its window")
    assert (home / "journal.sqlite3").exists(), "the app did not create the journal in --home"
    assert "Traceback" not in app.stderr(), app.explain("the app printed a traceback")


TRAY_PROBE = textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon
    app = QApplication([])
    print(QSystemTrayIcon.isSystemTrayAvailable())
    """
)


def test_the_desktop_has_a_system_tray(x_env: dict[str, str]) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", TRAY_PROBE], env=x_env, capture_output=True, text=True, timeout=30
    )

    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "True", f"no tray host seen by Qt; stderr:\n{probe.stderr}"


def _generate_demo(home: Path, env: dict[str, str]) -> None:
    """A demo journal in `home`, made by the CLI (of the app under test) as a user would."""
    done = subprocess.run(
        [*journal_command(), "demo", "--no-gui", "--home", str(home)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"`journal demo --no-gui` failed:\n{done.stdout}\n{done.stderr}"
    assert (home / "journal.sqlite3").stat().st_size > 0


def test_ctrl_q_quits_cleanly_on_a_demo_journal(
    launch_app: AppLauncher, desktop: Desktop, home: Path, x_env: dict[str, str]
) -> None:
    _generate_demo(home, x_env)
    app = launch_app()
    window = app.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)

    # No window manager on Xvfb: give the window keyboard focus ourselves, then type.
    xdotool(desktop.display, "windowfocus", "--sync", window)
    xdotool(desktop.display, "key", "--clearmodifiers", "ctrl+q")

    try:
        code = app.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise app.fail("Ctrl+Q did not quit the app within 10 s") from None
    assert code == 0, app.explain(f"the app exited with code {code} after Ctrl+Q")


def test_browsing_many_contacts_keeps_the_app_alive(
    launch_app: AppLauncher, desktop: Desktop, home: Path, x_env: dict[str, str]
) -> None:
    # A few minutes of use, compressed: every arrow key selects the next person and
    # renders their card and timeline. This caught a refcount bug (PySide6 6.12.0 on
    # Python 3.11 releases a reference to None on every call of a void Qt method) that
    # aborts the app after a few thousand calls, long after a short GUI test has ended.
    _generate_demo(home, x_env)
    app = launch_app()
    window = app.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)
    xdotool(desktop.display, "windowfocus", "--sync", window)
    xdotool(desktop.display, "key", "--clearmodifiers", "ctrl+f", "Return")

    xdotool(desktop.display, "key", "--delay", "15", *["Down"] * 300, timeout=60)
    xdotool(desktop.display, "key", "--delay", "15", *["Up"] * 100, timeout=60)
    xdotool(desktop.display, "key", "--clearmodifiers", "ctrl+q")

    try:
        code = app.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise app.fail("Ctrl+Q did not quit the app within 10 s after browsing") from None
    assert code == 0, app.explain(f"the app exited with code {code} while browsing")


def _desktop_entry_value(key: str) -> str:
    path = Path(__file__).resolve().parents[2] / "resources" / f"{APP_ID}.desktop"
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and name == key:
            return value
    raise AssertionError(f"{path.name} has no {key}")


def test_the_window_class_matches_the_desktop_entry(
    launch_app: AppLauncher, desktop: Desktop
) -> None:
    # Desktops group a window under its menu entry (icon, name) by its WM_CLASS class.
    app = launch_app()
    window = app.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)

    done = subprocess.run(
        ["xprop", "-id", window, "WM_CLASS", "_KDE_NET_WM_DESKTOP_FILE"],
        env={"DISPLAY": desktop.display, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=10,
    )

    assert done.returncode == 0, done.stderr
    wm_class = done.stdout.splitlines()[0]
    window_class = wm_class.split("=", 1)[1].split(",")[-1].strip().strip('"')
    assert window_class == _desktop_entry_value("StartupWMClass"), done.stdout
    assert f'"{APP_ID}"' in done.stdout.splitlines()[1], done.stdout


def test_the_self_check_passes_on_x11(desktop: Desktop, home: Path, x_env: dict[str, str]) -> None:
    _generate_demo(home, x_env)

    done = subprocess.run(
        [*journal_command(), "--home", str(home)],
        env={**x_env, "JOURNAL_SMOKE_TEST": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"
    assert report["pages"] == ["TodayView", "ContactsView", "TimelineView", "GroupsView"]
    assert report["contacts"] > 100
    assert report["qt_modules"] == {"QtCharts": True, "QtNetwork": True}
    assert "Traceback" not in done.stderr
