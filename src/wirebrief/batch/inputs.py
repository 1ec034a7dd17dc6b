"""What a batch run reads, and which partition each record goes to.

Local inputs are read with the same reader as `process` and `ingest` (`iter_documents`), so a
record gets the same external id, and a bad record the same reason, whichever command reads it.
A folder is expanded into its files on the driver, so that its files are read in parallel.
`s3a://`, `gs://`, `hdfs://` (any URI with a scheme other than http) are handed to Spark, which
reads each file whole on an executor; the file's records are then read the same way.

A record's partition is a hash of where it came from (input and position in that input), so a
rerun with the same inputs and partition count puts every record in the same partition: that is
what makes `--resume` and idempotent reruns possible.
"""

from __future__ import annotations

import re
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from wirebrief.errors import InputError
from wirebrief.ingest.reader import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    BadRecord,
    RawDocument,
    iter_documents,
    iter_files,
)

_URI_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
WARC_LIKE = (".warc", ".warc.gz", ".arc", ".arc.gz")
FEEDS = (".rss", ".atom", ".rss.gz", ".atom.gz")


@dataclass(frozen=True)
class BatchInputs:
    local: tuple[str, ...]  # files, read by path on an executor
    remote: tuple[str, ...]  # URIs (files, folders or globs) Spark reads

    @property
    def names(self) -> list[str]:
        return [*self.local, *self.remote]


def uri_scheme(item: str) -> str | None:
    match = _URI_RE.match(item)
    return match.group(1).lower() if match else None


def _wanted_in_folder(name: str) -> bool:
    """The files of a folder that `ingest` reads too (not images, indexes, stray .xml)."""
    name = name.lower()
    return name.endswith(WARC_LIKE + JSONL_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES + FEEDS)


def expand_inputs(items: Iterable[str]) -> BatchInputs:
    """Split the command line's inputs into local files (folders expanded) and cluster URIs."""
    local: list[str] = []
    remote: list[str] = []
    for item in items:
        scheme = uri_scheme(item)
        if scheme in {"http", "https"}:
            raise InputError(
                f"{item}: batch reads files and cluster storage (s3a://, gs://, hdfs://); "
                "fetch web pages with `wirebrief ingest` instead",
                reason="bad_scheme",
            )
        if scheme is not None:  # file:// too: Spark reads it (on a cluster, on each node)
            remote.append(item)
            continue
        path = Path(item).expanduser()
        if path.is_dir():
            local.extend(str(f.resolve()) for f in iter_files(path) if _wanted_in_folder(f.name))
        else:  # a missing file comes back from the reader as a failure row with its reason
            local.append(str(path.resolve()) if path.exists() else str(path))
    return BatchInputs(tuple(local), tuple(remote))


def read_local(path: str, limit: int) -> Iterator[RawDocument | BadRecord]:
    """The records of one local file, exactly as `ingest` reads them."""
    yield from iter_documents([path], limit)


def read_remote(uri: str, data: bytes, limit: int) -> Iterator[RawDocument | BadRecord]:
    """The records of one file Spark read from cluster storage: the bytes go to a temporary
    file named like the original (the suffix decides the format) and are read from there; ids
    that named the temporary file name the URI instead."""
    name = PurePosixPath(uri.split("://", 1)[-1]).name or "input"
    with tempfile.TemporaryDirectory(prefix="wirebrief-batch-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        for item in iter_documents([str(path)], limit):
            if item.external_id == str(path):
                if isinstance(item, BadRecord):
                    item = BadRecord(uri, InputError(
                        item.error.message.replace(str(path), uri), reason=item.error.reason))
                else:
                    item = replace(item, external_id=uri)
            yield item


def bucket_of(source: str, ordinal: int, partitions: int) -> int:
    """The partition of the `ordinal`-th record of `source`: stable across runs and machines
    (crc32, not Python's salted `hash`)."""
    return zlib.crc32(f"{source}\x00{ordinal}".encode()) % partitions


def keyed(
    source: str, records: Iterable[RawDocument | BadRecord], partitions: int
) -> Iterator[tuple[tuple[int, str, int], RawDocument | BadRecord]]:
    """Each record with its key (partition, source, position): the partition routes it, the
    rest orders a partition's records the same way on every run."""
    for ordinal, record in enumerate(records):
        yield (bucket_of(source, ordinal, partitions), source, ordinal), record
