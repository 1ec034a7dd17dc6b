"""Event coding benchmark, through the product path (`wirebrief process`'s library call).

Every system is scored on what `brief_stream` returns with default options, the call behind
`wirebrief process`, `brief` and `ingest`:
- the corpus's **sealed split** (sentences, and whole defense-news articles), never used in
  training or tuning;
- **5-fold cross-validation** by group over the corpus's development part (each fold coded by
  models trained on the other four, through the same call);
- the **PLOVER gold-standard dev records** (cross-validated for the learned coder, which trains
  on them);
- the project's own **defense sentences** (`benchmarks/data/defense-events.jsonl`).

Rows: a keyword baseline (lexicon hits, no parse), the rule coder v1 (figures frozen in
`benchmarks/data/events-v1.json` once it was removed) and the learned coder.

    .venv/bin/python benchmarks/events.py [--out docs/benchmarks/events.md] [--no-cv]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from event_scoring import Gold, Scores, dedupe, plover_scores, pred_tuple  # noqa: E402

DEFENSE = ROOT / "benchmarks" / "data" / "defense-events.jsonl"
DEFENSE_PUBLISHED = date(2024, 5, 1)
V1_FIGURES = ROOT / "benchmarks" / "data" / "events-v1.json"
RESULTS = ROOT / "benchmarks" / "results" / "events.json"
Coder = Callable[[Any, list[Any], date | None], list[Any]]


def _gold_events(unit: Any) -> list[Gold]:
    return [{"type": e["type"], "actor": e["actor"]["country"],
             "recipient": e["recipient"]["country"]} for e in unit.events]


def product_events(records: Iterable[tuple[str, str, date | None]]) -> tuple[dict[str, list[Any]], float]:
    """Events per record id, from the call behind `wirebrief process`, default options."""
    from wirebrief.ingest.reader import RawDocument
    from wirebrief.pipeline import BriefFailure, brief_stream, load_options

    items = [RawDocument(external_id=rid, text=text, published=pub) for rid, text, pub in records]
    out: dict[str, list[Any]] = {}
    t0 = time.perf_counter()
    for res in brief_stream(items, load_options()):
        if isinstance(res, BriefFailure):
            out[str(res.external_id)] = []
        else:
            out[str(res.external_id)] = list(res.events)
    return out, time.perf_counter() - t0


def with_coder(coder: Coder | None) -> Any:
    """Swap the coder the pipeline calls (None: the shipped one)."""
    import contextlib

    import wirebrief.analyze.events as pkg

    @contextlib.contextmanager
    def swap() -> Any:
        original = pkg.code_events
        if coder is not None:
            pkg.code_events = coder  # type: ignore[assignment]
        try:
            yield
        finally:
            pkg.code_events = original  # type: ignore[assignment]

    return swap()


def keyword_coder(doc: Any, entities: list[Any], published: date | None) -> list[Any]:
    """Baseline: per sentence, the first lexicon trigger; first and second country named."""
    from wirebrief.analyze.events.lexicon import lexicon
    from wirebrief.models import Actor, Event, Evidence

    lex = lexicon()
    out = []
    for sent in doc.sents:
        etype = None
        for tok in sent:
            lem = tok.lemma_.lower()
            if lem in lex.reporting:
                continue
            hit = lex.word_type(lem)
            if hit:
                etype = hit[0]
                break
        if etype is None:
            continue
        codes: list[str] = []
        for e in entities:
            if sent.start_char <= e.start < sent.end_char and e.country and e.country not in codes \
                    and e.type.value == "COUNTRY":
                codes.append(e.country)
        out.append(Event(
            type=etype, actor=Actor(text=codes[0], country=codes[0]) if codes else None,
            recipient=Actor(text=codes[1], country=codes[1]) if len(codes) > 1 else None,
            evidence=Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char),
            confidence=0.5))
    return out


def v1_coder() -> Coder | None:
    """The rule coder v1, where a checkout still has it (it was removed once the learned coder
    beat it on the sealed split; its figures are frozen in `benchmarks/data/events-v1.json`)."""
    import importlib

    try:
        module = importlib.import_module("wirebrief.analyze.legacy_events_v1")
    except ImportError:
        return None
    return module.code_events  # type: ignore[no-any-return]


def score_units(units: list[Any], events: dict[str, list[Any]], seconds: float,
                restated: bool = True) -> dict[str, Any]:
    events = events_by_unit(units, events, restated)
    s = Scores(seconds=seconds)
    for u in units:
        s.add_unit(_gold_events(u), [pred_tuple(e) for e in events.get(u.uid, [])])
    return s.row()


def score_articles(units: list[Any], events: dict[str, list[Any]], seconds: float) -> dict[str, Any]:
    """Whole defense-news articles (the ones `article_records` briefs): each article's gold is
    the union of its labelled sentences' events."""
    by_article: dict[str, list[Gold]] = {}
    for u in units:
        if u.source == "defense-news":
            by_article.setdefault(f"{u.source}/{u.record_id}", []).extend(_gold_events(u))
    s = Scores(seconds=seconds)
    for key, golds in by_article.items():
        s.n += 1
        s.add_events(dedupe(golds), [pred_tuple(e) for e in events.get(key, [])])
    return s.row()


def unit_records(units: list[Any]) -> list[tuple[str, str, date | None]]:
    """PLOVER records are standalone sentences; a corpus sentence is briefed inside its article
    (the whole record text), as a user would brief the page."""
    out: dict[str, tuple[str, str, date | None]] = {}
    for u in units:
        pub = date.fromisoformat(u.published) if u.published else None
        if u.source == "plover-dev":
            out[u.uid] = (u.uid, u.text, pub)
        else:
            key = f"{u.source}/{u.record_id}"
            out[key] = (key, u.article or u.text, pub)
    return list(out.values())


def _norm(text: str) -> str:
    return " ".join(text.split())


def events_by_unit(units: list[Any], events: dict[str, list[Any]], restated: bool = True
                   ) -> dict[str, list[Any]]:
    """Each predicted event under the units whose sentences state it (by text): its evidence and,
    for an event merged from several sentences, each sentence it was restated in."""
    out: dict[str, list[Any]] = {}
    by_article: dict[str, list[Any]] = {}
    for u in units:
        if u.source == "plover-dev":
            out[u.uid] = events.get(u.uid, [])
        else:
            by_article.setdefault(f"{u.source}/{u.record_id}", []).append(u)
    for key, us in by_article.items():
        texts = [(u, _norm(u.text)) for u in us]
        for ev in events.get(key, []):
            # a merged event is credited to every sentence that states it (evidence, restated)
            credited: set[str] = set()
            more = getattr(ev, "restated", ()) if restated else ()
            for evidence in (ev.evidence, *more):
                sent = _norm(evidence.sentence)
                for u, t in texts:
                    if sent and (sent in t or t in sent):
                        if u.uid not in credited:
                            credited.add(u.uid)
                            out.setdefault(u.uid, []).append(ev)
                        break
    return out


def article_records(units: list[Any], index: Any) -> list[tuple[str, str, date | None]]:
    seen: dict[str, tuple[str, str, date | None]] = {}
    for u in units:
        if u.source == "defense-news":
            rec = index.get(u.source, u.record_id)
            seen[f"{u.source}/{u.record_id}"] = (f"{u.source}/{u.record_id}", rec.text,
                                                 rec.published)
    return list(seen.values())


def plover_records(index: Any) -> list[dict[str, Any]]:
    from wirebrief.training.plover_gold import _code

    out = []
    for rec in index.records("plover-dev").values():
        ex = rec.extra
        codes = {c for c in (_code([a]) for a in ex.get("source") or [] if isinstance(a, dict)) if c}
        tcodes = {c for c in (_code([a]) for a in (ex.get("target") or [])
                              if isinstance(a, dict)) if c} if isinstance(ex.get("target"), list) \
            else set()
        out.append({"id": rec.record_id, "text": rec.text, "published": rec.published,
                    "type": ex.get("event"), "actors": codes, "recipients": tcodes})
    return out


def _plover_preds(events: dict[str, list[Any]]) -> dict[str, list[Gold]]:
    return {k: [pred_tuple(e) for e in v] for k, v in events.items()}


def defense_scores(events: dict[str, list[Any]], rows: list[dict[str, Any]], seconds: float
                   ) -> dict[str, Any]:
    s = Scores(seconds=seconds)
    for k, r in enumerate(rows):
        preds = [pred_tuple(e) for e in events.get(str(k), [])]
        ranked = sorted(preds, key=lambda p: -p["confidence"])
        ok = bool(ranked) and ranked[0]["type"] in r["types"]
        s.n += 1
        s.type_ok += ok
        s.pairs.append((ranked[0]["type"] if ok else r["types"][0],
                        ranked[0]["type"] if ranked else "NONE"))
        best = next((p for p in ranked if p["type"] in r["types"]), None)
        if r.get("actor"):
            s.actor_n += 1
            s.actor_ok += bool(best and best["actor"] in r["actor"])
        if r.get("recipient"):
            s.rec_n += 1
            s.rec_ok += bool(best and best["recipient"] in r["recipient"])
    return s.row()


def parts_of(index: Any) -> dict[str, int]:
    """uid -> the corpus part (1 to 5, `training.units.corpus_parts`) the unit was drawn in."""
    from wirebrief.training.units import corpus_parts

    return {u.uid: k for k, part in enumerate(corpus_parts(index), 1) for u in part}


def first_parts(units: list[Any], part_of: dict[str, int], n: int) -> list[Any]:
    """The units of the corpus's first `n` parts, the sets earlier figures were scored on: the
    first part for the rule coder v1 and every figure before the second part (2026-12-06), the
    first two before the third part (2026-12-06), the first three before the fourth
    (2026-12-07)."""
    return [u for u in units if part_of.get(u.uid, n + 1) <= n]


def run_all(coder: Coder | None, sealed: list[Any], index: Any, plover: list[dict[str, Any]],
            defense: list[dict[str, Any]], one: list[Any], twelve: list[Any],
            three: list[Any], four: list[Any]) -> dict[str, Any]:
    """Every score of one system; `one`, `twelve`, `three` and `four` are the sealed split's
    units of the corpus's first part, first two, three and four parts (`first_parts`)."""
    out: dict[str, Any] = {}
    with with_coder(coder):
        ev, sec = product_events(unit_records(sealed))
        out["sealed_sentences"] = score_units(sealed, ev, sec)
        out["sealed_sentences_first"] = score_units(sealed, ev, sec, restated=False)
        out["sealed_part1"] = score_units(one, ev, sec)
        out["sealed_part1_first"] = score_units(one, ev, sec, restated=False)
        out["sealed_parts12"] = score_units(twelve, ev, sec)
        out["sealed_parts123"] = score_units(three, ev, sec)
        out["sealed_parts1234"] = score_units(four, ev, sec)
        ev, sec = product_events(article_records(sealed, index))
        out["sealed_articles"] = score_articles(sealed, ev, sec)
        ev, sec = product_events((r["id"], r["text"], r["published"]) for r in plover)
        out["plover_dev"] = plover_scores(plover, _plover_preds(ev))
        ev, sec = product_events((str(k), r["text"], DEFENSE_PUBLISHED)
                                 for k, r in enumerate(defense))
        out["defense"] = defense_scores(ev, defense, sec)
    return out


def coded_folds(ex: Any, dev: list[Any], log: Callable[[str], None],
                adapt: Callable[[Any, Callable[[str], bool]], Any] | None = None
                ) -> tuple[dict[str, list[Any]], float]:
    """Events of every development unit's record, coded through the product call by the
    models of the other four folds (`adapt`, when given, may swap some of them), and the
    seconds the coding took."""
    from wirebrief.analyze.events.coder import using_models
    from wirebrief.training.train_events import models_for
    from wirebrief.training.units import fold_of

    events: dict[str, list[Any]] = {}
    seconds = 0.0
    for k in range(5):
        def keep(g: str, k: int = k) -> bool:
            return fold_of(g) != k

        cm = models_for(ex, keep, version=f"cv{k}")
        if adapt is not None:
            cm = adapt(cm, keep)
        fold = [u for u in dev if fold_of(u.group) == k]
        with using_models(cm):
            ev, sec = product_events(unit_records(fold))
        events.update(ev)
        seconds += sec
        log(f"  fold {k + 1}/5: {len(fold)} units, {sec:.0f} s")
    return events, seconds


def plover_predictions(dev: list[Any], plover: list[dict[str, Any]],
                       events: dict[str, list[Any]]) -> dict[str, list[Gold]]:
    """The predicted events of each PLOVER record, by record id."""
    # a PLOVER unit's text is its markup's, which may differ from the record's: key by unit
    uid = {u.record_id: u.uid for u in dev if u.source == "plover-dev"}
    return {r["id"]: [pred_tuple(e) for e in events.get(uid.get(r["id"], ""), [])]
            for r in plover}


def cross_validated(dev: list[Any], plover: list[dict[str, Any]], index: Any,
                    log: Callable[[str], None]) -> dict[str, Any]:
    """5-fold CV by group: each fold coded through the product call by models of the others,
    trained as the shipped coder is (`coder_training_units`)."""
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.training.examples import build_examples
    from wirebrief.training.train_events import coder_training_units

    ex = build_examples(coder_training_units(dev, index), load_nlp())
    events, seconds = coded_folds(ex, dev, log)
    corpus = [u for u in dev if u.source != "plover-dev"]
    return {"dev_cv": score_units(corpus, events, seconds),
            "plover_cv": plover_scores(plover, plover_predictions(dev, plover, events))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="write the Markdown report here")
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    ap.add_argument("--v1", action="store_true", help="also run the rule coder v1 if present")
    args = ap.parse_args(argv)
    from wirebrief.training.sources import SourceIndex, shared_root_or_skip
    from wirebrief.training.train_events import load_training_units

    root = shared_root_or_skip()
    if root is None:
        return 0
    index = SourceIndex(root)
    dev, sealed = load_training_units(root)
    part_of = parts_of(index)
    one, twelve, three, four = (first_parts(sealed, part_of, n) for n in (1, 2, 3, 4))
    plover = plover_records(index)
    defense = [json.loads(x) for x in DEFENSE.read_text(encoding="utf-8").splitlines() if x.strip()]
    log = print
    results: dict[str, Any] = {"date": str(date.today()), "machine": platform.machine(),
                               "sealed_units": len(sealed), "dev_units": len(dev),
                               "sealed_part1_units": len(one), "sealed_parts12_units": len(twelve),
                               "sealed_parts123_units": len(three),
                               "sealed_parts1234_units": len(four)}
    log(f"sealed split: {len(sealed)} sentences; development: {len(dev)}")
    from wirebrief.training.agreement import corpus_agreement

    results["agreement"] = corpus_agreement(index).line()
    parts = (one, twelve, three, four)
    results["keyword"] = run_all(keyword_coder, sealed, index, plover, defense, *parts)
    log(f"keyword baseline: {json.dumps(results['keyword']['sealed_sentences'])}")
    v1 = v1_coder() if args.v1 else None
    if v1 is not None:
        results["v1"] = run_all(v1, sealed, index, plover, defense, *parts)
        log(f"v1: {json.dumps(results['v1']['sealed_sentences'])}")
    elif V1_FIGURES.exists():
        results["v1"] = json.loads(V1_FIGURES.read_text(encoding="utf-8"))
    results["v2"] = run_all(None, sealed, index, plover, defense, *parts)
    log(f"learned: {json.dumps(results['v2']['sealed_sentences'])}")
    if not args.no_cv:
        results["cv"] = cross_validated(dev, plover, index, log)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if args.out:
        from events_report import render

        args.out.write_text(render(results), encoding="utf-8")
        log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
