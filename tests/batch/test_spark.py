"""`wirebrief batch` on a real Spark, local[2]: the same briefings as `process`, failures with
reasons, idempotent reruns, `--resume`. Kept to a handful of records: Spark's start-up (a JVM)
is most of each run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from wirebrief.errors import InputError
from wirebrief.ingest.reader import iter_documents
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream

pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'wirebrief[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'wirebrief[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java on PATH: Spark needs Java 17 or later", allow_module_level=True)

from wirebrief.batch.output import read_failures  # noqa: E402
from wirebrief.batch.spark import run_batch  # noqa: E402

pytestmark = pytest.mark.model
DATA = Path(__file__).resolve().parents[1] / "data"
OPTIONS = BriefOptions(published=None)


def table(out: Path) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    rows = ds.dataset(out / "briefings", format="parquet").to_table().to_pylist()
    return sorted(rows, key=lambda r: (r["input"], r["position"]))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("in")
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"),
                         "published": "2024-05-01"})
             for p in sorted((DATA / "articles").glob("*.txt"))]
    lines += ['{"id": "short", "text": "Too short."}', "{not json"]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder / "news.jsonl"), str(DATA / "warc" / "pages.warc")]


@pytest.fixture(scope="module")
def first_run(inputs: list[str], tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, Any, list[str]]:
    out = tmp_path_factory.mktemp("batch") / "out"
    # A URI goes through Spark's own reader (binaryFiles), as s3a:// or hdfs:// would.
    uri = (DATA / "html" / "news_page.html").as_uri()
    summary = run_batch([*inputs, uri], str(out), options=OPTIONS, master="local[2]",
                        partitions=6)
    return out, summary, [*inputs, uri]


def test_same_briefings_as_process(inputs: list[str], first_run: tuple[Path, Any, list[str]]
                                   ) -> None:
    out, summary, _ = first_run
    expected = [r for r in brief_stream(iter_documents(inputs, 20 << 20), OPTIONS)]
    briefs = [r for r in expected if not isinstance(r, BriefFailure)]
    rows = table(out)
    [from_uri] = [r for r in rows if r["input"].startswith("file:")]
    assert from_uri["external_id"].endswith("news_page.html") and from_uri["title"]
    # Compared in one order: a folder's listing order is the file system's, not the test's.
    rows = sorted((r for r in rows if r is not from_uri), key=lambda r: str(r["external_id"]))
    briefs = sorted(briefs, key=lambda b: str(b.external_id))
    assert summary.briefed - 1 == len(rows) == len(briefs) > 6
    assert [(r["external_id"], r["article_id"]) for r in rows] == [
        (b.external_id, b.id) for b in briefs]
    got_events = [json.loads(r["briefing"])["events"] for r in rows]
    assert got_events == [[e.model_dump(mode="json") for e in b.events] for b in briefs]
    assert sum(len(r["events"]) for r in rows) == sum(len(b.events) for b in briefs) > 0
    failures = read_failures(str(out))
    assert sorted((f["external_id"], f["status"], f["reason"]) for f in failures) == sorted(
        (f.external_id, "skipped" if f.skipped else "failed", f.error.reason)
        for f in expected if isinstance(f, BriefFailure))
    assert (summary.skipped, summary.failed) == (1, 1)
    # Models load once per Python worker process (Spark reuses its workers), never once per
    # partition or per record: no worker loaded them twice.
    assert 1 <= summary.model_loads < summary.partitions
    assert set(summary.loads_by_worker.values()) <= {0, 1}
    assert sum(summary.loads_by_worker.values()) == summary.model_loads
    manifest = json.loads((out / "_wirebrief_batch.json").read_text())
    assert manifest["status"] == "done" and manifest["partitions"] == 6


def test_rerun_is_idempotent_and_resume_redoes_only_what_is_missing(
    first_run: tuple[Path, Any, list[str]]
) -> None:
    from typer.testing import CliRunner

    from wirebrief.cli import app

    out, _, inputs = first_run
    before = table(out)
    files = sorted((out / "briefings").glob("part-*.parquet"))
    assert [f.name for f in files] == [f"part-0000{i}.parquet" for i in range(6)]

    # A rerun over the same folder (the CLI this time) gives the same rows.
    result = CliRunner().invoke(app, ["batch", *inputs, "-o", str(out), "--master", "local[2]",
                                      "--partitions", "6"])
    assert result.exit_code == 0, result.output
    assert f"{len(before)} briefed, 1 skipped, 1 failed" in result.output
    assert table(out) == before

    # A run that died before its last partition: --resume briefs only that one.
    import pyarrow.parquet as pq

    lost = max(files, key=lambda f: pq.ParquetFile(f).metadata.num_rows)
    lost.unlink()
    kept = {f: f.stat().st_mtime_ns for f in files if f != lost}
    with pytest.raises(InputError, match="partition count"):
        run_batch(inputs, str(out), options=OPTIONS, master="local[2]", partitions=5,
                  resume=True)
    summary = run_batch(inputs, str(out), options=OPTIONS, master="local[2]", resume=True)
    assert summary.resumed == 5
    assert 0 < summary.briefed < len(before)
    assert {f: f.stat().st_mtime_ns for f in kept} == kept
    assert table(out) == before
