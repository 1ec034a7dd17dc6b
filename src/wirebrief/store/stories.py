"""The story tables: stories, their members, the inverted index of story keys, document
frequencies, and the record of digest runs. `stories/` decides where an article goes; this
module reads and writes what it decided.

Functions that take a connection run inside the caller's transaction (`Store.transaction()`
yields that connection; outside one, it is `store.conn`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from wirebrief.models import Briefing
from wirebrief.outlets import outlet_name
from wirebrief.store.db import Store
from wirebrief.store.read_models import StoryArticle

STORY_TABLES = ("story_keys", "story_articles", "stories", "story_df", "story_meta")
_CHUNK = 500  # stay under SQLite's variable limit


@dataclass(frozen=True)
class StoryRow:
    """A row of `stories`; `centroid` and `entities` are JSON objects of weights."""

    id: int
    title: str | None
    title_article: str | None
    title_score: float
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    centroid: str
    entities: str


_STORY_COLS = ("id, title, title_article, title_score, first_seen, last_seen, n_articles, "
               "centroid, entities")


def _story_row(row: sqlite3.Row) -> StoryRow:
    return StoryRow(id=int(row["id"]), title=row["title"], title_article=row["title_article"],
                    title_score=float(row["title_score"] or 0.0), first_seen=row["first_seen"],
                    last_seen=row["last_seen"], n_articles=int(row["n_articles"]),
                    centroid=row["centroid"], entities=row["entities"])


# Document frequencies -------------------------------------------------------------------------


def n_docs(conn: sqlite3.Connection) -> int:
    """How many articles have been placed (the N of the IDF weights)."""
    row = conn.execute("SELECT value FROM story_meta WHERE name = 'n_docs'").fetchone()
    return int(row[0]) if row else 0


def doc_freq(conn: sqlite3.Connection, keys: list[str]) -> dict[str, int]:
    """How many placed articles hold each key (keys held by none are left out)."""
    out: dict[str, int] = {}
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i:i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT key, n FROM story_df WHERE key IN ({marks})", chunk))
    return out


def count_keys(conn: sqlite3.Connection, keys: list[str]) -> None:
    """One more placed article, holding these keys."""
    conn.executemany(
        "INSERT INTO story_df (key, n) VALUES (?, 1) "
        "ON CONFLICT (key) DO UPDATE SET n = story_df.n + 1",
        [(k,) for k in keys])
    conn.execute("INSERT INTO story_meta (name, value) VALUES ('n_docs', 1) "
                 "ON CONFLICT (name) DO UPDATE SET value = story_meta.value + 1")


# Placing an article -----------------------------------------------------------------------------


def stories_with_key(conn: sqlite3.Connection, key: str, since: str, limit: int) -> list[int]:
    """Stories indexed under `key` and seen on or after `since`, most recent first."""
    return [int(r[0]) for r in conn.execute(
        "SELECT story_id FROM story_keys WHERE key = ? AND last_seen >= ? "
        "ORDER BY last_seen DESC LIMIT ?", (key, since, limit))]


def known_duplicate(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The placed original this article duplicates, from the dedup table when it exists."""
    try:
        row = conn.execute(
            "SELECT d.duplicate_of FROM duplicates d JOIN story_articles s "
            "ON s.article_id = d.duplicate_of WHERE d.article_id = ? "
            "ORDER BY d.similarity DESC LIMIT 1", (article_id,)).fetchone()
    except sqlite3.OperationalError:  # no dedup migration in this store
        return None
    return row[0] if row else None


def placement_of(conn: sqlite3.Connection,
                 article_id: str) -> tuple[int, float, str | None] | None:
    """(story id, score, duplicate of) of a placed article; None when it is not placed."""
    row = conn.execute("SELECT story_id, score, duplicate_of FROM story_articles "
                       "WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    return int(row[0]), float(row[1]), row[2]


def story_id_of(conn: sqlite3.Connection, article_id: str) -> int | None:
    row = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                       (article_id,)).fetchone()
    return int(row[0]) if row else None


def story_row(conn: sqlite3.Connection, story_id: int) -> StoryRow | None:
    row = conn.execute(f"SELECT {_STORY_COLS} FROM stories WHERE id = ?",
                       (story_id,)).fetchone()
    return _story_row(row) if row is not None else None


def story_rows(conn: sqlite3.Connection, ids: list[int]) -> list[StoryRow]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return [_story_row(r) for r in conn.execute(
        f"SELECT {_STORY_COLS} FROM stories WHERE id IN ({marks})", ids)]


def insert_story(conn: sqlite3.Connection, *, title: str | None, article_id: str,
                 day: str | None, centroid: str, entities: str) -> int:
    """A new story of one article (its headline, date and JSON profiles); its id."""
    cur = conn.execute(
        "INSERT INTO stories (title, title_article, title_score, first_seen, last_seen, "
        "n_articles, centroid, entities) VALUES (?, ?, 1.0, ?, ?, 1, ?, ?)",
        (title, article_id, day, day, centroid, entities))
    return int(cur.lastrowid or 0)


def update_story(conn: sqlite3.Connection, story_id: int, *, title: str | None,
                 title_article: str | None, title_score: float, first_seen: str | None,
                 last_seen: str | None, centroid: str, entities: str) -> None:
    """A story that gained one member: its new headline, dates and profiles."""
    conn.execute(
        "UPDATE stories SET title = ?, title_article = ?, title_score = ?, first_seen = ?, "
        "last_seen = ?, n_articles = n_articles + 1, centroid = ?, entities = ?, "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
        (title, title_article, title_score, first_seen, last_seen, centroid, entities,
         story_id))


def member_vectors(conn: sqlite3.Connection, article_id: str) -> tuple[str, str] | None:
    """A placed article's term vector and entity profile (JSON); None when not placed."""
    row = conn.execute("SELECT vector, entities FROM story_articles WHERE article_id = ?",
                       (article_id,)).fetchone()
    return (row[0], row[1]) if row is not None else None


def recent_members(conn: sqlite3.Connection, story_id: int,
                   limit: int) -> list[tuple[str, str, str, str | None, str | None]]:
    """(article id, vector JSON, entities JSON, published, duplicate of) of a story's most
    recent members."""
    return [(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(
        "SELECT article_id, vector, entities, published, duplicate_of FROM story_articles "
        "WHERE story_id = ? ORDER BY published DESC LIMIT ?", (story_id, limit))]


def insert_member(conn: sqlite3.Connection, *, article_id: str, story_id: int,
                  published: str | None, score: float, duplicate_of: str | None, vector: str,
                  entities: str) -> None:
    conn.execute(
        "INSERT INTO story_articles (article_id, story_id, published, score, duplicate_of, "
        "vector, entities) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article_id, story_id, published, score, duplicate_of, vector, entities))


def index_story(conn: sqlite3.Connection, story_id: int, keys: list[str], seen: str) -> None:
    """File a story under these keys, seen on `seen` (a later date is kept)."""
    conn.executemany(
        "INSERT INTO story_keys (key, story_id, last_seen) VALUES (?, ?, ?) "
        "ON CONFLICT (key, story_id) DO UPDATE "
        "SET last_seen = max(story_keys.last_seen, excluded.last_seen)",
        [(k, story_id, seen) for k in keys])


def unplaced_articles(store: Store, limit: int | None = None) -> list[Briefing]:
    """Stored articles in no story yet, oldest first (undated last)."""
    sql = ("SELECT a.briefing FROM articles a LEFT JOIN story_articles s "
           "ON s.article_id = a.id WHERE s.article_id IS NULL "
           "ORDER BY a.published IS NULL, a.published, a.rowid")
    rows = store.conn.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
    return [Briefing.model_validate_json(row[0]) for row in rows]


def unplaced_count(store: Store) -> int:
    """How many stored articles are in no story yet."""
    row = store.conn.execute(
        "SELECT count(*) FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id "
        "WHERE s.article_id IS NULL").fetchone()
    return int(row[0])


def clear_stories(conn: sqlite3.Connection) -> None:
    """Forget every story, member, key and frequency."""
    for table in STORY_TABLES:
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


# Reading stories --------------------------------------------------------------------------------


def story_members(conn: sqlite3.Connection, story_id: int) -> list[StoryArticle]:
    """A story's articles, oldest first (undated last), each source named as the outlet."""
    rows = conn.execute(
        "SELECT a.id, a.external_id, a.title, a.source, a.published, a.url, s.duplicate_of "
        "FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
        "ORDER BY a.published IS NULL, a.published, a.rowid", (story_id,)).fetchall()
    return [StoryArticle(**{**dict(r), "source": outlet_name(r["source"], r["url"])})
            for r in rows]


def story_article_ids(conn: sqlite3.Connection, story_id: int, limit: int) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? LIMIT ?", (story_id, limit))]


def stories_of_articles(conn: sqlite3.Connection, article_ids: set[str]) -> set[int]:
    """The stories these articles are in."""
    ids = list(article_ids)
    out: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        out.update(int(r[0]) for r in conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id IN "
            f"({','.join('?' * len(chunk))})", chunk))
    return out


def find_story_rows(conn: sqlite3.Connection, *, since: str | None = None,
                    story_ids: set[int] | None = None, min_articles: int = 1,
                    limit: int = 50) -> list[StoryRow]:
    """Stories with at least `min_articles` members, seen on or after `since`, among
    `story_ids` when given; most recently active first."""
    where: list[str] = ["n_articles >= ?"]
    args: list[object] = [min_articles]
    if since:
        where.append("last_seen >= ?")
        args.append(since)
    if story_ids is not None:
        if not story_ids:
            return []
        where.append(f"id IN ({','.join(str(int(s)) for s in story_ids)})")
    rows = conn.execute(
        f"SELECT {_STORY_COLS} FROM stories WHERE {' AND '.join(where)} "
        "ORDER BY last_seen IS NULL, last_seen DESC, n_articles DESC, id DESC LIMIT ?",
        (*args, limit)).fetchall()
    return [_story_row(r) for r in rows]


# Digest runs ------------------------------------------------------------------------------------


def last_digest_run(store: Store, query: str) -> tuple[str, list[str], list[str]] | None:
    """(when, article ids, event keys) of the last recorded digest of this query."""
    row = store.conn.execute("SELECT created_at, article_ids, event_keys FROM digest_runs "
                             "WHERE query = ? ORDER BY id DESC LIMIT 1", (query,)).fetchone()
    if row is None:
        return None
    return row[0], json.loads(row[1]), json.loads(row[2])


def record_digest_run(store: Store, query: str, article_ids: list[str],
                      event_keys: list[str]) -> None:
    with store.transaction() as conn:
        conn.execute("INSERT INTO digest_runs (query, article_ids, event_keys) VALUES (?, ?, ?)",
                     (query, json.dumps(article_ids), json.dumps(event_keys)))
