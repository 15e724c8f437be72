"""Progress of long work (imports, exports), and how the user stops it."""

from __future__ import annotations

from collections.abc import Callable

# progress(done, total): called now and then; raising Cancelled from it stops the work,
# and the work's transaction rolls back.
Progress = Callable[[int, int], None]


class Cancelled(Exception):  # noqa: N818 (a user's decision, not an error)
    """The user stopped the work; nothing it did was kept."""


def no_progress(done: int, total: int) -> None:
    """A progress callback that reports nowhere."""
