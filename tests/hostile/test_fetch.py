"""A body dripped a byte at a time cannot outlast the fetch timeout (issue 13, item 4), and a
refused redirect says it was a redirect (item 11). The server listens on 127.0.0.1 only."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.hostile.bounded import finishes
from wirebrief.errors import FetchError
from wirebrief.ingest import fetch as fetch_mod
from wirebrief.ingest.fetch import fetch_url


class DripServer:
    """Answers every request with headers at once, then one body byte every `every` s."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/drip"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                             b"Content-Length: 1000000\r\n\r\n")
                while not self.stop.is_set():
                    conn.sendall(b"x")
                    time.sleep(self.every)
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.fixture
def drip() -> Iterator[DripServer]:
    server = DripServer()
    yield server
    server.close()


def test_dripped_body_stops_at_the_deadline(drip: DripServer) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        finishes(lambda: fetch_url(drip.url, timeout=1.0, max_bytes=10**7, allow_private=True))
    assert err.value.reason == "timeout"
    assert time.monotonic() - started < 20  # hours before: iter_raw waited for 64 KiB


def test_refused_redirect_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Redirect(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/internal")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setattr(fetch_mod, "is_public_address", lambda ip: str(ip) == "127.0.0.1")
    try:
        with pytest.raises(FetchError) as err:
            fetch_url(f"http://127.0.0.1:{httpd.server_port}/r", timeout=5, max_bytes=10**6)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert err.value.reason == "private_address"
    assert err.value.message.startswith("redirect from http://127.0.0.1:")
    assert "10.0.0.1" in err.value.message
