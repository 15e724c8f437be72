"""A vCard file's plain cards, checked a column at a time, import as its records do.

The app reads a vCard file's plain cards into a table (interchange.record_table) for the
import's column-wise path; the same file read as records only (read_vcards) goes the
general path, card by card. Both must give the same preview, the same reports and the same
journal, whatever the cards hold: UIDs shared with the journal or with each other,
introducers named by UID, channels in any order, cards that are not plain at all.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.clock import FixedClock
from journal.core.importing import apply_import, plan_import
from journal.interchange.reading import ImportSource, read_import_bytes
from journal.interchange.record_table import records_table
from journal.interchange.vcard_reader import read_vcards
from journal.store import Journal
from journal.store.models import Contact

from .test_import_table import STORED, _rows, _store, _undone, assert_imports_alike

# Lines a card may hold, each drawn on its own: every kind of value the checks take or
# refuse (untrimmed, too long, a NUL, a bad e-mail, a day still to come), UIDs that recur,
# and lines that keep a card off the table (kept properties, the journal's own fields).
LINES = {
    "n": ["N:Doe;Jane;;;", "N:Doe;jane;;;", "N:Zola;Émile;;;", "N:;王小明;;;", "N:小明;王;;;",
          "N:Haddad;Omar;;;", "N:;;;;", "N:" + "x" * 301 + ";Jane;;;"],
    "fn": ["FN:Jane Doe", "FN:Omar", "FN:", "FN:Acme"],
    "org": ["ORG:Acme", "ORG:Acme Inc", "ORG:", "ORG:" + "y" * 301],
    "title": ["TITLE:Founder", "TITLE:a\\x00b", "TITLE:" + "z" * 301],
    "email": ["EMAIL;TYPE=WORK:jane@acme.example", "EMAIL:JANE@acme.example",
              "EMAIL:not-an-email", "EMAIL;TYPE=HOME:omar@kite.example", "EMAIL:"],
    "tel": ["TEL;TYPE=CELL:+44 20 7946 0958", "TEL:020 7946 0958", "TEL:+1 555 0100"],
    "url": ["URL:https://www.linkedin.com/in/jane", "URL:http://linkedin.com/in/jane/",
            "URL:https://www.x"],
    "note": ["NOTE:Met at the chamber\\, twice", "NOTE:" + "n" * 20001],
    "tags": ["CATEGORIES:networking,chamber", "CATEGORIES:Networking", "CATEGORIES:,#"],
    "bday": ["BDAY:1980-03-15", "BDAY:2099-01-01", "BDAY:--0315", "BDAY:circa 1950"],
    "uid": ["UID:urn:uuid:1", "UID:urn:uuid:2", "UID:stored-1", "UID:" + "u" * 301],
    "nickname": ["NICKNAME:JD", "NICKNAME:"],
    "kept": ["X-CUSTOM:kept for export", "X-JOURNAL-STAGE:friend", "X-JOURNAL-ARCHIVED:1",
             "X-JOURNAL-MET-THROUGH:urn:uuid:1", "X-JOURNAL-KNOW:9"],
}  # fmt: skip
CARD = st.lists(
    st.sampled_from(sorted(LINES)).flatmap(lambda kind: st.sampled_from(LINES[kind])),
    max_size=9,
)


def _file(cards: list[list[str]]) -> bytes:
    body = "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{line}\r\n" for line in card) + "END:VCARD\r\n"
        for card in cards
    )
    return body.encode("utf-8")


def _store_uids(stored: list[tuple[str, str, str, str, str]], clock: FixedClock) -> None:
    """The stored people, the first with the UID a card may carry."""
    _store(stored, clock)
    first = Contact.select().order_by(Contact.id).first()
    if first is not None:
        Contact.update(vcard_uid="stored-1").where(Contact.id == first.id).execute()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cards=st.lists(CARD, min_size=1, max_size=10), stored=STORED, changed=st.booleans())
def test_plain_cards_import_as_their_records_do(
    journal: Journal,
    clock: FixedClock,
    cards: list[list[str]],
    stored: list[tuple[str, str, str, str, str]],
    changed: bool,
) -> None:
    data = _file(cards)
    with _undone():
        _store_uids(stored, clock)
        tabled = read_import_bytes(data, "f.vcf", "vcard")
        records = ImportSource("f.vcf", "vcard", read_vcards(data.decode("utf-8"), "f.vcf"))
        fast, general = plan_import(tabled, clock), plan_import(records, clock)
        assert general.fast is None
        assert_imports_alike(fast, general, clock, changed)


def test_plain_cards_go_the_column_wise_way_and_the_rest_card_by_card(
    journal: Journal, clock: FixedClock
) -> None:
    cards = [
        ["N:Doe;Jane;;;", "EMAIL:jane@acme.example", "TEL:+1 555 0100", "UID:urn:uuid:1"],
        ["N:Haddad;Omar;;;", "X-CUSTOM:kept for export"],
        ["N:Sharma;Priya;;;", "EMAIL:priya@kite.example", "EMAIL:p@home.example"],
        ["N:Tanaka;Kenji;;;", "X-JOURNAL-MET-THROUGH:urn:uuid:1"],
    ]
    source = read_import_bytes(_file(cards), "f.vcf", "vcard")
    read = source.contacts
    assert read is not None and read.table is not None
    assert read.table.given_name == ["Jane", "Priya"]
    assert read.table.uids == ["urn:uuid:1", ""]
    assert [record.draft.given_name for record in read.listed] == ["Omar", "Kenji"]
    plan = plan_import(source, clock)
    assert [row.fast for row in plan.rows] == [0, -1, 1, -1]
    report = apply_import(plan, clock=clock).value
    assert [row.outcome.value for row in report.rows] == ["added"] * 4
    jane = Contact.get(Contact.given_name == "Jane")
    kenji = Contact.get(Contact.given_name == "Kenji")
    assert jane.vcard_uid == "urn:uuid:1"
    assert kenji.met_through_id == jane.id  # introduced by a card that went the table's way


def test_the_table_keeps_every_cards_channels_in_their_order() -> None:
    """Cards whose channels come in an order the columns cannot keep stay records."""
    cards = [
        ["N:Doe;Jane;;;", "EMAIL:a@x.example", "TEL:+1 555 0100"],
        ["N:Doe;John;;;", "EMAIL:b@x.example", "URL:https://x.example/b", "TEL:+1 555 0101"],
        ["N:Doe;Ann;;;", "EMAIL:c@x.example", "EMAIL:d@x.example", "TEL:+1 555 0102"],
        ["N:Doe;Tom;;;", "TEL:+1 555 0103", "EMAIL:e@x.example"],
    ]
    read = read_vcards(_file(cards).decode("utf-8"), "f.vcf")
    table, rest = records_table(read.listed)
    assert table is not None
    assert [(column.kind, column.values) for column in table.channels] == [
        ("email", ["a@x.example", "b@x.example", "c@x.example"]),
        ("email", ["", "", "d@x.example"]),
        ("url", ["", "https://x.example/b", ""]),
        ("phone", ["+1 555 0100", "+1 555 0101", "+1 555 0102"]),
    ]
    assert [record.draft.given_name for record in rest] == ["Tom"]
    for row, record in enumerate(read.listed[:3]):
        assert table.record(row) == record


def test_a_card_the_checks_refuse_is_checked_as_its_record_is(
    journal: Journal, clock: FixedClock
) -> None:
    """A UID too long (or untrimmed text, a bad e-mail) sends the card the general way,
    which leaves the value out and keeps the person."""
    cards = [
        ["N:Doe;Jane;;;", "UID:" + "u" * 301],
        ["N:Zola;Émile;;;", "EMAIL:not-an-email"],
        ["N:Haddad;Omar;;;", "UID:urn:uuid:7"],
    ]
    data = _file(cards)
    tabled = plan_import(read_import_bytes(data, "f.vcf", "vcard"), clock)
    general = plan_import(
        ImportSource("f.vcf", "vcard", read_vcards(data.decode("utf-8"), "f.vcf")), clock
    )
    assert _rows(tabled) == _rows(general)
    assert [row.status.value for row in tabled.rows] == ["new", "new", "new"]
    assert [row.note.split(" left out")[0] for row in tabled.rows] == ["UID", "e-mail", ""]
    assert [row.note for row in tabled.rows] == [row.note for row in general.rows]
