"""Shapes of a name that tell its kind whatever a statistical model reads: a facility by its
head word ("Basa Air Base", "Fort Magsaysay"), a dateline city by its place in the line
("ZURICH (Reuters) -"), and marks that name no one ("X", "L").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources

# The city opening a news paragraph, before the agency and a dash: "ZURICH (Reuters) -",
# "KYIV, Ukraine (AP) —", "NEW DELHI: ", "TOKYO, Nov 3 (Reuters) -", "MOSCOW, Feb 24, 2025
# (BSS/AFP) -".
_DATELINE_AFTER_RE = re.compile(
    r"^(?:,\s*[A-Z][A-Za-z .]{1,30}?(?:\s+\d{1,2}(?:,\s*\d{4})?)?){0,2}\s*"
    r"(?:\([A-Za-z .&/-]{1,40}\)\s*)?(?:[-–—]|:\s)"
)


@functools.cache
def facility_words(role: str) -> frozenset[str]:
    """The facility words of one role in `data/facility_heads.tsv` (last, first, after,
    modifier: see the file's header), lower-cased."""
    out: set[str] = set()
    data = resources.files("wirebrief.analyze.data").joinpath("facility_heads.tsv")
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, roles = line.partition("\t")
        if role in {r.strip() for r in roles.split(",")}:
            out.add(word.strip().lower())
    return frozenset(out)


def _facility_heads() -> tuple[frozenset[str], frozenset[str]]:
    return facility_words("last"), facility_words("first")


def is_facility_name(surface: str) -> bool:
    """A capitalised name of two words or more whose head makes it a facility."""
    words = surface.split()
    if len(words) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    last, first = _facility_heads()
    return words[-1].lower() in last or words[0].lower() in first


# A port or base named after its town: "port of Najin", "Hodeidah port", "Ambala IAF airbase".
_PORT_OF_RE = re.compile(r"^(?:the\s+)?(?:port|harbou?r|naval\s+base|air\s+base)\s+of\s+", re.I)
_FACILITY_TAIL_RE = re.compile(
    r"(?:\s+(?:(?i:international|military|naval|air|force|army)|[A-Z]{2,5}))*"
    r"\s+(?i:port|harbou?r|base|station|airport|airbase|airfield|airstrip)$")


def facility_town(surface: str) -> str | None:
    """The town a port, base or airport is named after ("port of Najin": "Najin", "Damascus
    Airport": "Damascus", "Ambala IAF airbase": "Ambala"), or None when the name has no
    facility head to strip ("San Carlos Fortress", "12th UAV Base")."""
    name = " ".join(surface.split())
    bare = _PORT_OF_RE.sub("", name)
    if bare == name:
        last, _ = _facility_heads()
        words = name.split()
        if len(words) < 2 or words[-1].lower() not in last | {"port", "harbour", "harbor"}:
            return None
        bare = _FACILITY_TAIL_RE.sub("", name)
        if bare == name:
            bare = " ".join(words[:-1])
        while bare.split() and bare.split()[-1].isupper():  # the owner's initials
            bare = " ".join(bare.split()[:-1])
    bare = re.sub(r"^(?:the|The)\s+", "", bare)
    if len(bare) < 4 or not bare[:1].isupper() or len(bare.split()) > 2:
        return None
    return bare


_WORD_BEFORE_RE = re.compile(r"(?<![\w.'’-])([A-Z][\w'’-]*)[ \t]+$")


def capitalised_word_before(text: str, pos: int) -> str | None:
    """The capitalised word written right before `pos` on the same line ("National" before
    "Security Council"), or None; looks back a bounded 40 characters."""
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else None


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


_ZONE_SHAPE_RE = re.compile(r"(?:[A-Z][a-z]+\s+){1,3}(?:Standard|Daylight|Summer|Mean)\s+Time")


@functools.cache
def _time_zones() -> frozenset[str]:
    data = resources.files("wirebrief.analyze.data").joinpath("time_zones.txt")
    return frozenset(line.strip() for line in data.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def is_time_zone(surface: str) -> bool:
    """A time zone, listed in `data/time_zones.txt` or of the shape "Indian Standard Time"."""
    name = surface.strip(" .()")
    return name in _time_zones() or bool(_ZONE_SHAPE_RE.fullmatch(name))


def names_no_one(surface: str) -> bool:
    """A single character ("X", "L"), no letter at all, a web address, a time zone ("AEDT",
    "Indian Standard Time"), or a round bracket left open or closed ("OrinocoTribune.com)—The")
    is never a person's or a body's name (an editor's square brackets are: "[Javier] Milei")."""
    return (len(surface.strip(" .")) < 2 or not any(c.isalpha() for c in surface)
            or bool(_WEB_RE.search(surface))
            or surface.count("(") != surface.count(")")
            or is_time_zone(surface))


# A whole word, not part of a hyphenated one ("known" is not a word of "well-known").
_WORD_RE = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")


def common_word_people(text: str, people: list[tuple[int, int]], other_names: list[str],
                       opens: Callable[[int], bool]) -> set[int]:
    """Indexes into `people` ((start, end) of one-word person mentions) that are an ordinary
    word capitalised by its place: it opens a sentence ("Little is known about ...", "Turnout
    was low"), the article writes it in lower case elsewhere, and no other name in the article
    holds it ("May" after "Theresa May" stays a person). `opens(start)` tells whether the word
    at `start` opens its sentence."""
    held = {w for name in other_names for w in name.split()}
    openers = {k for k, (a, b) in enumerate(people)
               if (w := text[a:b]).isalpha() and w[:1].isupper() and not w.isupper()
               and w not in held and opens(a)}
    if not openers:
        return set()
    lower = {w for w in _WORD_RE.findall(text) if w.islower()}  # one pass over the text
    return {k for k in openers if text[people[k][0]:people[k][1]].lower() in lower}
