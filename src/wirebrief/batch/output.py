"""The batch output folder: two Parquet datasets and a manifest.

    OUT_DIR/
      _wirebrief_batch.json          manifest: format, partition count, inputs, last summary
      briefings/part-00000.parquet   one row per briefing (schema: BRIEFING_SCHEMA)
      failures/part-00000.parquet    one row per record skipped or failed, with its reason

Each partition's two files are written by the task that briefed it: failures first, then
briefings, each to a hidden temporary name and moved into place, so a partition whose briefings
file exists is complete (that is what `--resume` checks). Every file of a dataset has the same
schema, an empty partition included, so `spark.read.parquet(OUT_DIR + "/briefings")`,
`pyarrow.dataset.dataset(...)`, DuckDB or pandas read the folder as one table.

`docs/scale.md` describes every column. This module needs pyarrow (the `spark` extra), not
Spark: `wirebrief ingest OUT_DIR` reads the folder back with `iter_batch_briefings`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirebrief import __version__
from wirebrief.errors import InputError
from wirebrief.models import Briefing
from wirebrief.pipeline import BriefFailure

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.fs as pafs

MANIFEST = "_wirebrief_batch.json"
FORMAT = "wirebrief-batch/1"
BRIEFINGS = "briefings"
FAILURES = "failures"
# Not articles, rather than errors: counted as "skipped" in the summary.
SKIP_REASONS = frozenset({"empty", "too_short", "no_prose", "not_html", "no_content"})
_PART_RE = re.compile(r"^part-(\d{5})\.parquet$")
_ROWS_PER_GROUP = 256

EXTRA_HINT = "pip install 'wirebrief[spark]'"


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise InputError(
            f"reading or writing batch output needs pyarrow; install it with: {EXTRA_HINT}",
            reason="missing_extra",
        ) from exc
    return pyarrow


def briefing_schema() -> pa.Schema:
    pa = _pyarrow()
    span = [("start", pa.int32()), ("end", pa.int32())]
    return pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        ("external_id", pa.string()),
        ("input", pa.string()),
        ("position", pa.int64()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("author", pa.string()),
        ("source", pa.string()),
        ("language", pa.string()),
        ("text", pa.string()),
        ("summary", pa.list_(pa.struct([("text", pa.string()), *span]))),
        ("entities", pa.list_(pa.struct([
            ("text", pa.string()), ("type", pa.string()), ("canonical", pa.string()), *span,
            ("subtype", pa.string()), ("country", pa.string()), ("role", pa.string()),
        ]))),
        ("events", pa.list_(pa.struct([
            ("type", pa.string()), ("mode", pa.string()),
            ("actor", pa.string()), ("actor_country", pa.string()),
            ("recipient", pa.string()), ("recipient_country", pa.string()),
            ("date", pa.string()), ("aux", pa.string()), ("confidence", pa.float64()),
            ("weapon_systems", pa.list_(pa.string())), ("sentence", pa.string()), *span,
        ]))),
        ("warnings", pa.list_(pa.string())),
        ("components", pa.map_(pa.string(), pa.string())),
        ("briefing", pa.string()),
        ("wirebrief_version", pa.string()),
    ])


def failure_schema() -> pa.Schema:
    pa = _pyarrow()
    return pa.schema([
        ("external_id", pa.string()),
        ("input", pa.string()),
        ("position", pa.int64()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("error", pa.string()),
        ("message", pa.string()),
        ("wirebrief_version", pa.string()),
    ])


def briefing_row(b: Briefing, source: str, position: int) -> dict[str, object]:
    """One Parquet row: the columns a query needs as typed fields, and the whole briefing as
    JSON (`briefing`) for what has no column (transfers, related links, timex values)."""
    return {
        "article_id": b.id, "external_id": b.external_id, "input": source,
        "position": position, "url": b.url, "title": b.title, "published": b.published,
        "author": b.author, "source": b.source, "language": b.language, "text": b.text,
        "summary": [{"text": s.text, "start": s.start, "end": s.end} for s in b.summary],
        "entities": [
            {"text": e.text, "type": e.type.value, "canonical": e.canonical, "start": e.start,
             "end": e.end, "subtype": e.subtype, "country": e.country, "role": e.role}
            for e in b.entities
        ],
        "events": [
            {"type": ev.type, "mode": ev.mode,
             "actor": ev.actor.text if ev.actor else None,
             "actor_country": ev.actor.country if ev.actor else None,
             "recipient": ev.recipient.text if ev.recipient else None,
             "recipient_country": ev.recipient.country if ev.recipient else None,
             "date": ev.date.value if ev.date else None, "aux": ev.aux,
             "confidence": ev.confidence, "weapon_systems": list(ev.weapon_systems),
             "sentence": ev.evidence.sentence, "start": ev.evidence.start,
             "end": ev.evidence.end}
            for ev in b.events
        ],
        "warnings": list(b.warnings),
        "components": sorted(b.components.items()),
        "briefing": b.model_dump_json(),
        "wirebrief_version": __version__,
    }


def failure_status(failure: BriefFailure) -> str:
    """A record that is not an article (no prose, empty, too short) is skipped; the rest failed."""
    if getattr(failure, "skipped", False) or failure.error.reason in SKIP_REASONS:
        return "skipped"
    return "failed"


def failure_row(f: BriefFailure, source: str, position: int) -> dict[str, object]:
    return {
        "external_id": f.external_id, "input": source, "position": position,
        "status": failure_status(f), "reason": f.error.reason,
        "error": type(f.error).__name__, "message": f.error.message,
        "wirebrief_version": __version__,
    }


# Files ----------------------------------------------------------------------------------------


def filesystem(out_dir: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem and base path of an output folder: a local path, or a URI pyarrow reads
    (`s3a://` and `s3n://` are Hadoop's names for `s3://`)."""
    _pyarrow()
    import pyarrow.fs as pafs

    if "://" not in out_dir or out_dir.startswith("file://"):
        local = Path(out_dir.removeprefix("file://")).expanduser().resolve()
        return pafs.LocalFileSystem(), str(local)
    uri = re.sub(r"^s3[an]://", "s3://", out_dir)
    fs, path = pafs.FileSystem.from_uri(uri)
    return fs, path.rstrip("/")


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


class DatasetWriter:
    """One partition's file of one dataset, written a row group at a time (memory stays flat
    however large the partition) under a hidden name, and moved into place by `commit`."""

    def __init__(self, out_dir: str, dataset: str, index: int) -> None:
        _pyarrow()
        import pyarrow.parquet as pq

        self.schema = briefing_schema() if dataset == BRIEFINGS else failure_schema()
        self.fs, base = filesystem(out_dir)
        folder = f"{base}/{dataset}"
        self.fs.create_dir(folder, recursive=True)
        self.final = f"{folder}/{part_name(index)}"
        self.tmp = f"{folder}/.{part_name(index)}.tmp"
        self._sink = self.fs.open_output_stream(self.tmp)
        self._writer = pq.ParquetWriter(self._sink, self.schema)
        self._rows: list[dict[str, object]] = []
        self.written = 0
        self._open = True

    def add(self, row: dict[str, object]) -> None:
        self._rows.append(row)
        if len(self._rows) >= _ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        pa = _pyarrow()
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
        self.written += len(self._rows)
        self._rows = []

    def commit(self) -> None:
        if self._rows or not self.written:  # an empty partition still gets a readable file
            self._flush()
        self._writer.close()
        self._sink.close()
        self._open = False
        self.fs.move(self.tmp, self.final)

    def abort(self) -> None:
        if not self._open:
            return
        self._open = False
        try:
            self._writer.close()
            self._sink.close()
        finally:
            self.fs.delete_file(self.tmp)


def done_partitions(out_dir: str) -> set[int]:
    """Partitions whose briefings file exists: finished, skipped by `--resume`."""
    import pyarrow.fs as pafs

    fs, base = filesystem(out_dir)
    selector = pafs.FileSelector(f"{base}/{BRIEFINGS}", allow_not_found=True)
    done = set()
    for info in fs.get_file_info(selector):
        match = _PART_RE.match(info.base_name)
        if match:
            done.add(int(match.group(1)))
    return done


def clear_outputs(out_dir: str) -> None:
    """Remove the partition files of an earlier run (a rerun without `--resume`)."""
    fs, base = filesystem(out_dir)
    for dataset in (BRIEFINGS, FAILURES):
        fs.delete_dir_contents(f"{base}/{dataset}", missing_dir_ok=True)


def read_manifest(out_dir: str) -> dict[str, Any] | None:
    fs, base = filesystem(out_dir)
    try:
        with fs.open_input_stream(f"{base}/{MANIFEST}") as fh:
            data = json.loads(fh.read().decode("utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def write_manifest(out_dir: str, manifest: dict[str, Any]) -> None:
    fs, base = filesystem(out_dir)
    fs.create_dir(base, recursive=True)
    with fs.open_output_stream(f"{base}/{MANIFEST}") as fh:
        fh.write((json.dumps({"format": FORMAT, **manifest}, indent=2, default=str) + "\n")
                 .encode("utf-8"))


def is_batch_output(path: str | Path) -> bool:
    """A local folder written by `wirebrief batch` (it holds the manifest)."""
    return (Path(path) / MANIFEST).is_file()


def _part_files(out_dir: str, dataset: str) -> list[str]:
    import pyarrow.fs as pafs

    fs, base = filesystem(out_dir)
    infos = fs.get_file_info(pafs.FileSelector(f"{base}/{dataset}", allow_not_found=True))
    return sorted(i.path for i in infos if _PART_RE.match(i.base_name))


def iter_batch_briefings(out_dir: str) -> Iterator[Briefing]:
    """Every briefing of a batch output, partition by partition, in input order within each."""
    _pyarrow()
    import pyarrow.parquet as pq

    if read_manifest(out_dir) is None:
        raise InputError(f"{out_dir}: not a `wirebrief batch` output (no {MANIFEST})",
                         reason="bad_format")
    fs, _ = filesystem(out_dir)
    for path in _part_files(out_dir, BRIEFINGS):
        with fs.open_input_file(path) as fh:
            for batch in pq.ParquetFile(fh).iter_batches(columns=["briefing"], batch_size=128):
                for text in batch.column(0).to_pylist():
                    yield Briefing.model_validate_json(text)


def read_failures(out_dir: str) -> list[dict[str, Any]]:
    _pyarrow()
    import pyarrow.parquet as pq

    fs, _ = filesystem(out_dir)
    rows: list[dict[str, Any]] = []
    for path in _part_files(out_dir, FAILURES):
        with fs.open_input_file(path) as fh:
            rows.extend(pq.read_table(fh).to_pylist())
    return rows

