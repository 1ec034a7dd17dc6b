"""Agreement between two annotators on the units both labelled, independently."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from wirebrief.training.corpus import LabelledUnit, load_corpus
from wirebrief.training.sources import SourceIndex


def _kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    ca = Counter(a for a, _ in pairs)
    cb = Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _f1(tp: int, n_a: int, n_b: int) -> float:
    return 2 * tp / (n_a + n_b) if n_a + n_b else 1.0


def _match(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> int:
    left = Counter(a)
    return sum(min(n, left[k]) for k, n in Counter(b).items())


@dataclass(frozen=True)
class Agreement:
    units: int
    type_kappa: float
    type_set_f1: float
    event_f1: float
    entity_f1: float

    def line(self) -> str:
        return (f"{self.units} units labelled twice, independently: first event type (or none) "
                f"Cohen's kappa {self.type_kappa:.3f}; event types per sentence F1 "
                f"{self.type_set_f1:.3f}; events (type, actor country, recipient country) F1 "
                f"{self.event_f1:.3f}; entity spans with label F1 {self.entity_f1:.3f}.")


def agreement(first: list[LabelledUnit], second: list[LabelledUnit]) -> Agreement:
    by_uid = {u.uid: u for u in first}
    pairs: list[tuple[str, str]] = []
    ts = tn_a = tn_b = 0
    es = en_a = en_b = 0
    xs = xn_a = xn_b = 0
    n = 0
    for b in second:
        a = by_uid.get(b.uid)
        if a is None:
            continue
        n += 1
        ta = [e["type"] for e in a.events]
        tb = [e["type"] for e in b.events]
        pairs.append((ta[0] if ta else "NONE", tb[0] if tb else "NONE"))
        ts += _match([(t,) for t in set(ta)], [(t,) for t in set(tb)])
        tn_a += len(set(ta))
        tn_b += len(set(tb))
        ka = [(e["type"], e["actor"]["country"], e["recipient"]["country"]) for e in a.events]
        kb = [(e["type"], e["actor"]["country"], e["recipient"]["country"]) for e in b.events]
        es += _match(ka, kb)
        en_a += len(ka)
        en_b += len(kb)
        xa = [(tuple(e["span"]), e["label"]) for e in a.entities]
        xb = [(tuple(e["span"]), e["label"]) for e in b.entities]
        xs += _match(xa, xb)
        xn_a += len(xa)
        xn_b += len(xb)
    return Agreement(n, _kappa(pairs), _f1(ts, tn_a, tn_b), _f1(es, en_a, en_b),
                     _f1(xs, xn_a, xn_b))


def corpus_agreement(index: SourceIndex) -> Agreement:
    """Agreement of the corpus's double-labelled units (first against second annotator)."""
    return agreement(load_corpus(index), load_corpus(index, second=True))
