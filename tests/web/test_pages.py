from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.web.conftest import TestClient
from tests.web.fixtures import XSS
from wirebrief.models import Briefing
from wirebrief.web.render import paragraphs, safe_href


class _Tags(HTMLParser):
    """Collects every start tag with its attributes, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def hostile(briefings: list[Briefing]) -> Briefing:
    return briefings[3]


def test_home_lists_articles_with_summary(client: TestClient, briefings: list[Briefing]) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "Russia hands over Su-30SM2 fighters to Belarus" in r.text
    assert "Eastern Flank Monitor" in r.text
    assert briefings[0].summary[0].text[:40] in r.text
    filtered = client.get("/", params={"country": "KOR", "since": "", "weapon": ""})
    assert "Poland receives K2 tanks" in filtered.text
    assert "Su-30SM2" not in filtered.text.split("<section>", 1)[1]
    bad = client.get("/", params={"since": "yesterday"})
    assert bad.status_code == 400
    assert "YYYY-MM-DD" in bad.text


def test_hostile_article_is_inert(client: TestClient, briefings: list[Briefing]) -> None:
    b = hostile(briefings)
    r = client.get(f"/articles/{b.id}")
    assert r.status_code == 200
    parsed = tags(r.text)
    scripts = [a for t, a in parsed if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}]
    assert not [t for t, _ in parsed if t == "img"]
    for _, attrs in parsed:
        assert not any(k.startswith("on") for k in attrs), attrs
        href = attrs.get("href") or ""
        assert not href.lower().startswith(("javascript:", "data:")), href
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in r.text
    # Neither the page URL nor the related link survives, even as text.
    assert "javascript:alert(4)" not in r.text and "javascript:alert(5)" not in r.text
    assert "<b>bold</b>" not in r.text


def test_external_links_are_nofollow(client: TestClient, briefings: list[Briefing]) -> None:
    for b in briefings:
        html = client.get(f"/articles/{b.id}").text
        for tag, attrs in tags(html):
            href = attrs.get("href") or ""
            if tag == "a" and href.startswith("http"):
                assert attrs.get("rel") == "noopener noreferrer nofollow", attrs
    good = client.get(f"/articles/{hostile(briefings).id}").text
    assert 'href="https://example.test/good"' in good


def test_security_headers(client: TestClient, briefings: list[Briefing]) -> None:
    for path in ("/", f"/articles/{briefings[0].id}", "/api/articles", "/search?q=x", "/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_article_page_parts(client: TestClient, briefings: list[Briefing]) -> None:
    b = briefings[0]
    html = client.get(f"/articles/{b.id}").text
    parsed = tags(html)
    spans = [a for t, a in parsed if t == "span" and "s" in (a.get("class") or "").split()]
    assert spans
    for a in spans:  # every sentence span carries offsets that index the text
        start, end = int(a["data-start"] or 0), int(a["data-end"] or 0)
        assert 0 <= start < end <= len(b.text)
        assert a["id"] == f"s-{start}"
    cards = [a for t, a in parsed if t == "a" and a.get("class") == "event-card"]
    assert len(cards) == 3
    ids = {a["id"] for a in spans}
    assert all((c["href"] or "")[1:] in ids for c in cards)  # no-JS anchor to the evidence
    assert "future" in html
    assert 'href="/entities/country:BLR"' in html
    assert 'href="/entities/person:Viktor%20Khrenin"' in html
    assert "Get a summary" in html
    assert "Next: Zapad drills" in html  # the page's own previous/next links
    assert 'rel="prev"' in html and 'rel="next"' in html  # neighbours in the store
    assert "Belarusian crews begin Iskander training" in html  # related by shared entities


def test_summary_without_javascript(client: TestClient, briefings: list[Briefing]) -> None:
    b = briefings[0]
    html = client.get(f"/articles/{b.id}", params={"summary": 1}).text
    block = html.split('id="summary-output"', 1)[1].split("</ol>", 1)[0]
    assert block.count("<li") == 1
    assert client.get(f"/articles/{b.id}", params={"summary": 99}).status_code == 422


def test_negated_flag_shown(client: TestClient, briefings: list[Briefing]) -> None:
    html = client.get(f"/articles/{briefings[1].id}").text
    assert "flag-negated" in html


def test_entity_pages(client: TestClient) -> None:
    html = client.get("/entities/country:BLR").text
    assert "<svg" in html and "<rect" in html
    assert "Most often with" in html
    assert 'href="/entities/country:BLR/with/country:RUS"' in html
    pair = client.get("/entities/country:BLR/with/country:RUS")
    assert pair.status_code == 200
    assert "CONSULT" in pair.text and "<svg" in pair.text
    weapon = client.get("/entities/weapon_system:Iskander-M").text
    assert "Belarusian crews begin Iskander training" in weapon
    assert client.get("/entities/country:QQQ").status_code == 404
    listing = client.get("/entities", params={"kind": "weapon_system"}).text
    assert "Iskander-M" in listing and "Viktor Khrenin" not in listing


def test_entity_with_slash_and_markup_in_name(client: TestClient) -> None:
    html = client.get(f"/entities/place:Berlin{XSS}")
    assert html.status_code == 200
    assert "<script>alert" not in html.text


def test_search_page(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Iskander"}).text
    assert html.count('class="article-row"') == 2
    assert "<mark>Iskander</mark>" in html
    assert "Countries" in html
    facet = client.get("/search", params={"q": "Iskander", "country": "RUS"})
    assert facet.status_code == 200
    hostile = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in hostile


def test_brief_form_errors_are_shown(client: TestClient) -> None:
    assert "Brief it" in client.get("/brief").text
    r = client.post("/brief", data={"text": "   "})
    assert r.status_code == 400
    assert "give the article" in r.text


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.com/a", True), ("http://x.test", True), ("javascript:alert(1)", False),
    (" JavaScript:alert(1)", False), ("java\tscript:alert(1)", False), ("data:text/html,x", False),
    ("//evil.test/x", False), ("/relative", False), (None, False), ("https://", False),
])
def test_safe_href(url: str | None, ok: bool) -> None:
    assert (safe_href(url) is not None) is ok


def test_paragraphs_cover_the_text() -> None:
    text = "First one. Second one here.\n\nNew paragraph. And more!\n\n\nLast."
    paras = paragraphs(text)
    assert len(paras) == 3
    for para in paras:
        for seg in para:
            assert text[seg.start:seg.end] == seg.text
    sentences = [seg.text for para in paras for seg in para if seg.sentence]
    assert sentences == ["First one.", "Second one here.", "New paragraph.", "And more!", "Last."]
    assert re.sub(r"\s", "", "".join(s.text for p in paras for s in p)) == re.sub(r"\s", "", text)


def test_brief_form_upload_too_large(client: TestClient) -> None:
    big = b"x" * (2 * 1024 * 1024 + 5)
    r = client.post("/brief", files={"upload": ("a.txt", big, "text/plain")})
    assert r.status_code == 413
    assert "over 2 MB" in r.text


@pytest.mark.model
def test_brief_form_upload_html(client: TestClient) -> None:
    pytest.importorskip("wirebrief.analyze.weapons", reason="weapon recogniser not installed")
    html = (b"<html><head><title>K2 tanks reach Gdynia</title></head><body><article>"
            b"<h1>K2 tanks reach Gdynia</h1><p>Poland received the first K2 tanks from South "
            b"Korea at the port of Gdynia on Tuesday, the defence ministry said.</p><p>More "
            b"tanks will follow next year, officials said on Wednesday.</p>"
            b"<p><a href='javascript:alert(1)'>more</a></p></article></body></html>")
    r = client.post("/brief", files={"upload": ("page.html", html, "text/html")},
                    data={"published": "2024-03-05"})
    assert r.status_code == 200, r.text[:500]
    assert "not saved in the store" in r.text
    assert 'href="/entities/country:KOR"' in r.text
    assert "javascript:" not in r.text
