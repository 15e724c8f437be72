"""A contact's photo, from the vCard properties the journal keeps as they came."""

from __future__ import annotations

import base64
import binascii

from journal.interchange.vcard_syntax import params, split_line

# A card's photo is a thumbnail, tens of kilobytes; anything past this is not decoded for
# the card (a 50 MB one would hold the window up at every look at that person).
MAX_PHOTO_BYTES = 2 * 1024 * 1024


def photo_bytes(kept: str, limit: int = MAX_PHOTO_BYTES) -> bytes | None:
    """The image data of the first inline PHOTO among the kept lines, or None.

    Inline means base64: `ENCODING=b` (3.0), `ENCODING=BASE64` (2.1) or a `data:` URI
    (4.0). A photo given by its web address is not fetched.
    """
    for line in kept.split("\n"):
        if "PHOTO" not in line[:80].upper():  # most kept lines are not: skip the parse
            continue
        parts = split_line(line)
        if parts is None or parts[1] != "PHOTO":
            continue
        _group, _name, raw, value = parts
        if value[:5].lower() == "data:":
            head, marker, value = value.partition(",")
            if not marker or not head.lower().endswith(";base64"):
                continue
        else:
            encoding = (params(raw).get("ENCODING") or [""])[0].upper()
            if encoding not in ("B", "BASE64"):
                continue
        if len(value) * 3 // 4 > limit:
            return None
        try:
            return base64.b64decode("".join(value.split()), validate=False)
        except (binascii.Error, ValueError):
            continue
    return None
