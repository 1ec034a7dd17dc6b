"""Modality (future, negation, hypothetical, historical) and PLOVER mode of a coded event."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from wirebrief.analyze.events.candidates import Trigger
from wirebrief.analyze.events.features import modality_features, trigger_features
from wirebrief.analyze.events.lexicon import lexicon
from wirebrief.analyze.events.model import NONE, CoderModels

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def aux_of(trig: Trigger, sent: Span, published: date | None, cm: CoderModels) -> str | None:
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


def mode_of(trig: Trigger, sent: Span, names: dict[int, str], cm: CoderModels) -> str | None:
    allowed = cm.modes.get(trig.type)
    if not allowed:
        return None
    feats = trigger_features(trig.token, sent, names)
    feats[f"type={trig.type}"] = 1.0
    probs = cm.mode.predict(feats)
    return max(allowed, key=lambda m: probs.get(m, 0.0))
