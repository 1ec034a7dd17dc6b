"""A learned domain entity tagger beside spaCy's recogniser.

spaCy's small English model knows PERSON, ORG, GPE and LOC, but not weapon systems, ships,
military units, named operations and exercises, or military facilities: it types a destroyer as a
person and an exercise as a city. This tagger reads every token with features spaCy already
computed (shape, lemma, part of speech, spaCy's own entity label, neighbours, the weapon
gazetteer's hits) and assigns a BIO tag over ten labels, greedily left to right. It is a linear
model (`wirebrief.analyze.linear`) trained on the annotated corpus in `annotation/`
(`python -m wirebrief.training.train_ner`), shipped as `data/ner.npz`.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from wirebrief.analyze.linear import LinearModel, load_models

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODEL_RESOURCE = "data/ner.npz"
LABELS = ("GPE", "NORP", "PERSON", "ORG", "LOC", "FACILITY", "WEAPON", "VESSEL",
          "MILITARY_UNIT", "OPERATION")
OUTSIDE = "O"
MAX_TOKENS = 200_000  # beyond this an article is tagged in its first part only


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    start: int  # character offsets in the doc
    end: int
    label: str


_UPPER_RE = re.compile(r"[A-Z]+")
_LOWER_RE = re.compile(r"[a-z]+")
_DIGIT_RE = re.compile(r"[0-9]+")


@functools.lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """A word's shape: runs of capitals, small letters and digits as X, x and d ("F-16" is
    "X-d"), at most 8 characters. Cached: the tagger asks for each word's shape several times."""
    return _DIGIT_RE.sub("d", _LOWER_RE.sub("x", _UPPER_RE.sub("X", text)))[:8]


def _tok_feats(prefix: str, t: Token) -> dict[str, float]:
    low = t.lower_
    return {f"{prefix}w={low}": 1.0, f"{prefix}sh={shape(t.text)}": 1.0,
            f"{prefix}ent={t.ent_iob_}{t.ent_type_}": 1.0}


def static_features(doc: Doc, i: int, gaz: dict[int, str],
                    bounds: tuple[int, int] | None = None) -> dict[str, float]:
    """Features of token i that do not depend on the previous tag. Neighbours outside `bounds`
    (token i's sentence, start and end) read as the edge, as at a lone sentence's ends: the
    tagger learned from single sentences, and a capitalised word after another sentence's full
    stop ("Officials", "Authorities") must not read as a name there."""
    t = doc[i]
    low = t.lower_
    sh = shape(t.text)
    head = t.head.lemma_.lower()
    f: dict[str, float] = {
        "bias": 1.0,
        f"w={low}": 1.0,
        f"lem={t.lemma_.lower()}": 1.0,
        f"sh={sh}": 1.0,
        f"pre3={low[:3]}": 1.0,
        f"suf3={low[-3:]}": 1.0,
        f"pos={t.pos_}": 1.0,
        f"tag={t.tag_}": 1.0,
        f"dep={t.dep_}": 1.0,
        f"ent={t.ent_iob_}{t.ent_type_}": 1.0,
        f"head={head}": 1.0,
        f"dep|head={t.dep_}|{head}": 1.0,
    }
    if t.is_title:
        f["title"] = 1.0
    if any(c.isdigit() for c in t.text):
        f["digit"] = 1.0
    if "-" in t.text:
        f["hyphen"] = 1.0
    if t.is_sent_start:
        f["sent_start"] = 1.0
    hit = gaz.get(i)
    if hit:
        f[f"gaz={hit}"] = 1.0
    lo, hi = bounds if bounds is not None else (0, len(doc))
    for k in (-2, -1, 1, 2):
        j = i + k
        if lo <= j < hi:
            f.update(_tok_feats(f"{k}:", doc[j]))
            if gaz.get(j):
                f[f"{k}:gaz"] = 1.0
        else:
            f[f"{k}:edge"] = 1.0
    return f


def dynamic_features(t: Token, prev_tag: str) -> dict[str, float]:
    """Features of a token that read the previous token's tag."""
    return {f"ent={t.ent_type_ or 'none'}|prev={prev_tag}": 1.0, f"prev={prev_tag}": 1.0,
            f"prev|sh={prev_tag}|{shape(t.text)}": 1.0}


def token_features(doc: Doc, i: int, prev_tag: str, gaz: dict[int, str]) -> dict[str, float]:
    """Features of token i of a parsed doc; `gaz` maps token index to a gazetteer B/I hit."""
    bounds = None
    if doc.has_annotation("SENT_START"):
        sent = doc[i].sent
        bounds = (sent.start, sent.end)
    return {**static_features(doc, i, gaz, bounds), **dynamic_features(doc[i], prev_tag)}


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Each token's sentence (start and end token), or the whole doc where it has no sentences."""
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc))] * len(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        out.extend([(sent.start, sent.end)] * (sent.end - sent.start))
    return out


def gazetteer_hits(doc: Doc) -> dict[int, str]:
    """Token index -> "B"/"I" where the weapon gazetteer finds a system."""
    from wirebrief.analyze.weapons import find_weapon_systems

    out: dict[int, str] = {}
    for e in find_weapon_systems(doc.text):
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            out[t.i] = "B" if t.i == span.start else "I"
    return out


@functools.cache
def load_tagger() -> tuple[LinearModel, str]:
    data = resources.files("wirebrief.analyze").joinpath(MODEL_RESOURCE).read_bytes()
    models, _meta = load_models(data)
    return models["tagger"], hashlib.sha256(data).hexdigest()[:10]


def tagger_name() -> str:
    return f"analyze.ner.v1+{load_tagger()[1]}"


def tag_doc(doc: Doc, model: LinearModel | None = None) -> list[str]:
    """BIO tags of the doc's tokens (its first MAX_TOKENS), greedily left to right. The scores
    of the features that do not read the previous tag are computed for all tokens at once."""
    model = model or load_tagger()[0]
    gaz = gazetteer_hits(doc)
    n = min(len(doc), MAX_TOKENS)
    bounds = sentence_bounds(doc)
    vocab = model.vocab
    rows: list[int] = []
    starts: list[int] = []
    for i in range(n):
        starts.append(len(rows))
        feats = static_features(doc, i, gaz, bounds[i])
        rows.extend(r for r in map(vocab.get, feats) if r is not None)
    static = np.zeros((n, len(model.classes)), dtype=np.float32)
    if rows:
        # every token's rows are contiguous: one gather and one segmented sum for the doc
        lengths = np.diff(np.asarray([*starts, len(rows)]))
        nonempty = lengths > 0
        sums = np.add.reduceat(model.weights[np.asarray(rows)],
                               np.asarray(starts)[nonempty], axis=0)
        static[nonempty] = sums
    static += model.bias
    classes = model.classes
    tags: list[str] = []
    prev = OUTSIDE
    for i in range(n):
        s = static[i].copy()
        for name in dynamic_features(doc[i], prev):
            r = vocab.get(name)
            if r is not None:
                s += model.weights[r]
        tag = classes[int(np.argmax(s))]
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]  # an inside tag without its beginning starts a span
        tags.append(tag)
        prev = tag
    return tags


def spans_from_tags(doc: Doc, tags: list[str]) -> list[TaggedSpan]:
    out: list[TaggedSpan] = []
    k = 0
    while k < len(tags):
        if not tags[k].startswith("B-"):
            k += 1
            continue
        label = tags[k][2:]
        j = k + 1
        while j < len(tags) and tags[j] == f"I-{label}":
            j += 1
        last = doc[j - 1]
        out.append(TaggedSpan(doc[k].idx, last.idx + len(last.text), label))
        k = j
    return out


def tag_spans(doc: Doc, model: LinearModel | None = None) -> list[TaggedSpan]:
    """Labelled spans of a parsed doc (character offsets)."""
    if len(doc) == 0:
        return []
    return spans_from_tags(doc, tag_doc(doc, model))
