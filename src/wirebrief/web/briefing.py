"""Briefing for the web server in worker processes, each brief within a time budget.

Hostile text must never stall the server. Run in the server's own process, even on a thread, a
brief shares the interpreter lock with the event loop: a long regular-expression scan or parse
step holds it and every other request waits. So briefs run in separate processes, at most
`slots` at once; the server only waits for their answer, off the event loop. A brief past its
budget is answered 503 and its process is killed (a thread could not be stopped); a process that
dies (a crash in native code, the OOM killer) costs only its own request. A fresh process loads
the language model on its first brief and then keeps it for the next ones.
"""

from __future__ import annotations

import multiprocessing.connection
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import anyio

from wirebrief.errors import AnalysisError, WirebriefError

P = ParamSpec("P")
R = TypeVar("R")


class _Timeout(Exception):
    pass


def _serve(conn: multiprocessing.connection.Connection) -> None:
    """A worker's loop: call what arrives, send back ("ok", result) or ("error", exception)."""
    while True:
        try:
            fn, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args, **kwargs))
        except WirebriefError as exc:
            reply = ("error", exc)
        except Exception as exc:  # noqa: BLE001 - reported to the request, the worker goes on
            reply = ("error", AnalysisError(
                f"internal error while briefing: {type(exc).__name__}: {exc}", reason="internal"))
        conn.send(reply)


class _Worker:
    def __init__(self) -> None:
        from wirebrief.pipeline import worker_context

        ctx = worker_context()
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True,
                                   name="wirebrief-brief")
        self.process.start()
        child.close()

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
             budget: float) -> tuple[str, Any]:
        self.conn.send((fn, args, kwargs))
        if not self.conn.poll(budget):
            raise _Timeout
        reply: tuple[str, Any] = self.conn.recv()
        return reply

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class BriefRunner:
    """At most `slots` briefs at once, each in a worker process, each within `budget_s`."""

    def __init__(self, slots: int = 2, budget_s: float = 60.0) -> None:
        self.slots = slots
        self.budget_s = budget_s
        self._idle: list[_Worker] = []
        self._busy = 0
        self._lock = threading.Lock()

    def _acquire(self) -> _Worker | None:
        with self._lock:
            if self._busy >= self.slots:
                raise AnalysisError("the server is busy briefing other articles; try again "
                                    "later", reason="busy")
            self._busy += 1
            return self._idle.pop() if self._idle else None

    def _release(self, worker: _Worker | None) -> None:
        with self._lock:
            self._busy -= 1
            if worker is not None:
                self._idle.append(worker)

    async def run(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """`fn(*args, **kwargs)` in a worker process (`fn` and its result must pickle)."""
        worker = self._acquire()
        try:
            if worker is None:
                worker = await anyio.to_thread.run_sync(_Worker)
            status, value = await anyio.to_thread.run_sync(
                worker.call, fn, args, kwargs, self.budget_s)
        except _Timeout:
            if worker is not None:  # the timeout comes from a call on a worker
                worker.kill()
            worker = None
            raise AnalysisError(f"briefing this article took longer than {self.budget_s:g} s; "
                                "it was stopped", reason="timeout") from None
        except (EOFError, OSError) as exc:
            if worker is not None:
                worker.kill()
                worker = None
            raise AnalysisError("the briefing process died on this article (a crash in a "
                                f"parser, or out of memory): {type(exc).__name__}",
                                reason="worker_died") from None
        finally:
            self._release(worker)
        if status == "error":
            raise value
        result: R = value
        return result

    def close(self) -> None:
        """Stop the idle workers (busy ones end with their request)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()
