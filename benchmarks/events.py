"""Benchmark the PLOVER event coder on the PLOVER gold-standard records (dev set).

Each record's sentence is coded with its `date` as the publication date; the record's prediction
is the highest-confidence event ("NONE" when there is none). Reports event-type accuracy and
macro-F1, and actor/recipient country accuracy against the first three letters of the gold
source/target codes (records whose gold code is a country; a prediction matching any of a compound
actor's codes counts; a missing prediction counts as wrong). A keyword-only baseline (trigger
lemma lists, no parse; first/second country mentioned as actor/recipient) runs beside it.

    .venv/bin/python benchmarks/events.py [--out docs/benchmarks/events.md]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "events" / "plover-gsr-dev.json"
# Defense-news sentences written and labelled (PLOVER) by the project: a second check in the
# product's own domain, beside the gold set's general news. Each line gives the accepted types
# (a pledge may be AGREE or AID) and the accepted actor/recipient codes (either side of a joint
# act), or null where the sentence names no country for that role.
DEFENSE = ROOT / "benchmarks" / "data" / "defense-events.jsonl"
DEFENSE_PUBLISHED = date(2024, 5, 1)

# Legacy CAMEO country codes in the gold set that differ from ISO-3166.
_CAMEO_TO_ISO = {"JAP": "JPN"}


def _iso_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def _gold_codes(actors: list[dict[str, str]], iso: set[str]) -> set[str]:
    out = set()
    for a in actors or []:
        code = _CAMEO_TO_ISO.get(a.get("code", "")[:3], a.get("code", "")[:3])
        if code in iso:
            out.add(code)
    return out


Prediction = tuple[str, str | None, str | None]


def _predict_coder(nlp, use_entity_layer: bool) -> Callable[[str, date | None], Prediction]:
    from wirebrief.analyze.events import code_events, entities_from_doc

    extract = None
    if use_entity_layer:
        from wirebrief.analyze.entities import extract_entities

        extract = extract_entities

    def predict(text: str, published: date | None) -> Prediction:
        doc = nlp(text)
        ents = extract(doc, published) if extract else entities_from_doc(doc, published)
        events = code_events(doc, ents, published)
        if not events:
            return "NONE", None, None
        best = max(events, key=lambda e: e.confidence)
        return (best.type, best.actor.country if best.actor else None,
                best.recipient.country if best.recipient else None)

    return predict


def _predict_keywords(nlp) -> Callable[[str, date | None], Prediction]:
    """Trigger lemma lists only: first trigger in the sentence; first/second country named."""
    from wirebrief.analyze import plover
    from wirebrief.analyze.countries import demonym_codes_in

    def predict(text: str, published: date | None) -> Prediction:
        with nlp.select_pipes(disable=["parser", "ner"]):
            doc = nlp(text)
        etype = "NONE"
        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma in plover.REPORTING_VERBS:
                continue
            if lemma in plover.VERB_TRIGGERS:
                etype = plover.VERB_TRIGGERS[lemma][0]
                break
            if lemma in plover.NOUN_TRIGGERS:
                etype = plover.NOUN_TRIGGERS[lemma][0]
                break
        codes: list[str] = []
        for _s, _e, code in demonym_codes_in(text):
            if code not in codes:
                codes.append(code)
        actor = codes[0] if codes else None
        recipient = codes[1] if len(codes) > 1 else None
        return etype, actor, recipient

    return predict


def _macro_f1(gold: list[str], pred: list[str]) -> float:
    labels = sorted(set(gold))
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def evaluate(records: list[dict], predict: Callable[[str, date | None], Prediction]) -> dict:
    iso = _iso_codes()
    gold_t: list[str] = []
    pred_t: list[str] = []
    a_ok = a_n = r_ok = r_n = 0
    start = time.perf_counter()
    for rec in records:
        published = date.fromisoformat(rec["date"]) if rec.get("date") else None
        etype, actor, recipient = predict(rec["text"], published)
        gold_t.append(rec["event"])
        pred_t.append(etype)
        src = _gold_codes(rec.get("source", []), iso)
        tgt = _gold_codes(rec.get("target", []), iso)
        if src:
            a_n += 1
            a_ok += actor in src
        if tgt:
            r_n += 1
            r_ok += recipient in tgt
    elapsed = time.perf_counter() - start
    acc = sum(g == p for g, p in zip(gold_t, pred_t, strict=True)) / len(gold_t)
    return {
        "n": len(records), "type_acc": acc, "macro_f1": _macro_f1(gold_t, pred_t),
        "actor_acc": a_ok / a_n if a_n else 0.0, "actor_n": a_n,
        "recipient_acc": r_ok / r_n if r_n else 0.0, "recipient_n": r_n,
        "per_s": len(records) / elapsed if elapsed else 0.0, "gold": gold_t, "pred": pred_t,
    }


def evaluate_defense(records: list[dict],
                     predict: Callable[[str, date | None], Prediction]) -> dict:
    t_ok = a_ok = a_n = r_ok = r_n = 0
    misses: list[str] = []
    for rec in records:
        etype, actor, recipient = predict(rec["text"], DEFENSE_PUBLISHED)
        ok = etype in rec["types"]
        t_ok += ok
        if rec["actor"]:
            a_n += 1
            a_ok += actor in rec["actor"]
        if rec["recipient"]:
            r_n += 1
            r_ok += recipient in rec["recipient"]
        if not ok or (rec["actor"] and actor not in rec["actor"]) or \
                (rec["recipient"] and recipient not in rec["recipient"]):
            misses.append(f"{etype} {actor}->{recipient} (gold {'/'.join(rec['types'])} "
                          f"{rec['actor']}->{rec['recipient']}): {rec['text']}")
    return {"n": len(records), "type_acc": t_ok / len(records),
            "actor_acc": a_ok / a_n if a_n else 0.0, "actor_n": a_n,
            "recipient_acc": r_ok / r_n if r_n else 0.0, "recipient_n": r_n, "misses": misses}


def defense_table(rows: list[tuple[str, dict]]) -> list[str]:
    n = rows[0][1]["n"]
    lines = [
        "",
        f"## Defense-news sentences written by the project ({n} sentences)",
        "",
        "`benchmarks/data/defense-events.jsonl`: sentences in the style of defense and security "
        "reporting (deliveries, drills, deployments, sanctions, strikes, talks), labelled by the "
        "project with PLOVER's rules; publication date 2024-05-01. Type is right when it is one "
        "of the accepted types; actor/recipient codes are scored where the sentence names a "
        "country for that role. Rules were written with these sentences' errors in view (as "
        "with the gold dev set above), so the table guards against regressions; it does not "
        "measure how the coder does on unseen news.",
        "",
        "| system | type acc | actor code acc | recipient code acc |",
        "|---|---|---|---|",
    ]
    for name, r in rows:
        lines.append(f"| {name} | {r['type_acc']:.3f} | {r['actor_acc']:.3f} (n={r['actor_n']}) "
                     f"| {r['recipient_acc']:.3f} (n={r['recipient_n']}) |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="write the markdown table here")
    parser.add_argument("--errors", action="store_true", help="print misclassified records")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} not found (../shared is absent)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from wirebrief.analyze.nlp import load_nlp

    records = [r for r in json.loads(DATA.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"]
    nlp = load_nlp()
    nlp("warm up")
    rows = [("keyword baseline (no parse)", evaluate(records, _predict_keywords(nlp))),
            ("analyze.events.v1 (parse rules)", evaluate(records, _predict_coder(nlp, False)))]
    try:  # the shared entity layer, when it and its dependencies are importable
        layer = _predict_coder(nlp, True)
    except ImportError as exc:
        print(f"entity layer not run: {exc}", file=sys.stderr)
        layer = None
    if layer is not None:
        rows.append(("analyze.events.v1 + entity layer", evaluate(records, layer)))
    lines = [
        "# Event coding benchmark",
        "",
        f"Data: `../shared/data/events/plover-gsr-dev.json` ({len(records)} sentences, "
        "PLOVER gold standard). Date: " + date.today().isoformat()
        + ". Machine: 2-core x86_64 (" + platform.python_implementation() + " "
        + platform.python_version() + ").",
        "",
        "Command: `.venv/bin/python benchmarks/events.py --out docs/benchmarks/events.md`",
        "",
        "| system | type acc | type macro-F1 | actor code acc | recipient code acc | "
        "sentences/s |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['type_acc']:.3f} | {r['macro_f1']:.3f} | {r['actor_acc']:.3f} "
            f"(n={r['actor_n']}) | {r['recipient_acc']:.3f} (n={r['recipient_n']}) | "
            f"{r['per_s']:.1f} |"
        )
    lines += [
        "",
        "Prediction per sentence: the highest-confidence event, `NONE` when none is coded. "
        "Actor/recipient: ISO3 of the predicted participant against the first three letters of "
        "the gold `source`/`target` codes, over records whose gold code is a country (CAMEO "
        "`JAP` read as `JPN`); any code of a compound gold actor counts; no prediction is wrong. "
        "Targets: type accuracy >= 0.80, actor and recipient accuracy >= 0.85.",
    ]
    if DEFENSE.is_file():
        defense = [json.loads(line) for line in DEFENSE.open(encoding="utf-8") if line.strip()]
        drows = [("keyword baseline (no parse)", evaluate_defense(defense, _predict_keywords(nlp)))]
        if layer is not None:
            drows.append(("analyze.events.v1 + entity layer", evaluate_defense(defense, layer)))
        lines += defense_table(drows)
        if args.errors:
            print("\n".join(drows[-1][1]["misses"]), file=sys.stderr)
    table = "\n".join(lines) + "\n"
    print(table)
    if args.errors:
        best = rows[1][1]
        for rec, g, p in zip(records, best["gold"], best["pred"], strict=True):
            if g != p:
                print(f"{g:>11} <- {p:<11} {rec['text'][:110]}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
