"""Reading entities: listings, an entity's page (its events, timeline, companions, articles),
two countries' events, and the lookups that resolve what a user types to a stored entity.

Entities are addressed by a readable id, `<kind>:<key>`: `country:BLR` (ISO3 for countries, so
every spelling of a country meets on one page), `person:Viktor Khrenin`,
`weapon_system:Iskander-M`, `organization:NATO`, `place:Minsk`. A country's events are those it
acts in or receives, a weapon system's those naming it, anything else's those whose evidence
sentence mentions it.
"""

from __future__ import annotations

import sqlite3

from wirebrief.errors import InputError, NotFoundError
from wirebrief.models import EntityType
from wirebrief.store.articles import ARTICLE_COLS, article_item, check_page
from wirebrief.store.db import Store
from wirebrief.store.events import EVENT_COLS, EVENTS_FROM, event_counts, event_items
from wirebrief.store.read_models import (
    ArticleItem,
    EntityPage,
    EntitySummary,
    EventItem,
    PairPage,
    StoredEntity,
)

KINDS: dict[str, EntityType] = {t.value.lower(): t for t in EntityType if t is not EntityType.DATE}


# Entity ids ---------------------------------------------------------------------------------


def entity_id(type_: EntityType | str, canonical: str, country: str | None = None) -> str:
    kind = (type_.value if isinstance(type_, EntityType) else type_).lower()
    if kind == "country" and country:
        return f"country:{country}"
    return f"{kind}:{canonical}"


def parse_entity_id(ref: str) -> tuple[str, str]:
    kind, sep, key = ref.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in KINDS or not key.strip():
        raise InputError(
            f"not an entity id: {ref!r} (expected KIND:NAME, KIND one of "
            f"{', '.join(sorted(KINDS))})",
            reason="bad_entity_id",
        )
    key = key.strip()
    return kind, key.upper() if kind == "country" and len(key) == 3 else key


def _entity_where(kind: str, key: str, alias: str = "en") -> tuple[str, tuple[str, ...]]:
    if kind == "country" and len(key) == 3 and key.isupper():
        return f"{alias}.type = 'COUNTRY' AND {alias}.country = ?", (key,)
    return f"{alias}.type = ? AND {alias}.canonical = ?", (KINDS[kind].value, key)


# Listings and pages -------------------------------------------------------------------------


def list_entities(
    store: Store, kind: str | None = None, q: str | None = None, *, limit: int = 50, offset: int = 0
) -> list[EntitySummary]:
    """Entities ordered by how many articles mention them."""
    check_page(limit, offset)
    where, args = ["type != 'DATE'"], []
    if kind:
        if kind.lower() not in KINDS:
            raise InputError(
                f"unknown entity kind {kind!r}; one of {', '.join(sorted(KINDS))}",
                reason="bad_kind",
            )
        where.append("type = ?")
        args.append(KINDS[kind.lower()].value)
    if q:
        where.append("canonical LIKE ? ESCAPE '\\'")
        args.append(_like(q))
    key = "CASE WHEN type = 'COUNTRY' AND country IS NOT NULL THEN country ELSE canonical END"
    rows = store.conn.execute(
        f"SELECT type, {key} AS k, max(canonical) AS name, max(country) AS country, "
        "max(subtype) AS subtype, count(DISTINCT article_id) AS n_art, count(*) AS n_men "
        f"FROM entities WHERE {' AND '.join(where)} GROUP BY type, k "
        "ORDER BY n_art DESC, n_men DESC, name LIMIT ? OFFSET ?",
        (*args, limit, offset),
    ).fetchall()
    return [_summary(r) for r in rows]


def _like(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') for text anywhere in a value, taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _summary(r: sqlite3.Row) -> EntitySummary:
    kind = r["type"].lower()
    return EntitySummary(id=f"{kind}:{r['k']}", kind=kind, name=r["name"], country=r["country"],
                         subtype=r["subtype"], n_articles=r["n_art"], n_mentions=r["n_men"])


def get_entity(store: Store, ref: str) -> EntitySummary:
    kind, key = parse_entity_id(ref)
    cond, args = _entity_where(kind, key)
    k = "en.country" if cond.startswith("en.type = 'COUNTRY'") else "en.canonical"
    row = store.conn.execute(
        f"SELECT en.type, max({k}) AS k, max(en.canonical) AS name, max(en.country) AS country, "
        "max(en.subtype) AS subtype, count(DISTINCT en.article_id) AS n_art, count(*) AS n_men "
        f"FROM entities en WHERE {cond} GROUP BY en.type",
        args,
    ).fetchone()
    if row is None or row["n_men"] == 0:
        raise NotFoundError(f"no entity {ref!r} in the store", reason="not_found")
    return _summary(row)


def _entity_event_sql(ref: str) -> tuple[str, list[object]]:
    """FROM/WHERE of an entity's events: for a country, those it acts in or receives; for a
    weapon system, those naming it; for anything else, those whose evidence sentence mentions
    it. A country named beside someone else's event does not make the event its own."""
    kind, key = parse_entity_id(ref)
    cond, args = _entity_where(kind, key)
    mention = (
        f"EXISTS (SELECT 1 FROM entities en WHERE en.article_id = ev.article_id AND "
        f"{cond} AND en.start >= json_extract(ev.event, '$.evidence.start') AND "
        "en.start < json_extract(ev.event, '$.evidence.end'))"
    )
    # Cheap tests first: SQLite stops at the first true term of an OR.
    ors: list[str] = []
    extra: list[object] = []
    if kind == "country" and len(key) == 3:
        ors += ["ev.actor_country = ?", "ev.recipient_country = ?"]
        extra += [key, key]
    elif kind == "weapon_system":
        ors.append("EXISTS (SELECT 1 FROM json_each(ev.weapons) w WHERE w.value = ?)")
        extra.append(key)
    else:
        ors.append(mention)
        extra += args
    sql = (
        f"{EVENTS_FROM} "
        f"WHERE ev.article_id IN (SELECT en.article_id FROM entities en WHERE {cond}) "
        f"AND ({' OR '.join(ors)})"
    )
    return sql, [*args, *extra]


def entity_events(store: Store, ref: str, limit: int = 100) -> list[EventItem]:
    """An entity's most recent events (by the article's date)."""
    sql, args = _entity_event_sql(ref)
    rows = store.conn.execute(
        f"SELECT {EVENT_COLS} {sql} ORDER BY a.published DESC, ev.article_id, ev.idx LIMIT ?",
        (*args, limit),
    ).fetchall()
    return event_items(rows)


def co_occurring(store: Store, ref: str, limit: int = 12) -> list[EntitySummary]:
    """The entities found most often in the same articles."""
    kind, key = parse_entity_id(ref)
    cond, args = _entity_where(kind, key, alias="me")
    k = "CASE WHEN o.type = 'COUNTRY' AND o.country IS NOT NULL THEN o.country ELSE o.canonical END"
    rows = store.conn.execute(
        f"SELECT o.type, {k} AS k, max(o.canonical) AS name, max(o.country) AS country, "
        "max(o.subtype) AS subtype, count(DISTINCT o.article_id) AS n_art, count(*) AS n_men "
        "FROM entities o WHERE o.type != 'DATE' AND o.article_id IN "
        f"(SELECT me.article_id FROM entities me WHERE {cond} LIMIT 5000) "
        "GROUP BY o.type, k ORDER BY n_art DESC, n_men DESC LIMIT ?",
        (*args, limit + 1),
    ).fetchall()
    own = f"{kind}:{key}"
    return [s for s in (_summary(r) for r in rows) if s.id != own][:limit]


def entity_articles(store: Store, ref: str, limit: int = 50) -> list[ArticleItem]:
    kind, key = parse_entity_id(ref)
    cond, args = _entity_where(kind, key)
    rows = store.conn.execute(
        f"SELECT {ARTICLE_COLS} FROM articles a "
        f"WHERE a.id IN (SELECT en.article_id FROM entities en WHERE {cond}) "
        "ORDER BY a.published IS NULL, a.published DESC LIMIT ?",
        (*args, limit),
    ).fetchall()
    return [article_item(r) for r in rows]


def entity_roles(store: Store, ref: str) -> list[str]:
    kind, key = parse_entity_id(ref)
    if kind != "person":
        return []
    rows = store.conn.execute(
        "SELECT role, count(*) AS n FROM entities WHERE type = 'PERSON' AND canonical = ? "
        "AND role IS NOT NULL GROUP BY role ORDER BY n DESC LIMIT 5",
        (key,),
    ).fetchall()
    return [r[0] for r in rows]


def entity_page(store: Store, ref: str) -> EntityPage:
    summary = get_entity(store, ref)
    sql, args = _entity_event_sql(summary.id)
    buckets, by_type = event_counts(store, sql, args)
    return EntityPage(
        entity=summary,
        roles=entity_roles(store, summary.id),
        by_type=by_type,
        events=entity_events(store, summary.id),
        timeline=buckets,
        co_occurring=co_occurring(store, summary.id),
        articles=entity_articles(store, summary.id),
    )


def pair_page(store: Store, ref_a: str, ref_b: str, limit: int = 200) -> PairPage:
    """Events between two countries, either way round."""
    a, b = get_entity(store, ref_a), get_entity(store, ref_b)
    for ent in (a, b):
        if ent.kind != "country" or not ent.country:
            raise InputError(
                f"{ent.id!r} is not a country with an ISO3 code", reason="not_a_country"
            )
    sql = (
        f"{EVENTS_FROM} WHERE "
        "((ev.actor_country = ? AND ev.recipient_country = ?) OR "
        "(ev.actor_country = ? AND ev.recipient_country = ?))"
    )
    args: list[object] = [a.key, b.key, b.key, a.key]
    buckets, by_type = event_counts(store, sql, args)
    rows = store.conn.execute(
        f"SELECT {EVENT_COLS} {sql} ORDER BY a.published DESC, ev.article_id, ev.idx LIMIT ?",
        (*args, limit),
    ).fetchall()
    return PairPage(a=a, b=b, by_type=by_type, timeline=buckets, events=event_items(rows))


# What a user types --------------------------------------------------------------------------


def mention_where(type_: str, key: str, alias: str = "en") -> tuple[str, tuple[str, ...]]:
    """SQL condition on `entities` selecting the mentions of one entity: a country by its ISO3
    code, anything else by its type (an EntityType value) and canonical name."""
    if type_ == "COUNTRY":
        return f"{alias}.type = 'COUNTRY' AND {alias}.country = ?", (key,)
    return f"{alias}.type = ? AND {alias}.canonical = ?", (type_, key)


def entity_named(store: Store, name: str, column: str = "canonical") -> StoredEntity | None:
    """The stored entity whose canonical name (`column` "canonical") or one of whose mentions
    ("text") is `name`, ignoring case; a country first, else the most mentioned."""
    if column not in ("canonical", "text"):
        raise ValueError(f"not an entity name column: {column!r}")
    row = store.conn.execute(
        f"SELECT type, canonical, max(country) AS country, count(*) AS n FROM entities "
        f"WHERE {column} = ? COLLATE NOCASE AND type != 'DATE' GROUP BY type, canonical "
        "ORDER BY type = 'COUNTRY' DESC, n DESC LIMIT 1", (name,)).fetchone()
    return _stored(row)


def entity_containing(store: Store, text: str) -> StoredEntity | None:
    """The most mentioned stored entity whose canonical name contains `text` (any case)."""
    row = store.conn.execute(
        "SELECT type, canonical, max(country) AS country, count(*) AS n FROM entities "
        "WHERE canonical LIKE ? ESCAPE '\\' AND type != 'DATE' GROUP BY type, canonical "
        "ORDER BY n DESC LIMIT 1",
        (_like(text),)).fetchone()
    return _stored(row)


def _stored(row: sqlite3.Row | None) -> StoredEntity | None:
    if row is None:
        return None
    return StoredEntity(type=row["type"], canonical=row["canonical"], country=row["country"])


def articles_mentioning(store: Store, type_: str, key: str,
                        limit: int | None = None) -> set[str]:
    """The ids of the articles that mention an entity (see `mention_where`); at most `limit`
    of them (any ones) when given."""
    cond, args = mention_where(type_, key)
    sql = f"SELECT DISTINCT en.article_id FROM entities en WHERE {cond}"
    params: list[object] = list(args)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return {r[0] for r in store.conn.execute(sql, params)}


def mention_starts(store: Store, type_: str, key: str,
                   article_ids: set[str]) -> dict[str, list[int]]:
    """Where an entity is mentioned (character offsets) in each of these articles."""
    cond, args = mention_where(type_, key)
    out: dict[str, list[int]] = {}
    ids = list(article_ids)
    for i in range(0, len(ids), 500):  # stay under SQLite's variable limit
        chunk = ids[i:i + 500]
        for aid, start in store.conn.execute(
                f"SELECT en.article_id, en.start FROM entities en WHERE {cond} AND "
                f"en.article_id IN ({','.join('?' * len(chunk))})", (*args, *chunk)):
            out.setdefault(aid, []).append(start)
    return out
