"""Cleaning plain-text copies of web pages.

A page saved as text keeps its chrome as lines: banners, captions and credits, bylines, share
bars, "Previous Article" followed by the neighbouring article's title, reader comments. A learned
line classifier (`extract.lines`) tells headline, body and chrome apart by what each line is; we
keep the body, take the headline, turn navigation and "Related" blocks into related links, and
join hard-wrapped lines into paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from wirebrief.extract import chrome
from wirebrief.extract.lines import (
    LineModel,
    classify_lines,
    has_chrome_cue,
    has_prose,
    is_comment_heading,
)
from wirebrief.models import RelatedLink

TEXT_CLEANER_NAME = "extract.text.v6"  # v2: line classifier; v3: inline chrome; v4-5: credits;
# v6: closing paragraphs after the last sure body line

_BYLINE_RE = re.compile(
    r"^\s*(?i:by|written by|words by|author:?|reporter|correspondent)\s+"
    r"(?P<name>[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}"
    r"(?:\s+(?:and|&)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})*)\s*(?:[,|–—-].{0,60})?$",
)
_TERMINAL_PUNCT = ".!?\"'”’:;)…"


@dataclass(frozen=True)
class CleanText:
    text: str
    title: str | None
    author: str | None = None
    published: date | None = None
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


def _is_prose(line: str) -> bool:
    """Article prose: a long line, or a sentence (final punctuation, several words)."""
    words = len(line.split())
    if len(line) >= 120 and words >= 12:
        return True
    return words >= 5 and line.rstrip()[-1:] in ".!?\"”’'" and not chrome.is_chrome_line(line)


_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}
_MONTHS |= {m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9}
_MONTH_RE = r"(?P<month>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-./](?P<mon>\d{1,2})[-./](?P<day>\d{1,2})\b"),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?P<year>(?:19|20)\d\d)\b"
    ),
    re.compile(
        r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"
    ),
    re.compile(r"\b(?P<day>\d{1,2})[./](?P<mon>\d{1,2})[./](?P<year>(?:19|20)\d\d)\b"),
)


def _prose_lines(lines: list[str]) -> list[int]:
    """Indices of prose lines; hard-wrapped paragraphs count as prose as a whole."""
    prose: list[int] = []
    block: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line:
            block.append(i)
            continue
        if block:
            joined = " ".join(lines[j] for j in block)
            wrapped = len(block) >= 2 and all(len(lines[j]) >= 50 for j in block[:-1])
            for j in block:
                if _is_prose(lines[j]) or (wrapped and _is_prose(joined)):
                    prose.append(j)
            block = []
    return prose


def parse_date_line(line: str) -> date | None:
    """The date of a page's date line ("Sunday, May 19, 2024", "Input 2024.05.08 14:21 | ...").

    Only short lines whose words are mostly the date and its labels count, so that prose that
    mentions a date is never taken for the publication date.
    """
    if len(line) > 90:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(line)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["mon"])
        try:
            found = date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            continue
        rest = line[: m.start()] + " " + line[m.end() :]
        rest_words = re.findall(r"[A-Za-z]{3,}", rest)
        if len(rest_words) > 8:
            return None
        return found
    return None


# The headline must look more like a headline than the other lines of the page's head.
TITLE_MIN_P = 0.1
BODY_MIN_P = 0.3
# A closing paragraph after the last sure body line needs more: the first footer line of the
# labelled pages (training and held-out) gets at most 0.36 ("Read the latest news on our app",
# "If you notice an error, ..."), a newswire story's last background sentence 0.3 to 0.5.
TAIL_MIN_P = 0.4


# A page copy that opens with its time stamp run into the first line: "date 2023-10-16 The
# ministry said ...", "Published: 2023-10-16T08:00Z Kyiv, ...".
_LEADING_STAMP_RE = re.compile(
    r"(?:(?:date|dated|published|posted|updated)\s*:?\s*)?"
    r"(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?:[T ]\d\d:\d\d(?::\d\d)?Z?)?"
    r"(?=\s|$)",
    re.IGNORECASE,
)


def _leading_stamp(lines: list[str]) -> date | None:
    """The time stamp a page copy opens with, taken off its first line (in place)."""
    for i, line in enumerate(lines):
        if not line:
            continue
        m = _LEADING_STAMP_RE.match(line)
        if not m:
            return None
        try:
            found = date(int(m["year"]), int(m["mon"]), int(m["day"]))
        except ValueError:
            return None
        rest = line[m.end():].strip()
        lines[i:i + 1] = [line[:m.end()], rest] if rest else [line]
        return found
    return None


def clean_page_text(
    raw: str, *, title: str | None = None, model: LineModel | None = None
) -> CleanText:
    """Clean a plain-text page copy into article text, headline, date line and related links.

    Each line is classified as headline, body or chrome by the learned line model
    (`extract.lines`). The page is then read in three zones: the header (lines before the first
    body line: site name, banners, headline, byline, date line), the body, and the footer
    (after the last body line, or from a comment section on: related lists, notices, comments).
    Header and footer lines never reach the text; body-zone lines are dropped when the model
    calls them chrome. Navigation and "Related" blocks become related links.
    """
    lines = [line.strip() for line in normalise_text(raw).split("\n")]
    stamp = _leading_stamp(lines)
    probs = classify_lines(lines, model)
    labels = [None if p is None else max(p, key=p.__getitem__) for p in probs]
    # Losing article text costs more than keeping a line of chrome: a sentence the model
    # gives a fair chance of being body is kept, unless it comes after the last line it is
    # sure of (footers: notices, author notes, app prompts).
    sure = [i for i, label in enumerate(labels) if label == "body"]
    for i, p in enumerate(probs):
        if p is not None and sure and i < sure[-1] and labels[i] == "chrome" \
                and p["body"] >= BODY_MIN_P and has_prose(lines[i]):
            labels[i] = "body"
    if sure:
        # The article's closing paragraphs: prose lines given a fair chance (TAIL_MIN_P) that
        # run on from the last sure line, unbroken by any other line, are body too (a wire
        # story often ends on a short background sentence). The first line that is not one
        # starts the footer.
        for i in range(sure[-1] + 1, len(lines)):
            p = probs[i]
            if not lines[i]:
                continue
            if p is None or labels[i] != "chrome" or p["body"] < TAIL_MIN_P \
                    or not has_prose(lines[i]) or chrome.is_chrome_line(lines[i]):
                break
            labels[i] = "body"
    body_idx = [i for i, label in enumerate(labels) if label == "body"]
    title_at = None if title else _pick_title(lines, probs, body_idx[0] if body_idx else len(lines))
    # One headline: any other line the model found headline-like is body or chrome, as it
    # rates them.
    for i, p in enumerate(probs):
        if p is not None and i != title_at and labels[i] == "title":
            labels[i] = "body" if p["body"] >= p["chrome"] else "chrome"
    if title_at is not None:
        labels[title_at] = "title"
    if not any(label == "body" and has_prose(line) for line, label in zip(lines, labels,
                                                                           strict=True)):
        # A page copy is an article: when the model finds no sentence of body, its prose lines
        # that the general chrome rules pass are taken, rather than losing the article.
        labels = [
            "body" if label == "chrome" and has_prose(line) and not chrome.is_chrome_line(line)
            else label
            for line, label in zip(lines, labels, strict=True)
        ]
    body_idx = [i for i, label in enumerate(labels) if label == "body"]
    first = body_idx[0] if body_idx else len(lines)
    end = _footer_start(lines, labels, first)
    body_idx = [i for i in body_idx if i < end]
    last = body_idx[-1] if body_idx else len(lines) - 1
    related: list[RelatedLink] = []
    author: str | None = None
    published: date | None = stamp
    removed = 0

    # Header zone: byline and date line are read, nothing is kept.
    for line in lines[:first]:
        if not line:
            continue
        removed += 1
        byline = _BYLINE_RE.match(line)
        if byline and author is None:
            author = byline.group("name").strip()
        when = parse_date_line(line)
        if when is not None:
            published = published or when
    found_title = title or (lines[title_at] if title_at is not None else None)

    # Body and footer zones.
    kept: list[str] = []
    pending_rel: str | None = None
    in_related_list = False
    for i in range(first, len(lines)):
        line = lines[i]
        if not line:
            kept.append("")
            continue
        if chrome.is_nav_label(line):
            pending_rel, in_related_list = chrome.nav_rel(line), False
            removed += 1
            continue
        if chrome.is_related_label(line):
            in_related_list, pending_rel = True, None
            removed += 1
            continue
        inline = chrome.INLINE_RELATED_RE.match(line)
        if inline and _is_title_like(inline.group("title")):
            related.append(RelatedLink(title=inline.group("title").strip(), rel="related"))
            removed += 1
            continue
        if (pending_rel or in_related_list) and _is_title_like(line) \
                and not chrome.is_chrome_line(line):
            related.append(
                RelatedLink(title=line.lstrip("-*•·0123456789. ").strip(),
                            rel=pending_rel or "related")
            )
            pending_rel = None
            removed += 1
            continue
        pending_rel, in_related_list = None, False
        if labels[i] != "body" and not _is_subheading(lines, labels, i, last) or i > last \
                or (found_title and line.lower() == found_title.lower()):
            removed += 1  # chrome, footer lines, the headline repeated
            continue
        kept.append(line)

    return CleanText(
        text=_join_paragraphs(kept),
        title=found_title,
        author=author,
        published=published,
        related=tuple(_dedupe_related(related)),
        removed_lines=removed,
    )


def _is_subheading(lines: list[str], labels: list[str | None], i: int, last: int) -> bool:
    """A short heading between two body paragraphs, with no cue of chrome in it, is the
    article's own subheading ("What the navies say"), not a widget."""
    if i >= last or not _is_heading(lines[i]) or has_chrome_cue(lines[i]) \
            or chrome.is_chrome_line(lines[i]):
        return False
    before = next((labels[j] for j in range(i - 1, -1, -1) if lines[j]), None)
    after = next((labels[j] for j in range(i + 1, len(lines)) if lines[j]), None)
    return before == "body" and after == "body"


def _pick_title(lines: list[str], probs: list[dict[str, float] | None], first: int) -> int | None:
    """The headline: the most headline-like line of the page's head (up to the first body
    line), so that a banner or a "BREAKING" line before it is passed over. Only a line of a
    headline's length that leaves out the full stop is taken."""
    head = {i: p["title"] for i in range(min(first + 1, len(lines)))
            if (p := probs[i]) is not None and _is_title_like(lines[i])}
    best = max(head, key=head.__getitem__, default=None)
    if best is None or head[best] < TITLE_MIN_P:
        return None
    return best


def _footer_start(lines: list[str], labels: list[str | None], first: int) -> int:
    """Where the article ends at the latest: a comment section's heading ("Comments (48)",
    "Join the conversation") after the body has begun. Reader comments read like prose, so
    what follows such a heading is never taken for the article."""
    for i in range(first + 1, len(lines)):
        if labels[i] != "body" and lines[i] and is_comment_heading(lines[i]):
            return i
    return len(lines)


def _join_paragraphs(lines: list[str]) -> str:
    """Blank lines end paragraphs; headings stand alone; hard-wrapped prose lines are joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = chrome.strip_inline_chrome(raw) if raw else raw
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
