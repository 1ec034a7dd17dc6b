"""Resolve what a user types (--entity, --with) to stored entities, and load matching events.

"Belarus", "belarus", "BLR" and "Belarusian" all mean the country BLR; "iskander-m" means the
weapon system stored as "Iskander-M"; a person or organisation is matched on its canonical
name, then on any of its mentions, then on a unique substring.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from wirebrief.analyze.countries import country_code, country_name
from wirebrief.errors import InputError, NotFoundError
from wirebrief.models import Event
from wirebrief.outlets import outlet_name
from wirebrief.store.db import Store
from wirebrief.stories.merge import EventRecord, event_when, interval


@dataclass(frozen=True)
class EntityMatch:
    type: str  # EntityType value
    key: str  # ISO3 for countries, canonical name otherwise
    name: str

    @property
    def label(self) -> str:
        return self.name

    def where(self, alias: str = "en") -> tuple[str, tuple[str, ...]]:
        """SQL condition on the entities table selecting this entity's mentions."""
        if self.type == "COUNTRY":
            return f"{alias}.type = 'COUNTRY' AND {alias}.country = ?", (self.key,)
        return f"{alias}.type = ? AND {alias}.canonical = ?", (self.type, self.key)


def _country(iso: str) -> EntityMatch:
    return EntityMatch("COUNTRY", iso, country_name(iso) or iso)


def resolve_entity(store: Store, query: str) -> EntityMatch:
    """The stored entity a user means; NotFoundError when nothing matches."""
    q = " ".join(query.split())
    if not q:
        raise InputError("an entity name is required", reason="bad_entity")
    conn = store.conn
    if len(q) == 3 and q.isalpha() and country_name(q.upper()):
        return _country(q.upper())
    for column in ("canonical", "text"):
        row = conn.execute(
            f"SELECT type, canonical, max(country) AS country, count(*) AS n FROM entities "
            f"WHERE {column} = ? COLLATE NOCASE AND type != 'DATE' GROUP BY type, canonical "
            "ORDER BY type = 'COUNTRY' DESC, n DESC LIMIT 1", (q,)).fetchone()
        if row is not None:
            if row["type"] == "COUNTRY" and row["country"]:
                return _country(row["country"])
            return EntityMatch(row["type"], row["canonical"], row["canonical"])
    iso = country_code(q) or country_code(q.title())
    if iso:
        return _country(iso)
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    row = conn.execute(
        "SELECT type, canonical, max(country) AS country, count(*) AS n FROM entities "
        "WHERE canonical LIKE ? ESCAPE '\\' AND type != 'DATE' GROUP BY type, canonical "
        "ORDER BY n DESC LIMIT 1",
        (like,)).fetchone()
    if row is not None:
        if row["type"] == "COUNTRY" and row["country"]:
            return _country(row["country"])
        return EntityMatch(row["type"], row["canonical"], row["canonical"])
    raise NotFoundError(f"no entity matching {query!r} in the store", reason="not_found")


def articles_with(store: Store, match: EntityMatch) -> set[str]:
    cond, args = match.where()
    return {r[0] for r in store.conn.execute(
        f"SELECT DISTINCT en.article_id FROM entities en WHERE {cond}", args)}


def _mentions(store: Store, match: EntityMatch, article_ids: set[str]) -> dict[str, list[int]]:
    cond, args = match.where()
    out: dict[str, list[int]] = {}
    ids = list(article_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for aid, start in store.conn.execute(
                f"SELECT en.article_id, en.start FROM entities en WHERE {cond} AND "
                f"en.article_id IN ({','.join('?' * len(chunk))})", (*args, *chunk)):
            out.setdefault(aid, []).append(start)
    return out


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
    where: list[str] = []
    args: list[object] = []
    if types:
        where.append(f"ev.type IN ({','.join('?' * len(types))})")
        args += [t.strip().upper() for t in types]
    if scope is not None:
        if not scope:
            return []
        where.append("ev.article_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(sorted(scope)))
    rows = store.conn.execute(
        "SELECT ev.article_id, ev.idx, ev.event, a.external_id, a.title, a.source, a.url, "
        "a.published FROM events ev JOIN articles a ON a.id = ev.article_id "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY a.published, ev.article_id, ev.idx LIMIT ?", (*args, limit)).fetchall()
    records = [EventRecord(r["article_id"], r["idx"], Event.model_validate_json(r["event"]),
                           r["external_id"], r["title"], outlet_name(r["source"], r["url"]),
                           r["url"], r["published"])
               for r in rows]
    if entities:
        ids = {r.article_id for r in records}
        mentions = [_mentions(store, m, ids) for m in entities]
        records = [r for r in records
                   if all(involves(r.event, m, men.get(r.article_id, []))
                          for m, men in zip(entities, mentions, strict=True))]
    if since:
        records = [r for r in records if _ends_after(event_when(r.event, r.published), since)]
    return records


def _ends_after(when: str | None, since: date) -> bool:
    span = interval(when)
    return span is not None and span[1] >= since
