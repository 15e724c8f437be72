"""numbered_table reads the rows and lines that numbered_rows reads, in one call."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.interchange.csv_rows import numbered_rows, numbered_table
from journal.interchange.errors import ImportFileError

# Pieces of CSV text: cells, quoted cells with line breaks, every kind of line end, stray
# quotes and NULs (which the csv module may refuse).
PIECES = st.sampled_from(
    ["a", ",", '"q"', '"x\ny"', '"x\r\ny"', "\n", "\r\n", "\r", '"', "\x00", " "]
)


def _read(read: object, text: str) -> object:
    try:
        return read(text, "f.csv")  # type: ignore[operator]
    except ImportFileError as error:
        return ("refused", str(error))


@settings(max_examples=400)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_the_same_rows_on_the_same_lines(text: str) -> None:
    rows = _read(lambda t, s: list(numbered_rows(t, s)), text)
    table = _read(numbered_table, text)
    if isinstance(rows, tuple):
        assert table == rows
    else:
        lines, cells = table  # type: ignore[misc]
        assert list(zip(lines, cells, strict=True)) == rows
