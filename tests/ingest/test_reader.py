from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from wirebrief.errors import InputError
from wirebrief.ingest.reader import (
    BadRecord,
    RawDocument,
    decode_bytes,
    iter_documents,
    iter_jsonl,
    read_document,
)

LIMIT = 1024 * 1024


def test_decode_bytes_uses_declared_meta_charset() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body>Минск</body></html>'
    assert "Минск" in decode_bytes(html.encode("windows-1251"))


def test_decode_bytes_detects_undeclared_encoding() -> None:
    text = "Министерство обороны заявило, что учения начнутся в понедельник. " * 5
    assert "Министерство" in decode_bytes(text.encode("windows-1251"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"   \n\n ", "empty"), (b"\x00\x01\x02binary\x00" * 10, "binary")],
)
def test_decode_bytes_rejects_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert info.value.reason == reason


def test_read_document_rejects_file_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(InputError, match="limit") as info:
        read_document(path, limit=1000)
    assert info.value.reason == "too_large"


def test_read_document_stops_gzip_bomb_at_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    with pytest.raises(InputError) as info:
        read_document(path, limit=100_000)
    assert info.value.reason == "too_large"


def test_read_document_sniffs_html_and_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody text here.", encoding="utf-8")
    (tmp_path / "b.page").write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert read_document(tmp_path / "a.txt", LIMIT).text is not None
    assert read_document(tmp_path / "b.page", LIMIT).html is not None


def test_iter_jsonl_reports_bad_records_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": "Some text", "published": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "bad-date", "text": "x", "published": "yesterday"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "ok2", "html": "<p>Hello</p>"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_jsonl(path, LIMIT))
    assert [type(i).__name__ for i in items] == [
        "RawDocument", "BadRecord", "BadRecord", "BadRecord", "BadRecord", "RawDocument"]
    assert [i.external_id for i in items if isinstance(i, BadRecord)] == [
        "line 2", "no-text", "bad-date", "line 5"]
    first = items[0]
    assert isinstance(first, RawDocument) and first.published is not None


def test_iter_documents_streams_a_folder_of_many_files(tmp_path: Path) -> None:
    for i in range(2000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Title {i}\n\nBody {i}.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    stream = iter_documents([tmp_path], LIMIT)
    first = next(stream)  # a generator: nothing is read up front
    assert isinstance(first, RawDocument) and first.external_id.endswith("00000.txt")
    assert sum(1 for _ in stream) == 1999


def test_iter_documents_reports_missing_path(tmp_path: Path) -> None:
    items = list(iter_documents([tmp_path / "nope.txt"], LIMIT))
    assert isinstance(items[0], BadRecord) and items[0].error.reason == "missing"
