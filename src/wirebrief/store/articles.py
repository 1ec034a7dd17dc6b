"""Reading articles: listings (newest first, filtered), neighbours and related articles, and the
article ids other layers select by (re-analysis, digests)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from wirebrief.errors import InputError, NotFoundError
from wirebrief.models import Briefing, EntityType
from wirebrief.outlets import outlet_name
from wirebrief.store.db import Store
from wirebrief.store.read_models import ArticleItem, ArticlePage

MAX_PAGE = 200  # the web's page size limit
MAX_LIMIT = 100_000  # the most rows one call returns (the CLI's `list --limit`)
ARTICLE_COLS = (
    "a.id, a.external_id, a.title, a.published, a.source, a.url, a.summary, "
    "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events"
)


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


def check_page(limit: int, offset: int, most: int = MAX_PAGE) -> None:
    if not 1 <= limit <= most:
        raise InputError(f"limit must be between 1 and {most}", reason="bad_limit")
    if offset < 0:
        raise InputError("offset must not be negative", reason="bad_offset")


def filter_sql(flt: ArticleFilter) -> tuple[list[str], list[object]]:
    """WHERE terms (on `articles a`) and their parameters for a filter."""
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


def article_item(row: sqlite3.Row) -> ArticleItem:
    """An article row, its source named as the outlet (from the URL when none was stored)."""
    item = dict(row)
    return ArticleItem(**{**item, "source": outlet_name(item["source"], item["url"])})


def list_articles(
    store: Store, flt: ArticleFilter | None = None, *, limit: int = 20, offset: int = 0
) -> ArticlePage:
    """Newest first (undated last), filtered; `has_more` says whether another page follows."""
    check_page(limit, offset, MAX_LIMIT)
    where, args = filter_sql(flt or ArticleFilter())
    # NULL sorts lowest in SQLite, so DESC already puts undated articles last, and the
    # published index gives the order without sorting every match. PostgreSQL sorts NULL
    # highest: it is told.
    nulls = " NULLS LAST" if store.backend == "postgresql" else ""
    sql = (
        f"SELECT {ARTICLE_COLS} FROM articles a "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + f"ORDER BY a.published DESC{nulls}, a.rowid DESC LIMIT ? OFFSET ?"
    )
    rows = store.conn.execute(sql, (*args, limit + 1, offset)).fetchall()
    items = [article_item(r) for r in rows[:limit]]
    return ArticlePage(items=items, offset=offset, limit=limit, has_more=len(rows) > limit)


def neighbours(store: Store, article_id: str) -> tuple[ArticleItem | None, ArticleItem | None]:
    """The stored articles just older and just newer than this one (by date, then insertion).

    Undated articles sort before dated ones. Each step is an index lookup on `published`.
    """
    row = store.conn.execute("SELECT rowid, published FROM articles WHERE id = ?",
                             (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article with id {article_id!r}", reason="not_found")
    pub, rowid = row["published"], row["rowid"]
    cols = "id, external_id, title, published, source, url, summary, 0 AS n_events"

    def first(*queries: tuple[str, tuple[object, ...]]) -> ArticleItem | None:
        for where, args in queries:
            found = store.conn.execute(f"SELECT {cols} FROM articles WHERE {where} LIMIT 1",
                                       args).fetchone()
            if found is not None:
                return article_item(found)
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
    return articles_by_ids(store, [r[0] for r in rows])


def articles_by_ids(store: Store, ids: list[str]) -> list[ArticleItem]:
    """These articles, in this order (ids not stored are left out)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = store.conn.execute(
        f"SELECT {ARTICLE_COLS} FROM articles a WHERE a.id IN ({marks})", ids).fetchall()
    by_id = {r["id"]: article_item(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def article_ids(store: Store, since: date | None = None) -> list[str]:
    """Every stored article's id (published on or after `since`), in insertion order."""
    sql = "SELECT id FROM articles"
    args: tuple[str, ...] = ()
    if since is not None:
        sql, args = sql + " WHERE published >= ?", (since.isoformat(),)
    return [row[0] for row in store.conn.execute(sql + " ORDER BY rowid", args)]


def briefings_in(store: Store, ids: set[str] | None, since: date | None,
                 limit: int) -> list[Briefing]:
    """Stored briefings, newest first (undated last): among `ids` when given, published on or
    after `since` when given."""
    where: list[str] = []
    args: list[object] = []
    if ids is not None:
        where.append("id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(sorted(ids)))
    if since:
        where.append("published >= ?")
        args.append(since.isoformat())
    rows = store.conn.execute(
        "SELECT briefing FROM articles " + ("WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY published IS NULL, published DESC, rowid DESC LIMIT ?",
        (*args, limit)).fetchall()
    return [Briefing.model_validate_json(r[0]) for r in rows]
