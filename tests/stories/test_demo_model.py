"""The real pipeline on the bundled demo corpus, then stories and a digest over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirebrief.demo import iter_demo_documents
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream
from wirebrief.store.db import Store
from wirebrief.stories.digest import build_digest, render_markdown
from wirebrief.stories.threads import assign_to_story, story_of
from wirebrief.stories.timeline import timeline

pytestmark = pytest.mark.model


def test_demo_corpus_stories_and_digest(tmp_path: Path) -> None:
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.errors import AnalysisError

    try:
        load_nlp()
    except AnalysisError as exc:
        pytest.skip(f"spaCy model not installed: {exc}")
    store = Store(tmp_path / "demo.db")
    by_file: dict[str, str] = {}
    for b in brief_stream(list(iter_demo_documents()), BriefOptions()):
        assert not isinstance(b, BriefFailure)
        store.add(b)
        assign_to_story(store, b)
        by_file[(b.external_id or "").split("/")[-1][:2]] = b.id
    # The near-duplicate pair lands in one story, collapsed as a duplicate.
    story = story_of(store, by_file["03"])
    assert story is not None and by_file["04"] in {a.id for a in story.articles}
    assert any(a.duplicate_of for a in story.articles)
    # Different developments about Belarus are not one story.
    assert story_of(store, by_file["23"]).id != story.id  # type: ignore[union-attr]
    _, events = timeline(store, "Belarus", with_="Russia")
    assert len(events) >= 5 and all(e.evidence for e in events)
    digest = build_digest(store, entity="Belarus", with_="Russia")
    md = render_markdown(digest)
    assert len(digest.key_points) >= 4 and "Iskander-M" in md
    assert {a.external_id for a in digest.articles} >= {
        "demo/01-russia-belarus-defence-ministers-meet-minsk.txt",
        "demo/06-belarus-denies-plans-for-new-russian-troops.txt"}
