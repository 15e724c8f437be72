"""A contact's inline photo found among the vCard lines the journal keeps."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.interchange.textfile import decode
from journal.interchange.vcard_photo import photo_bytes
from journal.interchange.vcard_reader import read_vcards

IMAGE = bytes(range(256)) * 3
INLINE = base64.b64encode(IMAGE).decode()


@pytest.mark.parametrize(
    "line",
    [
        f"PHOTO;ENCODING=b;TYPE=JPEG:{INLINE}",  # 3.0
        f"PHOTO;ENCODING=BASE64;JPEG:{INLINE}",  # 2.1, bare parameters
        f"item1.photo;encoding=b:{INLINE}",  # grouped, any case
        f"PHOTO:data:image/png;base64,{INLINE}",  # 4.0
    ],
)
def test_an_inline_photo_in_any_version_is_found(line: str) -> None:
    kept = "\n".join(["X-ABUID:1234", line, "X-OTHER:photo of the team"])
    assert photo_bytes(kept) == IMAGE


@pytest.mark.parametrize(
    "kept",
    [
        "",
        "X-PHOTOGRAPHER:Ann",  # not a PHOTO property
        "PHOTO;VALUE=uri:https://example.org/ann.jpg",  # by address: not fetched
        "PHOTO:data:image/png,not-base64",  # a data URI without base64
    ],
)
def test_no_inline_photo_is_none(kept: str) -> None:
    assert photo_bytes(kept) is None


def test_a_photo_past_the_limit_is_not_decoded() -> None:
    kept = f"PHOTO;ENCODING=b:{INLINE}"
    assert photo_bytes(kept, limit=100) is None
    assert photo_bytes(kept, limit=len(IMAGE)) == IMAGE


@pytest.mark.parametrize("name", ["v30_photo_base64.vcf", "v40_photo_data_uri.vcf"])
def test_the_corpus_photos_come_through_the_reader(
    corpus_file: Callable[[str, str], Path], name: str
) -> None:
    text, encoding = decode(corpus_file("vcard", name).read_bytes(), name)
    (record,) = read_vcards(text, name, encoding).records
    found = photo_bytes("\n".join(record.extra))
    assert found is not None and len(found) > 8
