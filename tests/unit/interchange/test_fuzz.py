"""Hypothesis: the readers never raise anything but ImportFileError, whatever the bytes,
and whatever the writer writes, the reader reads back the same."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.contacts import ChannelDraft, ContactDraft
from journal.core.timeutil import NO_YEAR
from journal.interchange import archive
from journal.interchange.csv_google import read_google, write_google
from journal.interchange.csv_linkedin import read_linkedin
from journal.interchange.errors import ImportFileError
from journal.interchange.reading import read_import_bytes
from journal.interchange.records import ContactRecord, ReadResult
from journal.interchange.vcard_reader import read_vcards
from journal.interchange.vcard_writer import card_text

FORMATS = st.sampled_from([None, "vcard", "linkedin", "google", "archive"])
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survives(read: object) -> None:
    """Call `read`; only ImportFileError may come out, and a result must be well formed."""
    try:
        result = read()  # type: ignore[operator]
    except ImportFileError as refused:
        assert str(refused)
        return
    if isinstance(result, ReadResult):
        for record in result.records:
            assert record.line >= 1
        for problem in result.problems:
            assert problem.line >= 1
            assert problem.reason


@SETTINGS
@given(data=st.binary(max_size=2000), format=FORMATS)
def test_any_bytes_as_any_format(data: bytes, format: str | None) -> None:
    survives(lambda: read_import_bytes(data, "fuzz", format))


# Text built from the pieces vCards are made of, so the fuzzer reaches the deep paths.
PIECES = st.sampled_from(
    [
        "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "VERSION:4.0",
        "N:", "FN:", "ORG:", "NOTE", "EMAIL", "TEL", "ADR", "URL", "BDAY:", "PHOTO",
        "CATEGORIES:", "NICKNAME:", "UID:", "X-SOCIALPROFILE", "item1.", "X-ABLabel:",
        "X-JOURNAL-KNOW:", "X-JOURNAL-MET-ON:", "X-JOURNAL-ARCHIVED:1", "AGENT:",
        ";TYPE=", "work", "cell", ";ENCODING=QUOTED-PRINTABLE", ";ENCODING=b",
        ";ENCODING=BASE64", ";CHARSET=", "ISO-8859-1", "UTF-8", "bogus", ";VALUE=text",
        ';LABEL="a;b:c"', '"', ":", ";", ",", "\\", "\\n", "\\,", "=", "=C3=A9", "=0D=0A",
        "=\r\n", "\r\n", "\n", "\r", "\r\n ", "\r\n\t", " ", "--0315", "1990-06-01",
        "QUJD", "data:image/png;base64,QUJD", "é", "日本", "\x00", "tel:", "mailto:",
    ]
)  # fmt: skip
VCARD_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=80).map("".join)


@SETTINGS
@given(text=VCARD_TEXT)
def test_vcard_like_text(text: str) -> None:
    survives(lambda: read_vcards(text, "fuzz.vcf"))
    survives(lambda: read_vcards("BEGIN:VCARD\r\n" + text, "fuzz.vcf"))
    survives(lambda: read_vcards("BEGIN:VCARD\r\n" + text, "fuzz.vcf", "cp1252"))


CELLS = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(["", " ::: ", "* myContacts", "3/15/23"])),
    max_size=12,
)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@SETTINGS
@given(rows=st.lists(CELLS, max_size=10), extra=st.text(max_size=40))
def test_csv_like_text(rows: list[list[str]], extra: str) -> None:
    linkedin = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                "Connected On"]  # fmt: skip
    google = ["First Name", "Last Name", "Birthday", "Labels", "E-mail 1 - Label",
              "E-mail 1 - Value", "Phone 1 - Value", "Address 1 - Street", "Notes"]  # fmt: skip
    survives(lambda: read_linkedin(extra + "\n" + csv_text(linkedin, rows), "fuzz.csv"))
    survives(lambda: read_google(csv_text(google, rows) + extra, "fuzz.csv"))
    survives(lambda: read_google(extra, "fuzz.csv"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(
    document=st.dictionaries(st.sampled_from([*archive.SECTIONS, "format", "version"]), JSON_VALUES)
)
def test_archive_like_json(document: dict[str, object]) -> None:
    import json

    document.setdefault("format", archive.FORMAT)
    survives(lambda: archive.decode(json.dumps(document), "fuzz.json"))


# ------------------------------------------------------------------------ writer round trip

# What the journal stores: trimmed text, no NUL, no carriage returns (forms give newlines).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=30
).map(str.strip)
LINE = TEXT.map(lambda t: " ".join(t.split()))
LABELS = st.sampled_from(["", "work", "home", "mobile", "home fax", "other", "Assistant", "Ünï"])
CHANNELS = st.lists(
    st.builds(
        ChannelDraft,
        kind=st.sampled_from(["email", "phone", "url", "social", "address"]),
        value=LINE.filter(lambda v: bool(v) and not v.lower().startswith(("tel:", "mailto:"))),
        label=LABELS | st.sampled_from(["linkedin", "x-twitter"]),
    ),
    max_size=5,
)
DATES = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31))
BIRTHDAYS = DATES | st.dates(dt.date(NO_YEAR, 1, 1), dt.date(NO_YEAR, 12, 31))
RATINGS = st.none() | st.integers(1, 5)


@st.composite
def drafts(draw: st.DrawFn) -> ContactDraft:
    draft = ContactDraft(
        given_name=draw(LINE),
        family_name=draw(LINE),
        nickname=draw(LINE.filter(lambda t: "," not in t)),
        organisation=draw(LINE),
        title=draw(LINE),
        how_met=draw(TEXT),
        where_met=draw(LINE),
        met_on=draw(DATES),
        met_mode=draw(st.sampled_from(["", "in_person", "online"])),
        stage=draw(st.sampled_from(["new", "client", "friend"])),
        know=draw(RATINGS),
        like=draw(RATINGS),
        trust=draw(RATINGS),
        needs=draw(TEXT),
        offers=draw(TEXT),
        notes=draw(TEXT),
        first_impression=draw(TEXT),
        first_impression_on=draw(DATES),
        birthday=draw(BIRTHDAYS),
        stay_in_touch_days=draw(st.none() | st.integers(1, 3650)),
        channels=draw(CHANNELS),
        tags=draw(st.lists(LINE.filter(bool), max_size=4, unique=True)),
    )
    if not (draft.given_name or draft.family_name or draft.nickname or draft.organisation):
        draft.given_name = "Someone"
    if not (draft.given_name or draft.family_name) and draft.nickname == draft.organisation:
        draft.organisation = ""  # FN could not tell which of the two it was
    return draft


@SETTINGS
@given(draft=drafts(), version=st.sampled_from(["3.0", "4.0"]), uid=LINE, archived=st.booleans())
def test_what_the_writer_writes_the_reader_reads_back(
    draft: ContactDraft, version: str, uid: str, archived: bool
) -> None:
    record = ContactRecord(0, draft, uid=uid, archived=archived)
    back = read_vcards(card_text(record, version), "round.vcf")
    assert back.problems == []
    assert len(back.records) == 1
    assert back.records[0].draft == draft
    assert (back.records[0].uid, back.records[0].archived) == (uid, archived)


def _no_separator(tag: str) -> str:
    while ":::" in tag:
        tag = tag.replace(":::", "::")
    return tag


def test_a_tag_holding_google_s_separator_stays_one_tag() -> None:
    people = [ContactDraft(given_name="A", tags=[":::", "a:::b", "x"])]
    back = read_google(write_google([ContactRecord(0, d) for d in people]), "round.csv")
    assert back.records[0].draft.tags == ["::", "a::b", "x"]


@SETTINGS
@given(people=st.lists(drafts(), min_size=1, max_size=4))
def test_what_the_csv_writer_writes_the_google_reader_reads(people: list[ContactDraft]) -> None:
    records = [ContactRecord(0, d) for d in people]
    back = read_google(write_google(records), "round.csv")
    assert back.problems == []
    assert len(back.records) == len(people)
    for original, read in zip(people, back.records, strict=True):
        assert (read.draft.family_name, read.draft.notes) == (original.family_name, original.notes)
        # Google's format cannot hold ":::" (its separator) inside a label: it goes as "::".
        expected = [_no_separator(t) for t in original.tags if not t.startswith("*")]
        assert read.draft.tags == list(dict.fromkeys(expected))
