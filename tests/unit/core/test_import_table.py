"""The import's column-wise path (core.import_table) gives what the general path gives.

A LinkedIn file read as a table (as the app reads it) and the same file read as records
(read_linkedin, which the general path checks, keys and matches row by row) must give the
same preview, the same reports and the same journal, whatever the rows hold.
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
    apply_import,
    dry_run,
    plan_import,
)
from journal.core.matching import name_key_columns, name_keys
from journal.core.names import sort_key
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
        assert _rows(fast) == _rows(general)
        for policy in Duplicates:
            assert dry_run(fast, policy).rows == dry_run(general, policy).rows
        if changed:  # the journal changed since the preview: both match again
            create_contact(ContactDraft("Jane", "Doe", organisation="Acme"), clock)
        for policy in Duplicates:
            assert _applied(fast, policy, clock) == _applied(general, policy, clock)


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
