"""The learned event coder: triggers, types, parties, modality and mode from small linear models.

For each prose sentence of a parsed article:
1. every content verb and noun is a candidate trigger; the trigger model gives it a PLOVER type
   or NONE (a sentence may state several events, or none);
2. the role model scores each mention of the sentence (names, group nouns, pronouns) as the
   event's actor, recipient or neither, from the dependency path to the trigger, voice,
   prepositions, the mention's kind and position;
3. the modality model reads future, negation, hypothetical and historical cues;
4. the mode model picks a PLOVER mode among those the type allows;
5. a meeting still to come is an arrangement made, and an act announced for the future is
   also a pledge made now (both AGREE, `pledges`).
Events stated twice in the article are merged.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from wirebrief.analyze.events.candidates import (
    Mention,
    Trigger,
    is_prose,
    mentions_in,
    names_of,
    trigger_candidates,
)
from wirebrief.analyze.events.context import (
    CountryContext,
    media_spans,
    place_countries,
    proper_name,
)
from wirebrief.analyze.events.details import (
    PRONOUN_REACH,
    attribution_of,
    contexts_of,
    date_of,
    in_sentence,
    location_of,
    speaker_of,
    weapons_of,
)
from wirebrief.analyze.events.features import (
    article_topic,
    sentence_features,
    sentence_name_kinds,
    token_vector,
)
from wirebrief.analyze.events.features import trigger_features as _trigger_features
from wirebrief.analyze.events.merge import merge_events
from wirebrief.analyze.events.modality import aux_of, mode_of
from wirebrief.analyze.events.model import (
    MODEL_FILE,
    NONE,
    CoderModels,
    coder_name,
    current_models,
    load_coder,
    using_models,
)
from wirebrief.analyze.events.pledges import as_scheduled, pledges_of
from wirebrief.analyze.events.roles import choose_roles, party
from wirebrief.analyze.story_time import EarlierDates
from wirebrief.models import Entity, EntityType, Event, Evidence, Explanation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["MODEL_FILE", "NONE", "CoderModels", "code_events", "coder_name", "current_models",
           "explain_event", "load_coder", "using_models"]


def detect(sent: Span, mentions: list[Mention], taken: set[int], cm: CoderModels,
           topic: dict[str, float] | None = None) -> list[Trigger]:
    """Events of the sentence: types whose probability, the mean of the sentence model's and
    the best candidate word's, reaches the threshold; each anchored on its best word."""
    names = names_of(mentions, taken)
    cands = trigger_candidates(sent, taken)
    if not cands:
        return []
    kinds = sentence_name_kinds(sent, names)
    per_token = [cm.trigger.predict(_trigger_features(t, sent, names, kinds, topic),
                                    token_vector(t)) for t in cands]
    per_type = cm.sentence.sigmoids(sentence_features(sent, cands, names, topic))
    floor = cm.thresholds.get("trigger", 0.2)
    scored = []
    for etype, p_sent in per_type.items():
        k = max(range(len(cands)), key=lambda i: per_token[i].get(etype, 0.0))
        p = (p_sent + per_token[k].get(etype, 0.0)) / 2.0
        if p >= floor:
            scored.append((p, etype, k))
    scored.sort(reverse=True)
    used: set[int] = set()
    found: list[Trigger] = []
    for p, etype, k in scored:
        if k in used:  # one word states one event: the next best word, if it is a candidate
            rest = [i for i in range(len(cands)) if i not in used]
            if not rest:
                continue
            k = max(rest, key=lambda i: per_token[i].get(etype, 0.0))
            if per_token[k].get(etype, 0.0) < 0.1:
                continue
        used.add(k)
        found.append(Trigger(cands[k], etype, p))
    found.sort(key=lambda t: t.token.i)
    return found


def code_sentence(sent: Span, entities: list[Entity], published: date | None, cm: CoderModels,
                  ctx: CountryContext, doc_dates: EarlierDates | None = None,
                  earlier_people: Sequence[Entity] = (),
                  topic: dict[str, float] | None = None) -> list[Event]:
    """The sentence's events; `entities` are the sentence's, `earlier_people` the people the
    article names shortly before it (who a speaking "he" or "she" may be)."""
    doc = sent.doc
    ents = [e for e in entities if sent.start_char <= e.start and e.end <= sent.end_char]
    mentions, taken = mentions_in(sent, ents, doc)
    events: list[Event] = []
    if is_prose(sent):
        names = names_of(mentions, taken)
        speaker, speaker_m = speaker_of(sent, mentions)
        weapons = in_sentence(ents, sent, EntityType.WEAPON_SYSTEM)
        dates = in_sentence(ents, sent, EntityType.DATE)
        earlier = doc_dates.before(sent.start_char) if doc_dates else ()
        places = [e for e in ents if e.type in (EntityType.PLACE, EntityType.COUNTRY)]
        w_names, w_fams = weapons_of(weapons)
        evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char)
        contexts = contexts_of(sent, weapons)
        origins = {e.country for e in weapons if e.country}
        triggers = detect(sent, mentions, taken, cm, topic)
        placed = place_countries(ents)
        cands = ctx.candidates(sent.start_char, sent.end_char, placed) if triggers else {}
        for trig in triggers:
            actor_m, rec_m = choose_roles(trig, sent, mentions, speaker, cm)
            actor = party("actor", trig, actor_m, rec_m.country if rec_m else None,
                          ctx.linked(cands, proper_name(actor_m)), origins, cm)
            recipient = party("recipient", trig, rec_m, actor.country if actor else None,
                              ctx.linked(cands, proper_name(rec_m)), origins, cm)
            if actor is None and recipient is None and trig.p < cm.thresholds.get("partyless", 0):
                continue  # no one acts and no one is acted on: a surer reading is needed
            events.append(Event(
                type=trig.type, mode=mode_of(trig, sent, names, cm), contexts=contexts,
                actor=actor, recipient=recipient,
                weapon_systems=w_names, weapon_families=w_fams,
                location=location_of(trig.token, places), date=date_of(trig.token, dates, earlier,
                                                               sent.start_char, ctx.text),
                aux=aux_of(trig, sent, published, cm),  # type: ignore[arg-type]
                attribution=attribution_of(speaker_m if speaker_m is not actor_m else None,
                                           sent, speaker if speaker_m is not actor_m else None,
                                           earlier_people),
                evidence=evidence, confidence=round(min(max(trig.p, 0.0), 1.0), 3),
                explanation=Explanation(trigger=trig.token.text,
                                        rule=f"learned trigger model: {trig.type} p={trig.p:.2f}"),
            ))
        events = as_scheduled(events)
        events += pledges_of(events, published)
    return events


def code_events(doc: Doc, entities: list[Entity], published: date | None = None) -> list[Event]:
    """PLOVER events of a parsed article, merged across sentences."""
    cm = current_models()
    ctx = CountryContext.of(doc.text, media_spans(entities))
    topic = article_topic(doc.text)
    events: list[Event] = []
    doc_dates = EarlierDates([e for e in entities if e.type is EntityType.DATE])
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    for sent in doc.sents:
        # the sentence's entities by binary search: scanning them all per sentence is quadratic
        lo = bisect.bisect_left(starts, sent.start_char)
        hi = bisect.bisect_left(starts, sent.end_char)
        inside = [e for e in ordered[lo:hi] if e.end <= sent.end_char]
        back = bisect.bisect_left(starts, sent.start_char - PRONOUN_REACH)
        people = [e for e in ordered[back:lo] if e.type is EntityType.PERSON]
        events += code_sentence(sent, inside, published, cm, ctx, doc_dates, people, topic)
    return merge_events(events)


def explain_event(event: Event) -> str:
    """A one-line account of why an event was coded."""
    why = event.explanation
    head = f"{event.type}" + (f"/{event.mode}" if event.mode else "")
    if why is None:
        return head
    return f"{head}: trigger '{why.trigger}' ({why.rule})"
