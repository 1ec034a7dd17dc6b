"""Ingest benchmark: throughput (extract + dedup + store, analysis off) and WARC memory.

    .venv/bin/python benchmarks/ingest.py [--pages 1000] [--workers 2] [--out FILE.md]

Pages: the 181 scrapinghub pages in ../shared, repeated with small edits to reach --pages (so
the repeats exercise near-duplicate detection). WARC memory: peak RSS of a process streaming a
generated WARC of 200 and of 2,000 pages through `iter_warc` (it should stay flat).
"""

from __future__ import annotations

import argparse
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
from concurrent.futures import ProcessPoolExecutor
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


def _brief_chunk(chunk: list[tuple[str, str]]) -> list[object]:
    from wirebrief.errors import WirebriefError
    from wirebrief.ingest.reader import RawDocument
    from wirebrief.pipeline import BriefOptions, brief_document

    options = BriefOptions(analyse=False)
    out: list[object] = []
    for ext, html in chunk:
        try:
            out.append(brief_document(RawDocument(external_id=ext, html=html), options))
        except WirebriefError as exc:
            out.append(exc.reason)
    return out


def throughput(n: int, workers: int) -> dict[str, float]:
    from wirebrief.models import Briefing
    from wirebrief.store.db import Store
    from wirebrief.store.dedup import index_for, store_with_dedup

    pages = load_pages()
    docs = list(variants(pages, n))
    chunks = [docs[i:i + 4] for i in range(0, len(docs), 4)]
    counts = {"stored": 0, "near": 0, "update": 0, "exact": 0, "failed": 0}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        index = index_for(store)
        started = time.perf_counter()
        store_s = 0.0
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for results in pool.map(_brief_chunk, chunks):
                t0 = time.perf_counter()
                for item in results:
                    if not isinstance(item, Briefing):
                        counts["failed"] += 1
                        continue
                    res = store_with_dedup(store, item, index)
                    counts[res.kind or "stored"] += 1
                store_s += time.perf_counter() - t0
        elapsed = time.perf_counter() - started
        articles = store.count()
        store.close()
    return {"pages": n, "seconds": elapsed, "pages_per_s": n / elapsed,
            "store_dedup_ms": 1000 * store_s / n, "articles": articles, **counts}


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
    parser.add_argument("--stream-warc", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stream_warc:
        _stream_warc(args.stream_warc)
        return
    if not PAGES.is_dir():
        sys.exit(f"skipped: {PAGES} is absent (../shared evaluation data not available)")
    tp = throughput(args.pages, args.workers)
    mem = warc_memory((200, 2000))
    lines = [
        "# Ingest benchmark",
        "",
        f"`.venv/bin/python benchmarks/ingest.py --pages {args.pages} --workers {args.workers}`"
        f" on {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.",
        "",
        "## Throughput: extract + near-duplicate check + store (analysis off)",
        "",
        "| pages | workers | seconds | pages/s | store+dedup ms/page | articles stored | "
        "near-dups merged | updates | exact | failed |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {tp['pages']} | {args.workers} | {tp['seconds']:.1f} | {tp['pages_per_s']:.1f} | "
        f"{tp['store_dedup_ms']:.2f} | {tp['articles']} | {tp['near']} | {tp['update']} | "
        f"{tp['exact']} | {tp['failed']} |",
        "",
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
