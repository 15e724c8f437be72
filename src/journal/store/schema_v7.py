"""Schema step 7, frozen as SQL: Arabic and Persian names are found however they are typed.

People type Arabic names with or without the hamza (أحمد, احمد), with ة or ه (فاطمة,
فاطمه), with ى or ي (مصطفى, مصطفي), now and then with their short vowels (مُحَمَّد); Persian
keyboards write ی and ک where Arabic ones write ي and ك. SQLite's unicode61 tokenizer keeps
each of these apart, and reads a short vowel as the end of a word, so one spelling never
found the other. As step 5 did for ł, ø and ß, a contact's search entry now also holds its
name and organisation with these letters folded to one form, queries are folded the same
way (core/search.py), and so are sorting and exact-name lookups (core/names.py); the step
rebuilds the search entries and sort names of the contacts it concerns.

ARABIC_FOLDS is frozen with the step, as step 5's letters are.
"""

from __future__ import annotations

from journal.store.schema_v1 import split_sql
from journal.store.schema_v5 import LETTER_FOLDS as LATIN_FOLDS
from journal.store.schema_v5 import Folds, search_view

# The short vowels and marks written above and below letters (fathatan to sukun, the
# madda and hamza typed as marks of their own, as a Persian keyboard can, and the dagger
# alef), and the tatweel that stretches a word: dropped.
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640"

ARABIC_FOLDS: Folds = (
    ("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"),  # alef with hamza, madda or wasla
    ("ؤ", "و"), ("ئ", "ي"),  # hamza on waw or yeh
    ("ى", "ي"),  # alef maksura
    ("ة", "ه"),  # teh marbuta
    ("ی", "ي"), ("ک", "ك"),  # Persian yeh and keheh
    *((mark, "") for mark in _MARKS),
)  # fmt: skip

LETTER_FOLDS: Folds = LATIN_FOLDS + ARABIC_FOLDS

SCRIPT = search_view(LETTER_FOLDS)


def statements() -> list[str]:
    """Every statement of schema step 7, in order."""
    return split_sql(SCRIPT)
