"""One wording of attendance across `attend`, `meeting`, `group`, `today` and `review`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import TODAY, Capture, run, run_json


def _ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def _club(capsys: Capture) -> None:
    """Club requires 80%: attended, missed, sent a substitute; apologies sent for one more."""
    run_json(capsys, "group", "add", "Club", "--joined", _ago(400), "--required-attendance", "80")
    run_json(capsys, "attend", "Club", "--date", _ago(21))
    run_json(capsys, "attend", "Club", "--date", _ago(14), "--missed")
    run_json(capsys, "attend", "Club", "--date", _ago(10), "--excused")


def _out(capsys: Capture, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    return out


def test_recording_and_editing_a_meeting_word_a_substitute_as_the_app_does(
    capsys: Capture, home: Path
) -> None:
    _club(capsys)
    said = _out(capsys, "attend", "Club", "--date", _ago(7), "--substitute")
    assert said == f"Recorded Club on {_ago(7)}: sent a substitute (#4).\n"
    said = _out(capsys, "meeting", "edit", "Club", _ago(14), "--attendance", "substitute")
    assert said == f"Updated Club on {_ago(14)}: sent a substitute (#2).\n"


def test_group_show_words_attendance_as_the_review_does(capsys: Capture, home: Path) -> None:
    _club(capsys)
    run_json(capsys, "attend", "Club", "--date", _ago(7), "--substitute")
    expected = "2 of the last 3 meetings not excused (67%), required 80%: below the requirement"
    shown = _out(capsys, "group", "show", "Club")
    assert f"Attendance      {expected}\n" in shown or f"Attendance  {expected}\n" in shown
    assert f"{_ago(7)}  sent a substitute" in shown
    assert f"{_ago(10)}  excused" in shown
    assert f"  Attendance  {expected}\n" in _out(capsys, "review")
    assert "1 sent a substitute" in _out(capsys, "review")


def test_group_list_words_attendance_as_group_show_does_in_short(
    capsys: Capture, home: Path
) -> None:
    _club(capsys)
    run_json(capsys, "group", "add", "Quiet")
    run_json(capsys, "attend", "Quiet", "--date", _ago(3), "--excused")
    listed = _out(capsys, "group", "list")
    assert "1 of 2 (50%), required 80%: below" in listed
    # One meeting recorded, but excused: none counts yet, as the review says it.
    assert "no meetings counted yet" in listed
    assert "no meetings counted yet" in _out(capsys, "group", "show", "Quiet")


def test_today_says_what_is_noted_for_a_coming_meeting(capsys: Capture, home: Path) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    weekday = tomorrow.strftime("%A").lower()
    run_json(capsys, "group", "add", "BNI", "--cadence", "weekly", "--weekday", weekday,
             "--joined", _ago(400))  # fmt: skip
    run_json(capsys, "attend", "BNI", "--date", tomorrow.isoformat(), "--excused")
    today = _out(capsys, "today")
    assert "ATTENDANCE" in today
    row = next(line for line in today.splitlines() if "BNI" in line)
    assert row.rstrip().endswith("excused")
    shown = _out(capsys, "group", "show", "BNI")
    assert f"{tomorrow.isoformat()} (excused)" in shown
