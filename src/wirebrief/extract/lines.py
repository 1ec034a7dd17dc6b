"""What each line of a plain-text page copy is: the headline, article body, or page chrome.

A page saved as text keeps its chrome as lines: banners, captions and photo credits, bylines and
time stamps, share and newsletter prompts, tag lists, "most read" lists, player widgets, reader
comments, wire sign-offs. They are recognised by what they are, not by strings seen before: each
line is described by its shape (length, final punctuation, capitalisation, function words,
digits and time stamps), its place in the page and its neighbours, and the kinds of cue word it
holds (`line_cues.json`: social networks, calls to action, credits, ...). A multinomial logistic
regression weighs these; it is trained by `wirebrief train lines` (fixed seed) on labelled pages
written for the project in many sites' conventions (`annotation/pages/`), and ships as
`line_model.json`, scored here without scikit-learn.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wirebrief.extract.chrome import is_caption, is_chrome_line

LABELS = ("body", "chrome", "title")
MODEL_PATH = Path(__file__).with_name("line_model.json")
CUES_PATH = Path(__file__).with_name("line_cues.json")

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TOKEN_RE = re.compile(r"\S+")
_TIME_RE = re.compile(
    r"\b\d{1,2}[:.h]\d{2}\b(?!\.\d)|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)(?=\W|$)|\bago\b",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    r"\b(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_URL_RE = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|(?:^|\s)[@#]\w", re.IGNORECASE)
_LABEL_RE = re.compile(r"^[^\W\d_][\w'’ ]{0,24}\s?[:|]\s*\S")
_DATELINE_RE = re.compile(
    r"^[A-Z][\w'’.]*(?:[ ,]+[A-Z\d][\w'’.]*){0,4}(?:\s*\([^)]{1,30}\))?\s*[—–-]+\s"
)
# "Photograph: A. Name", "Photo by ...", "Image credit:" anywhere in a line; "EFE/EPA/HANDOUT".
_CREDIT_RE = re.compile(
    r"\b(?:photo|photograph|image|picture|credit|illustration|video|footage)s?"
    r"(?:\s+(?:by|credit|courtesy))?\s*[:/]|\b(?:photo|photographs?|pictures?) by\b",
    re.IGNORECASE,
)
_SLASHES_RE = re.compile(r"\b[A-Z]{2,}(?:\s*/\s*[A-Z][\w.]*){1,}")
_SEPARATORS = "|•·›»/"
_BULLETS = ("-", "*", "•", "·", "▶", "►", ">", "–", "—", "+")


_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_END_RE = re.compile(
    r"(?<=[\w)\]\"'”’%])[.!?…][\"'”’)\]]*(?=\s|$)|[。！？][」』”）]*"
)
_LAST_WORD_RE = re.compile(r"(\w+)\W*$")
_NEXT_CHAR_RE = re.compile(r"\s*(\S)")
# Closed-class words: every English sentence of four words or more has one; a table row, a list
# of results or a line-up has none.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but that this these those which who was "
    "were is are be been has have had will would could should may might can not it its his her "
    "their they he she we as into after before over than".split()
)


def has_prose(text: str) -> bool:
    """True when the text holds at least one sentence of prose.

    A sentence here is four or more words, two of them or more in lower case, one of them a
    function word ("the", "was", "in" ...) or half of them in lower case (other languages),
    that end as a sentence ends; in a script without case, fifteen letters that end so. So a
    one-line bulletin is prose; a price table, a list of results, a line that introduces a
    table ("... provided by the exchange:"), a headline or an all-capitals flash is not.
    """
    for line in text.split("\n"):
        start = 0
        for end in _SENTENCE_END_RE.finditer(line):
            if not _ends_sentence(line, end.start(), end.end()):
                continue
            words = _LETTER_WORD_RE.findall(line[start : end.start()])
            start = end.end()
            lower = [w for w in words if w[0].islower()]
            cased = [w for w in words if w[0].islower() or w[0].isupper()]
            if len(words) >= 4 and len(lower) >= 2 and (
                not _FUNCTION_WORDS.isdisjoint(lower) or len(lower) * 2 >= len(words)
            ):
                return True
            if not cased and sum(len(w) for w in words) >= 15:  # scripts without case
                return True
    return False


def _ends_sentence(line: str, stop: int, after: int) -> bool:
    """Whether the full stop at `stop` ends a sentence: not before a number ("Nov. 29"), not
    after an initial ("M. van Wyk"), not after a short capitalised word before lower case
    ("NE. coal mine")."""
    nxt = _NEXT_CHAR_RE.match(line, after)
    following = nxt.group(1) if nxt else ""
    if following.isdigit():
        return False
    last = _LAST_WORD_RE.search(line, max(0, stop - 40), stop)
    word = last.group(1) if last else ""
    if len(word) == 1 and word.isupper():
        return False
    return not (following.islower() and word[:1].isupper() and len(word) <= 3)


@functools.cache
def _start_only() -> frozenset[str]:
    return frozenset(json.loads(CUES_PATH.read_text(encoding="utf-8")).get("_start_only", ()))


@functools.cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    cues = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    patterns: dict[str, re.Pattern[str]] = {}
    for kind, words in cues.items():
        if kind.startswith("_"):
            continue
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        patterns[kind] = re.compile(rf"(?<![\w@#])(?:{alts})(?![\w])", re.IGNORECASE)
    return patterns


def _shape(line: str) -> dict[str, float]:
    """Features of one line on its own."""
    words = _WORD_RE.findall(line)
    tokens = _TOKEN_RE.findall(line)
    n = len(words)
    f: dict[str, float] = {
        "len_log": math.log1p(len(line)) / 6,
        "words_log": math.log1p(n) / 4,
        "w0": float(n == 0),
        "w1_3": float(1 <= n <= 3),
        "w4_8": float(4 <= n <= 8),
        "w9_20": float(9 <= n <= 20),
        "w21p": float(n >= 21),
    }
    last = line.rstrip()[-1:]
    end = {".": "period", "?": "question", "!": "excl", ":": "colon", ")": "paren", "]": "paren",
           '"': "quote", "”": "quote", "’": "quote", "'": "quote", "…": "period"}.get(last)
    if end is None:
        end = "alnum" if last.isalnum() else "other"
    f[f"end_{end}"] = 1.0
    # Whether a sentence ends in the line, not how many: paragraphs run to any length.
    f["sent_end"] = float(bool(_SENTENCE_END_RE.search(line)))
    f["prose"] = float(has_prose(line))
    if n:
        f["cap_ratio"] = sum(w[0].isupper() for w in words) / n
        f["lower_ratio"] = sum(w[0].islower() for w in words) / n
        f["allcaps_ratio"] = sum(len(w) > 1 and w.isupper() for w in words) / n
        f["func_ratio"] = sum(w.lower() in _FUNCTION_WORDS for w in words) / n
        f["ed_ratio"] = sum(len(w) > 4 and w.lower().endswith("ed") for w in words) / n
    f["digit_ratio"] = sum(c.isdigit() for c in line) / max(1, len(line))
    f["time"] = float(bool(_TIME_RE.search(line)))
    f["date"] = float(bool(_DATE_RE.search(line)))
    f["year"] = float(bool(_YEAR_RE.search(line)))
    f["separators"] = min(sum(line.count(c) for c in _SEPARATORS), 4) / 4
    f["bullet"] = float(line.startswith(_BULLETS) and len(line) > 1 and line[1] == " ")
    f["paren_whole"] = float(line[:1] in "([" and last in ")]")
    f["paren_tail"] = float(last in ")]" and "(" in line[-80:] and not f["paren_whole"])
    f["url"] = float(bool(_URL_RE.search(line)))
    f["credit_label"] = float(bool(_CREDIT_RE.search(line)))
    f["agency_slashes"] = float(bool(_SLASHES_RE.search(line)))
    f["by_start"] = float(bool(re.match(r"(?i:by)\s+[A-Z]", line)))
    f["label_colon"] = float(bool(_LABEL_RE.match(line)))
    f["upper_start"] = float(line[:1].isupper())
    f["quote_start"] = float(line[:1] in "\"“‘'")
    f["dateline"] = float(bool(_DATELINE_RE.match(line)))
    # The general chrome rules of `extract.chrome`, as evidence the model weighs like any other.
    f["rule_chrome"] = float(is_chrome_line(line))
    f["rule_caption"] = float(is_caption(line))
    f["tokens_nonword"] = sum(not any(c.isalpha() for c in t) for t in tokens) / max(1, len(tokens))
    short = n <= 12
    head = " ".join(tokens[:3])
    for kind, pattern in _cue_patterns().items():
        hits = 0 if kind in _start_only() else len(pattern.findall(line))
        if hits:
            f[f"cue_{kind}_{'short' if short else 'long'}"] = min(hits, 3) / 3
            if pattern.match(head):
                f[f"cue0_{kind}"] = 1.0
    return f


def _title_shaped(line: str, f: dict[str, float]) -> bool:
    words = len(_WORD_RE.findall(line))
    return 3 <= words <= 25 and not f.get("end_period") and not f.get("end_colon") \
        and not f.get("separators") and f.get("cap_ratio", 0) > 0.2


def line_features(lines: Sequence[str]) -> list[dict[str, float] | None]:
    """Features of each line of a page (stripped lines; blank lines get None)."""
    idx = [i for i, line in enumerate(lines) if line]
    shapes = {i: _shape(lines[i]) for i in idx}
    prose = [i for i in idx if shapes[i]["prose"]]
    first_prose = prose[0] if prose else len(lines)
    last_prose = prose[-1] if prose else -1
    title_like = [i for i in idx if i < first_prose and _title_shaped(lines[i], shapes[i])]
    title_set = set(title_like)
    longest = max(title_like, key=lambda i: len(lines[i]), default=None)
    longest_len = len(lines[longest]) if longest is not None else 1
    head = [i for i in idx if i < first_prose]
    head_rank = {i: r for r, i in enumerate(head)}
    out: list[dict[str, float] | None] = [None] * len(lines)
    seen_comments = seen_signoff = False
    total = max(1, len(idx))
    for k, i in enumerate(idx):
        f = dict(shapes[i])
        prev = shapes[idx[k - 1]] if k else None
        nxt = shapes[idx[k + 1]] if k + 1 < len(idx) else None
        # Place in the page, as a share only: copies are cut anywhere, so "first line" or "last
        # lines" say little on their own.
        f["pos_rel"] = k / total
        f["before_prose"] = float(i < first_prose)
        f["after_prose"] = float(i > last_prose)
        f["title_shape"] = float(i in title_set)
        f["longest_title_shape"] = float(i == longest)
        if i in title_set:
            f["title_shape_share"] = 1 / len(title_like)
            f["title_shape_len"] = len(lines[i]) / longest_len
        if i < first_prose:
            f["head_rel"] = head_rank[i] / len(head)
            f["head_last"] = float(i == head[-1])
        for side, g in (("prev", prev), ("next", nxt)):
            if g is None:
                continue
            f[f"{side}_prose"] = g["prose"]
            f[f"{side}_short"] = g["w1_3"] + g["w4_8"]
            for kind in ("alert", "related", "comments", "credit", "byline", "time", "tags"):
                if g.get(f"cue_{kind}_short"):
                    f[f"{side}_cue_{kind}"] = 1.0
            f[f"{side}_end_period"] = g.get("end_period", 0.0)
        f["after_comments"] = float(seen_comments)
        f["after_signoff"] = float(seen_signoff)
        if shapes[i].get("cue0_comments") and shapes[i]["words_log"] < 0.55:
            seen_comments = True
        if shapes[i].get("cue0_signoff") or shapes[i].get("cue_signoff_short"):
            seen_signoff = True
        out[i] = f
    return out


@dataclass(frozen=True)
class LineModel:
    """A multinomial logistic regression over named features."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: tuple[tuple[float, ...], ...]  # one row per class
    bias: tuple[float, ...]

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in feats.items():
            j = self.index.get(name)
            if j is not None and value:
                for c, row in enumerate(self.weights):
                    scores[c] += row[j] * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self, meta: dict[str, object]) -> str:
        names = sorted(self.index, key=self.index.__getitem__)
        return json.dumps({"meta": meta, "classes": list(self.classes), "features": names,
                           "weights": [[round(w, 5) for w in row] for row in self.weights],
                           "bias": [round(b, 5) for b in self.bias]}, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LineModel:
        data = json.loads(text)
        return cls(classes=tuple(data["classes"]),
                   index={n: j for j, n in enumerate(data["features"])},
                   weights=tuple(tuple(row) for row in data["weights"]),
                   bias=tuple(data["bias"]))


@functools.cache
def load_model(path: Path = MODEL_PATH) -> LineModel:
    return LineModel.from_json(path.read_text(encoding="utf-8"))


# Cue kinds that mark chrome; "report" (said, told) marks prose, "nav" words are common in
# headings ("Defence", "World").
_CHROME_CUE_KINDS = ("social", "action", "you", "newsletter", "cookie", "app", "support", "alert",
                     "credit", "byline", "time", "widget", "related", "tags", "comments", "signoff",
                     "legal", "ad")


def has_chrome_cue(line: str) -> bool:
    """Whether a line holds a cue word of any kind of chrome (`line_cues.json`)."""
    patterns = _cue_patterns()
    return any(patterns[kind].search(line) for kind in _CHROME_CUE_KINDS if kind in patterns)


def is_comment_heading(line: str) -> bool:
    """The heading of a reader-comment section: "Comments (48)", "Join the conversation",
    "14 Responses to ...": a comment cue among its first words, and no sentence."""
    head = " ".join(_TOKEN_RE.findall(line)[:3])
    return bool(_cue_patterns()["comments"].search(head)) and not has_prose(line)


def join_wrapped(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    """Hard-wrapped paragraphs as one unit each: the paragraph's text at its first line and
    blank lines after it, and for each line the index of the unit it belongs to.

    A block of lines with no blank line between them is a wrapped paragraph when its lines
    (but the last) are long and of about one width, most of them stop mid-sentence, and the
    whole reads as prose.
    """
    units = list(lines)
    owner = list(range(len(lines)))
    block: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line:
            block.append(i)
            continue
        if len(block) >= 2:
            inner = [lines[j] for j in block[:-1]]
            open_ends = sum(not _SENTENCE_END_RE.search(x[-3:]) for x in inner)
            joined = " ".join(lines[j] for j in block)
            widest = max(len(x) for x in inner)
            if all(len(x) >= max(50, widest * 0.6) for x in inner) \
                    and open_ends * 2 >= len(inner) and has_prose(joined):
                units[block[0]] = joined
                for j in block[1:]:
                    units[j] = ""
                    owner[j] = block[0]
        block = []
    return units, owner


def classify_lines(lines: Sequence[str], model: LineModel | None = None
                   ) -> list[dict[str, float] | None]:
    """P(body), P(chrome), P(title) of each non-blank line of a page; None for blank lines.
    The lines of a hard-wrapped paragraph are classified together."""
    model = model or load_model()
    units, owner = join_wrapped(lines)
    probs = [None if f is None else model.proba(f) for f in line_features(units)]
    return [probs[owner[i]] if line else None for i, line in enumerate(lines)]
