"""Turning a file's bytes into text: UTF-8 with or without a BOM, UTF-16, else Windows-1252."""

from __future__ import annotations

import codecs

from journal.interchange.errors import ImportFileError

# Exports from older Windows address books are often in the ANSI code page; Latin-1 is the
# last resort because it maps every byte, so decoding can never fail.
FALLBACKS = ("cp1252", "latin-1")


def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text of a file and the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", source), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACKS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, "replace").count("\n") + 1
        raise ImportFileError(
            source, line, f"the file says it is {encoding.upper()} but is not (byte {error.start})"
        ) from None


def split_lines(text: str) -> list[str]:
    """Lines ended by CRLF, LF or CR (not by the other separators str.splitlines knows)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
