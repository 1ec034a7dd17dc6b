"""Page metadata: title, author, publication date, site name, canonical URL, language."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

_WS_RE = re.compile(r"\s+")
_LANG_RE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")
# "Headline | Site", "Headline - Site": the site part goes when it matches the site name.
# Starts only where a run of spaces starts: searching from inside a long run is quadratic.
_TITLE_SEP_RE = re.compile(r"(?<!\s)\s+[|\-–—:·•]\s+")


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    author: str | None
    published: date | None
    site: str | None
    url: str | None
    language: str | None
    other_titles: tuple[str, ...] = ()  # <title>, h1, og:title variants, to drop from the body


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = _WS_RE.sub(" ", text).strip()
    return text or None


def _meta(root: HtmlElement) -> dict[str, str]:
    """First value of each <meta name|property|itemprop> in the page, keys lowercased."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld(root: HtmlElement) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for el in root.iter("script"):
        if "ld+json" not in (el.get("type") or "").lower() or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        stack = [data]
        while stack and len(items) < 50:
            cur = stack.pop()
            if isinstance(cur, list):
                stack.extend(cur)
            elif isinstance(cur, dict):
                items.append(cur)
                graph = cur.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return items


def _ld_author(items: list[dict[str, object]]) -> str | None:
    for item in items:
        author = item.get("author")
        names: list[str] = []
        for one in author if isinstance(author, list) else [author]:
            if isinstance(one, dict) and isinstance(one.get("name"), str):
                names.append(str(one["name"]))
            elif isinstance(one, str) and not one.startswith("http"):
                names.append(one)
        cleaned = [n for n in (_clean(n) for n in names) if n]
        if cleaned:
            return "; ".join(dict.fromkeys(cleaned))
    return None


def _title(root: HtmlElement, meta: dict[str, str], site: str | None) -> str | None:
    for key in ("og:title", "twitter:title"):
        if meta.get(key):
            return _strip_site(_clean(meta[key]), site)
    h1 = next(iter(root.iter("h1")), None)
    if h1 is not None:
        text = _clean(h1.text_content())
        if text and len(text) > 10:
            return text
    title_el = next(iter(root.iter("title")), None)
    if title_el is not None:
        return _strip_site(_clean(title_el.text_content()), site)
    return None


def _strip_site(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    parts = _TITLE_SEP_RE.split(title)
    if len(parts) > 1 and site:
        site_key = site.lower().removeprefix("www.")
        if site_key in parts[-1].lower() or parts[-1].lower() in site_key:
            return " - ".join(parts[:-1]).strip() or title
    return title


def _author(root: HtmlElement, meta: dict[str, str], items: list[dict[str, object]]) -> str | None:
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = _clean(meta.get(key))
        if value and not value.startswith("http"):
            return value
    from_ld = _ld_author(items)
    if from_ld:
        return from_ld
    for el in root.iter("a", "span", "div", "p"):
        if el.get("rel") == "author" or el.get("itemprop") == "author":
            text = _clean(el.text_content())
            if text and len(text) < 80:
                return re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
    return None


def _language(root: HtmlElement, meta: dict[str, str]) -> str | None:
    for value in (
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("content-language"),
        meta.get("og:locale"),
        meta.get("language"),
    ):
        if value:
            match = _LANG_RE.match(value.strip())
            if match:
                return match.group(1).lower()
    return None


def _canonical(root: HtmlElement, meta: dict[str, str], url: str | None) -> str | None:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            href = str(el.get("href", "")).strip()
            absolute = urljoin(url, href) if url else href
            if urlsplit(absolute).scheme in {"http", "https"}:
                return absolute
    og = meta.get("og:url")
    if og:
        absolute = urljoin(url, og) if url else og
        if urlsplit(absolute).scheme in {"http", "https"}:
            return absolute
    return url


def _published(root: HtmlElement, url: str | None, *, extensive: bool) -> date | None:
    """htmldate's original (not last-modified) date, bounded by today; scripts already gone.

    The extensive search (dates in the page text) runs only when metadata gives nothing and
    `extensive` allows it.
    """
    today = date.today().isoformat()
    for extensive_pass in (False, True) if extensive else (False,):
        try:
            found = find_date(
                root,
                url=url,
                original_date=True,
                extensive_search=extensive_pass,
                max_date=today,
                outputformat="%Y-%m-%d",
            )
        except (ValueError, TypeError, RecursionError):
            found = None
        if found:
            try:
                value = datetime.strptime(found, "%Y-%m-%d").date()
            except ValueError:
                continue
            return value if value <= date.today() else None
    return None


def page_metadata(root: HtmlElement, url: str | None, *, extensive_date: bool = True) -> PageMeta:
    """Metadata of a parsed page whose executable scripts were already removed."""
    meta = _meta(root)
    items = _json_ld(root)
    canonical = _canonical(root, meta, url)
    host = urlsplit(canonical).hostname if canonical else None
    site = _clean(meta.get("og:site_name")) or (host.removeprefix("www.") if host else None)
    variants = [meta.get("og:title"), meta.get("twitter:title")]
    variants += [el.text_content() for el in root.iter("title", "h1")]
    others = tuple(dict.fromkeys(v for v in (_clean(x) for x in variants[:6]) if v))
    return PageMeta(
        other_titles=others,
        title=_title(root, meta, site),
        author=_author(root, meta, items),
        published=_published(root, canonical or url, extensive=extensive_date),
        site=site,
        url=canonical,
        language=_language(root, meta),
    )
