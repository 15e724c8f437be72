"""Text tables fit the terminal: the widest columns are cut with "…", never in a pipe."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_helpers import Capture, run, run_json

from journal.commands import common
from journal.commands.common import MIN_CUT_WIDTH, cut, fit_widths, text_table, text_width

LONG_ORG = "The International Association of Very Long Organisation Names"


def test_a_table_that_fits_is_left_as_it_is() -> None:
    rows = [["1", "Jane Doe", "Acme"]]
    assert text_table(["ID", "Name", "Org"], rows, width=80) == text_table(
        ["ID", "Name", "Org"], rows, width=10_000
    )


def test_the_widest_column_is_cut_first_and_rows_fit() -> None:
    rows = [["1", "Jane Doe", LONG_ORG], ["2", "王小明", "Acme"]]
    table = text_table(["ID", "Name", "Organisation"], rows, width=40)
    lines = table.splitlines()
    assert all(text_width(line) <= 40 for line in lines)
    assert lines[1].startswith("1   Jane Doe  The International")
    assert lines[1].endswith("…")
    assert lines[2].rstrip().endswith("Acme")  # short cells are not touched


def test_no_column_goes_below_its_floor() -> None:
    assert fit_widths([2, 30, 30], [2, 4, 12], 10) == [2, MIN_CUT_WIDTH, 12]


@given(
    st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=8),
    st.integers(min_value=20, max_value=200),
)
def test_fitted_widths_fit_or_stop_at_the_floors(widths: list[int], limit: int) -> None:
    headers = [min(w, 6) for w in widths]
    fitted = fit_widths(widths, headers, limit)
    floors = [min(w, max(h, MIN_CUT_WIDTH)) for w, h in zip(widths, headers, strict=True)]
    assert all(f <= w for f, w in zip(fitted, widths, strict=True))
    assert all(f >= fl for f, fl in zip(fitted, floors, strict=True))
    total = sum(fitted) + 2 * (len(fitted) - 1)
    assert total <= max(limit, sum(floors) + 2 * (len(fitted) - 1))


@given(st.text(max_size=40), st.integers(min_value=2, max_value=30))
def test_a_cut_cell_fits_its_width(text: str, width: int) -> None:
    assert text_width(cut(text, width)) <= width
    if text_width(text) <= width:
        assert cut(text, width) == text


def test_contact_list_on_a_narrow_terminal(
    capsys: Capture, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_json(capsys, "contact", "add", "--given", "Jane", "--family", "Doe", "--org", LONG_ORG)
    code, piped, _ = run(capsys, "contact", "list")
    assert code == 0 and LONG_ORG in piped  # a pipe or a file gets every character
    monkeypatch.setattr(common, "terminal_columns", lambda: 50)
    code, shown, _ = run(capsys, "contact", "list")
    assert code == 0
    assert LONG_ORG not in shown and "The Internatio…" in shown
    assert all(text_width(line) <= 50 for line in shown.splitlines())


LONG_SUMMARY = "Talked through the whole plan for the spring conference, the venue and who speaks"
LONG_NAMES = ("Maximiliane-Alexandrina Konstantinopoulou", "Bartholomew Fitzwilliam-Ashcroft")


@pytest.mark.parametrize(
    "listing",
    [("timeline",), ("followup", "list")],
)
def test_a_long_summary_and_many_people_are_whole_in_a_pipe_and_fit_a_terminal(
    capsys: Capture, home: Path, monkeypatch: pytest.MonkeyPatch, listing: tuple[str, ...]
) -> None:
    for name in LONG_NAMES:
        run_json(capsys, "contact", "add", name)
    with_both = [part for name in LONG_NAMES for part in ("--with", name)]
    run_json(capsys, "log", "meeting", LONG_SUMMARY, *with_both)
    run_json(capsys, "followup", "add", LONG_NAMES[0], "--in", "2w", LONG_SUMMARY)
    code, piped, _ = run(capsys, *listing)
    assert code == 0
    assert LONG_SUMMARY in piped  # nothing cut in a pipe or a file
    assert LONG_NAMES[0] in piped
    if listing == ("timeline",):
        assert ", ".join(LONG_NAMES) in piped  # everyone it was with, in the order given
    monkeypatch.setattr(common, "terminal_columns", lambda: 100)
    code, shown, _ = run(capsys, *listing)
    assert code == 0 and LONG_SUMMARY not in shown and "…" in shown
    assert all(text_width(line) <= 100 for line in shown.splitlines())
