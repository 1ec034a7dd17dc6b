"""The bundled demo corpus: fictional sample articles written for Wirebrief's demo.

`load_demo` ingests them into the store (idempotently) and prints the briefing of one of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from rich.console import Console

from wirebrief.config import Settings
from wirebrief.errors import InputError, WirebriefError
from wirebrief.ingest.reader import RawDocument, decode_bytes, looks_like_html

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


def load_demo(settings: Settings, out: Console, err: Console) -> None:
    from wirebrief.cli.progress import progress_for
    from wirebrief.cli.render import render_plain, render_rich
    from wirebrief.ingest.run import ingest_documents
    from wirebrief.models import Briefing
    from wirebrief.pipeline import BriefFailure, BriefOptions
    from wirebrief.store.db import Store

    docs = list(iter_demo_documents())
    featured: list[Briefing] = []
    with (
        Store(settings.db_target) as store,
        progress_for("loading demo corpus", len(docs), err) as advance,
    ):

        def report(result: Briefing | BriefFailure, outcome: str) -> None:
            advance()
            if isinstance(result, BriefFailure):
                err.print(f"[red]failed[/] {result.external_id}: {result.error.message}")
            elif result.external_id == f"demo/{FEATURED}":
                featured.append(result)

        summary = ingest_documents(docs, store, BriefOptions.from_settings(settings),
                                   on_result=report)
    err.print(f"demo corpus: {summary.new} new, {summary.same} already stored, "
              f"{summary.merged} merged as duplicates → {store.label}")
    if summary.failed:
        raise WirebriefError(f"{summary.failed} demo article(s) failed")
    if featured:
        if out.is_terminal:
            render_rich(featured[0], out)
        else:
            out.file.write(render_plain(featured[0]) + "\n")
    err.print(
        'next: wirebrief list · wirebrief search "Iskander" · wirebrief show ID · '
        "wirebrief brief FILE"
    )
