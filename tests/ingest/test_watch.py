"""Watching feeds and pages against a local server: only new items are fetched, state resumes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.test_fetch import LocalServer, Route
from wirebrief.config import Settings
from wirebrief.errors import InputError
from wirebrief.ingest.watch import WatchEvent, WatchState, parse_interval, watch
from wirebrief.pipeline import BriefOptions
from wirebrief.store.db import Store

STORIES = {
    "/news/k2": ("Poland receives more K2 tanks",
                 "Poland took delivery of eighteen more K2 tanks from South Korea at the port of "
                 "Gdynia, the armament agency said. The tanks join the 16th Mechanised Division."),
    "/news/lynx": ("Arctic Lynx exercise begins",
                   "Finnish, Swedish and American troops began the Arctic Lynx exercise in "
                   "northern Finland, rehearsing the defence of the border in deep winter."),
    "/news/rafale": ("India orders Rafale Marine fighters",
                     "India agreed to buy twenty-six Rafale Marine fighters from France for the "
                     "carrier INS Vikrant, with deliveries due from 2029 onwards."),
    "/news/drones": ("Sanctions on drone suppliers",
                     "The government sanctioned eleven companies accused of shipping engines and "
                     "guidance electronics for long-range attack drones to Russia."),
}


def page(path: str) -> bytes:
    title, body = STORIES[path]
    filler = " ".join(f"Paragraph {i} of the {title.lower()} report adds detail." for i in range(3))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p><p>{filler}</p></article></body></html>").encode()


def rss(paths: list[str], base: str) -> bytes:
    items = "".join(
        f"<item><title>{STORIES[p][0]}</title><link>{base}{p}</link><guid>{p}</guid>"
        f"<pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate><description>teaser</description></item>"
        for p in paths)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test wire</title>"
            f"{items}</channel></rss>").encode()


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        for path in STORIES:
            srv.routes[path] = Route(body=page(path), headers={"Content-Type": "text/html"})
        yield srv


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "watch.db") as s:
        yield s


SETTINGS = Settings(fetch_timeout=2.0)
FAST = BriefOptions(analyse=False)


def run(server: LocalServer, store: Store, state: Path, sources: list[str],
        **kw: object) -> tuple[list[WatchEvent], object]:
    events: list[WatchEvent] = []
    args: dict[str, object] = {"every": "15m", "store": store, "settings": SETTINGS,
                               "state_path": state, "allow_private": True, "once": True,
                               "on_event": events.append, "options": FAST, "host_delay": 0.0,
                               "retries": 1, "backoff": 0.01}
    args.update(kw)
    summary = watch(sources, **args)  # type: ignore[arg-type]
    return events, summary


def test_feed_poll_fetch_304_and_only_new_items(server: LocalServer, store: Store,
                                                tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    server.routes["/feed"] = Route(body=rss(["/news/k2", "/news/lynx"], server.base),
                                   etag='"f1"', headers={"Content-Type": "application/rss+xml"})
    events, summary = run(server, store, state, [server.url("/feed")])
    assert [e.kind for e in events].count("stored") == 2
    assert store.count() == 2
    stored = store.get(server.url("/news/k2"))
    assert stored.title == "Poland receives more K2 tanks"
    assert stored.published is not None and stored.published.isoformat() == "2024-03-04"
    # Second poll: the feed answers 304; no page is fetched again.
    events, summary = run(server, store, state, [server.url("/feed")])
    assert [e.kind for e in events] == ["poll", "not_modified"]
    assert server.hits("/news/k2") == 1 and server.hits("/news/lynx") == 1
    # The feed changes: only the new item's page is fetched.
    server.routes["/feed"] = Route(body=rss(["/news/rafale", "/news/k2", "/news/lynx"],
                                            server.base), etag='"f2"')
    events, summary = run(server, store, state, [server.url("/feed")])
    assert server.hits("/news/rafale") == 1
    assert server.hits("/news/k2") == 1 and server.hits("/news/lynx") == 1
    assert [e.kind for e in events].count("stored") == 1 and store.count() == 3
    saved = json.loads(state.read_text())
    assert saved["sources"][server.url("/feed")]["etag"] == '"f2"'


def test_restart_resumes_without_refetching(server: LocalServer, store: Store,
                                            tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    # No validators: the feed is fetched every time, so only the state prevents refetching.
    server.routes["/feed"] = Route(body=rss(["/news/k2"], server.base))
    run(server, store, state, [server.url("/feed")])
    loaded = WatchState(state)
    assert loaded.source(server.url("/feed")).has_seen(server.url("/news/k2"))
    run(server, store, state, [server.url("/feed")])
    assert server.hits("/feed") == 2 and server.hits("/news/k2") == 1


def test_errors_retries_and_redirects(server: LocalServer, store: Store, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    server.routes["/gone"] = Route(404)
    server.routes["/broken"] = Route(500, b"oops")
    server.routes["/moved"] = Route(301, headers={"Location": "/news/drones"})
    STORIES.setdefault("/gone", ("Gone story", "x"))
    STORIES.setdefault("/broken", ("Broken story", "x"))
    STORIES.setdefault("/moved", ("Moved story", "x"))
    try:
        server.routes["/feed"] = Route(body=rss(["/gone", "/broken", "/moved"], server.base))
        events, _ = run(server, store, state, [server.url("/feed")])
    finally:
        for key in ("/gone", "/broken", "/moved"):
            STORIES.pop(key)
    kinds = [(e.kind, e.url) for e in events]
    assert ("failed", server.url("/gone")) in kinds
    assert ("retry", server.url("/broken")) in kinds
    assert server.hits("/broken") == 2  # one try plus one retry
    assert server.hits("/gone") == 1  # a 404 is not retried
    stored = [e for e in events if e.kind == "stored"]
    assert len(stored) == 1 and stored[0].url == server.url("/moved")
    seen = WatchState(state).source(server.url("/feed"))
    assert seen.has_seen(server.url("/gone")) and seen.has_seen(server.url("/moved"))
    assert not seen.has_seen(server.url("/broken"))  # transient: tried again at the next poll
    run(server, store, state, [server.url("/feed")])
    assert server.hits("/broken") == 4 and server.hits("/gone") == 1


def test_slow_item_times_out_and_watch_goes_on(server: LocalServer, store: Store,
                                               tmp_path: Path) -> None:
    server.routes["/news/lynx"] = Route(body=page("/news/lynx"), delay=1.0)
    server.routes["/feed"] = Route(body=rss(["/news/lynx", "/news/k2"], server.base))
    events, summary = run(server, store, tmp_path / "s.json", [server.url("/feed")],
                          settings=Settings(fetch_timeout=0.3), retries=0)
    failed = [e for e in events if e.kind == "failed"]
    assert len(failed) == 1 and "timed out" in failed[0].message
    assert store.count() == 1


def test_plain_page_and_failing_source(server: LocalServer, store: Store, tmp_path: Path) -> None:
    server.routes["/feed-down"] = Route(503)
    events, summary = run(server, store, tmp_path / "s.json",
                          [server.url("/news/rafale"), server.url("/feed-down")])
    assert store.count() == 1
    assert store.get(server.url("/news/rafale")).title == "India orders Rafale Marine fighters"
    assert any(e.kind == "failed" and e.source == server.url("/feed-down") for e in events)
    assert summary.stored == 1 and summary.failed == 1  # type: ignore[attr-defined]


def test_private_hosts_refused_unless_allowed(server: LocalServer, store: Store,
                                              tmp_path: Path) -> None:
    events, _ = run(server, store, tmp_path / "s.json", [server.url("/news/k2")],
                    allow_private=False)
    assert any(e.kind == "failed" and "non-public" in e.message for e in events)
    assert server.hits("/news/k2") == 0


def test_per_host_delay(server: LocalServer, store: Store, tmp_path: Path) -> None:
    server.routes["/feed"] = Route(body=rss(["/news/k2", "/news/lynx"], server.base))
    run(server, store, tmp_path / "s.json", [server.url("/feed")], host_delay=0.15)
    times = [t for _, _, t in server.log]
    assert len(times) == 3
    assert all(b - a >= 0.14 for a, b in zip(times, times[1:], strict=False))


def test_corrupt_state_starts_afresh(server: LocalServer, store: Store, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text("{not json")
    events, _ = run(server, store, state, [server.url("/news/k2")])
    assert events[0].kind == "state_reset"
    assert json.loads(state.read_text())["version"] == 1


def test_loop_stops_on_event(server: LocalServer, store: Store, tmp_path: Path) -> None:
    stop = threading.Event()
    polls: list[WatchEvent] = []

    def on_event(event: WatchEvent) -> None:
        polls.append(event)
        if sum(e.kind == "poll" for e in polls) >= 2:
            stop.set()

    server.routes["/feed"] = Route(body=rss(["/news/k2"], server.base), etag='"x"')
    run(server, store, tmp_path / "s.json", [server.url("/feed")], once=False, every=0.05,
        stop=stop, on_event=on_event)
    assert sum(e.kind == "poll" for e in polls) == 2


def test_parse_interval() -> None:
    assert parse_interval("15m") == 900.0
    assert parse_interval("30s") == 30.0 and parse_interval("2h") == 7200.0
    assert parse_interval("45") == 45.0 and parse_interval(1.5) == 1.5
    for bad in ("soon", "0m", "-5s"):
        with pytest.raises(InputError):
            parse_interval(bad)
