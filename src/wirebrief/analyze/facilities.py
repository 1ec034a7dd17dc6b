"""Facilities named by their shape, whatever the tagger reads: a name before a facility word
("Hodeidah port", "Ambala airbase", "Skrydstrup air base", "Zaporizhzhia nuclear plant").
A port or base "of" a town ("the port of Piraeus") is left to the town: the corpus mostly spans
the town alone there, and a town's hospital likewise ("Hebron hospital"). spaCy's small model
reads the name alone as a town or a person and the word after it as nothing; the guide spans the
facility with its head word (`docs/annotation.md`, FACILITY). The words are the `after` and
`modifier` rows of `data/facility_heads.tsv`."""

from __future__ import annotations

import functools
import re

from wirebrief.analyze.countries import country_code
from wirebrief.analyze.groups import is_group_word
from wirebrief.analyze.name_shapes import facility_words
from wirebrief.analyze.place_mentions import place_entity
from wirebrief.models import Entity

_NAME = r"(?:(?:al|el|Al|El)-)?[A-Z][\w'’-]*"
_PARTICLE = r"(?:\s+(?:de|du|da|del|la|le|van|von|bin|ibn))?"  # "Charles de Gaulle airport"
_POSSESSIVE_RE = re.compile(r"^.*(?:['’]s|s['’])\s+")
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")
# Capitalised words that open a phrase without naming anything ("The port", "Its base").
_NOT_NAMES = frozenset(
    "The A An This That These Those Its Their His Her Our Your My Main Key New Old Major "
    "Another Every Each One Two Three Navy Naval Army Air Military Border Government State "
    "Federal National Local Regional Nearby Northern Southern Eastern Western North South East "
    "West Central Inner Outer Secret Forward Home Large Small Big".split())


@functools.cache
def _words() -> tuple[tuple[str, ...], frozenset[str]]:
    """(facility words written after a name, longest first; words after one that make it a
    modifier), from the one table of facility words."""
    return (tuple(sorted(facility_words("after"), key=len, reverse=True)),
            facility_words("modifier"))


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a facility word, the name written right before it). The word is found first and the
    name read backwards from it inside a bounded window, so text without a facility word costs
    one scan."""
    heads = "|".join(r"\s+".join(map(re.escape, h.split())) for h in _words()[0])
    head = re.compile(rf"(?<![\w-])(?i:{heads})(?![\w-])")
    name = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME}(?:{_PARTICLE}\s+{_NAME}){{0,2}})"
                      rf"(?:\s+[A-Z]{{2,5}})?\s+$")
    return head, name


_WINDOW = 80
# Words that open a phrase before a name ("At Hodeidah port", "Near Ambala airbase").
_OPENERS = frozenset(
    "The A An At In Near From To On Of For By With Into Outside Inside Around Across Towards "
    "Toward Via And But Or As While When After Before Since Off".split())


def _names_something(name: str) -> bool:
    words = name.split()
    if words[0] in _NOT_NAMES or name.isupper() or re.search(r"\w-[a-z]", name):
        return False  # "The port", "NATO base", "US-run base"
    # "Russian base", "US Navy base", "the Chinese port", "Shiite shrine": a country or a group
    return not (country_code(name) or country_code(words[0]) or country_code(words[-1])
                or is_group_word(name))


def facility_mentions(text: str) -> list[Entity]:
    """Facilities found by shape, as places of subtype "facility" (geocoded by their town where
    the gazetteer knows it)."""
    head_re, name_re = _patterns()
    modifiers = _words()[1]
    out: list[Entity] = []
    for h in head_re.finditer(text):
        nxt = _NEXT_WORD_RE.match(text, h.end())
        if nxt and nxt.group(1).lower() in modifiers:
            continue  # "Tampico port authorities": people, not the port
        lo = max(0, h.start() - _WINDOW)
        m = name_re.search(text, lo, h.start())
        if m is None:
            continue
        name, start = m.group("name"), m.start("name")
        owner = _POSSESSIVE_RE.search(name)  # "Yemen's Hodeidah port": the port is the name
        if owner:
            name, start = name[owner.end():], start + owner.end()
        words = name.split()
        while words and words[0] in _OPENERS:  # "At Hodeidah port": the name is "Hodeidah"
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start
            words.pop(0)
        name = " ".join(words)
        if name and _names_something(name):
            out.append(place_entity(text, text[start:h.end()], start, h.end(), "facility"))
    return out
