"""`journal today`, `followup`, `introduce`, `suggestions`, `keep-in-touch`, `digest` and
`export --format ics`, run in-process against a journal of the test's own."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import icalendar
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import TODAY, Capture, refused, run, run_json

from journal.cli import main


def _people(capsys: Capture) -> tuple[int, int]:
    jane = run_json(
        capsys,
        "contact",
        "add",
        "--given",
        "Jane",
        "--family",
        "Doe",
        "--stage",
        "friend",
        "--needs",
        "a bookkeeper",
        "--met-on",
        (TODAY - dt.timedelta(days=60)).isoformat(),
    )["id"]
    omar = run_json(
        capsys,
        "contact",
        "add",
        "--given",
        "Omar",
        "--family",
        "Haddad",
        "--offers",
        "bookkeeping",
        "--met-on",
        (TODAY - dt.timedelta(days=5)).isoformat(),
    )["id"]
    return jane, omar


def test_followup_add_list_snooze_done(capsys: Capture, home: Path) -> None:
    jane, omar = _people(capsys)
    # Words after the options need no quotes.
    made = run_json(capsys, "followup", "add", "Jane Doe", "--in", "2w", "Send", "the", "deck")
    assert made["text"] == "Send the deck"
    assert made["contact"] == {"id": jane, "name": "Jane Doe"}
    assert made["due_on"] == (TODAY + dt.timedelta(days=14)).isoformat()
    assert made["status"] == "upcoming"
    late_day = (TODAY - dt.timedelta(days=2)).isoformat()
    late = run_json(capsys, "followup", "add", str(omar), "Call back", "--due", late_day)
    assert (late["status"], late["days_overdue"]) == ("overdue", 2)

    listed = run_json(capsys, "followup", "list")
    assert [f["id"] for f in listed] == [late["id"], made["id"]]
    code, out, _ = run(capsys, "followup", "list")
    assert code == 0 and "2 days overdue" in out and "Send the deck" in out

    snoozed = run_json(capsys, "followup", "snooze", str(late["id"]), "--for", "3d")
    assert snoozed["shows_on"] == (TODAY + dt.timedelta(days=3)).isoformat()
    assert snoozed["due_on"] == late_day
    # --in, as `followup add` takes it, says the same.
    again = run_json(capsys, "followup", "snooze", str(late["id"]), "--in", "1w")
    assert again["shows_on"] == (TODAY + dt.timedelta(days=7)).isoformat()
    snoozed = run_json(capsys, "followup", "snooze", str(late["id"]), "--for", "3d")
    done = run_json(capsys, "followup", "done", str(made["id"]))
    assert done["status"] == "done" and done["done_at"].endswith("Z")
    assert [f["id"] for f in run_json(capsys, "followup", "list")] == [late["id"]]
    assert len(run_json(capsys, "followup", "list", "--all")) == 2
    assert run_json(capsys, "followup", "done", str(made["id"]), "--undo")["status"] == "upcoming"
    moved = run_json(capsys, "followup", "reschedule", str(late["id"]), "--due", TODAY.isoformat())
    assert (moved["due_on"], moved["snoozed_until"], moved["status"]) == (
        TODAY.isoformat(),
        None,
        "due",
    )
    assert run_json(capsys, "followup", "list", "--contact", "Omar Haddad")[0]["id"] == late["id"]
    before = run_json(capsys, "followup", "list", "--contact", "Omar Haddad")[0]
    assert run_json(capsys, "followup", "delete", str(late["id"])) == {**before, "deleted": True}


def test_followup_mistakes(capsys: Capture, home: Path) -> None:
    _people(capsys)
    assert "not a span of time" in refused(capsys, "followup", "add", "1", "x", "--in", "2x")
    assert "due date" in refused(capsys, "followup", "add", "1", "x", "--due", "tomorrow")
    assert "no contact named" in refused(capsys, "followup", "add", "Nobody", "x", "--in", "1d")
    assert "no follow-up with id 9" in refused(capsys, "followup", "done", "9")
    made = run_json(capsys, "followup", "add", "1", "x", "--in", "1d")
    assert "not after today" in refused(
        capsys, "followup", "snooze", str(made["id"]), "--until", TODAY.isoformat()
    )
    made_later = run_json(capsys, "followup", "add", "1", "y", "--in", "1w")
    assert "reschedule it" in refused(
        capsys, "followup", "snooze", str(made_later["id"]), "--for", "3d"
    )
    code, _, err = run(capsys, "followup", "add", "1", "x")  # neither --due nor --in
    assert code == 2 and "--due" in err
    code, _, err = run(capsys, "followup", "add", "1", "x", "--in", "1d", "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err
    assert len(run_json(capsys, "followup", "list")) == 2
    assert "not after today" in refused(
        capsys, "followup", "snooze", str(made["id"]), "--for", "0d"
    )
    # "--in 0d" is today, as "--due today" is.
    today = run_json(capsys, "followup", "add", "1", "z", "--in", "0d")
    assert today["due_on"] == TODAY.isoformat()


def test_today_json_and_text(capsys: Capture, home: Path) -> None:
    assert run(capsys, "today")[1].strip() == "Nothing needs you today."
    jane, omar = _people(capsys)
    run_json(capsys, "followup", "add", "1", "Send the deck", "--due", TODAY.isoformat())
    data = run_json(capsys, "today")
    assert data["today"] == TODAY.isoformat()
    assert [f["text"] for f in data["followups"]] == ["Send the deck"]
    assert [(f["contact"]["id"], f["grade"], f["every_days"]) for f in data["fading"]] == [
        (jane, "overdue", 30)
    ]
    assert data["fading"][0]["rhythm_from"] == "stage"
    assert [p["contact"]["id"] for p in data["new_people"]] == [omar]
    assert data["introductions"] == [
        {
            "needer": {"id": jane, "name": "Jane Doe"},
            "need": "a bookkeeper",
            "offerer": {"id": omar, "name": "Omar Haddad"},
            "offer": "bookkeeping",
            "match": 1.0,
            "score": data["introductions"][0]["score"],
        }
    ]
    assert data["meetings"] == []
    _, out, _ = run(capsys, "today")
    for heading in ("Follow-ups due", "Fading relationships", "New people", "Introductions"):
        assert heading in out


def test_introduce_and_suggestions(capsys: Capture, home: Path) -> None:
    jane, omar = _people(capsys)
    assert [s["offerer"]["id"] for s in run_json(capsys, "suggestions")] == [omar]
    entry = run_json(capsys, "introduce", "Jane Doe", "Omar Haddad")
    assert entry["kind"] == "introduction"
    assert entry["summary"] == "Introduced Jane Doe to Omar Haddad"
    assert {p["id"] for p in entry["people"]} == {jane, omar}
    for person in ("Jane Doe", "Omar Haddad"):
        assert [e["id"] for e in run_json(capsys, "timeline", "--contact", person)] == [entry["id"]]
    assert run_json(capsys, "suggestions") == []
    assert "two different people" in refused(capsys, "introduce", "1", "1")


def test_an_introduction_dated_before_the_latest_fifty_entries_is_said_once(
    capsys: Capture, home: Path
) -> None:
    jane, _omar = _people(capsys)
    for n in range(51):
        run_json(capsys, "log", "call", f"call {n}", "--with", str(jane))
    code, out, err = run(capsys, "introduce", "Jane Doe", "Omar Haddad", "--when", "2025-01-01")
    assert (code, err) == (0, "")
    assert out.startswith("Introduced Jane Doe to Omar Haddad (#")
    entries = run_json(capsys, "timeline", "--kind", "introduction")
    assert [e["occurred_at"][:10] for e in entries] == ["2025-01-01"]
    # With words of the user's own, it still says who met whom.
    _, out, _ = run(capsys, "introduce", "1", "2", "you two should talk")
    assert out.startswith("Introduced Jane Doe to Omar Haddad: you two should talk (#")


def test_dismissing_a_suggestion(capsys: Capture, home: Path) -> None:
    jane, omar = _people(capsys)
    dismissed = run_json(capsys, "suggestions", "dismiss", "1", "2", "a bookkeeper")
    assert dismissed == {
        "needer": {"id": jane, "name": "Jane Doe"},
        "offerer": {"id": omar, "name": "Omar Haddad"},
        "need": "bookkeep",
        "dismissed": True,
    }
    assert run_json(capsys, "suggestions") == []
    assert "limit" in refused(capsys, "suggestions", "--limit", "0")


def test_keep_in_touch(capsys: Capture, home: Path) -> None:
    jane, omar = _people(capsys)
    assert [r["contact"]["id"] for r in run_json(capsys, "keep-in-touch", "list")] == [jane]
    everyone = run_json(capsys, "keep-in-touch", "list", "--all")
    assert [r["contact"]["id"] for r in everyone] == [jane]  # Omar is new: no rhythm yet
    snoozed = run_json(capsys, "keep-in-touch", "snooze", "Jane Doe", "--for", "1w")
    assert snoozed == {
        "contact": {"id": jane, "name": "Jane Doe"},
        "reminder": "stay_in_touch",
        "snoozed_until": (TODAY + dt.timedelta(days=7)).isoformat(),
    }
    assert run_json(capsys, "keep-in-touch", "list") == []
    defaults = run_json(capsys, "keep-in-touch", "set", "--stage", "new", "10")
    assert defaults["stages"]["new"] == 10
    assert [r["contact"]["id"] for r in run_json(capsys, "keep-in-touch", "list", "--all")] == [
        jane,
        omar,
    ]
    assert run_json(capsys, "keep-in-touch", "set", "--tag", "board", "45")["tags"] == {"board": 45}
    assert (
        run_json(capsys, "keep-in-touch", "set", "--stage", "new", "none")["stages"]["new"] is None
    )
    assert run_json(capsys, "keep-in-touch", "reset", "--stage", "new")["stages"]["new"] is None
    assert (
        run_json(capsys, "keep-in-touch", "set", "--new-people", "5")["new_people_after_days"] == 5
    )
    code, out, _ = run(capsys, "keep-in-touch", "defaults")
    assert code == 0 and "tag #board" in out and "45 days" in out
    assert "whole number" in refused(capsys, "keep-in-touch", "set", "--stage", "friend", "often")
    assert "between 1 and 3650" in refused(capsys, "keep-in-touch", "set", "--stage", "friend", "0")


def test_digest(capsys: Capture, home: Path) -> None:
    data = run_json(capsys, "digest")
    assert (data["enabled"], data["time"], data["last_shown_on"]) == (True, "09:00", None)
    assert data["today"]["followups_due"] == 0
    assert run_json(capsys, "digest", "--time", "7:30", "--off")["time"] == "07:30"
    assert run_json(capsys, "digest")["enabled"] is False
    code, out, _ = run(capsys, "digest", "--on")
    assert code == 0 and "at 07:30" in out and "nothing due" in out
    assert "not a time of day" in refused(capsys, "digest", "--time", "25:00")


def test_export_ics(capsys: Capture, home: Path, tmp_path: Path) -> None:
    _people(capsys)
    run_json(capsys, "followup", "add", "1", "Send the deck", "--due", TODAY.isoformat())
    target = tmp_path / "follow-ups.ics"
    result = run_json(capsys, "export", "--format", "ics", "-o", str(target))
    assert result == {"format": "ics", "file": str(target.resolve()), "followups": 1}
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Follow up with Jane Doe: Send the deck"]
    assert events[0].decoded("dtstart") == TODAY
    assert "is a folder" in refused(capsys, "export", "--format", "ics", "-o", str(tmp_path))
    assert "cannot write" in refused(
        capsys, "export", "--format", "ics", "-o", str(tmp_path / "no" / "x.ics")
    )
    code, _, err = run(capsys, "export", "--format", "pdf", "-o", str(target))
    assert code == 2 and "invalid choice" in err


def test_export_ics_to_stdout(capsysbinary: pytest.CaptureFixture[bytes], home: Path) -> None:
    assert main(["export", "--format", "ics", "-o", "-"]) == 0
    out = capsysbinary.readouterr().out
    assert icalendar.Calendar.from_ical(out)["version"] == "2.0"


def test_todays_meetings_say_their_day_as_a_groups_next_meetings_do(
    capsys: Capture, home: Path
) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    weekday = tomorrow.strftime("%A").lower()
    run_json(capsys, "group", "add", "BNI", "--cadence", "weekly", "--weekday", weekday,
             "--joined", "2025-01-01")  # fmt: skip
    run_json(capsys, "attend", "BNI", "--date", tomorrow.isoformat(), "--excused")
    upcoming = run_json(capsys, "today")["meetings"]
    assert upcoming == [
        {
            "group": {"id": 1, "name": "BNI"},
            "date": tomorrow.isoformat(),
            "cadence": "weekly",
            "last_meeting_on": None,
            "attendance": "excused",
        }
    ]
    shown = run_json(capsys, "group", "show", "BNI")["upcoming_meetings"][0]
    assert shown == {"date": tomorrow.isoformat(), "attendance": "excused"}


def test_a_follow_up_long_past_due_is_taken_for_a_slip_of_the_year(
    capsys: Capture, home: Path
) -> None:
    from journal.core.followups import FollowUpDraft, edit_followup, followup_row
    from journal.store.models import FollowUp

    _people(capsys)
    year_ago = (TODAY - dt.timedelta(days=400)).isoformat()
    said = refused(capsys, "followup", "add", "1", "Send the deck", "--due", year_ago)
    assert f"due date: {year_ago} is more than a year ago; check the year" in said
    last_month = run_json(capsys, "followup", "add", "1", "Thank her", "--due",
                          (TODAY - dt.timedelta(days=30)).isoformat())  # fmt: skip
    assert last_month["days_overdue"] == 30
    # One already that old (written before this check) keeps its day when edited.
    FollowUp.update(due_on=TODAY - dt.timedelta(days=400)).execute()
    row = followup_row(last_month["id"])
    edit_followup(row.id, FollowUpDraft(row.due_on, "Thank her warmly", row.contact_id))
    assert followup_row(row.id).text == "Thank her warmly"


def test_done_twice_and_archived_twice_say_nothing_changed(capsys: Capture, home: Path) -> None:
    jane, _omar = _people(capsys)
    made = run_json(capsys, "followup", "add", "Jane Doe", "Call", "--in", "1d")
    first = run(capsys, "followup", "done", str(made["id"]))[1]
    assert first == f"Follow-up #{made['id']} done.\n"
    again = run(capsys, "followup", "done", str(made["id"]))[1]
    assert again == f"Follow-up #{made['id']} was already done on {TODAY.isoformat()}.\n"
    run(capsys, "followup", "done", str(made["id"]), "--undo")
    undone = run(capsys, "followup", "done", str(made["id"]), "--undo")[1]
    assert undone == f"Follow-up #{made['id']} was not done; it stays open.\n"

    assert run(capsys, "contact", "archive", "Jane Doe")[1] == f"Archived Jane Doe (#{jane}).\n"
    twice = run(capsys, "contact", "archive", "Jane Doe")[1]
    assert twice == f"Jane Doe (#{jane}) was already archived.\n"
    run(capsys, "contact", "archive", "Jane Doe", "--undo")
    back = run(capsys, "contact", "archive", "Jane Doe", "--undo")[1]
    assert back == f"Jane Doe (#{jane}) was already active.\n"


def test_contact_show_has_the_rhythm_that_applies_and_the_open_follow_ups(
    capsys: Capture, home: Path
) -> None:
    jane, _omar = _people(capsys)  # a friend met 60 days ago, never logged with: overdue
    late = (TODAY - dt.timedelta(days=3)).isoformat()
    run_json(capsys, "followup", "add", "Jane Doe", "Send the deck", "--due", late)
    run_json(capsys, "followup", "add", "Jane Doe", "--in", "2w")  # for her, no words
    shown = run_json(capsys, "contact", "show", "Jane Doe")
    assert shown["stay_in_touch_days"] is None  # none of her own
    rhythm = shown["stay_in_touch"]
    assert (rhythm["every_days"], rhythm["rhythm_from"], rhythm["grade"]) == (
        30,
        "stage",
        "overdue",
    )
    assert [(f["text"], f["days_overdue"]) for f in shown["follow_ups"]] == [
        ("Send the deck", 3),
        ("Follow up", 0),  # said, so no list shows a bare date
    ]
    code, out, _ = run(capsys, "contact", "show", "Jane Doe")
    assert code == 0
    assert "Stay in touch  every 30 days (the friend stage's) · 30 days overdue" in out
    in_two_weeks = (TODAY + dt.timedelta(days=14)).isoformat()
    assert (
        f"Follow up      3 days overdue: Send the deck\n               {in_two_weeks}: Follow up\n"
        in out
    )
    assert jane == shown["id"]
