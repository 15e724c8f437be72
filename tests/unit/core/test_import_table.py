"""The import's column-wise path (core.import_table) gives what the general path gives.

A LinkedIn or Google file read as a table (as the app reads it) and the same file read as
records (read_linkedin; read_google, row by row), which the general path checks, keys and
matches row by row, must give the same preview, the same reports and the same journal,
whatever the rows hold.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.clock import FixedClock
from journal.core.contacts import ChannelDraft, ContactDraft, create_contact
from journal.core.importing import (
    Duplicates,
    ImportPlan,
    RowStatus,
    apply_import,
    dry_run,
    plan_import,
)
from journal.core.matching import name_key_columns, name_keys
from journal.core.names import sort_key
from journal.interchange.csv_google import read_google, read_google_table
from journal.interchange.csv_linkedin import read_linkedin
from journal.interchange.reading import ImportSource, read_import_bytes
from journal.store import Journal
from journal.store.models import database_proxy

from .conftest import dump_journal

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
# Cells that take every branch: initials, accents, compatibility forms, apostrophes, two
# words, untrimmed, too long, a NUL, bad e-mails and dates, short and odd links.
NAMES = ["Jane", "jane", "J.", "J", "Émile", "Emile", "王", "O'Brien", "Mary Ann", "", " Jane "]
NAMES += [
    "Doe",
    "Zola",
    "ＪＡＮＥ",
    "Jane\u00b4",
    "x" * 301,
    "a\x00b",
    "Müller",
    "Muller",
    "\u0301",
]
COMPANIES = ["Acme", "Acme Inc", "ACME", "", "Kite Ltd.", "x" * 301]
EMAILS = ["", "jane@acme.example", "JANE@acme.example", "not-an-email", "a@b", " x@y "]
LINKS = ["", "https://www.linkedin.com/in/jane", "https://www.linkedin.com/in/Jane/"]
LINKS += ["http://linkedin.com/in/jane", "https://www.x", "linkedin.com/in/omar", "a\x00b"]
DAYS = ["", "15 Mar 2023", "01 Feb 2099", "someday", "2023-03-15"]
TITLES = ["", "Founder", "y" * 301]

ROWS = st.one_of(
    st.tuples(
        st.sampled_from(NAMES),
        st.sampled_from(NAMES),
        st.sampled_from(LINKS),
        st.sampled_from(EMAILS),
        st.sampled_from(COMPANIES),
        st.sampled_from(TITLES),
        st.sampled_from(DAYS),
    ).map(list),
    st.sampled_from([[], ["", "", "", "", "", "", ""], ["Too", "Many", "", "", "", "", "", "x"]]),
    st.sampled_from([["Short", "Row"], ["Multi", "Line\nName", "", "", "", "", ""]]),
)
STORED = st.lists(
    st.tuples(
        st.sampled_from(["Jane", "J.", "Emile", "王", "Omar"]),
        st.sampled_from(["Doe", "Zola", "Muller", ""]),
        st.sampled_from(["Acme", ""]),
        st.sampled_from(["", "jane@acme.example", "other@acme.example"]),
        st.sampled_from(["", "linkedin.com/in/jane"]),
    ),
    max_size=3,
)


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    out.write('Notes:\n"Some e-mail addresses are missing."\n\n')
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _store(people: list[tuple[str, str, str, str, str]], clock: FixedClock) -> None:
    for given_name, family, org, email, link in people:
        channels = [ChannelDraft("email", email)] if email else []
        if link:
            channels.append(ChannelDraft("url", link))
        draft = ContactDraft(given_name, family, organisation=org, channels=channels)
        create_contact(draft, clock)


def _plans(data: bytes, clock: FixedClock) -> tuple[ImportPlan, ImportPlan]:
    """The file planned as the app reads it (a table), and as records (the general path)."""
    table = read_import_bytes(data, "f.csv", "linkedin")
    assert table.contacts is not None and table.contacts.table is not None
    records = ImportSource("f.csv", "linkedin", read_linkedin(data.decode("utf-8"), "f.csv"))
    return plan_import(table, clock), plan_import(records, clock)


def _rows(plan: ImportPlan) -> list[tuple[object, ...]]:
    return [(r.line, r.name, r.email, r.status, r.reason) for r in plan.rows]


@contextmanager
def _undone() -> Iterator[None]:
    """Whatever the block writes is rolled back at the end."""
    with database_proxy.atomic() as transaction:
        yield
        transaction.rollback()


def _applied(plan: ImportPlan, policy: Duplicates, clock: FixedClock) -> tuple[object, object]:
    with _undone():
        report = apply_import(plan, policy, clock).value
        return report.rows, dump_journal()


def assert_imports_alike(
    fast: ImportPlan, general: ImportPlan, clock: FixedClock, changed: bool
) -> None:
    """Two plans of one file give the same preview, dry runs and, applied, the same reports
    and journal (also if the journal changed since the preview)."""
    assert _rows(fast) == _rows(general)
    for policy in Duplicates:
        assert dry_run(fast, policy).rows == dry_run(general, policy).rows
    if changed:  # the journal changed since the preview: both match again
        create_contact(ContactDraft("Jane", "Doe", organisation="Acme"), clock)
    for policy in Duplicates:
        assert _applied(fast, policy, clock) == _applied(general, policy, clock)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROWS, max_size=12), stored=STORED, changed=st.booleans())
def test_a_table_imports_as_its_records_do(
    journal: Journal,
    clock: FixedClock,
    rows: list[list[str]],
    stored: list[tuple[str, str, str, str, str]],
    changed: bool,
) -> None:
    with _undone():
        _store(stored, clock)
        fast, general = _plans(_csv(rows), clock)
        assert fast.fast is not None and general.fast is None
        assert_imports_alike(fast, general, clock, changed)


def test_a_file_of_plain_rows_is_checked_a_column_at_a_time(
    journal: Journal, clock: FixedClock
) -> None:
    """The usual LinkedIn rows never become states (the point of the fast path)."""
    rows = [["Jane", "Doe", "https://www.linkedin.com/in/jane", "", "Acme", "CEO", "1 Mar 2020"]]
    rows.append(["Omar", "Haddad", "", "omar@kite.example", "Kite", "", ""])
    fast, _general = _plans(_csv(rows), clock)
    assert [r.state for r in fast.rows] == [None, None]
    assert [r.fast for r in fast.rows] == [0, 1]
    report = apply_import(fast, clock=clock).value
    assert [r.outcome.value for r in report.rows] == ["added", "added"]


def test_cjk_rows_are_shown_family_name_first_and_found_again(
    journal: Journal, clock: FixedClock
) -> None:
    create_contact(ContactDraft("王小明", organisation="Kite"), clock)  # typed whole
    rows = [["小明", "王", "", "", "Kite", "", ""], ["健", "佐藤", "", "", "", "", ""]]
    rows.append(["Jane", "Doe", "", "", "Acme", "", ""])
    fast, general = _plans(_csv(rows), clock)
    assert _rows(fast) == _rows(general)
    assert [r.name for r in fast.rows] == ["王小明", "佐藤健", "Jane Doe"]
    assert fast.rows[0].status is RowStatus.DUPLICATE  # the same name, written whole
    report = apply_import(fast, clock=clock).value
    assert [r.outcome.value for r in report.rows] == ["merged", "added", "added"]
    again, _general = _plans(_csv(rows), clock)
    assert [r.status for r in again.rows] == [RowStatus.UNCHANGED] * 3


_PART = st.one_of(  # trimmed, as the reader's cells are
    st.sampled_from([*NAMES, "Ｊ", "ǅ", "ﬁ", "x\u0301", "\u0301", "ß"]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=6),
).map(str.strip)


@settings(max_examples=400)
@given(
    people=st.lists(st.tuples(_PART, _PART, st.sampled_from(["", "Acme", "Acme Inc"])), max_size=6)
)
def test_name_keys_a_column_at_a_time_are_name_keys(people: list[tuple[str, str, str]]) -> None:
    given_names = [g for g, _f, _o in people]
    families = [f for _g, f, _o in people]
    orgs = [o for _g, _f, o in people]
    shown = [f"{g} {f}" if g and f else g or f or o for g, f, o in people]
    shown_keys = list(map(sort_key, shown))
    given_keys, family_keys = list(map(sort_key, given_names)), list(map(sort_key, families))
    for g, f, key, g_key, f_key in zip(
        given_names, families, shown_keys, given_keys, family_keys, strict=True
    ):
        if g and f:  # the contract the import's caller relies on
            assert key == f"{g_key} {f_key}"
    same, filed, sought, others = name_key_columns(
        given_names, families, shown, shown_keys, orgs, given_keys, family_keys
    )
    for row, (g, f, o) in enumerate(people):
        expected = name_keys(g, f, shown[row], o)
        if row in others:
            assert others[row] == expected
        else:
            assert (expected.filed, expected.sought) == (
                [same[row], filed[row]],
                [same[row], sought[row]],
            )


# Google Contacts CSV: both header sets, the cells of each kind drawn from values that take
# every branch (several values, Google's own labels and groups, notes over lines, bad dates,
# bad e-mails, odd phones).
GOOGLE_CURRENT = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Nickname",
    "Organization Name",
    "Organization Department",
    "Organization Title",
    "Birthday",
    "Notes",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Address 1 - City",
    "Website 1 - Label",
    "Website 1 - Value",
]
GOOGLE_LEGACY = [
    "Name",
    "Given Name",
    "Additional Name",
    "Family Name",
    "Nickname",
    "Birthday",
    "Notes",
    "Group Membership",
    "Organization 1 - Name",
    "Organization 1 - Title",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "Phone 1 - Type",
    "Phone 1 - Value",
    "Address 1 - Type",
    "Address 1 - Street",
    "Address 1 - City",
    "Website 1 - Type",
    "Website 1 - Value",
]
_LABELS = [
    "",
    "* Work",
    "Home",
    "Mobile",
    "Profile",
    " * Other ",
    "x" * 301,
    "* Work ::: Home",  # a label for each value, when a cell holds two
    "Home ::: Mobile ::: Work",
]
_GOOGLE_CELLS: dict[str, list[str]] = {
    "name": ["", "Jane Doe", "Omar"],
    "given": ["Jane", "J.", "Émile", "", "Omar", "a\x00b"],
    "middle": ["", "", "Ann"],
    "family": ["Doe", "", "Zola", "Haddad", "x" * 301],
    "nickname": ["", "", "JD"],
    "organisation": ["Acme", "", "Acme Inc", "Kite"],
    "department": ["", "Sales"],
    "title": ["", "Founder"],
    "birthday": ["", "", "1990-06-01", "--03-15", "15 Mar 1985", "someday", "2099-01-01"],
    "notes": ["", "Met at the chamber", "two\nlines", "y" * 100_001],
    "labels": ["", "networking ::: * myContacts", "* starred", "Friends ::: friends", "#vip"],
    "label": _LABELS,
    "email": ["", "jane@acme.example", "JANE@acme.example ::: jd@home.example", "bad", " ::: "],
    "phone": ["", "+1 555 0100", "555 0100", "+44 20 7946 0958 ::: 020 7946 0958", "12 x3"],
    "address": ["", "1 Main St, Springfield"],
    "city": ["", "Lyon"],
    "website": ["", "https://www.linkedin.com/in/jane", "http://acme.example/", "a\x00b"],
}
_PHONE_ON = "label phone label address city label website"
_FIELDS_OF = {  # each header's columns, as fields of _GOOGLE_CELLS
    "current": (
        "given middle family nickname organisation department title birthday notes labels "
        "label email label email " + _PHONE_ON
    ).split(),
    "legacy": (
        "name given middle family nickname birthday notes labels organisation title "
        "label email " + _PHONE_ON
    ).split(),
}
_GOOGLE_ROW = st.fixed_dictionaries(
    {}, optional={field: st.sampled_from(values) for field, values in _GOOGLE_CELLS.items()}
)
GOOGLE_ROWS = st.one_of(
    _GOOGLE_ROW, _GOOGLE_ROW, _GOOGLE_ROW, st.sampled_from(["blank", "long", "short"])
)


def _google_csv(header: str, rows: list[object]) -> bytes:
    fields = _FIELDS_OF[header]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(GOOGLE_CURRENT if header == "current" else GOOGLE_LEGACY)
    for row in rows:
        if row == "blank":
            writer.writerow([""] * len(fields))
        elif row == "long":
            writer.writerow(["Too", "Many", *[""] * len(fields)])
        elif row == "short":
            writer.writerow(["Short", "Row"])
        else:
            assert isinstance(row, dict)
            # Labels sit on each channel group: drawn afresh for each.
            writer.writerow([row.get(field, "") for field in fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.sampled_from(["current", "legacy"]),
    rows=st.lists(GOOGLE_ROWS, max_size=10),
    stored=STORED,
    changed=st.booleans(),
)
def test_a_google_table_imports_as_read_row_by_row(
    journal: Journal,
    clock: FixedClock,
    header: str,
    rows: list[object],
    stored: list[tuple[str, str, str, str, str]],
    changed: bool,
) -> None:
    """Google's CSV read as columns (as the app reads it) and row by row (read_google)."""
    data = _google_csv(header, rows)
    with _undone():
        _store(stored, clock)
        table = read_import_bytes(data, "f.csv", "google")
        assert table.contacts is not None and table.contacts.table is not None
        text = data.decode("utf-8-sig")
        records = ImportSource("f.csv", "google", read_google(text, "f.csv"))
        fast, general = plan_import(table, clock), plan_import(records, clock)
        assert fast.fast is not None and general.fast is None
        assert_imports_alike(fast, general, clock, changed)


def test_a_google_table_keeps_what_read_google_reads(journal: Journal) -> None:
    """The table's records are read_google's, for every kind of cell at once."""
    rows: list[object] = [
        {field: values[-1] or values[1] for field, values in _GOOGLE_CELLS.items()},
        {field: values[1] for field, values in _GOOGLE_CELLS.items()},
        {field: values[2 % len(values)] for field, values in _GOOGLE_CELLS.items()},
        "blank",
        "long",
    ]
    for header in ("current", "legacy"):
        text = _google_csv(header, rows).decode("utf-8-sig")
        table = read_google_table(text, "f.csv")
        general = read_google(text, "f.csv")
        assert table.problems == general.problems
        assert table.records == general.records


def test_google_rows_sharing_only_a_phone_or_a_link_are_found(
    journal: Journal, clock: FixedClock
) -> None:
    """Rows that share nothing but a phone number (or a website) still take part in matching."""
    rows: list[object] = [
        {"given": "Jane", "family": "Doe", "phone": "+44 20 7946 0958"},
        {"given": "Omar", "family": "Haddad", "phone": "020 7946 0958"},
        {"given": "Priya", "family": "Sharma", "website": "https://www.acme.example/p"},
        {"given": "Kenji", "family": "Tanaka", "website": "http://acme.example/p/"},
        {"given": "Ana", "family": "Silva", "phone": "+1 555 0100"},
        {"given": "Lars", "family": "Berg", "phone": "15550100"},
    ]
    data = _google_csv("current", rows)
    table = read_import_bytes(data, "f.csv", "google")
    text = data.decode("utf-8-sig")
    general = plan_import(ImportSource("f.csv", "google", read_google(text, "f.csv")), clock)
    plan = plan_import(table, clock)
    assert plan.fast is not None
    assert _rows(plan) == _rows(general)
    codes = [r.reason.code if r.reason else "" for r in plan.rows]
    # Kenji and Lars bring nothing new: their match is what the preview says.
    assert codes == ["", "same_phone", "", "nothing_new", "", "nothing_new"]
