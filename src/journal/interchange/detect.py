"""Which kind of file this is, from its content (the name's extension is only a hint)."""

from __future__ import annotations

import codecs
import itertools
import re

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


# Enough of a file to say what it is: a vCard's or an archive's first line, a CSV header
# after LinkedIn's few lines of notes.
SNIFF_BYTES = 65_536
_FIRST_CHARACTER = re.compile(r"\S")


def sniff(data: bytes) -> str | None:
    """The format of a file from its first SNIFF_BYTES (the rest is not looked at), read
    leniently: a character cut in two at the end, or a few bytes not in UTF-8, cannot
    hide a header."""
    head = data[:SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", "ignore")
    else:
        text = head.decode("utf-8", "replace")
    return detect_format(text.removeprefix("\ufeff"))


def has_text(text: str) -> bool:
    """Whether `text` holds anything but white space (without copying a large text)."""
    return _FIRST_CHARACTER.search(text) is not None


def detect_format(text: str) -> str | None:
    """ "vcard", "linkedin", "google" or "archive"; None when it is none of them."""
    first = _FIRST_CHARACTER.search(text)
    start = text[first.start() : first.start() + 64] if first is not None else ""
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
