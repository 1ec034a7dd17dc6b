"""Safe HTTP fetching: only http(s), never private hosts, bounded in time and size.

Every hop of a redirect chain is resolved and checked before we connect, and the connection is
pinned to the address we checked (the hostname travels in the Host header and in TLS SNI), so a
DNS answer that changes between the check and the connect cannot reach an internal host.
Bodies are streamed and decompressed by us with a bounded output, so a gzip bomb stops at the
limit. Every failure is a `FetchError` whose `reason` a caller can act on.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from wirebrief.config import Settings
from wirebrief.errors import FetchError, InputError
from wirebrief.ingest.decode import decode_bytes, header_charset, looks_like_html
from wirebrief.records import RawDocument

USER_AGENT = "Wirebrief/0.1 (news briefing; +https://github.com/wirebrief/wirebrief)"
MAX_REDIRECTS = 5
_REDIRECT_CODES = {301, 302, 303, 307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchResult:
    """One fetched resource. status 304 means 'not modified' (empty body)."""

    status: int
    url: str
    headers: Mapping[str, str]
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = field(default_factory=tuple)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        return header_charset(self.headers.get("content-type"))


def is_public_address(ip: IPAddress) -> bool:
    """True only for globally routable unicast addresses."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback, whatever its spelling
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}", reason="dns_failed") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(f"host {host!r} has no address", reason="dns_failed")
    return addresses


@dataclass(frozen=True)
class _Target:
    url: str
    host: str
    port: int
    scheme: str
    ip: IPAddress


def check_url(url: str, *, allow_private: bool = False) -> _Target:
    """Validate scheme and host, resolve it, refuse non-public addresses; return the pin."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {url!r}", reason="bad_url") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {scheme or 'none'!r}: "
                         f"{url}", reason="bad_scheme")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchError(f"URL has no host: {url}", reason="bad_url")
    if parts.username or parts.password:
        raise FetchError(f"URLs with credentials are refused: {host}", reason="bad_url")
    port = port or (443 if scheme == "https" else 80)
    addresses = resolve_host(host, port)
    if not allow_private:
        for ip in addresses:
            if not is_public_address(ip):
                raise FetchError(
                    f"{host} resolves to a non-public address ({ip}); refused "
                    "(use --allow-private to fetch from private or local hosts)",
                    reason="private_address")
    return _Target(url=url.strip(), host=host, port=port, scheme=scheme, ip=addresses[0])


class _Decoder:
    """Streamed, bounded decompression of a Content-Encoding."""

    def __init__(self, encoding: str) -> None:
        encodings = [e.strip().lower() for e in encoding.split(",") if e.strip()]
        encodings = [e for e in encodings if e != "identity"]
        if len(encodings) > 1:
            raise FetchError(f"stacked content encodings are not supported: {encoding}",
                             reason="bad_encoding")
        self.kind = encodings[0] if encodings else "identity"
        if self.kind in ("gzip", "x-gzip"):
            self._z: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.kind == "deflate":
            self._z = zlib.decompressobj()
            self._first = True
        elif self.kind == "identity":
            self._z = None
        else:
            raise FetchError(f"unsupported content encoding {encoding!r}", reason="bad_encoding")

    def feed(self, chunk: bytes, room: int) -> bytes:
        """Decompress `chunk`, producing at most room + 1 bytes (enough to see the limit)."""
        if self._z is None:
            return chunk
        if self.kind == "deflate" and self._first:
            self._first = False
            if chunk and (chunk[0] & 0x0F) != 8:  # raw deflate without the zlib header
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            out = self._z.decompress(chunk, room + 1)
        except zlib.error as exc:
            raise FetchError(f"corrupt {self.kind} body: {exc}", reason="bad_encoding") from exc
        return out


def _pinned_request(client: httpx.Client, target: _Target, headers: dict[str, str]
                    ) -> httpx.Request:
    host_for_url = f"[{target.ip}]" if target.ip.version == 6 else str(target.ip)
    parts = urlsplit(target.url)
    default_port = 443 if target.scheme == "https" else 80
    netloc = host_for_url if target.port == default_port else f"{host_for_url}:{target.port}"
    pinned = urlunsplit((target.scheme, netloc, parts.path or "/", parts.query, ""))
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return client.build_request("GET", pinned, headers={**headers, "Host": host_header},
                                extensions=extensions)


def fetch_url(url: str, *, timeout: float, max_bytes: int, allow_private: bool = False,
              headers: Mapping[str, str] | None = None, etag: str | None = None,
              last_modified: str | None = None, client: httpx.Client | None = None
              ) -> FetchResult:
    """Fetch one URL safely; `etag` / `last_modified` make it a conditional request.

    Raises FetchError with reason bad_scheme, bad_url, dns_failed, private_address, timeout,
    connect_failed, network_error, redirect_loop, too_many_redirects, too_large, bad_encoding
    or http_<status>. A 304 answer is returned, not raised.
    """
    request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                       "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                                 "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"}
    request_headers.update(headers or {})
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    own_client = client is None
    # trust_env=False: an environment proxy would connect on our behalf and undo the pinning.
    http = client or httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)
    seen: list[str] = []
    current = url
    try:
        while True:
            try:
                target = check_url(current, allow_private=allow_private)
            except FetchError as exc:
                if not seen:
                    raise
                raise FetchError(f"redirect from {seen[-1]} refused: {exc.message}",
                                 reason=exc.reason) from exc
            if target.url in seen:
                raise FetchError(f"redirect loop at {target.url}", reason="redirect_loop")
            seen.append(target.url)
            result = _fetch_once(http, target, request_headers, max_bytes, deadline, timeout)
            if isinstance(result, str):  # a redirect location
                if len(seen) > MAX_REDIRECTS:
                    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}",
                                     reason="too_many_redirects")
                current = urljoin(target.url, result)
                continue
            return FetchResult(status=result.status, url=target.url, headers=result.headers,
                               body=result.body, etag=result.etag,
                               last_modified=result.last_modified, redirects=tuple(seen[:-1]))
    finally:
        if own_client:
            http.close()


def _fetch_once(http: httpx.Client, target: _Target, headers: dict[str, str], max_bytes: int,
                deadline: float, timeout: float) -> FetchResult | str:
    request = _pinned_request(http, target, headers)
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{target.url}: timed out after {timeout:g} s", reason="timeout")
    # No single wait (connect, a read) may outlast what is left of the whole fetch's time.
    request.extensions["timeout"] = httpx.Timeout(left).as_dict()
    try:
        response = http.send(request, stream=True)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{target.url}: timed out after {timeout:g} s", reason="timeout") from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"{target.url}: cannot connect: {exc}", reason="connect_failed") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{target.url}: {exc}", reason="network_error") from exc
    try:
        status = response.status_code
        if status in _REDIRECT_CODES:
            location: str | None = response.headers.get("location")
            if not location:
                raise FetchError(f"{target.url}: redirect {status} without a Location",
                                 reason="bad_redirect")
            return location
        result_headers = {k.lower(): v for k, v in response.headers.items()}
        etag = result_headers.get("etag")
        modified = result_headers.get("last-modified")
        if status == 304:
            return FetchResult(304, target.url, result_headers, b"", etag, modified)
        if status >= 400:
            raise FetchError(f"{target.url}: HTTP {status} {response.reason_phrase}".strip(),
                             reason=f"http_{status}")
        declared = result_headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                f"{target.url}: {int(declared) / 1048576:.1f} MB, over the limit of "
                f"{max_bytes / 1048576:.1f} MB", reason="too_large")
        body = _read_body(response, target, result_headers.get("content-encoding", ""),
                          max_bytes, deadline, timeout)
        return FetchResult(status, target.url, result_headers, body, etag, modified)
    finally:
        response.close()


def _read_body(response: httpx.Response, target: _Target, encoding: str, max_bytes: int,
               deadline: float, timeout: float) -> bytes:
    decoder = _Decoder(encoding)
    parts: list[bytes] = []
    size = 0

    def too_large() -> FetchError:
        return FetchError(f"{target.url}: body larger than the limit of "
                          f"{max_bytes / 1048576:.1f} MB", reason="too_large")

    # A server that drips bytes never trips the per-read timeout, and `iter_raw(n)` waits for
    # n bytes: read what arrives, check the deadline after every read, and have a watchdog shut
    # the socket at the deadline so that even a read in progress ends then.
    watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _shut, (response,))
    watchdog.daemon = True
    watchdog.start()
    try:
        for raw in response.iter_raw():
            if time.monotonic() > deadline:
                raise FetchError(f"{target.url}: timed out after {timeout:g} s", reason="timeout")
            pending = raw
            while pending:
                out = decoder.feed(pending, max_bytes - size)
                size += len(out)
                if size > max_bytes:
                    raise too_large()
                parts.append(out)
                z = decoder._z
                pending = z.unconsumed_tail if z is not None else b""
    except httpx.TimeoutException as exc:
        raise FetchError(f"{target.url}: timed out after {timeout:g} s", reason="timeout") from exc
    except httpx.HTTPError as exc:
        if time.monotonic() >= deadline:  # the watchdog shut the socket
            raise FetchError(f"{target.url}: timed out after {timeout:g} s",
                             reason="timeout") from exc
        raise FetchError(f"{target.url}: connection broke while reading: {exc}",
                         reason="network_error") from exc
    finally:
        watchdog.cancel()
    return b"".join(parts)


def _shut(response: httpx.Response) -> None:
    """Shut the response's socket down: a read blocked on it returns at once."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def document_from_result(result: FetchResult, *, external_id: str | None = None) -> RawDocument:
    """Turn a fetched page into a RawDocument (HTML, or plain text)."""
    if result.content_type and not (
        result.content_type.startswith("text/") or "html" in result.content_type
        or "xml" in result.content_type
    ):
        raise FetchError(f"{result.url}: not a web page (content type {result.content_type})",
                         reason="not_html")
    try:
        text = decode_bytes(result.body, declared=result.charset)
    except InputError as exc:
        raise FetchError(f"{result.url}: {exc.message}", reason=exc.reason) from exc
    if "html" in result.content_type or looks_like_html(text):
        return RawDocument(external_id=external_id or result.url, html=text, url=result.url)
    return RawDocument(external_id=external_id or result.url, text=text, url=result.url)


def fetch_document(url: str, settings: Settings, *, allow_private: bool | None = None
                   ) -> RawDocument:
    """Fetch one article page under the user's settings (timeout, size limit, private hosts)."""
    result = fetch_url(url, timeout=settings.fetch_timeout, max_bytes=settings.max_input_bytes,
                       allow_private=settings.allow_private if allow_private is None
                       else allow_private)
    return document_from_result(result)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


__all__ = ["FetchResult", "check_url", "document_from_result", "fetch_document", "fetch_url",
           "is_public_address", "is_url", "resolve_host"]
