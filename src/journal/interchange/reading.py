"""Reading a file to import: its bytes, its text, its format, and what is in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.interchange import archive
from journal.interchange.csv_google import read_google_table
from journal.interchange.csv_linkedin import read_linkedin_table
from journal.interchange.detect import FORMAT_NAMES, FORMATS, detect_format
from journal.interchange.errors import ImportFileError
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
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(source, None, f"cannot be read: {error.strerror}") from None
    return read_import_bytes(data, source, format)


def read_import_bytes(data: bytes, source: str, format: str | None = None) -> ImportSource:
    """Read a file's bytes as `format` (detected from the content when None)."""
    if format is not None and format not in FORMATS:
        raise ImportFileError(source, None, f"unknown format {format!r}; use one of {FORMATS}")
    text, encoding = decode(data, source)
    if not text.strip():
        raise ImportFileError(source, None, "it is empty: there is nobody in it to import")
    found = format or detect_format(text)
    if found is None:
        raise ImportFileError(
            source,
            None,
            "this is not a file the journal can import; it reads "
            + ", ".join(FORMAT_NAMES.values()),
        )
    if found == "archive":
        return ImportSource(source, found, archive=archive.decode(text, source))
    if found == "vcard":
        result = read_vcards(text, source, encoding)
    elif found == "linkedin":
        result = read_linkedin_table(text, source)
    else:
        result = read_google_table(text, source)
    return ImportSource(source, found, contacts=result)
