"""Currency codes: ISO 4217's list, slips caught with what was likely meant, and codes a
journal already holds kept through an edit."""

from __future__ import annotations

import datetime as dt
import sys

import pycountry
import pytest

from journal.core import currencies
from journal.core.clock import FixedClock
from journal.core.errors import ValidationError
from journal.core.groups import GroupDraft, create_group, load_group_draft, update_group
from journal.core.interactions import (
    InteractionDraft,
    edit_interaction,
    load_interaction_draft,
    log_interaction,
)
from journal.core.settings import (
    SettingsDraft,
    default_currency,
    load_settings,
    save_settings,
    set_default_currency,
)
from journal.core.validate import currency
from journal.store import Journal
from journal.store.models import Group, Interaction, Setting

WHEN = dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.timezone.utc)


def test_the_codes_are_pycountrys_list() -> None:
    # Read from its data file without importing it: the same list as its own API gives.
    assert currencies.iso_codes() == {c.alpha_3 for c in pycountry.currencies}
    assert {"EUR", "USD", "JPY", "CHF", "INR", "XCG"} <= currencies.iso_codes()
    assert not {"UDS", "BTC", "EUE", "RMB"} & currencies.iso_codes()


def test_without_the_list_every_code_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    # A broken install (no pycountry data): the old three-letter check, not a crash.
    monkeypatch.setattr(currencies, "find_spec", lambda _name: None)
    monkeypatch.setitem(sys.modules, "pycountry", None)
    currencies.iso_codes.cache_clear()
    try:
        assert currencies.iso_codes() == frozenset()
        assert currency("currency", "btc", required=True) == "BTC"
    finally:
        currencies.iso_codes.cache_clear()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("UDS", ["USD"]),  # letters swapped
        ("GPB", ["GBP"]),
        ("EUE", ["EUR"]),  # one letter off
        ("YEN", ["JPY"]),  # what people call it
        ("RMB", ["CNY"]),
        ("EUROS", ["EUR"]),
        ("QQQ", []),
        ("US", []),
    ],
)
def test_what_a_slip_likely_meant(typed: str, meant: list[str]) -> None:
    assert currencies.likely_meant(typed) == meant


def test_a_slip_gets_at_most_three_guesses_common_ones_first() -> None:
    guesses = currencies.likely_meant("USE")
    assert guesses[0] == "USD" and 1 <= len(guesses) <= 3


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("uds", "'uds' is not a currency code (did you mean USD?)"),
        ("euros", "'euros' is not a currency code (did you mean EUR?)"),
        ("BTC", "'BTC' is not a currency code (e.g. EUR, USD, JPY)"),
        ("E1R", "'E1R' is not a currency code"),
    ],
)
def test_a_code_iso_does_not_know_is_refused(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        currency("currency", typed, required=True)
    assert caught.value.field == "currency" and message in str(caught.value)


def test_the_stored_code_passes_and_only_that_one() -> None:
    assert currency("currency", " abc", required=True, kept="ABC") == "ABC"
    with pytest.raises(ValidationError):
        currency("currency", "ABD", required=True, kept="ABC")
    with pytest.raises(ValidationError):  # a stored code is still three letters
        currency("currency", "AB1", required=True, kept="AB1")
    assert currency("currency", "chf", required=True, kept="ABC") == "CHF"


def test_an_entry_keeps_an_older_code_through_an_edit(journal: Journal, clock: FixedClock) -> None:
    draft = InteractionDraft(kind="coffee", occurred_at=WHEN, summary="Paid", amount="5")
    with pytest.raises(ValidationError):
        log_interaction(InteractionDraft(**{**draft.__dict__, "currency": "ABC"}), clock)
    entry = log_interaction(InteractionDraft(**{**draft.__dict__, "currency": "EUR"}), clock).value
    Interaction.update(currency="ABC").where(Interaction.id == entry).execute()  # an old one
    kept = load_interaction_draft(entry)
    kept.summary = "Paid back"
    edit_interaction(entry, kept, clock)
    assert load_interaction_draft(entry).currency == "ABC"
    kept.currency = "ABD"
    with pytest.raises(ValidationError, match="'ABD' is not a currency code"):
        edit_interaction(entry, kept, clock)


def test_a_group_keeps_its_older_dues_code(journal: Journal, clock: FixedClock) -> None:
    group = create_group(
        GroupDraft(name="Chamber", dues_amount="90", dues_currency="EUR", dues_period="year"),
        clock,
    ).value
    Group.update(dues_currency="ABC").where(Group.id == group).execute()
    draft = load_group_draft(group)
    draft.notes = "Renewed"
    update_group(group, draft, clock)
    assert load_group_draft(group).dues_currency == "ABC"
    with pytest.raises(ValidationError, match="dues currency"):
        create_group(
            GroupDraft(name="Rotary", dues_amount="9", dues_currency="ABC", dues_period="year"),
            clock,
        )


def test_settings_keep_their_older_codes(journal: Journal) -> None:
    save_settings(SettingsDraft(hour_amount="80", hour_currency="EUR"))
    Setting.update(value_json='{"amount": "80", "currency": "ABC"}').where(
        Setting.key.contains("hour")
    ).execute()
    hour = load_settings().hour_value
    assert hour is not None and hour.currency == "ABC"
    save_settings(SettingsDraft(hour_amount="90", hour_currency="ABC"))
    assert load_settings().hour_value.currency == "ABC"  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="currency of an hour"):
        save_settings(SettingsDraft(hour_amount="90", hour_currency="ABD"))
    with pytest.raises(ValidationError, match="did you mean USD"):
        set_default_currency("UDS")
    assert default_currency() == ""
