"""Shapes of a name that tell its kind whatever a statistical model reads: a facility by its
head word ("Basa Air Base", "Fort Magsaysay"), a dateline city by its place in the line
("ZURICH (Reuters) -"), and marks that name no one ("X", "L").
"""

from __future__ import annotations

import functools
import re
from importlib import resources

# The city opening a news paragraph, before the agency and a dash: "ZURICH (Reuters) -",
# "KYIV, Ukraine (AP) —", "NEW DELHI: ".
_DATELINE_AFTER_RE = re.compile(
    r"^(?:,\s*[A-Z][A-Za-z .]{1,30})?\s*(?:\([A-Za-z .&/-]{1,40}\)\s*)?(?:[-–—]|:\s)"
)


@functools.cache
def _facility_heads() -> tuple[frozenset[str], frozenset[str]]:
    last: set[str] = set()
    first: set[str] = set()
    data = resources.files("wirebrief.analyze.data").joinpath("facility_heads.tsv")
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, position = line.split("\t")
        (first if position.strip() == "first" else last).add(word.strip().lower())
    return frozenset(last), frozenset(first)


def is_facility_name(surface: str) -> bool:
    """A capitalised name of two words or more whose head makes it a facility."""
    words = surface.split()
    if len(words) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    last, first = _facility_heads()
    return words[-1].lower() in last or words[0].lower() in first


def is_dateline(text: str, start: int, end: int) -> bool:
    """An upper-case name that opens its line and is followed by an agency or a dash."""
    surface = text[start:end]
    if not surface.isupper() or len(surface) < 3:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t*_"):
        return False
    return bool(_DATELINE_AFTER_RE.match(text[end : end + 60]))


# A web address or a handle ("https://t.co/x", "www.x.com", "pic.twitter.com/x", "@x").
_WEB_RE = re.compile(r"://|\bwww\.|\.(?:com|org|net|gov|co)/|^@\w")


def names_no_one(surface: str) -> bool:
    """A single character ("X", "L"), no letter at all, a web address, or a round bracket
    left open or closed ("OrinocoTribune.com)—The") is never a person's or a body's name (an
    editor's square brackets are: "[Javier] Milei")."""
    return (len(surface.strip(" .")) < 2 or not any(c.isalpha() for c in surface)
            or bool(_WEB_RE.search(surface))
            or surface.count("(") != surface.count(")"))


# What may come before a sentence's first word on its line: quotes, brackets, bullets, dashes.
_OPENING_RE = re.compile(r"(?:^|[.!?:]\s+|\n)[\s\"'“‘(\[*•–—-]*$")


def is_sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence or a line."""
    window = text[max(0, start - 40) : start]
    # "^" is the text's start only when the window reaches it
    return bool(_OPENING_RE.search(window if start <= 40 else "x" + window))


def common_word_people(text: str, people: list[tuple[int, int]],
                       other_names: list[str]) -> set[int]:
    """Indexes into `people` ((start, end) of one-word person mentions) that are an ordinary
    word capitalised by its place: it opens a sentence ("Little is known about ...", "Turnout
    was low"), the article writes it in lower case elsewhere, and no other name in the article
    holds it ("May" after "Theresa May" stays a person)."""
    held = {w for name in other_names for w in name.split()}
    out: set[int] = set()
    for k, (a, b) in enumerate(people):
        word = text[a:b]
        if (not word.isalpha() or not word[:1].isupper() or word.isupper() or word in held
                or not is_sentence_initial(text, a)):
            continue
        if re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text):
            out.add(k)
    return out
