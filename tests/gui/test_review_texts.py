"""Every reason the core can give has its own translatable sentence in the GUI."""

from __future__ import annotations

import re
from pathlib import Path

import journal.core.recommend as recommend
from journal.ui import review_texts

SOURCE = Path(recommend.__file__).read_text(encoding="utf-8")
CODES = sorted(set(re.findall(r'Reason\(\s*"([a-z_]+)"', SOURCE)))


def test_the_core_gives_the_reasons_the_readme_lists(qapp) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert len(CODES) >= 20
    for code in CODES:
        assert f"`{code}`" in readme, code


def test_each_reason_has_a_sentence_of_its_own(qapp) -> None:
    data = {
        "days": 20, "count": 3, "months": 6, "names": ["Jane", "Omar"], "referrals": 2,
        "business": [{"amount": "4500.00", "currency": "EUR"}],
        "costs": [{"amount": "620.00", "currency": "USD"}], "currency": "USD", "cost": "620.00",
        "worth_it": 2, "waste": 1, "rated": 3, "attended": 8, "counted": 10, "pct": 80,
        "required": 80, "given": 1, "expected": "12.0", "hours": "52.5", "recorded": 10,
        "estimated": [{"amount": "800", "currency": "USD"}], "joined_on": "2026-06-01",
        "first_meeting": "2026-11-24",
    }  # fmt: skip
    for code in CODES:
        text = review_texts.reason_text(code, data, "FALLBACK")
        assert text and text != "FALLBACK", code
        # No placeholder left unfilled: the only % is a percentage's, right after its figure.
        assert "%" not in re.sub(r"\d%", "", text), (code, text)
    assert review_texts.reason_text("unknown_code", data, "as stored") == "as stored"


def test_names_beyond_the_first_three_are_counted(qapp) -> None:
    text = review_texts.reason_text(
        "real_relationships", {"count": 5, "months": 6, "names": ["A", "B", "C"]}
    )
    assert text.endswith("A, B, C and 2 more.")


def test_amounts_in_several_currencies_stay_apart(qapp) -> None:
    both = [{"amount": "5", "currency": "USD"}, {"amount": "2.50", "currency": "EUR"}]
    assert review_texts.money_list(both) == "5 USD and 2.50 EUR"
    assert review_texts.money_list([]) == "nothing"


def test_counts_of_one_read_in_the_singular_as_in_the_command_line(qapp) -> None:
    one = {"worth_it": 1, "waste": 1, "rated": 1}
    assert review_texts.reason_text("meetings_worth_it", one) == (
        "The one meeting you rated was worth it."
    )
    assert review_texts.reason_text("meetings_waste", one) == (
        "The one meeting you rated was a waste of time."
    )
    assert review_texts.reason_text("meetings_worth_it", {"worth_it": 2, "rated": 3}) == (
        "2 of the 3 meetings you rated were worth it."
    )
    months = review_texts.reason_text(
        "real_relationships", {"count": 1, "months": 1, "names": ["A"]}
    )
    assert months == "You are in touch outside meetings with 1 member (last 1 month): A."
    recorded = review_texts.reason_text("unrecorded_meetings", {"expected": 12, "recorded": 1})
    assert "about 12 meetings in this period; the journal has 1 recorded" in recorded
    quota = review_texts.reason_text("referral_quota_unmet", {"expected": "1.0", "given": 0})
    assert quota == "It expects about 1 referral from you in this period; you gave 0."
    many = review_texts.reason_text("referral_quota_unmet", {"expected": "2.5", "given": 1})
    assert many == "It expects about 2.5 referrals from you in this period; you gave 1."


def test_a_missing_join_date_is_named_and_where_to_set_it(qapp) -> None:
    text = review_texts.reason_text("no_join_date", {"first_meeting": "2026-11-24"})
    assert "the day you joined is not set" in text and "2026-11-24" in text
    assert "Edit group" in text and "days ago" not in text
    known = review_texts.reason_text("no_join_date", {"known_since": "2026-11-20"})
    assert "the journal has known of this group since 2026-11-20" in known
    assert "Edit group" in known
    later = review_texts.reason_text("not_joined_yet", {"joined_on": "2026-06-01"})
    assert "you had not joined yet (you joined on 2026-06-01)" in later


def test_business_without_referrals_reads_as_the_command_line_says_it(qapp) -> None:
    business = [{"amount": "3000", "currency": "USD"}]
    text = review_texts.reason_text("brought_business", {"referrals": 0, "business": business})
    assert text == "It brought you 3,000 USD of business."
    both = review_texts.reason_text("brought_business", {"referrals": 2, "business": business})
    assert both == "It brought you 2 referrals and 3,000 USD of business."
    assert review_texts.reason_text("brought_business", {"referrals": 1}) == (
        "It brought you 1 referral."
    )
