"""Load test of the reader web app: article pages and the summary API on a 10,000-article store.

Builds a store of synthetic articles (variants of hand-built briefings: new text, dates and
titles, so every one has its own id), starts uvicorn in a subprocess on loopback, and drives an
open-loop load from a second process: requests are sent on a fixed schedule (100 per second by
default) whatever the server's speed, so slow answers show up as latency, not as a lower rate.
Half the requests fetch an article page, half ask the summary API for 1-6 sentences in one of
three styles, over random articles (so the summary cache mostly misses).

    .venv/bin/python benchmarks/web_load.py [--articles 10000] [--rate 100] [--seconds 20]
                                            [--out docs/benchmarks/web.md]

Target: p99 under 50 ms at 100 requests/s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks" / "web.md"
sys.path.insert(0, str(ROOT))  # for tests.web.fixtures (the hand-built briefings)


def build_store(path: Path, n: int, seed: int = 7) -> list[str]:
    """Write `n` synthetic briefings into a fresh store; return their ids."""
    from tests.web.fixtures import sample_briefings

    from wirebrief.pipeline import content_id
    from wirebrief.store.db import Store

    rng = random.Random(seed)
    bases = sample_briefings()[:3]  # the hostile one is for the tests, not for load
    filler = [p for b in bases for p in b.text.split("\n\n")]
    ids: list[str] = []
    store = Store(path)
    store.conn.execute("PRAGMA synchronous=OFF")  # a throwaway store: durability is not needed
    start = date(2022, 1, 1)
    for i in range(n):
        base = bases[i % len(bases)]
        # Extra paragraphs go after the base text, so its entity and event offsets stay valid.
        extra = "\n\n".join(rng.sample(filler, k=min(6, len(filler))))
        text = f"{base.text}\n\n{extra}\n\nReport number {i} in this series."
        b = base.model_copy(update={
            "id": content_id(text), "text": text, "external_id": f"bench/{i}",
            "title": f"{base.title} ({i})",
            "published": start + timedelta(days=rng.randrange(0, 900))})
        store.add(b)
        ids.append(b.id)
    store.close()
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, WIREBRIEF_DB=str(db))
    cmd = [sys.executable, "-m", "uvicorn", "wirebrief.web.app:create_app", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--log-level",
           "warning"]
    return subprocess.Popen(cmd, env=env, cwd=ROOT)


def wait_ready(base: str, timeout: float = 30.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not start")


# The load driver (runs in its own process) --------------------------------------------------


async def drive(base: str, ids: list[str], rate: float, seconds: float,
                seed: int) -> list[tuple[str, float, int]]:
    import httpx

    rng = random.Random(seed)
    results: list[tuple[str, float, int]] = []
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=base, timeout=10.0, limits=limits) as client:

        async def one(kind: str, url: str) -> None:
            t0 = time.perf_counter()
            try:
                r = await client.get(url)
                await r.aread()
                status = r.status_code
            except httpx.HTTPError:
                status = 0
            results.append((kind, time.perf_counter() - t0, status))

        tasks = []
        total = int(rate * seconds)
        t_start = time.perf_counter()
        for k in range(total):
            # Open loop: wait for this request's slot, never for earlier answers.
            delay = t_start + k / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            aid = rng.choice(ids)
            if k % 2 == 0:
                tasks.append(asyncio.create_task(one("article page", f"/articles/{aid}")))
            else:
                style = rng.choice(["sentences", "bullets", "headline"])
                url = f"/api/articles/{aid}/summary?sentences={rng.randint(1, 6)}&style={style}"
                tasks.append(asyncio.create_task(one("summary API", url)))
        await asyncio.gather(*tasks)
        results.append(("_elapsed", time.perf_counter() - t_start, 0))
    return results


def run_driver(base: str, ids_file: Path, rate: float, seconds: float, seed: int) -> dict:
    """Run the load driver in a second process and return its raw results."""
    cmd = [sys.executable, __file__, "--drive", base, "--ids", str(ids_file), "--rate",
           str(rate), "--seconds", str(seconds), "--seed", str(seed)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def table(results: list[list[object]], elapsed: float) -> tuple[str, list[dict[str, object]]]:
    rows = []
    kinds = sorted({str(r[0]) for r in results})
    for kind in [*kinds, "all"]:
        sel = [r for r in results if kind == "all" or r[0] == kind]
        lat = [float(r[1]) * 1000 for r in sel if r[2] == 200]  # type: ignore[arg-type]
        errors = sum(1 for r in sel if r[2] != 200)
        rows.append({"endpoint": kind, "requests": len(sel), "errors": errors,
                     "req_s": len(sel) / elapsed, "p50": pct(lat, 0.50) if lat else float("nan"),
                     "p99": pct(lat, 0.99) if lat else float("nan"),
                     "max": max(lat) if lat else float("nan"),
                     "mean": statistics.fmean(lat) if lat else float("nan")})
    lines = ["| endpoint | requests | errors | req/s | p50 ms | p99 ms | max ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['endpoint']} | {r['requests']} | {r['errors']} | {r['req_s']:.1f} | "
                     f"{r['p50']:.1f} | {r['p99']:.1f} | {r['max']:.1f} |")
    return "\n".join(lines), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=DOC, help="markdown report ('-': none)")
    parser.add_argument("--drive", help=argparse.SUPPRESS)  # internal: run as the load driver
    parser.add_argument("--ids", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seconds > 120 or args.rate > 2000:
        raise SystemExit("bounded: at most 120 s and 2,000 requests/s")

    if args.drive:
        ids = json.loads(args.ids.read_text())
        res = asyncio.run(drive(args.drive, ids, args.rate, args.seconds, args.seed))
        json.dump(res, sys.stdout)
        return

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="wirebrief-web-bench-") as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        ids = build_store(db, args.articles)
        build_s = time.perf_counter() - t0
        db_mb = db.stat().st_size / 1e6
        print(f"built {len(ids)} articles in {build_s:.1f} s ({db_mb:.0f} MB)", file=sys.stderr)
        ids_file = Path(tmp) / "ids.json"
        ids_file.write_text(json.dumps(ids))
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base)
            run_driver(base, ids_file, args.rate, min(3.0, args.seconds), args.seed + 1)  # warm-up
            raw = run_driver(base, ids_file, args.rate, args.seconds, args.seed)
        finally:
            server.terminate()
            server.wait(timeout=10)
    elapsed = next(float(r[1]) for r in raw if r[0] == "_elapsed")
    results = [r for r in raw if r[0] != "_elapsed"]
    md, rows = table(results, elapsed)
    overall = rows[-1]
    verdict = "met" if overall["p99"] < 50 and not overall["errors"] else "NOT met"
    report = f"""# Web load benchmark

`benchmarks/web_load.py`: {len(ids):,} synthetic articles in the store, uvicorn (one worker) on
loopback, an open-loop load of {args.rate:.0f} requests/s for {args.seconds:.0f} s from a second
process (after a {min(3.0, args.seconds):.0f} s warm-up), half article pages, half summary API
calls (random article, 1-6 sentences, random style). Latency is measured by the client, from
sending the request to reading the whole body.

{md}

Target p99 < 50 ms at 100 requests/s: **{verdict}**.

Command: `.venv/bin/python benchmarks/web_load.py --articles {args.articles} \\
--rate {args.rate:.0f} --seconds {args.seconds:.0f}`.
Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()};
SQLite store {db_mb:.0f} MB, built in {build_s:.0f} s. The client shares the machine with the
server; 1-minute load average before the run: {load_before:.1f} (other jobs raise the tail).
"""
    print(md)
    print(f"\nTarget p99 < 50 ms at {args.rate:.0f} req/s: {verdict}")
    if str(args.out) != "-":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
