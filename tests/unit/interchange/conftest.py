"""Interchange test helpers: the corpus under tests/data, read as the importer reads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journal.interchange.reading import ImportSource, read_import_file
from journal.interchange.records import ReadResult

DATA = Path(__file__).resolve().parents[2] / "data"


def corpus(kind: str, name: str) -> Path:
    """A file of the corpus: corpus("vcard", "v30_plain.vcf")."""
    path = DATA / kind / name
    assert path.is_file(), path
    return path


def read_contacts(kind: str, name: str) -> ReadResult:
    """A corpus file read as contacts."""
    source: ImportSource = read_import_file(corpus(kind, name))
    assert source.contacts is not None
    return source.contacts


@pytest.fixture
def corpus_file() -> Callable[[str, str], Path]:
    """corpus_file("vcard", "v30_plain.vcf") -> its path."""
    return corpus


@pytest.fixture
def vcard() -> Callable[[str], ReadResult]:
    """vcard("v30_plain.vcf") -> what the reader found in that corpus file."""
    return lambda name: read_contacts("vcard", name)


@pytest.fixture
def csv_file() -> Callable[[str], ReadResult]:
    """csv_file("google_current.csv") -> what the reader found in that corpus file."""
    return lambda name: read_contacts("csv", name)
