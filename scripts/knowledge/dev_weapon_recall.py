"""Development figure: weapon-system recall and precision on the unsealed labelled units.

Gold spans are the WEAPON and VESSEL labels of the event corpus (`annotation/events`), read with
`wirebrief.training.corpus.load_corpus`; sealed units are never read. A gold span counts as found
when a `find_weapon_systems` mention overlaps it, and a mention counts as right when it overlaps a
gold span. These units were looked at while the knowledge files were written, so the figure is a
development figure, not a held-out one.

Usage: python scripts/knowledge/dev_weapon_recall.py [-v]   (needs ../shared for the sources)
"""

from __future__ import annotations

import sys

from wirebrief.analyze.weapons import find_weapon_systems
from wirebrief.training.corpus import load_corpus
from wirebrief.training.sources import SourceIndex, shared_root


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main(verbose: bool) -> int:
    units = [u for u in load_corpus(SourceIndex(shared_root())) if not u.sealed]
    n_gold = n_pred = found = right = 0
    missed: set[str] = set()
    spurious: set[str] = set()
    for unit in units:
        gold = [tuple(e["span"]) for e in unit.entities if e["label"] in ("WEAPON", "VESSEL")]
        pred = [(e.start, e.end) for e in find_weapon_systems(unit.text)]
        n_gold += len(gold)
        n_pred += len(pred)
        for g in gold:
            if any(_overlap(g, p) for p in pred):
                found += 1
            else:
                missed.add(unit.text[g[0] : g[1]])
        for p in pred:
            if any(_overlap(g, p) for g in gold):
                right += 1
            else:
                spurious.add(unit.text[p[0] : p[1]])
    print(f"unsealed units={len(units)} gold spans={n_gold} mentions={n_pred}")
    print(f"recall={found / max(n_gold, 1):.3f} precision={right / max(n_pred, 1):.3f}")
    if verbose:
        print("missed:", sorted(missed))
        print("not in gold:", sorted(spurious))
    return 0


if __name__ == "__main__":
    raise SystemExit(main("-v" in sys.argv[1:]))
