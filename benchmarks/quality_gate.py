"""Quality gate: the product path's key figures against floors pinned in `benchmarks/floors.json`.

Every figure is measured on what `brief_stream` (the call behind `wirebrief process`) returns
with default options, on data in `../shared`:
- `extraction_f1`: token F1 of the briefing text against the scrapinghub article bodies (the
  page's HTML briefed as a user would ingest it);
- `rouge1` / `rouge2`: ROUGE F1 x100 of the default summary on CNN/DM dev (`rouge_score`,
  stemming, as `../shared/tools/score_summary.py` scores);
- `timebank_date_value_acc`: value accuracy of DATE expressions found in TimeBank documents
  briefed with their creation date as the publication date;
- `events_sealed_f1`: event F1 on the event corpus's sealed split (benchmarks/events.py's
  scoring);
- `news_dates_sealed_value_acc`: value accuracy of DATE expressions on the dates corpus's
  sealed defense-news articles (benchmarks/news_dates.py's scoring);
- `newswire_dates_sealed_value_acc`: the same on its sealed newswire articles.
`make test` runs it through `tests/test_quality_gate.py`; a figure below its floor fails. Raising
a floor is its own commit, with the figure this script printed.

    .venv/bin/python benchmarks/quality_gate.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FLOORS = ROOT / "benchmarks" / "floors.json"
sys.path.insert(0, str(ROOT / "benchmarks"))


def _brief(records: Iterable[Any]) -> dict[str, Any]:
    """Briefings by record id, default options; failures map to None."""
    from wirebrief.pipeline import BriefFailure, brief_stream, load_options

    out: dict[str, Any] = {}
    for res in brief_stream(records, load_options()):
        out[str(res.external_id)] = None if isinstance(res, BriefFailure) else res
    return out


_TOKEN_RE = re.compile(r"\w+")


def extraction_f1() -> float:
    """Mean of per-page token F1 (bag of words), as the extraction benchmark counts it."""
    from collections import Counter

    from wirebrief.ingest.reader import RawDocument

    base = SHARED / "extraction" / "scrapinghub-aeb"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    records = []
    for key in sorted(truth):
        html = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace")
        records.append(RawDocument(external_id=key, html=html, url=truth[key]["url"]))
    briefs = _brief(records)
    f1s = []
    for key in sorted(truth):
        gold = Counter(_TOKEN_RE.findall(truth[key]["articleBody"].lower()))
        b = briefs.get(key)
        pred = Counter(_TOKEN_RE.findall(b.text.lower())) if b is not None else Counter()
        tp = sum((gold & pred).values())
        p = tp / sum(pred.values()) if pred else 0.0
        r = tp / sum(gold.values()) if gold else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(f1s) / len(f1s)


@functools.cache
def rouge() -> tuple[float, float]:
    from rouge_score import rouge_scorer

    from wirebrief.ingest.reader import RawDocument

    rows = [json.loads(x) for x in (SHARED / "summarization" / "cnndm-dev-125.jsonl")
            .read_text(encoding="utf-8").splitlines() if x.strip()]
    briefs = _brief(RawDocument(external_id=str(r["id"]), text=r["article"]) for r in rows)
    split = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["”’\']))\s+(?=["“‘\']?[A-Z0-9])')
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    r1 = r2 = 0.0
    for r in rows:
        b = briefs.get(str(r["id"]))
        cand = "\n".join(s.text for s in b.summary) if b is not None else ""
        s = sc.score("\n".join(split.split(r["reference"])), cand)
        r1 += s["rouge1"].fmeasure
        r2 += s["rouge2"].fmeasure
    return 100 * r1 / len(rows), 100 * r2 / len(rows)


def timebank_date_value_acc() -> float:
    """Share of gold DATE expressions, among those a briefing's date overlaps, whose value the
    briefing gives (TimeBank's creation time as the publication date)."""
    from timebank import _norm, load

    from wirebrief.ingest.reader import RawDocument

    docs = [load(p) for p in sorted((SHARED / "time" / "timebank").glob("*.tml"))]
    briefs = _brief(RawDocument(external_id=d.name, text=d.text, published=d.anchor)
                    for d in docs)
    ok = seen = 0
    for d in docs:
        b = briefs.get(d.name)
        if b is None:
            continue
        preds = _aligned(d.text, [(e.text, e.timex.value) for e in b.entities
                                  if e.timex is not None and e.type.value == "DATE"])
        for g in d.gold:
            if g.type != "DATE":
                continue
            hits = [p for p in preds if p[0] < g.end and g.start < p[1]]
            if hits:
                seen += 1
                best = min(hits, key=lambda p: abs(p[0] - g.start))
                ok += _norm(best[2]) == _norm(g.value)
    return ok / seen if seen else 0.0


def _aligned(source: str, found: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Source offsets of the briefing's expressions, found in order (the product's cleaning may
    drop lines, so briefing offsets are not source offsets)."""
    out = []
    cursor = 0
    for text, value in found:
        k = source.find(text, cursor)
        if k < 0:
            continue
        out.append((k, k + len(text), value))
        cursor = k + len(text)
    return out


def news_dates_sealed_value_acc(corpus_key: str = "defense-news") -> float:
    """DATE value accuracy of the briefing on the dates corpus's sealed articles (defense news,
    or the newswire part)."""
    from news_dates import CORPORA, build_docs, drop_chrome
    from timebank import briefed, score

    from wirebrief.training.sources import shared_root

    corpus = next(c for c in CORPORA if c.key == corpus_key)
    _dev, sealed, chrome, _agree = build_docs(shared_root(), corpus)
    preds = drop_chrome(briefed(sealed, with_dct=True), chrome)
    return float(score(sealed, preds, "DATE")["value_acc"])


def newswire_dates_sealed_value_acc() -> float:
    return news_dates_sealed_value_acc("newswire-te3")


def events_sealed_f1() -> float:
    from events import product_events, score_units, unit_records

    from wirebrief.training.train_events import load_training_units

    _dev, sealed = load_training_units()
    ev, sec = product_events(unit_records(sealed))
    return float(score_units(sealed, ev, sec)["event_f1"])


def measure(only: Iterable[str] | None = None) -> dict[str, float]:
    wanted = set(only or [])
    checks: dict[str, Callable[[], Any]] = {
        "extraction_f1": extraction_f1, "rouge": rouge,
        "timebank_date_value_acc": timebank_date_value_acc, "events_sealed_f1": events_sealed_f1,
        "news_dates_sealed_value_acc": news_dates_sealed_value_acc,
        "newswire_dates_sealed_value_acc": newswire_dates_sealed_value_acc,
    }
    out: dict[str, float] = {}
    for name, fn in checks.items():
        if wanted and name not in wanted and not (name == "rouge" and wanted & {"rouge1",
                                                                              "rouge2"}):
            continue
        value = fn()
        if name == "rouge":
            out["rouge1"], out["rouge2"] = value
        else:
            out[name] = value
    return {k: round(v, 4) for k, v in out.items()}


def floors() -> dict[str, float]:
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["floors"].items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    figures = measure(args.only)
    bad = 0
    for name, value in figures.items():
        floor = floors().get(name)
        verdict = "ok" if floor is None or value >= floor else "BELOW FLOOR"
        bad += verdict != "ok"
        print(f"{name}: {value} (floor {floor}) {verdict}  [{date.today()}]")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
