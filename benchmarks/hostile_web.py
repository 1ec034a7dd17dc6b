"""Does the web server keep answering while it briefs a hostile page?

Starts the app with uvicorn on 127.0.0.1 (a free port, in this process, one worker), sends
`POST /api/brief` with a hostile article, and while that runs polls `GET /healthz` every 50 ms
from another thread, recording each answer's latency. Articles:
- `long-word`: a short paragraph with a 60,000-character word, as HTML (it stalled every
  request for 32 s before the extractor's patterns were made linear);
- `long-text`: 400 KB of newswire text, analysed in full.
The target is every /healthz answer within 100 ms.

    .venv/bin/python benchmarks/hostile_web.py [--case long-word|long-text|all]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def _cases() -> dict[str, dict[str, str]]:
    from long_text import _text  # the same newswire text as the long-text benchmark

    word = "x" * 60_000
    para = "The ministry confirmed the delivery of twelve radars to the northern brigade. " * 3
    return {
        "long-word": {"html": f"<html><body><article><p>Write to {word} now</p><p>{para}</p>"
                              "</article></body></html>"},
        "long-text": {"text": _text(400)},
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(case: str, body: dict[str, str], base: str) -> dict[str, float | int | str]:
    latencies: list[float] = []
    done = threading.Event()
    outcome: dict[str, object] = {}

    def brief() -> None:
        t = time.perf_counter()
        r = httpx.post(f"{base}/api/brief", json=body, timeout=600)
        outcome.update(status=r.status_code, seconds=time.perf_counter() - t)
        done.set()

    with httpx.Client(timeout=30) as client:
        client.get(f"{base}/healthz")
        threading.Thread(target=brief, daemon=True).start()
        while not done.is_set():
            t = time.perf_counter()
            client.get(f"{base}/healthz")
            latencies.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)
    return {"case": case, "brief_status": int(outcome["status"]),  # type: ignore[call-overload]
            "brief_s": round(float(outcome["seconds"]), 1),  # type: ignore[arg-type]
            "polls": len(latencies), "p50_ms": round(statistics.median(latencies), 1),
            "max_ms": round(max(latencies), 1),
            "over_100ms": sum(1 for x in latencies if x > 100)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", default="all")
    args = ap.parse_args()
    import uvicorn

    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.config import Settings
    from wirebrief.web.app import create_app

    load_nlp()  # loaded before timing, as in a server that has briefed once
    db = Path(tempfile.mkdtemp(prefix="wirebrief-hostile-web-")) / "w.db"
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db=str(db))), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    cases = _cases()
    print("| case | brief status | brief s | /healthz polls | p50 ms | max ms | over 100 ms |")
    print("|---|---|---|---|---|---|---|")
    for name in cases if args.case == "all" else [args.case]:
        r = run(name, cases[name], base)
        print(f"| {r['case']} | {r['brief_status']} | {r['brief_s']} | {r['polls']} | "
              f"{r['p50_ms']} | {r['max_ms']} | {r['over_100ms']} |", flush=True)
    server.should_exit = True


if __name__ == "__main__":
    main()
