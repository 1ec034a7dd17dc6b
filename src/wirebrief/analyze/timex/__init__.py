"""A rule-based temporal tagger: finds date expressions and normalises them TIMEX3 style.

In the spirit of HeidelTime: hand-written patterns find the expressions, and normalisation rules
resolve relative ones ("yesterday", "last week", "on Tuesday", "a year earlier") against an anchor,
normally the publication date. News conventions apply: a bare weekday is the nearest one, in the
past unless the sentence talks about the future; a bare month takes the anchor's year unless the
tense says otherwise. Without a publication date, the story's first full date ("On March 3,
2023, ...") is the anchor; without either, anything that needs one keeps its unknown parts as X.

The package: `lexicon` (words, regular-expression pieces, value helpers), `resolve` (the
reading context and the resolution rules), `explicit` and `relative` (the patterns, in
priority order) and `finder` (the driver).
"""

from wirebrief.analyze.timex.finder import find_timexes, normalise_timex, story_anchor

__all__ = ["find_timexes", "normalise_timex", "story_anchor"]
