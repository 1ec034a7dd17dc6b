"""Bytes to text: reading files within a size limit and decoding them whatever their charset.
The readers of files, feeds, WARC archives and fetched pages all decode through here."""

from __future__ import annotations

import gzip
import re
import stat
from pathlib import Path
from typing import BinaryIO

from wirebrief.errors import InputError
from wirebrief.extract.html_decode import decode_html, has_bom

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
_HTML_SNIFF_RE = re.compile(
    r"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<meta|<div|<article|<p[\s>])", re.IGNORECASE
)


_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)


def header_charset(content_type: str | None) -> str | None:
    """The charset of a Content-Type header value ("text/html; charset=x"), if any."""
    match = _HEADER_CHARSET_RE.search(content_type or "")
    return match.group(1) if match else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode input bytes with the project's one decoder (`extract.html_decode`), after
    refusing what is not text: empty input and binary files. `declared` is a charset given from
    outside the bytes (an HTTP header, a WARC record's)."""
    if not data.strip():
        raise InputError("empty input: nothing to read", reason="empty")
    if b"\x00" in data[:8192] and not has_bom(data):
        raise InputError("binary input: this is not a text or HTML file", reason="binary")
    return decode_html(data, declared)


def looks_like_html(text: str) -> bool:
    head = text[:2048]
    return bool(_HTML_SNIFF_RE.match(head)) or ("<body" in head.lower() and "</" in text[:65536])


def read_limited(fh: BinaryIO, limit: int, name: str) -> bytes:
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{name}: larger than the input limit of {limit / 1048576:.0f} MB "
            "(raise it with --max-input-mb or WIREBRIEF_MAX_INPUT_MB)",
            reason="too_large",
        )
    return data


def check_regular(path: Path) -> None:
    """Refuse anything but a regular file (or a link to one) before opening it: opening a FIFO
    waits for a writer forever, and a device can be read forever."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", reason="missing") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}", reason="unreadable") from exc
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a directory", reason="directory")
    if not stat.S_ISREG(mode):
        kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special")
        raise InputError(f"{path}: not a regular file ({kind}); skipped", reason="not_regular")


def read_bytes(path: Path, limit: int) -> bytes:
    """Read a file (gunzipping .gz) up to `limit` bytes; a gzip bomb stops at the limit."""
    check_regular(path)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as gz:
                return read_limited(gz, limit, str(path))  # type: ignore[arg-type]
        if path.stat().st_size > limit:
            raise InputError(
                f"{path}: {path.stat().st_size / 1048576:.1f} MB, over the input limit of "
                f"{limit / 1048576:.0f} MB (raise it with --max-input-mb)",
                reason="too_large",
            )
        with path.open("rb") as fh:
            return read_limited(fh, limit, str(path))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{path}: cannot read: {exc}", reason="unreadable") from exc
