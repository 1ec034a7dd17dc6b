"""Throughput and peak memory of the whole analysis stage on real newswire.

Runs `wirebrief.pipeline.brief_stream` (extract, spaCy parse, entities, events, transfers,
summary) over the first N articles of `../shared/data/corpus/newswire-te3.jsonl` as
`RawDocument` records, after one warm-up article, and reports articles/s and peak resident
memory (`resource.getrusage`, the whole process, model included). `--profile` prints where the
time goes per component (a second pass, timing each stage on already-parsed documents).

    .venv/bin/python benchmarks/analysis_speed.py [--n 500] [--profile] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "corpus" / "newswire-te3.jsonl"
TARGET = 20.0  # articles/s on the 2-core machine


def load_records(n: int):  # type: ignore[no-untyped-def]
    from wirebrief.ingest.reader import RawDocument

    out = []
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= n:
                break
            rec = json.loads(line)
            out.append(RawDocument(external_id=rec["id"], text=rec["text"], title=rec.get("title"),
                                   published=date.fromisoformat(rec["published"]),
                                   source=rec.get("source")))
    return out


def _peak_mib() -> float:
    # ru_maxrss is KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def profile(records) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """Seconds per component over the same articles (parse once, then each stage)."""
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.events import code_events
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.analyze.transfers import derive_transfers
    from wirebrief.errors import WirebriefError
    from wirebrief.pipeline import BriefOptions, prepare_article
    from wirebrief.summarize.sentences import split_sentences
    from wirebrief.summarize.summarizer import summarize

    nlp = load_nlp()
    opts = BriefOptions()
    t = {"extract": 0.0, "spaCy parse": 0.0, "entities": 0.0, "events+transfers": 0.0,
         "summary": 0.0}
    t0 = time.perf_counter()
    prepared = []
    for r in records:
        try:
            prepared.append(prepare_article(r, opts))
        except WirebriefError:
            continue  # too short to brief: counted as failed in the main run
    t["extract"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.pipe([p.text for p in prepared], batch_size=32))
    t["spaCy parse"] = time.perf_counter() - t0
    for p, doc in zip(prepared, docs, strict=True):
        t0 = time.perf_counter()
        ents = extract_entities(doc, p.published)
        t1 = time.perf_counter()
        events = code_events(doc, ents, p.published)
        derive_transfers(events, ents, p.published)
        t2 = time.perf_counter()
        summarize(p.text, sentences=3, spans=split_sentences(p.text))
        t3 = time.perf_counter()
        t["entities"] += t1 - t0
        t["events+transfers"] += t2 - t1
        t["summary"] += t3 - t2
    return list(t.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="number of articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="parser processes")
    parser.add_argument("--out", type=Path, default=None, help="write the markdown table here")
    parser.add_argument("--profile", action="store_true", help="also time each component")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} not found (../shared is absent)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream

    records = load_records(args.n)
    opts = BriefOptions()
    list(brief_stream(records[:1], opts))  # load the model outside the timing
    base_mib = _peak_mib()
    t0 = time.perf_counter()
    ok = failed = events = entities = 0
    for item in brief_stream(records, opts, batch_size=args.batch_size, workers=args.workers):
        if isinstance(item, BriefFailure):
            failed += 1
            continue
        ok += 1
        events += len(item.events)
        entities += len(item.entities)
    elapsed = time.perf_counter() - t0
    rate = len(records) / elapsed if elapsed else 0.0
    words = sum(len((r.text or "").split()) for r in records)
    lines = [
        "# Analysis stage speed",
        "",
        f"Data: first {len(records)} articles of `../shared/data/corpus/newswire-te3.jsonl` "
        f"({words} words, {words / max(1, len(records)):.0f} words/article). Date: "
        f"{date.today().isoformat()}. Machine: 2-core x86_64, no GPU (CPython "
        f"{platform.python_version()}).",
        "",
        f"Command: `.venv/bin/python benchmarks/analysis_speed.py --n {args.n} --workers "
        f"{args.workers} --profile --out docs/benchmarks/analysis_speed.md` (2 workers is what "
        "`wirebrief process` picks on 2 cores for an input of 100 records or more).",
        "",
        "| stage | articles | failed | seconds | articles/s | target | peak RSS (MiB) | "
        "events/article | entities/article |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| brief_stream (extract + parse + entities + events + summary), "
        f"{args.workers} worker(s), batch "
        f"{args.batch_size} | {ok} | {failed} | {elapsed:.1f} | {rate:.1f} | >= {TARGET:.0f} | "
        f"{_peak_mib():.0f} (after model load: {base_mib:.0f}) | {events / max(1, ok):.2f} | "
        f"{entities / max(1, ok):.1f} |",
    ]
    if args.profile:
        parts = profile(records)
        total = sum(s for _n, s in parts)
        lines += ["", "Where the time goes (second pass, same articles):", "",
                  "| component | seconds | share |", "|---|---|---|"]
        lines += [f"| {name} | {secs:.1f} | {secs / total:.0%} |" for name, secs in parts]
    lines += ["", "Peak RSS is the process's maximum resident set (`resource.getrusage`), the "
              "spaCy model included."]
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
