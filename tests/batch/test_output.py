"""Batch building blocks without Spark: inputs, partition keys, one partition's Parquet files,
reading the output back, and `wirebrief ingest OUT_DIR`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wirebrief.batch.inputs import bucket_of, expand_inputs, keyed, read_remote
from wirebrief.errors import InputError
from wirebrief.ingest.reader import BadRecord, RawDocument, iter_jsonl
from wirebrief.pipeline import BriefOptions

pytest.importorskip("pyarrow", reason="the batch output needs pyarrow (wirebrief[spark])")

from wirebrief.batch import output  # noqa: E402
from wirebrief.batch.partition import brief_partition  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLES = sorted((DATA / "articles").glob("*.txt"))
FAST = BriefOptions(analyse=False)


def write_jsonl(path: Path, extra: list[str] = ()) -> Path:  # type: ignore[assignment]
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"),
                         "published": "2024-05-01"}) for p in ARTICLES]
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return path


def test_bucket_is_stable_and_spreads() -> None:
    buckets = [bucket_of("/data/in.jsonl", i, 4) for i in range(200)]
    assert buckets == [bucket_of("/data/in.jsonl", i, 4) for i in range(200)]
    assert set(buckets) == {0, 1, 2, 3}
    # Another process with another hash seed (as on another executor) agrees.
    code = "from wirebrief.batch.inputs import bucket_of; print(bucket_of('/data/in.jsonl', 7, 4))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}, check=True)
    assert int(other.stdout) == buckets[7]


def test_expand_inputs_walks_folders_like_ingest(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "sitemap.xml").write_text("<x/>")
    (tmp_path / ".hidden.txt").write_text("x")
    got = expand_inputs([str(tmp_path), "s3a://bucket/cc-news/*.warc.gz", "hdfs:///in"])
    assert [Path(p).name for p in got.local] == ["a.html", "b.txt"]
    assert got.remote == ("s3a://bucket/cc-news/*.warc.gz", "hdfs:///in")
    with pytest.raises(InputError, match="ingest"):
        expand_inputs(["https://example.com/page"])


def test_read_remote_names_the_uri(tmp_path: Path) -> None:
    page = (DATA / "html" / "news_page.html").read_bytes()
    [doc] = list(read_remote("gs://bucket/pages/news_page.html", page, 1 << 20))
    assert isinstance(doc, RawDocument) and doc.external_id == "gs://bucket/pages/news_page.html"
    warc = list(read_remote("s3a://b/x.warc", (DATA / "warc" / "pages.warc").read_bytes(), 1 << 20))
    assert warc and all(d.external_id and d.external_id.startswith("http") for d in warc)
    [bad] = list(read_remote("s3a://b/empty.txt", b"   ", 1 << 20))
    assert isinstance(bad, BadRecord) and bad.external_id == "s3a://b/empty.txt"
    assert "s3a://b/empty.txt" in bad.error.message or bad.error.reason == "empty"


def test_partition_writes_briefings_and_failures(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", ['{"id": "short", "text": "Too short."}', "{oops"])
    rows = list(keyed(str(src), iter_jsonl(src, 1 << 20), 1))
    result = brief_partition(0, rows, out_dir=str(tmp_path / "out"), options=FAST)
    assert (result.briefed, result.skipped, result.failed) == (len(ARTICLES), 1, 1)

    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "out" / "briefings" / "part-00000.parquet")
    assert table.schema.equals(output.briefing_schema())
    assert table.column("external_id").to_pylist() == [p.stem for p in ARTICLES]
    assert table.column("position").to_pylist() == list(range(len(ARTICLES)))
    failures = pq.read_table(tmp_path / "out" / "failures" / "part-00000.parquet").to_pylist()
    assert [(f["external_id"], f["status"], f["reason"]) for f in failures] == [
        ("short", "skipped", "no_prose"), (f"line {len(ARTICLES) + 2}", "failed", "bad_record")]


def test_empty_partition_still_has_a_readable_file(tmp_path: Path) -> None:
    brief_partition(3, [], out_dir=str(tmp_path), options=FAST)
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "briefings" / "part-00003.parquet")
    assert table.num_rows == 0 and table.schema.equals(output.briefing_schema())
    assert output.done_partitions(str(tmp_path)) == {3}


def test_output_reads_back_and_ingests_once(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from wirebrief.cli import app
    from wirebrief.store.db import Store

    src = write_jsonl(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    rows = list(keyed(str(src), iter_jsonl(src, 1 << 20), 2))
    for index in (0, 1):
        brief_partition(index, [r for r in rows if r[0][0] == index], out_dir=str(out),
                        options=FAST)
    with pytest.raises(InputError, match="not a `wirebrief batch` output"):
        list(output.iter_batch_briefings(str(out)))
    output.write_manifest(str(out), {"partitions": 2, "status": "done"})
    assert output.is_batch_output(out)
    back = list(output.iter_batch_briefings(str(out)))
    assert sorted(b.external_id or "" for b in back) == sorted(p.stem for p in ARTICLES)

    db = tmp_path / "store.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(out), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert f"{len(ARTICLES)} new" in first.output
    second = runner.invoke(app, ["ingest", str(out), "--db", str(db)])
    assert "0 new" in second.output
    with Store(db) as store:
        assert store.count() == len(ARTICLES)
        assert {store.get(b.id).text for b in back} == {b.text for b in back}


def test_out_dir_of_something_else_is_refused(tmp_path: Path) -> None:
    from wirebrief.batch.spark import _check_out_dir

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="other files"):
        _check_out_dir(str(tmp_path), resume=False)
    assert _check_out_dir(str(tmp_path / "new"), resume=False) is None


def test_partition_also_stores_once(tmp_path: Path) -> None:
    """`batch --store`: each task stores its briefings too; a rerun stores nothing new."""
    from wirebrief.store.db import Store

    src = write_jsonl(tmp_path / "in.jsonl")
    rows = list(keyed(str(src), iter_jsonl(src, 1 << 20), 1))
    db = str(tmp_path / "shared.db")
    first = brief_partition(0, rows, out_dir=str(tmp_path / "out"), options=FAST, store_target=db)
    again = brief_partition(0, rows, out_dir=str(tmp_path / "out"), options=FAST, store_target=db)
    assert (first.stored_new, again.stored_new) == (len(ARTICLES), 0)
    with Store(db) as store:
        assert store.count() == len(ARTICLES)


def test_a_task_that_dies_leaves_its_partition_to_do(tmp_path: Path) -> None:
    """A task killed mid-partition (here: its input breaks) writes nothing a resume would take
    for done, and leaves no temporary file behind."""
    src = write_jsonl(tmp_path / "in.jsonl")
    rows = list(keyed(str(src), iter_jsonl(src, 1 << 20), 1))

    def breaking() -> object:
        yield from rows[:3]
        raise OSError("executor lost")

    with pytest.raises(OSError, match="executor lost"):
        brief_partition(0, breaking(), out_dir=str(tmp_path / "out"), options=FAST)  # type: ignore[arg-type]
    assert output.done_partitions(str(tmp_path / "out")) == set()
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
