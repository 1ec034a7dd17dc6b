"""Ingest benchmark: throughput (extract + dedup + store, analysis off) and WARC memory.

    PYTHONPATH=src .venv/bin/python benchmarks/ingest.py [--pages 1000] [--workers 2]
        [--out FILE.md]

Throughput drives the same library calls as `wirebrief ingest --no-analysis --workers N DIR`:
`iter_documents` over a folder of .html files, then `ingest_documents` into a fresh store. It is
measured with one worker and with `--workers` (when that is more than one). Pages: the 181
scrapinghub pages in ../shared, repeated with small edits to reach --pages (so the repeats
exercise near-duplicate detection). The store+dedup share is the wall time spent inside the
store's batch transactions (duplicate check, article, story assignment, commit). CPU ms/page is
this process's CPU time: with one worker that is all the work, a figure that other load on a
shared machine barely moves; with more, the workers' share is not in it.

WARC memory: peak RSS of a process streaming a generated WARC of 200 and of 2,000 pages through
`iter_warc` (it should stay flat).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import io
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PAGES = SHARED / "data" / "extraction" / "scrapinghub-aeb" / "html"


def load_pages() -> list[tuple[str, str]]:
    from wirebrief.ingest.reader import decode_bytes

    return [(p.name.removesuffix(".html.gz"), decode_bytes(gzip.decompress(p.read_bytes())))
            for p in sorted(PAGES.glob("*.html.gz"))]


def variants(pages: list[tuple[str, str]], n: int) -> Iterator[tuple[str, str]]:
    """Repeat the pages with a small edit in the first paragraph of each copy."""
    for i in range(n):
        name, html = pages[i % len(pages)]
        copy = i // len(pages)
        if copy:
            html = html.replace("</p>", f" (edition {copy}, updated)</p>", 1)
        yield f"{name}#{copy}", html


def write_folder(folder: Path, n: int, pages: list[tuple[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (ext, html) in enumerate(variants(pages, n)):
        name = ext.replace("#", "-")
        (folder / f"{i:05d}-{name}.html").write_text(html, encoding="utf-8")


def throughput(folder: Path, n: int, workers: int, db: Path) -> dict[str, float]:
    from wirebrief.config import load_settings
    from wirebrief.ingest.reader import iter_documents
    from wirebrief.ingest.run import ingest_documents
    from wirebrief.pipeline import BriefOptions
    from wirebrief.store.db import Store
    from wirebrief.stories.threads import assign_to_story

    class TimedStore(Store):
        """Counts the time spent in batch transactions: the store+dedup share."""

        store_s = 0.0

        @contextmanager
        def batch(self):  # type: ignore[override]
            t0 = time.perf_counter()
            try:
                with super().batch() as conn:
                    yield conn
            finally:
                self.store_s += time.perf_counter() - t0

    settings = load_settings(db=str(db), workers=workers)
    options = BriefOptions.from_settings(settings, analyse=False)
    store = TimedStore(db)
    started = time.perf_counter()
    cpu_started = time.process_time()
    docs = iter_documents([folder], settings.max_input_bytes, settings)
    summary = ingest_documents(docs, store, options, batch_size=settings.batch_size,
                               workers=settings.workers, place=assign_to_story)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    articles = store.count()
    near = store.conn.execute("SELECT count(*) FROM duplicates WHERE kind = 'near'").fetchone()[0]
    updates = store.conn.execute(
        "SELECT count(*) FROM duplicates WHERE kind = 'update'").fetchone()[0]
    store.close()
    return {"pages": n, "workers": workers, "seconds": elapsed, "pages_per_s": n / elapsed,
            "store_s": store.store_s, "store_share": store.store_s / elapsed,
            "store_dedup_ms": 1000 * store.store_s / n, "cpu_ms": 1000 * cpu / n,
            "articles": articles,
            "new": summary.new, "same": summary.same, "merged": summary.merged,
            "near": near, "update": updates, "failed": summary.failed}


def write_warc(path: Path, n: int, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for ext, html in variants(pages, n):
            body = html.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://bench.example/{ext}", "response",
                                               payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def _stream_warc(path: str) -> None:
    from wirebrief.ingest.reader import RawDocument
    from wirebrief.ingest.warc import iter_warc

    n = sum(isinstance(d, RawDocument) for d in iter_warc(path))
    # VmHWM is this process's own peak; ru_maxrss would carry the parent's over exec.
    status = Path("/proc/self/status")
    if status.exists():
        hwm = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM"))
        peak_kb = int(hwm.split()[1])
    else:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{n} {peak_kb}")


def warc_memory(sizes: tuple[int, ...]) -> list[dict[str, float]]:
    pages = load_pages()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"bench-{n}.warc.gz"
            write_warc(path, n, pages)
            started = time.perf_counter()
            out = subprocess.run([sys.executable, __file__, "--stream-warc", str(path)],
                                 check=True, capture_output=True, text=True).stdout.split()
            rows.append({"pages": n, "warc_mb": path.stat().st_size / 1e6,
                         "read": int(out[0]), "peak_rss_mb": int(out[1]) / 1024,
                         "seconds": time.perf_counter() - started})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-warc", action="store_true", help="skip the WARC memory section")
    parser.add_argument("--stream-warc", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stream_warc:
        _stream_warc(args.stream_warc)
        return
    if not PAGES.is_dir():
        sys.exit(f"skipped: {PAGES} is absent (../shared evaluation data not available)")
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        write_folder(folder, args.pages, load_pages())
        for workers in sorted({1, max(1, args.workers)}):
            rows.append(throughput(folder, args.pages, workers, Path(tmp) / f"w{workers}.db"))
    load_after = os.getloadavg()[0]
    mem = [] if args.no_warc else warc_memory((200, 2000))
    lines = [
        "# Ingest benchmark",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        "",
        f"`PYTHONPATH=src .venv/bin/python benchmarks/ingest.py --pages {args.pages} "
        f"--workers {args.workers}` on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; 1-minute load average {load_before:.2f} before, "
        f"{load_after:.2f} after (the machine is shared: other work lowers the figures).",
        "",
        "## Throughput: extract + near-duplicate check + store (analysis off)",
        "",
        "`iter_documents` over a folder of the pages, then `ingest_documents` (what "
        "`wirebrief ingest --no-analysis --workers N` runs), fresh store each run.",
        "",
        "| pages | workers | seconds | pages/s | main-process CPU ms/page | store+dedup ms/page | "
        "store+dedup share | articles stored | new | same text | merged | near links | "
        "update links | failed |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *[f"| {r['pages']} | {r['workers']} | {r['seconds']:.1f} | {r['pages_per_s']:.1f} | "
          f"{r['cpu_ms']:.1f} | {r['store_dedup_ms']:.2f} | {100 * r['store_share']:.0f}% | "
          f"{r['articles']} | "
          f"{r['new']} | {r['same']} | {r['merged']} | {r['near']} | {r['update']} | "
          f"{r['failed']} |" for r in rows],
        "",
    ]
    if mem:
        lines += [
            "## WARC streaming memory (`iter_warc`, separate process per archive)",
            "",
            "| pages | WARC MB (gz) | pages read | peak RSS MB | seconds |",
            "|---:|---:|---:|---:|---:|",
            *[f"| {r['pages']} | {r['warc_mb']:.1f} | {r['read']} | {r['peak_rss_mb']:.1f} | "
              f"{r['seconds']:.1f} |" for r in mem],
            "",
        ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
