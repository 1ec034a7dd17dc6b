"""Cost of analysing one long article: time and peak memory at 10 KB, 100 KB and 1 MB.

Each size runs in a fresh process (so peak resident memory is that size's alone) on a text made
of real newswire paragraphs from `../shared/data/corpus/newswire-te3.jsonl` repeated to the
size, or of a synthetic paragraph when that file is absent. Rows:
- parse: `analyze.parse.parse_text` (spaCy, in pieces of at most 20,000 characters);
- entities: `analyze.entities.extract_entities` on the parsed document;
- brief: `pipeline.brief_document` end to end (extract, parse, entities, events, summary).
Peak memory is the process's maximum resident set (`resource.getrusage`, model included).
Linear cost means 10x the text costs about 10x the time, and memory that stays flat once the
pieces are parsed.

    .venv/bin/python benchmarks/long_text.py [--sizes 10,100,1000] [--stage entities]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "corpus" / "newswire-te3.jsonl"
PARAGRAPH = ("Russia fired an Iskander-M missile at Kyiv on Monday, the Ukrainian defence ministry "
             "said, a day after Poland signed a contract for 48 K2 tanks with Hyundai Rotem. "
             "NATO Secretary General Mark Rutte met President Volodymyr Zelensky in Brussels.\n\n")


def _text(kb: int) -> str:
    target = kb * 1000
    base = PARAGRAPH
    if DATA.is_file():
        with DATA.open(encoding="utf-8") as fh:
            lines = [line for _, line in zip(range(40), fh, strict=False)]
        base = "".join(json.loads(line)["text"] + "\n\n" for line in lines)
    return (base * (target // len(base) + 1))[:target]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def one(kb: int, stage: str) -> dict[str, float]:
    """Run one size in this process and return its timings."""
    from datetime import date

    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.analyze.parse import parse_text
    from wirebrief.ingest.reader import RawDocument
    from wirebrief.pipeline import brief_document

    nlp = load_nlp()
    nlp("Warm-up sentence for the model.")
    text = _text(kb)
    base = _peak_mib()
    row: dict[str, float] = {"kb": kb, "model_mib": base}
    t = time.perf_counter()
    doc = parse_text(nlp, text)
    row["parse_s"] = time.perf_counter() - t
    t = time.perf_counter()
    extract_entities(doc, date(2024, 1, 1))
    row["entities_s"] = time.perf_counter() - t
    del doc
    if stage == "brief":
        t = time.perf_counter()
        brief_document(RawDocument(external_id=None, text=text, published=date(2024, 1, 1)))
        row["brief_s"] = time.perf_counter() - t
    row["peak_mib"] = _peak_mib()
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100,1000", help="KB, comma-separated")
    ap.add_argument("--stage", choices=["entities", "brief"], default="entities")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.stage)))
        return
    print(f"| size | parse s | entities s |{' brief s |' if args.stage == 'brief' else ''}"
          " peak MiB (model alone) |")
    print(f"|---|---|---|{'---|' if args.stage == 'brief' else ''}---|")
    for kb in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(kb), "--stage", args.stage],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        brief = f" {r['brief_s']:.1f} |" if "brief_s" in r else ""
        print(f"| {kb:,} KB | {r['parse_s']:.1f} | {r['entities_s']:.2f} |{brief} "
              f"{r['peak_mib']:.0f} ({r['model_mib']:.0f}) |", flush=True)


if __name__ == "__main__":
    main()
