"""Safe fetching against a local HTTP server on 127.0.0.1 (allow_private=True to reach it)."""

from __future__ import annotations

import gzip
import ipaddress
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wirebrief.config import Settings
from wirebrief.errors import FetchError
from wirebrief.ingest import fetch as fetch_mod
from wirebrief.ingest.fetch import check_url, fetch_document, fetch_url, is_public_address

ARTICLE = ("<html><head><meta charset='utf-8'><title>K2 tanks arrive</title></head><body>"
           "<article><h1>K2 tanks arrive</h1><p>" + "Poland received more K2 tanks from South "
           "Korea at the port of Gdynia, the armament agency said. " * 4 + "</p></article>"
           "</body></html>")


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None  # when set, If-None-Match with it answers 304


Handler = Callable[[BaseHTTPRequestHandler], Route]


class LocalServer:
    """A tiny HTTP server in a thread; routes can change between requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Handler] = {}
        self.log: list[tuple[str, dict[str, str], float]] = []
        server = self

        class _H(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.log.append((self.path, dict(self.headers), time.monotonic()))
                route = server.routes.get(self.path)
                if callable(route):
                    route = route(self)
                if route is None:
                    route = Route(404, b"not here")
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                try:
                    self.send_response(route.status)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout or size limit): expected here

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                       daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _, _ in self.log if p == path)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


def _get(url: str, **kw: object) -> fetch_mod.FetchResult:
    args: dict[str, object] = {"timeout": 5.0, "max_bytes": 1_000_000, "allow_private": True}
    args.update(kw)
    return fetch_url(url, **args)  # type: ignore[arg-type]


def test_fetches_a_page_with_metadata(server: LocalServer) -> None:
    server.routes["/a"] = Route(body=ARTICLE.encode(), etag='"v1"', headers={
        "Content-Type": "text/html; charset=utf-8",
        "Last-Modified": "Mon, 04 Mar 2024 08:00:00 GMT"})
    result = _get(server.url("/a"))
    assert result.status == 200 and result.body == ARTICLE.encode()
    assert result.etag == '"v1"'
    assert result.last_modified == "Mon, 04 Mar 2024 08:00:00 GMT"
    assert result.charset == "utf-8" and result.content_type == "text/html"
    # The pinned connection still tells the server which host it asked for.
    assert server.log[-1][1]["Host"].startswith("127.0.0.1:")


def test_conditional_request_gets_304(server: LocalServer) -> None:
    server.routes["/a"] = Route(body=ARTICLE.encode(), etag='"v1"')
    result = _get(server.url("/a"), etag='"v1"', last_modified="Mon, 04 Mar 2024 08:00:00 GMT")
    assert result.not_modified and result.body == b""
    headers = server.log[-1][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Mon, 04 Mar 2024 08:00:00 GMT"


def test_loopback_refused_without_allow_private(server: LocalServer) -> None:
    server.routes["/a"] = Route(body=b"secret")
    with pytest.raises(FetchError) as err:
        _get(server.url("/a"), allow_private=False)
    assert err.value.reason == "private_address"
    assert server.hits("/a") == 0  # refused before connecting


@pytest.mark.parametrize("address,public", [
    ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False), ("172.16.5.4", False),
    ("169.254.169.254", False), ("224.0.0.1", False), ("0.0.0.0", False), ("240.0.0.1", False),
    ("::1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False),
    ("100.64.0.1", False), ("8.8.8.8", True), ("2606:4700:4700::1111", True),
])
def test_address_classes(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize("url,reason", [
    ("file:///etc/passwd", "bad_scheme"), ("ftp://example.com/x", "bad_scheme"),
    ("gopher://127.0.0.1:70/", "bad_scheme"), ("http://", "bad_url"),
    ("http://user:pw@example.com/", "bad_url"), ("http://[::1]/", "private_address"),
    ("http://169.254.169.254/latest/meta-data/", "private_address"),
    ("http://0x7f000001/", "private_address"),
])
def test_unsafe_urls_refused(url: str, reason: str) -> None:
    with pytest.raises(FetchError) as err:
        check_url(url)
    assert err.value.reason == reason


def test_each_redirect_hop_is_checked(server: LocalServer,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Treat the test server as public, so the second hop is the only private one.
    monkeypatch.setattr(fetch_mod, "is_public_address",
                        lambda ip: str(ip) == "127.0.0.1")
    server.routes["/r"] = Route(302, headers={"Location": "http://10.0.0.1/internal"})
    with pytest.raises(FetchError) as err:
        _get(server.url("/r"), allow_private=False)
    assert err.value.reason == "private_address"
    assert "10.0.0.1" in err.value.message


def test_redirects_followed_and_recorded(server: LocalServer) -> None:
    server.routes["/old"] = Route(301, headers={"Location": "/mid"})
    server.routes["/mid"] = Route(307, headers={"Location": server.url("/new")})
    server.routes["/new"] = Route(body=ARTICLE.encode(), headers={"Content-Type": "text/html"})
    result = _get(server.url("/old"))
    assert result.url == server.url("/new")
    assert result.redirects == (server.url("/old"), server.url("/mid"))


def test_redirect_loop_and_too_many(server: LocalServer) -> None:
    server.routes["/a"] = Route(302, headers={"Location": "/b"})
    server.routes["/b"] = Route(302, headers={"Location": "/a"})
    with pytest.raises(FetchError) as err:
        _get(server.url("/a"))
    assert err.value.reason == "redirect_loop"
    for i in range(8):
        server.routes[f"/c{i}"] = Route(302, headers={"Location": f"/c{i + 1}"})
    with pytest.raises(FetchError) as err:
        _get(server.url("/c0"))
    assert err.value.reason == "too_many_redirects"


@pytest.mark.parametrize("status", [404, 500, 403])
def test_http_errors(server: LocalServer, status: int) -> None:
    server.routes["/x"] = Route(status, b"nope")
    with pytest.raises(FetchError) as err:
        _get(server.url("/x"))
    assert err.value.reason == f"http_{status}"


def test_slow_response_times_out(server: LocalServer) -> None:
    server.routes["/slow"] = Route(body=b"late", delay=1.5)
    with pytest.raises(FetchError) as err:
        _get(server.url("/slow"), timeout=0.3)
    assert err.value.reason == "timeout"  # the answer would have come, 1.5 s later


def test_body_over_limit(server: LocalServer) -> None:
    server.routes["/big"] = Route(body=b"x" * 50_000)
    with pytest.raises(FetchError) as err:
        _get(server.url("/big"), max_bytes=10_000)
    assert err.value.reason == "too_large"


def test_gzip_bomb_stops_at_limit(server: LocalServer) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # ~50 KB on the wire
    assert len(bomb) < 100_000
    server.routes["/bomb"] = Route(body=bomb, headers={"Content-Encoding": "gzip",
                                                       "Content-Type": "text/html"})
    with pytest.raises(FetchError) as err:
        _get(server.url("/bomb"), max_bytes=1_000_000)
    assert err.value.reason == "too_large"


@pytest.mark.parametrize("encode,name", [
    (gzip.compress, "gzip"), (zlib.compress, "deflate"),
    (lambda b: zlib.compress(b)[2:-4], "deflate"),  # raw deflate, as some servers send it
])
def test_compressed_bodies_decoded(server: LocalServer, encode: Callable[[bytes], bytes],
                                   name: str) -> None:
    server.routes["/z"] = Route(body=encode(ARTICLE.encode()),
                                headers={"Content-Encoding": name})
    assert _get(server.url("/z")).body == ARTICLE.encode()


def test_corrupt_gzip_is_a_clear_error(server: LocalServer) -> None:
    server.routes["/z"] = Route(body=b"\x1f\x8b\x08\x00garbage-not-gzip",
                                headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as err:
        _get(server.url("/z"))
    assert err.value.reason == "bad_encoding"


def test_fetch_document_decodes_declared_charset(server: LocalServer) -> None:
    page = "<html><body><p>Caf\u00e9 \u00e9t\u00e9 d\u00e9fense</p></body></html>"
    server.routes["/latin"] = Route(body=page.encode("latin-1"),
                                    headers={"Content-Type": "text/html; charset=iso-8859-1"})
    server.routes["/png"] = Route(body=b"\x89PNG\r\n", headers={"Content-Type": "image/png"})
    settings = Settings(allow_private=True, fetch_timeout=5.0)
    doc = fetch_document(server.url("/latin"), settings)
    assert doc.html is not None and "Caf\u00e9 \u00e9t\u00e9" in doc.html
    assert doc.url == server.url("/latin") and doc.external_id == doc.url
    with pytest.raises(FetchError) as err:
        fetch_document(server.url("/png"), settings)
    assert err.value.reason == "not_html"
    with pytest.raises(FetchError) as err:
        fetch_document(server.url("/latin"), Settings())  # allow_private off by default
    assert err.value.reason == "private_address"
