"""Parties of an event: the role model's actor and recipient among the sentence's mentions,
and, where the sentence leaves a party without a country, the country the article gives it."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from wirebrief.analyze.countries import country_name
from wirebrief.analyze.events.candidates import Mention, Trigger
from wirebrief.analyze.events.context import context_features
from wirebrief.analyze.events.features import role_features
from wirebrief.analyze.events.model import CoderModels
from wirebrief.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span


def choose_roles(trig: Trigger, sent: Span, mentions: list[Mention], speaker: int | None,
                 cm: CoderModels) -> tuple[Mention | None, Mention | None]:
    """The (actor, recipient) pair that the role model finds most likely together: each
    mention's odds of its role against 'neither', a missing party at the floor's odds, and
    never one mention, two overlapping ones, or two of the same country and kind, in both roles."""
    floor_a = cm.thresholds.get("actor", 0.35)
    floor_r = cm.thresholds.get("recipient", 0.35)
    eps = 1e-6
    options_a: list[tuple[float, Mention | None]] = [(math.log(floor_a / (1 - floor_a)), None)]
    options_r: list[tuple[float, Mention | None]] = [(math.log(floor_r / (1 - floor_r)), None)]
    for m in mentions:
        probs = cm.role.predict(role_features(trig.token, trig.type, m, sent, speaker))
        none = max(probs.get("none", 0.0), eps)
        options_a.append((math.log(max(probs.get("actor", 0.0), eps) / none), m))
        options_r.append((math.log(max(probs.get("recipient", 0.0), eps) / none), m))
    best: tuple[float, Mention | None, Mention | None] = (-math.inf, None, None)
    for sa, a in options_a:
        for sr, r in options_r:
            if a is not None and r is not None and (
                    a.start < r.end and r.start < a.end  # one span, or one inside the other
                    or (a.country and a.country == r.country and a.kind == r.kind)):
                continue
            if sa + sr > best[0]:
                best = (sa + sr, a, r)
    return best[1], best[2]


_KINDS = ("state", "military", "government", "igo", "non_state", "person")


def _actor_kind(kind: str) -> str:
    """The party kind of a mention kind (a news outlet is a non-state body)."""
    return kind if kind in _KINDS else "non_state" if kind == "media" else "unknown"


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


def party(role: str, trig: Trigger, m: Mention | None, other: str | None,
           cands: dict[str, dict[str, float]], origins: set[str], cm: CoderModels
           ) -> Actor | None:
    if m is not None and (m.country or m.kind == "igo"
                          or (m.entity is not None and m.entity.subtype == "igo")):
        # an international organisation's officer ("UN Secretary-General Kofi Annan") speaks
        # for no country: none is borrowed from the article
        return Actor(text=m.text, country=m.country,
                     kind=_actor_kind(m.kind))  # type: ignore[arg-type]
    code = _implicit_country(role, trig, m, other, cands, origins, cm)
    if m is not None and m.root.pos_ == "PRON" and code:
        # "its forces", "they": the analyst reads the country the article gives the pronoun.
        return Actor(text=country_name(code) or code, country=code, kind="state")
    if m is not None:
        return Actor(text=m.text, country=code,
                     kind=_actor_kind(m.kind))  # type: ignore[arg-type]
    if code is None:
        return None
    return Actor(text=country_name(code) or code, country=code, kind="state")
