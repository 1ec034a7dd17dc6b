"""The Spark driver of `wirebrief batch`: the only module that imports PySpark.

The job: list the inputs; read each local file (or each file Spark reads from cluster storage)
into records; key every record by (partition, input, position); shuffle the records into their
partitions, sorted by key; then one task per partition briefs its records and writes its two
Parquet files (`partition.brief_partition`). The driver collects one small result per
partition and prints the summary line.

Spark's own UI (http://driver:4040) shows the job's progress task by task, and the console
progress bar shows it on the terminal.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from wirebrief import __version__
from wirebrief.batch.inputs import BatchInputs, expand_inputs, keyed, read_local, read_remote
from wirebrief.batch.output import (
    clear_outputs,
    done_partitions,
    filesystem,
    read_manifest,
    write_manifest,
)
from wirebrief.batch.partition import PartitionResult, brief_partition
from wirebrief.errors import InputError, WirebriefError
from wirebrief.pipeline import BriefOptions

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

SPARK_HINT = "pip install 'wirebrief[spark]' (PySpark and pyarrow; Spark needs Java 17 or later)"


class SparkUnavailable(WirebriefError):
    """PySpark is not installed, or Spark could not start."""

    exit_code = 7


@dataclass
class BatchSummary:
    out_dir: str
    partitions: int
    resumed: int = 0  # partitions already written, skipped by --resume
    briefed: int = 0
    skipped: int = 0
    failed: int = 0
    stored_new: int = 0
    model_loads: int = 0  # Python workers that loaded the models (the rest reused theirs)
    startup_s: float = 0.0  # starting Spark (JVM, session): paid once per run, whatever its size
    run_s: float = 0.0  # reading, briefing and writing
    task_s: list[float] = field(default_factory=list)
    loads_by_worker: dict[int, int] = field(default_factory=dict)  # pid -> model loads

    @property
    def records(self) -> int:
        return self.briefed + self.skipped + self.failed

    @property
    def records_per_s(self) -> float:
        return self.records / self.run_s if self.run_s > 0 else 0.0

    def line(self) -> str:
        resumed = f", {self.resumed} partition(s) already done" if self.resumed else ""
        stored = f", {self.stored_new} new in the store" if self.stored_new else ""
        return (
            f"{self.briefed} briefed, {self.skipped} skipped, {self.failed} failed{resumed}"
            f"{stored}; {self.records_per_s:.1f} records/s over {self.run_s:.1f} s "
            f"(Spark start-up {self.startup_s:.1f} s not counted) → {self.out_dir}"
        )


def _import_pyspark() -> Any:
    try:
        import pyspark
        import pyspark.sql  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable(f"`wirebrief batch` needs PySpark: {SPARK_HINT}",
                               reason="missing_extra") from exc
    return pyspark


def start_session(master: str | None, app_name: str = "wirebrief batch") -> SparkSession:
    """A Spark session: `master` when given, else the one spark-submit set, else local[*]."""
    pyspark = _import_pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    # Under spark-submit the JVM is already up (its gateway port is in the environment) and
    # knows the master it was given.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if master:
        builder = builder.master(master)
    elif not submitted and not pyspark.SparkConf().contains("spark.master"):
        master = "local[*]"
        builder = builder.master(master)
    if master and master.startswith("local"):
        # Executors are threads of this machine: run Python workers with this interpreter
        # (the one Wirebrief is installed in), unless the user chose one.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        builder.config("spark.python.worker.reuse", "true")  # models load once per worker
        .config("spark.ui.showConsoleProgress", "true")
    )
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - Java missing, port taken, bad master URL
        raise SparkUnavailable(f"Spark could not start: {type(exc).__name__}: {exc}",
                               reason="spark_start") from exc
    session.sparkContext.setLogLevel("WARN")
    return session


def _keyed_records(sc: SparkContext, inputs: BatchInputs, partitions: int, limit: int) -> Any:
    """The RDD of ((partition, input, position), record) over every input."""
    rdds = []
    if inputs.local:
        files = sc.parallelize(list(inputs.local), max(1, min(len(inputs.local), partitions)))
        rdds.append(files.flatMap(lambda path: keyed(path, read_local(path, limit), partitions)))
    if inputs.remote:
        blobs = sc.binaryFiles(",".join(inputs.remote))
        rdds.append(blobs.flatMap(
            lambda kv: keyed(kv[0], read_remote(kv[0], kv[1], limit), partitions)))
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)


def _check_out_dir(out_dir: str, resume: bool) -> dict[str, Any] | None:
    """The earlier run's manifest, if any; refuse to write into a folder of something else."""
    manifest = read_manifest(out_dir)
    if manifest is None:
        import pyarrow.fs as pafs

        fs, base = filesystem(out_dir)
        info = fs.get_file_info(base)
        if info.type == pafs.FileType.Directory and fs.get_file_info(
            pafs.FileSelector(base)
        ):
            raise InputError(f"{out_dir}: the folder holds other files; batch output needs an "
                             "empty or new folder, or one an earlier batch run wrote",
                             reason="not_empty")
        if info.type == pafs.FileType.File:
            raise InputError(f"{out_dir}: is a file, not a folder", reason="not_a_folder")
    return manifest


def run_batch(
    inputs: Iterable[str],
    out_dir: str,
    *,
    options: BriefOptions,
    master: str | None = None,
    partitions: int | None = None,
    resume: bool = False,
    batch_size: int = 32,
    max_input_bytes: int = 20 * 1024 * 1024,
    store_target: str | None = None,
    on_started: Callable[[SparkSession, int], None] | None = None,
) -> BatchSummary:
    """Brief every record of `inputs` on Spark into Parquet under `out_dir`.

    Reruns are idempotent: ids are content hashes and a record's partition depends only on the
    inputs and the partition count. With `resume`, partitions already written are left alone
    (their records are still read, to route the others, but not briefed again).
    """
    if partitions is not None and partitions < 1:
        raise InputError("--partitions must be at least 1", reason="bad_partitions")
    expanded = expand_inputs(list(inputs))
    if not expanded.names:
        raise InputError("no input files found (JSONL, WARC, HTML or text)", reason="no_input")
    manifest = _check_out_dir(out_dir, resume)
    if resume and manifest is not None:
        if partitions is not None and partitions != manifest["partitions"]:
            raise InputError(
                f"--resume needs the partition count of the run it resumes "
                f"({manifest['partitions']}), not {partitions}", reason="bad_partitions")
        partitions = int(manifest["partitions"])

    started = time.perf_counter()
    session = start_session(master)
    startup = time.perf_counter() - started
    sc = session.sparkContext
    try:
        n = partitions or max(2, 2 * sc.defaultParallelism)
        if on_started is not None:
            on_started(session, n)
        if not resume:
            clear_outputs(out_dir)
        done = frozenset(done_partitions(out_dir)) if resume else frozenset()
        write_manifest(out_dir, _manifest(expanded, n, options, status="running"))
        summary = BatchSummary(out_dir=out_dir, partitions=n, resumed=len(done),
                               startup_s=startup)
        begun = time.perf_counter()
        sc.setJobDescription(f"wirebrief batch: brief {len(expanded.names)} input(s) "
                             f"in {n} partitions")

        def task(index: int, rows: Iterator[Any]) -> Iterator[dict[str, Any]]:
            if index in done:
                return
            result = brief_partition(index, rows, out_dir=out_dir, options=options,
                                     batch_size=batch_size, store_target=store_target)
            yield asdict(result)

        records = _keyed_records(sc, expanded, n, max_input_bytes)
        if done:
            records = records.filter(lambda kv: kv[0][0] not in done)
        results = (
            records.repartitionAndSortWithinPartitions(n, partitionFunc=lambda key: key[0])
            .mapPartitionsWithIndex(task)
            .collect()
        )
        summary.run_s = time.perf_counter() - begun
        for row in results:
            r = PartitionResult(**row)
            summary.briefed += r.briefed
            summary.skipped += r.skipped
            summary.failed += r.failed
            summary.stored_new += r.stored_new
            summary.model_loads += r.model_loads
            summary.loads_by_worker[r.pid] = summary.loads_by_worker.get(r.pid, 0) + r.model_loads
            summary.task_s.append(r.seconds)
        write_manifest(out_dir, {**_manifest(expanded, n, options, status="done"),
                                 "summary": {k: v for k, v in asdict(summary).items()
                                             if k not in {"task_s", "loads_by_worker"}}})
        return summary
    finally:
        session.stop()


def _manifest(inputs: BatchInputs, n: int, options: BriefOptions, status: str) -> dict[str, Any]:
    return {
        "status": status,
        "partitions": n,
        "inputs": inputs.names,
        "options": {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in asdict(options).items()},
        "wirebrief_version": __version__,
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
    }
