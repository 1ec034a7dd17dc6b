"""Named ships the gazetteer does not list, by their prefix: "MV Abdullah", "INS Chennai",
"HMS Diamond (D34)" (the prefixes and the navies they name are in `data/ship_prefixes.tsv`),
or by the kind of ship written before the name: "the destroyer Kaga", "the supply ship Masyu"
(the kinds are in `data/ship_kinds.txt`)."""

from __future__ import annotations

import functools
import re
from importlib import resources

from wirebrief.analyze.countries import country_code
from wirebrief.analyze.weapons.gazetteer import DASHES
from wirebrief.analyze.weapons.patterns import weapon_entity
from wirebrief.models import Entity

__all__ = ["find_prefixed_ships", "find_typed_ships", "ship_prefixes"]

_WORD = r"[A-Z][A-Za-z'’.-]*[A-Za-z]"
# Capitalised words that end a ship's name rather than continue it.
_NOT_NAME = frozenset(
    "The A An In On At Of And Or But Is Was Monday Tuesday Wednesday Thursday Friday Saturday "
    "Sunday January February March April May June July August September October November "
    "December".split()
)


@functools.cache
def _prefixes() -> dict[str, str | None]:
    data = resources.files("wirebrief.analyze").joinpath("data").joinpath("ship_prefixes.tsv")
    out: dict[str, str | None] = {}
    for line in data.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            prefix, country = line.split("\t")
            out[prefix.strip()] = None if country.strip() in ("", "-") else country.strip()
    return out


def ship_prefixes() -> frozenset[str]:
    """The ship prefixes `data/ship_prefixes.tsv` lists ("INS", "HMS", "MV")."""
    return frozenset(_prefixes())


@functools.cache
def _ship_re() -> re.Pattern[str]:
    alt = "|".join(re.escape(p) for p in sorted(_prefixes(), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w/.-])(?P<prefix>{alt})\s(?P<name>{_WORD}(?:\s{_WORD}){{0,2}})"
        r"(?P<hull>\s\((?:[A-Z]{1,4}[- ]?)?\d{1,4}\))?(?![\w-])"
    )


def find_prefixed_ships(text: str, taken: list[tuple[int, int]]) -> list[Entity]:
    """Prefixed ship names in `text` that overlap none of the `taken` spans."""
    out: list[Entity] = []
    for m in _ship_re().finditer(text):
        words = m.group("name").split()
        keep = 0
        while keep < len(words) and words[keep] not in _NOT_NAME:
            keep += 1
        if keep == 0:
            continue
        name = " ".join(words[:keep])
        end = m.start("name") + len(name)
        if keep == len(words) and m.group("hull"):
            end = m.end("hull")
        start = m.start()
        if any(start < e and s < end for s, e in taken):
            continue
        canonical = f"{m.group('prefix')} {name}".translate(DASHES)
        out.append(weapon_entity(text, start, end, canonical, None, "vessel",
                                 _prefixes()[m.group("prefix")], "pattern"))
    return out


@functools.cache
def _kinds_re() -> re.Pattern[str]:
    data = resources.files("wirebrief.analyze").joinpath("data").joinpath("ship_kinds.txt")
    kinds = [line.strip() for line in data.read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    alt = "|".join(re.escape(k).replace(r"\ ", r"[ -]")
                   for k in sorted(kinds, key=len, reverse=True))
    # the kind in lower case (a capitalised kind starts a title or a class name), one space,
    # then the name (or a comma and the name in quotes); a hull number in brackets may follow
    return re.compile(
        rf"(?<![\w-])(?:{alt})(?:,?\s[\"“]|\s)(?P<name>{_WORD}(?:\s{_WORD}){{0,2}})"
        r"(?P<hull>\s\((?:[A-Z]{1,4}[- ]?)?\d{1,4}\))?(?![\w-])"
    )


def find_typed_ships(text: str, taken: list[tuple[int, int]]) -> list[Entity]:
    """Ships named after their kind ("the frigate Admiral Gorshkov") that overlap none of the
    `taken` spans. A name that is a country or its people ("a warship Chinese officials
    tracked") is not a ship's."""
    out: list[Entity] = []
    for m in _kinds_re().finditer(text):
        words = m.group("name").split()
        keep = 0
        while keep < len(words) and words[keep] not in _NOT_NAME:
            keep += 1
        if keep == 0 or country_code(words[0]) is not None:
            continue
        name = " ".join(words[:keep])
        start = m.start("name")
        end = start + len(name)
        if keep == len(words) and m.group("hull"):
            end = m.end("hull")
        if any(start < e and s < end for s, e in taken):
            continue
        out.append(weapon_entity(text, start, end, name.translate(DASHES), None, "vessel", None,
                                 "pattern"))
    return out
