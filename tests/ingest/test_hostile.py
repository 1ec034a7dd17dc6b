"""Hostile input through the real ingest path (`iter_documents` -> `ingest_documents`).

Every case is written here, by the test: malformed markup, a 50 MB page, 100,000 nested tags,
wrong and missing charsets, a gzip bomb, a feed with broken XML, a WARC cut in the middle. Each
bad record gives one clear message naming it; every good record beside it is still stored.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.ingest.corpus import story_text
from wirebrief.ingest.reader import BadRecord, RawDocument, iter_documents, iter_jsonl
from wirebrief.ingest.run import IngestSummary, ingest_documents
from wirebrief.pipeline import BriefFailure, BriefOptions
from wirebrief.store.articles import list_articles
from wirebrief.store.db import Store

OPTIONS = BriefOptions(analyse=False)
MB = 1024 * 1024
LIMIT = 20 * MB  # the default max_input_mb
BODY = ("The defence ministry confirmed the delivery of twelve armoured vehicles to the border "
        "brigade on Monday, officials said. Crews will train on the new vehicles for six weeks "
        "before the first exercise with the brigade's artillery units in the north.")


def article(title: str, body: str | int = BODY, head: str = "") -> str:
    """A page; an int body is that story of the test corpus (distinct stories do not merge)."""
    text = story_text(body) if isinstance(body, int) else body
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())
    return (f"<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paras}</article></body></html>")


def run(paths: list[Path], store: Store, limit: int = LIMIT) -> IngestSummary:
    return ingest_documents(iter_documents(list(paths), limit), store, OPTIONS, batch_size=4)


def failure(summary: IngestSummary, name: str) -> BriefFailure:
    found = [f for f in summary.failures if (f.external_id or "").endswith(name)]
    assert len(found) == 1, summary.failures
    return found[0]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "hostile.db") as s:
        yield s


def test_malformed_html_is_still_read(tmp_path: Path, store: Store) -> None:
    broken = ("<html><head><title>Corvette programme delayed</title><body><div class=x id='y>"
              + "<p>Unclosed paragraph about the corvette programme and its delayed hull. "
              "<b><i>mis-nested</b></i> </td></tr></table> <<>> &bogus; &#xD800; " * 30
              + "</span></div></div></div><script>if (a < b) {</scr")
    (tmp_path / "broken.html").write_text(broken)
    # A <title> never closed holds the rest of the page (as in a browser): nothing to read.
    (tmp_path / "swallowed.html").write_text(broken.replace("</title>", "", 1))
    summary = run([tmp_path / "broken.html", tmp_path / "swallowed.html"], store)
    assert (summary.new, summary.failed) == (1, 1)
    (row,) = list_articles(store, limit=50).items
    assert "corvette programme and its delayed hull" in store.get(row.id).text
    error = failure(summary, "swallowed.html").error
    assert error.reason == "no_body" and "no article text" in error.message


def test_fifty_megabyte_page_is_refused_fast(tmp_path: Path, store: Store) -> None:
    big = tmp_path / "huge.html"
    filler = b"<div class='ad'><a href='/x'>Advert</a></div>" * 1024
    with big.open("wb") as fh:
        fh.write(article("A huge page").encode()[:-14])
        while fh.tell() < 50 * MB:
            fh.write(filler)
        fh.write(b"</body></html>")
    jsonl = tmp_path / "huge.jsonl"
    jsonl.write_text(json.dumps({"id": "big-record", "html": "x" * (21 * MB)}) + "\n"
                     + json.dumps({"id": "ok-record", "html": article("K2 tanks reach Gdynia", 2)})
                     + "\n")
    (tmp_path / "good.html").write_text(article("Patrol boats delivered", 1))
    summary = run([big, jsonl, tmp_path / "good.html"], store)
    assert (summary.new, summary.failed) == (2, 2)
    for name in ("huge.html", "line 1"):
        error = failure(summary, name).error
        assert error.reason == "too_large" and "input limit of 20 MB" in error.message


def test_hundred_thousand_nested_tags(tmp_path: Path, store: Store) -> None:
    para = f"<p>{BODY}</p>"
    closed = "<html><body>" + "<div>" * 100_000 + para + "</div>" * 100_000 + "</body></html>"
    unclosed = "<html><body>" + "<div><span>" * 50_000 + para * 2 + "</body></html>"
    (tmp_path / "closed.html").write_text(closed)
    (tmp_path / "unclosed.html").write_text(unclosed)
    # Labels are read in one bottom-up pass (reading each tag's subtree took ~5 s a page here);
    # speed is a benchmark matter, this holds that such pages are read at all and read right.
    summary = run([tmp_path / "closed.html", tmp_path / "unclosed.html"], store)
    assert summary.failed == 0 and summary.stored == 2
    stored = list_articles(store, limit=50).items
    assert all("armoured vehicles" in store.get(r.id).text for r in stored)


def test_wrong_and_missing_charsets(tmp_path: Path, store: Store) -> None:
    russian = ("Министерство обороны подтвердило поставку двенадцати бронемашин пограничной "
               "бригаде в понедельник, сообщили официальные лица. ") * 3
    pages = {
        # Declares UTF-8, is windows-1251: the declaration is tried, fails, detection wins.
        "lies.html": article("Поставка бронемашин", russian,
                             '<meta charset="utf-8">').encode("cp1251"),
        # No declaration at all.
        "none.html": article("Поставка бронемашин", russian).encode("cp1251"),
        # A charset Python does not know.
        "unknown.html": article("Café drones", BODY + " Café owners complained.",
                                '<meta charset="x-no-such-charset">').encode("utf-8"),
        # UTF-16 with its BOM.
        "utf16.html": article("Café drones", BODY + " Café owners complained.").encode("utf-16"),
    }
    for name, data in pages.items():
        (tmp_path / name).write_bytes(data)
    summary = run([tmp_path / n for n in pages], store)
    assert summary.failed == 0 and summary.new == 2 and summary.same == 2
    texts = [store.get(r.id).text for r in list_articles(store, limit=50).items]
    assert any("бронемашин" in t for t in texts)
    assert any("Café owners" in t for t in texts)


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path, store: Store) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as gz:
        gz.write(article("Bomb").encode()[:-14])
        block = b" " * MB
        for _ in range(64):  # 64 MB inflated from well under 1 MB on disk
            gz.write(block)
    lines = tmp_path / "bomb.jsonl.gz"
    with gzip.open(lines, "wb", compresslevel=1) as gz:
        gz.write(b'{"id": "one-line", "html": "')
        for _ in range(64):  # a single 64 MB line: must not be read into memory whole
            gz.write(block)
        gz.write(b'"}\n')
        gz.write(json.dumps({"id": "after", "html": article("After the bomb", 3)}).encode() + b"\n")
    assert bomb.stat().st_size < MB and lines.stat().st_size < MB
    (tmp_path / "good.html").write_text(article("Patrol boats delivered", 1))
    summary = run([bomb, lines, tmp_path / "good.html"], store, limit=4 * MB)
    assert summary.new == 2  # the good page and the record after the bomb line
    assert failure(summary, "bomb.html.gz").error.reason == "too_large"
    assert "input limit" in failure(summary, "bomb.html.gz").error.message
    assert failure(summary, "line 1").error.reason == "too_large"
    tracemalloc.start()
    try:
        records = list(iter_jsonl(lines, 4 * MB))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(r) for r in records] == [BadRecord, RawDocument]
    assert peak < 16 * MB  # the 64 MB line was never held whole


def test_feed_with_broken_xml(tmp_path: Path, store: Store) -> None:
    item = ("<item><title>{t}</title><link>https://news.example/{n}</link>"
            "<content:encoded><![CDATA[<p>{b}</p><p>{b}</p><p>{b}</p>]]></content:encoded></item>")
    feed = ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>'
            + item.format(t="Patrol boats delivered", n=1, b=story_text(1))
            + item.format(t="Radars ordered", n=2, b=story_text(2))
            + "<item><title>Cut <here</title><link>https://news.example/3")
    path = tmp_path / "broken.rss"
    path.write_text(feed)
    summary = run([path], store)
    assert summary.stored == 2
    error = failure(summary, "broken.rss").error
    assert error.reason == "bad_feed" and "broken feed XML" in error.message
    assert "item(s) before the break kept" in error.message
    # The item the break cut in two is named on its own, not silently dropped.
    assert failure(summary, "broken.rss#item3").error.reason == "no_content"


def _warc(pages: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in pages:
        body = html.encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                           length=len(body), http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def test_warc_cut_in_the_middle(tmp_path: Path, store: Store) -> None:
    pages = [(f"https://news.example/{i}", article(f"Story number {i}", 5 + i)) for i in range(4)]
    whole = _warc(pages)
    first_three = len(_warc(pages[:3]))
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: first_three + (len(whole) - first_three) // 2])
    (tmp_path / "good.html").write_text(article("Patrol boats delivered", 1))
    summary = run([path, tmp_path / "good.html"], store)
    assert summary.new == 4  # three pages before the cut, and the page after the archive
    error = failure(summary, "cut.warc.gz").error
    assert error.reason == "truncated" and "3 page(s) before it were kept" in error.message


def test_every_case_in_one_folder_with_parallel_workers(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.html").write_text(article("Patrol boats delivered", 1))
    (folder / "b-empty.html").write_bytes(b"")
    (folder / "c-binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "d-chrome.html").write_text("<html><body><nav>Home | World</nav></body></html>")
    with gzip.open(folder / "e-bomb.html.gz", "wb", compresslevel=1) as gz:
        for _ in range(8):
            gz.write(b" " * MB)
    (folder / "f-nested.html").write_text("<div>" * 20_000 + f"<p>{BODY}</p>")
    (folder / "g-good.html").write_text(article("Radars ordered", 4))
    docs = list(iter_documents([folder], 4 * MB))
    assert [isinstance(d, RawDocument) for d in docs].count(False) == 3  # empty, binary, bomb
    assert all(d.error.message for d in docs if isinstance(d, BadRecord))
    with Store(tmp_path / "w.db") as store:
        summary = ingest_documents(iter_documents([folder], 4 * MB), store, OPTIONS, workers=2)
    assert (summary.new, summary.skipped, summary.failed) == (3, 1, 3)
    reasons = {Path(f.external_id or "").name: f.error.reason for f in summary.failures}
    assert reasons == {"c-binary.html": "binary",
                       "d-chrome.html": "no_body", "e-bomb.html.gz": "too_large"}
    assert [Path(f.external_id or "").name for f in summary.skips] == ["b-empty.html"]
