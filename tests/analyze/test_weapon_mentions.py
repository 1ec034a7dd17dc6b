"""Weapon mentions spanned as the annotation guide spans them."""

from __future__ import annotations

from wirebrief.analyze.weapons.mentions import tidy_weapon_mentions
from wirebrief.models import Entity, EntityType


def _w(text: str, surface: str, canonical: str | None = None, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(text=surface, type=EntityType.WEAPON_SYSTEM, canonical=canonical or surface,
                  start=start, end=start + len(surface))


def test_plural_endings_are_not_part_of_the_name() -> None:
    text = "Poland ordered F-16s, TB2s, Rafales and HIMARS; NASAMS too."
    ents = [_w(text, "F-16s", "F-16"), _w(text, "TB2s", "Bayraktar TB2"),
            _w(text, "Rafales", "Rafale"), _w(text, "HIMARS"), _w(text, "NASAMS")]
    out = tidy_weapon_mentions(text, ents)
    assert [e.text for e in out] == ["F-16", "TB2", "Rafale", "HIMARS", "NASAMS"]
    assert all(text[e.start:e.end] == e.text for e in out)


def test_a_designation_and_its_name_are_one_mention() -> None:
    text = "The F-35A Lightning II and the F-16, Su-27 flew."
    ents = [_w(text, "F-35A", "F-35"), _w(text, "Lightning II", "F-35"), _w(text, "F-16"),
            _w(text, "Su-27")]
    out = tidy_weapon_mentions(text, ents)
    assert [e.text for e in out] == ["F-35A Lightning II", "F-16", "Su-27"]
    assert out[0].canonical == "F-35"


def test_other_entities_are_left_alone() -> None:
    text = "Lockheed Martins said"
    org = Entity(text="Lockheed Martins", type=EntityType.ORGANIZATION,
                 canonical="Lockheed Martin", start=0, end=16)
    assert tidy_weapon_mentions(text, [org]) == [org]
