"""Summaries on demand for stored articles, cached: the same call as `wirebrief summarize`."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from wirebrief.models import Briefing, SummarySentence
from wirebrief.summarize.sentences import split_sentences
from wirebrief.summarize.summarizer import summarize

Style = Literal["sentences", "bullets", "headline"]


@lru_cache(maxsize=4096)
def _cached(article_id: str, text: str, sentences: int, style: Style,
            boosts: tuple[tuple[int, float], ...]) -> tuple[SummarySentence, ...]:
    return tuple(summarize(text, sentences=sentences, style=style,
                           spans=split_sentences(text), boosts=dict(boosts)))


def _boosts(briefing: Briefing) -> tuple[tuple[int, float], ...]:
    """The pipeline's domain prior (event and weapon sentences), so lengths agree with it."""
    from wirebrief.pipeline import _sentence_boosts

    spans = split_sentences(briefing.text)
    found = _sentence_boosts(briefing.text, spans, list(briefing.entities), list(briefing.events))
    return tuple(sorted(found.items()))


def summary_for(briefing: Briefing, sentences: int, style: Style = "sentences"
                ) -> list[SummarySentence]:
    # The stored summary is what the pipeline chose at this length: reuse it as is.
    if style == "sentences" and briefing.summary and sentences == len(briefing.summary):
        return list(briefing.summary)
    return list(_cached(briefing.id, briefing.text, sentences, style, _boosts(briefing)))
