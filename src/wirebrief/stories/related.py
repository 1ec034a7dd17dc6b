"""Related articles: shared rare entities, shared events and similar wording, with a reason.

Candidates come from the article's story, from articles sharing its rarest entities and from
a full-text search on its headline, so the cost does not depend on the size of the store.
Scores: TF-IDF cosine of the texts and of the IDF-weighted entity profiles, plus a bonus for
each coded event both articles report (same type, actor, recipient, weapon).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from wirebrief.analyze.countries import country_name
from wirebrief.models import Briefing, Event
from wirebrief.store.db import Store
from wirebrief.stories.features import briefing_counts, cosine, tokens
from wirebrief.stories.merge import signature
from wirebrief.stories.threads import doc_freq, features

TEXT_WEIGHT, ENTITY_WEIGHT, EVENT_BONUS = 0.55, 0.35, 0.1
RARE_KEYS = 6
PER_KEY = 200
_PHRASE = {
    "AID": "{w} deliveries to {r}", "AGREE": "{w} agreements with {r}",
    "COOPERATE": "{a}–{r} cooperation", "MOBILIZE": "{a} military moves", "FIGHT": "{a} strikes",
    "SANCTION": "{a} sanctions on {r}", "THREATEN": "{a} threats against {r}",
    "CONSULT": "{a}–{r} talks", "DISAPPROVE": "{a} criticism of {r}",
}


@dataclass(frozen=True)
class RelatedArticle:
    id: str
    external_id: str | None
    title: str | None
    score: float
    reason: str
    published: str | None = None
    source: str | None = None


_ENTITY_TYPES = {"W": "WEAPON_SYSTEM", "P": "PERSON", "O": "ORGANIZATION", "L": "PLACE",
                 "X": "OPERATION"}


def _name(key: str) -> str:
    kind, _, value = key.partition(":")
    if kind == "C":
        return country_name(value) or value
    return value


def _event_phrase(event: Event) -> str:
    actor = event.actor.country if event.actor and event.actor.country else ""
    recip = event.recipient.country if event.recipient and event.recipient.country else ""
    a = (country_name(actor) or actor) if actor else (event.actor.text if event.actor else "")
    r = (country_name(recip) or recip) if recip else (
        event.recipient.text if event.recipient else "")
    w = " and ".join(event.weapon_systems) or "arms"
    template = _PHRASE.get(event.type, "{t} events involving {a}")
    if "{r}" in template and not r:
        template = template.split(" to ")[0].split(" with ")[0].split(" on ")[0]
        template = template.split(" against ")[0].split(" of ")[0].replace("–{r}", "")
    return template.format(a=a or "the same actors", r=r, w=w, t=event.type.lower()).strip()


def _vectors(store: Store, briefing: Briefing) -> tuple[dict[str, float], dict[str, float]]:
    row = store.conn.execute("SELECT vector, entities FROM story_articles WHERE article_id = ?",
                             (briefing.id,)).fetchone()
    if row is not None:
        return json.loads(row[0]), json.loads(row[1])
    feats = features(store.conn, *briefing_counts(briefing))
    return feats.vector, feats.entities


def _candidate_ids(store: Store, briefing: Briefing, ents: dict[str, float]) -> set[str]:
    conn = store.conn
    ids: set[str] = set()
    row = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                       (briefing.id,)).fetchone()
    if row is not None:
        ids.update(r[0] for r in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? LIMIT 100", (row[0],)))
    # The heaviest entity weights are the rarest entities (IDF), the ones worth sharing.
    args: tuple[str, ...]
    for key in sorted(ents, key=lambda k: -ents[k])[:RARE_KEYS]:
        kind, _, value = key.partition(":")
        if kind == "C":
            sql, args = "type = 'COUNTRY' AND country = ?", (value,)
        elif kind in _ENTITY_TYPES:  # event keys (V:) name no entity
            sql, args = "type = ? AND canonical = ?", (_ENTITY_TYPES[kind], value)
        else:
            continue
        ids.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT article_id FROM entities WHERE {sql} LIMIT ?", (*args, PER_KEY)))
    words = [w for w in (briefing.title or "").split() if tokens(w)]
    fts = store.fts
    match = fts.query(" OR ".join(words[:12])) if words else ""
    if match:
        ids.update(r[0] for r in conn.execute(
            f"SELECT a.id FROM {fts.source} WHERE {fts.condition} "
            f"ORDER BY {fts.rank}, a.rowid LIMIT 50",
            (match,)))
    ids.discard(briefing.id)
    return ids


def related_articles(store: Store, article_id: str, k: int = 5) -> list[RelatedArticle]:
    """The `k` stored articles most related to this one (id, id prefix or external id)."""
    target = store.get(article_id)
    vec, ents = _vectors(store, target)
    own_events = {signature(e): e for e in target.events if e.aux != "historical"}
    df = doc_freq(store.conn, list(ents))
    scored: list[RelatedArticle] = []
    for cid in _candidate_ids(store, target, ents):
        other = store.get(cid)
        ovec, oents = _vectors(store, other)
        text_sim, ent_sim = cosine(vec, ovec), cosine(ents, oents)
        shared_events = [own_events[s] for s in {signature(e) for e in other.events}
                         if s in own_events]
        score = TEXT_WEIGHT * text_sim + ENTITY_WEIGHT * ent_sim + \
            EVENT_BONUS * min(2, len(shared_events))
        if score <= 0.05:
            continue
        scored.append(RelatedArticle(
            other.id, other.external_id, other.title, round(score, 4),
            _reason(vec, ovec, ents, oents, shared_events, text_sim, df),
            other.published.isoformat() if other.published else None, other.source))
    scored.sort(key=lambda r: (-r.score, r.id))
    return scored[:k]


def _reason(vec: dict[str, float], ovec: dict[str, float], ents: dict[str, float],
            oents: dict[str, float], shared: list[Event], text_sim: float,
            df: dict[str, int]) -> str:
    dup = "near-duplicate, " if text_sim >= 0.75 else ""
    # An event says what both are about only when it names a weapon or a recipient.
    shared = [e for e in shared if e.weapon_systems or (e.recipient and e.recipient.country)]
    if shared:
        best = max(shared, key=lambda e: (bool(e.weapon_systems), e.confidence))
        return f"{dup}both about {_event_phrase(best)}"
    if dup:
        return "near-duplicate: the same report in other words"
    # Rarest shared entities first: "Iskander-M" says more than "Russia".
    common = sorted((k for k in ents.keys() & oents.keys() if not k.startswith("V:")),
                    key=lambda k: (df.get(k, 0), -ents[k], k))
    names = [_name(key) for key in common[:3]]
    if names:
        return "both mention " + _join(names)
    terms = Counter({t: vec[t] * ovec[t] for t in vec.keys() & ovec.keys()})
    return "similar wording: " + ", ".join(t for t, _ in terms.most_common(4))


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
