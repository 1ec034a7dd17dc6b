from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from wirebrief.errors import NotFoundError
from wirebrief.models import (
    Actor,
    Briefing,
    Entity,
    EntityType,
    Event,
    Evidence,
    SummarySentence,
)
from wirebrief.store.db import Store, fts_query
from wirebrief.store.search import search


def make_briefing(text: str, external_id: str = "a1", title: str = "Title") -> Briefing:
    from wirebrief.pipeline import content_id

    return Briefing(
        id=content_id(text),
        external_id=external_id,
        title=title,
        published=date(2024, 4, 3),
        text=text,
        summary=[SummarySentence(text=text[:20], start=0, end=20)],
        entities=[
            Entity(
                text="Belarus",
                type=EntityType.COUNTRY,
                canonical="Belarus",
                start=0,
                end=7,
                country="BLR",
            )
        ],
        events=[
            Event(
                type="AID",
                actor=Actor(text="Russia", country="RUS", kind="state"),
                recipient=Actor(text="Belarus", country="BLR", kind="state"),
                evidence=Evidence(sentence=text, start=0, end=len(text)),
                confidence=0.9,
            )
        ],
    )


@pytest.fixture
def fresh_store() -> Store:
    store = Store(":memory:")
    yield store
    store.close()


def test_store_add_is_idempotent_by_content(fresh_store: Store) -> None:
    b = make_briefing("Belarus has received the Iskander-M system from Russia.")
    assert fresh_store.add(b).created
    assert not fresh_store.add(b).created
    again = make_briefing("Belarus  has received the ISKANDER-M system from Russia.", "other")
    assert not fresh_store.add(again).created  # whitespace and case do not make a new article
    assert fresh_store.count() == 1
    assert [s["external_id"] for s in fresh_store.sources(b.id)] == ["a1", "other"]


def test_store_get_by_id_prefix_and_external_id(fresh_store: Store) -> None:
    b = make_briefing("Russia and Belarus began joint drills near Brest on Monday.", "wire/42")
    fresh_store.add(b)
    assert fresh_store.get(b.id) == b
    assert fresh_store.get(b.id[:10]).id == b.id
    assert fresh_store.get("wire/42").id == b.id
    with pytest.raises(NotFoundError):
        fresh_store.get("nothing-here")


def test_store_search_ranks_and_snippets(fresh_store: Store) -> None:
    fresh_store.add(
        make_briefing(
            "Iskander-M missiles arrived in Belarus. Iskander-M crews train.",
            "x",
            title="Iskander-M arrives",
        )
    )
    fresh_store.add(make_briefing("Finland joined NATO exercises in the Arctic this spring.", "y"))
    hits = search(fresh_store, "Iskander-M").items
    assert [h.external_id for h in hits] == ["x"]
    assert "[" in (hits[0].marked_snippet() or "")
    assert hits[0].model_dump(mode="json")["snippet"] == hits[0].marked_snippet()
    assert len(search(fresh_store, "Arctic OR Belarus").items) == 2
    assert search(fresh_store, "   ").items == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Iskander-M", '"Iskander M"'),
        ("a OR b", '"a" OR "b"'),
        ("NEAR(x)", '"NEAR x"'),
        ("OR", '"OR"'),
        ('"quoted"', '"quoted"'),
    ],
)
def test_fts_query_quotes_user_input(query: str, expected: str) -> None:
    assert fts_query(query) == expected


def test_store_transaction_rolls_back_whole_article(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    store = Store(db)
    good = make_briefing("Poland received K2 tanks from South Korea on Tuesday.", "good")
    store.add(good)
    bad = make_briefing("A second article that fails half way.", "bad")
    store.conn.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.add(bad)
    store.close()
    reopened = Store(db)
    assert reopened.count() == 1
    assert reopened.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 1
    assert reopened.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reopened.close()


def test_store_migrations_recorded_once(tmp_path: Path) -> None:
    Store(tmp_path / "m.db").close()
    store = Store(tmp_path / "m.db")
    names = [r[0] for r in store.conn.execute("SELECT name FROM _wirebrief_migrations")]
    from wirebrief.store.migrations import MIGRATIONS

    assert names == [name for name, _ in MIGRATIONS]
    store.close()


def test_transaction_inside_a_batch_is_a_savepoint(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    store = Store(db)
    first = make_briefing("Finland ordered new patrol boats for the coast guard.", "one")
    second = make_briefing("Estonia opened a new ammunition depot near the border.", "two")
    third = make_briefing("Norway extended the range of its coastal missile batteries.", "three")
    with pytest.raises(RuntimeError), store.batch():
        store.add(first)
        with pytest.raises(RuntimeError), store.transaction():
            store.add(second)
            raise RuntimeError("undo only this one")
        store.add(third)
        raise RuntimeError("stops the batch; what finished is kept")
    store.close()
    reopened = Store(db)
    assert {reopened.get(k).external_id for k in ("one", "three")} == {"one", "three"}
    assert not reopened.has(second.id)
    assert reopened.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 2
    reopened.close()


def test_errors_keep_their_reason_across_processes() -> None:
    import pickle

    from wirebrief.errors import InputError
    from wirebrief.summarize.summarizer import SummaryTooShortError

    exc = pickle.loads(pickle.dumps(InputError("page too large", reason="too_large")))
    assert (type(exc), exc.message, exc.reason) == (InputError, "page too large", "too_large")
    short = pickle.loads(pickle.dumps(SummaryTooShortError()))
    assert short.reason == "too_short"


def test_events_keep_their_place_in_a_column(fresh_store: Store) -> None:
    b = make_briefing("Russia sent aid to Belarus in Minsk.")
    b = b.model_copy(update={"events": [b.events[0].model_copy(update={"location": "Minsk"})]})
    fresh_store.add(b)
    rows = fresh_store.conn.execute("SELECT location FROM events").fetchall()
    assert [r[0] for r in rows] == ["Minsk"]


def test_event_location_migration_fills_stored_events(tmp_path: Path) -> None:
    from wirebrief.store.migrations import MIGRATIONS, apply_migrations

    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    before = [(n, fn) for n, fn in MIGRATIONS if n != "0006_event_location"]
    saved = list(MIGRATIONS)
    MIGRATIONS[:] = before
    try:
        apply_migrations(conn)
    finally:
        MIGRATIONS[:] = saved
    for idx, place in enumerate(["Kirkuk", None]):
        event = Event(type="ASSAULT", location=place, confidence=0.5,
                      evidence=Evidence(sentence="x", start=0, end=1))
        conn.execute("INSERT INTO events (article_id, idx, type, weapons, confidence, event) "
                     "VALUES ('a', ?, 'ASSAULT', '[]', 0.5, ?)", (idx, event.model_dump_json()))
    assert apply_migrations(conn) == ["0006_event_location"]
    rows = conn.execute("SELECT idx, location FROM events ORDER BY idx").fetchall()
    assert rows == [(0, "Kirkuk"), (1, None)]
    conn.close()
