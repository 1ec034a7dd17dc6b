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


def names_no_one(surface: str) -> bool:
    """A single character ("X", "L") or no letter at all is never a person's name."""
    return len(surface.strip(" .")) < 2 or not any(c.isalpha() for c in surface)
