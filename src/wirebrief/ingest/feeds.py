"""RSS and Atom feeds: items with their links, dates and (when given) full content.

feedparser is lenient: a feed with broken XML still yields the items it could read (its "bozo"
flag says something was wrong). We keep those items and report the breakage once, clearly.
feedparser is only ever given bytes, never a URL or a path, so it never fetches anything itself.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from wirebrief.errors import InputError
from wirebrief.ingest.decode import read_bytes
from wirebrief.records import BadRecord, RawDocument

FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz")
# Content shorter than this (as text) is a teaser, not the article: fetch the link instead.
FULL_CONTENT_MIN_CHARS = 400
_TAG_RE = re.compile(r"<[^<>]+>")  # [^>] would rescan from every "<" of a long run
_FEED_SNIFF_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
                            re.IGNORECASE | re.DOTALL)
# Harmless bozo causes: the feed was read fine, only its declared encoding or type was off.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass(frozen=True)
class FeedItem:
    """One feed entry."""

    title: str | None
    link: str | None
    published: datetime | None
    summary: str | None
    guid: str | None
    content: str | None  # full HTML content (content:encoded, atom:content), when present

    @property
    def key(self) -> str | None:
        """Stable identity of the item across polls: guid, else link, else title."""
        return self.guid or self.link or self.title

    @property
    def has_full_content(self) -> bool:
        return bool(self.content) and len(html_to_text(self.content or "")) >= \
            FULL_CONTENT_MIN_CHARS

    def to_document(self, *, source: str | None = None) -> RawDocument | None:
        """The item as a document when it carries the full article; None when it must be fetched."""
        if not self.has_full_content:
            return None
        return RawDocument(external_id=self.link or self.guid, html=_wrap_html(self),
                           url=self.link, title=self.title,
                           published=self.published.date() if self.published else None,
                           source=source)


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    items: list[FeedItem]
    warning: str | None  # set when the XML was broken and only part of it could be read


def html_to_text(fragment: str) -> str:
    return re.sub(r"\s+", " ", _TAG_RE.sub(" ", fragment)).strip()


def _wrap_html(item: FeedItem) -> str:
    # The extractor expects a page; give it one with the headline as its title.
    title = (item.title or "").replace("<", "&lt;")
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{item.content}</article></body></html>")


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """Sniff a fetched body: RSS/Atom/RDF root element, or a feed content type."""
    ct = content_type.lower()
    if any(t in ct for t in ("rss", "atom", "rdf")):
        return True
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_FEED_SNIFF_RE.match(head))


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _text_or_none(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _entry_content(entry: Any) -> str | None:
    contents = entry.get("content") or []
    best = None
    for content in contents:
        value = content.get("value") if hasattr(content, "get") else None
        if isinstance(value, str) and value.strip() and (best is None or len(value) > len(best)):
            best = value
    return best


def read_feed(data: bytes, base_url: str | None = None) -> ParsedFeed:
    """Parse RSS/Atom bytes. Raises InputError when nothing feed-like can be read."""
    if not data.strip():
        raise InputError("empty feed: nothing to read", reason="empty")
    headers = {"content-location": base_url} if base_url else {}
    try:
        # A stream, never bytes: feedparser would try to open bytes that look like a path.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True,
                                  resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001 - feedparser can fail in odd ways on hostile input
        raise InputError(f"unreadable feed: {type(exc).__name__}: {exc}",
                         reason="bad_feed") from exc
    warning = None
    if parsed.get("bozo"):
        bozo = parsed.get("bozo_exception")
        if not isinstance(bozo, _BENIGN_BOZO):
            line = getattr(bozo, "getLineNumber", lambda: None)()
            where = f" at line {line}" if line else ""
            detail = bozo.getMessage() if hasattr(bozo, "getMessage") else str(bozo)
            warning = f"broken feed XML{where}: {detail}"
    items: list[FeedItem] = []
    for entry in parsed.get("entries", []):
        link = _text_or_none(entry.get("link"))
        guid = _text_or_none(entry.get("id"))
        item = FeedItem(title=_text_or_none(entry.get("title")), link=link,
                        published=_entry_date(entry),
                        summary=_text_or_none(entry.get("summary")), guid=guid,
                        content=_entry_content(entry))
        if item.key:
            items.append(item)
    version = parsed.get("version") or ""
    if not items and not version:
        reason = f" ({warning})" if warning else ""
        raise InputError(f"not an RSS or Atom feed{reason}", reason="bad_feed")
    if warning:
        warning += f"; {len(items)} item(s) before the break kept"
    feed = parsed.get("feed", {})
    return ParsedFeed(title=_text_or_none(feed.get("title")), link=_text_or_none(feed.get("link")),
                      items=items, warning=warning)


def parse_feed(data: bytes, base_url: str | None = None) -> list[FeedItem]:
    """The items of an RSS/Atom feed (partial items kept when the XML is broken)."""
    return read_feed(data, base_url).items


def iter_feed_file(path: Path | str, limit: int = 20 * 1024 * 1024
                   ) -> Iterator[RawDocument | BadRecord]:
    """Documents from a feed file saved on disk.

    Items with full content become documents; items with only a teaser cannot be briefed
    offline and come out as BadRecord naming their link (fetch it, or `wirebrief watch` the feed).
    A feed broken part-way yields the items before the break, then one BadRecord.
    """
    p = Path(path)
    try:
        feed = read_feed(read_bytes(p, limit))
    except InputError as exc:
        yield BadRecord(str(p), InputError(f"{p}: {exc.message}", reason=exc.reason))
        return
    for n, item in enumerate(feed.items, start=1):
        doc = item.to_document(source=feed.title)
        if doc is not None:
            yield doc
            continue
        ident = item.link or item.guid or f"{p}#item{n}"
        yield BadRecord(ident, InputError(
            f"{p}: item {n} ({item.title or ident}) has no full text in the feed; fetch its "
            "link instead (give the URL, or watch the feed)", reason="no_content"))
    if feed.warning:
        yield BadRecord(str(p), InputError(f"{p}: {feed.warning}", reason="bad_feed"))


__all__ = ["FEED_SUFFIXES", "FeedItem", "ParsedFeed", "iter_feed_file", "looks_like_feed",
           "parse_feed", "read_feed"]
