"""The source texts the annotation corpus points into, read in place from `../shared`.

A unit of annotation is a character span of one field of one record of one source file. The
repository keeps only those coordinates (standoff); the text is read from here at training and
scoring time, and never copied into the repository.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wirebrief.config import load_settings
from wirebrief.errors import WirebriefError

# Source key -> (path under the shared folder, the field holding the text, its layout).
SOURCES: dict[str, tuple[str, str, str]] = {
    "defense-news": ("data/corpus/defense-news.jsonl", "text", "jsonl"),
    "newswire-te3": ("data/corpus/newswire-te3.jsonl", "text", "jsonl"),
    "xsum": ("data/summarization/xsum-dev.jsonl", "article", "jsonl"),
    "cnndm": ("data/summarization/cnndm-dev-125.jsonl", "article", "jsonl"),
    "plover-dev": ("data/events/plover-gsr-dev.json", "text", "json-array"),
}


class SharedDataMissing(WirebriefError):
    """The evaluation and training data folder is not where it should be."""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    source: str
    record_id: str
    text: str
    published: date | None
    group: str  # what the sealed split is drawn by: an event group, else the article itself
    extra: dict[str, object]


def shared_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The `shared` folder: an explicit path, the `shared` setting (`WIREBRIEF_SHARED`), or
    `../shared` of the repo."""
    if explicit:
        if (Path(explicit) / "data").is_dir():
            return Path(explicit)
        raise SharedDataMissing(f"no shared data folder at {explicit} (it has no data/ folder)",
                                reason="no_shared_data")
    candidates: list[Path] = []
    configured = load_settings().shared
    if configured:
        candidates.append(Path(configured).expanduser())
    here = Path(__file__).resolve()
    candidates += [p / "shared" for p in here.parents[3:5]] + [Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "data").is_dir():
            return c
    raise SharedDataMissing(
        "the shared data folder was not found (looked for ../shared beside the repository; set "
        "WIREBRIEF_SHARED or pass --shared)",
        reason="no_shared_data",
    )


def shared_root_or_skip(say: Callable[[str], object] = print) -> Path | None:
    """The `shared` folder, or None after telling `say` why a benchmark skips without it."""
    try:
        return shared_root()
    except SharedDataMissing as exc:
        say(f"skipped: {exc}")
        return None


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_source(key: str, root: Path) -> Iterator[SourceRecord]:
    """Every record of one source, in file order."""
    rel, field, layout = SOURCES[key]
    path = root / rel
    if layout == "json-array":
        rows = json.loads(path.read_text(encoding="utf-8"))[1:]
    else:
        with path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    for row in rows:
        rid = str(row["id"])
        group = str(row.get("event_group") or rid)
        yield SourceRecord(
            source=key,
            record_id=rid,
            text=str(row.get(field) or ""),
            published=_parse_date(row.get("published") or row.get("date")),
            group=f"{key}:{group}",
            extra={k: v for k, v in row.items() if k not in {field, "systems"}},
        )


class SourceIndex:
    """Records of every source by (source, record id), loaded lazily."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._by_source: dict[str, dict[str, SourceRecord]] = {}

    def records(self, key: str) -> dict[str, SourceRecord]:
        if key not in self._by_source:
            self._by_source[key] = {r.record_id: r for r in read_source(key, self.root)}
        return self._by_source[key]

    def get(self, key: str, record_id: str) -> SourceRecord:
        return self.records(key)[record_id]

    def span(self, key: str, record_id: str, start: int, end: int) -> str:
        return self.get(key, record_id).text[start:end]
