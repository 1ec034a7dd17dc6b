"""Article-body extraction benchmark: Wirebrief against open-source extractors.

Data: ../shared/data/extraction/scrapinghub-aeb (html/<id>.html.gz, ground-truth.json).
Scoring follows scrapinghub's article-extraction-benchmark (evaluate.py): the text is tokenised
with the regex \\w+ (case kept), tokens are grouped into overlapping 4-token shingles, and each
page gets TP/FP/FN from the multiset overlap of shingles, normalised by their sum so that long
pages do not weigh more. Precision is the mean over pages with TP+FP > 0, recall the mean over
pages with TP+FN > 0 (a page with nothing on either side counts as 1), and F1 is the harmonic
mean of those two means.

Every extractor gets the page decoded as UTF-8 text and the page URL, as upstream does.
Speed is pages per second over the whole set, one process, one page at a time; each page is
run through every extractor in turn, so that all rows see the same machine load.

    .venv/bin/python benchmarks/extraction.py            # print the table
    .venv/bin/python benchmarks/extraction.py --write    # also write docs/benchmarks/extraction.md
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import platform
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from wirebrief.extract.html import EXTRACTOR_NAME

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "extraction" / "scrapinghub-aeb"
DOC = ROOT / "docs" / "benchmarks" / "extraction.md"

PUBLISHED = {
    "rs_trafilatura": 0.970,
    "go_trafilatura": 0.960,
    "trafilatura 2.0.0": 0.958,
    "newspaper4k": 0.949,
    "news-please": 0.948,
    "readability_js": 0.947,
    "readability-lxml": 0.922,
    "goose3": 0.896,
    "justext": 0.804,
    "html-text (everything)": 0.665,
    "AutoExtract (commercial)": 0.970,
    "Diffbot (commercial)": 0.951,
}

_TOKEN_RE = re.compile(r"\w+")
Extractor = Callable[[str, str], str]
Scores = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def page_counts(true: str, pred: str) -> Scores:
    """Normalised (TP, FP, FN) of one page over 4-token shingles."""
    gold, got = shingles(true), shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aggregate(counts: list[Scores]) -> tuple[float, float, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- extractors -------------------------------------------------------------------------------


def _wirebrief() -> Extractor:
    from wirebrief.errors import ExtractionError
    from wirebrief.extract.html import extract_html

    def run(html: str, url: str) -> str:
        try:
            return extract_html(html, url=url).text
        except ExtractionError:
            return ""

    return run


def _trafilatura() -> Extractor:
    import trafilatura

    return lambda html, url: trafilatura.extract(html, include_comments=False) or ""


def _readability() -> Extractor:
    import lxml.html
    from readability import Document

    def run(html: str, url: str) -> str:
        summary = Document(html).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""

    return run


def _justext() -> Extractor:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(html: str, url: str) -> str:
        paragraphs = justext.justext(html.encode("utf-8"), stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _newspaper4k() -> Extractor:
    from newspaper import Article

    def run(html: str, url: str) -> str:
        article = Article(url, fetch_images=False)
        article.download(input_html=html)
        article.parse()  # parse() needs no nltk data; nlp() would
        return article.text or ""

    return run


def _goose3() -> Extractor:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False})
    return lambda html, url: goose.extract(raw_html=html).cleaned_text or ""


def _boilerpy3() -> Extractor:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor(raise_on_failure=False)
    return lambda html, url: extractor.get_content(html) or ""


def _html_text() -> Extractor:
    import html_text

    return lambda html, url: html_text.extract_text(html)


EXTRACTORS: list[tuple[str, str, Callable[[], Extractor]]] = [
    (f"Wirebrief {EXTRACTOR_NAME}", "wirebrief", _wirebrief),
    ("trafilatura (default)", "trafilatura", _trafilatura),
    ("readability-lxml", "readability-lxml", _readability),
    ("jusText (English stoplist)", "jusText", _justext),
    ("newspaper4k", "newspaper4k", _newspaper4k),
    ("goose3", "goose3", _goose3),
    ("boilerpy3 (ArticleExtractor)", "boilerpy3", _boilerpy3),
    ("html-text (full text)", "html-text", _html_text),
]


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def load_pages() -> list[tuple[str, str, str, str]]:
    """(id, html, url, gold article body) for every page."""
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        raw = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes())
        pages.append(
            (
                key,
                raw.decode("utf-8", errors="replace"),
                truth[key]["url"],
                truth[key]["articleBody"],
            )
        )
    return pages


def run_all(
    extractors: list[tuple[str, str, Extractor]], pages: list[tuple[str, str, str, str]]
) -> dict[str, dict[str, float]]:
    """Score every extractor; pages in the outer loop so that all rows share the machine's load."""
    seconds = dict.fromkeys((label for label, _d, _e in extractors), 0.0)
    failures = dict.fromkeys(seconds, 0)
    counts: dict[str, list[Scores]] = {label: [] for label in seconds}
    for _key, html, url, gold in pages:
        for label, _dist, extract in extractors:
            started = time.perf_counter()
            try:
                out = extract(html, url)
            except Exception:  # a baseline crashing on a page scores it empty, as upstream
                failures[label] += 1
                out = ""
            seconds[label] += time.perf_counter() - started
            counts[label].append(page_counts(gold, out))
    results: dict[str, dict[str, float]] = {}
    for label in seconds:
        p, r, f1 = aggregate(counts[label])
        results[label] = {
            "p": p,
            "r": r,
            "f1": f1,
            "seconds": seconds[label],
            "pps": len(pages) / seconds[label],
            "failures": failures[label],
        }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks/extraction.md")
    parser.add_argument("--only", nargs="*", help="run only these rows (dist names)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (the shared data sets live beside the repository)")
        return 0
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    pages = load_pages()
    ready: list[tuple[str, str, Extractor]] = []
    for label, dist, factory in EXTRACTORS:
        if args.only and dist not in args.only:
            continue
        try:
            extract = factory()
            extract(pages[0][1], pages[0][2])  # warm up imports and caches outside the timing
        except ImportError as err:
            print(f"{label}: not installed ({err})", file=sys.stderr)
            continue
        ready.append((label, dist, extract))
    results = run_all(ready, pages)
    rows = [(label, _version(dist), results[label]) for label, dist, _e in ready]
    traf = next((r for label, _v, r in rows if label.startswith("trafilatura")), None)
    lines = [
        "| extractor | version | precision | recall | F1 | pages/s | time vs trafilatura | "
        "crashes |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, version, r in sorted(rows, key=lambda row: -float(row[2]["f1"])):  # type: ignore[arg-type]
        ratio = f"{float(r['seconds']) / float(traf['seconds']):.2f}x" if traf else "-"
        lines.append(
            f"| {label} | {version} | {r['p']:.3f} | {r['r']:.3f} | **{r['f1']:.3f}** | "
            f"{r['pps']:.1f} | {ratio} | {r['failures']} |"
        )
    table = "\n".join(lines)
    print(table)
    if args.write:
        write_doc(table, len(pages))
    return 0


def write_doc(table: str, n_pages: int) -> None:
    published = "\n".join(
        f"| {name} | {f1:.3f} |" for name, f1 in sorted(PUBLISHED.items(), key=lambda kv: -kv[1])
    )
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(
        f"""# Article extraction benchmark

- Date: {date.today().isoformat()}
- Machine: 2-core x86_64 ({platform.python_implementation()} {platform.python_version()})
- Command: `.venv/bin/python benchmarks/extraction.py --write`
- Data: scrapinghub article-extraction-benchmark, {n_pages} pages (`../shared/data/extraction/
  scrapinghub-aeb`), read in place.

## Scoring

As in scrapinghub's `evaluate.py`: tokens are `\\w+` matches, compared as overlapping 4-token
shingles (multiset overlap). Each page's TP/FP/FN are normalised by their sum; precision and
recall are averaged over pages, and F1 is the harmonic mean of the averaged precision and
recall. Every extractor receives the same UTF-8 decoded page and its URL. Speed is pages per
second over the whole set in one process, one page at a time, after one warm-up page; each
page goes through every extractor in turn, so that all rows share the same machine load.

## Results (this machine, one run)

{table}

## Published figures on the same 181 pages (token F1, from the benchmark's README)

| extractor | F1 |
|---|---:|
{published}
"""
    )


if __name__ == "__main__":
    sys.exit(main())
