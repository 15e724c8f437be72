"""What the app does that the command line now does too: merge, group delete, relationships."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import Capture, refused, run, run_json


def _two_omars(capsys: Capture) -> tuple[int, int]:
    first = run_json(capsys, "contact", "add", "--given", "Omar", "--family", "Haddad",
                     "--email", "omar@example.org", "--tag", "bni")["id"]  # fmt: skip
    second = run_json(capsys, "contact", "add", "--given", "Omar", "--family", "Haddad",
                      "--phone", "+1 555 0100", "--notes", "Met at the fair")["id"]  # fmt: skip
    run_json(capsys, "log", "call", "--with", f"#{second}", "Talked about the lease")
    return first, second


def test_merge_keeps_everything_on_one_contact_and_a_copy_to_undo_it(
    capsys: Capture, home: Path
) -> None:
    first, second = _two_omars(capsys)
    code, out, err = run(capsys, "contact", "merge", f"#{first}", f"#{second}")
    assert code == 0, err
    assert out.startswith(f"Merged Omar Haddad (#{second}) into Omar Haddad (#{first}).")
    kept = run_json(capsys, "contact", "show", str(first))
    channels = {(c["kind"], c["value"]) for c in kept["channels"]}
    assert channels == {("email", "omar@example.org"), ("phone", "+1 555 0100")}
    assert kept["tags"] == ["bni"] and "Met at the fair" in kept["notes"]
    assert [e["summary"] for e in kept["recent"]] == ["Talked about the lease"]
    assert [c["id"] for c in run_json(capsys, "contact", "list")] == [first]
    # The copy taken just before puts both back.
    backup = out.split("`journal restore ")[1].split("`")[0]
    assert backup.endswith("-before-merge.sqlite3")
    code, _out, err = run(capsys, "restore", backup)
    assert code == 0, err
    assert {c["id"] for c in run_json(capsys, "contact", "list")} == {first, second}


def test_merge_says_json_and_refuses_one_contact_twice(capsys: Capture, home: Path) -> None:
    first, second = _two_omars(capsys)
    assert "are the same contact" in refused(capsys, "contact", "merge", str(first), str(first))
    data = run_json(capsys, "contact", "merge", str(first), str(second))
    assert data["id"] == first
    assert data["merged"] == {"id": second, "name": "Omar Haddad"}
    assert data["backup"].endswith("-before-merge.sqlite3")
    assert (home / "backups" / data["backup"]).exists()


def test_group_delete_needs_yes_then_the_group_and_its_meetings_are_gone(
    capsys: Capture, home: Path
) -> None:
    run_json(capsys, "group", "add", "Chamber", "--joined", "2025-01-06")
    run_json(capsys, "attend", "Chamber", "--date", "2025-02-03")
    run_json(capsys, "log", "coffee", "Coffee after the breakfast", "--group", "Chamber")
    err = refused(capsys, "group", "delete", "Chamber")
    assert "--yes" in err and "1 meeting" in err and "journal group edit 1 --left" in err
    assert [g["name"] for g in run_json(capsys, "group", "list")] == ["Chamber"]
    shown = run_json(capsys, "group", "show", "Chamber", "--meetings", "0")
    assert run_json(capsys, "group", "delete", "Chamber", "--yes") == {**shown, "deleted": True}
    assert run_json(capsys, "group", "list") == []
    # The entry stays, without its group.
    (entry,) = run_json(capsys, "timeline")
    assert entry["summary"] == "Coffee after the breakfast" and not entry.get("group")
    assert "no group" in refused(capsys, "group", "delete", "Chamber", "--yes").casefold()


def test_relationships_are_said_shown_replaced_and_removed(capsys: Capture, home: Path) -> None:
    omar = run_json(capsys, "contact", "add", "--given", "Omar", "--family", "Haddad")["id"]
    ann = run_json(capsys, "contact", "add", "--given", "Ann", "--family", "Lee")["id"]
    relate = ["--relate", "Omar Haddad", "business partner", "--relate", "Ann Lee", ""]
    jane = run_json(capsys, *["contact", "add", "--given", "Jane", "--family", "Doe"], *relate)
    assert jane["relations"] == [
        {"id": ann, "name": "Ann Lee", "kind": ""},
        {"id": omar, "name": "Omar Haddad", "kind": "business partner"},
    ]  # fmt: skip
    # Shown on both cards.
    code, out, _ = run(capsys, "contact", "show", "Omar Haddad")
    assert code == 0
    assert "Related to  Jane Doe (business partner)" in out
    edited = run_json(capsys, "contact", "edit", "Jane Doe", "--relate", "Omar", "spouse",
                      "--unrelate", "Ann Lee")  # fmt: skip
    assert edited["relations"] == [{"id": omar, "name": "Omar Haddad", "kind": "spouse"}]
    assert run_json(capsys, "contact", "show", str(ann))["relations"] == []
    # Other changes leave them as they are.
    assert (
        run_json(capsys, "contact", "edit", "Jane Doe", "--title", "CEO")["relations"]
        == (edited["relations"])
    )
    err = refused(capsys, "contact", "edit", "Jane Doe", "--relate", "Jane Doe", "friend")
    # Said of the one --relate given, not numbered among the relationships Jane has.
    assert err == "journal: relationship: a contact cannot be related to themselves\n"
    twice = run(capsys, "contact", "edit", "Jane Doe", "--relate", "Ann Lee", "friend",
                "--relate", str(ann), "colleague")  # fmt: skip
    assert twice == (2, "", f"journal: --relate names #{ann} twice; give each person once\n")
    assert run_json(capsys, "contact", "show", str(ann))["relations"] == []  # nothing saved
    both = run(capsys, "contact", "edit", "Jane Doe", "--relate", "Ann Lee", "friend",
               "--unrelate", str(ann))  # fmt: skip
    assert both == (
        2,
        "",
        f"journal: --relate and --unrelate both name #{ann}; say either, not both\n",
    )
    assert run_json(capsys, "contact", "show", str(ann))["relations"] == []


def test_adding_someone_already_there_says_so_and_how_to_merge(capsys: Capture, home: Path) -> None:
    first = run_json(capsys, "contact", "add", "--given", "Omar", "--family", "Haddad",
                     "--org", "Kite", "--email", "omar@example.org")["id"]  # fmt: skip
    code, out, err = run(capsys, "contact", "add", "--given", "omar", "--family", "haddad")
    assert code == 0 and out.startswith("Added omar haddad")  # namesakes are real: added
    second = first + 1
    assert err.strip() == (
        f"journal: note: Omar Haddad (#{first}, Kite) has that name too; if they are one "
        f"person: journal contact merge {first} {second}"
    )
    code, _out, err = run(capsys, "contact", "add", "--given", "O", "--email", "OMAR@example.org")
    assert code == 0 and "has the e-mail omar@example.org too" in err  # as they have it
    code, _out, err = run(capsys, "contact", "add", "--given", "Ann")
    assert (code, err) == (0, "")
    # Scripts get them in the JSON instead, and a clean stderr.
    again = run_json(capsys, "contact", "add", "--given", "Ann")
    assert again["possible_duplicates"] == [{"id": second + 2, "name": "Ann", "reason": "name"}]
    assert run_json(capsys, "contact", "add", "--given", "Bo")["possible_duplicates"] == []


def test_commands_that_change_or_remove_someone_want_the_whole_name(
    capsys: Capture, home: Path
) -> None:
    bob = run_json(capsys, "contact", "add", "--given", "Bob", "--family", "Smith")["id"]
    other = run_json(capsys, "contact", "add", "--given", "Ann")["id"]
    run_json(capsys, "group", "add", "Club")
    run_json(capsys, "group", "member", "add", "Club", "Bob")  # adding: first words will do
    for argv in (
        ("contact", "delete", "Bob", "--yes"),
        ("contact", "archive", "Bob"),
        ("contact", "edit", "Bob", "--title", "CEO"),
        ("contact", "merge", str(other), "Bob"),
        ("group", "member", "remove", "Club", "Bob"),
    ):
        said = refused(capsys, *argv)
        assert "'Bob' is not the whole name of anyone" in said, argv
        assert f"give the whole name or the id: {bob} (Bob Smith)" in said, argv
    shown = run_json(capsys, "contact", "show", "Bob")  # reading: they will
    assert (shown["id"], shown["title"], shown["archived"]) == (bob, "", False)
    assert [g["name"] for g in shown["groups"]] == ["Club"]
    jones = run_json(capsys, "contact", "add", "--given", "Bob", "--family", "Jones")["id"]
    said = refused(capsys, "contact", "archive", "Bob")
    assert f"the id: {jones} (Bob Jones), {bob} (Bob Smith)" in said
    assert "no contact named 'Bobby'" in refused(capsys, "contact", "archive", "Bobby")
    assert run_json(capsys, "contact", "delete", "Bob Smith", "--yes")["deleted"]


def test_only_the_newest_merge_copies_are_kept(
    capsys: Capture, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.store import backup

    monkeypatch.setattr(backup, "KEEP_BEFORE_MERGE", 2)
    kept = run_json(capsys, "contact", "add", "--given", "Kept")["id"]
    copies = []
    for n in range(3):
        other = run_json(capsys, "contact", "add", "--given", f"Other {n}")["id"]
        copies.append(run_json(capsys, "contact", "merge", str(kept), str(other))["backup"])
    run_json(capsys, "backup")  # another reason's copy is left alone
    names = {b["name"] for b in run_json(capsys, "restore", "--list")}
    assert copies[1] in names and copies[2] in names and copies[0] not in names
    assert len(names) == 3


def test_leaving_a_group_withdraws_the_apologies_sent_ahead(capsys: Capture, home: Path) -> None:
    """As the app's group form and review do: apologies ahead are no reason to refuse."""
    from cli_helpers import TODAY

    run_json(capsys, "group", "add", "Chamber", "--joined", "2025-01-06")
    run_json(capsys, "attend", "Chamber", "--date", "2025-02-03")
    ahead = (TODAY + dt.timedelta(days=9)).isoformat()
    run_json(capsys, "attend", "Chamber", "--date", ahead, "--excused")
    code, out, err = run(capsys, "group", "edit", "Chamber", "--left", TODAY.isoformat())
    assert code == 0, err
    assert f"Leaving withdrew your apologies for 1 meeting: {ahead}." in out
    shown = run_json(capsys, "group", "show", "Chamber")
    assert shown["left_on"] == TODAY.isoformat()
    assert [m["held_on"] for m in shown["meetings"]] == ["2025-02-03"]
    again = run_json(capsys, "group", "edit", "Chamber", "--notes", "gone")
    assert again["apologies_withdrawn"] == []
