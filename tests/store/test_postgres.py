"""PostgreSQL as the store: the same answers as SQLite for the same articles, through the same
commands; idempotent, concurrent ingests; rows really in the server; clear errors for URLs the
store cannot use. The server tests skip, with the reason, where no PostgreSQL can be started."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.ingest.corpus import documents
from wirebrief.cli import app
from wirebrief.config import load_settings
from wirebrief.errors import StoreError
from wirebrief.ingest.reader import iter_documents
from wirebrief.ingest.run import ingest_documents
from wirebrief.pipeline import BriefOptions
from wirebrief.store.db import Store
from wirebrief.store.search import search
from wirebrief.store.sql import PostgresFullText, ddl_to_postgres, to_postgres

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
REPO = Path(__file__).resolve().parents[2]


# Without a server -----------------------------------------------------------------------------


@pytest.mark.parametrize(("sqlite", "postgres"), [
    ("SELECT x FROM t WHERE a = ? AND b LIKE ?", "SELECT x FROM t WHERE a = %s AND b ILIKE %s"),
    ("INSERT OR IGNORE INTO t (a) VALUES (?)",
     "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"),
    ("SELECT 1 FROM json_each(ev.weapons) w WHERE w.value = ?",
     "SELECT 1 FROM json_array_elements_text((ev.weapons)::json) AS w(value) WHERE w.value = %s"),
    ("id IN (SELECT value FROM json_each(?))",
     "id IN (SELECT value FROM json_array_elements_text((%s)::json) AS _j(value))"),
    ("d GLOB '[0-9][0-9]*'", "d ~ '^[0-9][0-9].*$'"),
    ("SELECT 'it''s 5% ?' WHERE 1", "SELECT 'it''s 5%% ?' WHERE TRUE"),
    ("name = ? COLLATE NOCASE", "lower(name) = lower(%s)"),
    ("SET s = max(t.s, excluded.s)", "SET s = GREATEST(t.s, excluded.s)"),
    ("BEGIN IMMEDIATE", "BEGIN"),
    ("INSERT INTO stories (t) VALUES (?)", "INSERT INTO stories (t) VALUES (%s) RETURNING id"),
])
def test_sql_is_written_once_and_spoken_in_postgres(sqlite: str, postgres: str) -> None:
    assert to_postgres(sqlite) == postgres


def test_ddl_for_postgres() -> None:
    [table] = ddl_to_postgres("CREATE TABLE t (id INTEGER PRIMARY KEY, sig BLOB, x REAL)")
    assert "IDENTITY PRIMARY KEY" in table and "BYTEA" in table and "DOUBLE PRECISION" in table
    [plain] = ddl_to_postgres("CREATE TABLE k (key TEXT PRIMARY KEY) WITHOUT ROWID")
    assert "rowid BIGINT GENERATED ALWAYS AS IDENTITY" in plain and "WITHOUT" not in plain
    fts = ddl_to_postgres("CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text)")
    assert any("tsvector" in s for s in fts) and any("gin" in s for s in fts)


def test_search_query_for_postgres() -> None:
    fts = PostgresFullText()
    assert fts.query("Iskander-M Belarus") == "('Iskander' <-> 'M') & 'Belarus'"
    assert fts.query("tanks OR howitzers") == "'tanks' | 'howitzers'"
    assert fts.query("-- ' ;") == ""


def test_a_url_the_store_cannot_use_is_an_error_never_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="not a store Wirebrief can open"):
        Store("mysql://user@host/db")
    with pytest.raises(StoreError, match="cannot connect"):
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["list", "--db", "postgresql://nobody:secret@127.0.0.1:1/x"])
    assert result.exit_code != 0
    assert "cannot connect" in result.output and "secret" not in result.output
    assert list(tmp_path.iterdir()) == []  # no `postgresql:` folder, no SQLite file
    settings = load_settings(db="postgresql://u@h:5432/db")
    assert settings.db_target == "postgresql://u@h:5432/db"
    with pytest.raises(StoreError):
        _ = settings.db_path


# Against a server ------------------------------------------------------------------------------


def _ingest(target: str | Path, analyse: bool = True) -> tuple[int, int]:
    docs = [*documents(8), *iter_documents([str(ARTICLES)], 1 << 22)]
    with Store(target) as store:
        summary = ingest_documents(docs, store, BriefOptions(analyse=analyse,
                                                             published=None))
        return summary.new, summary.failed


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.model
def test_same_answers_as_sqlite(pg_url: str, tmp_path: Path) -> None:
    sqlite = tmp_path / "store.db"
    assert _ingest(sqlite) == _ingest(pg_url)
    assert _ingest(pg_url)[0] == 0  # a second ingest adds nothing
    for command in (
        ["list", "--json", "--limit", "100"],
        ["search", "--json", "howitzers"],
        ["search", "--json", "Ukraine OR Taiwan"],
        ["search", "--json", "air defence"],
        ["show", "--json", "site-a/3"],
        ["events"],
        ["events", "--entity", "Ukraine"],
        ["stories"],
        ["timeline", "--entity", "Ukraine"],
        ["digest"],
    ):
        on_sqlite = _cli(*command, "--db", str(sqlite))
        on_postgres = _cli(*command, "--db", pg_url)
        if command[0] == "search":  # the snippets are each engine's own; hits and order agree
            on_sqlite = [(h["id"], h["title"]) for h in json.loads(on_sqlite)]
            on_postgres = [(h["id"], h["title"]) for h in json.loads(on_postgres)]
            assert on_sqlite, command
        if command[0] == "digest":  # each run says when it was made: a second may pass between
            on_sqlite, on_postgres = (re.sub(r"generated \S+Z\.", "generated (time).", out)
                                      for out in (on_sqlite, on_postgres))
        assert on_postgres == on_sqlite, command

    reanalysed = [CliRunner().invoke(app, ["reanalyse", "--db", target]).output.split(" → ")[0]
                  for target in (str(sqlite), pg_url)]
    assert reanalysed[0] == reanalysed[1] and " re-analysed" in reanalysed[0]

    import psycopg

    with psycopg.connect(pg_url) as conn:  # the rows are in the server, not in a local file
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    with Store(sqlite) as store:
        assert n_articles == store.count() > 10
        assert n_events == store.conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_search_ranks_and_snippets(pg_url: str) -> None:
    _ingest(pg_url, analyse=False)
    with Store(pg_url) as store:
        hits = search(store, "howitzers").items
        assert hits and all("[" in (h.marked_snippet() or "") for h in hits)
        assert (hits[0].score or 0) <= (hits[-1].score or 0)
        assert "howitzers" in (hits[0].title or "").lower()
        assert search(store, "Iskander-M ' OR 1=1 --").items == []


def test_concurrent_ingests_store_no_duplicate(pg_url: str, tmp_path: Path) -> None:
    """Several machines ingesting the same articles at once: each article is stored once."""
    script = (
        "import sys\n"
        "from tests.ingest.corpus import documents\n"
        "from wirebrief.ingest.run import ingest_documents\n"
        "from wirebrief.pipeline import BriefOptions\n"
        "from wirebrief.store.db import Store\n"
        "with Store(sys.argv[1]) as store:\n"
        "    s = ingest_documents(documents(12), store, BriefOptions(analyse=False),"
        " batch_size=4)\n"
        "print(s.new, s.same, s.merged)\n"
    )
    Store(pg_url).close()  # migrations first, as a deployment would
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-c", script, pg_url], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    news = [int(out.split()[0]) for out, _ in outs]
    sqlite = tmp_path / "one.db"
    with Store(sqlite) as store:
        alone = ingest_documents(documents(12), store, BriefOptions(analyse=False))
    assert sum(news) == alone.new  # between them, the three stored each article once
    with Store(pg_url) as store:
        assert store.count() == alone.new
        dup = store.conn.execute(
            "SELECT count(*) FROM (SELECT article_id, external_id FROM article_sources "
            "GROUP BY article_id, external_id HAVING count(*) > 1) AS d").fetchone()[0]
        assert dup == 0
        links = store.conn.execute("SELECT count(*) FROM duplicates").fetchone()[0]
    with Store(sqlite) as store:
        assert links == store.conn.execute("SELECT count(*) FROM duplicates").fetchone()[0]


def test_batch_tasks_store_into_postgres(pg_url: str, tmp_path: Path) -> None:
    """`batch --store postgresql://...`: two partitions' tasks write into one shared store."""
    pytest.importorskip("pyarrow", reason="the batch output needs pyarrow (wirebrief[spark])")
    from wirebrief.batch.inputs import keyed
    from wirebrief.batch.partition import brief_partition

    docs = [d for d in documents(8) if not hasattr(d, "error")]
    rows = list(keyed("corpus", docs, 2))
    stored = [brief_partition(i, [r for r in rows if r[0][0] == i], out_dir=str(tmp_path),
                              options=BriefOptions(analyse=False), store_target=pg_url).stored_new
              for i in (0, 1)]
    with Store(tmp_path / "one.db") as store:
        alone = ingest_documents(docs, store, BriefOptions(analyse=False)).new
    with Store(pg_url) as store:
        assert store.count() == sum(stored) == alone
