"""One bad record never stops a run (issue 13, item 2): a lone surrogate, JSON nested 100,000
deep, a text longer than spaCy takes in one piece. Each such record is briefed (repaired,
analysed in pieces) or fails alone with its reason; every record beside it is still stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ingest.corpus import story_text
from wirebrief.analyze.parse import chunk_text, parse_stream, truncation_warning
from wirebrief.ingest.reader import BadRecord, RawDocument, iter_jsonl
from wirebrief.ingest.run import ingest_documents
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream
from wirebrief.store.db import Store

MB = 1024 * 1024


def write_jsonl(path: Path, n: int, bad: dict[int, str]) -> Path:
    """`n` distinct stories, one per line; line numbers in `bad` get that raw line instead."""
    lines = [bad.get(i, json.dumps({"id": f"r{i}", "text": story_text(i)}))
             for i in range(1, n + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SURROGATE = '{"id": "bad-surrogate", "text": "Poland ordered radars \\ud800 today. ' + \
    story_text(999).replace('"', "'") + '"}'
DEEP = "[" * 100_000 + "]" * 100_000


def test_lone_surrogate_is_repaired_not_fatal() -> None:
    doc = RawDocument(external_id="x\ud800", text="a \ud800 b", title="t\udfff")
    assert (doc.external_id, doc.text, doc.title) == ("x\ufffd", "a \ufffd b", "t\ufffd")
    doc.text.encode("utf-8")  # would raise UnicodeEncodeError with the surrogate left in


def test_deep_nesting_fails_alone(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", 5, {3: DEEP})
    records = list(iter_jsonl(path, 20 * MB))
    assert [isinstance(r, RawDocument) for r in records] == [True, True, False, True, True]
    bad = records[2]
    assert isinstance(bad, BadRecord) and bad.error.reason == "bad_record"
    assert "nested too deeply" in bad.error.message


def test_bom_does_not_lose_the_first_record(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "first", "text": "x" * 90}).encode())
    records = list(iter_jsonl(path, MB))
    assert [r.external_id for r in records] == ["first"]
    assert isinstance(records[0], RawDocument)


def test_surrogate_and_nesting_without_analysis_store_every_other_record(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", 30, {11: SURROGATE, 20: DEEP})
    with Store(tmp_path / "s.db") as store:
        summary = ingest_documents(iter_jsonl(path, 20 * MB), store, BriefOptions(analyse=False),
                                   batch_size=4)
        assert (summary.new, summary.failed) == (29, 1)
        assert summary.failures[0].external_id == "line 20"
        stored = store.get("bad-surrogate")
        assert "\ufffd" in stored.text


def test_long_text_is_cut_into_exact_pieces() -> None:
    text = ("word " * 30 + "\n") * 10_000 + "x" * 250_000  # 1.56 M chars, then one long token
    pieces = chunk_text(text, 100_000, 10**9)
    assert "".join(pieces) == text
    assert all(len(p) <= 100_000 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-4])  # cut after a line break where one is
    capped = chunk_text(text, 100_000, 1_000_000)
    assert "".join(capped) == text[:1_000_000]
    assert truncation_warning(len(text), 1_000_000)
    assert truncation_warning(10, 10) is None


class _Boom(Exception):
    pass


class FakeNlp:
    """Stands in for spaCy: 'boom' in a text makes the whole batch raise, as spaCy does."""

    max_length = 1_000_000

    def pipe(self, items, as_tuples=True, batch_size=32, n_process=1):  # type: ignore[no-untyped-def]
        batch = []
        for text, key in items:
            batch.append((text, key))
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        yield from self._run(batch)

    def _run(self, batch):  # type: ignore[no-untyped-def]
        docs = [self(text) for text, _ in batch]
        yield from zip(docs, (k for _, k in batch), strict=True)

    def __call__(self, text: str) -> str:
        if "boom" in text:
            raise _Boom(text)
        return text.upper()


def test_a_text_that_breaks_its_batch_fails_alone() -> None:
    items = [(f"text {i}" if i != 6 else "boom", i) for i in range(12)]
    out = list(parse_stream(FakeNlp(), items, batch_size=4))  # type: ignore[arg-type]
    assert [p for _, p in out] == list(range(12))
    assert [isinstance(d, _Boom) for d, _ in out].count(True) == 1
    assert isinstance(out[6][0], _Boom)
    assert out[5][0] == "TEXT 5" and out[7][0] == "TEXT 7"


def test_a_broken_source_is_raised_after_what_it_gave() -> None:
    def source():  # type: ignore[no-untyped-def]
        yield "a", 1
        yield "b", 2
        raise OSError("disk gone")

    got = []
    with pytest.raises(OSError, match="disk gone"):
        for doc, p in parse_stream(FakeNlp(), source(), batch_size=4):  # type: ignore[arg-type]
            got.append((doc, p))
    assert got == [("A", 1), ("B", 2)]


@pytest.mark.model
def test_analysed_stream_survives_every_trigger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    from wirebrief.analyze.nlp import load_nlp

    # spaCy's E088 limit, scaled down so the test stays fast: 12,000 characters is "too long".
    monkeypatch.setattr(load_nlp(), "max_length", 5_000)
    long_text = "\n\n".join(story_text(500 + i) for i in range(12))
    assert len(long_text) > 5_000
    path = write_jsonl(tmp_path / "in.jsonl", 12, {
        5: SURROGATE, 8: DEEP, 10: json.dumps({"id": "long", "text": long_text})})
    results = list(brief_stream(iter_jsonl(path, 20 * MB), BriefOptions(), batch_size=4))
    assert len(results) == 12
    failed = [r for r in results if isinstance(r, BriefFailure)]
    assert [(f.external_id, f.error.reason) for f in failed] == [("line 8", "bad_record")]
    long = next(r for r in results if r.external_id == "long")
    assert long.text == long_text and long.entities  # type: ignore[union-attr]
    assert max(e.end for e in long.entities) > 5_000  # type: ignore[union-attr]


def _warc_record(uri: str, html: bytes, length: str | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-03-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uri[-1]}>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {length or len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def test_warc_with_a_negative_content_length_is_reported(tmp_path: Path) -> None:
    import gzip

    from wirebrief.ingest.warc import iter_warc

    pages = [f"<html><body><article><p>{story_text(i)}</p></article></body></html>".encode()
             for i in range(3)]
    members = [gzip.compress(_warc_record(f"https://news.example/{i}", page,
                                          "-5" if i == 1 else None))
               for i, page in enumerate(pages)]
    path = tmp_path / "neg.warc.gz"
    path.write_bytes(b"".join(members))
    out = list(iter_warc(path, 20 * MB))
    assert isinstance(out[0], RawDocument)
    bad = [r for r in out if isinstance(r, BadRecord)]
    assert len(bad) == 1 and "invalid Content-Length '-5'" in bad[0].error.message
