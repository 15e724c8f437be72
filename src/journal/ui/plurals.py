"""English plural forms for the source strings, until real translations arrive.

Source strings use Qt's "%n day(s)" convention so translators get proper plural forms;
without a translation Qt would show "3 day(s)". This translator answers for English.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QTranslator

_OPTIONAL_S = re.compile(r"\((s|es)\)")
_PLURAL_WORDS = {"entry": "entries", "entries": "entries"}
# "%n entries" and "%n timeline entries": one entry, with or without a word before it.
_ENTRIES = re.compile(r"%n((?: [\w-]+)?) entries")


class EnglishPlurals(QTranslator):
    """Turns "%n day(s)" into "1 day" / "2 days" (and "%n entries" into "1 entry")."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None becomes a null QString, which Qt reads as "no translation here"
        # (an empty string would replace the text with nothing).
        if n < 0 or "%n" not in source:
            return None
        if _OPTIONAL_S.search(source):
            text = _OPTIONAL_S.sub("" if n == 1 else r"\1", source)
        elif n == 1 and _ENTRIES.search(source):
            text = _ENTRIES.sub(r"%n\1 entry", source)
        else:
            return None
        return text.replace("%n", str(n))

    def isEmpty(self) -> bool:
        return False
