"""The article summary every shell shows: one function, `summarize_article`.

`wirebrief brief`, `process`, `ingest` and `reanalyse` (through the pipeline), `wirebrief
summarize`, the reader's "Get a summary" and the API all call it, so the same text and the same
`SummaryOptions` give the same sentences everywhere.

Priors (`SummaryOptions.prior`):
- "none" (the default): the summarizer's own choice from the text alone.
- "domain": a sentence that carries a coded event gets +2.0 (+0.5 x the coder's confidence), and
  one that names a weapon system +0.1, on the summarizer's 0-3 score scale, so event sentences
  come first. It needs the briefing's entities and events. It is an option, not the default:
  on the CNN/DM and XSum dev sets it lowers ROUGE (docs/benchmarks/summarization.md).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from wirebrief.models import Entity, EntityType, Event, SummarySentence
from wirebrief.summarize.sentences import split_sentences
from wirebrief.summarize.summarizer import Style, summarize

__all__ = ["PRIORS", "Prior", "SummaryOptions", "as_prior", "domain_boosts", "summarize_article"]

Prior = Literal["none", "domain"]
PRIORS: tuple[str, ...] = ("none", "domain")
_PRIOR_OF: dict[str, Prior] = {"none": "none", "domain": "domain"}


def as_prior(value: str) -> Prior:
    """The summary prior a string names (a setting, a flag); ValueError for any other."""
    try:
        return _PRIOR_OF[value]
    except KeyError:
        raise ValueError(f"unknown summary prior {value!r}; one of {list(PRIORS)}") from None


@dataclass(frozen=True)
class SummaryOptions:
    """What a caller may choose about a summary; one of sentences, words or ratio sets length."""

    sentences: int | None = 3
    words: int | None = None
    ratio: float | None = None
    style: Style = "sentences"
    prior: Prior = "none"

    def __post_init__(self) -> None:
        if self.prior not in PRIORS:
            raise ValueError(f"unknown summary prior {self.prior!r}; one of {list(PRIORS)}")


# The coder's confidence from which an event nudges the "domain" summary: a little above the
# coder's own floor (0.2). At 0.2, the coder retrained on the corpus's second part let a
# conference call read as a meeting (p 0.22) push the reference article's storage plan out.
SURE_EVENT = 0.25


def domain_boosts(
    text: str,
    spans: Sequence[tuple[int, int]],
    entities: Sequence[Entity],
    events: Sequence[Event],
) -> dict[int, float]:
    """The "domain" prior: score added to each sentence (index into `spans`) for its events.

    The nudge barely depends on the coder's confidence, so that a planned (future) development
    counts as much as a reported one; weapon-system mentions add a little. Events read with
    little confidence (below `SURE_EVENT`) do not steer the summary: the coder keeps them for
    recall, but a background sentence should not displace the news.
    """
    # Sentences are sorted and do not overlap: each event and mention finds its sentences by
    # binary search (testing every event against every sentence is quadratic in the text).
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    best: dict[int, float] = {}
    for ev in events:
        if ev.confidence < SURE_EVENT:
            continue
        first = bisect.bisect_right(ends, ev.evidence.start)
        last = bisect.bisect_left(starts, ev.evidence.end)
        for i in range(first, last):
            best[i] = max(best.get(i, 0.0), 2.0 + 0.5 * ev.confidence)
    armed: set[int] = set()
    for e in entities:
        if e.type is EntityType.WEAPON_SYSTEM:
            i = bisect.bisect_right(starts, e.start) - 1
            if i >= 0 and e.start < ends[i]:
                armed.add(i)
    boosts: dict[int, float] = {}
    for i in best.keys() | armed:
        score = best.get(i, 0.0) + (0.1 if i in armed else 0.0)
        if score:
            boosts[i] = score
    return boosts


def summarize_article(
    text: str,
    options: SummaryOptions | None = None,
    *,
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    spans: list[tuple[int, int]] | None = None,
) -> list[SummarySentence]:
    """The summary of an article's clean text, verbatim sentences in article order.

    `entities` and `events` are used only by the "domain" prior; `spans` are the text's sentence
    spans when the caller has them already. Raises `SummaryTooShortError` for a text with no
    sentence.
    """
    options = options or SummaryOptions()
    if spans is None:
        spans = split_sentences(text)
    boosts = (
        domain_boosts(text, spans, entities, events) if options.prior == "domain" else None
    )
    sentences = options.sentences
    if options.words is not None or options.ratio is not None:
        sentences = None
    return summarize(
        text,
        sentences=sentences,
        words=options.words,
        ratio=options.ratio,
        style=options.style,
        spans=spans,
        boosts=boosts,
    )
