"""Full-text search (BM25 on SQLite, ts_rank on PostgreSQL) with snippets, and facets: counts
of articles per country, weapon system, event type and source."""

from __future__ import annotations

import sqlite3

from wirebrief.errors import StoreError
from wirebrief.store.articles import (
    ARTICLE_COLS,
    MAX_LIMIT,
    ArticleFilter,
    article_item,
    check_page,
    filter_sql,
)
from wirebrief.store.db import Store
from wirebrief.store.read_models import (
    HIT_CLOSE,
    HIT_OPEN,
    ArticlePage,
    Facets,
    FacetValue,
    SearchPage,
)

SNIPPET_WORDS = 16
MAX_FACET_HITS = 1000  # facets count over at most this many hits


def _where(store: Store, flt: ArticleFilter | None) -> tuple[str, list[object]]:
    fts = store.fts
    where, args = filter_sql(flt or ArticleFilter())
    extra = (" AND " + " AND ".join(where)) if where else ""
    return f"FROM {fts.source} WHERE {fts.condition}{extra}", args


def search(
    store: Store, query: str, flt: ArticleFilter | None = None, *, limit: int = 20,
    offset: int = 0,
) -> ArticlePage:
    """Articles matching `query` (every word, or either side of an OR), best first, with a
    snippet whose hits are marked and the rank as `score` (lower is better)."""
    check_page(limit, offset, MAX_LIMIT)
    fts = store.fts
    match = fts.query(query)
    if not match:
        return ArticlePage(items=[], offset=offset, limit=limit, has_more=False)
    source, args = _where(store, flt)
    try:
        rows = store.conn.execute(
            f"SELECT {ARTICLE_COLS}, "
            f"{fts.snippet(HIT_OPEN, HIT_CLOSE, SNIPPET_WORDS)} AS snippet, {fts.rank} AS score "
            f"{source} ORDER BY score, a.rowid LIMIT ? OFFSET ?",
            (match, *args, limit + 1, offset),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search failed for {query!r}: {exc}", reason="bad_query") from exc
    items = [article_item(r) for r in rows[:limit]]
    return ArticlePage(items=items, offset=offset, limit=limit, has_more=len(rows) > limit)


def search_ids(store: Store, query: str, limit: int = 50) -> list[str]:
    """The ids of the best `limit` articles matching `query`, best first."""
    fts = store.fts
    match = fts.query(query)
    if not match:
        return []
    return [r[0] for r in store.conn.execute(
        f"SELECT a.id FROM {fts.source} WHERE {fts.condition} "
        f"ORDER BY {fts.rank}, a.rowid LIMIT ?", (match, limit))]


def search_facets(store: Store, query: str, flt: ArticleFilter | None = None) -> Facets:
    """Facets over every hit of a search (up to MAX_FACET_HITS)."""
    match = store.fts.query(query)
    if not match:
        return Facets()
    source, args = _where(store, flt)
    try:
        ids = [r[0] for r in store.conn.execute(
            f"SELECT a.id {source} LIMIT {MAX_FACET_HITS}", (match, *args))]
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search failed for {query!r}: {exc}", reason="bad_query") from exc
    return facets(store, ids)


def search_page(
    store: Store, query: str, flt: ArticleFilter | None = None, *, limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """One page of a search with the facets of all its hits: what the search page and
    `/api/search` show."""
    page = search(store, query, flt, limit=limit, offset=offset)
    found = search_facets(store, query, flt) if page.items or offset else Facets()
    return SearchPage(items=page.items, offset=page.offset, limit=page.limit,
                      has_more=page.has_more, query=query, facets=found)


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
        countries=[FacetValue(value=r[0], label=r[1], count=r[2]) for r in countries],
        weapons=[FacetValue(value=r[0], label=r[0], count=r[1]) for r in weapons],
        event_types=[FacetValue(value=r[0], label=r[0], count=r[1]) for r in types],
        sources=[FacetValue(value=r[0], label=r[0], count=r[1]) for r in sources],
    )
