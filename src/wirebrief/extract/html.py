"""Article extraction from HTML: main text, metadata and related links.

trafilatura finds the main content; around it we add what a news briefing needs: robust
decoding, related/previous/next links taken out of the body into `related`, residual chrome
paragraphs (share bars, newsletter prompts, photo credits) dropped, and a publication date that
never comes from a script or from the future.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass
from datetime import date

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from wirebrief.errors import ExtractionError
from wirebrief.extract.chrome import strip_inline_chrome
from wirebrief.extract.html_clean import clean_paragraphs
from wirebrief.extract.html_decode import decode_html
from wirebrief.extract.html_meta import page_metadata
from wirebrief.extract.html_related import drop_keep_tail, harvest_related
from wirebrief.models import RelatedLink

try:  # readability-lxml is the recall fallback; without it trafilatura's answer stands
    from readability import Document as ReadabilityDocument
    from readability.readability import Unparseable
except ImportError:  # pragma: no cover - depends on the installed extras
    ReadabilityDocument = None
    Unparseable = ValueError

EXTRACTOR_NAME = "extract.html.v4"  # v2: inline chrome dropped; v3-4: "(Name/Agency)" credits

# trafilatura logs every page it finds thin; our caller gets an ExtractionError instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_WORD_RE = re.compile(r"\w+")
_MIN_BODY_WORDS = 5
_PROSE_MIN_SPACES = 11  # a <p> of 12+ words is prose, not a label or a caption
_RECALL_FALLBACK_SHARE = 0.6
_FALLBACK_GAIN = 1.3
_EXTENSIVE_DATE_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class ExtractedPage:
    """The article a page carries, with its metadata."""

    text: str
    title: str | None
    author: str | None
    published: date | None
    site: str | None
    url: str | None
    language: str | None
    related: tuple[RelatedLink, ...]


_PARSER = lxml.html.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False, huge_tree=True
)
# libxml2 stops building the tree past ~256 open elements; such pages get their layout tags
# flattened and are parsed again.
_LAYOUT_TAG_RE = re.compile(
    r"</?(?:div|span|section|article|main|font|center|table|tbody|thead|tr|td|th|b|i|u|em|"
    r"strong|small|big|aside|header|footer|nav|figure|label)\b[^>]*>",
    re.IGNORECASE,
)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)


def _parse(html: str) -> HtmlElement | None:
    try:
        root = lxml.html.document_fromstring(_XML_DECL_RE.sub("", html, count=1), parser=_PARSER)
    except (ValueError, etree.LxmlError, RecursionError):
        return None
    return root if isinstance(root, HtmlElement) else None


def _strip_scripts(root: HtmlElement) -> None:
    """Drop executable scripts (their fake or future dates must not reach htmldate).

    JSON-LD stays: it is page metadata, the most reliable source of the publication date.
    """
    for el in list(root.iter("script", "noscript", "template")):
        if el.tag == "script" and "ld+json" in (el.get("type") or "").lower():
            continue
        drop_keep_tail(el)


def _trafilatura_text(root: HtmlElement, url: str | None) -> str:
    try:
        doc = trafilatura.bare_extraction(
            root,
            url=url,
            fast=True,  # our own fallback below is cheaper than trafilatura's
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
        )
    except (ValueError, TypeError, AttributeError, etree.LxmlError, RecursionError):
        return ""
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _readability_text(root: HtmlElement, url: str | None) -> str:
    if ReadabilityDocument is None:
        return ""
    try:
        summary = ReadabilityDocument(lxml.html.tostring(root, encoding="unicode")).summary(
            html_partial=True
        )
    except (ValueError, TypeError, etree.LxmlError, RecursionError, Unparseable):
        return ""
    snippet = _parse(f"<html><body>{summary}</body></html>")
    return _trafilatura_text(snippet, url) if snippet is not None else ""


def _prose_chars(root: HtmlElement) -> int:
    """Characters in the page's long paragraphs: what a complete extraction should roughly hold."""
    total = 0
    for para in root.iter("p"):
        text = para.text_content()
        if text.count(" ") >= _PROSE_MIN_SPACES:
            total += len(text.strip())
    return total


def _main_text(root: HtmlElement, url: str | None) -> str:
    text = _trafilatura_text(root, url)
    prose = _prose_chars(root)
    # trafilatura sometimes stops at an ad slot or a paywall teaser and keeps only the start of
    # the article: when its output holds much less than the page's long paragraphs, ask
    # readability and keep the clearly longer answer.
    if prose and len(text) < _RECALL_FALLBACK_SHARE * prose:
        other = _readability_text(copy.deepcopy(root), url)
        if len(other) > _FALLBACK_GAIN * len(text):
            return other
    return text


def _extract(source: str, url: str | None) -> ExtractedPage | None:
    root = _parse(source)
    if root is None:
        return None
    _strip_scripts(root)
    # htmldate's full-text date search is slow on huge pages; metadata dates still count.
    meta = page_metadata(root, url, extensive_date=len(source) <= _EXTENSIVE_DATE_MAX_CHARS)
    base = meta.url or url
    related, related_titles, link_texts = harvest_related(root, base)
    paragraphs = clean_paragraphs(
        _main_text(root, base).split("\n"),
        related_titles=related_titles,
        link_texts=link_texts,
        titles=[t for t in (meta.title, *meta.other_titles) if t],
        page_urls=[u for u in (url, meta.url) if u],
    )
    text = "\n\n".join(p for p in map(strip_inline_chrome, paragraphs) if p)
    if len(_WORD_RE.findall(text)) < _MIN_BODY_WORDS:
        return None
    return ExtractedPage(
        text=text,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        site=meta.site,
        url=meta.url,
        language=meta.language,
        related=tuple(related),
    )


def extract_html(html: str | bytes, url: str | None = None) -> ExtractedPage:
    """Extract the article of one page.

    Raises ExtractionError(reason="no_body") when the page holds no article text.
    """
    source = decode_html(html)
    if not source.strip():
        raise ExtractionError("the page is empty", reason="no_body")
    page = _extract(source, url)
    if page is None:
        flattened = _LAYOUT_TAG_RE.sub(" ", source)
        if flattened != source:
            page = _extract(flattened, url)
    if page is None:
        raise ExtractionError("no article text found on the page", reason="no_body")
    return page


__all__ = ["EXTRACTOR_NAME", "ExtractedPage", "extract_html"]
