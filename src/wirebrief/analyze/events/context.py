"""The country of a party the sentence leaves implicit, learned from the article around it.

News often names a party's country only earlier in the article: "Section 144 was imposed"
(by India, the article's subject), "the minister said" (India's), "it will deliver" (the
country last named). When the role model finds no party, or a party without a country (a
person, a group noun, a pronoun), the context model scores every country the article has named
up to and in this sentence, from how often and how recently it was named, whether it leads
the article, whether it is already the other party's, and the event type and role.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from wirebrief.analyze.countries import demonym_codes_in

Feats = dict[str, float]
_LEAD_CHARS = 300


@dataclass
class CountryContext:
    """Country mentions of one article, found once (a gazetteer scan, no parse)."""

    text: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> CountryContext:
        return cls(text, sorted(demonym_codes_in(text)))

    def candidates(self, start: int, end: int) -> dict[str, Feats]:
        """Countries named before or inside the sentence [start, end), with their statistics."""
        before = [(a, c) for a, b, c in self.mentions if b <= start]
        inside = {c for a, b, c in self.mentions if start <= a and b <= end}
        counts = Counter(c for _, c in before)
        ranked = [c for c, _ in counts.most_common()]
        last = {c: a for a, c in before}
        first = self.mentions[0][2] if self.mentions else None
        lead = {c for a, _b, c in self.mentions if a < _LEAD_CHARS}
        out: dict[str, Feats] = {}
        for c in sorted(set(counts) | inside):
            n = counts.get(c, 0)
            f: Feats = {
                f"n={min(n, 6)}": 1.0,
                f"rank={min(ranked.index(c) + 1, 4) if c in counts else 0}": 1.0,
                "insent" if c in inside else "notinsent": 1.0,
            }
            if c in last:
                gap = start - last[c]
                f[f"gap={0 if gap < 200 else 1 if gap < 600 else 2 if gap < 1500 else 3}"] = 1.0
            if c == first:
                f["first"] = 1.0
            if c in lead:
                f["lead"] = 1.0
            out[c] = f
        return out


def context_features(base: Feats, role: str, etype: str, other: str | None,
                     origins: set[str], candidate: str, mention_kind: str | None) -> Feats:
    """Features of `candidate` as the country of an event's `role`."""
    f: Feats = {"bias": 1.0}
    extra = {"other" if candidate == other else "notother": 1.0}
    if candidate in origins:
        extra["weapon_origin"] = 1.0
    if mention_kind:
        extra[f"kind={mention_kind}"] = 1.0
    for name, v in {**base, **extra}.items():
        f[name] = v
        f[f"{role}|{name}"] = v
        f[f"{role}|{etype}|{name}"] = v
    return f
