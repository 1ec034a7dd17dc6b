"""Summaries on demand for stored articles: `summarize_article`, as in every other shell."""

from __future__ import annotations

from functools import lru_cache

from wirebrief.models import Briefing, SummarySentence
from wirebrief.summarize.article import Prior, SummaryOptions, summarize_article
from wirebrief.summarize.summarizer import Style


@lru_cache(maxsize=4096)
def _cached(article_id: str, text: str, options: SummaryOptions) -> tuple[SummarySentence, ...]:
    return tuple(summarize_article(text, options))


def summary_for(briefing: Briefing, sentences: int, style: Style = "sentences",
                prior: Prior = "none") -> list[SummarySentence]:
    """The summary `brief` and `wirebrief summarize` give this article for these options."""
    options = SummaryOptions(sentences=sentences, style=style, prior=prior)
    if prior == "none":  # from the text alone: cache by article
        return list(_cached(briefing.id, briefing.text, options))
    return summarize_article(briefing.text, options, entities=briefing.entities,
                             events=briefing.events)
