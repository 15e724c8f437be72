"""A worker's task tells its outcome whatever its clean-up does."""

from __future__ import annotations

from journal.ui.bus import BackgroundTask, JournalBus


def test_the_outcome_is_told_even_when_the_release_fails(qtbot, bus: JournalBus) -> None:  # type: ignore[no-untyped-def]
    # A window-modal progress waits for `finished`: had the release step's error kept it
    # from being sent, the progress would have stayed up for good.
    def release() -> None:
        raise RuntimeError("the release went wrong")

    task = BackgroundTask(bus, lambda **_options: 42, (), {}, bus, on_done=release)
    told: list[object] = []
    task.succeeded.connect(told.append)
    with qtbot.captureExceptions() as raised, qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert told == [42]
    assert [str(e[1]) for e in raised] == ["the release went wrong"]  # not swallowed either
