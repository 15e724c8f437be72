"""Real-X11 fixtures: one Xvfb display with a tray host per session, the app as a process.

Missing programs skip these tests on a developer's machine (with the apt-get command to
fix it), but fail them in CI (CI=true): the desktop tests are mandatory there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from x11_harness import (
    AppProcess,
    Desktop,
    journal_command,
    require_desktop,
    start_app,
)

_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    # Keep each phase's report so fixtures can tell, at teardown, whether the test failed.
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _failed(node: pytest.Item) -> bool:
    return any(r.failed for r in node.stash.get(_REPORTS, {}).values())


@pytest.fixture(scope="session")
def desktop() -> Iterator[Desktop]:
    """Xvfb on a free display with trayer as the system tray host, for the whole session."""
    started = require_desktop(tray=True)
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture
def x_env(desktop: Desktop, home: Path, tmp_path: Path) -> dict[str, str]:
    """Environment for a child process on the test display, journal in this test's `home`."""
    return desktop.env(home=home, scratch=tmp_path / "xdg")


@pytest.fixture
def launch_app(
    request: pytest.FixtureRequest,
    desktop: Desktop,
    x_env: dict[str, str],
    home: Path,
    tmp_path: Path,
) -> Iterator[Callable[..., AppProcess]]:
    """Start processes on the test display; all are stopped at teardown.

    `launch_app()` starts the real app on this test's journal; `launch_app(argv)` any
    other command. A failed test prints the stderr of every process it started.
    """
    started: list[AppProcess] = []

    def launch(argv: Sequence[str] | None = None, name: str = "journal") -> AppProcess:
        command = list(argv) if argv is not None else [*journal_command(), "--home", str(home)]
        app = start_app(desktop, command, x_env, tmp_path / "logs", name=name)
        started.append(app)
        return app

    yield launch
    for app in started:
        app.close()
    if _failed(request.node):
        for app in started:
            print(f"\n--- stderr of {' '.join(app.proc.args)} (pid {app.pid}) ---")  # type: ignore[arg-type]
            print(app.stderr())
