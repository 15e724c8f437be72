"""Writing vCard 3.0 (the default: what every address book reads) and 4.0.

Each contact becomes one card: names, organisation, title, birthday (without its year as
`--MMDD` in 4.0, and in 3.0 as Apple writes it, `X-APPLE-OMIT-YEAR=1604`), notes, tags
as CATEGORIES, and every channel with its label: a label vCard knows (work, home, mobile,
fax...) as TYPE, any other as an `itemN.X-ABLabel`, as Apple does. The journal's own fields
travel as X-JOURNAL-* properties, and properties read from a card that the journal does
not model are written back as they came (photos converted between 3.0's ENCODING=b and
4.0's data: URIs). Lines are folded at 75 octets and end in CRLF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from journal import __version__
from journal.core.contacts import ChannelDraft, ContactDraft
from journal.core.names import display_name
from journal.core.timeutil import has_year
from journal.interchange import vcard_fields as fields
from journal.interchange.records import ContactRecord
from journal.interchange.vcard_syntax import escape, fold, params, split_line

VERSIONS = ("3.0", "4.0")
PRODID = f"-//Contact Journal//Contact Journal {__version__}//EN"
_PROPERTY_OF = {
    "email": "EMAIL",
    "phone": "TEL",
    "url": "URL",
    "address": "ADR",
    "social": "X-SOCIALPROFILE",
}
_TOKEN = re.compile(r"^[a-z0-9-]+$")
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})


def write_vcards(records: Iterable[ContactRecord], version: str = "3.0") -> Iterator[str]:
    """One card's text per record."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r}: this writer makes {VERSIONS}")
    for record in records:
        yield card_text(record, version)


def card_text(record: ContactRecord, version: str = "3.0") -> str:
    """The card of one contact, folded, CRLF line ends."""
    return "".join(fold(line) for line in _lines(record, version))


def _lines(record: ContactRecord, version: str) -> Iterator[str]:
    draft = record.draft
    yield "BEGIN:VCARD"
    yield f"VERSION:{version}"
    yield f"PRODID:{PRODID}"
    if record.uid:
        yield f"UID:{escape(record.uid)}"
    shown = _shown(draft)
    yield f"FN:{escape(shown)}"
    yield f"N:{escape(draft.family_name)};{escape(draft.given_name)};;;"
    if draft.nickname:
        yield f"NICKNAME:{escape(draft.nickname)}"
    if draft.organisation:
        yield f"ORG:{escape(draft.organisation)}"
    if draft.title:
        yield f"TITLE:{escape(draft.title)}"
    if draft.birthday is not None:
        yield _birthday(draft.birthday, version)
    if draft.notes:
        yield f"NOTE:{escape(draft.notes)}"
    if draft.tags:
        yield "CATEGORIES:" + ",".join(escape(tag) for tag in draft.tags)
    yield from _channels(draft.channels, version)
    yield from _journal_fields(record)
    for line in record.extra:
        yield _converted(line, version)
    yield "END:VCARD"


def _shown(draft: ContactDraft) -> str:
    return display_name(draft.given_name, draft.family_name, draft.nickname, draft.organisation)


def _birthday(day: dt.date, version: str) -> str:
    if has_year(day):
        return f"BDAY:{day.isoformat()}"
    if version == "4.0":
        return f"BDAY:{day.strftime('--%m%d')}"
    return f"BDAY;X-APPLE-OMIT-YEAR={day.year}:{day.isoformat()}"


def _channels(channels: list[ChannelDraft], version: str) -> Iterator[str]:
    item = 0
    for channel in channels:
        name = _PROPERTY_OF[channel.kind]
        value = _value(channel)
        types = _types(channel)
        if types is None:  # a label of the user's own: Apple's grouped label
            item += 1
            head = f"item{item}.{name}"
            if channel.kind == "email" and version == "3.0":
                head += ";TYPE=INTERNET"
            yield f"{head}{_text_value(channel, version)}:{value}"
            yield f"item{item}.X-ABLabel:{escape(channel.label)}"
            continue
        if channel.kind == "email" and version == "3.0":
            types = ["INTERNET", *types]
        head = name + (f";TYPE={','.join(types)}" if types else "")
        yield f"{head}{_text_value(channel, version)}:{value}"


def _text_value(channel: ChannelDraft, version: str) -> str:
    # 4.0 reads a phone as a tel: URI by default; ours are as the user typed them.
    return ";VALUE=text" if version == "4.0" and channel.kind == "phone" else ""


def _value(channel: ChannelDraft) -> str:
    if channel.kind == "address":
        return f";;{escape(channel.value)};;;;"
    if channel.kind in ("url", "social"):
        # A link is a URI, not text: only the characters that would break the line escaped.
        return channel.value.replace("\\", "\\\\").replace("\r", "").replace("\n", "\\n")
    return escape(channel.value)


def _types(channel: ChannelDraft) -> list[str] | None:
    """TYPE values saying the label, [] for no label, None when vCard has no word for it."""
    label = channel.label
    if not label:
        return []
    if channel.kind == "social":
        return [label] if _TOKEN.match(label) else None
    words = label.split(" ")
    known = fields.TYPE_LABELS[channel.kind]
    if all(word in known for word in words):
        return [fields.LABEL_TO_TYPE.get(word, word) for word in words]
    return None


def _journal_fields(record: ContactRecord) -> Iterator[str]:
    draft = record.draft
    for name, attribute in fields.JOURNAL_TEXT.items():
        value = getattr(draft, attribute)
        if value and not (attribute == "stage" and value == "new"):
            yield f"{name}:{escape(value)}"
    for name, attribute in fields.JOURNAL_DATES.items():
        day = getattr(draft, attribute)
        if day is not None:
            yield f"{name}:{day.isoformat()}"
    for name, attribute in fields.JOURNAL_INTS.items():
        number = getattr(draft, attribute)
        if number is not None:
            yield f"{name}:{number}"
    if record.met_through_uid:
        yield f"{fields.MET_THROUGH}:{escape(record.met_through_uid)}"
    if record.archived:
        yield f"{fields.ARCHIVED}:1"


def _converted(line: str, version: str) -> str:
    """A kept property as the target version writes it (inline photos and the like)."""
    parts = split_line(line)
    if parts is None or parts[1] not in _BINARY:
        return line
    group, name, raw, value = parts
    found = params(raw)
    head = f"{group}." if group else ""
    encoding = (found.get("ENCODING") or [""])[0].upper()
    media = (found.get("TYPE") or [""])[0].lower()
    if version == "4.0" and encoding in ("B", "BASE64"):
        mime = (
            f"image/{media}" if media and "/" not in media else media or "application/octet-stream"
        )
        return f"{head}{name}:data:{mime};base64,{value}"
    if version == "3.0" and value.lower().startswith("data:") and ";base64," in value[:100]:
        mime, data = value[5:].split(";base64,", 1)
        kind = mime.rsplit("/", 1)[-1].upper() or "JPEG"
        return f"{head}{name};ENCODING=b;TYPE={kind}:{data}"
    return line
