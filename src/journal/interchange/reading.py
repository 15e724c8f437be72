"""Reading a file to import: its bytes, its text, its format, and what is in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.interchange import archive
from journal.interchange.csv_google import read_google_table
from journal.interchange.csv_linkedin import read_linkedin_table
from journal.interchange.detect import (
    FORMAT_NAMES,
    FORMATS,
    SNIFF_BYTES,
    detect_format,
    has_text,
    sniff,
)
from journal.interchange.errors import ImportFileError
from journal.interchange.record_table import tabulate
from journal.interchange.records import ReadResult
from journal.interchange.textfile import decode
from journal.interchange.vcard_reader import read_vcards


@dataclass
class ImportSource:
    """A read file: contacts from a vCard or CSV, or a whole journal from an archive."""

    source: str
    format: str
    contacts: ReadResult | None = None
    archive: dict[str, Any] | None = None


def read_import_file(path: Path, format: str | None = None) -> ImportSource:
    """Read `path` as `format` (detected from the content when None)."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            # Before reading a large file whole; what it found is not looked for again.
            format = _known_from_its_start(head, source, format)
            if handle.seekable():
                handle.seek(0)
                data = handle.read()  # in one piece: a large file is not held twice
            else:
                data = head + handle.read()  # a pipe cannot go back
    except OSError as error:
        raise ImportFileError(source, None, f"cannot be read: {error.strerror}") from None
    return read_import_bytes(data, source, format)


def read_import_bytes(data: bytes, source: str, format: str | None = None) -> ImportSource:
    """Read a file's bytes as `format` (detected from the content when None)."""
    if format is not None and format not in FORMATS:
        raise ImportFileError(source, None, f"unknown format {format!r}; use one of {FORMATS}")
    found = _known_from_its_start(data, source, format)
    text, encoding = decode(data, source)
    if not has_text(text):
        raise ImportFileError(source, None, "it is empty: there is nobody in it to import")
    # A start of nothing but white space: what follows it says.
    found = found or detect_format(text)
    if found is None:
        raise _not_importable(source)
    if found == "archive":
        return ImportSource(source, found, archive=archive.decode(text, source))
    if found == "vcard":
        result = read_vcards(text, source, encoding)
        tabulate(result)  # its plain cards are checked a column at a time, as a CSV's rows
    elif found == "linkedin":
        result = read_linkedin_table(text, source)
    else:
        result = read_google_table(text, source)
    return ImportSource(source, found, contacts=result)


def _not_importable(source: str) -> ImportFileError:
    return ImportFileError(
        source,
        None,
        "this is not a file the journal can import; it reads " + ", ".join(FORMAT_NAMES.values()),
    )


def _known_from_its_start(data: bytes, source: str, format: str | None) -> str | None:
    """The format given, or the one the file's start shows (None: its start is all white
    space, the rest will say); a start that is text of no known kind is refused.

    So a large file that is none of these (a video, a disk image) is refused before it is
    read or decoded whole: a 200 MB one took 1.2 GB of memory to be refused.
    """
    found = format or sniff(data)
    if found is None and has_text(data[:SNIFF_BYTES].decode("latin-1")):
        raise _not_importable(source)
    return found
