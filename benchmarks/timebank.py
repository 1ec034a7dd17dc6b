"""TimeBank benchmark: Wirebrief's briefings' dates against dateparser's search_dates.

Usage (from the repository root):
    .venv/bin/python benchmarks/timebank.py [--write] [--errors TYPE [--no-dct]] [--no-baseline]

Reads ../shared/data/time/timebank/*.tml in place. The text is the <TEXT> element with its tags
stripped; gold spans are its TIMEX3 elements. The creation time of each document (the TIMEX3
with functionInDocument="CREATION_TIME") is not scored.

Wirebrief is measured through the product path: the library call that `wirebrief process` makes
(`pipeline.brief_stream` with the default options), each document a plain-text record, once
with its creation time as the publication date (what `--published` gives) and once without
(what a user without a date gets: relative dates then count from the story's first full date).
The briefing's date expressions are placed back on the source text in order (cleaning may drop
lines). The temporal tagger alone (`find_timexes` with the creation time) is a third row.

Scores, per gold type (DATE, TIME, and all types together):
- detection P/R/F1, lenient (spans overlap) and strict (same span), a prediction counting for
  the type it was given;
- value accuracy: among gold expressions that a prediction overlaps, the share whose value is
  right; value P/R/F1: right values over predictions and over gold (the TempEval-3 way).
Values are compared after three normalisations: decades and centuries written with trailing X
(199X, 19XX) equal the TimeML 1.2 truncated form (199, 19), durations in decades or
centuries equal the same in years (P1DE = P10Y), and hours or seconds written without the T
equal the TimeML form (PXH = PTXH).
The baseline is dateparser.search.search_dates with RELATIVE_BASE = the creation time, its
results written as YYYY-MM-DD and typed DATE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wirebrief.analyze.timex import find_timexes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data" / "time" / "timebank"
DOC = ROOT / "docs" / "benchmarks" / "timebank.md"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Doc:
    name: str
    text: str
    anchor: dt.date
    gold: list[Span]


def load(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    dct = next(t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
    anchor = dt.date.fromisoformat(dct.get("value", "")[:10])
    body = root.find("TEXT")
    parts: list[str] = []
    gold: list[Span] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3" and el is not dct:
            end = sum(map(len, parts))
            text = "".join(parts)[start:end]
            gold.append(Span(start, end, el.get("type", ""), el.get("value", ""), text))

    assert body is not None
    walk(body)
    return Doc(path.stem, "".join(parts), anchor, gold)


def _norm(value: str) -> str:
    if re.fullmatch(r"\d{2,3}X+", value):
        return value.rstrip("X")
    m = re.fullmatch(r"P(\d+)(DE|CE)", value)  # decades and centuries as years: P1DE = P10Y
    if m:
        return f"P{int(m[1]) * (10 if m[2] == 'DE' else 100)}Y"
    m = re.fullmatch(r"P([\dX.]+)([HS])", value)  # hours written without the T: PXH = PTXH
    if m:
        return f"PT{m[1]}{m[2]}"
    return value


def briefed(docs: list[Doc], with_dct: bool) -> dict[str, list[Span]]:
    """Date expressions of each document's briefing, default options, placed on the source."""
    from wirebrief.ingest.reader import RawDocument
    from wirebrief.pipeline import BriefFailure, brief_stream, load_options

    records = [RawDocument(external_id=d.name, text=d.text,
                           published=d.anchor if with_dct else None) for d in docs]
    out: dict[str, list[Span]] = {d.name: [] for d in docs}
    by_name = {d.name: d for d in docs}
    for b in brief_stream(records, load_options()):
        if isinstance(b, BriefFailure):
            continue
        source = by_name[str(b.external_id)].text
        spans: list[Span] = []
        cursor = 0
        for e in b.entities:
            if e.timex is None or e.type.value != "DATE":
                continue
            k = place_on_source(source, b.text, e.start, e.end, cursor)
            if k < 0:
                continue
            spans.append(Span(k, k + len(e.text), e.timex.timex_type, e.timex.value, e.text))
            cursor = k + len(e.text)
        out[str(b.external_id)] = spans
    return out


def place_on_source(source: str, body: str, start: int, end: int, cursor: int) -> int:
    """Where the body's span [start, end) lies in the source: found with its words around it
    on the same line (the briefing may drop or reorder lines, so the first occurrence of "Monday"
    after the last one placed is not always this one), else the next occurrence."""
    text = body[start:end]
    left = body[max(0, start - 40) : start].rsplit("\n", 1)[-1]
    right = body[end : end + 40].split("\n", 1)[0]
    for before, after in ((left, right), (left, ""), ("", right)):
        if not before and not after:
            continue
        k = source.find(before + text + after)
        if k >= 0 and source.find(before + text + after, k + 1) < 0:  # one place only
            return k + len(before)
    return source.find(text, cursor)


def ours(doc: Doc) -> list[Span]:
    return [
        Span(e.start, e.end, e.timex.timex_type if e.timex else "DATE", e.canonical, e.text)
        for e in find_timexes(doc.text, doc.anchor)
    ]


def baseline(doc: Doc) -> list[Span]:
    from dateparser.search import search_dates

    base = dt.datetime.combine(doc.anchor, dt.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
    out: list[Span] = []
    pos = 0
    for surface, value in found:
        i = doc.text.find(surface, pos)
        if i < 0:
            i = doc.text.find(surface)
            if i < 0:
                continue
        else:
            pos = i + len(surface)
        out.append(Span(i, i + len(surface), "DATE", value.date().isoformat(), surface))
    return out


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(
    docs: list[Doc], preds: dict[str, list[Span]], kind: str | None
) -> dict[str, float | int]:
    n_gold = n_pred = 0
    len_p = len_g = strict_p = strict_g = 0
    val_ok = val_detected = 0
    for doc in docs:
        gold = [g for g in doc.gold if kind is None or g.type == kind]
        pred = [p for p in preds[doc.name] if kind is None or p.type == kind]
        # Values are judged against every gold expression: a right value typed differently
        # still counts for the value scores.
        all_gold = doc.gold
        n_gold += len(gold)
        n_pred += len(pred)
        len_p += sum(any(p.start < g.end and g.start < p.end for g in gold) for p in pred)
        strict_p += sum(any((p.start, p.end) == (g.start, g.end) for g in gold) for p in pred)
        len_g += sum(any(p.start < g.end and g.start < p.end for p in pred) for g in gold)
        strict_g += sum(any((p.start, p.end) == (g.start, g.end) for p in pred) for g in gold)
        for g in gold:
            hits = [p for p in preds[doc.name] if p.start < g.end and g.start < p.end]
            if hits:
                val_detected += 1
                best = min(hits, key=lambda p: abs(p.start - g.start) + abs(p.end - g.end))
                val_ok += _norm(best.value) == _norm(g.value)
        del all_gold
    lp, lr, lf = _prf(len_p, n_pred, len_g, n_gold)
    sp, sr, sf = _prf(strict_p, n_pred, strict_g, n_gold)
    vp, vr, vf = _prf(val_ok, n_pred, val_ok, n_gold)
    return {
        "gold": n_gold, "pred": n_pred, "lenient_p": lp, "lenient_r": lr, "lenient_f": lf,
        "strict_p": sp, "strict_r": sr, "strict_f": sf,
        "value_acc": val_ok / val_detected if val_detected else 0.0,
        "value_p": vp, "value_r": vr, "value_f": vf,
    }  # fmt: skip


def errors(docs: list[Doc], preds: dict[str, list[Span]], kind: str) -> None:
    """Print misses and wrong values for one gold type, to study the conventions."""
    for doc in docs:
        for g in doc.gold:
            if g.type != kind:
                continue
            hits = [p for p in preds[doc.name] if p.start < g.end and g.start < p.end]
            if not hits:
                ctx = doc.text[max(0, g.start - 50) : g.end + 30].replace("\n", " ")
                print(f"MISS {doc.name} {doc.anchor} {g.text!r} {g.value} | {ctx}")
            elif all(_norm(p.value) != _norm(g.value) for p in hits):
                ctx = doc.text[max(0, g.start - 60) : g.end + 40].replace("\n", " ")
                got = ", ".join(f"{p.text!r}={p.value}" for p in hits)
                print(f"VALUE {doc.name} {doc.anchor} {g.text!r} {g.value} got {got} | {ctx}")
        for p in preds[doc.name]:
            if p.type == kind and not any(p.start < g.end and g.start < p.end for g in doc.gold):
                ctx = doc.text[max(0, p.start - 50) : p.end + 30].replace("\n", " ")
                print(f"FP {doc.name} {p.text!r} {p.value} | {ctx}")


def _row(name: str, kind: str, s: dict[str, float | int]) -> str:
    cells = [name, kind, str(s["gold"]), str(s["pred"])]
    cells += [f"{s[k]:.3f}" for k in ("lenient_p", "lenient_r", "lenient_f", "strict_f")]
    cells += [f"{s[k]:.3f}" for k in ("value_acc", "value_p", "value_r", "value_f")]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write docs/benchmarks/timebank.md")
    ap.add_argument("--errors", metavar="TYPE", help="print errors for DATE, TIME, DURATION...")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    ap.add_argument("--no-dct", action="store_true",
                    help="with --errors: the run without a publication date")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (TimeBank is read from ../shared)", file=sys.stderr)
        return 0
    docs = [load(p) for p in sorted(SHARED.glob("*.tml"))]
    results: dict[str, dict[str, list[Span]]] = {}
    timings: dict[str, float] = {}
    runs: dict[str, Callable[[], dict[str, list[Span]]]] = {
        "wirebrief": lambda: briefed(docs, with_dct=True),
        "wirebrief, no publication date": lambda: briefed(docs, with_dct=False),
    }
    if args.errors:
        runs = {"wirebrief": runs["wirebrief, no publication date" if args.no_dct
                                  else "wirebrief"]}
    else:
        runs["tagger alone (find_timexes)"] = lambda: {d.name: ours(d) for d in docs}
        if not args.no_baseline:
            runs["dateparser search_dates"] = lambda: {d.name: baseline(d) for d in docs}
    for name, run in runs.items():
        t0 = time.perf_counter()
        results[name] = run()
        timings[name] = time.perf_counter() - t0
    if args.errors:
        errors(docs, results["wirebrief"], args.errors.upper())
        return 0
    n_chars = sum(len(d.text) for d in docs)
    header = (
        "| system | gold type | gold | predicted | lenient P | lenient R | lenient F1 | "
        "strict F1 | value acc. | value P | value R | value F1 |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    rows = [
        _row(name, kind or "all", score(docs, preds, kind))
        for name, preds in results.items()
        for kind in ("DATE", "TIME", "DURATION", None)
    ]
    speed = "\n".join(
        f"| {name} | {len(docs) / t:.0f} docs/s | {n_chars / t / 1e6:.2f} MB/s | "
        f"{n_chars / t / 4096:.0f} |"
        for name, t in timings.items()
    )
    cmd = ".venv/bin/python benchmarks/timebank.py --write"
    table = f"{header}\n" + "\n".join(rows)
    out = (
        "# TimeBank: time expressions\n\n"
        f"Measured {dt.date.today().isoformat()} on {platform.machine()} "
        f"({os.cpu_count()} cores), Python {platform.python_version()}; command: `{cmd}`.\n\n"
        f"Data: TimeBank 1.2 (TempEval-3 cleaned), {len(docs)} documents, "
        f"{sum(len(d.gold) for d in docs)} TIMEX3 (creation times excluded). Dev, looked at: "
        "these documents have been read while writing the rules, so the figures are not "
        "held-out. Published for comparison (TempEval-3, normalised value F1): HeidelTime "
        "about 0.78, SUTime about 0.67.\n\n"
        "Rows: `wirebrief` is the briefing (`pipeline.brief_stream`, default options, the call "
        "`wirebrief process` makes) with each document's creation time as the publication date; "
        "`wirebrief, no publication date` is the same without it (relative dates then count "
        "from the story's first full date, else stay unresolved); `tagger alone` is "
        "`find_timexes` anchored on the creation time; dateparser is anchored on it too.\n\n"
        f"{table}\n\n"
        "Value accuracy: right values among detected gold expressions. Value P/R/F1: right "
        "values over all predictions of the type and over all gold of the type. Decades and "
        "centuries with trailing X (199X) are compared as the truncated TimeML form (199), and "
        "durations in decades or centuries as the same in years (P1DE = P10Y), hours written "
        "without the T as the TimeML form (PXH = PTXH).\n\n"
        "Speed: the briefing rows time the whole briefing (parse, entities, events, summary), "
        "the tagger row the temporal tagger alone.\n\n"
        "| system | speed | throughput | 4 KB articles/s |\n|---|---|---|---|\n"
        f"{speed}\n"
    )
    print(out)
    if args.write:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
