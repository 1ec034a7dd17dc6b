"""Weapon systems written as hashtags: "#BayraktarTB2", "#Su35". The guide spans the
name without its "#"; the words run together are split where a capital or a number starts a new
word ("BayraktarTB2" -> "Bayraktar TB2") and looked up in the gazetteer. A one-word hashtag is
read only as a designation or an acronym the gazetteer lists ("#Patriots" is a team as often)."""

from __future__ import annotations

import re

from wirebrief.analyze.weapons.gazetteer import lookup_weapon
from wirebrief.analyze.weapons.patterns import weapon_entity
from wirebrief.models import Entity

__all__ = ["find_hashtag_weapons"]

_HASHTAG_RE = re.compile(r"(?<![\w#])#(?P<body>[A-Za-z][A-Za-z0-9_-]{1,40})(?![\w-])")
# Where a new word starts inside a run-together hashtag: a capital after a small letter, a
# number after a letter (not after a capital run that belongs to it: "TB2", "Su35" split too).
_SPLIT_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[a-z]{3})(?=\d)")
_CODE_RE = re.compile(r"^[A-Za-z]\d+$")


def _readings(body: str) -> list[str]:
    """The hashtag's body as the gazetteer might list it, most literal first."""
    parts = [p for p in _SPLIT_RE.split(body.replace("_", " ")) if p]
    spaced = " ".join(parts)
    out = [body, spaced]
    if len(parts) > 1 and parts[-1][:1].isdigit():
        out.append("-".join(parts))  # "Su35" -> "Su-35"
    return out


def find_hashtag_weapons(text: str, taken: list[tuple[int, int]]) -> list[Entity]:
    """Hashtags that name a gazetteer system, spanned without the "#", outside `taken`."""
    out: list[Entity] = []
    for m in _HASHTAG_RE.finditer(text):
        start, end = m.span("body")
        if any(start < e and s < end for s, e in taken):
            continue
        body = m.group("body")
        one_word = body.isalpha() and not body.isupper() and not re.search(r"[a-z][A-Z]", body)
        if one_word or _CODE_RE.match(body):
            continue  # "#Patriots"; "#B2", "#A10" are as often other codes, as the scan reads
        for reading in _readings(body):
            system = lookup_weapon(reading)
            if system is not None:
                out.append(weapon_entity(text, start, end, system.name, system, None, None,
                                         "gazetteer"))
                break
    return out
