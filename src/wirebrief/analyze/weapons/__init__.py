"""Weapon systems: a curated gazetteer plus a recogniser for designations it does not list.

`find_weapon_systems` scans the text once, token by token, against an index of every alias keyed by
its first lowercase token (a trie-like lookup, no per-alias regex), then runs two small regexes for
designations ("Su-75", "KF-21") and named systems before a head noun ("the Zircon hypersonic
missile"). Precision comes first: ambiguous aliases ("Tornado", "Apache") need a weapon word
nearby, names need a capital, and code-like strings ("COVID-19", "G-7", "Flight MH-17") never fire.
"""

from __future__ import annotations

from wirebrief.analyze.weapons.gazetteer import (
    SIPRI_CATEGORIES,
    WeaponSystem,
    load_gazetteer,
    lookup_weapon,
)
from wirebrief.analyze.weapons.scan import find_weapon_systems

__all__ = [
    "SIPRI_CATEGORIES",
    "WeaponSystem",
    "find_weapon_systems",
    "load_gazetteer",
    "lookup_weapon",
]
