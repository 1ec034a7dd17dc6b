"""Two ingests at once still merge near-duplicates (issue 13, item 10).

Each process loaded the duplicate index once, so a copy stored by the other process after that
was never seen: two concurrent ingests stored copies that one ingest after the other merges.
The index now takes in what others committed, inside the write transaction.
"""

from __future__ import annotations

from pathlib import Path

from tests.ingest.corpus import story_text
from wirebrief.ingest.reader import RawDocument
from wirebrief.ingest.run import store_briefing
from wirebrief.pipeline import BriefOptions, brief_document
from wirebrief.store.db import Store
from wirebrief.store.dedup import index_for


def brief(text: str, external_id: str) -> object:
    return brief_document(RawDocument(external_id=external_id, text=text),
                          BriefOptions(analyse=False))


def test_a_copy_stored_by_another_connection_is_merged(tmp_path: Path) -> None:
    original = story_text(7, sentences=12)
    copy = original.rsplit(". ", 1)[0] + ". Reporting by the wire desk."  # a light edit
    path = tmp_path / "c.db"
    with Store(path) as one, Store(path) as two:
        index_for(one), index_for(two)  # both indexes loaded while the store is empty
        assert store_briefing(one, brief(original, "site-a")) == "new"  # type: ignore[arg-type]
        assert store_briefing(two, brief(copy, "site-b")) == "merged"  # type: ignore[arg-type]
        assert one.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
        # and the other way round, for a third copy
        third = original.replace("ministry", "Ministry", 1) + " Edited."
        assert store_briefing(one, brief(third, "site-c")) == "merged"  # type: ignore[arg-type]
