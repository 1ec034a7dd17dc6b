"""Web archives (WARC, plain or gzipped): the HTML pages a crawl captured.

Only `response` records with HTTP status 200 and an HTML body are kept; each keeps its
WARC-Target-URI and its WARC-Date (the capture date, used when the page itself gives no date).
Records are streamed one at a time, so memory stays flat however large the archive. An archive
cut in the middle keeps every record before the cut and reports the rest as one BadRecord.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from wirebrief.errors import InputError
from wirebrief.ingest.decode import decode_bytes, header_charset, looks_like_html
from wirebrief.records import BadRecord, RawDocument

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_DRAIN_CHUNK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc_path(path: Path | str) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def _warc_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _record_document(record: Any, limit: int, index: int) -> RawDocument | BadRecord | None:
    """One record as a document, a BadRecord, or None when it is not an HTML 200 response."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {index}"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    declared_html = any(t in content_type for t in _HTML_TYPES)
    if content_type and not declared_html and not content_type.startswith("text/"):
        return None  # images, scripts, PDFs: not articles
    # content_stream() undoes chunking and Content-Encoding; read() is bounded by the limit.
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return BadRecord(uri, InputError(
            f"{uri}: page larger than the input limit of {limit / 1048576:.0f} MB",
            reason="too_large"))
    try:
        text = decode_bytes(data, declared=header_charset(content_type))
    except InputError as exc:
        return BadRecord(uri, InputError(f"{uri}: {exc.message}", reason=exc.reason))
    if not declared_html and not looks_like_html(text):
        return None
    return RawDocument(external_id=uri, html=text, url=uri if "://" in uri else None,
                       published=_warc_date(record.rec_headers.get_header("WARC-Date")))


def _drain(record: Any) -> None:
    """Read the record to its end; a record shorter than its Content-Length was cut off.

    warcio (and zlib) end a truncated archive silently, so this is how a cut is noticed.
    """
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    if not hasattr(raw, "limit"):
        raise EOFError("record header is incomplete (no Content-Length)")
    missing = raw.limit
    if missing > 0:
        raise EOFError(f"record ends {missing} bytes before its declared Content-Length")


def _check_tail(fh: IO[bytes], offset: int) -> None:
    """Bytes left after the last whole record are a record cut short (gzip hides the cut)."""
    fh.seek(offset)
    tail = fh.read(_DRAIN_CHUNK)
    if tail.strip(b"\r\n\t "):
        size = offset + len(tail) + len(fh.read())
        raise EOFError(f"{size - offset} bytes after the last whole record do not form one")


def iter_warc(path: Path | str, limit: int = 20 * 1024 * 1024
              ) -> Iterator[RawDocument | BadRecord]:
    """Stream the HTML pages of a WARC file; `limit` is the largest page accepted, in bytes."""
    p = Path(path)
    if not p.is_file():
        yield BadRecord(str(p), InputError(f"{p}: no such file", reason="missing"))
        return
    index = 0
    done = 0  # records read whole
    kept = 0
    with p.open("rb") as fh:
        stream: IO[bytes] = fh
        try:
            archive = ArchiveIterator(stream, arc2warc=True)
            for index, record in enumerate(archive, start=1):  # noqa: B007 - read after loop
                declared = record.rec_headers.get_header("Content-Length") or ""
                if not declared.strip().isdigit():  # -5: warcio reads on into the next record
                    raise ValueError(f"record {index} has an invalid Content-Length {declared!r}")
                item = _record_document(record, limit, index)
                _drain(record)
                done = index
                if item is not None:
                    kept += isinstance(item, RawDocument)
                    yield item
            archive.read_to_end()
            _check_tail(fh, archive.offset)
        except Exception as exc:  # noqa: BLE001 - a broken record ends the archive, not the run
            # warcio and zlib fail with many types (ArchiveLoadFailed, EOFError, zlib.error, ...)
            yield BadRecord(str(p), InputError(
                f"{p}: archive truncated or corrupt after record {done} "
                f"(byte {fh.tell()}): {type(exc).__name__}: {str(exc).strip()[:200]}; "
                f"the {kept} page(s) before it were kept", reason="truncated"))


__all__ = ["WARC_SUFFIXES", "is_warc_path", "iter_warc"]
