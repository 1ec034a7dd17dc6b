"""One decoder: the readers and the HTML extractor turn the same bytes into the same text."""

from __future__ import annotations

import codecs

import pytest

from wirebrief.errors import InputError
from wirebrief.extract.html_decode import decode_html
from wirebrief.ingest.decode import decode_bytes

PAGE = ("<html><head><meta charset='iso-8859-1'></head><body>Caf\u00e9 \u2013 \u201cquote\u201d"
        "</body></html>")


@pytest.mark.parametrize("data", [
    PAGE.replace("\u2013", "-").replace("\u201c", '"').replace("\u201d", '"').encode("latin-1"),
    PAGE.encode("cp1252"),
    codecs.BOM_UTF32_LE + PAGE.encode("utf-32-le"),
    codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
    PAGE.encode("utf-8"),
])
def test_readers_and_extractor_decode_alike(data: bytes) -> None:
    assert decode_bytes(data) == decode_html(data)
    assert "Caf\u00e9" in decode_bytes(data)


def test_declared_header_charset_wins_over_detection() -> None:
    data = "Zürich – Genève".encode("cp1252")
    assert decode_bytes(data, declared="windows-1252") == "Zürich – Genève"
    assert decode_html(data, declared="latin-1") == "Zürich – Genève"  # read as browsers do


def test_readers_refuse_empty_and_binary() -> None:
    with pytest.raises(InputError):
        decode_bytes(b"  \n")
    with pytest.raises(InputError):
        decode_bytes(b"\x00\x01\x02binary")
