"""Near-duplicate articles: one story carried by many sites is one article with many sources.

Exact copies already collapse by content hash. Here, MinHash signatures over word 5-shingles
find copies with small edits (a wire story re-published with a different credit line or a
trimmed last paragraph): such a copy is not stored again, its source is added to the original's
`article_sources`. A story updated later (same URL, or same headline, with the text changed
moderately) is stored as a new version and linked to the earlier one (`kind = 'update'`).
Signatures live in the store (`article_signatures`), links in `duplicates`.
"""

from __future__ import annotations

import re
import sqlite3
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

from wirebrief.models import Briefing
from wirebrief.store.db import Store

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2 needs it named when signatures are read back
LSH_THRESHOLD = 0.5  # candidate recall; the decision below uses the estimated similarity
NEAR_THRESHOLD = 0.7  # Jaccard of 5-shingles: a handful of edited sentences in an article
CONTAINMENT_THRESHOLD = 0.9  # a truncated copy: almost all of the shorter text is in the longer
UPDATE_MIN = 0.2  # below this, the same URL or headline carries a different story
TRIVIAL_CHANGE = 0.98  # punctuation-only edits: the same article, not a new version

Kind = Literal["exact", "near", "update"]
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|cmp$|ocid$)", re.IGNORECASE)


@dataclass(frozen=True)
class DuplicateMatch:
    article_id: str  # the stored article this one duplicates
    similarity: float  # estimated Jaccard similarity of word 5-shingles
    kind: Kind


@dataclass(frozen=True)
class DedupResult:
    """What `store_with_dedup` did; `id` is the article that now carries this source."""

    id: str
    created: bool
    duplicate_of: str | None = None
    kind: Kind | None = None
    similarity: float | None = None


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD_RE.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def url_key(url: str | None) -> str | None:
    """The URL with scheme, 'www.', fragment, tracking parameters and trailing '/' removed."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        )
    )
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", query, "")).lstrip("/")


def title_key(title: str | None) -> str | None:
    words = _WORD_RE.findall((title or "").casefold())
    return " ".join(words) if len(words) >= 3 else None  # "Home" is not a headline


class NearDuplicateIndex:
    """MinHash LSH over the store's articles; open one per Store (see `index_for`)."""

    def __init__(
        self, store: Store, *, near_threshold: float = NEAR_THRESHOLD, num_perm: int = NUM_PERM
    ) -> None:
        self.store = store
        self.near_threshold = near_threshold
        self.num_perm = num_perm
        # Permutations drawn once: creating them per MinHash would dominate the cost.
        self._perms = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=num_perm)
        self._sigs: dict[str, tuple[MinHash, int]] = {}
        self._last_rowid = 0
        self._load()
        self.backfill()

    # Signatures -----------------------------------------------------------------------------

    def minhash(self, text: str) -> tuple[MinHash, int]:
        grams = shingles(text)
        m = MinHash(num_perm=self.num_perm, seed=SEED, permutations=self._perms, scheme=SCHEME)
        if grams:
            m.update_batch(list(grams))
        return m, len(grams)

    def _load(self) -> None:
        """Read the signatures stored since the last read (all of them the first time): other
        processes and machines writing to the same store add theirs."""
        rows = self.store.conn.execute(
            "SELECT rowid, article_id, n_shingles, signature FROM article_signatures "
            "WHERE num_perm = ? AND rowid > ? ORDER BY rowid",
            (self.num_perm, self._last_rowid),
        ).fetchall()
        for row in rows:
            self._last_rowid = max(self._last_rowid, int(row["rowid"]))
            values = np.frombuffer(row["signature"], dtype=np.uint64).copy()
            m = MinHash(
                num_perm=self.num_perm,
                seed=SEED,
                hashvalues=values,
                permutations=self._perms,
                scheme=SCHEME,
            )
            self._remember(row["article_id"], m, int(row["n_shingles"]))

    def refresh(self) -> None:
        """Take in the signatures other connections (another ingest running at the same time)
        committed since the index was loaded. Called inside the write transaction, it leaves
        nothing out: no other writer can commit until this one does."""
        self._load()

    def _remember(self, article_id: str, m: MinHash, n: int) -> None:
        if article_id in self._sigs:
            return
        self._sigs[article_id] = (m, n)
        self._lsh.insert(article_id, m, check_duplication=False)

    def backfill(self) -> int:
        """Sign articles stored without dedup (plain `Store.add`); returns how many."""
        rows = self.store.conn.execute(
            "SELECT id, url, title, text FROM articles WHERE id NOT IN "
            "(SELECT article_id FROM article_signatures)"
        ).fetchall()
        if rows:
            with self.store.transaction():  # one commit, not one per article
                for row in rows:
                    self.add_signed(row["id"], row["text"], row["url"], row["title"])
        return len(rows)

    def add(self, briefing: Briefing) -> None:
        """Index a stored article."""
        self.add_signed(briefing.id, briefing.text, briefing.url, briefing.title)

    def add_signed(
        self,
        article_id: str,
        text: str,
        url: str | None,
        title: str | None,
        signed: tuple[MinHash, int] | None = None,
    ) -> None:
        m, n = signed or self.minhash(text)
        self.store.conn.execute(
            "INSERT OR IGNORE INTO article_signatures (article_id, num_perm, n_shingles, "
            "signature, url_key, title_key) VALUES (?,?,?,?,?,?)",
            (
                article_id,
                self.num_perm,
                n,
                m.hashvalues.astype(np.uint64).tobytes(),
                url_key(url),
                title_key(title),
            ),
        )
        self._remember(article_id, m, n)

    # Matching -------------------------------------------------------------------------------

    def _similar(self, m: MinHash, n: int, article_id: str) -> tuple[float, float]:
        """(Jaccard, containment of the shorter in the longer), both estimated."""
        other = self._sigs.get(article_id)
        if other is None:
            return 0.0, 0.0
        om, on = other
        jac = float(m.jaccard(om))
        if min(n, on) == 0:
            return jac, 0.0
        # |A ∩ B| = J (|A| + |B|) / (1 + J)
        inter = jac * (n + on) / (1.0 + jac)
        return jac, min(1.0, inter / min(n, on))

    def _same_story_ids(self, column: str, key: str | None) -> list[str]:
        if not key:
            return []
        rows = self.store.conn.execute(
            f"SELECT article_id FROM article_signatures WHERE {column} = ? "  # noqa: S608
            "ORDER BY rowid DESC LIMIT 20",
            (key,),
        ).fetchall()
        return [r[0] for r in rows]

    def check(
        self, briefing: Briefing, signed: tuple[MinHash, int] | None = None
    ) -> DuplicateMatch | None:
        """Does this article duplicate a stored one? exact, near (a copy) or update (a version)."""
        if self.store.has(briefing.id):
            return DuplicateMatch(briefing.id, 1.0, "exact")
        # This very text was merged before: merge it into the same article again, whatever was
        # stored since (a later version under the same headline would otherwise claim it).
        merged = self.store.conn.execute(
            "SELECT duplicate_of, similarity FROM duplicates WHERE article_id = ? "
            "AND kind = 'near' ORDER BY rowid LIMIT 1",
            (briefing.id,),
        ).fetchone()
        if merged is not None:
            return DuplicateMatch(merged[0], float(merged[1]), "near")
        m, n = signed or self.minhash(briefing.text)
        # A newer version of a story at the same address, or under the same headline.
        for column, key in (
            ("url_key", url_key(briefing.url)),
            ("title_key", title_key(briefing.title)),
        ):
            for other in self._same_story_ids(column, key):
                jac, _ = self._similar(m, n, other)
                if jac >= TRIVIAL_CHANGE:
                    return DuplicateMatch(other, jac, "near")
                if column == "url_key" and jac >= UPDATE_MIN:
                    return DuplicateMatch(other, jac, "update")
                if column == "title_key" and UPDATE_MIN <= jac < self.near_threshold:
                    return DuplicateMatch(other, jac, "update")
        best: DuplicateMatch | None = None
        for other in self._lsh.query(m):
            jac, contained = self._similar(m, n, other)
            near = jac >= self.near_threshold or (
                contained >= CONTAINMENT_THRESHOLD and jac >= LSH_THRESHOLD
            )
            if near and (best is None or jac > best.similarity):
                best = DuplicateMatch(other, jac, "near")
        return best

    # Reading --------------------------------------------------------------------------------

    def links(self, article_id: str) -> list[dict[str, object]]:
        """Every duplicate link touching an article, oldest first."""
        rows = self.store.conn.execute(
            "SELECT article_id, duplicate_of, similarity, kind, external_id, url FROM duplicates "
            "WHERE article_id = ? OR duplicate_of = ? ORDER BY rowid",
            (article_id, article_id),
        )
        return [dict(r) for r in rows]


_INDEXES: weakref.WeakKeyDictionary[Store, NearDuplicateIndex] = weakref.WeakKeyDictionary()


def index_for(store: Store) -> NearDuplicateIndex:
    """The store's index, built (and backfilled) on first use, then kept with the store."""
    index = _INDEXES.get(store)
    if index is None:
        index = _INDEXES[store] = NearDuplicateIndex(store)
    return index


def forget_index(store: Store) -> None:
    """Drop the store's cached index after a rollback: it may hold signatures of rows that were
    undone. The next `index_for` reloads it from what was committed."""
    _INDEXES.pop(store, None)


def store_with_dedup(
    store: Store, briefing: Briefing, index: NearDuplicateIndex | None = None
) -> DedupResult:
    """Store a briefing unless it is a near-duplicate; call this instead of `Store.add`.

    A near-duplicate is not stored: its source joins the original's `article_sources` and a
    'near' link is recorded. An update is stored as a new article with an 'update' link.
    """
    index = index or index_for(store)
    signed = index.minhash(briefing.text)
    index.refresh()  # another process may have stored a copy since the index was loaded
    match = index.check(briefing, signed)
    if match is None or match.kind == "exact":
        result = store.add(briefing)
        if result.created:
            index.add_signed(briefing.id, briefing.text, briefing.url, briefing.title, signed)
        return DedupResult(
            result.id,
            result.created,
            kind="exact" if match else None,
            duplicate_of=match.article_id if match else None,
            similarity=1.0 if match else None,
        )
    external = briefing.external_id or briefing.url or briefing.id
    if match.kind == "near":
        with store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO article_sources (article_id, external_id, url, source) "
                "VALUES (?, ?, ?, ?)",
                (match.article_id, external, briefing.url, briefing.source),
            )
            _link(conn, briefing, match, external)
        return DedupResult(match.article_id, False, match.article_id, "near", match.similarity)
    result = store.add(briefing)
    index.add_signed(briefing.id, briefing.text, briefing.url, briefing.title, signed)
    with store.transaction() as conn:
        _link(conn, briefing, match, external)
    return DedupResult(result.id, result.created, match.article_id, "update", match.similarity)


def _link(
    conn: sqlite3.Connection, briefing: Briefing, match: DuplicateMatch, external: str
) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO duplicates (article_id, duplicate_of, similarity, kind, "
        "external_id, url) VALUES (?,?,?,?,?,?)",
        (
            briefing.id,
            match.article_id,
            round(match.similarity, 4),
            match.kind,
            external,
            briefing.url,
        ),
    )


def store_all(store: Store, briefings: Iterable[Briefing]) -> list[DedupResult]:
    index = index_for(store)
    return [store_with_dedup(store, b, index) for b in briefings]


__all__ = [
    "DedupResult",
    "DuplicateMatch",
    "NearDuplicateIndex",
    "forget_index",
    "index_for",
    "shingles",
    "store_all",
    "store_with_dedup",
    "title_key",
    "url_key",
]
