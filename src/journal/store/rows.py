"""Typed doors to Peewee's untyped corners: raw SQL and rows as tuples."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import peewee


def run_sql(db: peewee.Database, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """Execute raw SQL on a journal database and return SQLite's cursor."""
    cursor: sqlite3.Cursor = db.execute_sql(sql, list(params))  # type: ignore[no-untyped-call]
    return cursor


def connection(db: peewee.Database) -> sqlite3.Connection:
    """The sqlite3 connection under a Peewee database (for the online backup API)."""
    conn: sqlite3.Connection = db.connection()  # type: ignore[no-untyped-call]
    return conn


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """A select's rows as plain tuples (fast: no model instances are built)."""
    yield from query.tuples()
