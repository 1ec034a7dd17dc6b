"""Cheap article features shared by story threading, related articles and digests.

An article is described by two sparse vectors: stemmed content words (TF-IDF) and entity keys
(`C:BLR`, `W:Iskander-M`, `P:Viktor Khrenin`, `O:NATO`, `L:Minsk`), both weighted by rarity.
Document frequencies live in the `story_df` table and grow as articles are placed, so IDF
reflects the store, not a fixed background corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from wirebrief.models import Briefing, Entity, EntityType, Event

Vector = dict[str, float]

# How much of each vector is kept: enough to compare, small enough to store per article.
ARTICLE_TERMS = 80
ARTICLE_ENTITIES = 40
TEXT_CHARS = 6000  # news puts its substance first; long tails add noise and time

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'-]*[A-Za-z0-9]|[A-Za-z]")
_STOP_WORDS = """
a about above after again against all also although am among an and any are aren't around as
at be because been before being below between both but by can could did do does doing down
during each even ever every few for from further had has have having he her here hers herself
him himself his how however i if in into is it its itself just last later least less like made
make many may me meanwhile might more most mr mrs ms much must my near new no nor not now of off
on once one only or other others our ours out over own per put said same say says she should
since so some such than that the their theirs them themselves then there these they this those
though three through thus to told too two under until up upon us very via was we week were what
when where whether which while who whom whose why will with within without would year years yet
you your yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december percent
according added including people time first second another still told reporters statement
"""
_STOP = frozenset(_STOP_WORDS.split())

_ENTITY_PREFIX = {
    EntityType.COUNTRY: "C",
    EntityType.WEAPON_SYSTEM: "W",
    EntityType.PERSON: "P",
    EntityType.ORGANIZATION: "O",
    EntityType.PLACE: "L",
    EntityType.OPERATION: "X",
}


def stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'delivers'/'delivered'/'deliveries'."""
    w = word.lower().replace("'s", "").strip("'-")
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            if suffix == "es" and not w.endswith(("ses", "xes", "ches", "shes")):
                return w[:-1]
            return w[: len(w) - len(suffix)] + repl
    return w


def tokens(text: str) -> list[str]:
    """Stemmed content words of a text (stop words and very short words dropped)."""
    out: list[str] = []
    for match in _WORD_RE.finditer(text):
        word = match.group().lower()
        if len(word) < 3 or word in _STOP:
            continue
        out.append(stem(word))
    return out


def term_counts(title: str | None, text: str) -> Counter[str]:
    """Term frequencies of an article; the headline counts double (it names the story)."""
    counts = Counter(tokens(text[:TEXT_CHARS]))
    for term in tokens(title or ""):
        counts[term] += 2
    return counts


def entity_key(entity: Entity) -> str | None:
    prefix = _ENTITY_PREFIX.get(entity.type)
    if prefix is None or entity.source == "dateline":
        return None  # where a story was filed says nothing of which story it is
    if entity.type is EntityType.COUNTRY and entity.country:
        return f"C:{entity.country}"
    return f"{prefix}:{entity.canonical}"


def entity_counts(entities: Iterable[Entity]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for entity in entities:
        key = entity_key(entity)
        if key is not None:
            counts[key] += 1
    return counts


def idf(df: int, n_docs: int) -> float:
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def weigh(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int, keep: int) -> Vector:
    """Log-TF x IDF, the `keep` heaviest entries, unit length."""
    weights = {k: (1.0 + math.log(c)) * idf(df.get(k, 0), n_docs)
               for k, c in counts.items() if c > 0}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    return normalise(dict(top))


def normalise(vec: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {k: v / norm for k, v in vec.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (either may be unnormalised)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def add_into(total: dict[str, float], vec: Mapping[str, float], keep: int) -> dict[str, float]:
    """Sum `vec` into a centroid and keep its `keep` heaviest entries (bounded profile size)."""
    for k, v in vec.items():
        total[k] = total.get(k, 0.0) + v
    if len(total) > keep:
        total = dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
    return total


EVENT_CONFIDENCE = 0.5  # events the coder is less sure of say nothing about the story
_UNREAL = {"negation", "hypothetical"}


def event_counts(events: Iterable[Event]) -> Counter[str]:
    """Who did what to whom: `V:AID:USA>UKR` per confident, asserted event. Two reports of one
    event share these keys whatever their wording; the same actors doing something else (a
    promise, then a delivery) do not."""
    counts: Counter[str] = Counter()
    for event in events:
        if event.confidence < EVENT_CONFIDENCE or event.aux in _UNREAL:
            continue
        actor = event.actor.country if event.actor else None
        recipient = event.recipient.country if event.recipient else None
        if actor is None and recipient is None:
            continue
        counts[f"V:{event.type}:{actor or '?'}>{recipient or '?'}"] += 1
    return counts


def briefing_counts(briefing: Briefing) -> tuple[Counter[str], Counter[str]]:
    """Term counts, and entity plus event keys, of an article."""
    ents = entity_counts(briefing.entities)
    ents.update(event_counts(briefing.events))
    return term_counts(briefing.title, briefing.text), ents
