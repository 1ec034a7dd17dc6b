"""Cleaning plain-text copies of web pages.

A page saved as text keeps its chrome as lines: "No time to read?", share bars, "Previous Article"
followed by the neighbouring article's title. We drop chrome lines by general rules
(`chrome.is_chrome_line`), turn navigation and "Related" blocks into related links, take the
headline from the first line, and join hard-wrapped lines into paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from wirebrief.extract import chrome
from wirebrief.models import RelatedLink

TEXT_CLEANER_NAME = "extract.text.v1"

_BYLINE_RE = re.compile(
    r"^\s*(?i:by|written by|words by|author:?)\s+(?P<name>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
    r"(?:\s+(?:and|&)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})*)\s*(?:[,|–—-].{0,60})?$",
)
_TERMINAL_PUNCT = ".!?\"'”’:;)…"


@dataclass(frozen=True)
class CleanText:
    text: str
    title: str | None
    author: str | None = None
    related: tuple[RelatedLink, ...] = field(default_factory=tuple)
    removed_lines: int = 0


def normalise_text(raw: str) -> str:
    """Unicode NFC, unified newlines, no control characters or zero-width marks."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060]", "", text)


def _is_title_like(line: str) -> bool:
    """A short line that reads like a headline: no sentence-final punctuation."""
    s = line.strip()
    return 3 <= len(s) <= 200 and s[-1] not in ".!;:," and len(s.split()) <= 30


def _is_heading(line: str) -> bool:
    s = line.strip()
    return _is_title_like(s) and len(s.split()) <= 15 and s[-1] not in _TERMINAL_PUNCT


def clean_page_text(raw: str, *, title: str | None = None) -> CleanText:
    """Clean a plain-text page copy into article text, headline and related links."""
    lines = [line.strip() for line in normalise_text(raw).split("\n")]
    related: list[RelatedLink] = []
    kept: list[str] = []  # "" marks a paragraph break
    author: str | None = None
    removed = 0
    pending_rel: str | None = None  # a nav label waits for its title
    in_related_list = False
    found_title = title
    first_content_seen = False

    for line in lines:
        if not line:
            kept.append("")
            continue
        if chrome.is_nav_label(line):
            pending_rel = chrome.nav_rel(line)
            in_related_list = False
            removed += 1
            continue
        if chrome.is_related_label(line):
            in_related_list = True
            pending_rel = None
            removed += 1
            continue
        inline = chrome.INLINE_RELATED_RE.match(line)
        if inline and _is_title_like(inline.group("title")):
            related.append(RelatedLink(title=inline.group("title").strip(), rel="related"))
            removed += 1
            continue
        if chrome.is_chrome_line(line):
            removed += 1
            continue
        if pending_rel is not None and _is_title_like(line):
            related.append(RelatedLink(title=line, rel=pending_rel))
            pending_rel = None
            removed += 1
            continue
        if in_related_list and _is_title_like(line):
            related.append(RelatedLink(title=line.lstrip("-*•· ").strip(), rel="related"))
            removed += 1
            continue
        pending_rel = None
        in_related_list = False
        byline = _BYLINE_RE.match(line)
        if byline and author is None and len(line) < 120:
            author = byline.group("name").strip()
            removed += 1
            continue
        if not first_content_seen:
            first_content_seen = True
            if title is None and _is_title_like(line):
                found_title = line
                removed += 1
                continue
            if title is not None and line.strip().lower() == title.strip().lower():
                removed += 1
                continue
        kept.append(line)

    return CleanText(
        text=_join_paragraphs(kept),
        title=found_title,
        author=author,
        related=tuple(_dedupe_related(related)),
        removed_lines=removed,
    )


def _join_paragraphs(lines: list[str]) -> str:
    """Blank lines end paragraphs; headings stand alone; hard-wrapped prose lines are joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if _is_heading(line) and not current:
            paragraphs.append(line)
            continue
        current.append(line)
        # A line that ends a sentence and is short compared to a wrap width is a paragraph end
        # in one-paragraph-per-line copies; joining would glue paragraphs together.
        if line[-1] in _TERMINAL_PUNCT and len(line) > 200:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _dedupe_related(links: list[RelatedLink]) -> list[RelatedLink]:
    seen: set[str] = set()
    out: list[RelatedLink] = []
    for link in links:
        key = link.title.lower()
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out
