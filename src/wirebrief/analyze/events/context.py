"""The country of a party the sentence leaves implicit, learned from the article around it.

News often names a party's country only earlier in the article: "Section 144 was imposed"
(by India, the article's subject), "the minister said" (India's), "it will deliver" (the
country last named). When the role model finds no party, or a party without a country (a
person, a group noun, a pronoun), the context model scores every country the article has named
up to and in this sentence, and the country of every place the sentence names ("a police
station in Kirkuk": IRQ), from how often and how recently it was named, whether it leads the
article, whether a place in the sentence lies in it, whether it is named next to another
occurrence of the party's name ("French defence minister Charles Millon" for a later "Millon"),
whether it is already the other party's, and the event type and role. A candidate that is
the other party's country is read apart (its features crossed with that fact, and with how
many countries the article names): rebels are often at home, a minister's counterpart rarely.
A country named in a stance ("pro-Russian rebels", "anti-American protesters") is not one the
article names: the rebels are not Russia's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wirebrief.analyze.countries import demonym_codes_in
from wirebrief.analyze.events.candidates import Mention
from wirebrief.analyze.org_gazetteer import find_known_organisations
from wirebrief.analyze.spans import SpanSet
from wirebrief.models import Entity, EntityType

Feats = dict[str, float]
_LEAD_CHARS = 300
_LINK_CHARS = 100  # a country named this close to a name is the name's country, likely
# "pro-Russian rebels", "anti-American protesters": a stance, not the country's presence
_STANCE_RE = re.compile(r"\b(?:pro|anti)[-\u2010\u2011]\s?$", re.IGNORECASE)


@dataclass
class CountryContext:
    """Country mentions of one article, found once (a gazetteer scan, no parse)."""

    text: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    _links: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, text: str, outlets: Iterable[tuple[int, int]] | None = None) -> CountryContext:
        """The article's country mentions, less those inside a news outlet's name
        ("Agence France-Presse reports" says nothing of France): `outlets` are the outlets'
        spans, found in `text` when not given."""
        if outlets is None:
            outlets = outlet_spans(text)
        inside = SpanSet(sorted(outlets, key=lambda span: span[0] - span[1]))  # longest first
        return cls(text, sorted(m for m in demonym_codes_in(text)
                                if not inside.overlaps(m[0], m[1])
                                and not _STANCE_RE.search(text, max(0, m[0] - 6), m[0])))

    def candidates(self, start: int, end: int, places: Sequence[tuple[int, int, str]] = ()
                   ) -> dict[str, Feats]:
        """Countries named before or inside the sentence [start, end), and the countries of the
        places (start, end, country) named inside it, with their statistics."""
        before = [(a, c) for a, b, c in self.mentions if b <= start]
        inside = {c for a, b, c in self.mentions if start <= a and b <= end}
        placed = {c for a, b, c in places if start <= a and b <= end}
        counts = Counter(c for _, c in before)
        ranked = [c for c, _ in counts.most_common()]
        last = {c: a for a, c in before}
        first = self.mentions[0][2] if self.mentions else None
        lead = {c for a, _b, c in self.mentions if a < _LEAD_CHARS}
        out: dict[str, Feats] = {}
        named = sorted(set(counts) | inside | placed)
        for c in named:
            n = counts.get(c, 0)
            f: Feats = {
                f"countries={min(len(named), 4)}": 1.0,
                f"n={min(n, 6)}": 1.0,
                f"rank={min(ranked.index(c) + 1, 4) if c in counts else 0}": 1.0,
                "insent" if c in inside else "notinsent": 1.0,
            }
            if c in last:
                gap = start - last[c]
                f[f"gap={0 if gap < 200 else 1 if gap < 600 else 2 if gap < 1500 else 3}"] = 1.0
            if c in placed:
                f["place"] = 1.0
            if c == first:
                f["first"] = 1.0
            if c in lead:
                f["lead"] = 1.0
            out[c] = f
        return out

    def linked(self, cands: dict[str, Feats], name: str | None) -> dict[str, Feats]:
        """`cands` with, for a proper name ("Millon", "Gu Wengen"), the countries the article
        names next to any occurrence of the name's last word ("French defence minister
        Charles Millon"): `link=nearest` for the closest country of an occurrence, `link=near`
        for others within reach."""
        word = name.split()[-1].removesuffix("'s").removesuffix("’s") if name else ""
        if len(word) < 3 or not word[0].isupper():
            return cands
        links = self._links.get(word)
        if links is None:
            links = self._links[word] = self._links_of(word)
        if not links:
            return cands
        out = {c: dict(f) for c, f in cands.items()}
        for c, how in links.items():
            out.setdefault(c, {"n=0": 1.0, "rank=0": 1.0, "notinsent": 1.0})[f"link={how}"] = 1.0
        return out

    def _links_of(self, word: str) -> dict[str, str]:
        links: dict[str, str] = {}
        for occ in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", self.text):
            near = sorted((max(a - occ.end(), occ.start() - b), c) for a, b, c in self.mentions
                          if max(a - occ.end(), occ.start() - b) <= _LINK_CHARS)
            for k, (_d, c) in enumerate(near):
                if k == 0:
                    links[c] = "nearest"
                else:
                    links.setdefault(c, "near")
        return links


def outlet_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the news outlets the organisation table names in `text`."""
    return [(e.start, e.end) for e in find_known_organisations(text) if e.subtype == "media"]


def media_spans(entities: Iterable[Entity]) -> list[tuple[int, int]]:
    """Spans of the news outlets among an article's entities."""
    return [(e.start, e.end) for e in entities
            if e.type is EntityType.ORGANIZATION and e.subtype == "media"]


def context_features(base: Feats, role: str, etype: str, other: str | None,
                     origins: set[str], candidate: str, mention_kind: str | None) -> Feats:
    """Features of `candidate` as the country of an event's `role`."""
    f: Feats = {"bias": 1.0}
    extra = {"other" if candidate == other else "notother": 1.0}
    if candidate in origins:
        extra["weapon_origin"] = 1.0
    if mention_kind:
        extra[f"kind={mention_kind}"] = 1.0
    if candidate == other:
        # how likely a party shares the other's country depends on how the candidate stands
        # in the article and on who the party is (rebels at home, a minister abroad)
        extra.update({f"other&{name}": v for name, v in (*base.items(), *extra.items())
                      if name != "other"})
    for name, v in {**base, **extra}.items():
        f[name] = v
        f[f"{role}|{name}"] = v
        f[f"{role}|{etype}|{name}"] = v
    return f


def place_countries(entities: Iterable[Entity]) -> list[tuple[int, int, str]]:
    """(start, end, country) of the places among `entities` that the entity layer locates."""
    return [(e.start, e.end, e.country) for e in entities
            if e.type is EntityType.PLACE and e.country]


def proper_name(m: Mention | None) -> str | None:
    """The text of a mention that is a proper name, else None."""
    return m.text if m is not None and m.root.pos_ == "PROPN" else None
