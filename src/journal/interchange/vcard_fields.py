"""How the journal's fields map onto vCard properties, both ways.

Fields other address books do not have travel as X-JOURNAL-* properties, so a journal
written to vCard and read back is the same journal; other programs keep them untouched.
"""

from __future__ import annotations

# X-JOURNAL-* property -> ContactDraft attribute, by the kind of value.
JOURNAL_TEXT: dict[str, str] = {
    "X-JOURNAL-STAGE": "stage",
    "X-JOURNAL-WHERE-MET": "where_met",
    "X-JOURNAL-HOW-MET": "how_met",
    "X-JOURNAL-MET-MODE": "met_mode",
    "X-JOURNAL-NEEDS": "needs",
    "X-JOURNAL-OFFERS": "offers",
    "X-JOURNAL-FIRST-IMPRESSION": "first_impression",
}
JOURNAL_DATES: dict[str, str] = {
    "X-JOURNAL-MET-ON": "met_on",
    "X-JOURNAL-FIRST-IMPRESSION-ON": "first_impression_on",
}
JOURNAL_INTS: dict[str, str] = {
    "X-JOURNAL-KNOW": "know",
    "X-JOURNAL-LIKE": "like",
    "X-JOURNAL-TRUST": "trust",
    "X-JOURNAL-STAY-IN-TOUCH-DAYS": "stay_in_touch_days",
}
ARCHIVED = "X-JOURNAL-ARCHIVED"
MET_THROUGH = "X-JOURNAL-MET-THROUGH"  # the introducer's UID

JOURNAL_NAMES = frozenset({ARCHIVED, MET_THROUGH, *JOURNAL_TEXT, *JOURNAL_DATES, *JOURNAL_INTS})
# Properties read into the journal's own fields (anything else is kept verbatim).
MODELLED = frozenset(
    {
        "FN", "N", "NICKNAME", "ORG", "TITLE", "BDAY", "NOTE", "CATEGORIES", "UID",
        "EMAIL", "TEL", "URL", "ADR", "X-SOCIALPROFILE", "SOCIALPROFILE", "X-ABLABEL",
        ARCHIVED, MET_THROUGH, *JOURNAL_TEXT, *JOURNAL_DATES, *JOURNAL_INTS,
    }
)  # fmt: skip
# Regenerated on every export, so a kept copy would only go stale.
DROPPED = frozenset({"VERSION", "PRODID", "REV"})

CHANNEL_OF: dict[str, str] = {
    "EMAIL": "email",
    "TEL": "phone",
    "URL": "url",
    "ADR": "address",
    "X-SOCIALPROFILE": "social",
    "SOCIALPROFILE": "social",
}

# TYPE values that say nothing a person would call a label.
NOISE_TYPES = frozenset({"internet", "pref", "voice", "x400", "msg"})
# TYPE value -> the journal's label (and back, for writing).
TYPE_TO_LABEL = {"cell": "mobile"}
LABEL_TO_TYPE = {"mobile": "cell"}
# Labels written as TYPE parameters; any other label goes in an itemN.X-ABLabel.
TYPE_LABELS: dict[str, frozenset[str]] = {
    "email": frozenset({"home", "work", "other"}),
    "phone": frozenset({"home", "work", "mobile", "fax", "pager", "main", "iphone", "other"}),
    "url": frozenset({"home", "work", "other"}),
    "address": frozenset({"home", "work", "other"}),
    "social": frozenset(),  # the service name is the TYPE; see the writer
}


_LABELS: dict[tuple[str, ...], str] = {}


def label_from_types(types: list[str]) -> str:
    """The journal's label for a property's TYPE values (noise like INTERNET left out)."""
    key = tuple(types)
    label = _LABELS.get(key)
    if label is None:
        label = _label(types)
        if len(_LABELS) < 1000:  # a handful in any real file; a fuzzed one must not grow it
            _LABELS[key] = label
    return label


def _label(types: list[str]) -> str:
    seen: list[str] = []
    for raw in types:
        for part in raw.split(","):
            value = part.strip().strip('"').lower()
            if value and value not in NOISE_TYPES:
                value = TYPE_TO_LABEL.get(value, value)
                if value not in seen:
                    seen.append(value)
    return " ".join(seen)


def label_from_ablabel(text: str) -> str:
    """Apple's X-ABLabel: "_$!<Mobile>!$_" is its own "mobile"; anything else is as typed."""
    text = text.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4].lower()
    return text
