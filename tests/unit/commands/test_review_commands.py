"""`journal review`, `journal settings` and `journal log --meeting`, run in-process.

The command line works on today's date (the stopped clock's, cli_helpers.TODAY), so the journals
here are built relative to it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import TODAY

from journal.cli import main

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: Capture, *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def refused(capsys: Capture, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert err.startswith("journal: ") and "Traceback" not in err
    return err.strip()


def _ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def _club(capsys: Capture, name: str = "Chamber", joined_days_ago: int = 400) -> int:
    data = run_json(
        capsys, "group", "add", name, "--joined", _ago(joined_days_ago), "--cadence", "monthly",
        "--meeting-minutes", "120", "--dues", "350", "--currency", "USD", "--dues-period", "year",
    )  # fmt: skip
    for days in (300, 200, 100, 30):
        run_json(capsys, "attend", name, "--date", _ago(days), "--rating", "worth_it")
    return int(data["id"])


def test_an_empty_journal_has_nothing_to_review(capsys: Capture, home: Path) -> None:
    data = run_json(capsys, "review")
    assert data["groups"] == [] and data["people_to_keep"] == []
    assert data["due"] == {"due_on": None, "is_due": False, "last_review": None}
    assert data["settings"] == {
        "hour_value": None,
        "review_cadence": "quarterly",
        "relationship_months": 6,
        "review_months": 12,
    }
    code, out, _ = run(capsys, "review")
    assert code == 0
    assert "No current memberships to review" in out
    assert "Value of an hour: not set" in out


def test_review_prints_figures_recommendation_reasons_and_people(
    capsys: Capture, home: Path
) -> None:
    gid = _club(capsys)
    jane = run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe")["id"]
    run_json(capsys, "group", "member", "add", "Chamber", "Jane Doe")
    run_json(
        capsys, "log", "business_won", "Signed the shop", "--with", "Jane Doe",
        "--group", "Chamber", "--when", _ago(50), "--amount", "5000", "--currency", "USD",
    )  # fmt: skip
    run_json(capsys, "log", "coffee", "Catch-up", "--with", "Jane Doe", "--when", _ago(20))
    run_json(capsys, "settings", "set", "hour-value", "50", "usd")
    data = run_json(capsys, "review")
    (group,) = data["groups"]
    assert group["group"] == {"id": gid, "name": "Chamber"}
    assert (group["recommendation"], group["rule"]) == ("keep", "pays_for_itself")
    codes = [r["code"] for r in group["reasons"]]
    assert codes[:2] == ["pays_for_itself", "brought_business"]
    figures = group["figures"]
    assert figures["hours"]["meetings"] == "8.0"
    assert figures["time_cost"] == {"amount": "400.00", "currency": "USD"}
    assert figures["returns"]["business"] == [{"amount": "5000.00", "currency": "USD"}]
    assert figures["meetings"]["attended"] == 4
    # `group show` states the attendance in the same shape, with the same figures.
    shown = run_json(capsys, "group", "show", "Chamber")["attendance"]
    assert {key: shown[key] for key in figures["attendance"]} == figures["attendance"]
    assert [p["id"] for p in group["people_to_keep"]] == [jane]
    assert data["people_to_keep"][0]["groups"] == [{"id": gid, "name": "Chamber"}]
    assert len(group["upcoming_meetings"]) == 3
    assert group["trend"][-1]["quarter"].startswith(str(TODAY.year))
    code, out, _ = run(capsys, "review")
    assert code == 0
    assert "Chamber (#1): KEEP" in out
    assert "+ It pays for itself" in out
    assert "Jane Doe" in out
    assert "By quarter" not in out  # the trend table is for one group at a time
    code, out, _ = run(capsys, "review", "--group", "chamber")
    assert code == 0
    assert "By quarter" in out and "Next meetings" in out


def test_review_refuses_bad_days_and_groups_not_current(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Old", "--joined", "2019-01-01")
    run_json(capsys, "group", "edit", "Old", "--left", "2020-01-01")
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert f"as of: {tomorrow} is in the future" in refused(capsys, "review", "--as-of", tomorrow)
    assert "not a date" in refused(capsys, "review", "--as-of", "soon")
    assert "is not a current membership" in refused(capsys, "review", "--group", "Old")
    past = run_json(capsys, "review", "--as-of", "2019-06-01")
    assert [g["group"]["name"] for g in past["groups"]] == ["Old"]
    assert past["groups"][0]["recommendation"] == "too_early"


def test_settings_show_and_set(capsys: Capture, home: Path) -> None:
    code, out, _ = run(capsys, "settings")
    assert code == 0 and "hour-value           not set" in out
    data = run_json(capsys, "settings", "set", "hour-value", "80,50", "eur")
    assert data["hour_value"] == {"amount": "80.50", "currency": "EUR"}
    assert run_json(capsys, "settings", "set", "review-cadence", "twice-yearly")[
        "review_cadence"
    ] == ("twice_yearly")
    assert run_json(capsys, "settings", "set", "relationship-months", "9")["relationship_months"]
    assert run_json(capsys, "settings", "set", "review-months", "6")["review_months"] == 6
    assert run_json(capsys, "settings", "set", "hour-value", "none")["hour_value"] is None
    assert run_json(capsys, "settings")["relationship_months"] == 9


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("hour-value", "80"), "hour-value: give an amount and a currency (80 EUR), or none"),
        (("hour-value", "-3", "EUR"), "value of an hour: cannot be negative (got -3)"),
        (
            ("hour-value", "80", "euros"),
            "currency of an hour: 'euros' is not a currency code (did you mean EUR?)",
        ),
        (
            ("review-cadence", "weekly"),
            "review-cadence: 'weekly' is not one of: monthly, quarterly, twice-yearly, yearly",
        ),
        (("review-months", "0"), "review period (months): must be between 1 and 120 (got 0)"),
        (("relationship-months", "a few"), "relationship-months: 'a few' is not a whole number"),
        (("review-cadence", "yearly", "now"), "review-cadence: takes one value"),
        (("colour", "blue"), "setting: 'colour' is not one of: hour-value"),
    ],
)
def test_settings_refuse_mistakes(
    capsys: Capture, home: Path, argv: tuple[str, ...], message: str
) -> None:
    assert message in refused(capsys, "settings", "set", *argv)
    assert run_json(capsys, "settings")["hour_value"] is None  # nothing changed


@pytest.mark.parametrize("decision", ["leave", "reduce"])
def test_deciding_changes_the_membership_only_with_apply_status(
    capsys: Capture, home: Path, decision: str
) -> None:
    _club(capsys)
    run_json(capsys, "review", "decide", "Chamber", decision)
    assert run_json(capsys, "group", "show", "Chamber")["status"] == "active"
    run_json(capsys, "review", "decide", "Chamber", decision, "--apply-status")
    after = {"leave": "left", "reduce": "reduced"}[decision]
    assert run_json(capsys, "group", "show", "Chamber")["status"] == after


def test_decide_list_show_and_history(capsys: Capture, home: Path) -> None:
    gid = _club(capsys)
    data = run_json(capsys, "review", "decide", "Chamber", "Keep", "--note", "Less often")
    assert data["decisions"][0]["decision"] == "keep"
    assert data["decisions"][0]["recommendation"] == "reduce"  # overruled
    assert data["decisions"][0]["figures"]["group"] == {"id": gid, "name": "Chamber"}
    assert run_json(capsys, "group", "show", "Chamber")["status"] == "active"
    run_json(capsys, "review", "decide", "Chamber", "leave", "--apply-status", "--as-of", _ago(1))
    group = run_json(capsys, "group", "show", "Chamber")
    assert (group["status"], group["left_on"]) == ("left", _ago(1))
    listed = run_json(capsys, "review", "list")
    assert [(r["as_of"], r["decisions"][0]["decision"]) for r in listed] == [
        (TODAY.isoformat(), "keep"),
        (_ago(1), "leave"),
    ]
    code, out, _ = run(capsys, "review", "list")
    assert code == 0
    assert "Chamber: keep (suggested reduce)" in out
    assert "Chamber: leave (suggested reduce)" in out
    shown = run_json(capsys, "review", "show", str(data["id"]))
    assert shown["decisions"][0]["note"] == "Less often"
    code, out, _ = run(capsys, "review", "show", f"#{data['id']}")
    assert code == 0
    assert "Decided        keep" in out and "+ " in out
    history = run_json(capsys, "review", "history", "Chamber")
    assert [h["decision"] for h in history] == ["keep", "leave"]
    code, out, _ = run(capsys, "review", "history", "Chamber")
    assert code == 0
    assert "Less often" in out
    assert "There is no review with id 99" in refused(capsys, "review", "show", "99")


def test_decide_later_records_the_group_as_left_open(capsys: Capture, home: Path) -> None:
    _club(capsys)
    data = run_json(capsys, "review", "decide", "Chamber", "later", "--apply-status")
    assert data["decisions"][0]["decision"] == "later"
    # "later" changes no membership, even when asked to apply the decision.
    assert run_json(capsys, "group", "show", "Chamber")["status"] == "active"
    code, out, _ = run(capsys, "review", "list")
    assert code == 0 and "Chamber: later (suggested reduce)" in out


def test_decide_refuses_mistakes_and_records_nothing(capsys: Capture, home: Path) -> None:
    _club(capsys)
    err = refused(capsys, "review", "decide", "Chamber", "stay")
    assert err == "journal: decision: 'stay' is not one of: keep, reduce, leave, later"
    assert "There is no group 'Nowhere'" in refused(capsys, "review", "decide", "Nowhere", "keep")
    err = refused(capsys, "review", "decide", "Chamber", "keep", "--as-of", _ago(401))
    assert f"Chamber was joined on {_ago(400)}, after this review's day ({_ago(401)})" in err
    # A group left by the review's day is no membership to decide about any more.
    run_json(capsys, "group", "edit", "Chamber", "--left", _ago(10))
    err = refused(capsys, "review", "decide", "Chamber", "keep")
    assert err == (
        f"journal: group: you left Chamber on {_ago(10)}; a review decides about the "
        "memberships you still have"
    )
    # As of a day before it was left, it still was one.
    run_json(capsys, "review", "decide", "Chamber", "keep", "--as-of", _ago(11))
    # A group with no day joined, added today, was unknown a week ago.
    run_json(capsys, "group", "add", "Rotary")
    err = refused(capsys, "review", "decide", "Rotary", "later", "--as-of", _ago(7))
    assert err == (
        f"journal: group: Rotary was added to the journal after this review's day "
        f"({_ago(7)}); decide about it in a later review"
    )
    assert [r["decisions"][0]["group"]["name"] for r in run_json(capsys, "review", "list")] == [
        "Chamber"
    ]


def test_decide_refuses_a_group_left_today(capsys: Capture, home: Path) -> None:
    _club(capsys)
    run_json(capsys, "group", "edit", "Chamber", "--status", "left")  # left today
    err = refused(capsys, "review", "decide", "Chamber", "leave", "--apply-status")
    assert f"you left Chamber on {_ago(0)}; a review decides" in err
    assert run_json(capsys, "review", "list") == []
    code, out, _ = run(capsys, "review", "list")
    assert code == 0
    assert "No review recorded yet" in out


def test_record_a_whole_review_from_json(
    capsys: Capture, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _club(capsys, "Chamber")
    _club(capsys, "Breakfast Club")
    jane = run_json(capsys, "contact", "add", "--given", "Jane")["id"]
    review = {
        "as_of": _ago(2),
        "notes": "Quarterly look",
        "decisions": [
            {"group": "Chamber", "decision": "keep", "note": "Still worth it"},
            {"group": 2, "decision": "leave", "apply_status": True},
        ],
        "stay_in_touch": [{"contact": "Jane", "days": 30}],
    }
    path = tmp_path / "review.json"
    path.write_text(json.dumps(review), encoding="utf-8")
    data = run_json(capsys, "review", "record", "--json-file", str(path))
    assert data["as_of"] == _ago(2) and data["notes"] == "Quarterly look"
    assert {d["group"]["name"]: d["decision"] for d in data["decisions"]} == {
        "Breakfast Club": "leave",
        "Chamber": "keep",
    }
    assert run_json(capsys, "group", "show", "2")["status"] == "left"
    assert run_json(capsys, "contact", "show", str(jane))["stay_in_touch_days"] == 30
    # The same shape read from standard input.
    review["decisions"] = [{"group": "Chamber", "decision": "reduce"}]
    del review["stay_in_touch"]
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(review)))
    assert run_json(capsys, "review", "record", "--json-file", "-")["decisions"][0]["decision"] == (
        "reduce"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ("[]", "review: the file must hold one JSON object"),
        ('{"decisions": [], "colour": 1}', "review: unknown key 'colour'"),
        ('{"decisions": {}}', "decisions: must be a list of decisions"),
        ('{"decisions": [{"group": "Chamber"}]}', 'decisions[0]: must be an object with "group"'),
        ('{"decisions": [{"group": "Chamber", "decision": 3}]}', "decisions[0].decision: must be"),
        (
            '{"decisions": [{"group": "Chamber", "decision": "keep", "apply_status": "yes"}]}',
            "decisions[0].apply_status: must be true or false",
        ),
        (
            '{"decisions": [{"group": "Nowhere", "decision": "keep"}]}',
            "decisions[0].group: There is no group 'Nowhere'",
        ),
        (
            '{"decisions": [{"group": "Chamber", "decision": "keep"}, '
            '{"group": "Chamber", "decision": "stay"}]}',
            "decisions[1].decision: 'stay' is not one of: keep, reduce, leave, later",
        ),
        ('{"decisions": []}', "decisions: decide about at least one group"),
        (
            '{"decisions": [{"group": "Chamber", "decision": "keep"}], "stay_in_touch": '
            '[{"contact": "Nobody", "days": 30}]}',
            "stay_in_touch[0].contact: There is no contact named 'Nobody'",
        ),
        (
            '{"decisions": [{"group": "Chamber", "decision": "keep"}], "stay_in_touch": '
            '[{"contact": " ", "days": 30}]}',
            "journal: stay_in_touch[0].contact: is empty; give the contact's id or name",
        ),
        (
            '{"decisions": [{"group": "", "decision": "keep"}]}',
            "journal: decisions[0].group: is empty; give the group's id or name",
        ),
        (
            '{"decisions": [{"group": "Chamber", "decision": "keep"}], "stay_in_touch": '
            '[{"contact": "Chamber", "days": "often"}]}',
            "stay_in_touch[0].days: must be a whole number",
        ),
        (
            '{"as_of": "2020-13-01", "decisions": [{"group": "Chamber", "decision": "keep"}]}',
            "as_of: '2020-13-01' is not a date",
        ),
        (
            '{"decisions": [{"group": "Chamber", "decision": "keep"}], "stay_in_touch": '
            '[{"contact": "Jane Doe", "days": 30}, {"contact": "Jane Doe", "days": 0}]}',
            "journal: stay_in_touch[1].days: must be between 1 and 3650 (got 0)",
        ),
        (
            '{"decisions": [{"group": "Chamber", "decision": "keep"}], "stay_in_touch": '
            '[{"contact": "Jane Doe", "days": 30}, {"contact": "1", "days": 90}]}',
            "journal: stay_in_touch[1].contact: #1 is listed twice",
        ),
    ],
)
def test_record_refuses_bad_files_and_records_nothing(
    capsys: Capture, home: Path, tmp_path: Path, content: str, message: str
) -> None:
    _club(capsys)
    run_json(capsys, "contact", "add", "Jane Doe")  # contact #1
    path = tmp_path / "review.json"
    path.write_text(content, encoding="utf-8")
    assert message in refused(capsys, "review", "record", "--json-file", str(path))
    assert run_json(capsys, "review", "list") == []


def test_record_refuses_a_missing_file(capsys: Capture, home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    err = refused(capsys, "review", "record", "--json-file", str(missing))
    assert f"{missing}: cannot read it" in err


def test_log_at_a_meeting(capsys: Capture, home: Path) -> None:
    _club(capsys)
    entry = run_json(
        capsys, "log", "referral_received", "A bakery", "--group", "Chamber",
        "--meeting", _ago(30), "--estimated", "800", "--currency", "EUR",
    )  # fmt: skip
    assert entry["group"]["name"] == "Chamber"
    figures = run_json(capsys, "review")["groups"][0]["figures"]
    assert figures["returns"]["estimated"] == [{"amount": "800.00", "currency": "EUR"}]
    err = refused(capsys, "log", "learning", "Talk", "--meeting", _ago(30))
    assert "meeting: say which group's meeting with --group" in err
    err = refused(capsys, "log", "learning", "Talk", "--group", "Chamber", "--meeting", _ago(29))
    assert f"Chamber has no meeting recorded on {_ago(29)}" in err


def test_an_overdue_review_says_since_when_not_due_now(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Old club", "--joined", "2024-01-10")
    # A membership of years written down today is not "overdue since 2024-04-10": the
    # journal has nothing of it to review yet. Its first review comes a quarter on.
    code, out, _ = run(capsys, "review")
    assert code == 0
    due = run_json(capsys, "review")["due"]["due_on"]
    assert dt.date.fromisoformat(due) > dt.date.today() + dt.timedelta(days=80)
    assert f"Next quarterly review due {due}." in out and "overdue" not in out
    code, out, _ = run(capsys, "today")
    assert "review" not in out.casefold()
    run_json(capsys, "review", "decide", "Old club", "keep", "--as-of", _ago(120))
    code, out, _ = run(capsys, "review")
    due = run_json(capsys, "review")["due"]["due_on"]
    assert f"The quarterly review is overdue since {due}; the last one was as of" in out
    run_json(capsys, "review", "decide", "Old club", "keep")
    code, out, _ = run(capsys, "review")
    assert "Next quarterly review due " in out and "overdue" not in out


def test_the_review_counts_one_in_the_singular(capsys: Capture, home: Path) -> None:
    run_json(
        capsys, "group", "add", "Club", "--joined", _ago(400), "--required-attendance", "75",
        "--cadence", "monthly",
    )  # fmt: skip
    for days in (90, 60, 30):
        run_json(capsys, "attend", "Club", "--date", _ago(days), "--rating", "worth_it")
    run_json(capsys, "settings", "set", "relationship-months", "1")
    code, out, _ = run(capsys, "review")
    assert code == 0
    # 3 of 3; one miss makes 3 of 4 (75 %), two make 3 of 5: one miss is allowed.
    assert "required 75%: 1 more miss allowed" in out
    assert "1 more misses" not in out
    assert "(last 1 month)" in out
    assert "the journal has 3 recorded" in out and "3 are recorded" not in out


def test_a_short_attendance_record_states_the_fact_calmly(capsys: Capture, home: Path) -> None:
    run_json(capsys, "group", "add", "Club", "--joined", _ago(400), "--required-attendance", "75")
    run_json(capsys, "attend", "Club", "--date", _ago(10), "--rating", "worth_it")
    code, out, _ = run(capsys, "review")
    assert code == 0
    assert (
        "1 of the last 1 meeting not excused (100%), required 75%: with 1 meeting counted so far, "
        "one miss would put you at 50%"
    ) in out
    assert "+ The one meeting you rated was worth it." in out
    assert "1 of the 1 meetings" not in out
    assert "its last 1 meeting;" in out  # the reason itself is unchanged, but in the singular


def test_a_group_without_a_join_date_is_not_said_to_be_joined_0_days_ago(
    capsys: Capture, home: Path
) -> None:
    gid = run_json(capsys, "group", "add", "Undated")["id"]
    run_json(capsys, "attend", "Undated")
    code, out, _ = run(capsys, "review")
    assert code == 0
    assert "joined 0 days ago" not in out
    assert "the day you joined is not set" in out
    assert f"To set it: journal group edit {gid} --joined YYYY-MM-DD" in out
    past = run_json(capsys, "review", "--as-of", "2020-01-01")
    assert past["groups"] == []
    code, out, _ = run(capsys, "review", "--as-of", "2020-01-01")
    assert "No membership had begun by 2020-01-01" in out
    assert "joined 0 days ago" not in out


def test_past_reviews_speak_in_words_and_hours_as_the_review_does(
    capsys: Capture, home: Path
) -> None:
    _club(capsys)  # four meetings of two hours: 8 h
    run_json(capsys, "group", "add", "Fresh", "--joined", _ago(5))
    run_json(capsys, "review", "decide", "Fresh", "keep")
    _, out, _ = run(capsys, "review", "list")
    assert "Fresh: keep (suggested too early)" in out
    assert "too_early" not in out
    review_id = run_json(capsys, "review", "decide", "Chamber", "keep")["id"]
    _, out, _ = run(capsys, "review", "show", str(review_id))
    assert "Hours          8 h" in out
    assert "8.0" not in out
    _, out, _ = run(capsys, "review", "history", "Chamber")
    assert " 8 h " in out and "8.0" not in out


def test_the_reviews_day_may_come_before_decide(capsys: Capture, home: Path) -> None:
    _club(capsys)
    # `review --as-of` and `review decide --as-of` are the same day, either side of decide.
    run_json(capsys, "review", "--as-of", _ago(20), "decide", "Chamber", "keep")
    run_json(capsys, "review", "decide", "Chamber", "keep", "--as-of", _ago(10))
    run_json(capsys, "review", "decide", "Chamber", "keep")
    days = [r["as_of"] for r in run_json(capsys, "review", "list")]
    assert sorted(days) == [_ago(20), _ago(10), _ago(0)]
