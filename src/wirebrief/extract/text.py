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
from datetime import date

from wirebrief.extract import chrome
from wirebrief.models import RelatedLink

TEXT_CLEANER_NAME = "extract.text.v1"

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


_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END_RE = re.compile(
    r"(?<=[\w)\]\"'”’%])[.!?…][\"'”’)\]]*(?=\s|$)|[。！？][」』”）]*"
)
_LAST_WORD_RE = re.compile(r"(\w+)\W*$")
# Closed-class words: every English sentence of four words or more has one; a table row, a list
# of results or a line-up has none.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but that this these those which who was "
    "were is are be been has have had will would could should may might can not it its his her "
    "their they he she we as into after before over than".split()
)


def has_prose(text: str) -> bool:
    """True when the text holds at least one sentence of prose.

    A sentence here is four or more words, two of them or more in lower case, one of them a
    function word ("the", "was", "in" ...) or half of them in lower case (other languages),
    that end as a sentence ends; in a script without case, fifteen letters that end so. So a one-line bulletin
    is prose; a price table, a list of results, a line that introduces a table ("... provided
    by the exchange:"), a headline or an all-capitals flash is not.
    """
    for line in text.split("\n"):
        start = 0
        for end in _SENTENCE_END_RE.finditer(line):
            if not _ends_sentence(line, end.start(), end.end()):
                continue
            words = _LETTER_WORD_RE.findall(line[start : end.start()])
            start = end.end()
            lower = [w for w in words if w[0].islower()]
            cased = [w for w in words if w[0].islower() or w[0].isupper()]
            if len(words) >= 4 and len(lower) >= 2 and (
                not _FUNCTION_WORDS.isdisjoint(lower) or len(lower) * 2 >= len(words)
            ):
                return True
            if not cased and sum(len(w) for w in words) >= 15:  # scripts without case
                return True
    return False


def _ends_sentence(line: str, stop: int, after: int) -> bool:
    """Whether the full stop at `stop` ends a sentence: not before a number ("Nov. 29"), not
    after an initial ("M. van Wyk"), not after a short capitalised word before lower case
    ("NE. coal mine")."""
    following = line[after:].lstrip()[:1]
    if following.isdigit():
        return False
    last = _LAST_WORD_RE.search(line[:stop])
    word = last.group(1) if last else ""
    if len(word) == 1 and word.isupper():
        return False
    return not (following.islower() and word[:1].isupper() and len(word) <= 3)


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


def clean_page_text(raw: str, *, title: str | None = None) -> CleanText:
    """Clean a plain-text page copy into article text, headline, date line and related links.

    The page is read in three zones: the header (lines before the first prose line: site
    name, section labels, headline, byline, date line), the body, and the footer (after the
    last prose line: navigation and related lists). Header and footer lines never reach the
    text; body lines are dropped only when they are chrome.
    """
    lines = [line.strip() for line in normalise_text(raw).split("\n")]
    prose_idx = _prose_lines(lines)
    first = prose_idx[0] if prose_idx else len(lines)
    last = prose_idx[-1] if prose_idx else len(lines) - 1
    related: list[RelatedLink] = []
    author: str | None = None
    published: date | None = None
    removed = 0

    # Header zone.
    candidates: list[str] = []
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
            continue
        if byline or chrome.is_chrome_line(line) or chrome.is_nav_label(line):
            continue
        if _is_title_like(line) and len(line.split()) >= 3 and not re.search(r"\s[|›»]\s", line):
            candidates.append(line)
    found_title = title or (max(candidates, key=len) if candidates else None)

    # Body and footer zones.
    kept: list[str] = []
    pending_rel: str | None = None
    in_related_list = False
    for i in range(first, len(lines)):
        line = lines[i]
        in_footer = i > last
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
        if chrome.is_chrome_line(line):
            removed += 1
            continue
        if (pending_rel or in_related_list) and _is_title_like(line):
            related.append(
                RelatedLink(title=line.lstrip("-*•· ").strip(), rel=pending_rel or "related")
            )
            pending_rel = None
            removed += 1
            continue
        pending_rel, in_related_list = None, False
        if in_footer or (found_title and line.lower() == found_title.lower()):
            removed += 1  # unlabelled footer lines: site notices, widgets
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
