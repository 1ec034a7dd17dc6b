"""SIPRI-style arms transfer records derived from AID and AGREE events that name weapon systems."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from wirebrief.models import ArmsTransfer, Entity, EntityType, Event

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "dozen": 12,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
_QTY = r"(\d[\d,]*+|" + "|".join(_NUMBER_WORDS) + r")"
# "12 launchers", "two Patriot batteries", "a dozen F-16s": a number shortly before a noun.
_QTY_RE = re.compile(
    # Not after a comma either: a search from inside "1,1,1,..." would rescan it to the end.
    r"(?<![\w,-])" + _QTY + r"\s+(?:more\s+|additional\s+|new\s+)?(?:[\w-]+\s+){0,3}?"
    r"(launchers?|systems?|batteries|battery|units?|aircraft|jets?|tanks?|"
    r"missiles?|drones?|vehicles?|helicopters?|howitzers?|ships?|vessels?|"
    r"complex(?:es)?|rockets?|[A-Z][\w-]*s)\b",
    re.I,
)
_ORDERED = re.compile(r"\b(order|ordered|contract|purchase|bought|buy|deal|signed|agreed)\b", re.I)
_DELIVERED = re.compile(
    r"\b(deliver\w*|receiv\w*|arriv\w*|handed|supplied|transferred|"
    r"sent|shipped|provided|given|donated)\b",
    re.I,
)


def _quantity(sentence: str, designation: str) -> int | None:
    best: tuple[int, int] | None = None
    pos = sentence.find(designation)
    for m in _QTY_RE.finditer(sentence):
        raw = m.group(1).lower().replace(",", "")
        value = _NUMBER_WORDS.get(raw) if not raw.isdigit() else int(raw)
        if value is None or (raw.isdigit() and 1900 <= value <= 2100):
            continue  # a year, not a count
        dist = abs(m.start() - pos) if pos >= 0 else m.start()
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None


def derive_transfers(
    events: list[Event], entities: list[Entity], published: date | None = None
) -> list[ArmsTransfer]:
    """One record per (event, weapon system) where an AID or AGREE event names a weapon.

    Status: future aux or an ordering verb -> planned/ordered; a delivery verb -> delivered.
    Category: the weapon entity's subtype (SIPRI category). Year: the event date's year when
    resolved, else the publication year.
    """
    weapons = {e.canonical: e for e in entities if e.type == EntityType.WEAPON_SYSTEM}
    # Variant names ("Su-30SM2") reach the same entity as their family ("Su-30").
    weapons.update({e.variant: e for e in entities
                    if e.type == EntityType.WEAPON_SYSTEM and e.variant})
    out: list[ArmsTransfer] = []
    seen: set[tuple[str | None, str | None, str]] = set()
    for ev in events:
        if ev.type not in {"AID", "AGREE"} or not ev.weapon_systems:
            continue
        if ev.aux in {"negation", "hypothetical"}:
            continue
        supplier = ev.actor.country if ev.actor else None
        recipient = ev.recipient.country if ev.recipient else None
        sentence = ev.evidence.sentence
        status: Literal["ordered", "delivered", "planned"]
        if ev.aux == "future":
            status = "planned"
        elif _ORDERED.search(sentence) and not _DELIVERED.search(sentence):
            status = "ordered"
        elif ev.type == "AGREE":
            status = "ordered" if _ORDERED.search(sentence) else "planned"
        else:
            status = "delivered"
        year = None
        if ev.date and ev.date.value[:4].isdigit():
            year = int(ev.date.value[:4])
        elif published is not None:
            year = published.year
        for name in ev.weapon_systems:
            key = (supplier, recipient, name)
            if key in seen:
                continue
            seen.add(key)
            ent = weapons.get(name)
            surface = ent.text if ent is not None else name
            out.append(
                ArmsTransfer(
                    supplier=supplier or (ent.country if ent is not None else None),
                    recipient=recipient,
                    designation=name,
                    category=_category(ent),
                    quantity=_quantity(sentence, surface),
                    status=status,
                    year=year,
                    evidence=ev.evidence,
                )
            )
    return out


def _category(ent: Entity | None) -> str | None:
    """The SIPRI category of a weapon mention: a named ship (subtype "vessel") is in "ships"."""
    if ent is None:
        return None
    return "ships" if ent.subtype == "vessel" else ent.subtype
