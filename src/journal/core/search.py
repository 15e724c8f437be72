"""Turning what a user types into a safe SQLite FTS5 query."""

from __future__ import annotations

import re

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
        terms.append(f'"{cleaned}"*')
    return " ".join(terms) if terms else None
