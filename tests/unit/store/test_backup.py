"""Backups: taken with the online backup API, verified, listed, thinned on a schedule, restored."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.store import Journal, crypto, open_journal
from journal.store import backup as backups
from journal.store.errors import JournalUnavailableError, NotAJournalError, WrongPassphraseError
from journal.store.keys import GivenKey
from journal.store.location import backups_dir, journal_path
from journal.store.models import Contact

UTC = dt.timezone.utc


def _add(name: str) -> int:
    return int(
        Contact.insert(
            given_name=name,
            display_name=name,
            sort_name=name.casefold(),
            created_at="2026-01-01T00:00:00.000000Z",
            updated_at="2026-01-01T00:00:00.000000Z",
        ).execute()
    )


def _names() -> list[str]:
    return sorted(c.display_name for c in Contact.select())


# -- the schedule (a pure function) -------------------------------------------------------------


def _every_day(days: int, end: dt.datetime) -> list[tuple[str, dt.datetime]]:
    return [(f"b{i}", end - dt.timedelta(days=i)) for i in range(days)]


def test_keep_nothing_from_nothing() -> None:
    assert backups.keep([]) == set()


def test_keep_the_last_seven_days_four_weeks_and_twelve_months() -> None:
    end = dt.datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # a Tuesday
    history = _every_day(800, end)
    kept = backups.keep(history, tz=UTC)
    days = {name: when for name, when in history}
    kept_days = sorted((days[n].date() for n in kept), reverse=True)
    # seven newest days
    assert kept_days[:7] == [end.date() - dt.timedelta(days=i) for i in range(7)]
    # the newest of each of the last four ISO weeks: Sundays before this week
    sundays = [dt.date(2026, 11, 22), dt.date(2026, 11, 15), dt.date(2026, 11, 8)]
    assert all(s in kept_days for s in sundays)
    # the newest of each of the last twelve months: month ends
    month_ends = [dt.date(2026, 10, 31), dt.date(2026, 1, 31), dt.date(2025, 12, 31)]
    assert all(m in kept_days for m in month_ends)
    assert dt.date(2025, 11, 30) not in kept_days  # the 13th month back
    assert len(kept) == len(set(kept_days)) <= 7 + 4 + 12


def test_keep_several_a_day_keeps_only_the_newest_of_that_day() -> None:
    day = dt.datetime(2026, 3, 1, tzinfo=UTC)
    history = [("morning", day.replace(hour=8)), ("evening", day.replace(hour=20))]
    assert backups.keep(history, tz=UTC) == {"evening"}


def test_keep_counts_days_that_have_backups_not_calendar_days() -> None:
    # A laptop left off for a month still keeps its last seven daily backups.
    end = dt.datetime(2026, 6, 30, tzinfo=UTC)
    history = [(f"b{i}", end - dt.timedelta(days=40 + i)) for i in range(10)]
    kept = backups.keep(history, daily=7, weekly=0, monthly=0, tz=UTC)
    assert kept == {f"b{i}" for i in range(7)}


def test_keep_uses_the_users_days() -> None:
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    history = [("a", late), ("b", late + dt.timedelta(hours=1))]
    assert backups.keep(history, daily=2, weekly=0, monthly=0, tz=UTC) == {"a", "b"}
    tokyo = dt.timezone(dt.timedelta(hours=9))  # both fall on March 2nd there
    assert backups.keep(history, daily=2, weekly=0, monthly=0, tz=tokyo) == {"b"}


# -- names ----------------------------------------------------------------------------------------


def test_names_round_trip_and_old_migration_copies_are_recognised() -> None:
    when = dt.datetime(2026, 11, 24, 10, 30, 5, tzinfo=UTC)
    name = backups.backup_name(when, "before-import")
    assert name == "journal-20261124T103005Z-before-import.sqlite3"
    assert backups.parse_name(name) == (when, "before-import")
    second = backups.backup_name(when, "before-import", serial=1)
    assert second == "journal-20261124T103005Z-1-before-import.sqlite3"
    assert backups.parse_name(second) == (when, "before-import")
    old = backups.parse_name("journal-schema1-before-migration-20260101T000000Z.sqlite3")
    assert old == (dt.datetime(2026, 1, 1, tzinfo=UTC), "before-migration-schema1")
    assert backups.parse_name("notes.txt") is None
    with pytest.raises(ValueError):
        backups.backup_name(when, "Bad Reason")


# -- taking, listing, pruning -------------------------------------------------------------------


def test_backup_now_is_a_verified_full_copy(journal: Journal) -> None:
    _add("Ada")
    taken = backups.backup_now(journal, backups.BEFORE_IMPORT)
    assert taken.path.parent == backups_dir(journal.home)
    assert taken.reason == "before-import" and not taken.encrypted
    copy = sqlite3.connect(taken.path)
    assert copy.execute("SELECT display_name FROM contact").fetchall() == [("Ada",)]
    copy.close()
    assert backups.list_backups(journal.home) == [taken]
    assert not list(backups_dir(journal.home).glob("*.partial"))


def test_a_followed_backup_reports_its_copy_step_by_step(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add("Ada")
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 2)  # a new journal has only a few pages
    heard: list[tuple[int, int]] = []
    taken = backups.backup_now(
        journal, backups.MANUAL, progress=lambda done, total: heard.append((done, total))
    )
    assert len(heard) > 1  # in steps, not in one go
    total = heard[-1][1]
    assert heard[-1] == (total, total) and all(done <= total for done, total in heard)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    copy = sqlite3.connect(taken.path)
    assert copy.execute("SELECT display_name FROM contact").fetchall() == [("Ada",)]
    copy.close()


def test_a_backup_stopped_midway_leaves_nothing_behind(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    class StopError(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise StopError

    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 2)
    with pytest.raises(StopError):
        backups.backup_now(journal, backups.MANUAL, progress=stop)
    assert list(backups_dir(journal.home).iterdir()) == []


def test_two_backups_in_one_second_both_survive(journal: Journal) -> None:
    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    first = backups.backup_now(journal, backups.MANUAL, now=now)
    second = backups.backup_now(journal, backups.MANUAL, now=now)
    assert first.path != second.path and first.path.exists() and second.path.exists()


def test_backups_of_one_second_are_listed_and_picked_in_the_order_taken(
    journal: Journal,
) -> None:
    # Three imports in a row: the last two in one second. By name alone, `…Z-1-before-import`
    # sorts before `…Z-before-import`, so the newer came out below and `latest` missed it.
    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    oldest = backups.backup_now(journal, backups.BEFORE_IMPORT, now=now - dt.timedelta(seconds=1))
    _add("Ada")
    older = backups.backup_now(journal, backups.BEFORE_IMPORT, now=now)
    _add("Grace")
    newest = backups.backup_now(journal, backups.BEFORE_IMPORT, now=now)
    assert newest.path.name == "journal-20261124T100000Z-1-before-import.sqlite3"
    assert (older.serial, newest.serial) == (0, 1)
    assert backups.list_backups(journal.home) == [newest, older, oldest]
    assert backups.find_backup(journal.home, "latest") == newest
    assert backups.latest_good_backup(journal.home, None) == newest
    backups.restore(journal, backups.find_backup(journal.home, "latest"))
    assert _names() == ["Ada", "Grace"]


def test_backups_of_one_second_are_numbered_whatever_their_reasons(journal: Journal) -> None:
    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    first = backups.backup_now(journal, backups.BEFORE_IMPORT, now=now)
    second = backups.backup_now(journal, backups.MANUAL, now=now)
    third = backups.backup_now(journal, backups.BEFORE_IMPORT, now=now)
    assert second.path.name == "journal-20261124T100000Z-1-manual.sqlite3"
    assert third.path.name == "journal-20261124T100000Z-2-before-import.sqlite3"
    assert backups.list_backups(journal.home) == [third, second, first]
    # a backup still being written holds its number too
    partial = backups_dir(journal.home) / "journal-20261124T100000Z-3-daily.sqlite3.partial"
    partial.write_bytes(b"")
    assert backups.backup_now(journal, backups.MANUAL, now=now).serial == 4


def test_prune_keeps_the_later_of_two_daily_backups_in_one_second(journal: Journal) -> None:
    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    backups.backup_now(journal, backups.DAILY, now=now)
    later = backups.backup_now(journal, backups.DAILY, now=now)
    backups.prune(journal.home)
    assert backups.list_backups(journal.home) == [later]


def test_prune_thins_only_automatic_backups(journal: Journal) -> None:
    start = dt.datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    for day in range(40):
        backups.backup_now(journal, backups.DAILY, now=start + dt.timedelta(days=day))
    manual = backups.backup_now(journal, backups.MANUAL, now=start)
    removed = backups.prune(journal.home)
    left = backups.list_backups(journal.home)
    assert manual in left
    automatic = [b for b in left if b.automatic]
    assert len(removed) == 40 - len(automatic)
    assert {b.path.name for b in automatic} == backups.keep(
        (b.path.name, b.taken_at) for b in automatic
    )
    assert len(automatic) < 40


def test_a_daily_backup_is_due_after_a_day(journal: Journal) -> None:
    now = dt.datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert backups.daily_backup_due(journal.home, now)
    backups.backup_now(journal, backups.DAILY, now=now)
    assert not backups.daily_backup_due(journal.home, now + dt.timedelta(hours=23))
    assert backups.daily_backup_due(journal.home, now + dt.timedelta(hours=24))


def test_an_encrypted_journals_backup_is_encrypted_unless_asked(home: Path) -> None:
    journal = open_journal(home)
    # Long enough that random bytes never hold it by chance ("Ada" is in 1 backup in 60).
    _add("Ada Lovelace-Byron")
    journal.close()
    path = journal_path(home)
    crypto.checkpoint(path, None)
    crypto.export_copy(path, None, home / "new", "s3cret")
    crypto.swap_in(home / "new", path)
    journal = open_journal(home, GivenKey("s3cret"))
    try:
        secret = backups.backup_now(journal, backups.MANUAL)
        plain = backups.backup_now(journal, backups.MANUAL, encrypted=False)
    finally:
        journal.close()
    assert secret.encrypted and crypto.passphrase_opens(secret.path, "s3cret")
    assert b"Ada Lovelace-Byron" not in secret.path.read_bytes()
    assert not plain.encrypted and not crypto.is_encrypted(plain.path)


# -- restoring ------------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_present(journal: Journal) -> None:
    _add("Ada")
    taken = backups.backup_now(journal, backups.MANUAL)
    _add("Grace")
    safety = backups.restore(journal, taken)
    assert _names() == ["Ada"]
    assert safety is not None and safety.reason == backups.BEFORE_RESTORE
    # ...and the state before the restore can itself be restored
    backups.restore(journal, safety)
    assert _names() == ["Ada", "Grace"]
    assert journal.lock is not None  # held throughout


def test_a_followed_restore_reports_both_copies_as_one(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add("Ada")
    taken = backups.backup_now(journal, backups.MANUAL)
    _add("Grace")
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 2)
    heard: list[tuple[int, int]] = []
    backups.restore(journal, taken, progress=lambda done, total: heard.append((done, total)))
    assert _names() == ["Ada"]
    done = [d for d, _ in heard]
    assert done == sorted(done) and heard[-1] == (2000, 2000)
    assert any(d == 1000 for d in done) and len(heard) > 4  # both copies, in steps


def test_a_restore_stopped_before_the_swap_leaves_the_journal_as_it_was(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    class StopError(Exception):
        pass

    _add("Ada")
    taken = backups.backup_now(journal, backups.MANUAL)
    _add("Grace")
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 2)

    def stop_in_the_second_copy(done: int, total: int) -> None:
        if done > total // 2:
            raise StopError

    with pytest.raises(StopError):
        backups.restore(journal, taken, progress=stop_in_the_second_copy)
    assert _names() == ["Ada", "Grace"]  # still open, still as it was
    assert not journal.path.with_name(journal.path.name + ".restoring").exists()
    # The copy of the journal taken first is kept, as after any restore.
    assert backups.BEFORE_RESTORE in [b.reason for b in backups.list_backups(journal.home)]


def test_restore_refuses_a_damaged_backup(journal: Journal) -> None:
    _add("Ada")
    taken = backups.backup_now(journal, backups.MANUAL)
    data = bytearray(taken.path.read_bytes())
    data[4096 : 4096 * 3] = b"\x13" * (4096 * 2)
    taken.path.write_bytes(bytes(data))
    with pytest.raises(Exception, match=r"damaged|malformed|check"):
        backups.restore(journal, taken)
    assert _names() == ["Ada"]


def _stamp(path: Path, pragma: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA {pragma}")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        (lambda path: _stamp(path, "user_version = 99"), "newer version"),
        (lambda path: _stamp(path, "application_id = 7"), "not a Contact Journal"),
        (lambda path: path.write_bytes(b""), "empty"),
    ],
    ids=["newer", "another-program", "empty"],
)
def test_restore_refuses_a_backup_that_is_not_a_journal_it_can_open(
    journal: Journal, spoil: Callable[[Path], None], said: str
) -> None:
    # Swapped in, any of these would leave a journal that no longer opens (or an empty one).
    _add("Ada")
    taken = backups.backup_now(journal, backups.MANUAL)
    spoil(taken.path)
    taken = backups.find_backup(journal.home, taken.path.name)
    with pytest.raises(NotAJournalError, match=said):
        backups.restore(journal, taken)
    assert _names() == ["Ada"]
    assert [b.reason for b in backups.list_backups(journal.home)] == [backups.MANUAL]
    journal.close()
    with pytest.raises(NotAJournalError, match=said):
        backups.restore_unopenable(journal.home, taken, None)
    reopened = open_journal(journal.home)
    try:
        assert _names() == ["Ada"]
    finally:
        reopened.close()


def test_latest_good_backup_skips_one_it_could_not_open(journal: Journal) -> None:
    old = backups.backup_now(journal, backups.MANUAL, now=dt.datetime(2026, 1, 1, tzinfo=UTC))
    new = backups.backup_now(journal, backups.MANUAL, now=dt.datetime(2026, 2, 1, tzinfo=UTC))
    _stamp(new.path, "user_version = 99")
    assert backups.latest_good_backup(journal.home, None) == old


def test_restore_an_encrypted_backup_needs_its_passphrase(home: Path) -> None:
    journal = open_journal(home)
    _add("Ada")
    journal.close()
    path = journal_path(home)
    crypto.checkpoint(path, None)
    crypto.export_copy(path, None, home / "new", "one")
    crypto.swap_in(home / "new", path)
    journal = open_journal(home, GivenKey("one"))
    taken = backups.backup_now(journal, backups.MANUAL)
    journal.close()
    plain = open_journal(home / "other")
    try:
        with pytest.raises(WrongPassphraseError):
            backups.restore(plain, taken)
        backups.restore(plain, taken, backup_passphrase="one")
        assert _names() == ["Ada"]
        assert not plain.encrypted  # restored into the journal's own (plain) state
        assert not crypto.is_encrypted(plain.path)
    finally:
        plain.close()


def test_find_backup_by_name_or_latest(journal: Journal) -> None:
    with pytest.raises(JournalUnavailableError, match="no backups"):
        backups.find_backup(journal.home, "latest")
    taken = backups.backup_now(journal, backups.MANUAL)
    assert backups.find_backup(journal.home, "latest") == taken
    assert backups.find_backup(journal.home, str(taken.path)) == taken
    with pytest.raises(JournalUnavailableError, match="restore --list"):
        backups.find_backup(journal.home, "journal-nope.sqlite3")


def test_latest_good_backup_skips_damaged_ones(journal: Journal) -> None:
    old = backups.backup_now(journal, backups.MANUAL, now=dt.datetime(2026, 1, 1, tzinfo=UTC))
    new = backups.backup_now(journal, backups.MANUAL, now=dt.datetime(2026, 2, 1, tzinfo=UTC))
    new.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    assert backups.latest_good_backup(journal.home, None) == old


def test_prune_removes_half_written_backups_once_stale(journal: Journal) -> None:
    import os

    folder = backups_dir(journal.home)
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / "journal-20260101T000000Z-daily.sqlite3.partial"
    fresh = folder / "journal-20260101T000001Z-daily.sqlite3.partial"
    for partial in (old, fresh):
        partial.write_bytes(b"half")
    two_hours_ago = dt.datetime.now(UTC).timestamp() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    assert backups.prune(journal.home) == [old]
    assert not old.exists() and fresh.exists()  # another program may still be writing it
