"""Settings, declared once: name, type, default and help line.

Precedence, lowest first: defaults, a TOML file (`WIREBRIEF_CONFIG` or `wirebrief.toml` in the
user's config directory), `WIREBRIEF_<NAME>` environment variables, then explicit arguments
(CLI flags). `docs/settings.md` lists them; a test checks that every setting is documented.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "wirebrief"


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, "", "The store: a SQLite path (empty: the user data directory) or a "
            "postgresql://user@host:port/db URL."),
    Setting("max_input_mb", float, 20.0, "Largest input file or page accepted, in megabytes."),
    Setting("summary_sentences", int, 3, "Default summary length in sentences."),
    Setting("batch_size", int, 32, "Documents per spaCy batch in batch processing."),
    Setting("workers", int, 1, "Parser processes for batch work (process, ingest)."),
    Setting("min_body_chars", int, 80, "Shortest article text accepted after cleaning."),
    Setting("fetch_timeout", float, 15.0, "Seconds before a URL fetch gives up."),
    Setting("allow_private", bool, False, "Allow fetching private, loopback, link-local hosts."),
)


@dataclass(frozen=True)
class Settings:
    db: str = ""
    max_input_mb: float = 20.0
    summary_sentences: int = 3
    batch_size: int = 32
    workers: int = 1
    min_body_chars: int = 80
    fetch_timeout: float = 15.0
    allow_private: bool = False

    @property
    def max_input_bytes(self) -> int:
        return int(self.max_input_mb * 1024 * 1024)

    @property
    def db_target(self) -> str | Path:
        """The store to open: a URL (postgresql://...) exactly as given, else the SQLite path."""
        if "://" in self.db:
            return self.db
        return self.db_path

    @property
    def db_path(self) -> Path:
        """The SQLite store's path (a store given by URL has none: see `db_target`)."""
        if "://" in self.db:
            from wirebrief.errors import StoreError

            raise StoreError(f"the store is a server ({self.db.split('://')[0]}://...), "
                             "not a file", reason="not_a_file")
        if self.db:
            return Path(self.db).expanduser()
        return Path(platformdirs.user_data_dir(APP_NAME)) / "wirebrief.db"

    def with_overrides(self, **overrides: Any) -> Settings:
        """Apply explicit overrides, ignoring those left as None (not given)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _coerce(setting: Setting, raw: Any) -> Any:
    if setting.type is bool and isinstance(raw, str):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return setting.type(raw)


def config_file() -> Path:
    explicit = os.environ.get("WIREBRIEF_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "wirebrief.toml"


def load_settings(**overrides: Any) -> Settings:
    """Defaults, then the TOML file, then WIREBRIEF_* variables, then `overrides`."""
    values: dict[str, Any] = {}
    path = config_file()
    if path.is_file():
        with path.open("rb") as fh:
            values.update(tomllib.load(fh))
    by_name = {s.name: s for s in SETTINGS}
    for name in by_name:
        env = os.environ.get(f"WIREBRIEF_{name.upper()}")
        if env is not None:
            values[name] = env
    known = {f.name for f in fields(Settings)}
    clean = {k: _coerce(by_name[k], v) for k, v in values.items() if k in known}
    return Settings(**clean).with_overrides(**overrides)
