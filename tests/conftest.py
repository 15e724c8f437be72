"""Fixtures shared by every test: one fresh journal folder per test, and a stopped clock."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.errors import KeyringLocked, PasswordDeleteError

from journal.core.clock import FixedClock
from journal.store import Journal, open_journal

# A Tuesday, late morning UTC: far enough from midnight that local dates agree in most zones.
# The command tests stop the system clock at the same instant (cli_helpers.NOW).
FIXED_NOW = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal folder of this test's own; JOURNAL_HOME points at it too."""
    folder = tmp_path / "journal-home"
    monkeypatch.setenv("JOURNAL_HOME", str(folder))
    return folder


@pytest.fixture
def journal(home: Path) -> Iterator[Journal]:
    """A new, empty journal opened in this test's own folder."""
    opened = open_journal(home)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FixedClock:
    """A clock stopped at FIXED_NOW."""
    return FixedClock(FIXED_NOW)


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in this test's memory (never the machine's real one)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not there")


class LockedKeyring(MemoryKeyring):
    """A keychain that exists but refuses to answer (a locked login keychain)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")


@pytest.fixture(autouse=True)
def no_keychain() -> Iterator[None]:
    """Every test starts without a keychain, so none can touch the machine's real one."""
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(no_keychain: None) -> MemoryKeyring:
    """An in-memory keychain installed as keyring's backend for this test."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def locked_keyring(no_keychain: None) -> LockedKeyring:
    """A keychain that is there but locked."""
    backend = LockedKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(scope="session", autouse=True)
def quick_key_derivation() -> None:
    """SQLCipher derives each key with 256,000 rounds of PBKDF2 (a quarter of a second, by
    design, against guessing). Tests open encrypted files hundreds of times, so they use
    1,000 rounds: the same code paths, a faster suite. Files made here are for tests only."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return
    memory = dbapi2.connect(":memory:")
    memory.execute("PRAGMA cipher_default_kdf_iter = 1000")
    memory.close()


class Unprivileged:
    """Runs Python code as a user who obeys file permissions (tests run as root in CI).

    Root writes through any chmod, so as root the code runs without the capabilities that
    override file permissions (util-linux's setpriv); as anyone else, as they are.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def run(self, code: str) -> str:
        src = str(Path(__file__).resolve().parents[1] / "src")
        script = f"import sys\nsys.path.insert(0, {src!r})\nfrom pathlib import Path\n"
        script += textwrap.dedent(code)
        command = [sys.executable, "-c", script]
        if os.geteuid() == 0:
            drop = "--bounding-set=-dac_override,-dac_read_search,-fowner"
            command = ["setpriv", drop, "--", *command]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.folder,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout + done.stderr


@pytest.fixture
def unprivileged() -> Iterator[Unprivileged]:
    """A folder everyone can read, and a way to run code there as an unprivileged user."""
    folder = Path(tempfile.mkdtemp(prefix="journal-unprivileged-"))
    folder.chmod(0o755)
    yield Unprivileged(folder)
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o700)
    shutil.rmtree(folder, ignore_errors=True)
