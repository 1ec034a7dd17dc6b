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
from wirebrief.errors import InputError
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
    from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream
    from wirebrief.store.db import Store

    docs = list(iter_demo_documents())
    new = same = 0
    featured = None
    with (
        Store(settings.db_path) as store,
        progress_for("loading demo corpus", len(docs), err) as advance,
    ):
        for result in brief_stream(docs, BriefOptions.from_settings(settings)):
            advance()
            if isinstance(result, BriefFailure):
                err.print(f"[red]failed[/] {result.external_id}: {result.error.message}")
                continue
            added = store.add(result)
            new += added.created
            same += not added.created
            if result.external_id == f"demo/{FEATURED}":
                featured = result
    err.print(f"demo corpus: {new} new, {same} already stored → {settings.db_path}")
    if featured is not None:
        if out.is_terminal:
            render_rich(featured, out)
        else:
            out.file.write(render_plain(featured) + "\n")
    err.print(
        'next: wirebrief list · wirebrief search "Iskander" · wirebrief show ID · '
        "wirebrief brief FILE"
    )
