"""What a snapshot digest puts first: events ranked by importance, what is disputed, who acts,
with what, and a short overview whose every sentence points at its evidence.

Importance weighs evidence rather than trusting every coded event: how many outlets report it
(corroboration), how grave its type is, how sure the coder was, and how recent it is next to
the newest event in the digest. A single report the coder doubts is left out of the ranking.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

from wirebrief.analyze.countries import country_name
from wirebrief.models import Actor
from wirebrief.stories.merge import MergedEvent, interval

# Gravity of a PLOVER type for an analyst, 0 to 1: force used first, talk last.
SEVERITY = {
    "ASSAULT": 1.0, "FIGHT": 0.95, "COERCE": 0.8, "MOBILIZE": 0.75, "AID": 0.7,
    "THREATEN": 0.7, "SANCTION": 0.65, "AGREE": 0.55, "RETREAT": 0.5, "REJECT": 0.5,
    "DEMAND": 0.45, "PROTEST": 0.45, "ACCUSE": 0.4, "DISAPPROVE": 0.4, "COOPERATE": 0.4,
    "CONCEDE": 0.4, "SUPPORT": 0.35, "CONSULT": 0.3,
}
DEFAULT_SEVERITY = 0.4
MIN_CONFIDENCE = 0.5  # below this, a single report is not ranked at all
CORROBORATION_DAYS = 30  # a report this long after (or before) the event does not corroborate
SELF_DIRECTED = 0.5  # weight of an event whose actor is its own recipient (often miscoded)
RECENCY_DAYS = 365  # an event this much older than the newest counts half
TOP_EVENTS = 12
OVERVIEW_SENTENCES = 3

_VERB = {
    "AID": "sent military aid to", "AGREE": "agreed with or pledged to",
    "COOPERATE": "cooperated with", "MOBILIZE": "moved forces against",
    "FIGHT": "fought", "ASSAULT": "attacked", "CONSULT": "held talks with",
    "THREATEN": "threatened", "DISAPPROVE": "criticised", "SANCTION": "sanctioned",
    "DEMAND": "made demands of", "REJECT": "rejected", "COERCE": "coerced",
    "RETREAT": "pulled back from", "CONCEDE": "made concessions to", "SUPPORT": "backed",
    "PROTEST": "protested against", "ACCUSE": "accused",
}
_VERB_ALONE = {"MOBILIZE": "moved forces", "FIGHT": "fought", "ASSAULT": "carried out strikes",
               "CONSULT": "held talks", "AID": "sent military aid", "COOPERATE": "cooperated",
               "AGREE": "agreed or pledged", "RETREAT": "pulled back"}


@dataclass(frozen=True)
class RankedEvent:
    rank: int
    event: MergedEvent
    importance: float
    outlets: list[str]


@dataclass(frozen=True)
class Dispute:
    claim: MergedEvent
    denial: MergedEvent


@dataclass(frozen=True)
class ActorRole:
    name: str
    as_actor: int
    as_recipient: int
    last_seen: str | None


@dataclass(frozen=True)
class OverviewSentence:
    text: str
    rank: int  # the ranked event it states, whose evidence backs it


def party(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return country_name(actor.country) or actor.country
    return actor.text or None


def outlets(event: MergedEvent) -> list[str]:
    """Distinct outlets that corroborate the event: their evidence is confidently coded and
    their article appeared within CORROBORATION_DAYS of the event (an article with no outlet
    counts as its own). A years-later mention in passing is not a report of the event, and an
    undated article cannot show it is not one: it corroborates only an undated event. The
    first report always counts."""
    day = _day(event.when)
    out = [e.source or e.article_id for e in event.evidence
           if e.confidence >= MIN_CONFIDENCE and _near(day, e.published)]
    return list(dict.fromkeys(out)) or [event.evidence[0].source or event.evidence[0].article_id
                                        ] if event.evidence else []


def _near(day: date | None, published: str | None) -> bool:
    if day is None:
        return True
    seen = _day(published)
    return seen is not None and abs((seen - day).days) <= CORROBORATION_DAYS


def _day(when: str | None) -> date | None:
    span = interval(when)
    return span[0] if span else None


def importance(event: MergedEvent, newest: date | None) -> float:
    corroboration = 1.0 + math.log2(max(1, len(outlets(event))))
    severity = SEVERITY.get(event.type, DEFAULT_SEVERITY)
    day = _day(event.when)
    age = (newest - day).days if newest and day else RECENCY_DAYS
    recency = 1.0 / (1.0 + max(0, age) / RECENCY_DAYS)
    planned = 0.7 if event.aux == "future" else 1.0
    parties = [party(event.actor), party(event.recipient)]
    self_directed = SELF_DIRECTED if parties[0] and parties[0] == parties[1] else 1.0
    return corroboration * severity * event.confidence * recency * planned * self_directed


def rank_events(events: list[MergedEvent], top: int = TOP_EVENTS) -> list[RankedEvent]:
    """Reported or planned events, most important first; doubtful single reports dropped."""
    kept = [e for e in events if e.aux in (None, "future")
            and (e.confidence >= MIN_CONFIDENCE or len(outlets(e)) > 1)]
    days = [d for e in kept if (d := _day(e.when))]
    newest = max(days) if days else None
    scored = sorted(kept, key=lambda e: (-importance(e, newest), e.when or "", e.key))
    return [RankedEvent(i + 1, e, round(importance(e, newest), 4), outlets(e))
            for i, e in enumerate(scored[:top])]


def _parties(event: MergedEvent) -> frozenset[str]:
    return frozenset(p for p in (party(event.actor), party(event.recipient)) if p)


def _compatible(a: MergedEvent, b: MergedEvent) -> bool:
    sa, sb = interval(a.when), interval(b.when)
    if sa is None or sb is None:
        return True
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def disputes(events: list[MergedEvent]) -> list[Dispute]:
    """An event reported as fact beside a report that denies it: same type, same parties,
    compatible dates, the second negated."""
    denials = [e for e in events if e.aux == "negation" and _parties(e)]
    out: list[Dispute] = []
    for claim in events:
        if claim.aux is not None or not _parties(claim):
            continue
        for denial in denials:
            if denial.type == claim.type and _parties(denial) == _parties(claim) \
                    and _compatible(claim, denial):
                out.append(Dispute(claim, denial))
                break
    out.sort(key=lambda d: (-len(outlets(d.claim)) - len(outlets(d.denial)), d.claim.key))
    return out


def actor_roles(events: list[MergedEvent]) -> list[ActorRole]:
    """Who acts and who is acted on in these events, with the last date seen in that role."""
    acting: Counter[str] = Counter()
    receiving: Counter[str] = Counter()
    last: dict[str, str] = {}
    for e in events:
        for name, counter in ((party(e.actor), acting), (party(e.recipient), receiving)):
            if name:
                counter[name] += 1
                if e.when and e.when > last.get(name, ""):
                    last[name] = e.when
    names = sorted(set(acting) | set(receiving),
                   key=lambda n: (-(acting[n] + receiving[n]), n))
    return [ActorRole(n, acting[n], receiving[n], last.get(n)) for n in names]


def event_weapons(events: list[MergedEvent]) -> list[tuple[str, int]]:
    """Weapon systems named in these events only, by how many events name them."""
    counts: Counter[str] = Counter(w for e in events for w in dict.fromkeys(e.weapon_systems))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def sentence_for(event: MergedEvent) -> str:
    """One plain sentence stating a merged event: who did what to whom, with what, when, and
    how many outlets say so."""
    who = party(event.actor) or "An unnamed party"
    whom = party(event.recipient)
    if whom and whom != who:
        verb = _VERB.get(event.type, f"took {event.type.lower()} action towards")
        text = f"{who} {verb} {whom}"
    else:
        text = f"{who} {_VERB_ALONE.get(event.type, _VERB.get(event.type, event.type.lower()))}"
    if event.aux == "future":
        text = f"Plans were reported: {text[0].lower()}{text[1:]}"
    if event.weapon_systems:
        text += f" ({', '.join(event.weapon_systems)})"
    if event.when:
        text += f" on {event.when}" if len(event.when) == 10 else f" in {event.when}"
    n = len(outlets(event))
    text += ", according to " + ("one outlet" if n == 1 else f"{n} outlets")
    return text + "."


def overview(ranked: list[RankedEvent], k: int = OVERVIEW_SENTENCES) -> list[OverviewSentence]:
    """The top events, one sentence each, most important first; repeats of the same who-did-
    what are skipped."""
    out: list[OverviewSentence] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for r in ranked:
        key = (r.event.type, _parties(r.event))
        if key in seen:
            continue
        seen.add(key)
        out.append(OverviewSentence(sentence_for(r.event), r.rank))
        if len(out) >= k:
            break
    return out
