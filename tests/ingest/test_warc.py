"""WARC ingest: only HTML 200 responses, capture dates kept, truncated archives reported."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirebrief.ingest.reader import BadRecord, RawDocument
from wirebrief.ingest.warc import is_warc_path, iter_warc
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream

WARCS = Path(__file__).resolve().parents[1] / "data" / "warc"
URLS = ["https://news.example.com/2024/03/belarus-iskander-training",
        "https://defence.example.org/poland-k2-tanks",
        "https://wire.example.net/caf\u00e9-drone-sanctions"]


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_only_html_200_responses(name: str) -> None:
    out = list(iter_warc(WARCS / name))
    assert all(isinstance(o, RawDocument) for o in out)
    assert [o.external_id for o in out] == URLS
    assert [o.url for o in out] == URLS
    assert [o.published.isoformat() for o in out if isinstance(o, RawDocument) and o.published] \
        == ["2024-03-04", "2024-05-10", "2024-06-21"]


def test_declared_charset_is_used() -> None:
    third = list(iter_warc(WARCS / "pages.warc.gz"))[2]
    assert isinstance(third, RawDocument) and third.html is not None
    assert "\u2014 including a caf\u00e9 chain" in third.html


def test_truncated_archive_keeps_records_before_the_cut() -> None:
    out = list(iter_warc(WARCS / "truncated.warc.gz"))
    assert [o.external_id for o in out[:-1]] == URLS[:2]
    last = out[-1]
    assert isinstance(last, BadRecord) and last.error.reason == "truncated"
    assert "truncated or corrupt" in last.error.message
    assert "2 page(s) before it were kept" in last.error.message


@pytest.mark.parametrize("cut", [0.3, 0.55, 0.8, 0.97])
def test_uncompressed_archive_cut_anywhere(tmp_path: Path, cut: float) -> None:
    data = (WARCS / "pages.warc").read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: int(len(data) * cut)])
    out = list(iter_warc(path))
    assert isinstance(out[-1], BadRecord) and out[-1].error.reason == "truncated"
    docs = [o for o in out if isinstance(o, RawDocument)]
    assert [d.external_id for d in docs] == URLS[: len(docs)]


def test_garbage_and_missing_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(gzip.compress(b"this is not a warc file at all\r\n\r\n" * 5))
    out = list(iter_warc(junk))
    assert len(out) == 1 and isinstance(out[0], BadRecord)
    missing = list(iter_warc(tmp_path / "nope.warc"))
    assert isinstance(missing[0], BadRecord) and missing[0].error.reason == "missing"


# warcio's writer buffers records of unknown length in a temp file it never closes.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_oversized_and_binary_pages_are_bad_records(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, body in (("https://a.example/big", b"<html><body>" + b"x" * 5000 + b"</body>"),
                      ("https://a.example/bin", b"<html>\x00\x00\x00\x01binary")):
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1")))
    path = tmp_path / "odd.warc.gz"
    path.write_bytes(buf.getvalue())
    out = list(iter_warc(path, limit=1000))
    assert [(o.external_id, o.error.reason) for o in out if isinstance(o, BadRecord)] == [
        ("https://a.example/big", "too_large"), ("https://a.example/bin", "binary")]


def test_warc_pages_brief_through_the_pipeline() -> None:
    results = list(brief_stream(iter_warc(WARCS / "pages.warc.gz"), BriefOptions(analyse=False)))
    assert not [r for r in results if isinstance(r, BriefFailure)]
    assert results[0].title == "Belarusian crews begin Iskander training in Russia"  # type: ignore[union-attr]
    assert "Home | World" not in results[0].text  # type: ignore[union-attr]
    assert results[0].published is not None  # type: ignore[union-attr]


def test_is_warc_path() -> None:
    assert is_warc_path("crawl.warc.gz") and is_warc_path(Path("x/CRAWL.WARC"))
    assert not is_warc_path("page.html")
