"""A real X11 desktop for tests: Xvfb, a system tray host (trayer), and the app as a process.

Plain functions and classes, no pytest fixtures, so tests/e2e/conftest.py and the start-up
benchmark in tests/bench share one way of starting and stopping a desktop.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCREEN = "1400x900x24"
TRAYER_ARGS = (
    "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "120",
    "--height", "24",
)  # fmt: skip
MAIN_WINDOW_TITLE = "Contact Journal"

# Debian package of each program the harness runs.
PROGRAMS = {"Xvfb": "xvfb", "trayer": "trayer", "xdotool": "xdotool"}
APT_COMMAND = "sudo apt-get install xvfb trayer xdotool x11-utils"


class DesktopUnavailableError(RuntimeError):
    """A program the real-X11 harness needs is not installed, or the X server will not start."""


class AppFailedError(AssertionError):
    """The app under test died, or its window never showed; carries its stderr."""


def missing_programs() -> list[str]:
    """The programs of PROGRAMS not found on PATH."""
    return [name for name in PROGRAMS if shutil.which(name) is None]


def skip_or_fail(reason: str) -> None:
    """Skip a test that needs the desktop, naming why; in CI (CI=true), fail it instead."""
    import pytest

    if os.environ.get("CI") == "true":
        pytest.fail(f"Real-X11 tests are mandatory in CI, but {reason}", pytrace=False)
    pytest.skip(f"real X11 desktop unavailable: {reason}")


def require_desktop(*, tray: bool = True) -> Desktop:
    """A started desktop, or a skip (fail in CI) naming the missing programs and the fix."""
    import pytest

    missing = missing_programs()
    if missing:
        skip_or_fail(f"{', '.join(missing)} not installed (Debian/Ubuntu: {APT_COMMAND})")
    try:
        return start_desktop(tray=tray)
    except DesktopUnavailableError as exc:
        # The programs are there but do not work: that is a bug to see, not to skip.
        pytest.fail(f"could not start the X11 desktop: {exc}", pytrace=False)


# --- processes ---------------------------------------------------------------------------


def _find_prctl() -> Callable[..., int] | None:
    # Looked up here, in the parent: the child may only call it (no imports after fork).
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


_PRCTL = _find_prctl()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In a child, before exec: get SIGTERM when the test process dies.

    Teardown stops everything in the normal case; this covers the test runner itself
    being killed (a CI job cancelled, SIGKILL), which would otherwise leave Xvfb running.
    """
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGTERM))


def _spawn(argv: Sequence[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """Popen in a process group of its own (so it can be stopped with its children)."""
    return subprocess.Popen(
        list(argv),
        start_new_session=True,
        preexec_fn=_die_with_parent if _PRCTL is not None else None,
        **kwargs,
    )


def stop_process(proc: subprocess.Popen[bytes] | None, grace: float = 3.0) -> int | None:
    """Stop a process started with start_new_session=True, and its whole process group.

    SIGTERM first, SIGKILL after `grace` seconds. Returns the exit code.
    """
    if proc is None:
        return None
    if proc.poll() is None:
        _signal_group(proc, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            proc.wait(timeout=grace)
    # Children left behind in the group (if any) go too; ProcessLookupError if none.
    _signal_group(proc, signal.SIGKILL)
    return proc.returncode


def _signal_group(proc: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


def xdotool(display: str, *args: str, timeout: float = 10.0) -> str:
    """Run xdotool on `display`; returns its stdout (raises CalledProcessError on failure)."""
    done = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return done.stdout


# --- the X server and the tray ------------------------------------------------------------


def _display_taken(number: int) -> bool:
    return Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists()


def _answers(display: str) -> bool:
    probe = ["xdpyinfo"] if shutil.which("xdpyinfo") else ["xdotool", "getdisplaygeometry"]
    try:
        done = subprocess.run(
            probe,
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            timeout=5,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


@dataclass
class Desktop:
    """A running Xvfb display, with a tray host unless asked otherwise."""

    display: str
    xvfb: subprocess.Popen[bytes]
    tray: subprocess.Popen[bytes] | None = None
    logs: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="x11-desktop-")))

    def env(self, home: Path | None = None, scratch: Path | None = None) -> dict[str, str]:
        """Environment for a Qt child process on this display.

        `home` becomes JOURNAL_HOME; `scratch` holds the XDG folders so the app writes no
        settings into the real user's home. No D-Bus session is passed on: the tray must
        come from the X11 tray host we started, not from whatever the developer runs.
        """
        env = dict(os.environ)
        for name in (
            "QT_QPA_PLATFORM",
            "WAYLAND_DISPLAY",
            "DBUS_SESSION_BUS_ADDRESS",
            "QT_QPA_PLATFORMTHEME",
            "JOURNAL_HOME",
        ):
            env.pop(name, None)
        env["DISPLAY"] = self.display
        env["QT_QPA_PLATFORM"] = "xcb"
        env["PYTHONUNBUFFERED"] = "1"
        if home is not None:
            env["JOURNAL_HOME"] = str(home)
        if scratch is not None:
            runtime = scratch / "runtime"
            runtime.mkdir(parents=True, exist_ok=True)
            runtime.chmod(0o700)
            env["XDG_RUNTIME_DIR"] = str(runtime)
            for var, sub in (
                ("XDG_CONFIG_HOME", "config"),
                ("XDG_DATA_HOME", "data"),
                ("XDG_CACHE_HOME", "cache"),
            ):
                (scratch / sub).mkdir(parents=True, exist_ok=True)
                env[var] = str(scratch / sub)
        return env

    def stop(self) -> None:
        """Stop the tray host, then the X server (safe to call twice)."""
        stop_process(self.tray)
        stop_process(self.xvfb)


def start_desktop(*, tray: bool = True, first: int = 90, attempts: int = 40) -> Desktop:
    """Start Xvfb on a free display number (and trayer on it); raise DesktopUnavailableError."""
    missing = missing_programs()
    if missing:
        raise DesktopUnavailableError(
            f"missing {', '.join(missing)} (Debian/Ubuntu: {APT_COMMAND})"
        )
    logs = Path(tempfile.mkdtemp(prefix="x11-desktop-"))
    # Spread parallel sessions (CI shards, two developers) over different numbers.
    start = first + os.getpid() % 50
    tried: list[str] = []
    for number in range(start, start + attempts):
        if _display_taken(number):
            continue
        display = f":{number}"
        log = logs / f"xvfb{number}.log"
        with log.open("wb") as sink:
            xvfb = _spawn(
                # -noreset: by default the server resets when its last client leaves (our
                # readiness probe), and a client connecting during that reset is refused.
                ["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        if _wait_for_server(display, xvfb):
            desktop = Desktop(display=display, xvfb=xvfb, logs=logs)
            if tray:
                try:
                    desktop.tray = _start_tray(desktop)
                except BaseException:
                    desktop.stop()
                    raise
            return desktop
        # Lost a race for this number (or the server failed): try the next one.
        stop_process(xvfb)
        tried.append(f"{display}: {log.read_text(errors='replace').strip()[-300:]}")
    raise DesktopUnavailableError("Xvfb did not start on any free display:\n" + "\n".join(tried))


def _wait_for_server(display: str, xvfb: subprocess.Popen[bytes], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if xvfb.poll() is not None:
            return False
        if _answers(display):
            return True
        time.sleep(0.05)
    return False


def _start_tray(desktop: Desktop, timeout: float = 10.0) -> subprocess.Popen[bytes]:
    log = desktop.logs / "trayer.log"
    with log.open("wb") as sink:
        tray = _spawn(
            ["trayer", *TRAYER_ARGS], env=desktop.env(), stdout=sink, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if tray.poll() is not None:
            break
        # trayer's panel window appears once it has claimed the tray selection.
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            if xdotool(desktop.display, "search", "--classname", "trayer", timeout=5).split():
                return tray
        time.sleep(0.05)
    stop_process(tray)
    raise DesktopUnavailableError(
        f"trayer did not start on {desktop.display}: {log.read_text(errors='replace')[-500:]}"
    )


@contextlib.contextmanager
def desktop_session(*, tray: bool = True) -> Iterator[Desktop]:
    """A desktop for the length of a `with` block, torn down whatever happens inside."""
    desktop = start_desktop(tray=tray)
    try:
        yield desktop
    finally:
        desktop.stop()


# --- the app --------------------------------------------------------------------------------


def journal_command() -> list[str]:
    """How to start the app: the `journal` script next to this Python, else `-m journal`.

    JOURNAL_E2E_APP (a command line) overrides both, e.g. to test a PyInstaller bundle.
    """
    override = os.environ.get("JOURNAL_E2E_APP")
    if override:
        return shlex.split(override)
    script = Path(sys.executable).with_name("journal")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "journal"]


@dataclass
class AppProcess:
    """A GUI process started by the harness; its stderr goes to a file we can show."""

    proc: subprocess.Popen[bytes]
    display: str
    stderr_path: Path
    started_at: float
    window: str | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stderr(self) -> str:
        """Everything the process has written to stderr so far."""
        try:
            return self.stderr_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def explain(self, what: str) -> str:
        """A failure message naming what went wrong, with the app's state and stderr."""
        code = self.proc.poll()
        status = "still running" if code is None else f"exited with code {code}"
        return f"{what} (pid {self.pid}, {status}).\n--- app stderr ---\n{self.stderr()}"

    def fail(self, what: str) -> AppFailedError:
        """An assertion error naming what went wrong, with the app's stderr."""
        return AppFailedError(self.explain(what))

    def wait_for_window(
        self, title: str = MAIN_WINDOW_TITLE, timeout: float = 30.0, poll: float | None = None
    ) -> str:
        """Wait until a visible top-level window of this process has `title` in its name.

        By default this is `xdotool search --sync --onlyvisible`, watched so that a crash
        fails at once instead of at the timeout. xdotool's --sync rechecks only every
        500 ms, so timing code passes `poll` (seconds) to run the same search itself.
        Returns the window id (the largest match: the main window, not a tray icon).
        """
        query = ["search", "--all", "--onlyvisible", "--pid", str(self.pid), "--name", title]
        deadline = time.monotonic() + timeout
        found: list[str] = []
        if poll is None:
            waiter = _spawn(
                ["xdotool", *query[:1], "--sync", *query[1:]],
                env={**os.environ, "DISPLAY": self.display},
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            try:
                while waiter.poll() is None:
                    if self.proc.poll() is not None:
                        raise self.fail(f"the app died before its window {title!r} showed")
                    if time.monotonic() > deadline:
                        raise self.fail(f"no window {title!r} within {timeout:.0f} s")
                    time.sleep(0.05)
                assert waiter.stdout is not None
                found = waiter.stdout.read().decode().split()
            finally:
                stop_process(waiter)
        else:
            while not found:
                if self.proc.poll() is not None:
                    raise self.fail(f"the app died before its window {title!r} showed")
                if time.monotonic() > deadline:
                    raise self.fail(f"no window {title!r} within {timeout:.0f} s")
                with contextlib.suppress(subprocess.CalledProcessError):
                    found = xdotool(self.display, *query).split()
                if not found:
                    time.sleep(poll)
        self.window = max(found, key=lambda w: self._area_or_zero(w))
        return self.window

    def _area_or_zero(self, window: str) -> int:
        # A window found a moment ago may be gone already (a notice balloon, a hidden one).
        try:
            return _area(geometry(self.display, window))
        except subprocess.CalledProcessError:
            return 0

    def close(self, timeout: float = 5.0) -> int | None:
        """Stop the app: SIGTERM, then SIGKILL; returns its exit code."""
        return stop_process(self.proc, grace=timeout)


def _area(size: tuple[int, int]) -> int:
    return size[0] * size[1]


def geometry(display: str, window: str) -> tuple[int, int]:
    """Width and height of a window, from `xdotool getwindowgeometry`."""
    values = {}
    for line in xdotool(display, "getwindowgeometry", "--shell", window).splitlines():
        key, _, value = line.partition("=")
        values[key] = value
    return int(values["WIDTH"]), int(values["HEIGHT"])


def start_app(
    desktop: Desktop,
    args: Sequence[str],
    env: Mapping[str, str],
    logs: Path,
    name: str = "app",
) -> AppProcess:
    """Start a GUI process on the desktop, in its own process group, stderr to `logs`."""
    logs.mkdir(parents=True, exist_ok=True)
    stderr_path = logs / f"{name}-{time.monotonic_ns()}.stderr"
    with stderr_path.open("wb") as sink:
        started = time.monotonic()
        proc = _spawn(
            args, env=dict(env), stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT
        )
    return AppProcess(
        proc=proc, display=desktop.display, stderr_path=stderr_path, started_at=started
    )


def peak_memory_kib(pid: int) -> int:
    """The process's peak resident set size (VmHWM) in KiB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")
