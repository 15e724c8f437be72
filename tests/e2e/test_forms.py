"""Forms on a real X11 display, typed into with xdotool: what offscreen Qt cannot show."""

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
