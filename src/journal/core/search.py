"""Turning what a user types into a safe SQLite FTS5 query."""

from __future__ import annotations

import re

from journal.store.folding import plain_letters

# Anything FTS5 would read as syntax; we only ever build prefix terms ourselves.
# NUL too: FTS5 stops reading a query there and reports an "unterminated string".
_SYNTAX = re.compile(r'["*^():{}\[\]+\-\x00]')


def fts_query(typed: str) -> str | None:
    """Every word typed must match, each as a prefix: "jan bak" finds "Jane Baker".

    Returns None when nothing searchable was typed (only spaces or punctuation).
    """
    terms = []
    for word in typed.split():
        cleaned = _SYNTAX.sub(" ", word).strip()
        if not cleaned or not any(ch.isalnum() for ch in cleaned):
            continue
        # Quoted, so AND/OR/NOT/NEAR typed by the user are words, not operators.
        plain = plain_letters(cleaned)
        if plain == cleaned:
            terms.append(f'"{cleaned}"*')
        else:
            # Either spelling: a contact's entry holds both (schema step 5), a timeline
            # entry only what was typed.
            terms.append(f'("{cleaned}"* OR "{plain}"*)')
    if not terms:
        return None
    # FTS5 reads "a b" as a AND b for plain terms, but not beside a bracket: say it there.
    return (" AND " if any(term.startswith("(") for term in terms) else " ").join(terms)
