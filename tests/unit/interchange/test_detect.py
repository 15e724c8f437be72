"""Recognising a file from its content, with the user's --format as the last word."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journal.interchange.detect import detect_format
from journal.interchange.errors import ImportFileError
from journal.interchange.reading import read_import_bytes, read_import_file
from journal.interchange.textfile import decode


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("vcard", "v30_plain.vcf", "vcard"),
        ("vcard", "utf16_with_bom.vcf", "vcard"),
        ("csv", "linkedin_connections.csv", "linkedin"),
        ("csv", "google_current.csv", "google"),
        ("csv", "google_legacy_bom.csv", "google"),
        ("csv", "not_a_contacts_file.csv", None),
        ("vcard", "not_a_vcard.vcf", None),
    ],
)
def test_formats_are_recognised_by_content(
    corpus_file: Callable[[str, str], Path], kind: str, name: str, expected: str | None
) -> None:
    text, _encoding = decode(corpus_file(kind, name).read_bytes(), name)
    assert detect_format(text) == expected


def test_a_file_of_no_known_kind_gets_a_clear_error(
    corpus_file: Callable[[str, str], Path],
) -> None:
    with pytest.raises(ImportFileError) as refused:
        read_import_file(corpus_file("csv", "not_a_contacts_file.csv"))
    assert "not a file the journal can import" in str(refused.value)
    assert "vCard" in str(refused.value)


def test_the_given_format_wins_over_detection() -> None:
    # A LinkedIn file read as Google: refused as not Google, not silently read otherwise.
    data = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    assert read_import_bytes(data, "c.csv").format == "linkedin"
    with pytest.raises(ImportFileError, match="not a Google Contacts CSV"):
        read_import_bytes(data, "c.csv", "google")


def test_an_unknown_format_name_is_refused() -> None:
    with pytest.raises(ImportFileError, match="unknown format"):
        read_import_bytes(b"", "x", "outlook")


def test_a_missing_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as refused:
        read_import_file(tmp_path / "nowhere.vcf")
    assert "nowhere.vcf" in str(refused.value)
    assert "cannot be read" in str(refused.value)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"plain", "utf-8"),
        ("é".encode(), "utf-8"),
        (b"\xef\xbb\xbfBOM", "utf-8"),
        ("é".encode("utf-16"), "utf-16"),
        (b"caf\xe9", "cp1252"),
        (b"\x81\x8d", "latin-1"),  # bytes cp1252 leaves undefined
    ],
)
def test_text_decoding(data: bytes, encoding: str) -> None:
    _text, used = decode(data, "x")
    assert used == encoding
