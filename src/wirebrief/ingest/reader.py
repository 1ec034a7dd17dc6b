"""Reading raw documents from files, folders, JSONL exports and stdin.

Everything here is untrusted: files can be empty, binary, huge or mis-encoded. Each problem
becomes an `InputError` with a one-line message; nothing is half-read. Folders and JSONL files
are streamed, so a folder of thousands of files or a multi-GB export keeps memory flat.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from wirebrief.config import Settings, load_settings
from wirebrief.errors import InputError, WirebriefError
from wirebrief.ingest.decode import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    check_regular,
    decode_bytes,
    looks_like_html,
    read_bytes,
    read_limited,
)
from wirebrief.records import BadRecord, RawDocument, scrub_surrogates

__all__ = [
    "HTML_SUFFIXES", "JSONL_SUFFIXES", "TEXT_SUFFIXES", "BadRecord", "RawDocument",
    "check_regular", "decode_bytes", "document_from_bytes", "iter_documents", "iter_files",
    "iter_jsonl", "looks_like_html", "read_bytes", "read_document", "read_stdin",
    "record_to_document", "scrub_surrogates",
]


def document_from_bytes(
    data: bytes,
    *,
    external_id: str | None,
    html_hint: bool | None = None,
    published: date | None = None,
) -> RawDocument:
    text = decode_bytes(data)
    is_html = looks_like_html(text) if html_hint is None else html_hint
    if is_html:
        return RawDocument(external_id=external_id, html=text, published=published)
    return RawDocument(external_id=external_id, text=text, published=published)


def read_document(path: Path, limit: int) -> RawDocument:
    """Read one HTML or plain-text file into a RawDocument; its path is the external id."""
    name = path.name.lower()
    hint = (
        True if name.endswith(HTML_SUFFIXES) else (False if name.endswith(TEXT_SUFFIXES) else None)
    )
    return document_from_bytes(read_bytes(path, limit), external_id=str(path), html_hint=hint)


def read_stdin(limit: int) -> RawDocument:
    return document_from_bytes(read_limited(sys.stdin.buffer, limit, "stdin"), external_id="-")


def _parse_date(value: object, record_id: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(
            f"record {record_id}: 'published' is not YYYY-MM-DD: {value!r}", reason="bad_record"
        ) from exc


def record_to_document(record: object, fallback_id: str) -> RawDocument:
    """Validate one JSONL record: an object with `id` and `text` or `html`."""
    if not isinstance(record, dict):
        raise InputError(f"record {fallback_id}: not a JSON object", reason="bad_record")
    rid = scrub_surrogates(str(record.get("id") or fallback_id))
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(f"record {rid}: needs a 'text' or 'html' string", reason="bad_record")
    if not (text or html or "").strip():
        raise InputError(f"record {rid}: empty text", reason="empty")
    return RawDocument(
        external_id=rid,
        text=text if isinstance(text, str) and not isinstance(html, str) else None,
        html=html if isinstance(html, str) else None,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        published=_parse_date(record.get("published"), rid),
        source=record.get("source") if isinstance(record.get("source"), str) else None,
    )


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """Lines of at most `limit` + 1 bytes: a longer one (a gzip bomb without newlines, say)
    comes out cut to that length, and the rest of it is skipped unread into memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the over-long line, a chunk at a time
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def iter_jsonl(path: Path | str, limit: int) -> Iterator[RawDocument | BadRecord]:
    """Stream a JSONL file (or '-' for stdin) record by record; bad lines become BadRecord."""
    if str(path) == "-":
        stream: BinaryIO = sys.stdin.buffer
        close = False
    else:
        p = Path(path)
        check_regular(p)
        stream = gzip.open(p, "rb") if p.suffix == ".gz" else p.open("rb")  # type: ignore[assignment]  # noqa: SIM115
        close = True
    try:
        for lineno, raw in enumerate(_bounded_lines(stream, limit), start=1):
            if not raw.strip():
                continue
            fallback = f"line {lineno}"
            if len(raw) > limit:
                yield BadRecord(
                    fallback,
                    InputError(
                        f"{fallback}: record over the input limit of {limit / 1048576:.0f} MB",
                        reason="too_large",
                    ),
                )
                continue
            try:
                line = raw.decode("utf-8", errors="replace")
                record = json.loads(line.lstrip("\ufeff") if lineno == 1 else line)
            except json.JSONDecodeError as exc:
                yield BadRecord(
                    fallback,
                    InputError(f"{fallback}: invalid JSON: {exc.msg}", reason="bad_record"),
                )
                continue
            except RecursionError:
                yield BadRecord(
                    fallback,
                    InputError(f"{fallback}: JSON nested too deeply to read", reason="bad_record"),
                )
                continue
            rid = (
                str(record.get("id")) if isinstance(record, dict) and record.get("id") else fallback
            )
            rid = scrub_surrogates(rid)
            try:
                doc = record_to_document(record, fallback)
            except InputError as exc:
                yield BadRecord(rid, exc)
                continue
            except Exception as exc:  # noqa: BLE001 - one odd record must not stop the file
                yield BadRecord(
                    rid,
                    InputError(f"{fallback}: unreadable record: {type(exc).__name__}",
                               reason="bad_record"),
                )
                continue
            yield doc
    finally:
        if close:
            stream.close()


def iter_files(root: Path) -> Iterator[Path]:
    """Walk a folder lazily, in a stable order, skipping hidden files."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def iter_documents(
    paths: list[Path | str], limit: int, settings: Settings | None = None
) -> Iterator[RawDocument | BadRecord]:
    """Every document under the given files, folders, JSONL exports, feeds, WARC archives and
    http(s) URLs, streamed."""
    # Imported here: these modules build on this one.
    from wirebrief.ingest.feeds import FEED_SUFFIXES, iter_feed_file
    from wirebrief.ingest.fetch import fetch_document, is_url
    from wirebrief.ingest.warc import is_warc_path, iter_warc

    for item in paths:
        if str(item) == "-":
            try:
                yield read_stdin(limit)
            except InputError as exc:
                yield BadRecord("-", exc)
            continue
        if isinstance(item, str) and is_url(item):
            try:
                yield fetch_document(item, settings or load_settings())
            except WirebriefError as exc:
                yield BadRecord(item, InputError(exc.message, reason=exc.reason))
            continue
        path = Path(item)
        if not path.exists():
            yield BadRecord(
                str(path), InputError(f"{path}: no such file or folder", reason="missing")
            )
            continue
        files = iter_files(path) if path.is_dir() else iter([path])
        for file in files:
            name = file.name.lower()
            try:
                check_regular(file)  # a FIFO would block the whole run on open
            except InputError as exc:
                readable = is_warc_path(file) or name.endswith(
                    HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES)
                if exc.reason == "not_regular" or not path.is_dir() or readable:
                    yield BadRecord(str(file), exc)
                continue
            try:
                if is_warc_path(file):
                    yield from iter_warc(file, limit)
                    continue
                if name.endswith(FEED_SUFFIXES) and not (path.is_dir() and name.endswith(".xml")):
                    yield from iter_feed_file(file, limit)
                    continue
                if name.endswith(JSONL_SUFFIXES):
                    yield from iter_jsonl(file, limit)
                    continue
            except WirebriefError as exc:
                yield BadRecord(str(file), InputError(exc.message, reason=exc.reason))
                continue
            if path.is_dir() and not name.endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
                continue  # a folder may hold images, indexes, READMEs
            try:
                yield read_document(file, limit)
            except InputError as exc:
                yield BadRecord(str(file), exc)
