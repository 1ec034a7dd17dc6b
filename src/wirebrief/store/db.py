"""The embedded store: SQLite with WAL and FTS5.

Articles are keyed by content hash, so re-ingesting the same text changes nothing; every source
that carried the same text is kept in `article_sources`. Each article is written in one
transaction (article, entities, events, search index together), or in one savepoint of a batch's
transaction, so a crash mid-ingest leaves only whole articles behind.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from wirebrief.errors import NotFoundError, StoreError
from wirebrief.models import Briefing
from wirebrief.store.migrations import apply_migrations
from wirebrief.store.postgres import (
    ANY_URL_RE,
    WRITE_LOCK_KEY,
    PgConnection,
    is_postgres_url,
    redact,
)
from wirebrief.store.sql import FullText, PostgresFullText


@dataclass(frozen=True)
class AddResult:
    id: str
    created: bool  # False: the same text was already stored


class Store:
    """One store: a SQLite file (or ':memory:'), or a PostgreSQL database given by a
    postgresql:// URL. Not shared across threads; open one per worker."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._savepoints = 0
        self.fts: FullText = FullText()
        if is_postgres_url(self.path):
            pg = PgConnection(self.path)
            self.conn = cast(sqlite3.Connection, pg)
            self.fts = PostgresFullText()
            try:
                apply_migrations(self.conn)
            except (sqlite3.Error, StoreError) as exc:
                pg.close()
                raise StoreError(f"cannot prepare the store at {redact(self.path)}: {exc}",
                                 reason="store_unavailable") from exc
            return
        if ANY_URL_RE.match(self.path):
            raise StoreError(
                f"{redact(self.path)}: not a store Wirebrief can open; give a SQLite file path "
                "or a postgresql://user@host:port/db URL", reason="bad_store_url")
        if self.path != ":memory:":
            try:
                Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the store's folder for {self.path}: {exc}"
                ) from exc
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            apply_migrations(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    @classmethod
    def on_connection(cls, url: str, raw: object) -> Store:
        """A PostgreSQL store over a connection someone else owns (a pool's); its schema is
        already migrated, and closing it is the owner's business."""
        store = cls.__new__(cls)
        store.path = url
        store._savepoints = 0
        store.fts = PostgresFullText()
        store.conn = cast(sqlite3.Connection, PgConnection(url, raw))
        return store

    @property
    def backend(self) -> str:
        return self.fts.name

    @property
    def label(self) -> str:
        """Where the store is, for messages (a URL without its password)."""
        return redact(self.path)

    def close(self) -> None:
        self.conn.close()

    def lock_for_write(self) -> None:
        """Inside a transaction: wait until no other writer is storing. SQLite's BEGIN
        IMMEDIATE already does; PostgreSQL takes an advisory lock held to the commit, so the
        near-duplicate check and the insert it decides are one step for every machine."""
        if self.backend == "postgresql":
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A transaction, or a savepoint inside the one already open (a batch of articles):
        either way, what happens inside is kept whole or undone whole."""
        if self.conn.in_transaction:
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:  # some errors already rolled everything back
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextmanager
    def batch(self) -> Iterator[sqlite3.Connection]:
        """One transaction around a batch of items, each written in its own `transaction()`
        (a savepoint): committed on the way out even when an error stops the batch, since
        every item that finished is whole and a failed one has already been undone."""
        if self.conn.in_transaction:  # inside the caller's transaction: its commit decides
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.Error:
                    self.conn.execute("ROLLBACK")
                    raise

    # Writing -----------------------------------------------------------------------------

    def add(self, briefing: Briefing) -> AddResult:
        """Store a briefing; idempotent by content hash."""
        with self.transaction() as conn:
            # An upsert, not a check then an insert: two writers storing the same text at
            # once (two machines) store it once.
            cur = conn.execute(
                "INSERT INTO articles (id, external_id, url, title, published, source, author, "
                "language, text, summary, briefing) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (id) DO NOTHING",
                (
                    briefing.id,
                    briefing.external_id,
                    briefing.url,
                    briefing.title,
                    briefing.published.isoformat() if briefing.published else None,
                    briefing.source,
                    briefing.author,
                    briefing.language,
                    briefing.text,
                    " ".join(s.text for s in briefing.summary),
                    briefing.model_dump_json(),
                ),
            )
            if cur.rowcount == 0:  # already stored
                self._add_source(conn, briefing)
                return AddResult(briefing.id, created=False)
            if self.backend == "sqlite":  # PostgreSQL indexes a generated column itself
                conn.execute(
                    "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                    (cur.lastrowid, briefing.title or "", briefing.text),
                )
            self._insert_analysis(conn, briefing)
            self._add_source(conn, briefing)
        return AddResult(briefing.id, created=True)

    @staticmethod
    def _insert_analysis(conn: sqlite3.Connection, briefing: Briefing) -> None:
        """The rows that index a briefing's entities and events for queries."""
        conn.executemany(
            "INSERT INTO entities (article_id, type, canonical, text, start, \"end\", country, "
            "role, subtype) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    briefing.id,
                    e.type.value,
                    e.canonical,
                    e.text,
                    e.start,
                    e.end,
                    e.country,
                    e.role,
                    e.subtype,
                )
                for e in briefing.entities
            ],
        )
        conn.executemany(
            "INSERT INTO events (article_id, idx, type, actor_country, recipient_country, "
            "date_value, aux, weapons, confidence, event, location) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    briefing.id,
                    i,
                    ev.type,
                    ev.actor.country if ev.actor else None,
                    ev.recipient.country if ev.recipient else None,
                    ev.date.value if ev.date else None,
                    ev.aux,
                    json.dumps(ev.weapon_systems),
                    ev.confidence,
                    ev.model_dump_json(),
                    ev.location,
                )
                for i, ev in enumerate(briefing.events)
            ],
        )

    def replace_analysis(self, briefing: Briefing) -> bool:
        """Swap in a new analysis (entities, events, transfers, summary) of a stored article
        with the same text; False when the article is not stored. Text, id, sources and story
        placement stay as they are."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (briefing.id,)).fetchone() \
                    is None:
                return False
            conn.execute("UPDATE articles SET summary = ?, briefing = ? WHERE id = ?",
                         (" ".join(s.text for s in briefing.summary),
                          briefing.model_dump_json(), briefing.id))
            conn.execute("DELETE FROM entities WHERE article_id = ?", (briefing.id,))
            conn.execute("DELETE FROM events WHERE article_id = ?", (briefing.id,))
            self._insert_analysis(conn, briefing)
        return True

    @staticmethod
    def _add_source(conn: sqlite3.Connection, briefing: Briefing) -> None:
        if briefing.external_id:
            conn.execute(
                "INSERT OR IGNORE INTO article_sources (article_id, external_id, url, source) "
                "VALUES (?, ?, ?, ?)",
                (briefing.id, briefing.external_id, briefing.url, briefing.source),
            )

    # Reading -----------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def has(self, article_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def get(self, key: str) -> Briefing:
        """An article by id, id prefix (8+ characters) or external id."""
        row = self.conn.execute("SELECT briefing FROM articles WHERE id = ?", (key,)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT a.briefing FROM articles a JOIN article_sources s ON s.article_id = a.id "
                "WHERE s.external_id = ? LIMIT 1",
                (key,),
            ).fetchone()
        if row is None and len(key) >= 8 and re.fullmatch(r"[0-9a-f]+", key):
            rows = self.conn.execute(
                "SELECT briefing FROM articles WHERE id LIKE ? LIMIT 2", (key + "%",)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFoundError(f"no article with id or external id {key!r}", reason="not_found")
        return Briefing.model_validate_json(row["briefing"])

    def sources(self, article_id: str) -> list[dict[str, str | None]]:
        rows = self.conn.execute(
            "SELECT external_id, url, source FROM article_sources WHERE article_id = ? "
            "ORDER BY rowid",
            (article_id,),
        ).fetchall()
        return [dict(r) for r in rows]


def fts_query(query: str) -> str:
    """Turn user input into a safe FTS5 query: every word quoted, OR kept, AND implied.

    "Iskander-M Belarus" must not be read as FTS5 syntax ('-' and ':' are operators there).
    """
    return FullText().query(query)


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5, which the embedded store's search needs."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()
    return True
