"""The learned event coder: triggers, types, parties, modality and mode from small linear models.

For each prose sentence of a parsed article:
1. every content verb and noun is a candidate trigger; the trigger model gives it a PLOVER type
   or NONE (a sentence may state several events, or none);
2. the role model scores each mention of the sentence (names, group nouns, pronouns) as the
   event's actor, recipient or neither, from the dependency path to the trigger, voice,
   prepositions, the mention's kind and position;
3. the modality model reads future, negation, hypothetical and historical cues;
4. the mode model picks a PLOVER mode among those the type allows.
Events stated twice in the article are merged.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING

from wirebrief.analyze.countries import country_name
from wirebrief.analyze.events.candidates import (
    Mention,
    is_prose,
    mentions_in,
    names_of,
    trigger_candidates,
)
from wirebrief.analyze.events.context import CountryContext, context_features
from wirebrief.analyze.events.details import (
    attribution_of,
    contexts_of,
    date_of,
    in_sentence,
    location_of,
    speaker_of,
    weapons_of,
)
from wirebrief.analyze.events.features import (
    modality_features,
    role_features,
    sentence_features,
    sentence_name_kinds,
    token_vector,
)
from wirebrief.analyze.events.features import trigger_features as _trigger_features
from wirebrief.analyze.events.lexicon import lexicon
from wirebrief.analyze.events.merge import merge_events
from wirebrief.analyze.events.model import LinearModel, load_models
from wirebrief.models import Actor, Entity, EntityType, Event, Evidence, Explanation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MODEL_FILE = "model.npz"
NONE = "NONE"
MODES: dict[str, tuple[str, ...]] = {}  # filled from the model's metadata


@dataclass(frozen=True)
class CoderModels:
    trigger: LinearModel
    sentence: LinearModel
    role: LinearModel
    modality: LinearModel
    mode: LinearModel
    context: LinearModel
    thresholds: dict[str, float]
    modes: dict[str, tuple[str, ...]]
    version: str


@functools.cache
def load_coder() -> CoderModels:
    data = resources.files(__package__).joinpath(MODEL_FILE).read_bytes()
    models, meta = load_models(data)
    th = dict(meta.get("thresholds") or {})  # type: ignore[call-overload]
    modes = {k: tuple(v) for k, v in dict(meta.get("modes") or {}).items()}  # type: ignore[call-overload]
    version = hashlib.sha256(data).hexdigest()[:10]
    return CoderModels(models["trigger"], models["sentence"], models["role"], models["modality"], models["mode"],
                       models["context"], {k: float(v) for k, v in th.items()}, modes, version)


_OVERRIDE: list[CoderModels] = []


@contextmanager
def using_models(models: CoderModels) -> Iterator[None]:
    """Code with other models for a while (cross-validation folds in training and benchmarks)."""
    _OVERRIDE.append(models)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def current_models() -> CoderModels:
    return _OVERRIDE[-1] if _OVERRIDE else load_coder()


def coder_name() -> str:
    """The component name with the model's content hash: it changes whenever the model does."""
    return f"analyze.events.v2+{current_models().version}"


@dataclass(slots=True)
class Trigger:
    token: Token
    type: str
    p: float


def detect(sent: Span, mentions: list[Mention], taken: set[int], cm: CoderModels
           ) -> list[Trigger]:
    """Events of the sentence: types whose probability, the mean of the sentence model's and
    the best candidate word's, reaches the threshold; each anchored on its best word."""
    names = names_of(mentions, taken)
    cands = trigger_candidates(sent, taken)
    if not cands:
        return []
    kinds = sentence_name_kinds(sent, names)
    per_token = [cm.trigger.predict(_trigger_features(t, sent, names, kinds), token_vector(t))
                 for t in cands]
    per_type = cm.sentence.sigmoids(sentence_features(sent, cands, names))
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


def choose_roles(trig: Trigger, sent: Span, mentions: list[Mention], speaker: int | None,
                 cm: CoderModels) -> tuple[Mention | None, Mention | None]:
    scored = []
    for m in mentions:
        probs = cm.role.predict(role_features(trig.token, trig.type, m, sent, speaker))
        scored.append((m, probs.get("actor", 0.0), probs.get("recipient", 0.0)))
    floor_a = cm.thresholds.get("actor", 0.35)
    floor_r = cm.thresholds.get("recipient", 0.35)
    actor = max(scored, key=lambda s: s[1], default=None)
    actor_m = actor[0] if actor and actor[1] >= floor_a else None
    rest = [s for s in scored if s[0] is not actor_m
            and not (actor_m is not None and s[0].country and s[0].country == actor_m.country
                     and s[0].kind == actor_m.kind)]
    rec = max(rest, key=lambda s: s[2], default=None)
    rec_m = rec[0] if rec and rec[2] >= floor_r else None
    return actor_m, rec_m


def _aux(trig: Trigger, sent: Span, published: date | None, cm: CoderModels) -> str | None:
    probs = cm.modality.predict(modality_features(trig.token, sent,
                                                  published.year if published else None))
    best = max(probs, key=lambda c: probs[c])
    if best == NONE and trig.type != "REJECT" and _negated(trig.token):
        return "negation"
    return None if best == NONE else best


def _negated(tok: Token) -> bool:
    """Cue-based negation, beside the learned modality (the corpus has few negated events): a
    negation on the trigger itself ("has not supplied"), or an act stated inside what someone
    denies ("X denied that it had delivered ..."), read from the lexicon's denial cues. A
    REJECT carries its negation in its type and is not marked again."""
    lex = lexicon()
    if any(c.dep_ == "neg" and c.lemma_.lower() in lex.negation | {"not"} for c in tok.children):
        return True
    child = tok
    for head in list(tok.ancestors)[:3]:
        if child.dep_ in ("ccomp", "xcomp", "pobj", "pcomp") and head.lemma_.lower() in lex.denial:
            return True
        child = head
    return False


def _mode(trig: Trigger, sent: Span, names: dict[int, str], cm: CoderModels) -> str | None:
    allowed = cm.modes.get(trig.type)
    if not allowed:
        return None
    feats = _trigger_features(trig.token, sent, names)
    feats[f"type={trig.type}"] = 1.0
    probs = cm.mode.predict(feats)
    return max(allowed, key=lambda m: probs.get(m, 0.0))


_KINDS = ("state", "military", "government", "igo", "non_state", "person")


def _implicit_country(role: str, trig: Trigger, m: Mention | None, other: str | None,
                      cands: dict[str, dict[str, float]], origins: set[str], cm: CoderModels
                      ) -> str | None:
    """The country the article gives a party the sentence leaves without one."""
    best: tuple[float, str] | None = None
    for c, base in cands.items():
        f = context_features(base, role, trig.type, other, origins, c, m.kind if m else None)
        p = cm.context.predict(f).get("yes", 0.0)
        if best is None or p > best[0]:
            best = (p, c)
    if best is None or best[0] < cm.thresholds.get("context", 0.5):
        return None
    return best[1]


def _party(role: str, trig: Trigger, m: Mention | None, other: str | None,
           cands: dict[str, dict[str, float]], origins: set[str], cm: CoderModels
           ) -> Actor | None:
    if m is not None and (m.country or m.kind == "igo"):
        return Actor(text=m.text, country=m.country,
                     kind=m.kind if m.kind in _KINDS else "unknown")  # type: ignore[arg-type]
    code = _implicit_country(role, trig, m, other, cands, origins, cm)
    if m is not None and m.root.pos_ == "PRON" and code:
        # "its forces", "they": the analyst reads the country the article gives the pronoun.
        return Actor(text=country_name(code) or code, country=code, kind="state")
    if m is not None:
        return Actor(text=m.text, country=code,
                     kind=m.kind if m.kind in _KINDS else "unknown")  # type: ignore[arg-type]
    if code is None:
        return None
    return Actor(text=country_name(code) or code, country=code, kind="state")


def code_sentence(sent: Span, entities: list[Entity], published: date | None, cm: CoderModels,
                  ctx: CountryContext) -> list[Event]:
    doc = sent.doc
    ents = [e for e in entities if sent.start_char <= e.start and e.end <= sent.end_char]
    mentions, taken = mentions_in(sent, ents, doc)
    events: list[Event] = []
    if is_prose(sent):
        names = names_of(mentions, taken)
        speaker, speaker_m = speaker_of(sent, mentions)
        weapons = in_sentence(ents, sent, EntityType.WEAPON_SYSTEM)
        dates = in_sentence(ents, sent, EntityType.DATE)
        places = [e for e in ents if e.type in (EntityType.PLACE, EntityType.COUNTRY)]
        w_names, w_fams = weapons_of(weapons)
        evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char)
        contexts = contexts_of(sent, weapons)
        origins = {e.country for e in weapons if e.country}
        triggers = detect(sent, mentions, taken, cm)
        cands = ctx.candidates(sent.start_char, sent.end_char) if triggers else {}
        for trig in triggers:
            actor_m, rec_m = choose_roles(trig, sent, mentions, speaker, cm)
            actor = _party("actor", trig, actor_m, rec_m.country if rec_m else None, cands,
                           origins, cm)
            recipient = _party("recipient", trig, rec_m, actor.country if actor else None,
                               cands, origins, cm)
            events.append(Event(
                type=trig.type, mode=_mode(trig, sent, names, cm), contexts=contexts,
                actor=actor, recipient=recipient,
                weapon_systems=w_names, weapon_families=w_fams,
                location=location_of(trig.token, places), date=date_of(trig.token, dates),
                aux=_aux(trig, sent, published, cm),  # type: ignore[arg-type]
                attribution=attribution_of(speaker_m if speaker_m is not actor_m else None,
                                           sent, speaker if speaker_m is not actor_m else None),
                evidence=evidence, confidence=round(min(max(trig.p, 0.0), 1.0), 3),
                explanation=Explanation(trigger=trig.token.text,
                                        rule=f"learned trigger model: {trig.type} p={trig.p:.2f}"),
            ))
    return events


def code_events(doc: Doc, entities: list[Entity], published: date | None = None) -> list[Event]:
    """PLOVER events of a parsed article, merged across sentences."""
    cm = current_models()
    ctx = CountryContext.of(doc.text)
    events: list[Event] = []
    for sent in doc.sents:
        events += code_sentence(sent, entities, published, cm, ctx)
    return merge_events(events)


def explain_event(event: Event) -> str:
    """A one-line account of why an event was coded."""
    why = event.explanation
    head = f"{event.type}" + (f"/{event.mode}" if event.mode else "")
    if why is None:
        return head
    return f"{head}: trigger '{why.trigger}' ({why.rule})"
