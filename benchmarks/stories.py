"""Story threading: stories formed on real newswire, and the cost of placing one article as the
store grows to 1k, 10k and 100k articles.

    .venv/bin/python benchmarks/stories.py [--sizes 1000,10000,100000] [--briefings FILE]
        [--out docs/benchmarks/stories.md]

Step 1 briefs ../shared/data/corpus/newswire-te3.jsonl with the full pipeline (or reads
briefings saved by an earlier run with --briefings) and places every article in a story.
Step 2 grows a fresh store past each size by replicating those briefings: each copy is shifted
by 7 days per replica plus 0-2 days of jitter (so the same time span gets denser, the hard case
for candidate lookup) and has one sentence dropped and a short tag line appended (so its id and
wording differ). Analysis is skipped for the copies: their entities are those of the original
(offsets still valid, the text only changes at the end). Each copy is written with Store.add
and then placed with assign_to_story; the figure reported is the mean and 95th percentile of
assign_to_story alone over the 500 placements just before the store reaches each size.
Peak memory is the process's maximum resident set size. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from wirebrief.models import Briefing
from wirebrief.store.db import Store
from wirebrief.stories.threads import assign_to_story, list_stories

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "newswire-te3.jsonl"
WINDOW = 500


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


def variant(b: Briefing, r: int, rng: random.Random) -> Briefing:
    if r == 0:
        return b
    # Drop one sentence from the second half (entity offsets before it stay valid).
    sentences = b.text.split(". ")
    cut = len(b.text)
    if len(sentences) > 4:
        k = rng.randrange(len(sentences) // 2, len(sentences))
        del sentences[k]
        text = ". ".join(sentences)
        cut = min(cut, len(". ".join(sentences[:k])))
    else:
        text = b.text
    text += f"\n\nFiled again, copy {r}."
    ents = [e for e in b.entities if e.end <= cut]
    day = b.published + timedelta(days=7 * r + rng.randrange(3)) if b.published else None
    import hashlib

    return b.model_copy(update={
        "id": hashlib.sha256(text.encode()).hexdigest()[:16], "text": text,
        "external_id": f"{b.external_id}#{r}", "published": day, "entities": ents,
        "events": [e for e in b.events if e.evidence.end <= cut], "transfers": [],
        "summary": [s for s in b.summary if s.end <= cut]})


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--briefings", type=Path, default=None,
                    help="cache of briefed corpus (JSONL), outside the repository")
    ap.add_argument("--out", type=Path, default=None, help="also write the tables here")
    args = ap.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"skipped: {CORPUS} is absent (../shared not available)")
    out: list[str] = []

    def emit(line: str = "") -> None:
        print(line, flush=True)
        out.append(line)

    command = " ".join([".venv/bin/python benchmarks/stories.py", *sys.argv[1:]])
    emit("# Story threading benchmark\n")
    emit(f"- Date: {date.today().isoformat()}")
    emit(f"- Machine: {os.cpu_count()}-core {platform.machine()} "
         f"(CPython {platform.python_version()}); 1-minute load average at start: "
         f"{os.getloadavg()[0]:.1f}")
    emit(f"- Command: `{command}`\n")
    t0 = time.perf_counter()
    corpus = sorted(brief_corpus(args.briefings),
                    key=lambda b: (b.published is None, b.published, b.external_id))
    brief_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(Path(tmp) / "real.db")
        t0 = time.perf_counter()
        for b in corpus:
            st.add(b)
            assign_to_story(st, b)
        real_s = time.perf_counter() - t0
        stories = list_stories(st, limit=100000)
        sizes = sorted(len(s.articles) for s in stories)
        multi = [n for n in sizes if n > 1]
        emit("## Stories on newswire-te3\n")
        emit("| articles | stories | stories with 2+ articles | articles in them | "
             "largest | duplicates collapsed | brief (s) | add+place all (s) |")
        emit("|---|---|---|---|---|---|---|---|")
        dups = st.conn.execute("SELECT count(*) FROM story_articles "
                               "WHERE duplicate_of IS NOT NULL").fetchone()[0]
        emit(f"| {len(corpus)} | {len(stories)} | {len(multi)} | {sum(multi)} | "
             f"{sizes[-1] if sizes else 0} | {dups} | {brief_s:.1f} | {real_s:.1f} |\n")
        st.close()

        targets = [int(s) for s in args.sizes.split(",")]
        st = Store(Path(tmp) / "grow.db")
        rng = random.Random(7)
        rows = []
        n = 0
        r = 0
        timings: list[float] = []
        add_timings: list[float] = []
        pending = list(targets)
        while pending:
            for b in corpus:
                v = variant(b, r, rng)
                t = time.perf_counter()
                if not st.add(v).created:
                    continue
                t1 = time.perf_counter()
                assign_to_story(st, v)
                t2 = time.perf_counter()
                n += 1
                add_timings.append(t1 - t)
                timings.append(t2 - t1)
                if len(timings) > WINDOW:
                    timings.pop(0)
                    add_timings.pop(0)
                if pending and n == pending[0]:
                    pending.pop(0)
                    q = statistics.quantiles(timings, n=20)[-1]
                    n_stories = st.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
                    rows.append((n, n_stories, statistics.mean(timings) * 1000, q * 1000,
                                 statistics.mean(add_timings) * 1000, peak_mb()))
                    print(f"reached {n}", file=sys.stderr, flush=True)
                if not pending:
                    break
            r += 1
        emit("## Placing one article as the store grows\n")
        emit("| store size | stories | place: mean ms | place: p95 ms | Store.add mean ms | "
             "peak RSS MB |")
        emit("|---|---|---|---|---|---|")
        for size, ns, mean, p95, add, mem in rows:
            emit(f"| {size:,} | {ns:,} | {mean:.2f} | {p95:.2f} | {add:.2f} | {mem:.0f} |")
        st.close()
    emit("\nPlacement times are `assign_to_story` alone, over the 500 placements before each "
         "size. The copies that grow the store are the corpus shifted by a week per replica "
         "(denser in time, the hard case for candidate lookup); peak RSS is the whole process.")
    if args.out:
        args.out.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
