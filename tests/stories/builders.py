"""Builders for small stores of hand-written briefings (no language model needed)."""

from __future__ import annotations

import hashlib
from datetime import date

from wirebrief.models import (
    Actor,
    Briefing,
    Entity,
    EntityType,
    Event,
    EventDate,
    Evidence,
    Granularity,
    SummarySentence,
)

COUNTRIES = {"Belarus": "BLR", "Russia": "RUS", "Poland": "POL", "Ukraine": "UKR",
             "Belarusian": "BLR", "Russian": "RUS", "Lithuania": "LTU"}
WEAPONS = {"Iskander-M": "RUS", "Su-30SM2": "RUS", "Patriot": "USA"}
PEOPLE = ("Pavel Ostrovsky", "Viktor Arkhipov", "Olga Denisova", "Tomasz Nowak")


def _entities(text: str) -> list[Entity]:
    out: list[Entity] = []
    for table, type_ in ((COUNTRIES, EntityType.COUNTRY), (WEAPONS, EntityType.WEAPON_SYSTEM)):
        for name, iso in table.items():
            start = text.find(name)
            while start >= 0:
                canonical = name if type_ is EntityType.WEAPON_SYSTEM else {
                    "BLR": "Belarus", "RUS": "Russia"}.get(iso, name)
                out.append(Entity(text=name, type=type_, canonical=canonical, start=start,
                                  end=start + len(name), country=iso, source="gazetteer"))
                start = text.find(name, start + 1)
    for person in PEOPLE:
        start = text.find(person)
        if start >= 0:
            out.append(Entity(text=person, type=EntityType.PERSON, canonical=person,
                              start=start, end=start + len(person), role="defence minister"))
    return out


def event(text: str, sentence: str, type_: str, actor: str, recipient: str | None,
          when: str, weapons: list[str] | None = None, aux: str | None = None) -> Event:
    start = text.index(sentence)
    gran = Granularity.DAY if len(when) == 10 else Granularity.MONTH
    return Event(type=type_, actor=Actor(text=actor, country=COUNTRIES.get(actor)),
                 recipient=Actor(text=recipient, country=COUNTRIES.get(recipient))
                 if recipient else None,
                 weapon_systems=weapons or [], aux=aux,  # type: ignore[arg-type]
                 date=EventDate(value=when, granularity=gran, date_type="exact"),
                 evidence=Evidence(sentence=sentence, start=start, end=start + len(sentence)),
                 confidence=0.8)


def make(ext: str, title: str, text: str, published: str, source: str,
         events: list[tuple[str, str, str, str | None, str, list[str] | None, str | None]]
         | None = None) -> Briefing:
    """A briefing with gazetteer entities found in the text and the given events."""
    first = text.split(". ")[0].rstrip(".") + "."
    evs = [event(text, *e) for e in (events or [])]
    return Briefing(
        id=hashlib.sha256(text.encode()).hexdigest()[:16], external_id=ext, title=title,
        published=date.fromisoformat(published), source=source, url=f"https://{ext}.test/a",
        text=text, summary=[SummarySentence(text=first, start=0, end=len(first))],
        entities=_entities(text), events=evs)
