"""Candidates: the words that may state an event, and the mentions that may take part in one.

Candidates are generous on purpose (every content verb and noun of a prose sentence); the
learned trigger model decides which of them state an event and of what type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirebrief.analyze.events.lexicon import lexicon
from wirebrief.models import Entity, EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_SENTENCE_TOKENS = 120  # longer "sentences" are tables or run-ons: no events are read there
_TRIGGER_POS = frozenset({"VERB", "NOUN"})
_WORD_RE = re.compile(r"[a-z]", re.I)


@dataclass(slots=True)
class Mention:
    """A possible party: an entity, or a noun phrase naming a group, or a pronoun."""

    start: int  # token indices in the doc, end exclusive
    end: int
    root: Token
    head: Token  # the noun the mention heads or modifies ("missiles" of "Russian missiles")
    kind: str
    country: str | None
    entity: Entity | None
    text: str


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering [start, end), or None where the offsets fall between tokens."""
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except (IndexError, ValueError):
        return None
    return span if span is not None and len(span) else None


def is_prose(sent: Span) -> bool:
    n = len(sent)
    if n < 3 or n > MAX_SENTENCE_TOKENS:
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in sent) and bool(_WORD_RE.search(sent.text))


def trigger_candidates(sent: Span, taken: set[int]) -> list[Token]:
    """Content verbs and nouns of the sentence not inside a name."""
    return [t for t in sent if t.pos_ in _TRIGGER_POS and t.i not in taken and t.is_alpha
            and len(t.text) > 1]


def entity_kind(e: Entity) -> str:
    if e.type == EntityType.PERSON:
        return "person"
    if e.type == EntityType.ORGANIZATION:
        if e.subtype == "media":
            return "media"  # a news outlet: mostly the source of a report, rarely a party
        return {"armed_forces": "military", "unit": "military", "ministry": "government",
                "alliance": "igo", "igo": "igo", "government": "government"}.get(
            e.subtype or "", "non_state")
    return "state"


def _mention_head(root: Token, start: int, end: int) -> Token:
    """The noun a name modifies (Russian *missiles*), else the name's own root."""
    tok = root
    while tok.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and tok.head.i != tok.i \
            and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def mentions_in(sent: Span, ents: list[Entity], doc: Doc) -> tuple[list[Mention], set[int]]:
    """Mentions of possible parties in a sentence, and the token indices inside names."""
    out: list[Mention] = []
    taken: set[int] = set()
    for e in ents:
        if e.type is EntityType.GROUP:
            continue  # "Shiite", "Kurdish": the group noun they modify is the party, if any
        if e.type in (EntityType.DATE, EntityType.WEAPON_SYSTEM):
            span = char_span(doc, e.start, e.end)
            if span is not None:
                taken.update(range(span.start, span.end))
            continue
        span = char_span(doc, e.start, e.end)
        if span is None or span.start < sent.start or span.end > sent.end:
            continue
        taken.update(range(span.start, span.end))
        root = span.root
        out.append(Mention(span.start, span.end, root, _mention_head(root, span.start, span.end),
                           entity_kind(e), e.country, e, e.text))
    covered = set(taken)
    lex = lexicon()
    # a group noun that a state's or a leader's name modifies belongs to that state
    # ("Palestinian suicide bombers", "U.S. border patrol agents", "the Biden administration",
    # "Putin's forces"): the country of the names inside its span
    state_of = {i: m.country for m in out if m.kind in ("state", "person") and m.country
                for i in range(m.start, m.end)}
    for tok in sent:
        if tok.i in covered:
            continue
        low = tok.lower_
        kind = lex.group_heads.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if kind is None and low in lex.pronouns and tok.dep_ in ("nsubj", "nsubjpass", "poss",
                                                             "dobj", "pobj"):
            kind = "pronoun"
        if kind is None:
            continue
        left = min((c.i for c in tok.lefts if c.dep_ in ("det", "amod", "compound")),
                   default=tok.i)
        inner = {state_of[i] for i in range(left, tok.i) if i in state_of}
        country = inner.pop() if kind != "pronoun" and len(inner) == 1 else None
        out.append(Mention(left, tok.i + 1, tok, tok, kind, country, None,
                           doc[left:tok.i + 1].text))
    out.sort(key=lambda m: m.start)
    return out, taken


def names_of(mentions: list[Mention], taken: set[int]) -> dict[int, str]:
    """Token index -> the kind of name there (a mention's kind, or a weapon or date)."""
    out = {i: "weapon_or_date" for i in taken}
    for m in mentions:
        for i in range(m.start, m.end):
            out[i] = m.kind
    return out


@dataclass(slots=True)
class Trigger:
    token: Token
    type: str
    p: float
