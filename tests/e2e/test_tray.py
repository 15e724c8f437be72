"""Living on a real X11 desktop (Xvfb + trayer): the tray icon, Quick add from it, closing
into the tray, and one app per journal (a second start hands over and exits)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from x11_harness import (
    MAIN_WINDOW_TITLE,
    TRAYER_ARGS,
    AppProcess,
    Desktop,
    geometry,
    journal_command,
    xdotool,
)

pytestmark = pytest.mark.x11

AppLauncher = Callable[..., AppProcess]
SCREEN_WIDTH = 1400
TRAY_WIDTH = int(TRAYER_ARGS[TRAYER_ARGS.index("--width") + 1])


def cli(env: dict[str, str], home: Path, *argv: str) -> Any:
    """Run `journal ARGV --json` on the test's journal; returns its JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "journal", *argv, "--home", str(home), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def position(display: str, window: str) -> tuple[int, int]:
    values = dict(
        line.partition("=")[::2]
        for line in xdotool(display, "getwindowgeometry", "--shell", window).splitlines()
    )
    return int(values["X"]), int(values["Y"])


def tray_icon(app: AppProcess, timeout: float = 20.0) -> str:
    """The app's icon window, embedded in trayer's panel at the top right of the screen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.proc.poll() is not None:
            raise app.fail("the app died before its tray icon showed")
        try:
            windows = xdotool(app.display, "search", "--onlyvisible", "--pid", str(app.pid))
        except subprocess.CalledProcessError:
            windows = ""
        for window in windows.split():
            try:
                width, height = geometry(app.display, window)
                x, y = position(app.display, window)
            except subprocess.CalledProcessError:
                continue  # the window went away between the search and the query
            if width <= 48 and height <= 48 and x >= SCREEN_WIDTH - TRAY_WIDTH and y < 48:
                return window
        time.sleep(0.1)
    raise app.fail(f"no tray icon of the app within {timeout:.0f} s")


def visible(app: AppProcess, title: str) -> list[str]:
    """The app's visible windows with `title` in their name.

    Filtered by name here: this xdotool's `search --name` also matches the window class,
    which is the app's name for every window it has.
    """
    try:
        found = xdotool(app.display, "search", "--onlyvisible", "--pid", str(app.pid))
    except subprocess.CalledProcessError:  # xdotool exits 1 when nothing matches
        return []
    named = []
    for window in found.split():
        try:
            if title in xdotool(app.display, "getwindowname", window):
                named.append(window)
        except subprocess.CalledProcessError:
            continue  # gone in the meantime
    return named


def visible_main_windows(app: AppProcess) -> list[str]:
    """The app's visible windows big enough to be its main window (not the tray icon)."""
    return [w for w in visible(app, MAIN_WINDOW_TITLE) if _width_or_zero(app, w) > 200]


def _width_or_zero(app: AppProcess, window: str) -> int:
    """A window's width, or 0 when it was destroyed after it was found (hidden, closed)."""
    try:
        return geometry(app.display, window)[0]
    except subprocess.CalledProcessError:
        return 0


def wait_until(
    condition: Callable[[], bool], what: str, app: AppProcess, timeout: float = 15.0
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise app.fail(f"timed out waiting until {what}")
        time.sleep(0.1)


def exits(app: AppProcess, timeout: float = 20.0) -> int:
    try:
        return app.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise app.fail(f"did not exit within {timeout:.0f} s") from None


def test_the_tray_icon_appears(launch_app: AppLauncher, desktop: Desktop) -> None:
    app = launch_app()
    app.wait_for_window(MAIN_WINDOW_TITLE)
    icon = tray_icon(app)
    assert geometry(desktop.display, icon)[0] <= 48
    assert app.proc.poll() is None, app.explain("the app exited")


def test_clicking_the_icon_opens_quick_add_and_enter_stores_the_line(
    launch_app: AppLauncher, desktop: Desktop, home: Path, x_env: dict[str, str]
) -> None:
    cli(x_env, home, "contact", "add", "--given", "Jane", "--family", "Doe")
    cli(x_env, home, "group", "add", "BNI Downtown")
    app = launch_app([*journal_command(), "--home", str(home), "--tray"])
    icon = tray_icon(app)
    assert visible_main_windows(app) == []  # --tray: no window, only the icon

    xdotool(desktop.display, "mousemove", "--window", icon, "8", "8", "click", "1")
    dialog = app.wait_for_window("Quick add", timeout=15)
    xdotool(desktop.display, "windowfocus", "--sync", dialog)
    xdotool(
        desktop.display,
        "type",
        "--delay",
        "20",
        'coffee @"Jane Doe" @Zed ~BNI needs a bookkeeper #accounting >2w',
    )
    xdotool(desktop.display, "key", "Return")

    def stored() -> bool:
        return bool(cli(x_env, home, "timeline"))

    wait_until(stored, "the entry is in the journal", app)
    (entry,) = cli(x_env, home, "timeline")
    assert (entry["kind"], entry["summary"]) == ("coffee", "needs a bookkeeper")
    assert entry["group"]["name"] == "BNI Downtown"
    assert [p["name"] for p in entry["people"]] == ["Jane Doe", "Zed"]
    assert cli(x_env, home, "contact", "show", "Zed")["tags"] == ["accounting"]
    wait_until(lambda: not visible(app, "Quick add"), "Quick add closes", app)
    assert app.proc.poll() is None, app.explain("the app quit after Quick add")


def test_closing_the_window_keeps_the_app_and_a_second_start_raises_it(
    launch_app: AppLauncher, desktop: Desktop
) -> None:
    first = launch_app()
    window = first.wait_for_window(MAIN_WINDOW_TITLE)
    tray_icon(first)
    xdotool(desktop.display, "windowfocus", "--sync", window)
    xdotool(desktop.display, "key", "--clearmodifiers", "ctrl+w")
    wait_until(lambda: visible_main_windows(first) == [], "the window hides", first)
    assert first.proc.poll() is None, first.explain("closing the window quit the app")

    second = launch_app()
    assert exits(second) == 0, second.explain("the second start failed")
    wait_until(lambda: len(visible_main_windows(first)) == 1, "the first window shows", first)
    assert first.proc.poll() is None
    assert "Traceback" not in first.stderr() + second.stderr()


def test_quick_dialog_asks_the_running_app(
    launch_app: AppLauncher, desktop: Desktop, home: Path
) -> None:
    first = launch_app()
    first.wait_for_window(MAIN_WINDOW_TITLE)
    asker = launch_app([*journal_command(), "quick", "--dialog", "--home", str(home)], name="ask")
    assert exits(asker) == 0, asker.explain("journal quick --dialog failed")
    first.wait_for_window("Quick add", timeout=15)
    assert asker.window is None


def test_quick_dialog_starts_the_app_when_none_runs(
    launch_app: AppLauncher, desktop: Desktop, home: Path, x_env: dict[str, str]
) -> None:
    app = launch_app([*journal_command(), "quick", "--dialog", "--home", str(home)], name="quick")
    dialog = app.wait_for_window("Quick add", timeout=30)
    assert visible_main_windows(app) == []
    xdotool(desktop.display, "windowfocus", "--sync", dialog)
    xdotool(desktop.display, "type", "--delay", "20", "call @Omar about the offer")
    xdotool(desktop.display, "key", "Return")
    wait_until(lambda: bool(cli(x_env, home, "timeline")), "the entry is stored", app)
    time.sleep(0.5)
    assert app.proc.poll() is None, app.explain("the app quit: it should live on in the tray")
    tray_icon(app)


def test_a_socket_left_by_a_crash_does_not_stop_the_next_start(
    launch_app: AppLauncher, desktop: Desktop
) -> None:
    crashed = launch_app()
    crashed.wait_for_window(MAIN_WINDOW_TITLE)
    os.killpg(crashed.pid, signal.SIGKILL)  # no chance to remove its socket
    crashed.proc.wait(timeout=10)

    again = launch_app()
    again.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)
    time.sleep(0.5)
    assert again.proc.poll() is None, again.explain("the start after a crash exited")
    # ... and it took the socket over: a third start hands over to it.
    third = launch_app(name="third")
    assert exits(third) == 0, third.explain("the third start did not hand over")
    assert again.proc.poll() is None
