"""Scoring of coded events against the corpus's labels and the PLOVER gold records.

Matching follows `../shared/tools/score_events.py`: a predicted event matches a gold one when
its type is the gold type and its actor and recipient countries agree wherever the gold names
one (so a reversed pair is wrong), one to one by maximum matching.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Gold = dict[str, Any]  # {"type", "actor", "recipient"} with ISO3 codes or None


def _c(party: Any) -> str | None:
    if party is None:
        return None
    if isinstance(party, dict):
        return party.get("country")
    return getattr(party, "country", None)


def pred_tuple(ev: Any) -> Gold:
    return {"type": ev.type, "actor": _c(ev.actor), "recipient": _c(ev.recipient),
            "confidence": ev.confidence}


def matches(g: Gold, p: Gold) -> bool:
    if p["type"] != g["type"]:
        return False
    if g["actor"] and p["actor"] != g["actor"]:
        return False
    return not (g["recipient"] and p["recipient"] != g["recipient"])


def max_matching(golds: Sequence[Gold], preds: Sequence[Gold]) -> int:
    adj = [[k for k, p in enumerate(preds) if matches(g, p)] for g in golds]
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for k in adj[gi]:
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or augment(owner[k], seen):
                owner[k] = gi
                return True
        return False

    return sum(augment(gi, set()) for gi in range(len(golds)))


def dedupe(golds: Sequence[Gold]) -> list[Gold]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for g in golds:
        key = (g["type"], g["actor"], g["recipient"])
        if key not in seen:
            seen.add(key)
            out.append(g)
    return out


@dataclass
class Scores:
    n: int = 0
    type_ok: int = 0
    actor_n: int = 0
    actor_ok: int = 0
    rec_n: int = 0
    rec_ok: int = 0
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    seconds: float = 0.0

    def __post_init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []

    def add_unit(self, golds: Sequence[Gold], preds: Sequence[Gold]) -> None:
        """One sentence: type (top prediction or NONE against the gold types or NONE), roles of
        each gold event against the best prediction of its type, and event matching."""
        self.n += 1
        ranked = sorted(preds, key=lambda p: -p.get("confidence", 0.0))
        gold_types = [g["type"] for g in golds] or ["NONE"]
        top = ranked[0]["type"] if ranked else "NONE"
        ok = top in gold_types
        self.type_ok += ok
        self.pairs.append((top if ok else gold_types[0], top))
        for g in golds:
            same = [p for p in ranked if p["type"] == g["type"]]
            if g["actor"]:
                self.actor_n += 1
                self.actor_ok += any(p["actor"] == g["actor"] for p in same[:1])
            if g["recipient"]:
                self.rec_n += 1
                self.rec_ok += any(p["recipient"] == g["recipient"] for p in same[:1])
        self.add_events(golds, preds)

    def add_events(self, golds: Sequence[Gold], preds: Sequence[Gold]) -> None:
        self.tp += max_matching(golds, preds)
        self.n_pred += len(preds)
        self.n_gold += len(golds)

    def macro_f1(self) -> float:
        labels = {g for g, _ in self.pairs} | {p for _, p in self.pairs}
        labels.discard("NONE")
        tp: Counter[str] = Counter()
        fp: Counter[str] = Counter()
        fn: Counter[str] = Counter()
        for g, p in self.pairs:
            if g == p:
                tp[g] += 1
            else:
                fp[p] += 1
                fn[g] += 1
        f1s = []
        for lab in labels:
            pr = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
            rc = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
            f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
        return sum(f1s) / len(f1s) if f1s else 0.0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float | int]:
        p, r, f = self.prf()
        return {
            "n": self.n,
            "type_acc": self.type_ok / self.n if self.n else 0.0,
            "macro_f1": self.macro_f1(),
            "actor_acc": self.actor_ok / self.actor_n if self.actor_n else 0.0, "actor_n": self.actor_n,
            "recipient_acc": self.rec_ok / self.rec_n if self.rec_n else 0.0, "recipient_n": self.rec_n,
            "event_p": p, "event_r": r, "event_f1": f,
            "per_s": self.n / self.seconds if self.seconds else 0.0,
        }


def plover_scores(records: Sequence[dict[str, Any]], preds: dict[str, list[Gold]]) -> dict[str, float]:
    """The PLOVER gold-standard way: of the two most confident predictions, the one carrying the
    gold type is scored (else the top one); actor/recipient by country against the gold codes."""
    ok = an = ak = rn = rk = 0
    s = Scores()
    for r in records:
        evs = sorted(preds.get(r["id"], []), key=lambda p: -p.get("confidence", 0.0))[:2]
        best = next((e for e in evs if e["type"] == r["type"]), evs[0] if evs else None)
        top = best["type"] if best else "NONE"
        ok += top == r["type"]
        s.pairs.append((r["type"], top))
        if r["actors"]:
            an += 1
            ak += bool(best and best["actor"] in r["actors"])
        if r["recipients"]:
            rn += 1
            rk += bool(best and best["recipient"] in r["recipients"])
    return {"n": len(records), "type_acc": ok / max(len(records), 1), "macro_f1": s.macro_f1(),
            "actor_acc": ak / max(an, 1), "actor_n": an, "recipient_acc": rk / max(rn, 1),
            "recipient_n": rn}
