"""Weapon mentions spanned as the annotation guide spans them (`docs/annotation.md`): the name
without a plural ending ("F-16s" names the F-16), and a designation with the name written right
after it as one mention ("F-35A Lightning II", "Predator MQ9B")."""

from __future__ import annotations

from wirebrief.analyze.countries import country_code
from wirebrief.analyze.weapons.gazetteer import lookup_weapon
from wirebrief.models import Entity, EntityType


def _plural_stem(surface: str, canonical: str) -> str | None:
    """The name without its plural "s", or None when the mention is not a plural of a name."""
    if len(surface) < 3 or not surface.endswith("s") or surface.isupper():
        return None
    stem = surface[:-1]
    if stem[-1].isdigit() or stem[-1].isupper():  # "F-16s", "TB2s", "MKIs"; not "HIMARS"
        return stem
    low, canon = stem.lower(), canonical.lower()
    if canon and (low == canon or canon.endswith(" " + low) or low.endswith(" " + canon)):
        return stem  # "Rafales" of the Rafale
    if " " not in stem and lookup_weapon(stem) is not None:
        return stem  # the tagger's "Rafales": the gazetteer names the one-word Rafale
    last = low.split()[-1]
    if len(last) > 2 and " " in low and canon.split()[-1:] == [last]:
        return stem  # "A-29 Super Tucanos" of the EMB 314 Super Tucano
    return None


def _joined(text: str, a: Entity, b: Entity) -> bool:
    gap = text[a.end:b.start]
    if a.source == "model" and country_code(a.text):
        return False  # the tagger's "U.S." before "F-16" is the country, not a designation
    return gap == " " and (b.text[:1].isupper() or b.text[:1].isdigit())


def tidy_weapon_mentions(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` (sorted by offset, non-overlapping) with weapon mentions joined and
    de-pluralised; other entities are left as they are."""
    out: list[Entity] = []
    for e in entities:
        prev = out[-1] if out else None
        if (e.type is EntityType.WEAPON_SYSTEM and prev is not None
                and prev.type is EntityType.WEAPON_SYSTEM and _joined(text, prev, e)):
            out[-1] = prev.model_copy(update={
                "text": text[prev.start:e.end], "end": e.end,
                "country": prev.country or e.country, "variant": prev.variant or e.variant})
            continue
        out.append(e)
    tidy: list[Entity] = []
    for e in out:
        stem = _plural_stem(e.text, e.canonical) if e.type is EntityType.WEAPON_SYSTEM else None
        if stem is not None:
            e = e.model_copy(update={"text": stem, "end": e.start + len(stem)})
        tidy.append(e)
    return tidy
