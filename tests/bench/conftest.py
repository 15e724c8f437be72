"""Benchmark fixtures: the large demo journal (built once, then cached), a desktop, reporting.

Run with `make bench`. These never run in `make test`: pyproject's testpaths leaves
tests/bench out.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

# In-process benchmarks drive real widgets without a screen; the desktop benchmarks start
# their own processes on Xvfb with an environment of their own.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "e2e"))

import pytest  # noqa: E402
from benchlib import RESULTS, Report, append_result, machine, write_latest  # noqa: E402
from x11_harness import Desktop, require_desktop  # noqa: E402

import journal.core.demo as demo  # noqa: E402
from journal.store import Journal, open_journal  # noqa: E402
from journal.store.database import INTERACTIVE_CACHE_KIB, PRAGMAS  # noqa: E402
from journal.store.location import journal_path  # noqa: E402
from journal.store.migrations import SCHEMA_VERSION  # noqa: E402

CACHE = HERE / ".cache"
# The modules whose code decides what the generated file holds.
GENERATOR_SOURCES = ("core/demo.py", "core/names.py", "store/fields.py", "store/models.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The first benchmark may build the large journal (tens of seconds, more on a slow
    # machine), well past the suite's 120 s per-test timeout.
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.timeout(1800))


def cache_key() -> str:
    """large-<schema version>-<hash of the generator's code>."""
    package = Path(demo.__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in GENERATOR_SOURCES:
        digest.update((package / name).read_bytes())
    return f"large-{SCHEMA_VERSION}-{digest.hexdigest()[:12]}"


def build_large_journal(target: Path) -> float:
    """Generate demo.LARGE into `target` (a journal folder); returns the seconds it took."""
    building = CACHE / f"building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    opened = open_journal(building)
    start = time.perf_counter()
    try:
        demo.generate(demo.LARGE, progress=lambda step: print(f"  generating {step}…", flush=True))
    finally:
        opened.close()
    took = time.perf_counter() - start
    # Rename last, so an interrupted build never passes for a finished one.
    building.rename(target)
    return took


@pytest.fixture(scope="session")
def large_cache() -> Path:
    """The cached large journal's folder, generated on the first run after a change."""
    target = CACHE / cache_key()
    if journal_path(target).exists():
        print(f"\nLarge journal: reusing {target.relative_to(HERE)}")
        return target
    CACHE.mkdir(exist_ok=True)
    for stale in CACHE.iterdir():  # older generators' files: 100 MB each
        shutil.rmtree(stale, ignore_errors=True)
    size = demo.LARGE
    print(
        f"\nLarge journal: generating {size.contacts:,} contacts, {size.interactions:,} "
        f"interactions, {size.groups} groups over {size.years} years into "
        f"{target.relative_to(HERE)}",
        flush=True,
    )
    took = build_large_journal(target)
    mib = journal_path(target).stat().st_size / 2**20
    print(f"Large journal: generated in {took:.1f} s ({mib:.0f} MiB)", flush=True)
    return target


@pytest.fixture(scope="session")
def large_home(large_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the large journal for this session, so no run changes the cache."""
    home = tmp_path_factory.mktemp("large-journal")
    shutil.copy2(journal_path(large_cache), journal_path(home))
    return home


@pytest.fixture(scope="session")
def large_journal(large_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """A copy of the large journal open in this process for the session.

    A copy of its own: it holds the writer lock all session, and the desktop benchmarks
    start the app on `large_home`, which would otherwise find the journal in use.
    """
    home = tmp_path_factory.mktemp("large-journal-in-process")
    shutil.copy2(journal_path(large_cache), journal_path(home))
    opened = open_journal(home)
    yield opened
    opened.close()


@pytest.fixture
def window_journal(large_journal: Journal) -> Iterator[Journal]:
    """The large journal read through the page cache the app's window and readers use."""
    large_journal.use_cache(INTERACTIVE_CACHE_KIB)
    yield large_journal
    large_journal.use_cache(-int(PRAGMAS["cache_size"]))


@pytest.fixture(scope="session")
def desktop() -> Iterator[Desktop]:
    """Xvfb with a tray host, for benchmarks that start the app as a user would."""
    started = require_desktop(tray=True)
    try:
        yield started
    finally:
        started.stop()


_published: list[dict[str, object]] = []


@pytest.fixture
def publish() -> Callable[[Report], None]:
    """`publish(report)`: print its table and append it to results.json."""

    def publish(report: Report) -> None:
        report.print()
        record = report.record()
        append_result(record)
        _published.append(record)

    return publish


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _published:
        return
    # LATEST.md keeps every benchmark's latest figures from this machine, so a run of
    # one benchmark (-k) updates its rows and leaves the others as they were.
    here = machine()
    history = json.loads(RESULTS.read_text(encoding="utf-8"))
    same_box = [
        r for r in history
        if (r["machine"]["cpu"], r["machine"]["cores"]) == (here["cpu"], here["cores"])
    ]  # fmt: skip
    write_latest(same_box)
    print(f"\nFigures appended to {RESULTS}; summary in {RESULTS.with_name('LATEST.md')}")
