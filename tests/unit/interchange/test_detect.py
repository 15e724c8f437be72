"""Recognising a file from its content, with the user's --format as the last word."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journal.interchange import reading
from journal.interchange.detect import SNIFF_BYTES, detect_format, sniff
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


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("vcard", "v30_plain.vcf", "vcard"),
        ("vcard", "utf16_with_bom.vcf", "vcard"),
        ("csv", "linkedin_connections.csv", "linkedin"),
        ("csv", "google_legacy_bom.csv", "google"),
        ("csv", "not_a_contacts_file.csv", None),
    ],
)
def test_the_start_of_a_file_says_what_it_is_as_the_whole_does(
    corpus_file: Callable[[str, str], Path], kind: str, name: str, expected: str | None
) -> None:
    data = corpus_file(kind, name).read_bytes()
    assert sniff(data) == expected
    # Cut anywhere, even inside a character, the start still says it.
    assert sniff(data[:301]) == expected


def test_a_large_file_of_no_known_kind_is_refused_from_its_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decoded: list[int] = []
    real = reading.decode
    monkeypatch.setattr(
        reading, "decode", lambda data, source: (decoded.append(len(data)), real(data, source))[1]
    )
    blob = bytes(range(256)) * (4 * SNIFF_BYTES // 256)  # a binary file, four times the start
    with pytest.raises(ImportFileError, match="not a file the journal can import"):
        read_import_bytes(blob, "movie.mp4")
    assert decoded == []  # refused before the whole file became text
    # A start of white space only: the rest of the file decides, as before.
    card = b" " * (SNIFF_BYTES + 10) + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n"
    assert read_import_bytes(card, "padded.vcf").format == "vcard"


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
