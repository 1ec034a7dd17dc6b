"""`ingest_documents`: parallel = serial, batched commits, crash safety, idempotent re-ingest."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.corpus import documents
from wirebrief.ingest import run
from wirebrief.ingest.reader import BadRecord, RawDocument
from wirebrief.ingest.run import ingest_documents
from wirebrief.models import Briefing
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream
from wirebrief.store.db import Store
from wirebrief.stories.threads import assign_to_story

OPTIONS = BriefOptions(analyse=False)
REPO = Path(__file__).resolve().parents[2]
# Columns filled from the clock are left out: two runs differ only there.
_TABLES = {
    "articles": "id, external_id, url, title, published, source, text, summary, briefing",
    "article_sources": "article_id, external_id, url, source",
    "article_signatures": "article_id, n_shingles, signature, url_key, title_key",
    "duplicates": "article_id, duplicate_of, similarity, kind, external_id, url",
    "stories": "id, title, title_article, first_seen, last_seen, n_articles, centroid, entities",
    "story_articles": "article_id, story_id, published, score, duplicate_of, vector",
    "story_keys": "key, story_id, last_seen",
    "story_df": "key, n",
    "story_meta": "name, value",
}


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    out: dict[str, list[tuple[object, ...]]] = {}
    try:
        for table, cols in _TABLES.items():
            try:  # insertion order, where the table has one
                out[table] = conn.execute(f"SELECT {cols} FROM {table} ORDER BY rowid").fetchall()
            except sqlite3.OperationalError:  # WITHOUT ROWID: its key order
                out[table] = conn.execute(f"SELECT {cols} FROM {table} ORDER BY {cols}").fetchall()
    finally:
        conn.close()
    return out


def ingest(db: Path, docs: list[RawDocument | BadRecord], **kwargs: object
           ) -> tuple[run.IngestSummary, list[tuple[str | None, str]]]:
    seen: list[tuple[str | None, str]] = []

    def record(result: Briefing | BriefFailure, outcome: str) -> None:
        seen.append((result.external_id, outcome))

    with Store(db) as store:
        summary = ingest_documents(docs, store, OPTIONS, on_result=record,  # type: ignore[arg-type]
                                   place=assign_to_story, **kwargs)
    return summary, seen


def test_corpus_exercises_every_outcome(tmp_path: Path) -> None:
    summary, seen = ingest(tmp_path / "a.db", documents())
    assert summary.new >= 10 and summary.same >= 3 and summary.merged >= 4
    assert summary.failed == 2
    kinds = {row[3] for row in dump(tmp_path / "a.db")["duplicates"]}
    assert kinds == {"near", "update"}
    docs = documents()
    assert [ext for ext, _ in seen] == [d.external_id for d in docs]  # input order


def test_parallel_ingest_stores_the_same_as_serial(tmp_path: Path) -> None:
    docs = documents()
    serial, serial_seen = ingest(tmp_path / "serial.db", docs, batch_size=5)
    parallel, parallel_seen = ingest(tmp_path / "parallel.db", docs, batch_size=5, workers=2)
    assert parallel_seen == serial_seen
    assert (parallel.new, parallel.same, parallel.merged, parallel.failed) == (
        serial.new, serial.same, serial.merged, serial.failed)
    assert [f.error.reason for f in parallel.failures] == [f.error.reason for f in
                                                           serial.failures]
    assert dump(tmp_path / "parallel.db") == dump(tmp_path / "serial.db")


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    ingest(db, documents(), batch_size=4)
    before = dump(db)
    again, _ = ingest(db, documents(), batch_size=4)  # a new Store: index reloaded from disk
    assert again.new == 0 and again.failed == 2
    assert dump(db) == before
    with Store(db) as store:  # and twice on one Store, with its index kept in memory
        ingest_documents(documents(), store, OPTIONS, place=assign_to_story)
        ingest_documents(documents(), store, OPTIONS, place=assign_to_story)
    assert dump(db) == before


def _breaks_after(docs: list[RawDocument | BadRecord], n: int
                  ) -> Iterator[RawDocument | BadRecord]:
    yield from docs[:n]
    raise RuntimeError("source went away")


def test_error_in_the_stream_keeps_what_was_briefed(tmp_path: Path) -> None:
    docs = [d for d in documents() if isinstance(d, RawDocument)]
    db = tmp_path / "w.db"
    with Store(db) as store, pytest.raises(RuntimeError, match="source went away"):
        ingest_documents(_breaks_after(docs, 10), store, OPTIONS, batch_size=4,
                         place=assign_to_story)
    partial, _ = ingest(tmp_path / "ten.db", docs[:10])
    assert dump(db) == dump(tmp_path / "ten.db")  # two whole batches and the two after them
    # Resuming with everything gives what one clean run gives.
    ingest(db, docs, batch_size=4)
    ingest(tmp_path / "clean.db", docs, batch_size=4)
    assert dump(db) == dump(tmp_path / "clean.db")


def test_error_while_storing_keeps_whole_articles(tmp_path: Path) -> None:
    docs = [d for d in documents() if isinstance(d, RawDocument)]
    calls = {"n": 0}

    def flaky(store: Store, briefing: Briefing) -> None:
        calls["n"] += 1
        if calls["n"] == 6:  # the sixth new article: inside the second batch of four
            raise sqlite3.OperationalError("disk on fire")
        assign_to_story(store, briefing)

    db = tmp_path / "w.db"
    with Store(db) as store, pytest.raises(sqlite3.OperationalError, match="disk on fire"):
        ingest_documents(docs, store, OPTIONS, batch_size=4, place=flaky)
    state = dump(db)
    articles = {row[0] for row in state["articles"]}
    placed = {row[0] for row in state["story_articles"]}
    signed = {row[0] for row in state["article_signatures"]}
    assert len(articles) == 5  # the five before the failing one, none half-written
    assert articles == placed == signed
    ingest(db, docs, batch_size=4)
    ingest(tmp_path / "clean.db", docs, batch_size=4)
    assert dump(db) == dump(tmp_path / "clean.db")


def test_killed_mid_batch_loses_only_that_batch(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    # A separate process dies abruptly (no cleanup, no commit) while storing its third batch.
    script = textwrap.dedent(f"""
        import os
        from tests.ingest.corpus import documents
        from wirebrief.ingest import run
        from wirebrief.pipeline import BriefOptions
        from wirebrief.store.db import Store
        from wirebrief.stories.threads import assign_to_story

        real, calls = run.store_briefing, [0]
        def dying(store, briefing, place=None):
            calls[0] += 1
            if calls[0] == 10:
                os._exit(9)
            return real(store, briefing, place)
        run.store_briefing = dying
        docs = [d for d in documents() if not hasattr(d, "error")]
        run.ingest_documents(docs, Store({str(db)!r}), BriefOptions(analyse=False), batch_size=4,
                             place=assign_to_story)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                          text=True, env={"PYTHONPATH": f"{REPO / 'src'}:{REPO}",
                                          "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 9, proc.stderr
    docs = [d for d in documents() if isinstance(d, RawDocument)]
    ingest(tmp_path / "eight.db", docs[:8])
    assert dump(db) == dump(tmp_path / "eight.db")  # the first two batches, committed
    ingest(db, docs, batch_size=4)
    ingest(tmp_path / "clean.db", docs, batch_size=4)
    assert dump(db) == dump(tmp_path / "clean.db")


def test_one_transaction_per_batch(tmp_path: Path) -> None:
    docs = [d for d in documents() if isinstance(d, RawDocument)]
    with Store(tmp_path / "w.db") as store:
        commits = {"n": 0}

        def count(statement: str) -> None:
            if statement.strip().upper() == "COMMIT":
                commits["n"] += 1

        store.conn.set_trace_callback(count)
        ingest_documents(docs, store, OPTIONS, batch_size=8, place=assign_to_story)
        store.conn.set_trace_callback(None)
    assert commits["n"] == -(-len(docs) // 8)


class _KillsItsWorker:
    """A record whose unpickling ends the worker process at once, as a parser crash would."""

    external_id = "killer"

    def __reduce__(self) -> tuple[object, ...]:
        return (os._exit, (70,))


def test_a_record_that_kills_its_worker_fails_alone(tmp_path: Path) -> None:
    docs = [d for d in documents() if isinstance(d, RawDocument)]
    hostile: list[object] = [*docs[:6], _KillsItsWorker(), *docs[6:]]
    results = list(brief_stream(hostile, OPTIONS, workers=2))  # type: ignore[arg-type]
    assert [r.external_id for r in results] == [getattr(d, "external_id", None) for d in hostile]
    dead = results[6]
    assert isinstance(dead, BriefFailure) and dead.error.reason == "worker_died"
    serial = list(brief_stream(docs, OPTIONS))
    assert [r.id for r in results if isinstance(r, Briefing)] == [
        r.id for r in serial if isinstance(r, Briefing)]


def test_place_gets_each_new_article_once(tmp_path: Path) -> None:
    """Ingest hands new articles to `place` (stories are a layer above it); without one, the
    articles are stored and wait unplaced."""
    placed: list[str] = []
    with Store(tmp_path / "p.db") as store:
        summary = ingest_documents(documents(), store, OPTIONS,
                                   place=lambda _store, b: placed.append(b.id))
        assert len(placed) == len(set(placed)) == summary.new == store.count()
    with Store(tmp_path / "bare.db") as store:
        ingest_documents(documents(), store, OPTIONS)
    assert dump(tmp_path / "bare.db")["story_articles"] == []
