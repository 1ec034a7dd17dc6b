"""Read-only queries over the store for the web pages and the REST API.

Entities are addressed by a readable id, `<kind>:<key>`: `country:BLR` (ISO3 for countries, so
every spelling of a country meets on one page), `person:Viktor Khrenin`,
`weapon_system:Iskander-M`, `organization:NATO`, `place:Minsk`. An entity's events are those whose
evidence sentence mentions it; a country's events also include those it is actor or recipient of.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from wirebrief.errors import InputError, NotFoundError, StoreError
from wirebrief.models import Briefing, EntityType, Event
from wirebrief.outlets import outlet_name
from wirebrief.store.db import Store

KINDS: dict[str, EntityType] = {t.value.lower(): t for t in EntityType if t is not EntityType.DATE}
MAX_PAGE = 200
# Snippet markers that cannot occur in cleaned text, so the page can mark hits safely.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class ArticleFilter:
    country: str | None = None  # ISO3
    weapon: str | None = None  # canonical weapon system name
    event_type: str | None = None  # PLOVER category
    since: date | None = None
    until: date | None = None

    def active(self) -> bool:
        return any(
            v is not None
            for v in (self.country, self.weapon, self.event_type, self.since, self.until)
        )


@dataclass(frozen=True)
class ArticleItem:
    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    summary: str | None
    n_events: int
    snippet: str | None = None


@dataclass(frozen=True)
class ArticlePage:
    items: list[ArticleItem]
    offset: int
    limit: int
    has_more: bool


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    countries: list[FacetValue] = field(default_factory=list)
    weapons: list[FacetValue] = field(default_factory=list)
    event_types: list[FacetValue] = field(default_factory=list)
    sources: list[FacetValue] = field(default_factory=list)


@dataclass(frozen=True)
class EntityRef:
    id: str
    kind: str
    key: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class EntitySummary:
    ref: EntityRef
    subtype: str | None
    n_articles: int
    n_mentions: int


@dataclass(frozen=True)
class EventItem:
    article_id: str
    idx: int
    title: str | None
    published: str | None
    event: Event
    source: str | None = None  # the outlet's name
    url: str | None = None

    @property
    def when(self) -> str | None:
        """The event's date when it has a year, else the article's publication date."""
        value = self.event.date.value if self.event.date else None
        if value and value[:4].isdigit():
            return value
        return self.published


@dataclass(frozen=True)
class TimelineBucket:
    period: str  # YYYY-MM
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class EntityPage:
    entity: EntitySummary
    events: list[EventItem]  # the most recent ones
    timeline: list[TimelineBucket]  # every event, by month
    by_type: dict[str, int]  # every event, by type
    co_occurring: list[EntitySummary]
    articles: list[ArticleItem]
    roles: list[str]


@dataclass(frozen=True)
class PairPage:
    a: EntityRef
    b: EntityRef
    events: list[EventItem]
    timeline: list[TimelineBucket]
    by_type: dict[str, int]


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


# Articles -----------------------------------------------------------------------------------


def _filter_sql(flt: ArticleFilter) -> tuple[list[str], list[object]]:
    where: list[str] = []
    args: list[object] = []
    # The unary `+` keeps SQLite on the per-article indexes: driving these EXISTS probes from
    # the type index instead scans every event of that type once per article.
    if flt.country:
        where.append(
            "EXISTS (SELECT 1 FROM entities f WHERE f.article_id = a.id "
            "AND +f.type = 'COUNTRY' AND +f.country = ?)"
        )
        args.append(flt.country.upper())
    if flt.weapon:
        where.append(
            "EXISTS (SELECT 1 FROM entities f WHERE f.article_id = a.id "
            "AND +f.type = 'WEAPON_SYSTEM' AND +f.canonical = ?)"
        )
        args.append(flt.weapon)
    if flt.event_type:
        where.append("EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND +v.type = ?)")
        args.append(flt.event_type.upper())
    if flt.since:
        where.append("a.published >= ?")
        args.append(flt.since.isoformat())
    if flt.until:
        where.append("a.published <= ?")
        args.append(flt.until.isoformat())
    return where, args


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit must be between 1 and {MAX_PAGE}", reason="bad_limit")
    if offset < 0:
        raise InputError("offset must not be negative", reason="bad_offset")


def list_articles(
    store: Store, flt: ArticleFilter | None = None, *, limit: int = 20, offset: int = 0
) -> ArticlePage:
    """Newest first, filtered; `has_more` says whether another page follows."""
    _check_page(limit, offset)
    where, args = _filter_sql(flt or ArticleFilter())
    sql = (
        "SELECT a.id, a.title, a.published, a.source, a.url, a.summary, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events "
        "FROM articles a "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        # NULL sorts lowest, so DESC already puts undated articles last, and the published
        # index gives the order without sorting every match.
        + "ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?"
    )
    rows = store.conn.execute(sql, (*args, limit + 1, offset)).fetchall()
    items = [_article_item(r) for r in rows[:limit]]
    return ArticlePage(items=items, offset=offset, limit=limit, has_more=len(rows) > limit)


def _article_item(row: sqlite3.Row) -> ArticleItem:
    """An article row, its source named as the outlet (from the URL when none was stored)."""
    item = dict(row)
    return ArticleItem(**{**item, "source": outlet_name(item["source"], item["url"])})


def get_article(store: Store, key: str) -> Briefing:
    return store.get(key)


def neighbours(store: Store, article_id: str) -> tuple[ArticleItem | None, ArticleItem | None]:
    """The stored articles just older and just newer than this one (by date, then insertion).

    Undated articles sort before dated ones. Each step is an index lookup on `published`.
    """
    row = store.conn.execute("SELECT rowid, published FROM articles WHERE id = ?",
                             (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article with id {article_id!r}", reason="not_found")
    pub, rowid = row["published"], row["rowid"]
    cols = "id, title, published, source, url, summary, 0 AS n_events"

    def first(*queries: tuple[str, tuple[object, ...]]) -> ArticleItem | None:
        for where, args in queries:
            found = store.conn.execute(f"SELECT {cols} FROM articles WHERE {where} LIMIT 1",
                                       args).fetchone()
            if found is not None:
                return _article_item(found)
        return None

    if pub is None:
        older = first(("published IS NULL AND rowid < ? ORDER BY rowid DESC", (rowid,)))
        newer = first(("published IS NULL AND rowid > ? ORDER BY rowid", (rowid,)),
                      ("published IS NOT NULL ORDER BY published, rowid", ()))
    else:
        older = first(("published = ? AND rowid < ? ORDER BY rowid DESC", (pub, rowid)),
                      ("published < ? ORDER BY published DESC, rowid DESC", (pub,)),
                      ("published IS NULL ORDER BY rowid DESC", ()))
        newer = first(("published = ? AND rowid > ? ORDER BY rowid", (pub, rowid)),
                      ("published > ? ORDER BY published, rowid", (pub,)))
    return older, newer


def related_articles(store: Store, briefing: Briefing, limit: int = 5) -> list[ArticleItem]:
    """Stored articles sharing the most weapon systems, people and countries with this one.

    At most eight of the article's entities are used (weapon systems and people first: they
    are rarer than countries) and at most 3,000 mentions are scanned, so a page view stays an
    index lookup however large the store grows.
    """
    order = {EntityType.WEAPON_SYSTEM: 0, EntityType.PERSON: 1, EntityType.COUNTRY: 2}
    keys = sorted({(order[e.type], e.type.value, e.canonical) for e in briefing.entities
                   if e.type in order})[:8]
    if not keys:
        return []
    values = ",".join("(?, ?)" for _ in keys)
    args: list[object] = [v for _, t, c in keys for v in (t, c)]
    rows = store.conn.execute(
        "SELECT article_id, count(DISTINCT type || ':' || canonical) AS n FROM ("
        "SELECT article_id, type, canonical FROM entities "
        f"WHERE (type, canonical) IN (VALUES {values}) AND article_id != ? LIMIT 3000) AS hits "
        "GROUP BY article_id ORDER BY n DESC LIMIT ?", (*args, briefing.id, limit)).fetchall()
    return _articles_by_ids(store, [r[0] for r in rows])


def _articles_by_ids(store: Store, ids: list[str]) -> list[ArticleItem]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.published, a.source, a.url, a.summary, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events "
        f"FROM articles a WHERE a.id IN ({marks})",
        ids,
    ).fetchall()
    by_id = {r["id"]: _article_item(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


# Search -------------------------------------------------------------------------------------


def search(
    store: Store, query: str, flt: ArticleFilter | None = None, *, limit: int = 20, offset: int = 0
) -> tuple[ArticlePage, Facets]:
    """Full-text search (BM25) with snippets; facets count over every hit (up to 1,000)."""
    _check_page(limit, offset)
    fts = store.fts
    match = fts.query(query)
    if not match:
        return ArticlePage([], offset, limit, False), Facets()
    where, args = _filter_sql(flt or ArticleFilter())
    extra = (" AND " + " AND ".join(where)) if where else ""
    try:
        rows = store.conn.execute(
            "SELECT a.id, a.title, a.published, a.source, a.url, a.summary, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events, "
            f"{fts.snippet(HIT_OPEN, HIT_CLOSE, 16)} AS snippet "
            f"FROM {fts.source} WHERE {fts.condition}{extra} "
            f"ORDER BY {fts.rank}, a.rowid LIMIT ? OFFSET ?",
            (match, *args, limit + 1, offset),
        ).fetchall()
        all_ids = [
            r[0]
            for r in store.conn.execute(
                f"SELECT a.id FROM {fts.source} WHERE {fts.condition}{extra} LIMIT 1000",
                (match, *args),
            )
        ]
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search failed for {query!r}: {exc}", reason="bad_query") from exc
    items = [_article_item(r) for r in rows[:limit]]
    return ArticlePage(items, offset, limit, len(rows) > limit), facets(store, all_ids)


def facets(store: Store, article_ids: list[str] | None = None, top: int = 12) -> Facets:
    """Counts of articles per country, weapon system, event type and source."""
    if article_ids is not None and not article_ids:
        return Facets()
    scope, args = "", []
    if article_ids is not None:
        scope = f" AND article_id IN ({','.join('?' * len(article_ids))})"
        args = list(article_ids)
    conn = store.conn
    countries = conn.execute(
        "SELECT country, max(canonical), count(DISTINCT article_id) AS n FROM entities "
        f"WHERE type = 'COUNTRY' AND country IS NOT NULL{scope} GROUP BY country "
        "ORDER BY n DESC, country LIMIT ?",
        (*args, top),
    ).fetchall()
    weapons = conn.execute(
        "SELECT canonical, count(DISTINCT article_id) AS n FROM entities "
        f"WHERE type = 'WEAPON_SYSTEM'{scope} GROUP BY canonical ORDER BY n DESC, canonical "
        "LIMIT ?",
        (*args, top),
    ).fetchall()
    types = conn.execute(
        f"SELECT type, count(DISTINCT article_id) AS n FROM events WHERE 1{scope} "
        "GROUP BY type ORDER BY n DESC, type LIMIT ?",
        (*args, top),
    ).fetchall()
    src_scope = scope.replace("article_id", "id")
    sources = conn.execute(
        f"SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL{src_scope} "
        "GROUP BY source ORDER BY n DESC, source LIMIT ?",
        (*args, top),
    ).fetchall()
    return Facets(
        countries=[FacetValue(r[0], r[1], r[2]) for r in countries],
        weapons=[FacetValue(r[0], r[0], r[1]) for r in weapons],
        event_types=[FacetValue(r[0], r[0], r[1]) for r in types],
        sources=[FacetValue(r[0], r[0], r[1]) for r in sources],
    )


# Entities -----------------------------------------------------------------------------------


def list_entities(
    store: Store, kind: str | None = None, q: str | None = None, *, limit: int = 50, offset: int = 0
) -> list[EntitySummary]:
    """Entities ordered by how many articles mention them."""
    _check_page(limit, offset)
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
        args.append("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    key = "CASE WHEN type = 'COUNTRY' AND country IS NOT NULL THEN country ELSE canonical END"
    rows = store.conn.execute(
        f"SELECT type, {key} AS k, max(canonical) AS name, max(country) AS country, "
        "max(subtype) AS subtype, count(DISTINCT article_id) AS n_art, count(*) AS n_men "
        f"FROM entities WHERE {' AND '.join(where)} GROUP BY type, k "
        "ORDER BY n_art DESC, n_men DESC, name LIMIT ? OFFSET ?",
        (*args, limit, offset),
    ).fetchall()
    return [_summary(r) for r in rows]


def _summary(r: sqlite3.Row) -> EntitySummary:
    kind = r["type"].lower()
    ref = EntityRef(
        id=f"{kind}:{r['k']}", kind=kind, key=r["k"], name=r["name"], country=r["country"]
    )
    return EntitySummary(
        ref=ref, subtype=r["subtype"], n_articles=r["n_art"], n_mentions=r["n_men"]
    )


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


def _event_items(rows: list[sqlite3.Row]) -> list[EventItem]:
    return [
        EventItem(
            article_id=r["article_id"],
            idx=r["idx"],
            title=r["title"],
            published=r["published"],
            event=Event.model_validate_json(r["event"]),
            source=outlet_name(r["source"], r["url"]),
            url=r["url"],
        )
        for r in rows
    ]


_EVENT_COLS = "ev.article_id, ev.idx, ev.event, a.title, a.published, a.source, a.url"


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
        "FROM events ev JOIN articles a ON a.id = ev.article_id "
        f"WHERE ev.article_id IN (SELECT en.article_id FROM entities en WHERE {cond}) "
        f"AND ({' OR '.join(ors)})"
    )
    return sql, [*args, *extra]


def entity_events(store: Store, ref: str, limit: int = 100) -> list[EventItem]:
    """An entity's most recent events (by the article's date)."""
    sql, args = _entity_event_sql(ref)
    rows = store.conn.execute(
        f"SELECT {_EVENT_COLS} {sql} ORDER BY a.published DESC, ev.article_id, ev.idx LIMIT ?",
        (*args, limit),
    ).fetchall()
    return _event_items(rows)


# The month an event belongs to, as `EventItem.when` reads it: the event's own date when it
# has year and month, none when it has only a year or a week, else the article's date.
_MONTH_SQL = (
    "CASE WHEN ev.date_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
    "THEN substr(ev.date_value, 1, 7) "
    "WHEN ev.date_value GLOB '[0-9][0-9][0-9][0-9]*' THEN NULL "
    "ELSE substr(a.published, 1, 7) END"
)


def _counts_sql(store: Store, sql: str, args: list[object]) -> tuple[list[TimelineBucket],
                                                                      dict[str, int]]:
    """Monthly timeline and totals by type of every event matching `sql`, counted in SQLite."""
    counts: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    for month, type_, n in store.conn.execute(
            f"SELECT {_MONTH_SQL} AS month, ev.type, count(*) {sql} GROUP BY month, ev.type",
            args):
        totals[type_] += n
        if month and len(month) == 7 and month[5:7].isdigit():
            counts.setdefault(month, Counter())[type_] += n
    return _fill_months(counts), dict(totals.most_common())


def timeline(events: list[EventItem]) -> list[TimelineBucket]:
    """Events per month and type, oldest first, with empty months filled in."""
    counts: dict[str, Counter[str]] = {}
    for item in events:
        when = item.when
        # Year-only or week dates cannot be placed in a month: leave them off the chart.
        if not when or len(when) < 7 or not when[:4].isdigit() or not when[5:7].isdigit():
            continue
        counts.setdefault(when[:7], Counter())[item.event.type] += 1
    return _fill_months(counts)


def _fill_months(counts: dict[str, Counter[str]]) -> list[TimelineBucket]:
    if not counts:
        return []
    months = sorted(counts)
    out: list[TimelineBucket] = []
    y, m = int(months[0][:4]), int(months[0][5:7])
    last = months[-1]
    while len(out) < 240:
        period = f"{y:04d}-{m:02d}"
        out.append(TimelineBucket(period, dict(counts.get(period, Counter()))))
        if period >= last:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


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
    return [s for s in (_summary(r) for r in rows) if s.ref.id != own][:limit]


def entity_articles(store: Store, ref: str, limit: int = 50) -> list[ArticleItem]:
    kind, key = parse_entity_id(ref)
    cond, args = _entity_where(kind, key)
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.published, a.source, a.url, a.summary, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events FROM articles a "
        f"WHERE a.id IN (SELECT en.article_id FROM entities en WHERE {cond}) "
        "ORDER BY a.published IS NULL, a.published DESC LIMIT ?",
        (*args, limit),
    ).fetchall()
    return [_article_item(r) for r in rows]


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
    sql, args = _entity_event_sql(summary.ref.id)
    buckets, by_type = _counts_sql(store, sql, args)
    return EntityPage(
        entity=summary,
        events=entity_events(store, summary.ref.id),
        timeline=buckets,
        by_type=by_type,
        co_occurring=co_occurring(store, summary.ref.id),
        articles=entity_articles(store, summary.ref.id),
        roles=entity_roles(store, summary.ref.id),
    )


def pair_page(store: Store, ref_a: str, ref_b: str, limit: int = 200) -> PairPage:
    """Events between two countries, either way round."""
    a, b = get_entity(store, ref_a).ref, get_entity(store, ref_b).ref
    for ref in (a, b):
        if ref.kind != "country" or not ref.country:
            raise InputError(
                f"{ref.id!r} is not a country with an ISO3 code", reason="not_a_country"
            )
    sql = (
        "FROM events ev JOIN articles a ON a.id = ev.article_id WHERE "
        "((ev.actor_country = ? AND ev.recipient_country = ?) OR "
        "(ev.actor_country = ? AND ev.recipient_country = ?))"
    )
    args: list[object] = [a.key, b.key, b.key, a.key]
    buckets, by_type = _counts_sql(store, sql, args)
    rows = store.conn.execute(
        f"SELECT {_EVENT_COLS} {sql} ORDER BY a.published DESC, ev.article_id, ev.idx LIMIT ?",
        (*args, limit),
    ).fetchall()
    return PairPage(a=a, b=b, events=_event_items(rows), timeline=buckets, by_type=by_type)


# Events -------------------------------------------------------------------------------------


def query_events(
    store: Store,
    *,
    type: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    weapon: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EventItem]:
    """Coded events, newest article first. Dates filter on the article's publication date."""
    _check_page(limit, offset)
    where: list[str] = []
    args: list[object] = []
    if type:
        where.append("ev.type = ?")
        args.append(type.upper())
    if actor:
        where.append("ev.actor_country = ?")
        args.append(actor.upper())
    if recipient:
        where.append("ev.recipient_country = ?")
        args.append(recipient.upper())
    if weapon:
        where.append("EXISTS (SELECT 1 FROM json_each(ev.weapons) w WHERE w.value = ?)")
        args.append(weapon)
    if since:
        where.append("a.published >= ?")
        args.append(since.isoformat())
    if until:
        where.append("a.published <= ?")
        args.append(until.isoformat())
    sql = (
        f"SELECT {_EVENT_COLS} FROM events ev JOIN articles a ON a.id = ev.article_id "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY a.published IS NULL, a.published DESC, ev.article_id, ev.idx "
        "LIMIT ? OFFSET ?"
    )
    return _event_items(store.conn.execute(sql, (*args, limit, offset)).fetchall())


def event_types(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT DISTINCT type FROM events ORDER BY type")]


def weapons_for(briefing: Briefing) -> list[str]:
    return sorted({e.canonical for e in briefing.entities if e.type is EntityType.WEAPON_SYSTEM})


def event_json(item: EventItem) -> dict[str, object]:
    return {
        "article_id": item.article_id,
        "idx": item.idx,
        "title": item.title,
        "published": item.published,
        **json.loads(item.event.model_dump_json()),
    }
