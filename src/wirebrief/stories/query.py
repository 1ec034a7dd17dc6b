"""Resolve what a user types (--entity, --with) to stored entities, and load matching events.

"Belarus", "belarus", "BLR" and "Belarusian" all mean the country BLR; "iskander-m" means the
weapon system stored as "Iskander-M"; a person or organisation is matched on its canonical
name, then on any of its mentions, then on a unique substring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wirebrief.analyze.countries import country_code, country_name
from wirebrief.errors import InputError, NotFoundError
from wirebrief.models import Event
from wirebrief.store.db import Store
from wirebrief.store.entities import (
    articles_mentioning,
    entity_containing,
    entity_named,
    mention_starts,
)
from wirebrief.store.events import events_of
from wirebrief.store.read_models import StoredEntity
from wirebrief.stories.merge import EventRecord, event_when, interval


@dataclass(frozen=True)
class EntityMatch:
    type: str  # EntityType value
    key: str  # ISO3 for countries, canonical name otherwise
    name: str

    @property
    def label(self) -> str:
        return self.name


def _country(iso: str) -> EntityMatch:
    return EntityMatch("COUNTRY", iso, country_name(iso) or iso)


def resolve_entity(store: Store, query: str) -> EntityMatch:
    """The stored entity a user means; NotFoundError when nothing matches."""
    q = " ".join(query.split())
    if not q:
        raise InputError("an entity name is required", reason="bad_entity")
    if len(q) == 3 and q.isalpha() and country_name(q.upper()):
        return _country(q.upper())
    for column in ("canonical", "text"):
        found = entity_named(store, q, column)
        if found is not None:
            return _match(found)
    iso = country_code(q) or country_code(q.title())
    if iso:
        return _country(iso)
    found = entity_containing(store, q)
    if found is not None:
        return _match(found)
    raise NotFoundError(f"no entity matching {query!r} in the store", reason="not_found")


def _match(found: StoredEntity) -> EntityMatch:
    if found.type == "COUNTRY" and found.country:
        return _country(found.country)
    return EntityMatch(found.type, found.canonical, found.canonical)


def articles_with(store: Store, match: EntityMatch) -> set[str]:
    return articles_mentioning(store, match.type, match.key)


def involves(event: Event, match: EntityMatch, mentions: list[int]) -> bool:
    """The entity takes part in the event: a country (or one of its state actors) as actor or
    recipient, a weapon system as the weapon used or sent; a person or organisation as the
    actor or recipient named, or named in the event's own sentence. A country merely mentioned
    beside someone else's event is not part of it."""
    parties = [a for a in (event.actor, event.recipient) if a]
    if match.type == "COUNTRY":
        return match.key in {a.country for a in parties}
    if match.type == "WEAPON_SYSTEM":
        return match.key in event.weapon_systems or match.key in event.weapon_families
    name = match.key.lower()
    if any(name in a.text.lower() for a in parties):
        return True
    ev = event.evidence
    return any(ev.start <= s < ev.end for s in mentions)


def load_events(store: Store, *, entities: list[EntityMatch] | None = None,
                types: list[str] | None = None, since: date | None = None,
                article_ids: set[str] | None = None, limit: int = 20000) -> list[EventRecord]:
    """Coded events involving every given entity, of the given types, dated from `since`."""
    entities = entities or []
    scope = article_ids
    for match in entities:
        found = articles_with(store, match)
        scope = found if scope is None else scope & found
    if scope is not None and not scope:
        return []
    records = [EventRecord(e.article_id, e.idx, e.event, e.external_id, e.title, e.source,
                           e.url, e.published)
               for e in events_of(store, types=types, article_ids=scope, limit=limit)]
    if entities:
        ids = {r.article_id for r in records}
        mentions = [mention_starts(store, m.type, m.key, ids) for m in entities]
        records = [r for r in records
                   if all(involves(r.event, m, men.get(r.article_id, []))
                          for m, men in zip(entities, mentions, strict=True))]
    if since:
        records = [r for r in records if _ends_after(event_when(r.event, r.published), since)]
    return records


def _ends_after(when: str | None, since: date) -> bool:
    span = interval(when)
    return span is not None and span[1] >= since
