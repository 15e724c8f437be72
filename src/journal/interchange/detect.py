"""Which kind of file this is, from its content (the name's extension is only a hint)."""

from __future__ import annotations

import itertools

from journal.interchange import csv_google, csv_linkedin
from journal.interchange.csv_rows import numbered_rows
from journal.interchange.errors import ImportFileError

FORMATS = ("vcard", "linkedin", "google", "archive")
FORMAT_NAMES = {
    "vcard": "vCard",
    "linkedin": "LinkedIn connections (CSV)",
    "google": "Google Contacts (CSV)",
    "archive": "Contact Journal archive (JSON)",
}


def detect_format(text: str) -> str | None:
    """ "vcard", "linkedin", "google" or "archive"; None when it is none of them."""
    start = text.lstrip()[:64]
    if start[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    if start.startswith("{"):
        return "archive"
    try:
        for _line, row in itertools.islice(
            numbered_rows(text, ""), csv_linkedin.HEADER_SEARCH_ROWS
        ):
            if csv_linkedin.is_header(row):
                return "linkedin"
            if csv_google.is_header(row):
                return "google"
    except ImportFileError:
        return None
    return None
