"""The bundled demo corpus: fictional sample articles written for Wirebrief's demo.

`load_demo` ingests them into the store (idempotently) and returns the briefing of one of
them; the `wirebrief demo` command shows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wirebrief.config import Settings
from wirebrief.errors import InputError, WirebriefError
from wirebrief.ingest.decode import decode_bytes, looks_like_html
from wirebrief.records import RawDocument

if TYPE_CHECKING:
    from wirebrief.ingest.run import IngestSummary
    from wirebrief.models import Briefing
    from wirebrief.pipeline import BriefFailure

CORPUS_DIR = Path(__file__).parent / "corpus"
FEATURED = "03-belarusian-crews-begin-iskander-training.txt"


def iter_demo_documents(corpus: Path = CORPUS_DIR) -> Iterator[RawDocument]:
    """The demo articles with the metadata their index gives (date, URL, outlet)."""
    index = corpus / "index.jsonl"
    if not index.is_file():
        raise InputError(f"demo corpus index missing: {index}")
    for line in index.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        meta = json.loads(line)
        path = corpus / meta["file"]
        content = decode_bytes(path.read_bytes())
        is_html = path.suffix in {".html", ".htm"} or looks_like_html(content)
        yield RawDocument(
            external_id=f"demo/{meta['file']}",
            text=None if is_html else content,
            html=content if is_html else None,
            url=meta.get("url"),
            published=date.fromisoformat(meta["published"]) if meta.get("published") else None,
            source=meta.get("source"),
        )


def load_demo(settings: Settings,
              on_result: Callable[[Briefing | BriefFailure], None] | None = None,
              ) -> tuple[IngestSummary, Briefing | None]:
    """Ingest the demo corpus into the store (idempotent); the summary and the featured
    article's briefing. `on_result` sees every record as it is done (progress)."""
    from wirebrief.ingest.run import ingest_documents
    from wirebrief.pipeline import BriefFailure, BriefOptions
    from wirebrief.store.db import Store
    from wirebrief.stories.threads import assign_to_story

    featured: list[Briefing] = []

    def report(result: Briefing | BriefFailure, outcome: str) -> None:
        if on_result is not None:
            on_result(result)
        if not isinstance(result, BriefFailure) and result.external_id == f"demo/{FEATURED}":
            featured.append(result)

    with Store(settings.db_target) as store:
        summary = ingest_documents(list(iter_demo_documents()), store,
                                   BriefOptions.from_settings(settings), on_result=report,
                                   place=assign_to_story)
    if summary.failed:
        raise WirebriefError(f"{summary.failed} demo article(s) failed")
    return summary, featured[0] if featured else None


def demo_size() -> int:
    return sum(1 for _ in iter_demo_documents())
