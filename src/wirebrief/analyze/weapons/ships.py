"""Named ships the gazetteer does not list, by their prefix: "MV Abdullah", "INS Chennai",
"HMS Diamond (D34)". The prefixes and the navies they name are in `data/ship_prefixes.tsv`."""

from __future__ import annotations

import functools
import re
from importlib import resources

from wirebrief.analyze.weapons.gazetteer import DASHES
from wirebrief.analyze.weapons.patterns import weapon_entity
from wirebrief.models import Entity

__all__ = ["find_prefixed_ships", "ship_prefixes"]

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
