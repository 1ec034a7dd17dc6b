"""300 real newswire articles through `wirebrief batch --master local[2]`: the same ids and the
same events as `wirebrief process`, and Parquet that pyarrow reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'wirebrief[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'wirebrief[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java on PATH: Spark needs Java 17 or later", allow_module_level=True)

pytestmark = [pytest.mark.model, pytest.mark.shared, pytest.mark.slow]
N = 300


def test_batch_matches_process_on_newswire(shared_dir: Path, tmp_path: Path) -> None:
    import pyarrow.dataset as ds

    from wirebrief.cli import app

    src = tmp_path / "newswire.jsonl"
    with (shared_dir / "data" / "corpus" / "newswire-te3.jsonl").open(encoding="utf-8") as fh:
        src.write_text("".join(line for _, line in zip(range(N), fh, strict=False)),
                       encoding="utf-8")
    runner = CliRunner()
    processed = runner.invoke(app, ["process", str(src), "-o", str(tmp_path / "p.jsonl")])
    assert processed.exit_code in (0, 1), processed.output
    batched = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out"),
                                  "--master", "local[2]"])
    assert batched.exit_code == 0, batched.output

    by_process = {}
    for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_process[row["id"]] = (row["article_id"], row["events"])
    table = ds.dataset(tmp_path / "out" / "briefings", format="parquet").to_table()
    by_batch = {
        row["external_id"]: (row["article_id"], json.loads(row["briefing"])["events"])
        for row in table.select(["external_id", "article_id", "briefing"]).to_pylist()
    }
    assert len(by_batch) == table.num_rows > 0.9 * N
    assert by_batch.keys() == by_process.keys()
    assert {k: v[0] for k, v in by_batch.items()} == {k: v[0] for k, v in by_process.items()}
    assert by_batch == by_process  # the same events, field for field
    assert sum(len(v[1]) for v in by_batch.values()) > N  # and there are events to compare
