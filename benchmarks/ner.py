"""NER sanity check on general news: CoNLL-2003 English test set, PER/ORG/LOC entity-level F1.

Each `-DOCSTART-` document is rebuilt as text (tokens joined by spaces, one sentence a line),
parsed once, and scored twice against the gold IOB2 spans (exact span and type):

* spaCy alone (`en_core_web_sm`): PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC, NORP -> MISC.
* the domain entity layer (`wirebrief.analyze.entities.extract_entities`): PERSON -> PER,
  ORGANIZATION -> ORG, COUNTRY -> LOC (a demonym, subtype "adjective", -> MISC, as CoNLL tags
  nationalities), PLACE -> LOC; WEAPON_SYSTEM and DATE are not scored.

The domain layer must not make general news worse than spaCy alone. Rows are given for the
whole file and for its two parts (`annotation/conll-split.json`, drawn by document before any
tuning): the development part, whose errors may be read (`--errors FILE`) and which the learned
tagger trains on, and the sealed part, scored in aggregate only.

    .venv/bin/python benchmarks/ner.py [--out docs/benchmarks/ner.md] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from wirebrief.training.conll import SPLIT_FILE as SPLIT
from wirebrief.training.conll import read_documents

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "ner" / "conll2003-test.txt"
TYPES = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]  # token start, token end (exclusive), type

_SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
              "NORP": "MISC"}


def gold_spans(tags: list[str]) -> set[Span]:
    out: set[Span] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if start >= 0:
                out.add((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (-1, "")
    return out


def build_text(doc: list[list[tuple[str, str]]]) -> tuple[str, list[int], list[int], list[str]]:
    """Text, token start and end offsets, and gold tags for one document."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    tags: list[str] = []
    pos = 0
    for sent in doc:
        for j, (tok, tag) in enumerate(sent):
            if j:
                parts.append(" ")
                pos += 1
            starts.append(pos)
            parts.append(tok)
            pos += len(tok)
            ends.append(pos)
            tags.append(tag)
        parts.append("\n")
        pos += 1
    return "".join(parts), starts, ends, tags


def to_tokens(start: int, end: int, starts: dict[int, int], ends: dict[int, int],
              kind: str) -> Span | None:
    """Character span -> token span; None when it does not fall on token boundaries."""
    if start in starts and end in ends:
        return starts[start], ends[end] + 1, kind
    return None


def head_length(entity) -> int:  # type: ignore[no-untyped-def]
    """Characters of a facility's lower-case head word ("Tampico port", "London Heathrow
    airport"), which the layer spans as the guide does but CoNLL leaves out of the name."""
    if entity.type.value != "PLACE" or entity.subtype != "facility":
        return 0
    words = entity.text.split()
    tail = 0
    while len(words) > 1 and words[-1].islower():
        tail += len(words[-1]) + 1
        words.pop()
    return tail


def article_length(surface: str) -> int:
    """Characters of a leading "the " that the layer keeps in a mention's surface ("the United
    Nations"; its canonical name drops it): CoNLL, like the event corpus, leaves it out."""
    return 4 if surface[:4].lower() == "the " else 0


def domain_type(entity) -> str | None:  # type: ignore[no-untyped-def]
    kind = entity.type.value
    if kind == "PERSON":
        return "PER"
    if kind == "ORGANIZATION":
        return "ORG"
    if kind == "COUNTRY":
        return "MISC" if entity.subtype == "adjective" else "LOC"
    if kind == "PLACE":
        return "LOC"
    if kind == "GROUP":
        return "MISC"  # "Shiite", "Kurdish": CoNLL's MISC, not scored
    return None


def load_split() -> dict[str, list[int]]:
    """Document indices of the development part (errors may be read) and the sealed part
    (scored in aggregate only), drawn by document before any tuning: annotation/conll-split.json."""
    data = json.loads(SPLIT.read_text(encoding="utf-8"))
    return {"dev": [int(i) for i in data["dev"]], "sealed": [int(i) for i in data["sealed"]]}


def score(gold: list[set[Span]], pred: list[set[Span]]) -> dict[str, tuple[float, float, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        for kind in TYPES:
            gk = {s for s in g if s[2] == kind}
            pk = {s for s in p if s[2] == kind}
            tp[kind] += len(gk & pk)
            fp[kind] += len(pk - gk)
            fn[kind] += len(gk - pk)
    out: dict[str, tuple[float, float, float]] = {}
    for kind in (*TYPES, "all"):
        t = sum(tp.values()) if kind == "all" else tp[kind]
        f_p = sum(fp.values()) if kind == "all" else fp[kind]
        f_n = sum(fn.values()) if kind == "all" else fn[kind]
        prec = t / (t + f_p) if t + f_p else 0.0
        rec = t / (t + f_n) if t + f_n else 0.0
        out[kind] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


MAPPING_NOTE = (
    "Entity-level, exact token span and type. Mapping: spaCy PERSON->PER, ORG->ORG, "
    "GPE/LOC/FAC->LOC, NORP->MISC; domain layer PERSON->PER, ORGANIZATION->ORG, "
    "COUNTRY->LOC (demonyms, subtype `adjective`, ->MISC, CoNLL's tag for nationalities), "
    "PLACE->LOC, GROUP->MISC; WEAPON_SYSTEM and DATE are not scored. A facility's lower-case "
    "head word (\"Tampico port\"), which the layer spans as the annotation guide does, is left "
    "out, as CoNLL leaves it out of the name. A leading \"the\", which the layer keeps "
    "in a mention's surface but CoNLL (and the event corpus) leave out of a name, is dropped "
    "before scoring. MISC is not scored: the two "
    "systems' notions of it differ too much. A span that does not fall on CoNLL token "
    "boundaries counts as a miss."
)


def dump_errors(path: Path, docs: list[list[list[tuple[str, str]]]], gold: list[set[Span]],
                pred: list[set[Span]]) -> None:
    """One line per missed or spurious span of the development part: kind, type, text."""
    out: list[str] = []
    for doc, g, p in zip(docs, gold, pred, strict=True):
        toks = [tok for sent in doc for tok, _ in sent]
        for s in sorted(g | p):
            if s[2] not in TYPES and not (s[2] == "MISC" and s in g):
                continue
            if s in g and s in p:
                continue
            kind = "FN" if s in g else "FP"
            out.append(f"{kind}\t{s[2]}\t{' '.join(toks[s[0]:s[1]])}\t"
                       f"{' '.join(toks[max(0, s[0] - 5):s[1] + 5])}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="write the markdown table here")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")
    parser.add_argument("--errors", type=Path, default=None,
                        help="write the entity layer's errors on the development part here")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} not found (../shared is absent)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from wirebrief.analyze.entities import ENTITY_LAYER_NAME, extract_entities
    from wirebrief.analyze.nlp import load_nlp

    docs = read_documents(DATA)
    if args.limit:
        docs = docs[: args.limit]
    nlp = load_nlp()
    gold: list[set[Span]] = []
    spacy_pred: list[set[Span]] = []
    layer_pred: list[set[Span]] = []
    t_parse = t_layer = 0.0
    n_tokens = 0
    for doc_rows in docs:
        text, starts, ends, tags = build_text(doc_rows)
        n_tokens += len(tags)
        gold.append(gold_spans(tags))
        by_start = {s: i for i, s in enumerate(starts)}
        by_end = {e: i for i, e in enumerate(ends)}
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        entities = extract_entities(doc, None)
        t_layer += time.perf_counter() - t1
        t_parse += t1 - t0
        sp = set()
        for ent in doc.ents:
            kind = _SPACY_MAP.get(ent.label_)
            span = to_tokens(ent.start_char, ent.end_char, by_start, by_end, kind or "")
            if kind and span:
                sp.add(span)
        spacy_pred.append(sp)
        lp = set()
        for entity in entities:
            kind = domain_type(entity)
            span = to_tokens(entity.start + article_length(entity.text),
                             entity.end - head_length(entity), by_start, by_end, kind or "")
            if kind and span:
                lp.add(span)
        layer_pred.append(lp)
    split = load_split()
    parts: dict[str, list[int]] = {"all": list(range(len(docs)))}
    if not args.limit:
        parts |= split
    systems = [("spaCy en_core_web_sm alone", spacy_pred),
               (f"domain entity layer ({ENTITY_LAYER_NAME}, learned tagger included)", layer_pred)]
    part_names = {"all": f"all {len(docs)} documents (development part included)",
                  "dev": f"development part ({len(split['dev'])} documents, errors read, "
                         "trained on)",
                  "sealed": f"sealed part ({len(split['sealed'])} documents, aggregate only)"}
    lines = [
        "# NER sanity benchmark (general news)",
        "",
        f"Data: `../shared/data/ner/conll2003-test.txt` ({len(docs)} documents, {n_tokens} tokens,"
        f" {sum(len(g) for g in gold)} gold entities of all types). Date: "
        f"{date.today().isoformat()}. Machine: 2-core x86_64, no GPU (CPython "
        f"{platform.python_version()}).",
        "",
        "Command: `.venv/bin/python benchmarks/ner.py --out docs/benchmarks/ner.md`",
        "",
        "The documents are split by document into a development part, whose errors may be read "
        "and tuned on, and a sealed part, scored in aggregate only; the split was drawn before "
        "any tuning on this file (`annotation/conll-split.json`, a salted hash of the document's "
        "index and first sentence). The learned tagger of the entity layer trains on the "
        "development part (`python -m wirebrief.training.train_ner`), so only the sealed rows "
        "are a held-out figure for the layer; its cross-validated figure on the development "
        "part is in [ner-domain.md](ner-domain.md).",
        "",
        "| part | system | PER F1 | ORG F1 | LOC F1 | PER+ORG+LOC P / R / F1 |",
        "|---|---|---|---|---|---|",
    ]
    for part, idx in parts.items():
        for name, pred in systems:
            r = score([gold[i] for i in idx], [pred[i] for i in idx])
            p, rc, f = r["all"]
            lines.append(f"| {part_names[part]} | {name} | {r['PER'][2]:.3f} | {r['ORG'][2]:.3f}"
                         f" | {r['LOC'][2]:.3f} | {p:.3f} / {rc:.3f} / {f:.3f} |")
    if args.errors:
        dump_errors(args.errors, [docs[i] for i in split["dev"]], [gold[i] for i in split["dev"]],
                    [layer_pred[i] for i in split["dev"]])
    lines += [
        "",
        f"Time: spaCy parse {t_parse:.1f} s, entity layer on top {t_layer:.1f} s.",
        "",
        MAPPING_NOTE,
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
