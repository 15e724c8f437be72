"""An encrypted journal on a real desktop: the app asks for the passphrase, then opens."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from x11_harness import MAIN_WINDOW_TITLE, AppProcess, Desktop, journal_command, xdotool

pytestmark = pytest.mark.x11

PASSPHRASE = "correct horse battery staple"


def _encrypted_journal(home: Path, env: dict[str, str]) -> None:
    """Made by the real command (the tests' in-process key settings are quicker, not real)."""
    for argv, given in (
        (["contact", "add", "--given", "Ada", "--family", "Lovelace"], ""),
        (["encryption", "on", "--passphrase-stdin"], PASSPHRASE + "\n"),
    ):
        done = subprocess.run(
            [*journal_command(), *argv, "--home", str(home)],
            input=given,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr


def test_the_app_asks_for_the_passphrase_and_opens(
    launch_app: Callable[..., AppProcess], desktop: Desktop, home: Path, x_env: dict[str, str]
) -> None:
    _encrypted_journal(home, x_env)
    assert b"Lovelace" not in (home / "journal.sqlite3").read_bytes()
    app = launch_app()

    prompt = app.wait_for_window("Encrypted journal", timeout=30)
    xdotool(desktop.display, "windowfocus", "--sync", prompt)
    xdotool(desktop.display, "type", "--delay", "20", PASSPHRASE)
    xdotool(desktop.display, "key", "--clearmodifiers", "Return")

    window = app.wait_for_window(MAIN_WINDOW_TITLE, timeout=30)
    assert window.isdigit()
    assert app.proc.poll() is None, app.explain("the app exited after the passphrase")
    assert "Traceback" not in app.stderr(), app.explain("the app printed a traceback")
    assert PASSPHRASE not in app.stderr()
