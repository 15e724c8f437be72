"""Start at login: the entry each platform's mechanism would get, and turning it on and off."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys
from pathlib import Path

import pytest

from journal import APP_ID
from journal.autostart import (
    RUN_KEY,
    LaunchAgent,
    WindowsRunKey,
    XdgAutostart,
    desktop_exec,
    for_this_platform,
    login_command,
)

COMMAND = ["/opt/Contact Journal/journal", "--home", "/home/ann/My Journal", "--tray"]


class FakeRegistry:
    """The registry as a dict: (key, name) -> value."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def read(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))

    def write(self, key: str, name: str, value: str) -> None:
        self.values[(key, name)] = value

    def delete(self, key: str, name: str) -> None:
        self.values.pop((key, name), None)


def test_xdg_entry(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    assert not entry.is_enabled()
    entry.enable(COMMAND)
    assert entry.path == tmp_path / "autostart" / f"{APP_ID}.desktop"
    assert entry.is_enabled()
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read_string(entry.path.read_text())
    desktop = parsed["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "Contact Journal"
    assert desktop["Exec"] == (
        '"/opt/Contact Journal/journal" --home "/home/ann/My Journal" --tray'
    )
    entry.disable()
    assert not entry.path.exists() and not entry.is_enabled()
    entry.disable()  # twice is fine


def test_xdg_entry_follows_xdg_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert XdgAutostart().path == tmp_path / "cfg" / "autostart" / f"{APP_ID}.desktop"


def test_an_entry_switched_off_by_the_desktop_counts_as_off(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path)
    entry.enable(COMMAND)
    entry.path.write_text(entry.path.read_text() + "Hidden=true\n")
    assert not entry.is_enabled()


@pytest.mark.parametrize(
    ("args", "exec_line"),
    [
        (["journal", "--tray"], "journal --tray"),
        (["/a b/journal"], '"/a b/journal"'),
        (['say "hi"'], r'"say \\"hi\\""'),
        (["100%"], "100%%"),
        (["$HOME"], r'"\\$HOME"'),
        ([r"C:\dir"], r'"C:\\\\dir"'),
        ([""], '""'),
    ],
)
def test_exec_quoting(args: list[str], exec_line: str) -> None:
    assert desktop_exec(args) == exec_line


def test_launch_agent(tmp_path: Path) -> None:
    agent = LaunchAgent(tmp_path)
    agent.enable(COMMAND)
    assert agent.path == tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    plist = plistlib.loads(agent.path.read_bytes())
    assert plist == {
        "Label": APP_ID,
        "ProgramArguments": COMMAND,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    assert agent.is_enabled()
    agent.disable()
    assert not agent.is_enabled()


def test_windows_run_key() -> None:
    registry = FakeRegistry()
    run = WindowsRunKey(registry)
    windows_command = [r"C:\Program Files\Contact Journal\journal.exe", "--tray"]
    run.enable(windows_command)
    assert registry.values == {
        (RUN_KEY, "Contact Journal"): r'"C:\Program Files\Contact Journal\journal.exe" --tray'
    }
    assert run.is_enabled()
    assert run.where().startswith("HKEY_CURRENT_USER\\Software\\Microsoft")
    run.disable()
    assert registry.values == {} and not run.is_enabled()


def test_each_platform_gets_its_own_mechanism() -> None:
    assert isinstance(for_this_platform("linux"), XdgAutostart)
    assert isinstance(for_this_platform("freebsd14"), XdgAutostart)
    assert isinstance(for_this_platform("darwin"), LaunchAgent)
    assert isinstance(for_this_platform("win32"), WindowsRunKey)


def test_the_login_command_starts_this_installation_in_the_tray(tmp_path: Path) -> None:
    command = login_command(tmp_path)
    assert command[-3:] == ["--home", str(tmp_path), "--tray"]
    script = Path(sys.executable).with_name("journal")
    assert command[0] in (str(script), sys.executable)
    assert login_command()[-1] == "--tray" and "--home" not in login_command()
    assert shlex.split(shlex.join(command)) == command
