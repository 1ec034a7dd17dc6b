"""Ingest: brief a stream of documents and store them, collapsing duplicates.

The CLI, the watcher and the demo all call `ingest_documents`, so they store the same way:
exact copies add a source to the stored article, near-duplicates are merged into the original,
and every new article is handed to `place`, which puts it in a story. Stories are a layer above
ingest: the callers pass `wirebrief.stories.threads.assign_to_story` as `place` (and
`rebuild_stories` as `restory` to `reanalyse_store`); without them, articles are stored
unplaced, and the stories views place them when they next look.

Storing is batched: one transaction per `batch_size` documents, each article in its own
savepoint inside it. A crash loses at most the batch being written; an error that stops the run
keeps every article finished before it; ingesting the same documents again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from wirebrief.ingest.reader import BadRecord, RawDocument
from wirebrief.models import Briefing
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream
from wirebrief.store.articles import article_ids
from wirebrief.store.db import Store

# Puts a newly stored article in a story (`wirebrief.stories.threads.assign_to_story`).
Place = Callable[[Store, Briefing], object]
# Places every stored article in a story again (`wirebrief.stories.threads.rebuild_stories`).
Restory = Callable[[Store], object]


@dataclass
class IngestSummary:
    new: int = 0
    same: int = 0  # exact copies of stored text
    merged: int = 0  # near-duplicates merged into an earlier article
    skipped: int = 0  # records with no article to brief (no prose): reported, not failed
    failed: int = 0
    failures: list[BriefFailure] = field(default_factory=list)
    skips: list[BriefFailure] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.same + self.merged

    def add(self, other: IngestSummary) -> None:
        self.new += other.new
        self.same += other.same
        self.merged += other.merged
        self.failed += other.failed
        self.failures.extend(other.failures)

    def count(self, result: Briefing | BriefFailure, outcome: str) -> None:
        if isinstance(result, BriefFailure) and result.skipped:
            self.skipped += 1
            self.skips.append(result)
        elif isinstance(result, BriefFailure):
            self.failed += 1
            self.failures.append(result)
        elif outcome == "new":
            self.new += 1
        elif outcome == "merged":
            self.merged += 1
        else:
            self.same += 1


def store_briefing(store: Store, briefing: Briefing, place: Place | None = None) -> str:
    """Store one briefing with duplicate detection and, when it is new, `place` it in a story;
    return what happened: 'new', 'same' or 'merged'. All of it is kept, or none of it."""
    from wirebrief.store.dedup import forget_index, store_with_dedup

    try:
        with store.transaction():
            store.lock_for_write()  # other machines wait here: the check below sees theirs
            result = store_with_dedup(store, briefing)
            if result.created and place is not None:
                place(store, briefing)
    except BaseException:
        forget_index(store)  # it may hold the signature of a row just rolled back
        raise
    if result.created:
        return "new"
    return "merged" if result.kind in {"near", "update"} else "same"


def _batches(
    results: Iterator[Briefing | BriefFailure], size: int
) -> Iterator[tuple[list[Briefing | BriefFailure], BaseException | None]]:
    """Lists of `size` results; a stream that breaks hands over what it had, then its error."""
    while True:
        batch: list[Briefing | BriefFailure] = []
        try:
            batch.extend(islice(results, size))
        except Exception as exc:  # noqa: BLE001 - re-raised once the batch is stored
            yield batch, exc
            return
        if not batch:
            return
        yield batch, None


def ingest_documents(
    docs: Iterable[RawDocument | BadRecord],
    store: Store,
    options: BriefOptions,
    *,
    batch_size: int = 32,
    workers: int = 1,
    on_result: Callable[[Briefing | BriefFailure, str], None] | None = None,
    place: Place | None = None,
) -> IngestSummary:
    """Brief and store every document; a bad one is counted and reported, never fatal. A
    record with no article in it (`BriefFailure.skipped`) is counted as skipped. Each new
    article is handed to `place` (in its savepoint) to join a story.

    `workers > 1` briefs in that many processes; results are stored in input order, so the
    store ends up the same as with one. `on_result` is called once a result's batch is
    committed, in input order.
    """
    results = brief_stream(docs, options, batch_size=batch_size, workers=workers)
    return store_results(results, store, batch_size=batch_size, on_result=on_result,
                         place=place)


def store_results(
    results: Iterable[Briefing | BriefFailure],
    store: Store,
    *,
    batch_size: int = 32,
    on_result: Callable[[Briefing | BriefFailure, str], None] | None = None,
    place: Place | None = None,
) -> IngestSummary:
    """Store briefings already made (by `brief_stream`, or read back from a `wirebrief batch`
    output), batch by batch, with the same duplicate handling and stories as `ingest`."""
    from wirebrief.store.dedup import forget_index

    summary = IngestSummary()
    for batch, error in _batches(iter(results), max(1, batch_size)):
        outcomes: list[str] = []
        try:
            # Collected before the transaction opens, so the write lock is held for storing
            # only, not while the next pages are extracted.
            with store.batch():
                for result in batch:
                    if isinstance(result, BriefFailure):
                        outcome = "skipped" if result.skipped else "failed"
                    else:
                        outcome = store_briefing(store, result, place)
                    outcomes.append(outcome)
                    summary.count(result, outcome)
        except BaseException:
            forget_index(store)
            raise
        if on_result is not None:
            for result, outcome in zip(batch, outcomes, strict=True):
                on_result(result, outcome)
        if error is not None:
            raise error
    return summary


@dataclass
class ReanalyseSummary:
    updated: int = 0
    current: int = 0  # already analysed by today's components: left as they are
    events_before: int = 0
    events_after: int = 0
    failed: int = 0
    failures: list[BriefFailure] = field(default_factory=list)


def reanalyse_store(
    store: Store,
    options: BriefOptions,
    *,
    since: date | None = None,
    batch_size: int = 32,
    workers: int = 1,
    on_result: Callable[[Briefing | BriefFailure], None] | None = None,
    stale_only: bool = True,
    restory: Restory | None = None,
) -> ReanalyseSummary:
    """Analyse stored articles (published on or after `since`) again with the current code and
    swap the new entities, events and summary in; text, ids and sources stay. With
    `stale_only`, an article whose stored component versions are today's is left as it is. When
    any changed, `restory` places the articles in stories again, since what they are about may
    read differently.

    Commits once per batch, so an interrupted run keeps what it finished, and running it twice
    gives the same store as running it once.
    """
    from wirebrief.pipeline import analysis_components, reanalyse_stream

    current = analysis_components(options)

    ids = article_ids(store, since)
    summary = ReanalyseSummary()
    before: dict[str, int] = {}

    def stored() -> Iterator[Briefing]:
        for article_id in ids:
            b = store.get(article_id)
            if stale_only and all(b.components.get(k) == v for k, v in current.items()):
                summary.current += 1
                continue
            before[b.id] = len(b.events)
            yield b

    results = reanalyse_stream(stored(), options, batch_size=batch_size, workers=workers)
    for batch, error in _batches(results, max(1, batch_size)):
        with store.batch():
            for item in batch:
                if isinstance(item, BriefFailure):
                    summary.failed += 1
                    summary.failures.append(item)
                elif store.replace_analysis(item):
                    summary.updated += 1
                    summary.events_before += before.pop(item.id, 0)
                    summary.events_after += len(item.events)
        if on_result is not None:
            for item in batch:
                on_result(item)
        if error is not None:
            raise error
    if summary.updated and restory is not None:
        restory(store)
    return summary
