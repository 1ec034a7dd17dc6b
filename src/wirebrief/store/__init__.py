"""The store: SQLite (embedded, the default) or PostgreSQL (a server several machines share).

Every SQL statement of Wirebrief is here, the query layer: `db` (the `Store`: writing, one
article), `articles`, `search`, `entities`, `events`, `stories` (story tables and digest runs)
and `dedup`. Read functions return the frozen models of `read_models`.
"""

from __future__ import annotations

from pathlib import Path

from wirebrief.store.db import Store


def open_store(target: str | Path) -> Store:
    """The store at `target`: a SQLite path (or ':memory:') or a postgresql:// URL."""
    return Store(target)
