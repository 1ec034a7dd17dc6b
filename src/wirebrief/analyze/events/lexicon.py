"""The event lexicons, read once from `lexicon.json` (data, not code).

Lexicon hits are features of the learned coder: a trigger word listed as AID makes AID more
likely by a weight learned from the corpus; it decides nothing alone.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[str, str | None]]
    nouns: dict[str, tuple[str, str | None]]
    phrases: dict[str, tuple[str, str | None]]
    phrasal: dict[str, tuple[str, str | None]]
    reporting: frozenset[str]
    future: frozenset[str]
    pledged: frozenset[str]  # types whose announcement for the future is also a pledge
    scheduled: frozenset[str]  # types that, still to come, are an arrangement made: AGREE
    hypothetical: frozenset[str]
    negation: frozenset[str]
    denial: frozenset[str]
    historical: frozenset[str]
    light_verbs: frozenset[str]
    contexts: dict[str, str]
    group_heads: dict[str, str]  # head noun -> the kind of party it names
    pronouns: frozenset[str]
    place_preps: frozenset[str]

    def word_type(self, lemma: str) -> tuple[str, str | None] | None:
        return self.verbs.get(lemma) or self.nouns.get(lemma)


def _pairs(raw: dict[str, list[str | None]]) -> dict[str, tuple[str, str | None]]:
    return {k: (str(v[0]), v[1]) for k, v in raw.items()}


@functools.cache
def lexicon() -> Lexicon:
    raw = json.loads(resources.files(__package__).joinpath("lexicon.json").read_text("utf-8"))
    return Lexicon(
        verbs=_pairs(raw["verb_triggers"]),
        nouns=_pairs(raw["noun_triggers"]),
        phrases=_pairs(raw["phrases"]),
        phrasal=_pairs(raw["phrasal_verbs"]),
        reporting=frozenset(raw["reporting_verbs"]),
        future=frozenset(raw["future_cues"]),
        pledged=frozenset(raw["pledged_types"]),
        scheduled=frozenset(raw.get("scheduled_types", ())),
        hypothetical=frozenset(raw["hypothetical_cues"]),
        negation=frozenset(raw["negation_cues"]),
        denial=frozenset(raw["denial_cues"]),
        historical=frozenset(raw["historical_cues"]),
        light_verbs=frozenset(raw["light_verbs"]),
        contexts=dict(raw["context_words"]),
        group_heads={w: kind for kind, words in raw["group_heads"].items() for w in words},
        pronouns=frozenset(raw["party_pronouns"]),
        place_preps=frozenset(raw["place_prepositions"]),
    )
