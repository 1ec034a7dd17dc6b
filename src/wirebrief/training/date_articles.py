"""Draw the newswire articles of the dates corpus, with their split, before any is labelled.

Usage: `python -m wirebrief.training.date_articles [--shared DIR] [--write]`

The dates corpus (`annotation/dates/`, `docs/annotation.md`, "Time expressions") first held
defense-news articles. This adds articles of `../shared/data/corpus/newswire-te3.jsonl`
(AFP and Xinhua newswire, 1997-2006), the kind of text TimeBank and AQUAINT are made of, so the
dates are also measured on newswire no rule was written against.

- Which: articles with a publication date and 600 to 2,500 characters of text (a length one
  reader labels whole), in the order of a salted hash of their id; the first `COUNT`.
- Split: an article whose group is sealed in the event corpus (`units.is_sealed`) stays sealed;
  of the others, a second salted hash seals `SEALED_SHARE`. The sealed articles' errors are
  never read; only their aggregate figures are.
- About a tenth are marked `double`: labelled twice, independently, for the agreement figure.

The list is written to `annotation/dates/newswire.json` and never redrawn once labelled.

`import` turns a reader's labels (one JSON object per article: `{"id", "timexes": [{"text",
"n", "type", "value"}]}`, "n" the occurrence of that exact text in the article, default 1) into
the corpus's standoff form: character offsets into the shared text and a hash of it, never the
text itself (`annotation/dates/newswire.<annotator>.jsonl`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from wirebrief.training.sources import read_source, shared_root
from wirebrief.training.units import is_sealed, salted_fraction

SALT = "wirebrief-newswire-dates-2026-12"
COUNT = 64
SEALED_SHARE = 0.35
DOUBLE_SHARE = 0.1
MIN_CHARS, MAX_CHARS = 600, 2500
OUT = Path(__file__).resolve().parents[3] / "annotation" / "dates" / "newswire.json"


def _fraction(key: str) -> float:
    return salted_fraction(SALT, key)


def draw(root: Path) -> dict[str, Any]:
    """The newswire articles to label, in labelling order, with their split."""
    pool = [r for r in read_source("newswire-te3", root)
            if r.published is not None and MIN_CHARS <= len(r.text) <= MAX_CHARS]
    pool.sort(key=lambda r: _fraction(r.record_id))
    articles = []
    for rec in pool[:COUNT]:
        sealed = is_sealed(rec.group) or _fraction("sealed:" + rec.record_id) < SEALED_SHARE
        articles.append({"id": rec.record_id, "sealed": sealed,
                         "double": _fraction("double:" + rec.record_id) < DOUBLE_SHARE})
    return {
        "about": ("Newswire articles (../shared/data/corpus/newswire-te3.jsonl) whose time "
                  "expressions are labelled (docs/annotation.md, 'Time expressions'), drawn by "
                  "wirebrief.training.date_articles before labelling. 'sealed': never looked "
                  "at while developing (an article sealed in annotation/split.json stays "
                  "sealed); 'double': labelled twice, independently. Order: a salted hash of "
                  "the id."),
        "source": "newswire-te3",
        "salt": SALT,
        "articles": articles,
    }


def _offsets(text: str, phrase: str, n: int) -> tuple[int, int]:
    """The offsets of the n-th occurrence (1-based) of `phrase` in `text`, as a whole word."""
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not phrase or phrase != phrase.strip() or len(starts) < n:
        raise ValueError(f"{phrase!r}: occurrence {n} not found")
    a = starts[n - 1]
    b = a + len(phrase)
    if (a > 0 and text[a - 1].isalnum()) or (b < len(text) and text[b].isalnum()):
        raise ValueError(f"{phrase!r}: occurrence {n} is inside a longer word")
    return a, b


class LabelError(ValueError):
    """A reader's label file that cannot be stored: the line and what is wrong with it."""


_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})


def import_labels(path: Path, annotator: str, root: Path,
                  listed: set[str] | None = None) -> list[dict[str, Any]]:
    """A reader's labels as standoff records, in the file's order. Every line is checked before
    anything is returned (`LabelError` names the first bad one), so a bad file stores nothing.
    `listed`: the article ids that may be labelled (those drawn), when given."""
    texts = {r.record_id: r for r in read_source("newswire-te3", root)}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc
    out = []
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            lab = json.loads(line)
            rid = str(lab["id"])
            rec = texts[rid]
            if listed is not None and rid not in listed:
                raise LabelError(f"{path}:{no}: {rid} is not one of the drawn articles")
            found = []
            for t in lab.get("timexes", []):
                if t["type"] not in _TYPES or not str(t["value"]).strip():
                    raise LabelError(f"{path}:{no}: bad type or value in {t!r}")
                found.append((_offsets(rec.text, str(t["text"]), int(t.get("n") or 1)), t))
        except LabelError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LabelError(f"{path}:{no}: {type(exc).__name__}: {exc}") from exc
        found.sort(key=lambda x: x[0])
        timexes = [{"span": [a, b], "type": str(t["type"]), "value": str(t["value"]),
                    "chrome": False} for (a, b), t in found]
        out.append({"source": "newswire-te3", "id": rec.record_id,
                    "sha": hashlib.sha256(rec.text.encode("utf-8")).hexdigest()[:16],
                    "annotator": annotator,
                    "published": rec.published.isoformat() if rec.published else None,
                    "timexes": timexes})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=None, help="The shared data folder (default ../shared).")
    ap.add_argument("--write", action="store_true", help=f"Write {OUT.name} (else print).")
    ap.add_argument("--import", dest="labels", type=Path, default=None,
                    help="A reader's labels to add as standoff (with --annotator).")
    ap.add_argument("--annotator", default=None, help="Who labelled them (annotator-N).")
    args = ap.parse_args(argv)
    if args.labels is not None:
        if not args.annotator or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", args.annotator):
            raise SystemExit("--import needs --annotator NAME (letters, digits, - and _)")
        if not OUT.exists():
            raise SystemExit(f"{OUT} is missing: draw the articles first (--write)")
        listed = {a["id"] for a in json.loads(OUT.read_text(encoding="utf-8"))["articles"]}
        try:
            recs = import_labels(args.labels, args.annotator, shared_root(args.shared), listed)
        except LabelError as exc:
            raise SystemExit(f"nothing stored: {exc}") from None
        dest = OUT.parent / f"newswire.{args.annotator}.jsonl"
        known = {json.loads(x)["id"] for x in dest.read_text(encoding="utf-8").splitlines()
                 if x.strip()} if dest.exists() else set()
        new = [r for r in recs if r["id"] not in known]
        with dest.open("a", encoding="utf-8") as fh:
            for r in new:
                fh.write(json.dumps(r) + "\n")
        print(f"{dest}: {len(new)} articles added, "
              f"{sum(len(r['timexes']) for r in new)} expressions")
        return 0
    meta = draw(shared_root(args.shared))
    text = json.dumps(meta, indent=1) + "\n"
    if args.write:
        if OUT.exists() and OUT.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{OUT} exists and differs: the list is never redrawn once labelled")
        OUT.write_text(text, encoding="utf-8")
        n_sealed = sum(a["sealed"] for a in meta["articles"])
        print(f"wrote {OUT}: {len(meta['articles'])} articles, {n_sealed} sealed")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
