"""Train the domain entity tagger (`wirebrief.analyze.ner`) from the corpus's entity spans.

Each development sentence is parsed by the product's spaCy pipeline; its tokens get BIO tags
from the annotated spans (docs/annotation.md, "Names"). One multinomial logistic regression over
token features, trained with the gold previous tag and decoded greedily. Scores are span-level
P/R/F1 per label: 5-fold cross-validation by group on the development part, and, with
`--sealed`, once on the sealed split beside spaCy's recogniser alone and the entity layer.
With `--article-context` the layer is also run on each labelled sentence's whole article, as
the product reads it, and scored inside the labelled sentences.

    python -m wirebrief.training.train_ner [--cv] [--sealed] [--article-context] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wirebrief.analyze.linear import LinearModel, dump_models, load_models
from wirebrief.analyze.ner import (
    LABELS,
    OUTSIDE,
    gazetteer_hits,
    tag_spans,
    token_features,
)
from wirebrief.training.conll import ConllDoc, corpus_spans, development_documents
from wirebrief.training.corpus import REPO_ROOT, LabelledUnit, load_corpus
from wirebrief.training.examples import Rows
from wirebrief.training.sources import SourceIndex, shared_root
from wirebrief.training.train_events import SEED, corpus_digest, fit
from wirebrief.training.units import fold_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL_PATH = REPO_ROOT / "src" / "wirebrief" / "analyze" / "data" / "ner.npz"
Span3 = tuple[int, int, str]
# spaCy's labels and the entity layer's types read as the corpus's labels, for comparison.
SPACY_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
                "FAC": "FACILITY", "PRODUCT": "WEAPON"}


def gold_spans(u: LabelledUnit) -> list[Span3]:
    return [(int(e["span"][0]), int(e["span"][1]), str(e["label"])) for e in u.entities
            if e.get("label") in LABELS]


def bio_tags(doc: Doc, spans: Iterable[Span3]) -> list[str]:
    tags = [OUTSIDE] * len(doc)
    for a, b, label in spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or any(tags[t.i] != OUTSIDE for t in span):
            continue
        for t in span:
            tags[t.i] = ("B-" if t.i == span.start else "I-") + label
    return tags


def rows_of(units: Sequence[LabelledUnit], docs: Sequence[Doc]) -> Rows:
    rows = Rows()
    for u, doc in zip(units, docs, strict=True):
        gaz = gazetteer_hits(doc)
        tags = bio_tags(doc, gold_spans(u))
        prev = OUTSIDE
        for i, tag in enumerate(tags):
            rows.add(token_features(doc, i, prev, gaz), tag, u.group)
            prev = tag
    return rows


def conll_rows(rows: Rows, cdocs: Sequence[ConllDoc], docs: Sequence[Doc]) -> None:
    """Add the CoNLL development documents' tokens, CoNLL types read as corpus labels."""
    for c, doc in zip(cdocs, docs, strict=True):
        gaz = gazetteer_hits(doc)
        prev = OUTSIDE
        for i, tag in enumerate(bio_tags(doc, corpus_spans(doc, c.spans))):
            rows.add(token_features(doc, i, prev, gaz), tag, c.group)
            prev = tag


CONLL_TYPES = ("PER", "ORG", "LOC")


def layer_conll_spans(doc: Doc, model: LinearModel | None = None) -> list[Span3]:
    """The entity layer's mentions read as CoNLL types, as `benchmarks/ner.py` reads them."""
    from wirebrief.analyze.entities import extract_entities

    kinds = {"PERSON": "PER", "ORGANIZATION": "ORG", "PLACE": "LOC", "COUNTRY": "LOC"}
    out: list[Span3] = []
    for e in extract_entities(doc, None, model):
        if e.type.value not in kinds:
            continue
        start = e.start + (4 if e.text[:4].lower() == "the " else 0)  # CoNLL leaves "the" out
        adjective = e.type.value == "COUNTRY" and e.subtype == "adjective"
        out.append((start, e.end, "MISC" if adjective else kinds[e.type.value]))
    return out


class SpanScores:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.n_pred: Counter[str] = Counter()
        self.n_gold: Counter[str] = Counter()

    def add(self, gold: Iterable[Span3], pred: Iterable[Span3]) -> None:
        g, p = set(gold), set(pred)
        for x in g:
            self.n_gold[x[2]] += 1
        for x in p:
            self.n_pred[x[2]] += 1
        for x in g & p:
            self.tp[x[2]] += 1

    def table(self, labels: Iterable[str] = LABELS) -> dict[str, dict[str, float]]:
        out = {}
        for lab in [*labels, "ALL"]:
            if lab == "ALL":
                tp, npred, ngold = (sum(c.values()) for c in (self.tp, self.n_pred, self.n_gold))
            else:
                tp, npred, ngold = self.tp[lab], self.n_pred[lab], self.n_gold[lab]
            p = tp / npred if npred else 0.0
            r = tp / ngold if ngold else 0.0
            out[lab] = {"p": round(p, 3), "r": round(r, 3),
                        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "n": ngold}
        return out


def _tagged(doc: Doc, model: LinearModel) -> list[Span3]:
    return [(s.start, s.end, s.label) for s in tag_spans(doc, model)]


def spacy_spans(doc: Doc) -> list[Span3]:
    out = []
    for e in doc.ents:
        lab = SPACY_LABELS.get(e.label_)
        if lab:
            start = e[1].idx if e[0].lower_ == "the" and len(e) > 1 else e.start_char
            out.append((start, e.end_char, lab))
    return out


def layer_spans(doc: Doc, tagger: LinearModel | None = None) -> list[Span3]:
    """The entity layer's mentions read as corpus labels where the mapping is clear; `tagger`
    replaces the shipped tagger (a cross-validation fold's)."""
    from wirebrief.analyze.entities import extract_entities

    out: list[Span3] = []
    for e in extract_entities(doc, None, tagger):
        t = e.type.value
        if e.text[:4].lower() == "the " and len(e.text) > 4:
            # the layer keeps "the" in a surface ("the Pentagon"); the corpus leaves it out
            e = e.model_copy(update={"start": e.start + 4})
        if t == "WEAPON_SYSTEM":
            out.append((e.start, e.end, "VESSEL" if e.subtype == "vessel" else "WEAPON"))
        elif t == "PERSON":
            out.append((e.start, e.end, "PERSON"))
        elif t == "ORGANIZATION" and e.text.islower():
            continue  # "forces", "the military": the guide marks no generic word as a name
        elif t == "ORGANIZATION":
            # a unit, and a named service ("Indian Air Force", "PLA"), are MILITARY_UNITs
            unit = e.subtype == "unit" or e.subtype == "armed_forces"
            out.append((e.start, e.end, "MILITARY_UNIT" if unit else "ORG"))
        elif t == "COUNTRY" and e.subtype == "adjective":
            out.append((e.start, e.end, "NORP"))
        elif t == "COUNTRY":
            out.append((e.start, e.end, "GPE"))
        elif t == "PLACE":
            province = e.subtype == "region" and e.country is not None  # the guide's GPE
            label = "GPE" if province else _PLACE_LABELS.get(e.subtype or "", "LOC")
            out.append((e.start, e.end, label))
        elif t == "OPERATION":
            out.append((e.start, e.end, "OPERATION"))
        elif t == "GROUP":
            out.append((e.start, e.end, "NORP"))  # the guide's NORP: "Shiite", "Kurds"
    return out


# A place's subtype read as a corpus label: a city is a GPE, a facility a FACILITY.
_PLACE_LABELS = {"city": "GPE", "facility": "FACILITY", "region": "LOC"}


def class_weights(labels: Sequence[str], power: float) -> dict[str, float]:
    """Rare tags weigh more: (count of O / count of tag) ** power, at most 20."""
    n = Counter(labels)
    base = n[OUTSIDE] or 1
    return {t: min(20.0, (base / k) ** power) for t, k in n.items()}


CvTables = dict[str, dict[str, dict[str, float]]]


def cross_validate(units: Sequence[LabelledUnit], docs: Sequence[Doc], rows: Rows, c: float,
                   log: Callable[[str], None], power: float = 0.0,
                   conll: Sequence[tuple[ConllDoc, Doc]] = (), conll_weight: float = 1.0,
                   folds_dir: Path | None = None, errors: list[dict[str, object]] | None = None,
                   models_out: list[LinearModel] | None = None) -> CvTables:
    """5-fold CV by group on the development part: the tagger and the entity layer (with the
    fold's tagger) on the corpus, corpus labels ("tagger", "layer"), and the layer on the CoNLL
    development documents, CoNLL types ("conll_layer"), when they are given. With `folds_dir`,
    each fold's tagger is written there (`fold{k}.npz`) for `layer_cv`; with `errors`, the
    layer's development errors are appended to it; with `models_out`, the fold taggers are."""
    scores = SpanScores()
    conll_scores = SpanScores()
    models: list[LinearModel] = []
    weights = class_weights(rows.labels, power)
    for k in range(5):
        model = fit(rows, [i for i, g in enumerate(rows.groups) if fold_of(g) != k], c,
                    class_weight=weights, sample_weight=row_weights(rows, conll_weight))
        models.append(model)
        if folds_dir is not None:
            folds_dir.mkdir(parents=True, exist_ok=True)
            dump_models(folds_dir / f"fold{k}.npz", {"tagger": model}, {"fold": k})
        for u, doc in zip(units, docs, strict=True):
            if fold_of(u.group) == k:
                scores.add(gold_spans(u), _tagged(doc, model))
        for cd, doc in conll:
            if fold_of(cd.group) == k:
                conll_scores.add([s for s in cd.spans if s[2] in CONLL_TYPES],
                                 [s for s in layer_conll_spans(doc, model)
                                  if s[2] in CONLL_TYPES])
        log(f"  fold {k + 1}/5")
    if models_out is not None:
        models_out.extend(models)
    layer = layer_cv(units, docs, models, errors)
    return {"tagger": scores.table(), "layer": layer,
            "conll_layer": conll_scores.table(CONLL_TYPES)}


def layer_cv(units: Sequence[LabelledUnit], docs: Sequence[Doc], models: Sequence[LinearModel],
             errors: list[dict[str, object]] | None = None) -> dict[str, dict[str, float]]:
    """The entity layer on each development sentence with the tagger of the fold that did not
    train on it, per corpus label; its misses and false alarms go to `errors` when given."""
    scores = SpanScores()
    for u, doc in zip(units, docs, strict=True):
        gold, pred = gold_spans(u), layer_spans(doc, models[fold_of(u.group)])
        scores.add(gold, pred)
        if errors is not None and set(gold) != set(pred):
            errors.append(_errors_of(u, gold, pred))
    return scores.table()


def _errors_of(u: LabelledUnit, gold: Iterable[Span3], pred: Iterable[Span3]
               ) -> dict[str, object]:
    def show(xs: Iterable[Span3]) -> list[str]:
        return [f"{lab}:{u.text[a:b]}" for a, b, lab in sorted(xs)]
    g, p = set(gold), set(pred)
    return {"uid": u.uid, "text": u.text, "missed": show(g - p), "false": show(p - g)}


def article_layer(units: Sequence[LabelledUnit], parse: Callable[[Iterable[str]], Iterable[Doc]],
                  tagger_of: Callable[[LabelledUnit], LinearModel | None],
                  errors: list[dict[str, object]] | None = None) -> dict[str, dict[str, float]]:
    """The entity layer run on each labelled sentence's whole article (as the product reads
    an article), scored per corpus label inside the labelled sentences only: the layer's
    mentions that overlap a sentence's characters, shifted to the sentence, against its gold
    spans. `tagger_of` gives the tagger for an article's sentences (a fold's, or None for the
    shipped one); every sentence of an article shares its group, hence its fold."""
    by_article: dict[tuple[str, str], list[LabelledUnit]] = {}
    for u in units:
        by_article.setdefault((u.source, u.record_id), []).append(u)
    keys = list(by_article)
    scores = SpanScores()
    for key, doc in zip(keys, parse(by_article[k][0].article for k in keys), strict=True):
        members = by_article[key]
        pred = layer_spans(doc, tagger_of(members[0]))
        for u in members:
            a, b = u.start, u.start + len(u.text)
            mine = [(s - a, e - a, lab) for s, e, lab in pred if s < b and e > a]
            gold = gold_spans(u)
            scores.add(gold, mine)
            if errors is not None and set(gold) != set(mine):
                errors.append(_errors_of(u, gold, mine))
    return scores.table()


def load_folds(folds_dir: Path) -> list[LinearModel]:
    """The five fold taggers `cross_validate` wrote to `folds_dir`."""
    return [load_models((folds_dir / f"fold{k}.npz").read_bytes())[0]["tagger"]
            for k in range(5)]


def row_weights(rows: Rows, conll_weight: float) -> list[float]:
    """Every corpus row weighs 1, every CoNLL row `conll_weight`."""
    return [conll_weight if g.startswith("conll:") else 1.0 for g in rows.groups]


C = 0.5  # chosen by 5-fold CV on the development part
WEIGHT_POWER = 0.5  # rare tags weigh (count of O / count of tag) ** power; chosen by CV
CONLL_WEIGHT = 0.5  # weight of a CoNLL token row beside a corpus row; chosen by 5-fold CV (both)


def train(out: Path = MODEL_PATH, cv: bool = False, sealed: bool = False, c: float = C,
          power: float = WEIGHT_POWER, shared: Path | None = None, conll: bool = True,
          conll_weight: float = CONLL_WEIGHT, log: Callable[[str], None] = print,
          folds_dir: Path | None = None, errors: Path | None = None,
          layer_only: bool = False, article_context: bool = False) -> dict[str, object]:
    from wirebrief.analyze.nlp import load_nlp

    t0 = time.perf_counter()
    root = shared_root(shared)
    corpus = load_corpus(SourceIndex(root))
    dev = [u for u in corpus if not u.sealed and not u.no_prose]
    nlp = load_nlp()
    docs = list(nlp.pipe((u.text for u in dev), batch_size=64))
    rows = Rows() if layer_only else rows_of(dev, docs)
    log(f"{len(dev)} development sentences, {len(rows.labels)} tokens, "
        f"{sum(t.startswith('B-') for t in rows.labels)} names")
    cdocs = development_documents(root) if conll and not layer_only else []
    cparsed = list(nlp.pipe((d.text for d in cdocs), batch_size=16))
    if cdocs:
        n = len(rows.labels)
        conll_rows(rows, cdocs, cparsed)
        log(f"+ {len(cdocs)} CoNLL-2003 development documents, {len(rows.labels) - n} tokens")
    elif conll and not layer_only:
        log("CoNLL-2003 file not found in the shared folder: trained on the corpus alone")
    report: dict[str, object] = {}

    def parse(texts: Iterable[str]) -> Iterable[Doc]:
        return nlp.pipe(texts, batch_size=8)

    if cv:
        errs: list[dict[str, object]] | None = [] if errors is not None else None
        folds: list[LinearModel] = []
        if layer_only and folds_dir is not None:  # the saved fold taggers, the layer alone
            folds = load_folds(folds_dir)
            report["cv_layer"] = layer_cv(dev, docs, folds, None if article_context else errs)
        else:
            tables = cross_validate(dev, docs, rows, c, log, power,
                                    list(zip(cdocs, cparsed, strict=True)), conll_weight,
                                    folds_dir, None if article_context else errs, folds)
            report["cv"], report["cv_layer"] = tables["tagger"], tables["layer"]
            log("5-fold CV (development), tagger: " + json.dumps(report["cv"]))
            if cdocs:
                report["conll_cv"] = tables["conll_layer"]
                log("5-fold CV, entity layer on CoNLL development documents: "
                    + json.dumps(report["conll_cv"]))
        log("5-fold CV (development), entity layer: " + json.dumps(report["cv_layer"]))
        if article_context:
            report["cv_layer_article"] = article_layer(
                dev, parse, lambda u: folds[fold_of(u.group)], errs)
            log("5-fold CV (development), entity layer on whole articles: "
                + json.dumps(report["cv_layer_article"]))
        if errors is not None and errs is not None:
            errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errs),
                              encoding="utf-8")
        if layer_only:
            return report
    model = fit(rows, list(range(len(rows.labels))), c,
                class_weight=class_weights(rows.labels, power),
                sample_weight=row_weights(rows, conll_weight))
    meta = {"seed": SEED, "c": c, "weight_power": power, "corpus": corpus_digest(dev),
            "units": len(dev), "labels": list(LABELS),
            "conll_documents": [d.index for d in cdocs], "conll_weight": conll_weight}
    dump_models(out, {"tagger": model}, meta)
    log(f"wrote {out} ({out.stat().st_size // 1024} KiB) in {time.perf_counter() - t0:.0f} s")
    if sealed:
        test = [u for u in corpus if u.sealed and not u.no_prose]
        tdocs = list(nlp.pipe((u.text for u in test), batch_size=64))
        systems: dict[str, Callable[[Doc], list[Span3]]] = {
            "tagger": lambda d: _tagged(d, model), "spacy": spacy_spans, "layer": layer_spans}  # the product's layer, tagger included
        for name, fn in systems.items():
            s = SpanScores()
            for u, d in zip(test, tdocs, strict=True):
                s.add(gold_spans(u), fn(d))
            report[f"sealed_{name}"] = s.table()
            log(f"sealed split, {name}: " + json.dumps(report[f"sealed_{name}"]))
        if article_context:  # the product's layer on whole articles; aggregate figures only
            report["sealed_layer_article"] = article_layer(test, parse, lambda u: None)
            log("sealed split, layer on whole articles: "
                + json.dumps(report["sealed_layer_article"]))
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="report 5-fold cross-validation")
    ap.add_argument("--sealed", action="store_true", help="score the sealed split once")
    ap.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--power", type=float, default=WEIGHT_POWER, help="rare-tag weight power")
    ap.add_argument("--no-conll", action="store_true",
                    help="train on the corpus alone, without the CoNLL-2003 development part")
    ap.add_argument("--conll-weight", type=float, default=CONLL_WEIGHT,
                    help="weight of a CoNLL token beside a corpus token")
    ap.add_argument("--folds", type=Path, default=None,
                    help="with --cv: write each fold's tagger to this folder")
    ap.add_argument("--layer-only", action="store_true",
                    help="with --cv and --folds: score the entity layer with the fold taggers "
                    "saved there, without refitting or writing a model")
    ap.add_argument("--errors", type=Path, default=None,
                    help="with --cv: write the entity layer's development errors (JSON lines)")
    ap.add_argument("--article-context", action="store_true",
                    help="with --cv or --sealed: also run the entity layer on each labelled "
                    "sentence's whole article and score it inside the labelled sentences "
                    "(with --errors, the errors written are these)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--json", type=Path, default=None, help="write the scores here")
    args = ap.parse_args(argv)
    report = train(args.out, args.cv, args.sealed, args.c, args.power, conll=not args.no_conll,
                   conll_weight=args.conll_weight, folds_dir=args.folds, errors=args.errors,
                   layer_only=args.layer_only, article_context=args.article_context)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
