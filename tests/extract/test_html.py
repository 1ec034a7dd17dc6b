"""HTML article extraction on small hand-written pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirebrief.errors import ExtractionError
from wirebrief.extract.html import EXTRACTOR_NAME, ExtractedPage, extract_html
from wirebrief.extract.html_clean import clean_paragraphs
from wirebrief.extract.html_decode import decode_html

DATA = Path(__file__).resolve().parents[1] / "data" / "html"
NEWS_URL = "https://defencewire.example/news/belarus-iskander-second-battalion?utm=x"


@pytest.fixture(scope="module")
def news() -> ExtractedPage:
    return extract_html((DATA / "news_page.html").read_bytes(), url=NEWS_URL)


def test_extractor_name() -> None:
    assert EXTRACTOR_NAME == "extract.html.v4"


def test_news_text_keeps_article_and_headings(news: ExtractedPage) -> None:
    paragraphs = news.text.split("\n\n")
    assert paragraphs[0].startswith("The Belarusian armed forces have received")
    assert "Nuclear-capable systems" in paragraphs  # heading kept as its own paragraph
    assert paragraphs[-1].startswith("NATO officials said")
    assert len(paragraphs) == 5


@pytest.mark.parametrize(
    "chrome",
    [
        "cookie",
        "Facebook",
        "Home",
        "Photo credit",
        "newsletter",
        "Previous Article",
        "Next Article",
        "Related articles",
        "Poland receives first K2 tanks",
        "Russia to station tactical nuclear weapons in Belarus",
        "All rights reserved",
        "Belarus takes delivery of second Iskander battalion",  # the headline is the title
    ],
)
def test_news_text_has_no_chrome(news: ExtractedPage, chrome: str) -> None:
    assert chrome.lower() not in news.text.lower()


def test_news_metadata(news: ExtractedPage) -> None:
    assert news.title == "Belarus takes delivery of second Iskander battalion"
    assert news.author == "Jane Marlow"
    assert news.site == "Defence Wire"
    assert news.url == "https://defencewire.example/news/belarus-iskander-second-battalion"
    assert news.language == "en"


def test_news_date_from_metadata_not_from_script(news: ExtractedPage) -> None:
    # The page's script holds 2031-12-25; the article was published on 2023-04-03.
    assert news.published == date(2023, 4, 3)


def test_news_related_links(news: ExtractedPage) -> None:
    by_rel = {(link.rel, link.title): link.url for link in news.related}
    assert by_rel[("previous", "Poland receives first K2 tanks from South Korea")] == (
        "https://defencewire.example/news/poland-k2-tanks-delivery"
    )
    assert by_rel[("next", "NATO extends air policing mission over the Baltic states")] == (
        "https://defencewire.example/news/nato-air-policing-baltic"
    )
    related = [title for rel, title in by_rel if rel == "related"]
    assert related == [
        "Russia to station tactical nuclear weapons in Belarus",
        "Lithuania strengthens border defences with Belarus",
        "Russia tests extended-range Iskander missile",
    ]
    # Relative links are made absolute against the canonical URL.
    assert all((link.url or "").startswith("https://defencewire.example/") for link in news.related)


def test_script_date_never_used() -> None:
    html = (
        "<html><head><script>var published = '2030-01-01';</script></head><body><article>"
        + "<p>The frigate completed its sea trials in the North Sea and returned to port.</p>" * 3
        + "</article></body></html>"
    )
    page = extract_html(html)
    assert page.published is None or page.published <= date.today()
    assert page.published != date(2030, 1, 1)


def test_windows_1251_without_charset() -> None:
    raw = (DATA / "cp1251_no_charset.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    page = extract_html(raw)
    assert "Министерство обороны Республики Беларусь" in page.text
    assert page.title == "Минобороны Беларуси получило новые комплексы"


def test_declared_charset_and_bom() -> None:
    body = "<p>Généralement, la défense aérienne française a reçu de nouveaux systèmes.</p>"
    declared = f'<html><head><meta charset="iso-8859-1"></head><body>{body}</body></html>'
    assert "défense" in decode_html(declared.encode("latin-1"))
    assert decode_html(b"\xef\xbb\xbf<p>ok</p>") == "<p>ok</p>"
    # A lying declaration does not garble UTF-8 text.
    lying = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    assert "défense" in decode_html(lying.encode("cp1252"))


def test_no_article_raises() -> None:
    with pytest.raises(ExtractionError) as info:
        extract_html((DATA / "no_article.html").read_bytes())
    assert info.value.reason == "no_body"


@pytest.mark.parametrize("content", [b"", b"   \n", "<html></html>", b"\x00\x01\x02garbage"])
def test_empty_pages_raise(content: str | bytes) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_html(content)
    assert info.value.reason == "no_body"


def test_empty_fixture_raises() -> None:
    with pytest.raises(ExtractionError):
        extract_html((DATA / "empty.html").read_bytes())


def test_deeply_nested_page() -> None:
    page = extract_html((DATA / "deeply_nested.html").read_bytes())
    assert page.text.count("defence ministry confirmed the delivery") == 3


def test_malformed_html_does_not_crash() -> None:
    html = "<html><body><div><p>Unclosed paragraph about the corvette programme " * 40
    page = extract_html(html)
    assert "corvette programme" in page.text


def test_large_page_is_handled() -> None:
    para = "<p>The ministry said the contract for the armoured vehicles was signed today.</p>"
    filler = "<div class='ad'><a href='/x'>Advert</a></div>" * 20_000
    html = f"<html><body>{filler}<article>{para * 50}</article>{filler}</body></html>"
    assert len(html) > 1_000_000
    page = extract_html(html)
    assert "armoured vehicles" in page.text


def test_clean_paragraphs_rules() -> None:
    lines = [
        "Belarus takes delivery",
        "October 12, 2017",
        "The first real paragraph of the article says something useful about tanks.",
        "https://example.com/some/page",
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "Tags",
        "tanks, Belarus, Iskander",
        "A linked teaser title here",
        "The last paragraph ends the article with a full sentence about missiles.",
    ]
    dropped: list[tuple[str, str]] = []
    out = clean_paragraphs(
        lines,
        link_texts={"a linked teaser title here"},
        titles=["Belarus takes delivery"],
        page_urls=["https://example.com/some/page/"],
        on_drop=lambda para, rule: dropped.append((para, rule)),
    )
    assert out == [lines[2], lines[-1]]
    assert ("October 12, 2017", "date_line") in dropped
    assert ("Belarus takes delivery", "headline") in dropped


def test_clean_paragraphs_keeps_other_urls_and_product_lists() -> None:
    lines = [
        "The deal list below was checked this morning by our reviewers.",
        "http://amzn.to/2iJFhRj",
        "- Sign up for a streaming account for $11.99 a month",
        "02-751-1500",
    ]
    assert clean_paragraphs(lines, page_urls=["https://example.com/deals"]) == lines
