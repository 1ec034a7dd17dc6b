"""The store: SQLite (embedded, the default) or PostgreSQL (a server several machines share)."""

from __future__ import annotations

from pathlib import Path

from wirebrief.store.db import Store


def open_store(target: str | Path) -> Store:
    """The store at `target`: a SQLite path (or ':memory:') or a postgresql:// URL."""
    return Store(target)
