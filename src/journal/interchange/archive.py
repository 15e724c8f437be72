"""The journal archive's envelope: JSON text in, a checked document out (and back).

The document's contents (contacts, timeline, groups...) are described in README.md
("The journal archive") and built and restored by journal.core.archive.
"""

from __future__ import annotations

import json
import re
from typing import Any

from journal.interchange.errors import ImportFileError

FORMAT = "contact-journal-archive"
VERSION = 1
SECTIONS = (
    "tags",
    "contacts",
    "groups",
    "interactions",
    "follow_ups",
    "introduction_dismissals",
    "reviews",
    "settings",
)


def encode(document: dict[str, Any]) -> str:
    """The archive as JSON text: UTF-8 friendly, indented, keys in a stable order."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def decode(text: str, source: str) -> dict[str, Any]:
    """The document in an archive's text, its envelope checked; ImportFileError otherwise."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            source, error.lineno, f"this is not valid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise ImportFileError(source, None, "the JSON is nested too deeply") from None
    except ValueError as error:
        # Python refuses to read an integer of more than 4,300 digits (a denial of service
        # guard); no field of an archive holds one.
        digits = re.search(r"has (\d+) digits", str(error))
        size = f" of {digits.group(1)} digits" if digits else ""
        raise ImportFileError(
            source, None, f"it holds a number{size}, too long to be read"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFileError(
            source, None, f'this is not a Contact Journal archive (no "format": "{FORMAT}")'
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(source, None, f"the archive's version is not a number: {version!r}")
    if version > VERSION:
        raise ImportFileError(
            source,
            None,
            f"the archive is version {version}, from a newer Contact Journal; this one reads "
            f"up to version {VERSION}",
        )
    for section in SECTIONS:
        expected, shown = (dict, "object") if section == "settings" else (list, "array")
        if not isinstance(document.get(section, expected()), expected):
            raise ImportFileError(source, None, f'"{section}" should be a JSON {shown}')
    return document
