"""Parties of an event: the role model's actor and recipient among the sentence's mentions,
and, where the sentence leaves a party without a country, the country the article gives it."""

from __future__ import annotations

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


def party(role: str, trig: Trigger, m: Mention | None, other: str | None,
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
