"""Input records: one article as it arrived (`RawDocument`), or a record that could not be read
(`BadRecord`). The bottom of the input layer: the pipeline, the readers and the batch job all
speak these, and this module imports nothing of theirs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from wirebrief.errors import InputError


@dataclass(frozen=True)
class RawDocument:
    """One article as it arrived, before extraction."""

    external_id: str | None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        # A lone surrogate ("\ud800" in JSON) is a valid Python string that no encoder takes:
        # spaCy, SQLite and every output would fail on it later. It becomes U+FFFD here.
        for name in ("external_id", "text", "html", "url", "title", "source"):
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE_RE.search(value):
                object.__setattr__(self, name, scrub_surrogates(value))


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text)


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read; carried through a stream so the run can go on."""

    external_id: str
    error: InputError
