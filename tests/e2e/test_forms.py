"""The app on a real X11 display, as people and sessions drive it: forms typed into with
xdotool, and quitting when the system says so. What offscreen Qt cannot show."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tray import AppLauncher, cli, wait_until
from x11_harness import MAIN_WINDOW_TITLE, Desktop, journal_command, xdotool

pytestmark = pytest.mark.x11


def test_two_people_picked_from_the_suggestions_one_after_the_other(
    launch_app: AppLauncher, desktop: Desktop, home: Path, x_env: dict[str, str]
) -> None:
    # On a real display the completer wrote its choice back into the line after the pick,
    # so the second name typed ran on from the first ("Jane Doe — Acme StudioZo") and
    # found nobody. Offscreen Qt never showed it.
    cli(x_env, home, "contact", "add", "--given", "Jane", "--family", "Doe", "--org", "Acme")
    cli(x_env, home, "contact", "add", "--given", "Émile", "--family", "Zola")
    app = launch_app([*journal_command(), "--home", str(home)])
    window = app.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)
    display = desktop.display
    xdotool(display, "windowfocus", "--sync", window)
    xdotool(display, "key", "--clearmodifiers", "ctrl+l")
    form = app.wait_for_window("Log an interaction", timeout=15)
    xdotool(display, "windowfocus", "--sync", form)
    xdotool(display, "key", "--clearmodifiers", "alt+p")  # to People
    for typed in ("Ja", "Zo"):
        xdotool(display, "type", "--delay", "60", typed)
        xdotool(display, "sleep", "0.6", "key", "Down", "sleep", "0.3", "key", "Return")
        xdotool(display, "sleep", "0.4")
    xdotool(display, "key", "--clearmodifiers", "alt+s")  # to Summary
    xdotool(display, "type", "--delay", "20", "Lunch")
    xdotool(display, "key", "Return")  # the form's default button: Save

    wait_until(lambda: bool(cli(x_env, home, "timeline")), "the entry is stored", app)
    (entry,) = cli(x_env, home, "timeline")
    assert entry["summary"] == "Lunch"
    assert {p["name"] for p in entry["people"]} == {"Jane Doe", "Émile Zola"}


def test_sigterm_quits_as_file_quit_does(
    launch_app: AppLauncher, desktop: Desktop, home: Path, x_env: dict[str, str]
) -> None:
    # What a session ending sends. It used to kill the app where it stood: the journal not
    # closed and its single-instance socket left behind in the temporary folder.
    import os
    import shutil
    import signal
    import tempfile

    from journal.store.location import journal_path
    from journal.ui.platform.single_instance import server_name

    cli(x_env, home, "contact", "add", "--given", "Jane")
    # A runtime folder as short as a session's /run/user/<uid>: the harness's own is too
    # deep for a socket's path, and the app would fall back on the shared /tmp.
    runtime = tempfile.mkdtemp(prefix="cj-run-")
    x_env["XDG_RUNTIME_DIR"] = runtime  # the app is launched with this very dict
    app = launch_app([*journal_command(), "--home", str(home)])
    app.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)
    socket_file = Path(server_name(journal_path(home), runtime))
    assert socket_file.parent == Path(runtime)  # the user's own folder, not the shared /tmp
    wait_until(socket_file.exists, "the app listens for later starts", app)
    xdotool(desktop.display, "sleep", "1")  # past the first turns of the event loop
    os.kill(app.pid, signal.SIGTERM)
    assert app.proc.wait(timeout=15) == 0, app.explain("SIGTERM did not quit cleanly")
    assert not socket_file.exists()
    # The journal is free: a write from the command line goes through.
    assert cli(x_env, home, "contact", "add", "--given", "Omar")["given_name"] == "Omar"
    shutil.rmtree(runtime)
