"""The import's fast paths through the contact checks give what the general checks give."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.core import contacts
from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    clean_channels,
    clean_fields,
    clean_tags,
)
from journal.core.errors import ValidationError

TODAY = dt.date(2026, 11, 24)
# Texts as files hold them: mostly short, sometimes padded, long, empty, with a NUL or a line
# break; None where a buggy reader might leave one.
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.one_of(
    st.text(CHARS, max_size=8),
    st.text(CHARS, max_size=8).map(lambda t: f"  {t}\t"),
    st.sampled_from(["", " ", "Jane", "Émile", "王", "a\x00b", "x" * 299, " " + "x" * 300]),
    st.integers(250, 2100).map(lambda n: "y" * n),
)
MAYBE_TEXT = st.one_of(TEXT, st.none())
DAYS = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1)))
RATINGS = st.one_of(st.none(), st.integers(-1, 6))


SHORT = st.one_of(st.text(CHARS, max_size=8), st.text(CHARS, max_size=8).map(lambda t: f"  {t}\t"))


@st.composite
def drafts(draw: st.DrawFn, text: st.SearchStrategy[str | None] = TEXT) -> ContactDraft:
    texts = {
        name: draw(MAYBE_TEXT if name == "notes" and text is TEXT else text)
        for name, _shown, _limit in contacts._NAME_TEXTS + contacts._OTHER_TEXTS
    }
    return ContactDraft(
        **texts,
        stage=draw(st.sampled_from(["new", "friend", " client ", "", "x" * 41])),
        met_on=draw(DAYS),
        met_mode=draw(st.sampled_from(["", "online", "in_person", "by post"])),
        know=draw(RATINGS),
        like=draw(RATINGS),
        trust=draw(RATINGS),
        birthday=draw(DAYS),
        first_impression_on=draw(DAYS),
        stay_in_touch_days=draw(st.one_of(st.none(), st.integers(0, 4000))),
    )


def _outcome(draft: ContactDraft) -> object:
    try:
        values = clean_fields(draft, TODAY, None)
    except ValidationError as error:
        return ("refused", error.field, str(error))
    return list(values.items())  # the order of the columns too


@settings(max_examples=400, deadline=None)
@given(drafts())
def test_the_fast_check_of_texts_gives_what_checking_each_field_gives(draft: ContactDraft) -> None:
    _assert_same_either_way(draft)


def _assert_same_either_way(draft: ContactDraft) -> None:
    fast = _outcome(draft)
    with mock.patch.object(contacts, "_plain_texts", lambda _draft: None):
        general = _outcome(draft)
    assert fast == general


@settings(max_examples=300, deadline=None)
@given(drafts(SHORT))
def test_rows_of_short_texts_take_the_fast_check_and_get_the_same(draft: ContactDraft) -> None:
    assert contacts._plain_texts(draft) is not None or "\x00" in "".join(contacts._TEXTS(draft))
    _assert_same_either_way(draft)


def test_the_fast_check_is_taken_for_a_plain_row_and_not_for_a_long_text() -> None:
    plain = ContactDraft(given_name=" Jane ", family_name="Doe", where_met="LinkedIn")
    assert contacts._plain_texts(plain) == ("Jane", "Doe", "", "", "", "", "LinkedIn") + ("",) * 4
    assert contacts._plain_texts(ContactDraft(given_name="Jane", notes="n" * 301)) is None
    assert contacts._plain_texts(ContactDraft(given_name="Jane\x00")) is None


CHANNEL_TEXT = st.one_of(st.text(CHARS, max_size=6), st.sampled_from(["", " a ", "a@b", " a@b "]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.builds(
            ChannelDraft,
            st.sampled_from(["email", "phone", "url", "social", "fax"]),
            CHANNEL_TEXT,
            CHANNEL_TEXT,
        ),
        max_size=4,
    )
)
def test_channels_kept_as_they_are_equal_their_cleaned_copies(
    channels: list[ChannelDraft],
) -> None:
    try:
        cleaned = clean_channels(channels)
    except ValidationError:
        return  # refusals are worded by validate, as before (test_contacts)
    expected = [(c.kind, c.value.strip(), c.label.strip()) for c in channels if c.value.strip()]
    assert [(c.kind, c.value, c.label) for c in cleaned] == expected
    kept = [c for c in channels if c.value.strip()]
    for original, channel in zip(kept, cleaned, strict=True):
        # Kept as it is only when cleaning would change nothing; never a changed original.
        assert channel is not original or (original.value, original.label) == (
            channel.value,
            channel.label,
        )


def test_a_clean_channel_is_kept_and_a_padded_one_copied() -> None:
    clean, padded = ChannelDraft("email", "a@b.example"), ChannelDraft("phone", " 555 ", "work ")
    kept, copied = clean_channels([clean, padded])
    assert kept is clean
    assert copied is not padded and (copied.value, copied.label) == ("555", "work")
    assert (padded.value, padded.label) == (" 555 ", "work ")  # the draft is left alone


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(TEXT, st.sampled_from(["#", "##a", " #b", "A", "a"])), max_size=5))
def test_tags_inline_checks_refuse_and_keep_as_validate_text_does(tags: list[str]) -> None:
    from journal.core import validate

    try:
        expected: object = []
        seen: dict[str, str] = {}
        for raw in tags:
            name = validate.text("tag", raw.lstrip("#"), limit=60)
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
        expected = list(seen.values())
    except ValidationError as error:
        expected = str(error)
    try:
        found: object = clean_tags(tags)
    except ValidationError as error:
        found = str(error)
    assert found == expected
