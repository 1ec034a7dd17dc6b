"""Watching feeds and pages: poll, fetch what is new, brief it, store it.

Each poll sends a conditional request (ETag / Last-Modified), so an unchanged feed costs one
304. New feed items are fetched (unless the feed carries their full text), briefed through
`pipeline.brief_stream` and stored with near-duplicate detection; a new article is handed to
`place` (the callers pass `wirebrief.stories.threads.assign_to_story`) to join a story.
Requests to the same host are spaced by a delay; transient failures (timeouts, 5xx, 429) are
retried with exponential backoff and, if they persist, left unseen so the next poll tries
again. The state (validators and the items already seen) is a JSON file written atomically, so
a restart resumes where it stopped.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from wirebrief.config import Settings
from wirebrief.errors import FetchError, InputError, WirebriefError
from wirebrief.ingest.feeds import FeedItem, looks_like_feed, read_feed
from wirebrief.ingest.fetch import FetchResult, document_from_result, fetch_url
from wirebrief.ingest.reader import RawDocument
from wirebrief.store.db import Store
from wirebrief.store.dedup import store_with_dedup

if TYPE_CHECKING:
    from wirebrief.ingest.run import Place

STATE_VERSION = 1
MAX_SEEN = 10_000  # per source: enough for any feed's window, small enough to keep the file lean
MAX_BACKOFF = 300.0
_TRANSIENT = {"timeout", "connect_failed", "network_error", "dns_failed", "http_429"}
_INTERVAL_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


@dataclass(frozen=True)
class WatchEvent:
    """Something that happened while watching; `kind` is one of
    poll, not_modified, new_item, stored, duplicate, updated, skipped, failed, retry,
    state_reset."""

    kind: str
    source: str
    url: str | None = None
    message: str = ""
    article_id: str | None = None


@dataclass
class WatchSummary:
    polls: int = 0
    not_modified: int = 0
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    updates: int = 0
    skipped: int = 0  # items with no article in them (no prose)
    failed: int = 0


def parse_interval(value: str | float) -> float:
    """'15m' -> 900.0; '30s', '2h', '1d', or plain seconds."""
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _INTERVAL_RE.match(value)
        if not match:
            raise InputError(f"not an interval: {value!r} (use e.g. 30s, 15m, 2h)",
                             reason="bad_interval")
        seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if seconds <= 0:
        raise InputError(f"the interval must be positive: {value!r}", reason="bad_interval")
    return seconds


def is_transient(error: FetchError) -> bool:
    return error.reason in _TRANSIENT or error.reason.startswith("http_5")


# State -------------------------------------------------------------------------------------


@dataclass
class SourceState:
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)
    last_poll: str | None = None
    last_status: str | None = None

    def __post_init__(self) -> None:
        self._seen_set = set(self.seen)

    def has_seen(self, key: str) -> bool:
        return key in self._seen_set

    def mark_seen(self, key: str) -> None:
        if key in self._seen_set:
            return
        self.seen.append(key)
        self._seen_set.add(key)
        if len(self.seen) > MAX_SEEN:
            dropped = self.seen[: len(self.seen) - MAX_SEEN]
            del self.seen[: len(dropped)]
            self._seen_set.difference_update(dropped)

    def to_json(self) -> dict[str, Any]:
        return {"etag": self.etag, "last_modified": self.last_modified, "seen": self.seen,
                "last_poll": self.last_poll, "last_status": self.last_status}


class WatchState:
    """Validators and seen items per source, persisted as JSON with atomic replaces."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = Path(path).expanduser() if path else None
        self.sources: dict[str, SourceState] = {}
        self.problem: str | None = None
        if self.path is not None and self.path.exists():
            self._load()

    def _load(self) -> None:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
                raise ValueError("unknown state format")
            for name, raw in data.get("sources", {}).items():
                self.sources[name] = SourceState(
                    etag=raw.get("etag"), last_modified=raw.get("last_modified"),
                    seen=[str(s) for s in raw.get("seen", [])], last_poll=raw.get("last_poll"),
                    last_status=raw.get("last_status"))
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            # A damaged state costs refetching, never a crash; the next save replaces it.
            self.sources = {}
            self.problem = f"state file {self.path} unreadable ({exc}); starting afresh"

    def source(self, name: str) -> SourceState:
        return self.sources.setdefault(name, SourceState())

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"version": STATE_VERSION,
                              "sources": {k: v.to_json() for k, v in self.sources.items()}},
                             ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(prefix=".watch-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)  # readers see the old file or the new, never half
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# Fetching ----------------------------------------------------------------------------------


class PoliteFetcher:
    """fetch_url with a per-host delay and retries with exponential backoff."""

    def __init__(self, settings: Settings, *, allow_private: bool, host_delay: float,
                 retries: int, backoff: float, sleep: Callable[[float], None] = time.sleep,
                 on_retry: Callable[[str, FetchError, float], None] | None = None) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self.host_delay = host_delay
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.on_retry = on_retry
        self._last: dict[str, float] = {}
        self.client = httpx.Client(timeout=settings.fetch_timeout, follow_redirects=False,
                                   trust_env=False)

    def close(self) -> None:
        self.client.close()

    def _wait_for_host(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            wait = last + self.host_delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def fetch(self, url: str, *, etag: str | None = None,
              last_modified: str | None = None) -> FetchResult:
        attempt = 0
        while True:
            self._wait_for_host(url)
            try:
                return fetch_url(url, timeout=self.settings.fetch_timeout,
                                 max_bytes=self.settings.max_input_bytes,
                                 allow_private=self.allow_private, etag=etag,
                                 last_modified=last_modified, client=self.client)
            except FetchError as exc:
                if not is_transient(exc) or attempt >= self.retries:
                    raise
                delay = min(MAX_BACKOFF, self.backoff * (2 ** attempt))
                if self.on_retry:
                    self.on_retry(url, exc, delay)
                self.sleep(delay)
                attempt += 1


# Watching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    key: str
    url: str | None
    document: RawDocument


def _item_document(item: FeedItem, feed_title: str | None, fetcher: PoliteFetcher
                   ) -> RawDocument:
    doc = item.to_document(source=feed_title)
    if doc is not None:
        return doc
    if not item.link:
        raise FetchError(f"feed item {item.key!r} has neither full text nor a link",
                         reason="no_link")
    page = document_from_result(fetcher.fetch(item.link), external_id=item.link)
    # The feed's headline and date are the publisher's own; keep them over the page's guesses.
    return replace(page, title=item.title or page.title,
                   published=item.published.date() if item.published else page.published)


def poll_source(source: str, *, fetcher: PoliteFetcher, store: Store, state: WatchState,
                options: Any, emit: Callable[[WatchEvent], None],
                summary: WatchSummary, place: Place | None = None) -> None:
    """Poll one feed or page once; store what is new (and `place` each new article)."""
    from wirebrief.pipeline import BriefFailure, brief_stream

    st = state.source(source)
    summary.polls += 1
    st.last_poll = datetime.now(UTC).isoformat(timespec="seconds")
    emit(WatchEvent("poll", source, source))
    try:
        result = fetcher.fetch(source, etag=st.etag, last_modified=st.last_modified)
    except FetchError as exc:
        st.last_status = exc.reason
        summary.failed += 1
        emit(WatchEvent("failed", source, source, exc.message))
        return
    st.last_status = str(result.status)
    if result.not_modified:
        summary.not_modified += 1
        emit(WatchEvent("not_modified", source, source, "unchanged since the last poll"))
        return
    pending: list[_Pending] = []
    if looks_like_feed(result.body, result.content_type):
        try:
            feed = read_feed(result.body, base_url=result.url)
        except InputError as exc:
            summary.failed += 1
            emit(WatchEvent("failed", source, source, exc.message))
            return
        if feed.warning:
            emit(WatchEvent("failed", source, source, feed.warning))
        for item in feed.items:
            key = item.key
            if key is None or st.has_seen(key):
                continue
            emit(WatchEvent("new_item", source, item.link, item.title or ""))
            try:
                pending.append(_Pending(key, item.link, _item_document(item, feed.title,
                                                                       fetcher)))
                summary.fetched += 1
            except WirebriefError as exc:
                summary.failed += 1
                emit(WatchEvent("failed", source, item.link, exc.message))
                if not (isinstance(exc, FetchError) and is_transient(exc)):
                    st.mark_seen(key)  # a 404 stays a 404; a timeout is tried next poll
    else:
        try:
            pending.append(_Pending(result.url, result.url, document_from_result(result)))
            summary.fetched += 1
        except WirebriefError as exc:
            summary.failed += 1
            emit(WatchEvent("failed", source, source, exc.message))
    briefs = brief_stream((p.document for p in pending), options)
    for pend, brief in zip(pending, briefs, strict=True):
        if isinstance(brief, BriefFailure) and brief.skipped:
            summary.skipped += 1
            emit(WatchEvent("skipped", source, pend.url, brief.error.message))
        elif isinstance(brief, BriefFailure):
            summary.failed += 1
            emit(WatchEvent("failed", source, pend.url, brief.error.message))
        else:
            stored = store_with_dedup(store, brief)
            if stored.created and place is not None:
                place(store, brief)
            if stored.kind == "update":
                summary.updates += 1
                summary.stored += 1
                kind = "updated"
            elif stored.created:
                summary.stored += 1
                kind = "stored"
            else:
                summary.duplicates += 1
                kind = "duplicate"
            emit(WatchEvent(kind, source, pend.url, brief.title or "", stored.id))
        st.mark_seen(pend.key)
    # Validators are kept only once everything new was handled, so a crash refetches the feed.
    st.etag, st.last_modified = result.etag, result.last_modified
    state.save()


def watch(sources: Iterable[str], *, every: float | str, store: Store, settings: Settings,
          state_path: Path | str | None, allow_private: bool | None = None, once: bool = False,
          on_event: Callable[[WatchEvent], None] | None = None, options: Any = None,
          host_delay: float = 1.0, retries: int = 3, backoff: float = 2.0,
          stop: threading.Event | None = None, place: Place | None = None) -> WatchSummary:
    """Poll `sources` (feed or page URLs) every `every` seconds (or '15m'); `once` polls once.
    `place` puts each new article in a story.

    Returns counts over the whole run. `stop` (a threading.Event) ends the loop between polls.
    """
    from wirebrief.pipeline import BriefOptions

    interval = parse_interval(every)
    names = list(dict.fromkeys(sources))
    if not names:
        raise InputError("nothing to watch: give at least one feed or page URL",
                         reason="no_sources")
    emit = on_event or (lambda _event: None)
    state = WatchState(state_path)
    if state.problem:
        emit(WatchEvent("state_reset", "", None, state.problem))
    summary = WatchSummary()
    fetcher = PoliteFetcher(
        settings, allow_private=settings.allow_private if allow_private is None
        else allow_private, host_delay=host_delay, retries=retries, backoff=backoff,
        on_retry=lambda url, exc, delay: emit(WatchEvent(
            "retry", url, url, f"{exc.message}; retrying in {delay:g} s")))
    options = options or BriefOptions.from_settings(settings)
    try:
        while True:
            started = time.monotonic()
            for source in names:
                poll_source(source, fetcher=fetcher, store=store, state=state,
                            options=options, emit=emit, summary=summary, place=place)
                state.save()
                if stop is not None and stop.is_set():
                    return summary
            if once:
                return summary
            wait = max(0.0, interval - (time.monotonic() - started))
            if stop is not None:
                if stop.wait(wait):
                    return summary
            else:
                time.sleep(wait)
    finally:
        fetcher.close()


__all__ = ["PoliteFetcher", "WatchEvent", "WatchState", "WatchSummary", "parse_interval",
           "poll_source", "watch"]
