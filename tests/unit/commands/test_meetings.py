"""`journal meeting edit` and `delete`, run in-process against a journal of the test's own."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import TODAY, Capture, refused, run, run_json


@pytest.fixture
def recorded(capsys: Capture, home: Path) -> dict[str, Any]:
    """Jane and Omar; the Chamber, joined 2025-01-01; its meeting of 2025-03-04, Jane met."""
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    run_json(capsys, "contact", "add", "--given", "Omar")
    run_json(capsys, "group", "add", "Chamber", "--joined", "2025-01-01")
    meeting: dict[str, Any] = run_json(
        capsys, "attend", "Chamber", "--date", "2025-03-04", "--met", "Jane Doe",
        "--rating", "worth_it", "--notes", "good talk",
    )  # fmt: skip
    return meeting


def _meetings(capsys: Capture) -> list[dict[str, Any]]:
    meetings: list[dict[str, Any]] = run_json(capsys, "group", "show", "Chamber")["meetings"]
    return meetings


EDITS = [
    (["--rating", "so-so"], {"rating": "so_so"}),
    (["--rating", ""], {"rating": ""}),
    (["--minutes", "75"], {"minutes": 75}),
    (["--notes", "long queue"], {"notes": "long queue"}),
    (["--met", "Omar"], {"people": [{"id": 2, "name": "Omar"}]}),
    (["--met", ""], {"people": []}),
    (["--attendance", "substitute"], {"attendance": "substitute"}),
]


@pytest.mark.parametrize(("options", "changed"), EDITS, ids=[" ".join(e[0]) for e in EDITS])
def test_edit_changes_only_the_option_given(
    capsys: Capture, recorded: dict[str, Any], options: list[str], changed: dict[str, Any]
) -> None:
    edited = run_json(capsys, "meeting", "edit", "Chamber", "2025-03-04", *options)
    assert edited == {**recorded, **changed}
    assert _meetings(capsys) == [edited]  # stored, in the shape `group show` gives


def test_edit_moves_the_meeting_and_changes_its_attendance(
    capsys: Capture, recorded: dict[str, Any]
) -> None:
    edited = run_json(
        capsys, "meeting", "edit", "1", "2025-03-04", "--date", "2025-03-05",
        "--attendance", "missed", "--met", "",
    )  # fmt: skip
    assert edited == {**recorded, "held_on": "2025-03-05", "attendance": "missed", "people": []}
    assert _meetings(capsys) == [edited]
    assert "Chamber has no meeting recorded on 2025-03-04" in refused(
        capsys, "meeting", "edit", "Chamber", "2025-03-04", "--notes", "x"
    )
    code, out, _ = run(
        capsys, "meeting", "edit", "chamber", "2025-03-05", "--attendance", "Excused"
    )
    assert (code, out.strip()) == (0, "Updated Chamber on 2025-03-05: excused (#1).")


AHEAD = (TODAY + dt.timedelta(days=7)).isoformat()
MISTAKES = [
    (["Chamber", "2025-3-4", "--notes", "x"], "date: '2025-3-4' is not a date"),
    (["Chamber", "2025-03-04", "--date", "2025-02-30"], "date: '2025-02-30' is not a date"),
    (["Chamber", "2025-03-04", "--date", "2025-03-11"], "already has a meeting on 2025-03-11"),
    (["Chamber", "2025-03-04", "--date", "2024-12-31"], "before you joined"),
    (["Chamber", "2025-03-04", "--date", AHEAD], "has not happened yet"),
    (["Chamber", "2025-03-04", "--attendance", "missed"], "so you met nobody there"),
    (["Chamber", "2025-03-04", "--attendance", "late"], "attendance: 'late' is not one of"),
    (["Chamber", "2025-03-04", "--minutes", "long"], "length (minutes): 'long' is not a whole"),
    (["Chamber", "2025-03-09", "--notes", "x"], "Chamber has no meeting recorded on 2025-03-09"),
    (["Rotary", "2025-03-04", "--notes", "x"], "no group 'Rotary'"),
]


@pytest.mark.parametrize(("options", "said"), MISTAKES, ids=[m[1] for m in MISTAKES])
def test_edit_refuses_mistakes_and_changes_nothing(
    capsys: Capture, recorded: dict[str, Any], options: list[str], said: str
) -> None:
    run_json(capsys, "attend", "Chamber", "--date", "2025-03-11")
    before = _meetings(capsys)
    assert said in refused(capsys, "meeting", "edit", *options)
    assert _meetings(capsys) == before


def test_delete_needs_yes_then_the_meeting_is_gone(
    capsys: Capture, recorded: dict[str, Any]
) -> None:
    err = refused(capsys, "meeting", "delete", "Chamber", "2025-03-04")
    assert "Chamber on 2025-03-04: attended, met Jane Doe (#1)" in err
    assert "--yes" in err
    assert _meetings(capsys) == [recorded]
    deleted = run_json(capsys, "meeting", "delete", "Chamber", "2025-03-04", "--yes")
    assert deleted == {**recorded, "deleted": True}
    assert _meetings(capsys) == []
    assert "no meeting recorded on 2025-03-04" in refused(
        capsys, "meeting", "delete", "Chamber", "2025-03-04", "--yes"
    )


def test_delete_keeps_the_entries_logged_at_the_meeting(
    capsys: Capture, recorded: dict[str, Any]
) -> None:
    entry = run_json(
        capsys, "log", "met", "Met Omar", "--with", "Omar", "--group", "Chamber",
        "--meeting", "2025-03-04", "--when", "2025-03-04T08:00",
    )  # fmt: skip
    assert entry["meeting"] == {"id": 1, "held_on": "2025-03-04"}
    code, out, _ = run(capsys, "meeting", "delete", "1", "2025-03-04", "--yes")
    assert code == 0
    assert out.strip() == (
        "Deleted the meeting of Chamber on 2025-03-04: attended, met Jane Doe (#1). "
        "1 timeline entry at it stays, no longer linked to it."
    )
    assert run_json(capsys, "timeline") == [{**entry, "meeting": None}]


def test_attend_on_a_day_recorded_otherwise_keeps_it_and_says_how_to_change_it(
    capsys: Capture, recorded: dict[str, Any]
) -> None:
    missed = ["--attendance", "missed", "--met", ""]
    run_json(capsys, "meeting", "edit", "Chamber", "2025-03-04", *missed)
    code, out, err = run(capsys, "attend", "Chamber", "--date", "2025-03-04", "--notes", "x")
    assert code == 0 and "missed" in out
    assert "2025-03-04 was recorded as missed" in err and "--attended" in err
    assert _meetings(capsys)[0]["attendance"] == "missed"
    code, out, err = run(capsys, "attend", "Chamber", "--date", "2025-03-04", "--attended")
    assert (code, err) == (0, "")
    assert _meetings(capsys)[0]["attendance"] == "attended"
    assert _meetings(capsys)[0]["notes"] == "x"  # the rest as it was
    # Recording a day already attended again says nothing more.
    code, _out, err = run(capsys, "attend", "Chamber", "--date", "2025-03-04", "--notes", "y")
    assert (code, err) == (0, "")


def test_group_show_does_not_guess_meeting_days_nothing_places(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Quarterly Dinner", "--cadence", "quarterly")
    shown = run_json(capsys, "group", "show", "Quarterly Dinner")
    assert (shown["upcoming_meetings"], shown["upcoming_unknown"]) == ([], True)
    code, out, _ = run(capsys, "group", "show", "Quarterly Dinner")
    assert code == 0
    assert "not known yet (record a meeting, or set --joined)" in out
    run_json(capsys, "group", "edit", "Quarterly Dinner", "--joined", "2026-09-10")
    shown = run_json(capsys, "group", "show", "Quarterly Dinner")
    assert shown["upcoming_unknown"] is False
    assert [m["date"] for m in shown["upcoming_meetings"]] == [
        "2026-12-10", "2027-03-10", "2027-06-10"
    ]  # fmt: skip


def test_attend_without_a_date_records_the_latest_meeting_day_not_recorded(
    capsys: Capture, home: Path
) -> None:
    # Weekly on Thursdays; today is a Tuesday: the meeting to record is last Thursday's.
    run_json(capsys, "group", "add", "Thursday Club", "--cadence", "weekly", "--weekday", "thu")
    last_thursday = TODAY - dt.timedelta(days=(TODAY.weekday() - 3) % 7)
    before = (last_thursday - dt.timedelta(days=7)).isoformat()
    run_json(capsys, "attend", "Thursday Club", "--date", before)
    assert run_json(capsys, "attend", "Thursday Club")["held_on"] == last_thursday.isoformat()
    # Nothing left to catch up: today.
    assert run_json(capsys, "attend", "Thursday Club")["held_on"] == TODAY.isoformat()
