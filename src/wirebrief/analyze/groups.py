"""Groups of people named by identity rather than by state: religious, ethnic, political and
regional ("Shiite militias", "Kurdish fighters", "Islamist insurgents", "European allies").

The domain tagger reads them as NORP, as it reads "Russian"; a NORP that names no country
becomes a GROUP entity here. One name per group (`data/groups.tsv`: "Shia" and "Shi'ite" are
"Shiite"), so an entity page collects every spelling."""

from __future__ import annotations

import functools
from importlib import resources

from wirebrief.analyze.place_mentions import strip_article
from wirebrief.models import Entity, EntityType


@functools.cache
def _aliases() -> dict[str, str]:
    data = resources.files("wirebrief.analyze.data").joinpath("groups.tsv")
    out: dict[str, str] = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, others = line.partition("\t")
        out[name.strip()] = name.strip()
        for other in others.split(","):
            if other.strip():
                out[other.strip()] = name.strip()
    return out


def group_name(surface: str) -> str | None:
    """The group's one name, or None where the surface does not look like a group's name (not
    capitalised, a single letter, digits)."""
    name = " ".join(strip_article(surface).split())
    if len(name) < 3 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return None
    known = _aliases().get(name)
    if known:
        return known
    if name.isupper():  # "LGBTQ", an acronym: as written
        return name
    words = name.split()
    last = words[-1]
    if last.endswith("s") and not last.endswith("ss") and len(last) > 4:
        single = " ".join([*words[:-1], last[:-1]])
        return _aliases().get(single, single)
    return name


def is_group_word(surface: str) -> bool:
    """Whether the surface is a listed group's name or spelling ("Shia", "Kurds")."""
    return " ".join(strip_article(surface).split()) in _aliases()


def group_entity(surface: str, start: int, end: int) -> Entity | None:
    name = group_name(surface)
    if name is None:
        return None
    return Entity(text=surface, type=EntityType.GROUP, canonical=name, start=start, end=end,
                  source="model")
