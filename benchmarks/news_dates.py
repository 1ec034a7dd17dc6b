"""Dates on real news: the briefing's time expressions against the dates corpus.

Usage (from the repository root):
    .venv/bin/python benchmarks/news_dates.py [--write] [--no-baseline] [--errors dev]
        [--corpus defense-news|newswire-te3]

Gold: `annotation/dates/` (standoff labels of the time expressions of whole articles, labelled
by reading; `docs/annotation.md`, "Time expressions"), read in place against
`../shared/data/corpus/defense-news.jsonl` (split: the event corpus's) and
`../shared/data/corpus/newswire-te3.jsonl` (drawn and split by
`wirebrief.training.date_articles` before labelling). The **sealed** articles were never
looked at while developing, and only their aggregate figures are read here; `--errors` prints
the errors of the **development** articles only.

Scored as `benchmarks/timebank.py` scores TimeBank (lenient and strict detection, value
accuracy among detected gold expressions, value P/R/F1), per gold type, on the article's own
text: expressions labelled as page chrome (captions, credits, time stamps), which the briefing
drops by design, are left out, and so is any prediction overlapping one.

Rows: `wirebrief` is the briefing (`pipeline.brief_stream`, default options, the call that
`wirebrief process` makes) with the article's publication date; `wirebrief, no publication
date` the same without it; `tagger alone` is `find_timexes` on the raw text; dateparser's
`search_dates` is anchored on the publication date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timebank import Doc, Span, _norm, _row, baseline, briefed, ours, score  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "annotation" / "dates"
DOC = ROOT / "docs" / "benchmarks" / "news_dates.md"
KINDS = ("DATE", "TIME", "DURATION", None)


@dataclass(frozen=True)
class Corpus:
    """One labelled set of whole articles: its list of articles (with their split), the shared
    file holding their text, and the heading its tables go under."""
    key: str
    meta: str
    path: str
    title: str


CORPORA = (
    Corpus("defense-news", "articles.json", "data/corpus/defense-news.jsonl",
           "defense-news articles"),
    Corpus("newswire-te3", "newswire.json", "data/corpus/newswire-te3.jsonl",
           "newswire articles (AFP and Xinhua, 1997-2006)"),
)


def articles_meta(corpus: Corpus = CORPORA[0]) -> dict[str, Any]:
    """The corpus's list of articles and their split (`annotation/dates/<meta>`)."""
    meta: dict[str, Any] = json.loads((LABELS / corpus.meta).read_text(encoding="utf-8"))
    return meta


def sealed_article_ids(meta: dict[str, Any] | None = None) -> set[str]:
    """The articles of the sealed split (of the defense-news corpus unless `meta` is given)."""
    return {a["id"] for a in (meta or articles_meta())["articles"] if a["sealed"]}


def _texts(root: Path, corpus: Corpus) -> dict[str, dict[str, str]]:
    out = {}
    for line in (root / corpus.path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[str(r["id"])] = {"text": str(r.get("text") or ""),
                                 "published": str(r.get("published") or "")}
    return out


def load_labels(folder: Path = LABELS, source: str = "defense-news"
                ) -> dict[str, dict[str, dict[str, Any]]]:
    """article id -> annotator -> the article's labelled expressions, for one source."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("source", "defense-news") == source:
                    out.setdefault(str(rec["id"]), {})[str(rec["annotator"])] = rec
    return out


def build_docs(root: Path, corpus: Corpus = CORPORA[0]
               ) -> tuple[list[Doc], list[Doc], dict[str, list[Span]], dict[str, Any]]:
    """(development docs, sealed docs, chrome expressions per article, agreement). An article
    labelled twice is scored with the labels of the annotator who labelled more articles."""
    meta = articles_meta(corpus)
    sealed_ids = sealed_article_ids(meta)
    texts = _texts(root, corpus)
    labels = load_labels(source=corpus.key)
    counts: dict[str, int] = {}
    for per in labels.values():
        for a in per:
            counts[a] = counts.get(a, 0) + 1
    dev: list[Doc] = []
    sealed: list[Doc] = []
    chrome: dict[str, list[Span]] = {}
    pairs: list[tuple[list[Span], list[Span]]] = []
    for art in meta["articles"]:
        src = texts.get(art["id"])
        if src is None or not src["published"]:
            continue
        text = src["text"]
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        spans: dict[str, list[tuple[Span, bool]]] = {}
        for ann, rec in labels.get(art["id"], {}).items():
            if rec.get("sha") != sha:
                print(f"warning: {art['id']} ({ann}): the text changed since it was labelled",
                      file=sys.stderr)
                continue
            spans[ann] = [(Span(int(t["span"][0]), int(t["span"][1]), str(t["type"]),
                                str(t["value"]), text[int(t["span"][0]):int(t["span"][1])]),
                           bool(t.get("chrome"))) for t in rec["timexes"]]
        if not spans:
            continue
        first = max(spans, key=lambda a: (counts.get(a, 0), a))
        for other in spans:
            if other != first:
                pairs.append(([s for s, _ in spans[first]], [s for s, _ in spans[other]]))
        chrome[art["id"]] = [s for s, c in spans[first] if c]
        doc = Doc(art["id"], text, dt.date.fromisoformat(src["published"][:10]),
                  [s for s, c in spans[first] if not c])
        (sealed if art["id"] in sealed_ids else dev).append(doc)
    return dev, sealed, chrome, agreement(pairs)


def agreement(pairs: list[tuple[list[Span], list[Span]]]) -> dict[str, Any]:
    """Span-overlap F1 between two annotators, and value agreement where both marked one."""
    a_hit = b_hit = n_a = n_b = same = both = exact = 0
    for a, b in pairs:
        n_a += len(a)
        n_b += len(b)
        exact += len({(x.start, x.end) for x in a} & {(y.start, y.end) for y in b})
        a_hit += sum(any(x.start < y.end and y.start < x.end for y in b) for x in a)
        b_hit += sum(any(x.start < y.end and y.start < x.end for x in a) for y in b)
        for x in a:
            hits = [y for y in b if x.start < y.end and y.start < x.end]
            if hits:
                both += 1
                same += _norm(hits[0].value) == _norm(x.value)
    p = a_hit / n_a if n_a else 0.0
    r = b_hit / n_b if n_b else 0.0
    return {"articles": len(pairs), "expressions": [n_a, n_b],
            "span_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "exact_span_f1": 2 * exact / (n_a + n_b) if n_a + n_b else 0.0,
            "value_agreement": same / both if both else 0.0, "both": both}


def drop_chrome(preds: dict[str, list[Span]], chrome: dict[str, list[Span]]
                ) -> dict[str, list[Span]]:
    return {k: [p for p in v if not any(p.start < c.end and c.start < p.end
                                        for c in chrome.get(k, []))] for k, v in preds.items()}


def run(docs: list[Doc], chrome: dict[str, list[Span]], with_baseline: bool
        ) -> tuple[dict[str, dict[str, list[Span]]], dict[str, float]]:
    import time

    runs: dict[str, Callable[[], dict[str, list[Span]]]] = {
        "wirebrief": lambda: briefed(docs, with_dct=True),
        "wirebrief, no publication date": lambda: briefed(docs, with_dct=False),
        "tagger alone (find_timexes)": lambda: {d.name: ours(d) for d in docs},
    }
    if with_baseline:
        runs["dateparser search_dates"] = lambda: {d.name: baseline(d) for d in docs}
    results: dict[str, dict[str, list[Span]]] = {}
    timings: dict[str, float] = {}
    for name, fn in runs.items():
        t0 = time.perf_counter()
        results[name] = drop_chrome(fn(), chrome)
        timings[name] = time.perf_counter() - t0
    return results, timings


def show_errors(docs: list[Doc], preds: dict[str, list[Span]]) -> None:
    for doc in docs:
        for g in doc.gold:
            hits = [p for p in preds[doc.name] if p.start < g.end and g.start < p.end]
            ctx = doc.text[max(0, g.start - 60):g.end + 40].replace("\n", " ")
            if not hits:
                print(f"MISS {doc.name} {doc.anchor} {g.type} {g.text!r} {g.value} | {ctx}")
            elif all(_norm(p.value) != _norm(g.value) for p in hits):
                got = ", ".join(f"{p.text!r}={p.value}" for p in hits)
                print(f"VALUE {doc.name} {doc.anchor} {g.text!r} {g.value} got {got} | {ctx}")
        for p in preds[doc.name]:
            if not any(p.start < g.end and g.start < p.end for g in doc.gold):
                ctx = doc.text[max(0, p.start - 50):p.end + 30].replace("\n", " ")
                print(f"FP {doc.name} {p.type} {p.text!r} {p.value} | {ctx}")


HEADER = ("| system | gold type | gold | predicted | lenient P | lenient R | lenient F1 | "
          "strict F1 | value acc. | value P | value R | value F1 |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|")


def table(docs: list[Doc], results: dict[str, dict[str, list[Span]]]) -> str:
    rows = [_row(name, kind or "all", score(docs, preds, kind))
            for name, preds in results.items() for kind in KINDS
            if kind is None or any(g.type == kind for d in docs for g in d.gold)]
    return HEADER + "\n" + "\n".join(rows)


def corpus_section(corpus: Corpus, root: Path, with_baseline: bool,
                   timings_all: dict[str, float]) -> str:
    """The corpus's agreement and its sealed and development tables."""
    dev, sealed, chrome, agree = build_docs(root, corpus)
    parts = []
    for title, docs in (("sealed articles (never looked at; aggregate figures only)", sealed),
                        ("development articles (their errors may be read)", dev)):
        results, timings = run(docs, chrome, with_baseline)
        for k, v in timings.items():
            timings_all[k] = timings_all.get(k, 0.0) + v
        n = sum(len(d.gold) for d in docs)
        parts.append(f"### {corpus.title[0].upper()}{corpus.title[1:]}: {title}\n\n"
                     f"{len(docs)} articles, {n} expressions in the articles' own text.\n\n"
                     f"{table(docs, results)}\n")
    n_chrome = sum(len(v) for v in chrome.values())
    agreement_line = (
        f"Agreement: {agree['articles']} articles labelled twice, independently "
        f"({agree['expressions'][0]} and {agree['expressions'][1]} expressions): span-overlap "
        f"F1 {agree['span_f1']:.3f}, exact-span F1 {agree['exact_span_f1']:.3f}; on the "
        f"{agree['both']} expressions both marked, the same value for "
        f"{agree['value_agreement']:.3f}.")
    chrome_line = (f" {n_chrome} expressions on page-chrome lines (captions, credits, time "
                   "stamps) are left out of the scores, with any prediction overlapping them: "
                   "the briefing drops those lines by design." if n_chrome else "")
    return (f"## {corpus.title[0].upper()}{corpus.title[1:]}\n\n"
            f"Text: `../shared/{corpus.path}`; articles and split: "
            f"`annotation/dates/{corpus.meta}`.{chrome_line}\n\n{agreement_line}\n\n"
            + "\n".join(parts))


def _labelled(corpus: Corpus) -> bool:
    return (LABELS / corpus.meta).exists() and bool(load_labels(source=corpus.key))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(ROOT)}")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    ap.add_argument("--errors", choices=["dev"], help="print the development articles' errors")
    ap.add_argument("--corpus", choices=[c.key for c in CORPORA],
                    help="only this corpus (default: every labelled one)")
    args = ap.parse_args(argv)
    from wirebrief.training.sources import shared_root_or_skip

    root = shared_root_or_skip()
    if root is None:
        return 0
    corpora = [c for c in CORPORA if _labelled(c) and args.corpus in (None, c.key)]
    if not corpora:
        print("skipped: no labelled dates in annotation/dates/")
        return 0
    if args.errors:
        for corpus in corpora:
            dev, _sealed, chrome, _agree = build_docs(root, corpus)
            results, _t = run(dev, chrome, with_baseline=False)
            show_errors(dev, results["wirebrief"])
        return 0
    timings_all: dict[str, float] = {}
    sections = [corpus_section(c, root, not args.no_baseline, timings_all) for c in corpora]
    cmd = ".venv/bin/python benchmarks/news_dates.py --write"
    out = (
        "# Dates on real news\n\n"
        f"Measured {dt.date.today().isoformat()} on {platform.machine()} ({os.cpu_count()} "
        f"cores), Python {platform.python_version()}; command: `{cmd}`.\n\n"
        "Data: the time expressions of whole articles with a publication date, labelled by "
        "reading after `docs/annotation.md` (\"Time expressions\"), standoff in "
        "`annotation/dates/`: recent defense news, and older newswire of the kind TimeBank "
        "and AQUAINT are made of. A defense-news article's split is the event corpus's "
        "(`annotation/split.json`); the newswire articles were drawn and split by "
        "`python -m wirebrief.training.date_articles` before any was labelled (an article "
        "sealed in the event corpus stays sealed).\n\n"
        "Rows: `wirebrief` is the briefing (`pipeline.brief_stream`, default options, what "
        "`wirebrief process` returns) with the article's publication date; `wirebrief, no "
        "publication date` is the same without it; `tagger alone` is `find_timexes` on the "
        "raw page text; dateparser's `search_dates` is anchored on the publication date. "
        "Value accuracy: right values among detected gold expressions; value P/R/F1: right "
        "values over all predictions and over all gold expressions of the type.\n\n"
        + "\n".join(sections)
    )
    print(out)
    if args.write:
        DOC.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
