"""Feed parsing: RSS and Atom, full content vs teasers, broken XML, wrong charsets, fuzzing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirebrief.errors import ExtractionError, InputError
from wirebrief.extract.html import extract_html
from wirebrief.ingest.feeds import iter_feed_file, looks_like_feed, parse_feed, read_feed
from wirebrief.ingest.reader import BadRecord, RawDocument

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


def test_rss_items_with_full_content() -> None:
    items = parse_feed((FEEDS / "full.rss").read_bytes())
    assert [i.title for i in items] == ["Arctic Lynx exercise begins in Finland",
                                        "India and France agree Rafale Marine deal", "Teaser only"]
    first = items[0]
    assert first.link == "https://wire.example.com/arctic-lynx" and first.guid == "wire-0001"
    assert first.published is not None and first.published.isoformat() == \
        "2024-03-04T08:00:00+00:00"
    # +0200 is normalised to UTC.
    assert items[1].published is not None and items[1].published.hour == 8
    assert first.has_full_content and not items[2].has_full_content
    assert first.content is not None and "<script" not in first.content  # sanitised
    assert items[2].summary == "Only a teaser here."


def test_atom_relative_links_resolved_against_base() -> None:
    items = parse_feed((FEEDS / "teaser.atom").read_bytes(), "https://atom.example.org/feed.xml")
    assert items[0].link == "https://atom.example.org/news/k2-tanks"
    assert items[0].guid == "urn:example:k2"
    assert items[1].published is not None and items[1].published.hour == 14  # +01:00 -> UTC


def test_feed_file_yields_documents_and_clear_bad_records() -> None:
    out = list(iter_feed_file(FEEDS / "full.rss"))
    docs = [o for o in out if isinstance(o, RawDocument)]
    bad = [o for o in out if isinstance(o, BadRecord)]
    assert len(docs) == 2 and len(bad) == 1
    assert docs[0].url == "https://wire.example.com/arctic-lynx"
    assert docs[0].title == "Arctic Lynx exercise begins in Finland"
    assert docs[0].published is not None and docs[0].published.isoformat() == "2024-03-04"
    assert docs[0].source == "Example Defence Wire"
    assert bad[0].error.reason == "no_content" and "no full text" in bad[0].error.message
    page = extract_html(docs[0].html or "", url=docs[0].url)
    assert "Arctic Lynx" in page.text


def test_broken_xml_keeps_items_before_the_break() -> None:
    feed = read_feed((FEEDS / "broken.rss").read_bytes())
    assert feed.warning is not None and "broken feed XML at line" in feed.warning
    assert [i.guid for i in feed.items][:1] == ["wire-0001"]
    out = list(iter_feed_file(FEEDS / "broken.rss"))
    assert isinstance(out[0], RawDocument)
    assert isinstance(out[-1], BadRecord) and out[-1].error.reason == "bad_feed"
    assert "item(s) before the break kept" in out[-1].error.message


def test_wrong_charset_declared() -> None:
    items = parse_feed((FEEDS / "wrong-charset.rss").read_bytes())
    assert items[0].title == "Caf\u00e9 item \u00e9t\u00e9"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n", "empty"),
    (b"<html><body><p>Just a page</p></body></html>", "bad_feed"),
    (b"\x00\x01\x02binary", "bad_feed"),
])
def test_not_a_feed(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        read_feed(data)
    assert err.value.reason == reason


def test_bytes_that_look_like_a_path_are_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes((FEEDS / "full.rss").read_bytes())
    with pytest.raises(InputError):
        read_feed(str(secret).encode())


def test_feed_sniffing() -> None:
    assert looks_like_feed((FEEDS / "full.rss").read_bytes())
    assert looks_like_feed((FEEDS / "teaser.atom").read_bytes())
    assert looks_like_feed(b"{}", "application/atom+xml; charset=utf-8")
    assert not looks_like_feed(b"<!doctype html><html></html>", "text/html")


def test_missing_feed_file_is_a_bad_record(tmp_path: Path) -> None:
    out = list(iter_feed_file(tmp_path / "nope.rss"))
    assert len(out) == 1 and isinstance(out[0], BadRecord) and out[0].error.reason == "missing"


_xml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_xml_text, body=_xml_text, cut=st.integers(min_value=0, max_value=400),
       junk=st.binary(max_size=40))
def test_fuzz_feed_parser(title: str, body: str, cut: int, junk: bytes) -> None:
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title><item>"
            f"<title>{title}</title><link>http://x.example/{cut}</link><description>{body}"
            "</description></item></channel></rss>").encode("utf-8", "replace")
    for data in (feed, feed[:cut] + junk, junk):
        try:
            items = parse_feed(data)
        except InputError as exc:
            assert exc.message  # a clear message, never a crash
        else:
            assert all(i.key for i in items)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300),
    st.builds(lambda depth, text: "<div>" * depth + f"<p>{text}</p>" + "</div>" * (depth // 2),
              st.integers(min_value=0, max_value=1500), st.text(max_size=200)),
))
def test_fuzz_extract_html(html: str | bytes) -> None:
    try:
        page = extract_html(html)
    except ExtractionError as exc:
        assert exc.reason
    else:
        assert isinstance(page.text, str)
