"""LinkedIn's Connections.csv and Google Contacts CSV (both header sets), from the corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.contacts import ChannelDraft
from journal.core.timeutil import NO_YEAR
from journal.interchange.csv_google import read_google
from journal.interchange.csv_rows import parse_day
from journal.interchange.errors import ImportFileError
from journal.interchange.reading import read_import_bytes
from journal.interchange.records import ReadResult

Reader = Callable[[str], ReadResult]


def channels(found: list[ChannelDraft]) -> list[tuple[str, str, str]]:
    return [(c.kind, c.value, c.label) for c in found]


def test_linkedin_skips_the_notes_and_reads_every_connection(csv_file: Reader) -> None:
    result = csv_file("linkedin_connections.csv")
    assert result.format == "linkedin"
    assert result.problems == []
    jane, emile, priya = result.records
    assert jane.line == 5  # the notes and a blank line come before the header on line 4
    draft = jane.draft
    assert (draft.given_name, draft.family_name) == ("Jane", "Doe")
    assert (draft.organisation, draft.title) == ("Acme Studio", "Founder")
    assert draft.met_on == dt.date(2023, 3, 15)  # Connected On is when you met
    assert (draft.met_mode, draft.where_met) == ("online", "LinkedIn")
    assert channels(draft.channels) == [
        ("email", "jane@acme.example", ""),
        ("social", "https://www.linkedin.com/in/janedoe", "linkedin"),
    ]
    assert emile.draft.given_name == "Émile"
    assert emile.draft.organisation == "Harbour & Co, Ltd"  # a quoted comma
    assert [c.kind for c in emile.draft.channels] == ["social"]  # no e-mail shared
    assert priya.draft.title == "Head of Finance, EMEA"


def test_linkedin_bad_rows_are_reported_and_the_rest_reads(csv_file: Reader) -> None:
    result = csv_file("linkedin_bad_rows.csv")
    assert [(p.line, p.reason) for p in result.problems] == [
        (7, "the row has 9 cells; the header has 7"),
    ]
    # Rows the reader can read but the journal refuses (no name, a bad e-mail) are the
    # importer's to report: they are here, on their lines. A day that is no date is left
    # out of its row, which says so.
    assert [(r.line, r.left_out) for r in result.records] == [
        (5, ""),
        (6, "date met left out: 'someday' is not a date"),
        (8, ""),
        (9, ""),
        (10, ""),
    ]
    assert [r.draft.met_on for r in result.records][:2] == [dt.date(2022, 2, 1), None]


RUNS_ON = "a quote opens and is not closed on its line, so the row runs on into the lines after it"


def test_linkedin_a_quote_left_open_is_reported_and_the_rows_after_it_read(
    csv_file: Reader,
) -> None:
    result = csv_file("linkedin_unclosed_quote.csv")
    assert [(p.line, p.reason, p.name) for p in result.problems] == [
        (6, f"First Name: {RUNS_ON}", "")
    ]
    assert [(r.line, r.draft.given_name, r.draft.family_name) for r in result.records] == [
        (5, "Jane", "Doe"),
        (7, "Ben", "Jones"),
        (8, "Cleo", "Park"),
    ]


def test_a_quote_left_open_mid_file_or_on_the_last_line_is_reported() -> None:
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b'Ann,"Smith,,ann@example.org,Acme,CEO,01 Jan 2024\n'
        b"Ben,Jones,,,Kite,CTO,02 Feb 2024\n"
        # The quote that ends Ann's runaway row opens this company's cell.
        b'Emile,Zola,,,"Harbour & Co, Ltd",Writer,02 Jan 2020\n'
        b'"Cleo,Park,,,Kite,Designer,03 Mar 2024'  # and the file ends, without a line break
    )
    result = read_import_bytes(data, "c.csv").contacts
    assert result is not None
    assert [(p.line, p.reason, p.name) for p in result.problems] == [
        (2, f"Last Name: {RUNS_ON}", "Ann"),
        (5, f"First Name: {RUNS_ON}", ""),
    ]
    assert [(r.line, r.draft.given_name, r.draft.organisation) for r in result.records] == [
        (3, "Ben", "Kite"),
        (4, "Emile", "Harbour & Co, Ltd"),
    ]


def test_a_line_break_quoted_on_purpose_is_no_runaway_quote() -> None:
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b'Multi,"Line\nName",,,,,\n'
        b"Ben,Jones,,,Kite,CTO,02 Feb 2024\n"
    )
    result = read_import_bytes(data, "c.csv").contacts
    assert result is not None
    assert result.problems == []
    assert [(r.line, r.draft.family_name) for r in result.records] == [
        (2, "Line\nName"),
        (4, "Jones"),
    ]


def test_google_a_quote_left_open_is_reported_and_notes_still_span_lines() -> None:
    text = (
        "First Name,Last Name,Notes,E-mail 1 - Value\n"
        'Jane,Doe,"Met at the chamber.\nNeeds a bookkeeper.",jane@acme.example\n'
        '"Omar,Haddad,,omar@kite.example\n'
        'Kenji,Tanaka,"Two\nlines",kenji@tanaka.example\n'
        "Ana,Silva,,ana@silva.example\n"
    )
    result = read_import_bytes(text.encode(), "g.csv").contacts
    assert result is not None
    assert [(p.line, p.reason) for p in result.problems] == [(4, f"First Name: {RUNS_ON}")]
    assert [(r.line, r.draft.given_name, r.draft.notes) for r in result.records] == [
        (2, "Jane", "Met at the chamber.\nNeeds a bookkeeper."),
        (5, "Kenji", "Two\nlines"),
        (7, "Ana", ""),
    ]
    general = read_google(text, "g.csv")  # row by row, as the table is held to
    assert (general.problems, general.records) == (result.problems, result.records)


def test_google_current_headers(csv_file: Reader) -> None:
    result = csv_file("google_current.csv")
    assert result.format == "google"
    assert result.problems == []
    jane, omar = result.records
    draft = jane.draft
    assert (draft.given_name, draft.family_name, draft.nickname) == ("Jane", "Doe", "JD")
    assert draft.organisation == "Acme Studio, Design"
    assert draft.title == "Founder"
    assert draft.birthday == dt.date(1990, 6, 1)
    assert draft.notes == "Met at the chamber breakfast.\nNeeds a bookkeeper."  # two lines
    assert draft.tags == ["Friends"]  # Google's own groups (* myContacts, * starred) left out
    assert channels(draft.channels) == [
        ("email", "jane@acme.example", "work"),  # " ::: " separates values of one cell
        ("email", "jane@doe.example", "work"),
        ("email", "jane@home.example", "home"),
        ("phone", "+1 555 0100", "mobile"),
        ("address", "1 Main St\nSpringfield", "work"),
        ("url", "https://acme.example/jane", "Profile"),
    ]
    assert omar.line == 5  # Jane's note spans lines 2 to 4
    assert omar.draft.given_name == "Omar Q."
    assert omar.draft.birthday == dt.date(NO_YEAR, 6, 15)
    assert channels(omar.draft.channels) == [
        ("email", "omar@kite.example", ""),
        ("phone", "+44 20 7946 0958", "Assistant"),
        ("phone", "+44 20 7946 0959", "Assistant"),
        ("address", "12 High Street, Leeds, LS1 4AB, United Kingdom", "home"),
    ]


def test_columns_are_found_by_name_never_by_position(csv_file: Reader) -> None:
    current = csv_file("google_current.csv")
    shuffled = csv_file("google_columns_reordered.csv")
    assert [r.draft for r in shuffled.records] == [r.draft for r in current.records]


@pytest.mark.parametrize("name", ["google_legacy.csv", "google_legacy_bom.csv"])
def test_google_legacy_headers_with_or_without_a_bom(csv_file: Reader, name: str) -> None:
    result = csv_file(name)
    assert result.format == "google"
    kenji, ana = result.records
    draft = kenji.draft
    assert (draft.given_name, draft.family_name) == ("Kenji", "Tanaka")
    assert (draft.organisation, draft.title) == ("Tanaka Trading", "Director")
    assert draft.tags == ["Friends", "Tokyo"]  # Group Membership, without * My Contacts
    assert channels(draft.channels) == [
        ("email", "kenji@tanaka.example", "work"),  # "* Work": the star marks the primary
        ("phone", "+81 90 1234 5678", "mobile"),
        ("url", "https://kenji.example", "Blog"),
    ]
    assert ana.draft.given_name == "Ana Silva"  # only the legacy Name column


def test_a_google_cell_of_several_values_may_label_each() -> None:
    data = (
        b"First Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
        b"Jane,* Work ::: Home,jane@acme.example ::: jane@home.example,Mobile,1 ::: 2\n"
    )
    result = read_import_bytes(data, "g.csv").contacts
    assert result is not None
    assert channels(result.records[0].draft.channels) == [
        ("email", "jane@acme.example", "work"),
        ("email", "jane@home.example", "home"),
        ("phone", "1", "mobile"),  # one label for every value of its cell
        ("phone", "2", "mobile"),
    ]


def test_cells_of_several_values_among_cells_of_one_keep_each_rows_own() -> None:
    """Only the cells holding " ::: " are split; the others keep their one value (or none)."""
    data = (
        b"First Name,E-mail 1 - Label,E-mail 1 - Value\n"
        b"Ana,* Work,ana@acme.example\n"
        b"Ben,Home ::: * Work ::: Other,ben@home.example ::: ben@acme.example ::: b@x.example\n"
        b"Cleo,* Work,\n"
        b"Dan,Home, ::: \n"
        b"Eve,Home,eve@home.example :::\n"
    )
    result = read_import_bytes(data, "g.csv").contacts
    assert result is not None
    assert [channels(record.draft.channels) for record in result.records] == [
        [("email", "ana@acme.example", "work")],
        [
            ("email", "ben@home.example", "home"),
            ("email", "ben@acme.example", "work"),
            ("email", "b@x.example", "other"),
        ],
        [],
        [],
        [("email", "eve@home.example", "home")],
    ]


@pytest.mark.parametrize("by_rows", [False, True])
def test_a_google_row_with_an_unreadable_birthday_keeps_the_person(by_rows: bool) -> None:
    data = b"First Name,Birthday,E-mail 1 - Value\nJane,someday,jane@x.example\nOmar,,\n"
    if by_rows:
        result = read_google(data.decode(), "g.csv")
    else:
        read = read_import_bytes(data, "g.csv").contacts
        assert read is not None
        result = read
    assert result.problems == []
    assert [(r.draft.given_name, r.draft.birthday, r.left_out) for r in result.records] == [
        ("Jane", None, "birthday left out: 'someday' is not a date"),
        ("Omar", None, ""),
    ]


@pytest.mark.parametrize(
    ("format", "message"),
    [
        ("linkedin", "not LinkedIn's Connections.csv"),
        ("google", "not a Google Contacts CSV"),
    ],
)
def test_a_csv_that_is_not_what_it_claims(format: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        read_import_bytes(b"date,amount\n2025-01-01,12.50\n", "money.csv", format)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2023", dt.date(2023, 3, 15)),
        ("15-Mar-23", dt.date(2023, 3, 15)),
        ("2 September 2021", dt.date(2021, 9, 2)),
        ("3/15/23", dt.date(2023, 3, 15)),
        ("2023-03-15", dt.date(2023, 3, 15)),
        ("31 Feb 2023", None),
        ("15 Foo 2023", None),
        ("yesterday", None),
    ],
)
def test_dates_as_exports_write_them(text: str, expected: dt.date | None) -> None:
    assert parse_day(text) == expected


def test_a_long_cell_that_is_no_date_is_quoted_by_its_start() -> None:
    pasted = "soon " * 300
    (jane,) = read_google(f"First Name,Birthday,Labels\nJane,{pasted},\n", "g.csv").records
    assert jane.left_out == f"birthday left out: '{pasted[:39]}…' is not a date"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    linkedin = read_import_bytes(f"{header}Jane,Doe,,,,,{pasted}\n".encode(), "l.csv").contacts
    assert linkedin is not None
    (row,) = linkedin.records
    assert row.left_out == f"date met left out: '{pasted[:39]}…' is not a date"
    # A quote in the value is not a reason to quote it otherwise.
    (omar,) = read_google("First Name,Birthday,Labels\nOmar,Tom's day,\n", "g.csv").records
    assert omar.left_out == "birthday left out: 'Tom's day' is not a date"
