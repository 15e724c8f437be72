"""The vCard writer: what it writes, that our reader gets it all back, and that vobject
(an independent reader) agrees, both on our output and on the corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import vobject

from journal.core.contacts import ChannelDraft, ContactDraft
from journal.core.timeutil import NO_YEAR
from journal.interchange.records import ContactRecord
from journal.interchange.vcard_reader import read_vcards
from journal.interchange.vcard_writer import card_text, write_vcards


def everything() -> ContactRecord:
    """A contact using every field the writer knows, with text that needs escaping."""
    draft = ContactDraft(
        given_name="Jane Marie",
        family_name="Doe, Jr.",
        nickname="JD",
        organisation="Acme; Sales",
        title="Founder",
        how_met="same table, chamber breakfast",
        where_met="Chamber of Commerce",
        met_on=dt.date(2024, 3, 2),
        met_mode="in_person",
        stage="client",
        know=3,
        like=4,
        trust=2,
        needs="a bookkeeper",
        offers="logo design",
        notes="Two kids; loves sailing\nSecond line \\ with a backslash, and a comma",
        first_impression="quiet, precise",
        first_impression_on=dt.date(2024, 3, 2),
        birthday=dt.date(1990, 6, 1),
        stay_in_touch_days=30,
        channels=[
            ChannelDraft("email", "jane@acme.example", "work"),
            ChannelDraft("email", "jane@home.example", ""),
            ChannelDraft("phone", "+1 555 0100", "mobile"),
            ChannelDraft("phone", "+1 555 0101", "home fax"),
            ChannelDraft("phone", "+1 555 0102", "Assistant"),
            ChannelDraft("url", "https://acme.example/a,b;c", "work"),
            ChannelDraft("social", "https://www.linkedin.com/in/janedoe", "linkedin"),
            ChannelDraft("social", "https://mastodon.example/@jane", "Mastodon"),
            ChannelDraft("address", "1 Main St\nSpringfield", "home"),
        ],
        tags=["design", "a, b", "ünïcode"],
    )
    return ContactRecord(
        0,
        draft,
        uid="urn:uuid:0b7e3a5c-1111-4222-8333-444455556666",
        extra=["ROLE:Treasurer", "X-CUSTOM;X-P=1:value\\, kept"],
        archived=True,
        met_through_uid="urn:uuid:introducer",
    )


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_everything_written_reads_back_the_same(version: str) -> None:
    record = everything()
    back = read_vcards(card_text(record, version), "x").records
    assert len(back) == 1
    assert back[0].draft == record.draft
    assert (back[0].uid, back[0].archived) == (record.uid, True)
    assert back[0].extra == record.extra
    assert back[0].met_through_uid == record.met_through_uid


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_a_birthday_without_its_year(version: str) -> None:
    record = ContactRecord(0, ContactDraft(given_name="A", birthday=dt.date(NO_YEAR, 2, 29)))
    text = card_text(record, version)
    assert ("BDAY:--0229" in text) if version == "4.0" else ("X-APPLE-OMIT-YEAR=1604" in text)
    assert read_vcards(text, "x").records[0].draft.birthday == dt.date(NO_YEAR, 2, 29)


def test_lines_are_folded_at_75_octets_without_splitting_a_character() -> None:
    record = ContactRecord(0, ContactDraft(given_name="A", notes="é" * 200 + "x" * 300))
    text = card_text(record, "3.0")
    assert text.endswith("END:VCARD\r\n")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert read_vcards(text, "x").records[0].draft.notes == "é" * 200 + "x" * 300


def test_labels_vcard_has_words_for_are_types_others_are_item_labels() -> None:
    text = card_text(everything(), "3.0")
    assert "EMAIL;TYPE=INTERNET,work:jane@acme.example" in text
    assert "TEL;TYPE=cell:+1 555 0100" in text  # the journal's "mobile" is vCard's cell
    assert "TEL;TYPE=home,fax:+1 555 0101" in text
    assert "item1.TEL:+1 555 0102\r\nitem1.X-ABLabel:Assistant" in text
    assert "X-SOCIALPROFILE;TYPE=linkedin:" in text


@pytest.mark.parametrize(
    ("kept", "version", "written"),
    [
        ("PHOTO;ENCODING=b;TYPE=JPEG:QUJD", "4.0", "PHOTO:data:image/jpeg;base64,QUJD"),
        ("PHOTO;ENCODING=BASE64;TYPE=PNG:QUJD", "4.0", "PHOTO:data:image/png;base64,QUJD"),
        ("PHOTO:data:image/png;base64,QUJD", "3.0", "PHOTO;ENCODING=b;TYPE=PNG:QUJD"),
        ("PHOTO;ENCODING=b;TYPE=JPEG:QUJD", "3.0", "PHOTO;ENCODING=b;TYPE=JPEG:QUJD"),
        (
            "PHOTO;VALUE=uri:https://x.example/p.jpg",
            "4.0",
            "PHOTO;VALUE=uri:https://x.example/p.jpg",
        ),
    ],
)
def test_kept_photos_are_written_as_the_version_wants(
    kept: str, version: str, written: str
) -> None:
    record = ContactRecord(0, ContactDraft(given_name="A"), extra=[kept])
    assert f"\r\n{written}\r\n" in card_text(record, version)


def test_several_cards() -> None:
    records = [ContactRecord(0, ContactDraft(given_name=f"P{n}")) for n in range(3)]
    text = "".join(write_vcards(records))
    assert [r.draft.given_name for r in read_vcards(text, "x").records] == ["P0", "P1", "P2"]
    with pytest.raises(ValueError, match="version"):
        next(write_vcards(records, "2.1"))


# --------------------------------------------------------------- vobject, an independent reader


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vobject_reads_what_we_write(version: str) -> None:
    record = everything()
    card = vobject.readOne(card_text(record, version))
    assert card.fn.value == "Jane Marie Doe, Jr."
    assert card.n.value.family == "Doe, Jr."
    assert card.org.value == ["Acme; Sales"]
    assert card.note.value == record.draft.notes
    assert sorted(e.value for e in card.contents["email"]) == [
        "jane@acme.example",
        "jane@home.example",
    ]
    assert card.categories.value == ["design", "a, b", "ünïcode"]


# The corpus files vobject can read too. It cannot read quoted-printable soft line breaks
# (it fails on the continuation line), 8-bit charsets, or photos in 2.1 blocks: quirks our
# reader has tests of its own for.
CROSS_CHECKED = [
    "v30_plain.vcf",
    "v30_escapes.vcf",
    "v30_folded_lines.vcf",
    "v30_multiple_values.vcf",
    "v21_bare_parameters.vcf",
    "many_cards_mixed_versions.vcf",
]


@pytest.mark.parametrize("name", CROSS_CHECKED)
def test_our_reader_agrees_with_vobject_on_the_corpus(
    corpus_file: Callable[[str, str], Path], name: str
) -> None:
    path = corpus_file("vcard", name)
    ours = read_vcards(path.read_text(encoding="utf-8"), name).records
    theirs = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert len(ours) == len(theirs)
    for mine, card in zip(ours, theirs, strict=True):
        n = card.n.value
        assert mine.draft.family_name == n.family.strip()
        assert mine.draft.given_name == " ".join(p for p in (n.given, n.additional) if p)
        emails = [e.value for e in card.contents.get("email", [])]
        assert [c.value for c in mine.draft.channels if c.kind == "email"] == emails
        phones = [t.value for t in card.contents.get("tel", [])]
        assert [c.value for c in mine.draft.channels if c.kind == "phone"] == phones
        notes = [n.value.replace("\r\n", "\n").strip() for n in card.contents.get("note", [])]
        assert mine.draft.notes == "\n\n".join(notes)
        if "org" in card.contents:
            units = [u for u in card.org.value if u]
            assert mine.draft.organisation == ", ".join(units)
        if "categories" in card.contents:
            assert mine.draft.tags == card.categories.value
