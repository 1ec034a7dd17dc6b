"""Ingest: brief a stream of documents and store them, collapsing duplicates.

The CLI, the watcher and the demo all call `ingest_documents`, so they store the same way:
exact copies add a source to the stored article, near-duplicates are merged into the original,
and every new article joins a story.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wirebrief.ingest.reader import BadRecord, RawDocument
from wirebrief.models import Briefing
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream
from wirebrief.store.db import Store


@dataclass
class IngestSummary:
    new: int = 0
    same: int = 0  # exact copies of stored text
    merged: int = 0  # near-duplicates merged into an earlier article
    failed: int = 0
    failures: list[BriefFailure] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.same + self.merged


def store_briefing(store: Store, briefing: Briefing) -> str:
    """Store one briefing with duplicate detection and story assignment; return what happened:
    'new', 'same' or 'merged'."""
    from wirebrief.store.dedup import store_with_dedup

    result = store_with_dedup(store, briefing)
    if result.created:
        _join_story(store, briefing)
        return "new"
    return "merged" if result.kind in {"near", "update"} else "same"


def _join_story(store: Store, briefing: Briefing) -> None:
    try:
        from wirebrief.stories.threads import assign_to_story
    except ImportError:  # the stories stage is optional for a bare store
        return
    assign_to_story(store, briefing)


def ingest_documents(
    docs: Iterable[RawDocument | BadRecord],
    store: Store,
    options: BriefOptions,
    *,
    batch_size: int = 32,
    on_result: Callable[[Briefing | BriefFailure, str], None] | None = None,
) -> IngestSummary:
    """Brief and store every document; a bad one is counted and reported, never fatal."""
    summary = IngestSummary()
    for result in brief_stream(docs, options, batch_size=batch_size):
        if isinstance(result, BriefFailure):
            summary.failed += 1
            summary.failures.append(result)
            outcome = "failed"
        else:
            outcome = store_briefing(store, result)
            if outcome == "new":
                summary.new += 1
            elif outcome == "merged":
                summary.merged += 1
            else:
                summary.same += 1
        if on_result is not None:
            on_result(result, outcome)
    return summary
