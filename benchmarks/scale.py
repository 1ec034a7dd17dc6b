"""Scaling benchmark: `process` with 1 and 2 workers against `batch` on Spark local[1] and
local[2], on the same records, in one run; then a projection to many cores.

    PYTHONPATH=src .venv/bin/python benchmarks/scale.py [--records 2000]
        [--out docs/benchmarks/scale.md] [--cores 64] [--project-records 400000000]

Records: the first --records articles of ../shared/data/corpus/newswire-te3.jsonl (real
newswire text), written to one JSONL file that every run reads. Each run is a separate command,
exactly as a user types it (`wirebrief process IN -o OUT --workers N`, `wirebrief batch IN -o
OUT --master local[N]`), with full analysis.

Measured per run:
- wall: the command's wall time, start to exit;
- fixed: what the run costs before its first record, measured on a one-record input with the
  same command (interpreter, imports, the spaCy model; for Spark also the JVM, the session and
  the job's scheduling). Spark's start-up alone (JVM and session) is printed by `batch` itself;
- records/s: records / (wall - fixed), the steady rate, so that small inputs are not misread;
- peak memory: the largest resident set of each process of the run's process tree, sampled every
  0.2 s from /proc: for `process`, the parent and each parser worker; for `batch`, the JVM
  (driver and, in local mode, the executor) and each Python worker (one per core).

The projection (printed with its assumptions) uses the local[1] and local[2] rates:
per-core rate r1 = rate(local[1]); parallel efficiency e = rate(local[2]) / (2 r1); on C cores
T(N) = S + N / (C * r1 * e), with S the fixed cost above. It assumes the per-record cost of the
newswire records holds for the projected records (crawled HTML also needs extraction, which costs
more), that efficiency stays at the 2-core figure (input and output on a distributed filesystem
that keeps up), and that the cluster's cores are as fast as this machine's.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "corpus" / "newswire-te3.jsonl"
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    name: str
    command: list[str]
    wall: float = 0.0
    fixed: float = 0.0
    spark_startup: float | None = None
    peaks: dict[str, float] = field(default_factory=dict)  # process label -> peak RSS MiB
    output: str = ""

    def rate(self, records: int) -> float:
        return records / max(self.wall - self.fixed, 1e-9)


def _children(pid: int) -> set[int]:
    """Every descendant of `pid`, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    stat = fh.read()
                parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        nxt = {p for p, pp in parents.items() if pp in frontier} - found
        found |= nxt
        frontier = nxt
    return found


def _label(pid: int, root: int) -> str:
    if pid == root:
        return "main process"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "?"
    if "java" in cmd.split(" ")[0]:
        return "JVM (driver + executor)"
    if "pyspark.daemon" in cmd or "pyspark/daemon" in cmd:
        return "Python worker"
    if "python" in cmd or "wirebrief" in cmd:  # spaCy's forked parsers keep the parent's name
        return "Python worker"
    return cmd.split(" ")[0].rsplit("/", 1)[-1]


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE / 1048576
    except (OSError, ValueError, IndexError):
        return 0.0


def measure(command: list[str], env: dict[str, str]
            ) -> tuple[float, dict[tuple[int, str], tuple[str, float]], str]:
    """Run a command; its wall time, each process's peak RSS, and its stderr."""
    peaks: dict[tuple[int, str], tuple[str, float]] = {}
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in {proc.pid} | _children(proc.pid):
                rss = _rss_mib(pid)
                label = _label(pid, proc.pid)  # again each time: a launcher script may exec java
                key = (pid, label)
                if rss > peaks.get(key, ("", 0.0))[1]:
                    peaks[key] = (label, rss)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, peaks, err


def _peaks_by_label(peaks: dict[tuple[int, str], tuple[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label, rss in peaks.values():
        if label in {"main process", "JVM (driver + executor)", "Python worker"} and rss > 20:
            out[label] = max(out.get(label, 0.0), rss)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--cores", type=int, default=64)
    parser.add_argument("--project-records", type=float, default=4e8,
                        help="Records to project to (CC-NEWS: hundreds of millions of pages).")
    parser.add_argument("--out", type=Path, help="Also write the Markdown table here.")
    args = parser.parse_args()
    if not CORPUS.is_file():
        raise SystemExit(f"needs {CORPUS} (../shared)")
    wirebrief = str(Path(sys.executable).parent / "wirebrief")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "WIREBRIEF_WORKERS": "1"}
    tmp = Path(tempfile.mkdtemp(prefix="wirebrief-scale-"))
    load_before = os.getloadavg()[0]
    try:
        lines = []
        with CORPUS.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    lines.append(line)
                if len(lines) >= args.records:
                    break
        records = len(lines)
        (tmp / "in.jsonl").write_text("".join(lines), encoding="utf-8")
        (tmp / "one.jsonl").write_text(lines[0], encoding="utf-8")

        def process(n: int, src: str) -> list[str]:
            return [wirebrief, "process", str(tmp / src), "-o", str(tmp / f"p{n}.jsonl"),
                    "--workers", str(n)]

        def batch(n: int, src: str) -> list[str]:
            out = tmp / f"b{n}-{src}"
            shutil.rmtree(out, ignore_errors=True)
            return [wirebrief, "batch", str(tmp / src), "-o", str(out), "--master",
                    f"local[{n}]", "--partitions", str(2 * n)]

        runs = [Run("process --workers 1", process(1, "in.jsonl")),
                Run("process --workers 2", process(2, "in.jsonl")),
                Run("batch --master local[1]", batch(1, "in.jsonl")),
                Run("batch --master local[2]", batch(2, "in.jsonl"))]
        fixed_cmds = [process(1, "one.jsonl"), process(2, "one.jsonl"), batch(1, "one.jsonl"),
                      batch(2, "one.jsonl")]
        for run, fixed_cmd in zip(runs, fixed_cmds, strict=True):
            print(f"{run.name}: fixed cost on one record ...", file=sys.stderr, flush=True)
            run.fixed, _, _ = measure(fixed_cmd, env)
            print(f"{run.name}: {records} records ...", file=sys.stderr, flush=True)
            run.wall, peaks, run.output = measure(run.command, env)
            run.peaks = _peaks_by_label(peaks)
            startup = re.search(r"Spark\s+start-up\s+([\d.]+)\s+s", run.output)
            run.spark_startup = float(startup.group(1)) if startup else None
            print(f"  wall {run.wall:.1f} s, fixed {run.fixed:.1f} s, "
                  f"{run.rate(records):.2f} records/s, peaks {run.peaks}", file=sys.stderr)
        report = render(runs, records, args.cores, args.project_records,
                        (load_before, os.getloadavg()[0]))
        print(report)
        if args.out:
            args.out.write_text(report + "\n", encoding="utf-8")
        (tmp / "runs.json").write_text(json.dumps([r.__dict__ for r in runs], default=str))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def render(runs: list[Run], records: int, cores: int, project: float,
           load: tuple[float, float]) -> str:
    by = {r.name: r for r in runs}
    p2, b1, b2 = (by["process --workers 2"], by["batch --master local[1]"],
                  by["batch --master local[2]"])
    rows = ["| run | wall s | fixed s | Spark start-up s | records/s (steady) | peak MiB per "
            "process |", "|---|---:|---:|---:|---:|---|"]
    for r in runs:
        peaks = ", ".join(f"{k} {v:.0f}" for k, v in sorted(r.peaks.items()))
        rows.append(f"| `{r.name}` | {r.wall:.1f} | {r.fixed:.1f} | "
                    f"{'' if r.spark_startup is None else f'{r.spark_startup:.1f}'} | "
                    f"{r.rate(records):.2f} | {peaks} |")
    r1 = b1.rate(records)
    eff = b2.rate(records) / (2 * r1)
    fixed = b2.fixed
    t_cores = fixed + project / (cores * r1 * eff)
    worker_mib = b2.peaks.get("Python worker", 0.0)
    jvm_mib = b2.peaks.get("JVM (driver + executor)", 0.0)
    ratio = b2.rate(records) / p2.rate(records)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    return "\n".join([
        "# Scaling benchmark: `batch` on Spark against `process`",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        "",
        f"`PYTHONPATH=src .venv/bin/python benchmarks/scale.py --records {records} --cores "
        f"{cores}` on {machine}; 1-minute load average {load[0]:.2f} before, {load[1]:.2f} "
        "after (the machine is shared: other work lowers the figures, and unevenly between "
        "runs).",
        "",
        f"{records} articles of newswire-te3 (real newswire text), full analysis, each run a "
        "separate command as a user types it. *fixed*: the same command on one record (imports, "
        "the model, for Spark the JVM, session and scheduling); *steady records/s*: records / "
        "(wall - fixed); *Spark start-up*: JVM and session alone, as `batch` reports it.",
        "",
        *rows,
        "",
        f"- `batch` local[2] / `process --workers 2`, steady records/s: {ratio:.0%} "
        "(target: at least 80%).",
        f"- Per-core rate r1 = {r1:.2f} records/s (local[1]); 2-core efficiency "
        f"e = {eff:.2f}.",
        f"- Projection: T(N) = S + N / (C * r1 * e). With C = {cores} cores, "
        f"N = {project:.3g} records, S = {fixed:.0f} s: "
        f"{t_cores / 3600:.0f} hours ({t_cores / 86400:.1f} days); "
        f"{cores * r1 * eff:.0f} records/s.",
        f"- Memory at {cores} cores: one Python worker per core, {worker_mib:.0f} MiB each "
        f"(the spaCy model and the event models loaded once per worker), plus a JVM per "
        f"executor ({jvm_mib:.0f} MiB here, driver included): about "
        f"{(cores * worker_mib + jvm_mib) / 1024:.0f} GiB over the cluster.",
        "- Assumptions: newswire text (crawled HTML adds extraction); efficiency stays at the "
        "2-core figure; the cluster's cores are as fast as this machine's; input and output "
        "storage keep up.",
    ])


if __name__ == "__main__":
    main()
