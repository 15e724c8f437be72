"""`journal entry show`, `edit` and `delete`, run in-process against a journal of the test's own."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import TODAY, Capture, refused, run, run_json

from journal.cli import main


def _utc(local: str) -> str:
    """A local YYYY-MM-DDTHH:MM as the JSON's UTC instant."""
    when = dt.datetime.fromisoformat(local).astimezone().astimezone(dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def logged(capsys: Capture, home: Path) -> dict[str, Any]:
    """Jane, Omar, the groups Chamber and BNI, and one entry with Jane through the Chamber."""
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")
    run_json(capsys, "contact", "add", "--given", "Omar")
    run_json(capsys, "group", "add", "Chamber")
    run_json(capsys, "group", "add", "BNI")
    entry: dict[str, Any] = run_json(
        capsys, "log", "coffee", "Talked shop", "--with", "Jane Doe", "--group", "Chamber",
        "--when", "2025-05-04T14:05", "--amount", "12.50", "--currency", "USD",
        "--notes", "she needs a bookkeeper",
    )  # fmt: skip
    return entry


def test_show_prints_the_entry_as_the_timeline_does(
    capsys: Capture, logged: dict[str, Any]
) -> None:
    shown = run_json(capsys, "entry", "show", str(logged["id"]))
    assert shown == logged
    assert [shown] == run_json(capsys, "timeline")
    code, out, _ = run(capsys, "entry", "show", str(logged["id"]))
    assert code == 0
    assert out.splitlines() == [
        "Coffee (#1)",
        "When     2025-05-04 14:05",
        "With     Jane Doe",
        "Group    Chamber",
        "Amount   12.50 USD",
        "Summary  Talked shop",
        "Notes    she needs a bookkeeper",
    ]


EDITS = [
    (["--kind", "Referral-Given"], {"kind": "referral_given"}),
    (["--when", "2025-05-06T09:30"], {"occurred_at": _utc("2025-05-06T09:30")}),
    (["--summary", "Talked about books"], {"summary": "Talked about books"}),
    (["--notes", ""], {"notes": ""}),
    (["--with", "Omar"], {"people": [{"id": 2, "name": "Omar"}]}),
    (["--amount", "99"], {"amount": "99"}),
    (["--amount", ""], {"amount": None}),
    (["--estimated", "1200"], {"estimated_amount": "1200"}),
    (["--currency", "eur"], {"currency": "EUR"}),
    (["--direction", "gave"], {"direction": "gave"}),
    (["--group", "bni"], {"group": {"id": 2, "name": "BNI"}}),
    (["--no-group"], {"group": None}),
]


@pytest.mark.parametrize(("options", "changed"), EDITS, ids=[e[0][0] for e in EDITS])
def test_edit_changes_only_the_option_given(
    capsys: Capture, logged: dict[str, Any], options: list[str], changed: dict[str, Any]
) -> None:
    edited = run_json(capsys, "entry", "edit", "1", *options)
    assert edited == {**logged, **changed}
    assert run_json(capsys, "timeline") == [edited]  # stored, in the timeline's own shape


def test_with_replaces_everyone_and_empty_leaves_nobody(
    capsys: Capture, logged: dict[str, Any]
) -> None:
    both = run_json(capsys, "entry", "edit", "1", "--with", "Omar", "--with", "#1")
    assert both["people"] == [{"id": 1, "name": "Jane Doe"}, {"id": 2, "name": "Omar"}]
    nobody = run_json(capsys, "entry", "edit", "1", "--with", "")
    assert nobody["people"] == []
    code, out, _ = run(capsys, "entry", "edit", "1", "--with", "Omar", "--when", "2025-05-07T08:00")
    assert (code, out.strip()) == (0, "Updated Coffee with Omar, 2025-05-07 08:00 (#1).")


def test_a_new_group_drops_the_old_groups_meeting(capsys: Capture, logged: dict[str, Any]) -> None:
    run_json(capsys, "attend", "Chamber", "--date", "2025-05-04")
    at_meeting = [
        run_json(
            capsys, "log", "met", summary, "--group", "Chamber", "--meeting", "2025-05-04",
            "--when", "2025-05-04T09:00",
        )["id"]
        for summary in ("stays", "moves")
    ]  # fmt: skip
    run_json(capsys, "entry", "edit", str(at_meeting[0]), "--summary", "still at it")
    run_json(capsys, "entry", "edit", str(at_meeting[1]), "--group", "BNI")
    code, out, _ = run(capsys, "meeting", "delete", "Chamber", "2025-05-04", "--yes")
    assert code == 0
    assert out.strip().endswith(" 1 timeline entry at it stays, no longer linked to it.")


def test_edit_sets_and_clears_the_meeting(capsys: Capture, logged: dict[str, Any]) -> None:
    run_json(capsys, "attend", "Chamber", "--date", "2025-05-04")
    at = run_json(capsys, "entry", "edit", "1", "--meeting", "2025-05-04")
    assert at == {**logged, "meeting": {"id": 1, "held_on": "2025-05-04"}}
    assert run_json(capsys, "timeline") == [at]
    assert run_json(capsys, "entry", "show", "1") == at
    code, out, _ = run(capsys, "entry", "show", "1")
    assert (code, out.splitlines()[3:5]) == (0, ["Group    Chamber", "Meeting  2025-05-04"])
    assert run_json(capsys, "entry", "edit", "1", "--no-meeting") == logged  # the group stays


def test_a_meeting_is_found_in_the_group_given_with_it(
    capsys: Capture, logged: dict[str, Any]
) -> None:
    run_json(capsys, "attend", "BNI", "--date", "2025-05-02")
    edited = run_json(capsys, "entry", "edit", "1", "--group", "BNI", "--meeting", "2025-05-02")
    assert (edited["group"], edited["meeting"]) == (
        {"id": 2, "name": "BNI"},
        {"id": 1, "held_on": "2025-05-02"},
    )


def test_a_new_group_says_the_entry_left_the_old_groups_meeting(
    capsys: Capture, logged: dict[str, Any]
) -> None:
    run_json(capsys, "attend", "Chamber", "--date", "2025-05-04")
    run_json(capsys, "entry", "edit", "1", "--meeting", "2025-05-04")
    code, out, _ = run(capsys, "entry", "edit", "1", "--group", "BNI")
    assert (code, out.strip()) == (
        0,
        "Updated Coffee with Jane Doe, 2025-05-04 14:05 (#1). "
        "It is no longer at Chamber's meeting of 2025-05-04, which is not its group's.",
    )
    assert run_json(capsys, "entry", "show", "1")["meeting"] is None


def test_no_group_says_the_entry_left_its_meeting_without_naming_another_group(
    capsys: Capture, logged: dict[str, Any]
) -> None:
    run_json(capsys, "attend", "Chamber", "--date", "2025-05-04")
    run_json(capsys, "entry", "edit", "1", "--meeting", "2025-05-04")
    code, out, _ = run(capsys, "entry", "edit", "1", "--no-group")
    assert (code, out.strip()) == (
        0,
        "Updated Coffee with Jane Doe, 2025-05-04 14:05 (#1). "
        "It is no longer at Chamber's meeting of 2025-05-04, as it is in no group now.",
    )


def test_edit_refuses_a_meeting_it_cannot_be_at(capsys: Capture, logged: dict[str, Any]) -> None:
    run_json(capsys, "attend", "Chamber", "--date", "2025-05-04")
    assert refused(capsys, "entry", "edit", "1", "--group", "BNI", "--meeting", "2025-05-04") == (
        "journal: meeting: BNI has no meeting recorded on 2025-05-04 "
        '(record it first: journal attend "BNI" --date 2025-05-04)\n'
    )
    assert "give the meeting's day as YYYY-MM-DD, or --no-meeting" in refused(
        capsys, "entry", "edit", "1", "--meeting", " "
    )
    loose = run_json(capsys, "log", "call", "No group", "--when", "2025-05-04T16:00")
    assert "meeting: say which group's meeting with --group" in refused(
        capsys, "entry", "edit", str(loose["id"]), "--meeting", "2025-05-04"
    )
    code, out, err = run(capsys, "entry", "edit", "1", "--no-group", "--meeting", "2025-05-04")
    assert (code, out) == (2, "")
    assert "--meeting needs a group" in err
    assert main(["entry", "edit", "1", "--meeting", "2025-05-04", "--no-meeting"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err
    assert run_json(capsys, "timeline") == [loose, logged]


def test_edit_refuses_mistakes_and_changes_nothing(capsys: Capture, logged: dict[str, Any]) -> None:
    assert "There is no timeline entry with id 99." in refused(
        capsys, "entry", "edit", "99", "--summary", "x"
    )
    assert "when: '2025-02-31' is not a date or time" in refused(
        capsys, "entry", "edit", "1", "--when", "2025-02-31"
    )
    ahead = (TODAY + dt.timedelta(days=3)).isoformat()
    assert "has not happened yet" in refused(capsys, "entry", "edit", "1", "--when", ahead)
    assert "kind: 'party' is not one of" in refused(capsys, "entry", "edit", "1", "--kind", "party")
    assert "currency: a currency is needed with the amount" in refused(
        capsys, "entry", "edit", "1", "--currency", ""
    )
    assert "currency: 'UDS' is not a currency code (did you mean USD?)" in refused(
        capsys, "entry", "edit", "1", "--currency", "UDS"
    )
    assert "no contact named 'Zed'" in refused(capsys, "entry", "edit", "1", "--with", "Zed")
    assert "no group 'Rotary'" in refused(capsys, "entry", "edit", "1", "--group", "Rotary")
    assert "say what happened" in refused(
        capsys, "entry", "edit", "1", "--summary", "", "--notes", "", "--with", ""
    )
    assert main(["entry", "edit", "1", "--group", "BNI", "--no-group"]) == 2  # one or the other
    assert "not allowed with argument" in capsys.readouterr().err
    assert run_json(capsys, "timeline") == [logged]


def test_show_and_delete_of_an_unknown_id_are_refused(capsys: Capture, home: Path) -> None:
    assert refused(capsys, "entry", "show", "7") == (
        "journal: There is no timeline entry with id 7.\n"
    )
    assert "no timeline entry with id 7" in refused(capsys, "entry", "delete", "7", "--yes")


def test_delete_needs_yes_then_the_entry_is_gone(capsys: Capture, logged: dict[str, Any]) -> None:
    kept = run_json(capsys, "log", "call", "Another", "--when", "2025-05-01T10:00")
    err = refused(capsys, "entry", "delete", "1")
    assert "Coffee with Jane Doe, 2025-05-04 14:05 (#1)" in err
    assert "--yes" in err
    assert run_json(capsys, "timeline") == [logged, kept]
    assert run_json(capsys, "entry", "delete", "1", "--yes") == {**logged, "deleted": True}
    assert run_json(capsys, "timeline") == [kept]
    assert "no timeline entry with id 1" in refused(capsys, "entry", "show", "1")
    code, out, _ = run(capsys, "entry", "delete", str(kept["id"]), "--yes")
    assert (code, out.strip()) == (0, 'Deleted Call, 2025-05-01 10:00 (#2) "Another".')


def test_delete_says_the_follow_ups_made_from_it_stay(capsys: Capture, home: Path) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane")
    quick = run_json(capsys, "quick", "coffee @Jane talked shop >2w")
    assert run_json(capsys, "followup", "list")[0]["interaction_id"] == quick["id"]
    code, out, _ = run(capsys, "entry", "delete", str(quick["id"]), "--yes")
    assert code == 0
    assert out.strip().endswith(" 1 follow-up made from it stays, no longer linked to it.")
    [followup] = run_json(capsys, "followup", "list")
    assert (followup["text"], followup["interaction_id"]) == ("talked shop", None)
