"""Progress of long work (imports, exports), and how the user stops it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# progress(done, total): called now and then; raising Cancelled from it stops the work,
# and the work's transaction rolls back.
Progress = Callable[[int, int], None]


class Cancelled(Exception):  # noqa: N818 (a user's decision, not an error)
    """The user stopped the work; nothing it did was kept."""


def no_progress(done: int, total: int) -> None:
    """A progress callback that reports nowhere."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a bulk job (it is turned back on as it was).

    A 30,000-row import builds half a million small objects that plain reference counting
    frees; the cycle collector would walk all of them again and again as they pile up,
    about a quarter of the import's time. Nothing an import builds forms a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
