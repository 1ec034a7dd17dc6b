"""Story clustering quality: B-cubed against the `event_group` labels of defense-news, on a
tuning part and a held-out part of its groups.

    .venv/bin/python benchmarks/clustering.py [--briefings FILE] [--part tune|heldout|both]
        [--stories-json FILE] [--out docs/benchmarks/clustering.md]

The groups were split once, before any tuning, by a hash of the group id; the split is recorded
in benchmarks/data/cluster-split.json and this script checks the corpus against it. Thresholds
are tuned on the `tune` part only; the `heldout` part is read for the final report.

The product path: every article is briefed by the pipeline (`brief_stream`, or a cache written
by an earlier run with --briefings, kept outside the repository), then stored in date order
with `store_briefing` (duplicate detection and story placement, as `wirebrief ingest` does),
and the stories are read back with `list_stories`, as `wirebrief stories` does. The whole corpus
goes into one store (so the parts compete for the same stories); each part is scored on its own
articles. --stories-json writes `wirebrief stories --format json`-shaped output, which
../shared/tools/score_clusters.py also reads.

--grow N measures quality as the store grows: N distractor articles (copies of the briefed
newswire-te3 corpus, made as benchmarks/stories.py makes them, cached with --distractors) are
given publication dates spread evenly over the defense corpus's span and stored in date order
with it, so every defense article competes with about N / span-in-days other articles a day.
B-cubed is still over the defense articles only (as score_clusters.py does); the share of
defense articles whose story took in a distractor is reported beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from wirebrief.models import Briefing

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "defense-news.jsonl"
SPLIT = ROOT / "benchmarks" / "data" / "cluster-split.json"


def split_of(group: str) -> str:
    return "tune" if int(hashlib.sha256(group.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def load_gold() -> tuple[dict[str, str], dict[str, str]]:
    """External id -> group, and group -> part (checked against the recorded split)."""
    gold = {}
    for line in CORPUS.open(encoding="utf-8"):
        row = json.loads(line)
        gold[str(row["id"])] = str(row["event_group"])
    recorded = json.loads(SPLIT.read_text(encoding="utf-8"))
    part = {g: p for p in ("tune", "heldout") for g in recorded[p]}
    for g in set(gold.values()):
        if part.get(g) != split_of(g):
            sys.exit(f"group {g} is not in the recorded split as the hash puts it")
    return gold, part


def brief_corpus(cache: Path | None) -> list[Briefing]:
    if cache and cache.is_file():
        return [Briefing.model_validate_json(line) for line in cache.open(encoding="utf-8")]
    from wirebrief.ingest.reader import iter_jsonl
    from wirebrief.pipeline import BriefFailure, BriefOptions, brief_stream

    out = [b for b in brief_stream(iter_jsonl(CORPUS, 50_000_000), BriefOptions())
           if not isinstance(b, BriefFailure)]
    if cache:
        cache.write_text("".join(b.model_dump_json() + "\n" for b in out), encoding="utf-8")
    return out


def bcubed(gold: dict[str, str], cluster: dict[str, object]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of `cluster` (id -> cluster label) against `gold`."""
    by_cluster: dict[object, set[str]] = {}
    by_group: dict[str, set[str]] = {}
    for i, g in gold.items():
        by_cluster.setdefault(cluster.get(i, "single-" + i), set()).add(i)
        by_group.setdefault(g, set()).add(i)
    p = r = 0.0
    for i, g in gold.items():
        c = by_cluster[cluster.get(i, "single-" + i)]
        both = len(c & by_group[g])
        p += both / len(c)
        r += both / len(by_group[g])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def distractors(cache: Path, n: int, span: tuple[date, date]) -> list[Briefing]:
    """`n` copies of the briefed newswire corpus, dated evenly over `span`."""
    import random
    from datetime import timedelta

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from stories import brief_corpus as brief_newswire
    from stories import variant

    base = brief_newswire(cache)
    rng = random.Random(11)
    days = max(1, (span[1] - span[0]).days)
    out: list[Briefing] = []
    r = 1
    while len(out) < n:
        for b in base:
            if len(out) >= n:
                break
            v = variant(b, r, rng)
            day = span[0] + timedelta(days=len(out) * days // n)
            out.append(v.model_copy(update={"published": day, "external_id": f"x{len(out)}"}))
        r += 1
    return out


def cluster_corpus(briefings: list[Briefing], extra: list[Briefing] | None = None
                   ) -> tuple[dict[str, int], list[dict[str, object]]]:
    """Store every briefing as `wirebrief ingest` does; external id -> story id, and stories."""
    from wirebrief.ingest.run import store_briefing
    from wirebrief.store.db import Store
    from wirebrief.stories.threads import assign_to_story, list_stories

    ordered = sorted([*briefings, *(extra or [])],
                     key=lambda b: (b.published or date.max, b.external_id or ""))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        for b in ordered:
            store_briefing(store, b, assign_to_story)
        stories = list_stories(store, limit=1_000_000)
        ext = {a.id: a.external_id for s in stories for a in s.articles}
        # An article merged into another as a near-duplicate shares its story.
        merged = dict(store.conn.execute("SELECT article_id, duplicate_of FROM duplicates")) \
            if _has_table(store, "duplicates") else {}
        store.close()
    cluster = {str(ext[a.id]): s.id for s in stories for a in s.articles if ext.get(a.id)}
    for b in ordered:
        if b.external_id and b.external_id not in cluster and b.id in merged:
            original = next((x.external_id for x in ordered if x.id == merged[b.id]), None)
            if original in cluster:
                cluster[b.external_id] = cluster[original]
    return cluster, [s.to_json() for s in stories]


def _has_table(store: object, name: str) -> bool:
    conn = store.conn  # type: ignore[attr-defined]
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() \
        is not None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--briefings", type=Path, default=None,
                    help="cache of the briefed corpus (JSONL), outside the repository")
    ap.add_argument("--part", choices=("tune", "heldout", "both"), default="tune")
    ap.add_argument("--stories-json", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--grow", type=int, default=0, help="distractor articles to add")
    ap.add_argument("--distractors", type=Path, default=None,
                    help="cache of the briefed newswire corpus (JSONL), outside the repository")
    args = ap.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"skipped: {CORPUS} is absent (../shared not available)")
    gold, part = load_gold()
    t0 = time.perf_counter()
    briefings = brief_corpus(args.briefings)
    t1 = time.perf_counter()
    extra: list[Briefing] = []
    if args.grow:
        dated = sorted(b.published for b in briefings if b.published)
        extra = distractors(args.distractors or Path("/nonexistent"), args.grow,
                            (dated[0], dated[-1]))
    cluster, stories = cluster_corpus(briefings, extra)
    t2 = time.perf_counter()
    if args.stories_json:
        args.stories_json.write_text(json.dumps(stories, indent=1), encoding="utf-8")
    parts = ("tune", "heldout") if args.part == "both" else (args.part,)
    lines = ["| part | articles | groups | B-cubed P | B-cubed R | B-cubed F1 |",
             "|---|---|---|---|---|---|"]
    for name in parts:
        sub = {i: g for i, g in gold.items() if part[g] == name}
        p, r, f = bcubed(sub, {i: c for i, c in cluster.items() if i in sub})
        label = "tune (tuned on)" if name == "tune" else "held-out"
        lines.append(f"| {label} | {len(sub)} | {len(set(sub.values()))} | {p:.3f} | {r:.3f} | "
                     f"{f:.3f} |")
    if extra:
        mixed = {str(a["external_id"]) for st in stories
                 if any(str(a["external_id"]).startswith("x") for a in st["articles"])
                 for a in st["articles"]}  # type: ignore[union-attr, index]
        share = sum(1 for i in gold if i in mixed) / len(gold)
        lines.append(f"\nWith {len(extra)} distractors: {share:.1%} of defense articles share "
                     "a story with one.")
    lines.append(f"\n{len(stories)} stories from {len(briefings) + len(extra)} articles; brief "
                 f"{t1 - t0:.1f} s, store and place {t2 - t1:.1f} s.")
    print("\n".join(lines))
    if args.out:
        command = " ".join([".venv/bin/python benchmarks/clustering.py", *sys.argv[1:]])
        head = ["# Story clustering benchmark\n", f"- Date: {date.today().isoformat()}",
                f"- Command: `{command}`",
                "- Corpus: ../shared/data/corpus/defense-news.jsonl, groups split by "
                "benchmarks/data/cluster-split.json\n"]
        args.out.write_text("\n".join(head + lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
