"""The vCard reader on the corpus: one file per quirk, each checked for what it must yield."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.contacts import ChannelDraft
from journal.core.timeutil import NO_YEAR
from journal.interchange.errors import ImportFileError
from journal.interchange.reading import read_import_bytes
from journal.interchange.records import ReadResult
from journal.interchange.vcard_reader import parse_date, read_vcards

Reader = Callable[[str], ReadResult]


def channels(found: list[ChannelDraft]) -> list[tuple[str, str, str]]:
    return [(c.kind, c.value, c.label) for c in found]


def only(result: ReadResult) -> ReadResult:
    assert len(result.records) == 1, result
    assert result.problems == []
    return result


def test_a_plain_card_gives_every_modelled_field(vcard: Reader) -> None:
    record = only(vcard("v30_plain.vcf")).records[0]
    draft = record.draft
    assert (draft.given_name, draft.family_name) == ("Jane", "Doe")
    assert (draft.organisation, draft.title) == ("Acme Studio", "Founder")
    assert draft.notes == "Met at the chamber breakfast"
    assert draft.tags == ["design", "friend"]
    assert draft.birthday == dt.date(1990, 6, 1)
    assert channels(draft.channels) == [
        ("email", "jane@acme.example", "work"),
        ("phone", "+1 555 0100", "mobile"),
        ("url", "https://acme.example", ""),
    ]
    assert record.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert record.extra == []
    assert record.line == 1


def test_quoted_printable_with_charset_and_soft_line_breaks(vcard: Reader) -> None:
    draft = only(vcard("v21_quoted_printable_soft_breaks.vcf")).records[0].draft
    assert (draft.given_name, draft.family_name) == ("Émile", "Zola")
    assert draft.organisation == "Société Générale"
    # =0D=0A is one line break; "=" at a line's end joins the next line as it is.
    assert draft.notes == (
        "Première ligne\nDeuxième ligne, très longue pour qu'elle soit coupée par un saut doux."
    )


def test_bare_21_parameters_are_types_and_encodings(vcard: Reader) -> None:
    draft = only(vcard("v21_bare_parameters.vcf")).records[0].draft
    assert channels(draft.channels) == [
        ("phone", "+44 20 7946 0958", "work"),
        ("phone", "07700 900123", "mobile"),
        ("email", "omar@kite.example", ""),
        ("address", "12 High Street, Leeds, LS1 4AB, United Kingdom", "home"),
    ]


def test_an_8bit_charset_file_that_is_not_utf8(vcard: Reader) -> None:
    draft = only(vcard("v21_latin1_charset.vcf")).records[0].draft
    assert (draft.given_name, draft.family_name) == ("Jürgen", "Müller")
    assert draft.notes == "Grüße aus Köln"


def test_folded_lines_lose_one_folding_space_in_30(vcard: Reader) -> None:
    draft = only(vcard("v30_folded_lines.vcf")).records[0].draft
    assert draft.notes == (
        "A note long enough to be folded by the writer: it goes on and on about the "
        "bookkeeping she needs and the logo design she offers."
    )
    assert draft.organisation == "Northwind Traders"


def test_folded_lines_keep_the_folding_space_in_21(vcard: Reader) -> None:
    draft = only(vcard("v21_folded_keeps_space.vcf")).records[0].draft
    assert draft.notes == "Folded in the old way, where the space belongs to the text."


def test_escaped_characters_and_structured_values(vcard: Reader) -> None:
    draft = only(vcard("v30_escapes.vcf")).records[0].draft
    assert draft.family_name == "Doe, Jr."
    assert draft.organisation == "Harbour & Co, Sales; Europe"
    assert draft.notes == (
        "First line\nSecond line, with a comma; a semicolon and a backslash \\ here\nThird line"
    )
    assert draft.tags == ["clients, old", "friends"]


def test_grouped_properties_take_their_items_label(vcard: Reader) -> None:
    record = only(vcard("v30_grouped_ablabel.vcf")).records[0]
    assert channels(record.draft.channels) == [
        ("email", "mei@home.example", "other"),
        ("phone", "+86 10 1234 5678", "Assistant"),
        ("url", "https://mei.example", "homepage"),
    ]
    # An item the journal does not model keeps its label with it.
    assert record.extra == [
        "item3.X-ABDATE;type=pref:2015-05-20",
        "item3.X-ABLabel:_$!<Anniversary>!$_",
    ]


def test_several_values_of_every_kind(vcard: Reader) -> None:
    draft = only(vcard("v30_multiple_values.vcf")).records[0].draft
    assert draft.given_name == "Ana Maria"  # the additional name goes with the given one
    assert draft.nickname == "Aninha, Ana S."
    assert draft.tags == ["referral partner", "book club", "friend"]
    assert draft.notes == "First note\n\nSecond note"
    assert channels(draft.channels) == [
        ("email", "ana@work.example", "work"),
        ("email", "ana@home.example", "home"),
        ("phone", "+55 11 5555 0101", "work"),
        ("phone", "+55 11 5555 0102", "home fax"),
    ]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("v30_photo_base64.vcf", "PHOTO;ENCODING=b;TYPE=JPEG:AAECAwQF"),
        ("v21_photo_base64_blank_line.vcf", "PHOTO;ENCODING=BASE64;TYPE=JPEG:AAECAwQF"),
        ("v40_photo_data_uri.vcf", "PHOTO:data:image/png;base64,iVBORw0KGgo"),
    ],
)
def test_inline_photos_are_kept_whole_and_undecoded(vcard: Reader, name: str, start: str) -> None:
    record = only(vcard(name)).records[0]
    photos = [line for line in record.extra if line.startswith("PHOTO")]
    assert len(photos) == 1
    assert photos[0].startswith(start)
    assert " " not in photos[0]  # unfolded, and 2.1's indented lines joined without gaps


def test_the_21_base64_block_ends_at_its_blank_line(vcard: Reader) -> None:
    draft = only(vcard("v21_photo_base64_blank_line.vcf")).records[0].draft
    assert channels(draft.channels) == [("phone", "+92 300 1234567", "mobile")]


def test_quoted_parameters_may_hold_separators(vcard: Reader) -> None:
    draft = only(vcard("v40_quoted_parameters.vcf")).records[0].draft
    assert channels(draft.channels) == [
        ("phone", "+1-555-555-0199", "work"),  # tel: URI read as the number
        ("email", "liam@smith.example", "work"),  # mailto: too
        ("address", "1 Main St, Springfield, IL, 62701, USA", "work"),
    ]


def test_birthdays_with_and_without_their_year(vcard: Reader) -> None:
    result = vcard("v30_birthdays.vcf")
    assert result.problems == []
    found = {r.draft.given_name: r.draft.birthday for r in result.records}
    assert found == {
        "Full": dt.date(1990, 6, 1),
        "Basic": dt.date(1985, 12, 24),
        "No": dt.date(NO_YEAR, 3, 15),
        "No Year": dt.date(NO_YEAR, 3, 15),
        "Apple No": dt.date(NO_YEAR, 2, 29),
        "With": dt.date(1970, 1, 2),
        "Text": None,
    }
    text = next(r for r in result.records if r.draft.given_name == "Text")
    assert text.extra == ["BDAY;VALUE=text:circa 1950"]  # kept, not guessed


def test_social_profiles_and_apple_escaped_urls(vcard: Reader) -> None:
    draft = only(vcard("v30_social_profiles.vcf")).records[0].draft
    assert channels(draft.channels) == [
        ("social", "http://www.linkedin.com/in/pnovak", "linkedin"),
        ("social", "https://twitter.com/pnovak", "twitter"),
        ("url", "http://www.novak.example", ""),
    ]


def test_unknown_properties_are_kept_verbatim_and_stale_ones_dropped(vcard: Reader) -> None:
    record = only(vcard("v30_unknown_properties.vcf")).records[0]
    assert record.extra == [
        "ROLE:Treasurer",
        "X-CUSTOM-FIELD;X-PARAM=1:custom value\\, kept",
        "GEO:37.386013;-122.082932",
        "IMPP;X-SERVICE-TYPE=Skype:skype:kenji.tan",
        "X-ABShowAs:PERSON",
    ]  # PRODID and REV are written fresh on export


def test_many_cards_of_mixed_versions_with_their_lines(vcard: Reader) -> None:
    result = vcard("many_cards_mixed_versions.vcf")
    assert [(r.line, r.draft.given_name, r.draft.family_name) for r in result.records] == [
        (1, "Card", "One"),
        (5, "Card", "Two"),
        (10, "Card", "Three"),
    ]


@pytest.mark.parametrize(
    ("name", "given", "family"),
    [("utf8_bom_crlf.vcf", "Ayşe", "Öztürk"), ("utf16_with_bom.vcf", "Chidi", "Okafor")],
)
def test_byte_order_marks(vcard: Reader, name: str, given: str, family: str) -> None:
    draft = only(vcard(name)).records[0].draft
    assert (draft.given_name, draft.family_name) == (given, family)


def test_company_and_nickname_only_cards(vcard: Reader) -> None:
    company, nickname = vcard("v30_company_and_nickname_only.vcf").records
    assert (company.draft.given_name, company.draft.organisation) == ("", "Kite Marketing")
    assert (nickname.draft.given_name, nickname.draft.nickname) == ("", "Ziggy")


def test_a_nested_21_agent_card_is_kept_not_read_as_ours(vcard: Reader) -> None:
    record = only(vcard("v21_agent_nested_card.vcf")).records[0]
    assert (record.draft.given_name, record.draft.family_name) == ("Big", "Boss")
    assert channels(record.draft.channels) == [("phone", "+1 555 0110", "work")]
    assert record.extra[:2] == ["AGENT:", "BEGIN:VCARD"]
    assert "N:Assistant;Able" in record.extra


def test_broken_cards_are_reported_with_their_line_and_the_rest_reads(vcard: Reader) -> None:
    result = vcard("malformed_cards.vcf")
    assert [(r.line, r.draft.given_name) for r in result.records] == [
        (1, "First"),
        (17, ""),  # readable, but without a name: the importer refuses it
        (22, "Second"),
    ]
    # A card that cannot be read is named as far as its N line says, so the report says
    # who was left out; what is not a card has no name.
    assert [(p.line, p.reason, p.name) for p in result.problems] == [
        (9, "not a vCard property: 'this line is not a property'", "Line Broken"),
        (14, "NOTE is not valid base64", "Bad Base64"),
        (16, "text outside any card (BEGIN:VCARD … END:VCARD)", ""),
        (21, "END:VCARD without a BEGIN:VCARD", ""),
        (27, "the card has no END:VCARD; the file is cut short", ""),
    ]


def test_a_card_without_its_end_is_reported_and_the_cards_after_it_read() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann One\n"  # no END:VCARD
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ben Two\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Three;Cy\nAGENT:\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Aide;Al\nEND:VCARD\n"  # Cy's AGENT: nested, not next
        "END:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Di Four\nEND:VCARD\n"
    )
    result = read_vcards(text, "x.vcf")
    assert [(p.line, p.reason, p.name) for p in result.problems] == [
        (1, "the card has no END:VCARD; the next card begins on line 4", "Ann One")
    ]
    assert [(r.line, r.draft.given_name) for r in result.records] == [
        (4, "Ben Two"),
        (8, "Cy"),
        (17, "Di Four"),
    ]
    assert "N:Aide;Al" in result.records[1].extra


def test_a_card_holding_an_agent_card_may_lack_its_own_end() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN:Boss;Big\nitem1.AGENT;TYPE=work:\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Aide;Al\nEND:VCARD\n"  # the AGENT's END, not Big's
        "BEGIN:VCARD\nVERSION:2.1\nN:Next;Ned\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Last;Lu\nAGENT:\n"
        "BEGIN:VCARD\nVERSION:2.1\nN:Aide;Al\nEND:VCARD\n"  # and the file ends
    )
    result = read_vcards(text, "x.vcf")
    assert [(p.line, p.reason, p.name) for p in result.problems] == [
        (1, "the card has no END:VCARD; the next card begins on line 9", "Big Boss"),
        (13, "the card has no END:VCARD; the file is cut short", ""),
    ]
    assert [(r.line, r.draft.given_name) for r in result.records] == [(9, "Ned")]


def test_a_broken_card_is_named_by_its_fn_first() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann;;;\nitem1.FN;CHARSET=UTF-8:Ann Lee\\, PhD\n"
        "not a property\nEND:VCARD\n"
    )
    (problem,) = read_vcards(text, "x.vcf").problems
    assert (problem.line, problem.name) == (5, "Ann Lee, PhD")


def test_a_file_that_is_not_a_vcard_is_refused_naming_it() -> None:
    with pytest.raises(ImportFileError) as refused:
        read_import_bytes(b"First Name,Last Name\nJane,Doe\n", "people.vcf", "vcard")
    assert refused.value.source == "people.vcf"
    assert refused.value.line == 1
    assert "not a vCard file" in str(refused.value)
    assert str(refused.value).startswith("people.vcf, line 1: ")


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ImportFileError, match="empty"):
        read_vcards("\n\n  \n", "empty.vcf")


def test_invalid_utf8_after_a_bom_is_refused_with_its_line() -> None:
    data = b"\xef\xbb\xbfBEGIN:VCARD\nN:A;B\nNOTE:\xff\nEND:VCARD\n"
    with pytest.raises(ImportFileError) as refused:
        read_import_bytes(data, "bad.vcf")
    assert refused.value.line == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("20240229", dt.date(2024, 2, 29)),
        ("--0229", dt.date(NO_YEAR, 2, 29)),
        ("1990-06-01T12:00:00+02:00", dt.date(1990, 6, 1)),
        ("2023-02-29", None),
        ("--1301", None),
        ("June 1", None),
        ("", None),
    ],
)
def test_vcard_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_lines_end_in_cr_alone_too() -> None:
    result = read_vcards("BEGIN:VCARD\rVERSION:3.0\rN:Doe;Jane;;;\rEND:VCARD\r", "mac.vcf")
    assert [r.draft.given_name for r in result.records] == ["Jane"]


def test_lowercase_names_and_a_card_without_version() -> None:
    result = read_vcards("begin:vcard\nfn:Jane Doe\nemail:jane@x.example\nend:vcard\n", "x")
    assert result.problems == []
    draft = result.records[0].draft
    assert draft.given_name == "Jane Doe"  # no N: the full name, as written
    assert channels(draft.channels) == [("email", "jane@x.example", "")]


def test_a_broken_21_card_is_named_with_its_quoted_printable_decoded() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zola;=C3=89mile;;;\n"
        "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:=C9mile Zola\n"
        "not a property\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg\n"
        "not a property either\nEND:VCARD\n"
        # A soft line break, even inside a letter's bytes.
        "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=\n"
        "=B6rg=\n=20M=C3=BCller\nnot a property\nEND:VCARD\n"
    )
    problems = read_vcards(text, "x.vcf").problems
    assert [problem.name for problem in problems] == ["Émile Zola", "Jörg Müller", "Jörg Müller"]
