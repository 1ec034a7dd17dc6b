"""Schema migrations, applied in order and recorded in `_wirebrief_migrations`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from wirebrief.store.postgres import PgConnection
from wirebrief.store.sql import ddl_to_postgres

MIGRATION_LOCK_KEY = 0x77626D67  # "wbmg"
Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_articles")
def _articles(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            external_id TEXT,
            url TEXT,
            title TEXT,
            published TEXT,
            source TEXT,
            author TEXT,
            language TEXT,
            text TEXT NOT NULL,
            summary TEXT,
            briefing TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX articles_published ON articles (published);
        CREATE TABLE article_sources (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            external_id TEXT NOT NULL,
            url TEXT,
            source TEXT,
            UNIQUE (article_id, external_id)
        );
        CREATE INDEX article_sources_external ON article_sources (external_id);
        CREATE TABLE entities (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            canonical TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            country TEXT,
            role TEXT,
            subtype TEXT
        );
        CREATE INDEX entities_canonical ON entities (type, canonical);
        CREATE INDEX entities_article ON entities (article_id);
        CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            type TEXT NOT NULL,
            actor_country TEXT,
            recipient_country TEXT,
            date_value TEXT,
            aux TEXT,
            weapons TEXT NOT NULL,
            confidence REAL NOT NULL,
            event TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX events_type ON events (type);
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, text, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        """,
    )


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names.

    The same migrations serve both backends: on PostgreSQL each statement is run in its
    PostgreSQL form (`sql.ddl_to_postgres`), under an advisory lock, so that several machines
    opening a new database at once apply each migration once."""
    postgres = isinstance(conn, PgConnection)
    if postgres:
        conn.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK_KEY,))
    try:
        return _apply(conn)
    finally:
        if postgres:
            conn.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK_KEY,))


def _apply(conn: sqlite3.Connection) -> list[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _wirebrief_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
    )
    done = {r[0] for r in conn.execute("SELECT name FROM _wirebrief_migrations")}
    applied: list[str] = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            fn(conn)
            conn.execute(
                "INSERT INTO _wirebrief_migrations VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(name)
    return applied


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would commit our open transaction."""
    for statement in script.split(";\n"):
        if not statement.strip():
            continue
        if isinstance(conn, PgConnection):
            for pg in ddl_to_postgres(statement):
                conn.execute_ddl(pg)
        else:
            conn.execute(statement)


@migration("0002_dedup")
def _dedup(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE article_signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            num_perm INTEGER NOT NULL,
            n_shingles INTEGER NOT NULL,
            signature BLOB NOT NULL,
            url_key TEXT,
            title_key TEXT,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX article_signatures_url ON article_signatures (url_key);
        CREATE INDEX article_signatures_title ON article_signatures (title_key);
        CREATE TABLE duplicates (
            article_id TEXT NOT NULL,
            duplicate_of TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('near', 'update')),
            external_id TEXT,
            url TEXT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (article_id, duplicate_of)
        );
        CREATE INDEX duplicates_of ON duplicates (duplicate_of);
        """,
    )


@migration("0004_stories")
def _stories(conn: sqlite3.Connection) -> None:
    # Story threads are built incrementally: each story keeps its own text centroid and entity
    # profile, and `story_keys` is an inverted index (rare entity or term -> story, last seen)
    # so placing an article looks at a handful of candidate stories, not the whole store.
    _run_script(
        conn,
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT,
            title_article TEXT,
            title_score REAL NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_seen TEXT,
            n_articles INTEGER NOT NULL DEFAULT 0,
            centroid TEXT NOT NULL,
            entities TEXT NOT NULL,
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX stories_last_seen ON stories (last_seen);
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            published TEXT,
            score REAL NOT NULL,
            duplicate_of TEXT,
            vector TEXT NOT NULL,
            entities TEXT NOT NULL,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX story_articles_story ON story_articles (story_id, published);
        CREATE TABLE story_keys (
            key TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (key, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_keys_recent ON story_keys (key, last_seen);
        CREATE TABLE story_df (
            key TEXT PRIMARY KEY,
            n INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE story_meta (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        CREATE TABLE digest_runs (
            id INTEGER PRIMARY KEY,
            query TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            article_ids TEXT NOT NULL,
            event_keys TEXT NOT NULL
        );
        CREATE INDEX digest_runs_query ON digest_runs (query, id)
        """,
    )


@migration("0005_query_indexes")
def _query_indexes(conn: sqlite3.Connection) -> None:
    """Entity pages and event filters look up by country; without these they scan."""
    _run_script(
        conn,
        """
        CREATE INDEX IF NOT EXISTS entities_country ON entities (country, type);
        CREATE INDEX IF NOT EXISTS events_actor ON events (actor_country, type);
        CREATE INDEX IF NOT EXISTS events_recipient ON events (recipient_country, type);
        CREATE INDEX IF NOT EXISTS events_date ON events (date_value)
        """,
    )


@migration("0006_event_location")
def _event_location(conn: sqlite3.Connection) -> None:
    """Where an event happened, as its own column (events by place without reading the JSON),
    filled in from the stored event for the events already there."""
    _run_script(
        conn,
        """
        ALTER TABLE events ADD COLUMN location TEXT;
        CREATE INDEX IF NOT EXISTS events_location ON events (location)
        """,
    )
    rows = conn.execute("SELECT article_id, idx, event FROM events").fetchall()
    updates = []
    for article_id, idx, event in rows:
        try:
            stored = json.loads(event) if isinstance(event, str | bytes) else event
            place = stored.get("location") if isinstance(stored, dict) else None
        except ValueError:
            continue
        if isinstance(place, str) and place:
            updates.append((place, article_id, idx))
    if updates:
        conn.executemany("UPDATE events SET location = ? WHERE article_id = ? AND idx = ?",
                         updates)
