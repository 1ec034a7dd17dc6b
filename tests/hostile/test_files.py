"""Special files never block a run (issue 13, item 5): a FIFO, in a folder or named directly,
is reported as skipped and every regular file beside it is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.bounded import finishes
from tests.ingest.corpus import story_text
from wirebrief.ingest.reader import BadRecord, RawDocument, iter_documents, iter_jsonl

MB = 1024 * 1024
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.mark.parametrize("fifo_name", ["feed.html", "export.jsonl", "pages.warc.gz", "rss.xml",
                                       "notes"])
def test_fifo_in_a_folder_is_skipped(tmp_path: Path, fifo_name: str) -> None:
    (tmp_path / "a.txt").write_text(story_text(1))
    os.mkfifo(tmp_path / fifo_name)
    (tmp_path / "z.txt").write_text(story_text(2))
    docs = finishes(lambda: list(iter_documents([tmp_path], MB)))
    assert [d.external_id for d in docs if isinstance(d, RawDocument)] == [
        str(tmp_path / "a.txt"), str(tmp_path / "z.txt")]
    bad = [d for d in docs if isinstance(d, BadRecord)]
    assert [(b.error.reason, "FIFO" in b.error.message) for b in bad] == [("not_regular", True)]


def test_fifo_given_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "in.html"
    os.mkfifo(fifo)
    docs = finishes(lambda: list(iter_documents([fifo, tmp_path / "missing.txt"], MB)))
    assert [d.error.reason for d in docs] == ["not_regular", "missing"]  # type: ignore[union-attr]
    with pytest.raises(Exception, match="not a regular file"):
        finishes(lambda: list(iter_jsonl(fifo, MB)))
