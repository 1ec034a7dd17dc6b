"""Property-based fuzzing of the readers and cleaners that take hostile input first.

The HTML extractor, the plain-text cleaner, the JSONL, feed and WARC readers and the date
normaliser get generated input (random text and bytes, and text built from the pieces these
parsers react to: tags, entities, quotes, dates, record separators). Properties: nothing raises
except Wirebrief's own errors, and what comes out is well-formed.

Bounded for CI: FUZZ_EXAMPLES examples per test (default 25), the same cases every run. For a
longer search with fresh cases, `make fuzz` (FUZZ_EXAMPLES=1000 FUZZ_RANDOM=1). Any crash found
becomes a regression test in tests/hostile/.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirebrief.analyze.timex import find_timexes
from wirebrief.errors import WirebriefError
from wirebrief.extract.html import extract_html
from wirebrief.extract.text import clean_page_text, parse_date_line
from wirebrief.ingest.feeds import read_feed
from wirebrief.ingest.reader import BadRecord, RawDocument, iter_jsonl
from wirebrief.ingest.warc import iter_warc

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)

TAGS = ["<p>", "</p>", "<div>", "</div>", "<article>", "</article>", "<h1>", "</h1>", "<br>",
        "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<a href='",
        "'>", "</a>", "<meta charset='", "<title>", "</title>", "<time datetime='", "&amp;",
        "&#0;", "&#x110000;", "&nbsp;", "<?xml version='1.0'?>", "<!DOCTYPE html>", "<html>",
        "<body>", "<li>", "<table><tr><td>", "<svg>", "<math>", "<noscript>", "<template>"]
WORDS = ["Russia", "fired", "Iskander-M", "on", "Monday", "12", "May", "2024", "the",
         "ministry", "said.", "\n", "\n\n", " ", "\t", "\u00a0", "\u200b", "\ud800", "\x00",
         "\x1b[31m", "[/]", "=SUM(1)", "@", "subscribe", "newsletter", "a" * 300, "." * 50,
         "Published", "Updated:", "By", "Reuters", "—", "“", "”", "2024-02-30", "31/12/1999"]

piece = st.one_of(st.sampled_from(TAGS), st.sampled_from(WORDS), st.text(max_size=20))
markup = st.lists(piece, max_size=120).map("".join)
prose = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=150).map(
    " ".join)


@FUZZ
@given(markup, st.one_of(st.none(), st.just("https://news.example/a")))
def test_html_extractor(html: str, url: str | None) -> None:
    try:
        page = extract_html(html, url=url)
    except WirebriefError:
        return
    assert isinstance(page.text, str)
    assert page.title is None or isinstance(page.title, str)


@FUZZ
@given(st.binary(max_size=2000))
def test_html_extractor_on_bytes(data: bytes) -> None:
    with contextlib.suppress(WirebriefError):
        extract_html(data)


@FUZZ
@given(prose, st.one_of(st.none(), st.text(max_size=40)))
def test_text_cleaner(text: str, title: str | None) -> None:
    clean = clean_page_text(text, title=title)
    assert isinstance(clean.text, str)
    assert len(clean.text) <= len(text) + len(title or "") + 10


record_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=30)),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                        children, max_size=4),
    max_leaves=20,
)
record = st.fixed_dictionaries({}, optional={
    "id": record_values, "text": st.one_of(prose, record_values), "html": markup,
    "title": record_values, "url": record_values, "published": st.one_of(
        st.text(max_size=12), record_values), "source": record_values})
line = st.one_of(record.map(json.dumps), st.binary(max_size=80).map(
    lambda b: b.decode("latin-1")), st.just("[" * 5000 + "]" * 5000), st.just(""))


@FUZZ
@given(st.lists(line, max_size=12), st.booleans())
def test_jsonl_reader(lines: list[str], bom: bool) -> None:
    data = ("\ufeff" if bom else "") + "\n".join(lines)
    stream = io.BytesIO(data.encode("utf-8", "surrogatepass"))
    path = _tmp("fuzz.jsonl", stream.getvalue())
    out = list(iter_jsonl(path, 1 << 20))
    assert len(out) == sum(1 for ln in data.encode("utf-8", "surrogatepass").split(b"\n")
                           if ln.strip())
    for item in out:
        assert isinstance(item, RawDocument | BadRecord)
        if isinstance(item, RawDocument):
            for value in (item.text, item.html, item.title, item.external_id):
                if value is not None:
                    value.encode("utf-8")  # no lone surrogate survives reading


FEED_PIECES = ["<rss version='2.0'>", "<channel>", "<item>", "<title>", "</title>", "<link>",
               "</link>", "<description>", "</description>", "<pubDate>", "</pubDate>",
               "</item>", "</channel>", "</rss>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
               "<entry>", "<content type='html'>", "</content>", "</entry>", "</feed>",
               "<![CDATA[", "]]>", "&lt;p&gt;", "<!ENTITY x 'y'>", "&x;", "Mon, 01 Jan 2024",
               "http://a.example/1", "javascript:alert(1)"]
feed = st.lists(st.one_of(st.sampled_from(FEED_PIECES), st.sampled_from(WORDS)),
                max_size=80).map("".join)


@FUZZ
@given(st.one_of(feed.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=500)))
def test_feed_reader(data: bytes) -> None:
    try:
        parsed = read_feed(data)
    except WirebriefError:
        return
    for item in parsed.items:
        assert item.title is None or isinstance(item.title, str)


def _tmp(name: str, data: bytes) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="wirebrief-fuzz-"))
    path = folder / name
    path.write_bytes(data)
    return path


def _warc_record(uri: str, body: bytes, length: str | None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Length: {length or len(http)}\r\n\r\n")
    return head.encode("utf-8", "surrogatepass") + http + b"\r\n\r\n"


warc = st.lists(st.tuples(st.text(max_size=20), markup, st.one_of(
    st.none(), st.sampled_from(["-5", "0", "abc", "99999999", "1"]))), max_size=4)


@FUZZ
@given(warc, st.binary(max_size=40), st.booleans())
def test_warc_reader(records: list[tuple[str, str, str | None]], junk: bytes, gz: bool) -> None:
    import gzip

    parts = [_warc_record(u, b.encode("utf-8", "surrogatepass"), n) for u, b, n in records]
    data = b"".join(gzip.compress(p) for p in parts) if gz else b"".join(parts)
    path = _tmp("fuzz.warc.gz" if gz else "fuzz.warc", data + junk)
    for item in iter_warc(path, 1 << 20):
        assert isinstance(item, RawDocument | BadRecord)


DATE_WORDS = ["May", "June", "last", "next", "week", "year", "ago", "on", "Monday", "2024",
              "12", "31", "the", "of", "early", "late", "Q3", "1990s", "yesterday", "today",
              "two", "months", "earlier", "-", "/", ".", ",", "2024-02-29", "1st", "since"]
dated = st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.text(max_size=6)), max_size=60).map(
    " ".join)
anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@FUZZ
@given(dated, anchors)
def test_date_normaliser(text: str, anchor: date | None) -> None:
    for entity in find_timexes(text, anchor):
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start:entity.end] == entity.text


@FUZZ
@given(dated)
def test_date_line(line: str) -> None:
    value = parse_date_line(line)
    assert value is None or isinstance(value, date)


@FUZZ
@given(markup, st.booleans())
def test_brief_without_analysis_never_raises(content: str, as_html: bool) -> None:
    from wirebrief.pipeline import BriefFailure, BriefOptions, brief_record

    raw = RawDocument(external_id="x", html=content) if as_html else RawDocument(
        external_id="x", text=content)
    result = brief_record(raw, BriefOptions(analyse=False))
    if isinstance(result, BriefFailure):
        assert result.error.reason != "internal", result.error.message
    else:
        result.model_dump_json()  # serialisable: no lone surrogates, valid spans


@FUZZ
@given(st.text(max_size=200), st.text(max_size=100))
def test_export_rules(text: str, url: str) -> None:
    import re

    from wirebrief.export import csv_cell, markdown_link, markdown_text, plain, terminal

    controls = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for out in (terminal(text), plain(text), csv_cell(text), markdown_text(text)):
        assert not controls.search(out)
    assert not csv_cell(text).startswith(("=", "+", "-", "@"))
    assert "<" not in markdown_text(text) and "\n" not in markdown_text(text)
    link = markdown_link(text, url)
    if link == markdown_text(text):
        return  # no link made
    target = link.removeprefix(f"[{markdown_text(text)}](").removesuffix(")")
    assert target.lower().startswith(("http://", "https://"))
    assert not re.search(r"[\s()<>]", target)
