"""Rule-based sentence splitting for news text (pure regex, no model).

`split_sentences` returns character spans into the text it is given, whitespace-stripped, in
order, so callers can quote sentences verbatim and point back into the article.

Rules, in the order they apply:
1. A blank line always ends a sentence.
2. A single newline ends a sentence unless the block looks hard-wrapped (several long lines of
   similar width); in a hard-wrapped block only a short line (a heading, a byline) ends one.
3. Inside a line, `.`, `!`, `?`, an ellipsis (optionally followed by closing quotes or brackets)
   followed by whitespace and a capital, a digit or an opening quote ends a sentence, unless the
   word before the full stop is an abbreviation: titles ("Lt. Gen.", "Mr.") never end one; "No."
   and month abbreviations do not before a number; dotted acronyms and initials ("U.S.", "a.m.",
   "J.") only end one when the next word is one that usually opens a sentence ("The", "He").
4. Sentences joined with no space ("said.The talks") are split when a word of 2+ letters ending
   in lowercase is followed by the full stop and a capitalised word; "U.S.Navy" is left alone.
"""

from __future__ import annotations

import re
from statistics import median

__all__ = ["split_sentences", "SPLITTER_NAME"]

SPLITTER_NAME = "sentences.regex.v1"


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Titles and ranks: a full stop after these never ends a sentence.
_TITLES = _wordset(
    """mr mrs ms messrs dr prof gen gens lt col maj capt cpt sgt adm cmdr cdr brig cpl pvt spc
    rep reps sen sens gov pres rev hon st mt ft supt insp det sup amb msgr fr
    ret"""
)
# Abbreviations that precede a number: "No. 5", "Jan. 5", "Art. 5", "Vol. 2".
_NUMBER_ABBREVS = _wordset(
    "no nos art arts vol vols pp fig figs ch sec jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTHS = _wordset("jan feb mar apr jun jul aug sep sept oct nov dec")
# Abbreviations that may end a sentence; split after them only before a typical opener.
_AMBIGUOUS = _wordset("jr sr inc co corp ltd plc bros etc vs approx est dept univ assn")
_NEVER = _wordset("vs v cf eg ie approx viz al")

# Words that usually start a sentence when capitalised; used after "U.S." and similar.
_OPENERS = _wordset(
    """the a an he she it they we i you this that these those there here but and or so yet
    in on at for if when while as after before since during his her its their our my your
    some many most several all both each no not one two three four five six seven eight nine
    ten however meanwhile also still then thus what who where why how mr mrs ms dr officials
    police president earlier later last on according despite although though because"""
)

_TERMINALS = ".!?\u2026\u3002\uff01\uff1f"
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_OPENERS_PUNCT = "\"'\u201c\u2018\u00ab(["

# A sentence end inside a line: terminal punctuation, optional closers, whitespace, and a start.
_BOUNDARY = re.compile(
    r"(?:\.{3}|[.!?\u2026\u3002\uff01\uff1f]+)"
    r"[\"'\u201d\u2019\u00bb)\]]*"
    r"(?P<ws>\s+)"
    r"(?=[\"'\u201c\u2018\u00ab(\[]*(?:\.\.\.|\u2026)?\s?[^\W_])"
)
# Two sentences glued together without a space: "said.The talks".
_GLUED = re.compile(r"(?<![A-Za-z.])[A-Za-z]*[a-z]{2}[.!?][\"'\u201d\u2019)]?(?=[A-Z][a-z])")
# CJK full stops need no following space.
_CJK_END = re.compile(r"[\u3002\uff01\uff1f][\"'\u201d\u2019\u300d\u300f)]*(?=\S)")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_WORD_AFTER = re.compile(r"[\"'\u201c\u2018\u00ab(\[]*([^\W_][\w'\u2019-]*)")
_HAS_WORD = re.compile(r"[^\W_]")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINALS


def _is_abbreviation_stop(before: str, after: str) -> bool:
    """True when the full stop at the end of `before` belongs to an abbreviation."""
    m = _TOKEN_BEFORE.search(before)
    if not m:
        return False
    token = m.group(1).lstrip(_OPENERS_PUNCT)
    if not token.endswith("."):
        return False
    if token.endswith("..."):
        return False
    word = token[:-1]
    low = word.lower()
    nxt_m = _WORD_AFTER.match(after)
    nxt = nxt_m.group(1) if nxt_m else ""
    next_is_opener = nxt.lower() in _OPENERS and nxt[:1].isupper()
    if low in _TITLES and "." not in word:
        return True
    if low in _NEVER:
        return True
    if low in _NUMBER_ABBREVS and word[:1].isupper() and nxt[:1].isdigit():
        return True
    if low in _MONTHS and word[:1].isupper():
        return not next_is_opener
    if low in _AMBIGUOUS:
        return not next_is_opener
    if _DOTTED.match(token):
        # "U.S.", "a.m.", "J.": a sentence ends here only before a typical opener.
        return not next_is_opener
    return False


def _split_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """Split text[start:end] (one logical line or block) into sentences appended to `out`."""
    cuts: list[int] = []
    segment = text[start:end]
    for m in _BOUNDARY.finditer(segment):
        ws_start = m.start("ws")
        lone_stop = segment[m.start()] == "." and m.end() - m.start() - len(m.group("ws")) == 1
        # Bounded look-around windows keep the split linear in the length of the text.
        before = segment[max(0, ws_start - 40) : ws_start]
        if lone_stop and _is_abbreviation_stop(before, segment[m.end() : m.end() + 40]):
            continue
        nxt = segment[m.end() : m.end() + 1]
        if nxt.isalpha() and nxt.islower():
            continue
        cuts.append(ws_start)
    for m in _GLUED.finditer(segment):
        token = m.group(0).rstrip(_CLOSERS)[:-1].lower()
        if token in _TITLES or token in _NEVER or token in _NUMBER_ABBREVS:
            continue
        # Skip e-mail addresses and URLs.
        left = segment[max(0, m.start() - 80) : m.start()].rsplit(None, 1)
        if left and ("@" in left[-1] or "/" in left[-1]) and not segment[m.start() - 1].isspace():
            continue
        cuts.append(m.end())
    for m in _CJK_END.finditer(segment):
        cuts.append(m.end())
    prev = 0
    for cut in sorted(set(cuts)):
        if not _HAS_WORD.search(segment, prev, cut):
            continue  # a piece of bare punctuation ('"...') joins the next sentence
        _emit(text, start + prev, start + cut, out)
        prev = cut
    _emit(text, start + prev, end, out)


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A block is hard-wrapped when most of its lines are long, similar and under ~100 chars."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()][:-1]
    if len(lengths) < 3:
        return False  # too few lines to tell wrapping from short paragraphs
    width = median(lengths)
    if width < 50 or max(lengths) > 110:  # one paragraph per line is not wrapping
        return False
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return near >= 0.7 * len(lengths)


def _split_block(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    block = text[start:end]
    if "\n" not in block:
        _split_line(text, start, end, out)
        return
    # Line spans within the block.
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in block.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    lines = [block[a:b] for a, b in spans]
    wrapped = _is_hard_wrapped(lines)
    width = median(len(x.rstrip()) for x in lines if x.strip()) if wrapped else 0.0
    unit_start = 0
    for idx, (_a, b) in enumerate(spans[:-1]):
        line = lines[idx]
        if not line.strip():
            continue
        # Inside wrapped prose a newline is a space, except after a short line.
        if not wrapped or len(line.rstrip()) < 0.6 * width:
            _split_line(text, start + unit_start, start + b, out)
            unit_start = b + 1
    _split_line(text, start + unit_start, end, out)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences; return (start, end) spans, stripped, in order.

    Every span satisfies `text[start:end] == text[start:end].strip()` and is non-empty; spans
    never overlap. Linear in the length of the text.
    """
    out: list[tuple[int, int]] = []
    if not text or text.isspace():
        return out
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        _split_block(text, pos, m.start(), out)
        pos = m.end()
    _split_block(text, pos, len(text), out)
    return out
