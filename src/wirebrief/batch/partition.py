"""What one Spark task does with its partition: brief, write, (optionally) store.

The records go through `brief_stream`, the call behind `wirebrief process`, so a batch briefing
is the briefing `process` makes of the same record. The spaCy model and the learned event models
are loaded by the first task a Python worker runs (`load_nlp` and the coder cache them per
process) and reused by every later task of that worker, since Spark reuses its Python workers.

Nothing here imports PySpark: a partition is any iterable of keyed records, so tests drive it
directly.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wirebrief.batch.output import (
    BRIEFINGS,
    FAILURES,
    DatasetWriter,
    briefing_row,
    failure_row,
    failure_status,
)
from wirebrief.ingest.reader import BadRecord, RawDocument
from wirebrief.ingest.run import store_results
from wirebrief.models import Briefing
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream
from wirebrief.store import open_store
from wirebrief.stories.threads import assign_to_story

Key = tuple[int, str, int]  # (partition, input, position in the input)


@dataclass(frozen=True)
class PartitionResult:
    index: int
    briefed: int = 0
    skipped: int = 0
    failed: int = 0
    stored_new: int = 0
    seconds: float = 0.0
    model_loads: int = 0  # 1 when this task loaded the models, 0 when its worker had them
    pid: int = 0  # the Python worker that ran the task

    @property
    def records(self) -> int:
        return self.briefed + self.skipped + self.failed


def brief_partition(
    index: int,
    rows: Iterable[tuple[Key, RawDocument | BadRecord]],
    *,
    out_dir: str,
    options: BriefOptions,
    batch_size: int = 32,
    store_target: str | None = None,
) -> PartitionResult:
    """Brief a partition's records (already in key order), write its two Parquet files, and
    store the briefings in `store_target` when one is given."""
    started = time.perf_counter()
    keys: deque[Key] = deque()

    def records() -> Iterator[RawDocument | BadRecord]:
        for key, record in rows:
            keys.append(key)
            yield record

    from wirebrief.analyze.nlp import load_nlp

    had_models = load_nlp.cache_info().currsize > 0
    failures = DatasetWriter(out_dir, FAILURES, index)
    briefings = DatasetWriter(out_dir, BRIEFINGS, index)
    store = open_store(store_target) if store_target is not None else None
    pending: list[Briefing] = []  # briefed, not yet stored
    skipped = failed = stored_new = 0
    try:
        # brief_stream yields exactly one result per record, in input order.
        for result in brief_stream(records(), options, batch_size=batch_size):
            _, source, position = keys.popleft()
            if isinstance(result, BriefFailure):
                failures.add(failure_row(result, source, position))
                if failure_status(result) == "skipped":
                    skipped += 1
                else:
                    failed += 1
                continue
            briefings.add(briefing_row(result, source, position))
            if store is not None:
                pending.append(result)
                if len(pending) >= batch_size:
                    stored_new += store_results(pending, store, batch_size=batch_size,
                                                place=assign_to_story).new
                    pending = []
        if store is not None and pending:
            stored_new += store_results(pending, store, batch_size=batch_size,
                                        place=assign_to_story).new
        failures.commit()
        briefings.commit()  # last: its presence marks the partition as done
    except BaseException:
        for writer in (failures, briefings):
            with contextlib.suppress(OSError):
                writer.abort()
        raise
    finally:
        if store is not None:
            store.close()
    loaded = int(options.analyse and not had_models and load_nlp.cache_info().currsize > 0)
    return PartitionResult(index, briefings.written, skipped, failed, stored_new,
                           time.perf_counter() - started, loaded, os.getpid())
