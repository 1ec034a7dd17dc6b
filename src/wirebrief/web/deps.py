"""Shared state and dependencies of the web app: the store, settings and the write token."""

from __future__ import annotations

import atexit
import hmac
import ipaddress
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, cast

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from wirebrief.config import Settings
from wirebrief.store.db import Store
from wirebrief.store.postgres import is_postgres_url, open_pool
from wirebrief.web.briefing import BriefRunner
from wirebrief.web.errors import AuthError

P = ParamSpec("P")
R = TypeVar("R")
FORM_OVERHEAD_BYTES = 2 * 1024 * 1024  # the paste/upload form's fields and encoding


@dataclass
class WebState:
    settings: Settings
    db_path: Path | str  # a SQLite path, or a postgresql:// URL
    token: str | None
    require_token: bool  # True when bound to a non-loopback host
    brief_budget_s: float = 60.0  # a brief that takes longer is stopped and answered 503
    brief_slots: int = 2  # briefs running at once, each in its own worker process

    def __post_init__(self) -> None:
        self._local = threading.local()
        self.briefs = BriefRunner(self.brief_slots, self.brief_budget_s)
        self.pool: Any = None
        if is_postgres_url(self.db_path):
            # A server store: one connection pool for every request; the schema is brought up
            # to date once, here.
            Store(self.db_path).close()
            self.pool = open_pool(str(self.db_path))
            atexit.register(self.pool.close)

    async def run_brief(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run a brief in a worker process within the time budget (see `web.briefing`)."""
        return await self.briefs.run(fn, *args, **kwargs)

    def store(self) -> Store:
        """SQLite: one connection per worker thread (sqlite3 connections must not cross
        threads). For PostgreSQL, use `checkout`: a connection from the pool."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db_path)
            self._local.store = store
        return store

    @contextmanager
    def checkout(self) -> Iterator[Store]:
        """A store for one piece of work: pooled on PostgreSQL, the thread's own on SQLite."""
        if self.pool is None:
            yield self.store()
            return
        with self.pool.connection() as raw:
            yield Store.on_connection(str(self.db_path), raw)


def state(request: Request) -> WebState:
    web: WebState = request.app.state.web
    return web


class _ThreadStore:
    """Stands in for the Store: each attribute is looked up on the calling thread's connection.

    FastAPI may resolve a dependency on one worker thread and run the endpoint on another, and
    a sqlite3 connection refuses to cross threads; so the connection is picked at use time.
    """

    def __init__(self, web: WebState) -> None:
        self._web = web

    def __getattr__(self, name: str) -> object:
        return getattr(self._web.store(), name)


async def get_store(request: Request) -> AsyncIterator[Store]:
    # async: a trivial dependency should not cost a trip through the thread pool.
    web = state(request)
    if web.pool is None:
        yield cast(Store, _ThreadStore(web))
        return
    # PostgreSQL: a connection from the pool for this request, given back after it.
    raw = await run_in_threadpool(web.pool.getconn)
    try:
        yield Store.on_connection(str(web.db_path), raw)
    finally:
        web.pool.putconn(raw)


def check_write(request: Request, form_token: str | None = None) -> None:
    """Write endpoints need `Authorization: Bearer TOKEN` when a token is set or required."""
    web = state(request)
    if web.token is None:
        if web.require_token:
            raise AuthError("write endpoints are disabled on a non-loopback host without a "
                            "token: set WIREBRIEF_TOKEN or --token", reason="forbidden")
        return
    header = request.headers.get("authorization", "")
    given = header[7:].strip() if header.lower().startswith("bearer ") else (form_token or "")
    if not hmac.compare_digest(given.encode(), web.token.encode()):
        raise AuthError("a valid token is required: send 'Authorization: Bearer TOKEN'",
                        reason="unauthorized")


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address or "localhost"; a name that merely starts with
    "127." (127.attacker.example) is not."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
