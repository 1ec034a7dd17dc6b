"""Re-analysing a stored article: new entities, events, summary and story; same text and id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from wirebrief.cli import app
from wirebrief.ingest.reader import RawDocument
from wirebrief.ingest.run import ingest_documents, reanalyse_store
from wirebrief.models import Actor, Event, Evidence
from wirebrief.pipeline import BriefOptions
from wirebrief.store.articles import list_articles
from wirebrief.store.db import Store
from wirebrief.stories.threads import assign_to_story, rebuild_stories

ARTICLE = (
    "Norway hands over NASAMS launchers to Lithuania\n\n"
    "Norway has delivered two NASAMS air defence launchers to Lithuania, the Lithuanian "
    "Ministry of National Defence said on Monday.\n\n"
    "The launchers will protect the capital, Vilnius, and will be operated by Lithuanian crews "
    "trained in Norway last year, the ministry said.\n"
)
OLDER = (
    "Estonian troops finish winter drill\n\n"
    "Estonian and Finnish troops completed a two-week winter exercise near Tapa on Friday, the "
    "Estonian Defence Forces said in a statement.\n\n"
    "About 3,000 soldiers took part in the exercise, which was held in deep snow.\n"
)


def _stale(store: Store, article_id: str) -> None:
    """Make a stored briefing look like the output of an older, worse coder."""
    b = store.get(article_id)
    wrong = Event(type="PROTEST", actor=Actor(text="Lithuania", country="LTU", kind="state"),
                  evidence=Evidence(sentence=b.text[:40], start=0, end=40), confidence=0.1)
    old = {**b.components, "events": "analyze.events.v1"}
    assert store.replace_analysis(b.model_copy(update={"events": [wrong], "entities": [],
                                                       "components": old}))


def test_reanalyse_skips_current_articles_unless_all(tmp_path: Path) -> None:
    from wirebrief.ingest.run import reanalyse_store

    store = Store(tmp_path / "c.db")
    docs = [RawDocument(external_id="a", text=ARTICLE, published=date(2024, 5, 6))]
    ingest_documents(docs, store, BriefOptions(), place=assign_to_story)
    assert reanalyse_store(store, BriefOptions()).current == 1
    again = reanalyse_store(store, BriefOptions(), stale_only=False)
    assert (again.current, again.updated) == (0, 1)
    _stale(store, list_articles(store, limit=50).items[0].id)
    assert reanalyse_store(store, BriefOptions()).updated == 1


def _profile(store: Store, article_id: str) -> str:
    return store.conn.execute(
        "SELECT s.entities FROM stories s JOIN story_articles a ON a.story_id = s.id "
        "WHERE a.article_id = ?", (article_id,)).fetchone()[0]


def _rows(store: Store, table: str, article_id: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?",
                              (article_id,)).fetchone()[0]


def test_reanalyse_replaces_analysis_and_keeps_the_article(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    docs = [RawDocument(external_id="new", text=ARTICLE, published=date(2024, 5, 6)),
            RawDocument(external_id="old", text=OLDER, published=date(2023, 1, 13))]
    ingest_documents(docs, store, BriefOptions(), place=assign_to_story)
    stored = list_articles(store, limit=50).items
    fresh = {b.external_id: b for b in (store.get(r.id) for r in stored)}
    new_id = fresh["new"].id
    _stale(store, new_id)
    rebuild_stories(store)  # its story now knows only the stale analysis (no entities)
    assert "C:LTU" not in _profile(store, new_id)
    assert [e.type for e in store.get(new_id).events] == ["PROTEST"]
    assert _rows(store, "entities", new_id) == 0

    summary = reanalyse_store(store, BriefOptions(), since=date(2024, 1, 1),
                              restory=rebuild_stories)
    assert summary.updated == 1 and summary.failed == 0  # `since` left the 2023 article alone
    again = store.get(new_id)
    assert again.text == fresh["new"].text and again.external_id == "new"
    assert [(e.type, e.actor and e.actor.country, e.recipient and e.recipient.country)
            for e in again.events] == [(e.type, e.actor and e.actor.country,
                                        e.recipient and e.recipient.country)
                                       for e in fresh["new"].events]
    assert any(e.type == "AID" for e in again.events)
    assert _rows(store, "entities", new_id) == len(again.entities) > 0
    assert _rows(store, "events", new_id) == len(again.events)
    assert store.count() == 2
    # The re-analysed article is placed in a story again, built from its new events.
    assert "C:LTU" in _profile(store, new_id)
    assert store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 2

    # Idempotent: a second run changes nothing.
    before = store.conn.execute("SELECT briefing FROM articles ORDER BY id").fetchall()
    reanalyse_store(store, BriefOptions(), restory=rebuild_stories)
    after = store.conn.execute("SELECT briefing FROM articles ORDER BY id").fetchall()
    assert [r[0] for r in before] == [r[0] for r in after]
    store.close()


def test_reanalyse_command(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(page), "--db", db]).exit_code == 0
    with Store(db) as store:
        _stale(store, list_articles(store, limit=50).items[0].id)
    result = runner.invoke(app, ["reanalyse", "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 re-analysed (1 events before" in result.output
    bad = runner.invoke(app, ["reanalyse", "--db", db, "--since", "last week"])
    assert bad.exit_code != 0 and "--since" in bad.output
