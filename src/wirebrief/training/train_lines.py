"""`wirebrief train lines`: rebuild the plain-text line classifier, reproducibly.

Reads the labelled pages in `annotation/pages/train/` (written for the project in many sites'
conventions; each non-blank line starts with its label: `T| ` headline, `B| ` body, `C| `
chrome, `R| ` a related-list title, which the classifier counts as chrome), cross-validates by
page (folds of whole pages, so a page is never both trained and tested on), picks the
regularisation from that, trains on all pages with a fixed seed and writes
`src/wirebrief/extract/line_model.json`. The held-out pages in `tests/data/pages/` are never
read here.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from wirebrief.extract.lines import LABELS, MODEL_PATH, LineModel, join_wrapped, line_features
from wirebrief.training.corpus import REPO_ROOT

SEED = 20261205
TRAIN_DIR = REPO_ROOT / "annotation" / "pages" / "train"
FOLDS = 5
C_GRID = (0.3, 1.0, 3.0)
_TAGS = {"T": "title", "B": "body", "C": "chrome", "R": "chrome"}


def read_labelled_page(text: str) -> tuple[list[str], list[str | None], list[str]]:
    """Lines of a labelled page, the classifier label of each (None when blank) and the raw
    tag of each ("T", "B", "C", "R"; "" when blank)."""
    lines: list[str] = []
    labels: list[str | None] = []
    tags: list[str] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            lines.append("")
            labels.append(None)
            tags.append("")
            continue
        tag, sep, line = raw.partition("| ")
        if not sep or tag not in _TAGS:
            raise ValueError(f"line {n}: expected 'T| ', 'B| ', 'C| ' or 'R| ': {raw!r}")
        lines.append(line.strip())
        labels.append(_TAGS[tag])
        tags.append(tag)
    return lines, labels, tags


def load_pages(folder: Path = TRAIN_DIR) -> list[tuple[str, list[str], list[str | None]]]:
    pages = []
    for path in sorted(folder.glob("*.txt")):
        lines, labels, _ = read_labelled_page(path.read_text(encoding="utf-8"))
        pages.append((path.stem, lines, labels))
    return pages


def compact(lines: Sequence[str], labels: Sequence[str | None]
            ) -> tuple[list[str], list[str | None]] | None:
    """The same page copied without blank lines (many copies come that way), or None when the
    page has hard-wrapped paragraphs, which would then run into their neighbours."""
    kept = [(ln, lab) for ln, lab in zip(lines, labels, strict=True) if ln]
    if len(kept) == len(lines) or any(
        lab == "body" and not re.search(r"[.!?\"”’)]$", ln) for ln, lab in kept
    ):
        return None
    return [ln for ln, _ in kept], [lab for _, lab in kept]


def truncated(lines: Sequence[str], labels: Sequence[str | None]
              ) -> tuple[list[str], list[str | None]] | None:
    """The page cut after its second body line, as stored excerpts of pages often are."""
    body = [i for i, lab in enumerate(labels) if lab == "body"]
    if len(body) < 3:
        return None
    return list(lines[: body[1] + 1]), list(labels[: body[1] + 1])


def _variants(page: tuple[str, list[str], list[str | None]]
              ) -> list[tuple[list[str], list[str | None]]]:
    """The page as written, then (where they apply) without blank lines, that cut short, and
    that with its paragraphs run together."""
    _, lines, labels = page
    out = [(lines, labels)]
    packed = compact(lines, labels)
    if packed:
        out.append(packed)
        cut = truncated(*packed)
        if cut:
            out.append(cut)
        out.append(merged(*packed))
    return out


def merged(lines: Sequence[str], labels: Sequence[str | None]
           ) -> tuple[list[str], list[str | None]]:
    """The page with each run of body lines as one long paragraph: copies differ in how they
    split paragraphs, and a long paragraph of many sentences is still body."""
    out_lines: list[str] = []
    out_labels: list[str | None] = []
    for line, label in zip(lines, labels, strict=True):
        if label == "body" and out_labels and out_labels[-1] == "body":
            out_lines[-1] += " " + line
        else:
            out_lines.append(line)
            out_labels.append(label)
    return out_lines, out_labels


def _rows(pages: Sequence[tuple[str, list[str], list[str | None]]]
          ) -> tuple[list[dict[str, float]], list[str], list[int]]:
    """Feature rows of every line of every page, each page also without its blank lines and
    cut short."""
    feats: list[dict[str, float]] = []
    ys: list[str] = []
    groups: list[int] = []
    for g, (lines, labels) in ((g, v) for g, p in enumerate(pages) for v in _variants(p)):
        units, _ = join_wrapped(lines)  # continuation lines of a wrapped paragraph are blank
        for f, y in zip(line_features(units), labels, strict=True):
            if f is not None and y is not None:
                feats.append(f)
                ys.append(y)
                groups.append(g)
    return feats, ys, groups


def fit(feats: Sequence[dict[str, float]], ys: Sequence[str], c: float) -> LineModel:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    names = sorted({k for f in feats for k in f})
    index = {n: j for j, n in enumerate(names)}
    x = np.zeros((len(feats), len(names)))
    for r, f in enumerate(feats):
        for k, v in f.items():
            x[r, index[k]] = v
    clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    clf.fit(x, list(ys))
    classes = tuple(str(c) for c in clf.classes_)
    assert set(classes) == set(LABELS), classes
    return LineModel(classes=classes, index=index,
                     weights=tuple(tuple(float(w) for w in row) for row in clf.coef_),
                     bias=tuple(float(b) for b in clf.intercept_))


def cross_validate(pages: Sequence[tuple[str, list[str], list[str | None]]], c: float
                   ) -> dict[str, float]:
    """Folds of whole pages (page k is in fold k mod FOLDS): line accuracy, chrome and body
    precision/recall per line, and pages whose cleaned title, chrome and body all come out
    right (`page_ok`)."""
    hits = total = 0
    tp = {lab: 0 for lab in LABELS}
    fp = {lab: 0 for lab in LABELS}
    fn = {lab: 0 for lab in LABELS}
    page_ok = compact_ok = compact_n = 0
    for k in range(FOLDS):
        train = [p for i, p in enumerate(pages) if i % FOLDS != k]
        test = [p for i, p in enumerate(pages) if i % FOLDS == k]
        feats, ys, _ = _rows(train)
        model = fit(feats, ys, c)
        tfeats, tys, _ = _rows(test)
        for f, y in zip(tfeats, tys, strict=True):
            p = model.proba(f)
            guess = max(p, key=p.__getitem__)
            hits += guess == y
            total += 1
            if guess == y:
                tp[y] += 1
            else:
                fp[guess] += 1
                fn[y] += 1
        for page in test:
            for v, (lines, labels) in enumerate(_variants(page)):
                ok = all(page_checks(lines, labels, model).values())
                page_ok += ok and not v
                compact_ok += ok and bool(v)
                compact_n += bool(v)
    out: dict[str, float] = {"line_accuracy": hits / total, "pages": len(pages),
                             "page_ok": page_ok, "compact_pages": compact_n,
                             "compact_ok": compact_ok, "C": c}
    for lab in LABELS:
        out[f"{lab}_p"] = tp[lab] / max(1, tp[lab] + fp[lab])
        out[f"{lab}_r"] = tp[lab] / max(1, tp[lab] + fn[lab])
    return out


def page_checks(lines: Sequence[str], labels: Sequence[str | None],
                model: LineModel | None = None) -> dict[str, bool]:
    """The three checks a cleaned page must pass: its title is the headline line (or none when
    the page has none), no chrome line survives in the text, every body line is in it."""
    from wirebrief.extract.text import clean_page_text

    clean = clean_page_text("\n".join(lines), model=model)
    text = " ".join(clean.text.split())
    want_title = next((ln for ln, lab in zip(lines, labels, strict=True) if lab == "title"), None)
    chrome = [ln for ln, lab in zip(lines, labels, strict=True) if lab == "chrome"]
    body = [ln for ln, lab in zip(lines, labels, strict=True) if lab == "body"]
    # A short chrome line ("Israel" in a tag list) may also be words of the body.
    leaked = [ln for ln in chrome if " ".join(ln.split()) in text
              and not any(ln in b for b in body)]
    return {
        "title": clean.title == want_title,
        "chrome": not leaked,
        "body": all(" ".join(ln.split()) in text for ln in body),
    }


def corpus_digest(folder: Path = TRAIN_DIR) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.txt")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def train(out: Path = MODEL_PATH, log: Callable[[str], None] = print) -> dict[str, float]:
    t0 = time.perf_counter()
    pages = load_pages()
    feats, ys, _ = _rows(pages)
    log(f"corpus: {len(pages)} labelled pages, {len(ys)} lines (each page also without blank "
        "lines, cut short, paragraphs merged) "
        + ", ".join(f"{lab} {ys.count(lab)}" for lab in LABELS))
    results = []
    for c in C_GRID:
        res = cross_validate(pages, c)
        results.append(res)
        log(f"{FOLDS}-fold CV by page, C={c}: line accuracy {res['line_accuracy']:.3f}, chrome "
            f"P {res['chrome_p']:.3f} R {res['chrome_r']:.3f}, body P {res['body_p']:.3f} "
            f"R {res['body_r']:.3f}, title P {res['title_p']:.3f} R {res['title_r']:.3f}; "
            f"pages passing all checks {res['page_ok']}/{res['pages']}, their variants (no blank "
            f"lines, cut short, merged) {res['compact_ok']}/{res['compact_pages']}")
    best = max(results, key=lambda r: (r["page_ok"] + r["compact_ok"], r["line_accuracy"]))
    model = fit(feats, ys, best["C"])
    meta = {"seed": SEED, "C": best["C"], "pages": len(pages), "lines": len(ys),
            "corpus": corpus_digest(), "cv": {k: round(v, 4) for k, v in best.items()},
            "trained_by": "wirebrief train lines"}
    out.write_text(model.to_json(meta), encoding="utf-8")
    log(f"wrote {out} (C={best['C']}) in {time.perf_counter() - t0:.1f} s")
    return best


if __name__ == "__main__":
    train()
