"""Settings, declared once: name, type, default and help line.

Precedence, lowest first: defaults, a TOML file (`WIREBRIEF_CONFIG` or `wirebrief.toml` in the
user's config directory), `WIREBRIEF_<NAME>` environment variables, then explicit arguments
(CLI flags). `docs/settings.md` lists them; a test checks that every setting is documented.

Every value is checked where it is loaded, whichever layer it came from: a wrong type, a value
out of range or a malformed config file raises `SettingsError`, one line per problem, naming
where the value came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from wirebrief.errors import InputError

APP_NAME = "wirebrief"


class SettingsError(InputError):
    """A setting has a value Wirebrief cannot use (one line per problem in the message)."""


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    low: float | None = None  # smallest allowed value (numbers)
    high: float | None = None  # largest allowed value (numbers)


MAX_WORKERS = 64

SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, "", "The store: a SQLite path (empty: the user data directory) or a "
            "postgresql://user@host:port/db URL."),
    Setting("max_input_mb", float, 20.0, "Largest input file or page accepted, in megabytes.",
            1e-6, 4096),
    Setting("summary_sentences", int, 3, "Default summary length in sentences.", 1, 100),
    Setting("summary_prior", str, "none",
            "Summary prior: none, or domain (sentences with coded events first)."),
    Setting("batch_size", int, 32, "Documents per spaCy batch in batch processing.", 1, 10_000),
    Setting("workers", int, 0, "Parser processes for batch work (process, ingest, "
            "reanalyse); 0 picks them from the cores and the input size.", 0, MAX_WORKERS),
    Setting("min_body_chars", int, 30, "Shortest article text briefed after cleaning.", 0,
            1_000_000),
    Setting("fetch_timeout", float, 15.0, "Seconds before a URL fetch gives up.", 0.1, 3600),
    Setting("allow_private", bool, False, "Allow fetching private, loopback, link-local hosts."),
    Setting("allowed_hosts", str, "", "Extra host names the web server answers for (Host "
            "header), comma-separated; it always answers for the address it is bound to."),
    Setting("token", str, "", "Token for the web server's write endpoints; needed to brief "
            "through the server when it listens off loopback (or pass serve --token)."),
    Setting("max_brief_mb", float, 2.0, "Largest page the web server briefs from a paste, an "
            "upload or POST /api/brief, in megabytes.", 0.001, 64),
    Setting("shared", str, "", "The shared data folder (training and evaluation sources) when "
            "it is not ../shared beside the repository; empty: look there."),
)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def default(name: str) -> Any:
    """The declared default of a setting: `SETTINGS` is the one place defaults live."""
    for s in SETTINGS:
        if s.name == name:
            return s.default
    raise KeyError(name)


@dataclass(frozen=True)
class Settings:
    """Typed settings; each field's default comes from its declaration in `SETTINGS`."""

    db: str = default("db")
    max_input_mb: float = default("max_input_mb")
    summary_sentences: int = default("summary_sentences")
    summary_prior: str = default("summary_prior")
    batch_size: int = default("batch_size")
    workers: int = default("workers")
    min_body_chars: int = default("min_body_chars")
    fetch_timeout: float = default("fetch_timeout")
    allow_private: bool = default("allow_private")
    allowed_hosts: str = default("allowed_hosts")
    token: str = default("token")
    max_brief_mb: float = default("max_brief_mb")
    shared: str = default("shared")

    @property
    def max_brief_bytes(self) -> int:
        return int(self.max_brief_mb * 1024 * 1024)

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
    """The value as the setting's type, in range; ValueError with the reason otherwise."""
    if setting.type is bool:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in _TRUE | _FALSE:
            return word in _TRUE
        raise ValueError("must be true or false")
    if setting.type is str:
        if not isinstance(raw, str):
            raise ValueError("must be a string")
        return raw
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ValueError(f"must be a number ({setting.type.__name__})")
    try:
        value = setting.type(raw.strip() if isinstance(raw, str) else raw)
    except (ValueError, OverflowError):
        raise ValueError(f"must be a number ({setting.type.__name__})") from None
    if setting.type is int and isinstance(raw, float) and raw != value:
        raise ValueError("must be a whole number")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    if setting.low is not None and value < setting.low:
        raise ValueError(f"must be at least {setting.low:g}")
    if setting.high is not None and value > setting.high:
        raise ValueError(f"must be at most {setting.high:g}")
    return value


def config_file() -> Path:
    explicit = os.environ.get("WIREBRIEF_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "wirebrief.toml"


def load_settings(**overrides: Any) -> Settings:
    """Defaults, then the TOML file, then WIREBRIEF_* variables, then `overrides`.

    Raises `SettingsError` listing every bad value, with where it came from.
    """
    by_name = {s.name: s for s in SETTINGS}
    known = {f.name for f in fields(Settings)}
    values: dict[str, tuple[Any, str]] = {}  # name -> (raw value, where it came from)
    problems: list[str] = []
    path = config_file()
    try:
        if path.is_file():
            with path.open("rb") as fh:
                table = tomllib.load(fh)
            values.update((k, (v, f"{path}: {k}")) for k, v in table.items() if k in known)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: not valid TOML: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read the config file: {exc}")
    for name in by_name:
        env = os.environ.get(f"WIREBRIEF_{name.upper()}")
        if env is not None:
            values[name] = (env, f"WIREBRIEF_{name.upper()}={env!r}")
    for name, value in overrides.items():
        if value is not None and name in known:
            values[name] = (value, f"--{name.replace('_', '-')} {value}")
    clean: dict[str, Any] = {}
    for name, (raw, origin) in values.items():
        try:
            clean[name] = _coerce(by_name[name], raw)
        except ValueError as exc:
            problems.append(f"{origin}: {exc}")
    if problems:
        raise SettingsError("invalid settings:\n  " + "\n  ".join(problems), reason="bad_setting")
    return Settings(**clean)


SMALL_INPUT_ITEMS = 100  # below this, a second parser's start-up costs more than it saves
SMALL_INPUT_BYTES = 500_000


def auto_workers(items: int | None = None, nbytes: int | None = None) -> int:
    """Parser processes for batch work when the setting is 0 (auto): one per core, at most 8,
    but one for a small input (fewer than SMALL_INPUT_ITEMS records, or under
    SMALL_INPUT_BYTES when only the size is known), where loading the model again in a second
    process costs more than it saves."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    small = items < SMALL_INPUT_ITEMS if items is not None else (nbytes or 0) < SMALL_INPUT_BYTES
    return 1 if small or cores < 2 else min(cores, 8)


def input_bytes(paths: list[str]) -> int:
    """Total size of the local files and folders among `paths` (URLs count as nothing)."""
    total = 0
    for raw in paths:
        p = Path(raw)
        try:
            if p.is_file():
                total += p.stat().st_size
            elif p.is_dir():
                total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        except OSError:
            continue
    return total
