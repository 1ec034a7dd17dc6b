"""What an event carries besides its type and parties: date, place, weapons, source, contexts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wirebrief.analyze.events.candidates import Mention, char_span
from wirebrief.analyze.events.lexicon import lexicon
from wirebrief.analyze.story_time import EARLIER_REACH, anchored, is_attributive
from wirebrief.models import Attribution, Entity, EntityType, EventDate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token



def speaker_of(sent: Span, mentions: list[Mention]) -> tuple[int | None, Mention | None]:
    """The token index and mention of who the sentence says is speaking, if any."""
    lex = lexicon()
    for tok in sent:
        lem = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lem in lex.reporting:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                m = next((m for m in mentions if m.start <= subj.i < m.end), None)
                return subj.i, m
        if lem == "accord" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            pobj = next((c for c in tok.nbor().children if c.dep_ == "pobj"), None)
            if pobj is not None:
                m = next((m for m in mentions if m.start <= pobj.i < m.end), None)
                return pobj.i, m
    return None, None


# How far back a "he" or "she" who speaks looks for the person it stands for.
PRONOUN_REACH = 600
_PERSONAL = frozenset({"he", "she"})


def attribution_of(m: Mention | None, sent: Span, speaker: int | None,
                   earlier_people: Sequence[Entity] = ()) -> Attribution | None:
    """Who the sentence says is speaking. A speaking "he" or "she" is the last of
    `earlier_people` (the people the article names shortly before the sentence, in order) that
    ends before it, as a reader takes it; with no such person, the pronoun is left as written."""
    if m is not None and m.kind == "pronoun" and m.text.lower() in _PERSONAL:
        who = next((e for e in reversed(earlier_people) if e.end <= sent.start_char), None)
        if who is not None:
            return Attribution(text=who.canonical or who.text, role=who.role, country=who.country)
    if m is not None:
        e = m.entity
        return Attribution(text=m.text, role=e.role if e else None, country=m.country)
    if speaker is not None:
        tok = sent.doc[speaker]
        left = min((c.i for c in tok.subtree), default=tok.i)
        right = max((c.i for c in tok.subtree), default=tok.i)
        if right - left < 12:
            return Attribution(text=sent.doc[left:right + 1].text)
    return None


def _token_at(doc: Doc, e: Entity) -> Token | None:
    span = char_span(doc, e.start, e.end)
    return span.root if span is not None else None


def date_of(
    trig: Token, dates: list[Entity], earlier: Sequence[Entity] = (),
    sent_start: int | None = None, text: str | None = None,
) -> EventDate | None:
    """The date of the trigger's own clause, else the sentence's nearest date before the
    trigger, else one after it; a date that modifies another noun ("the 2015 nuclear deal")
    names another event and is skipped. Without one, the nearest anchored date of the
    `earlier` text (dates before the sentence, in order, within EARLIER_REACH characters) is
    taken as approximate. `sent_start` (the sentence's first character) and `text` (the
    document's text) save the work when the caller has them: `Token.sent` walks the document's
    sentences and `Doc.text` joins all its tokens."""
    best: tuple[int, Entity] | None = None
    doc = trig.doc
    if not dates and not earlier:
        return None
    if text is None:
        text = doc.text
    clause = {t.i for t in trig.subtree} | {trig.head.i}
    for e in dates:
        if e.timex is None or e.timex.timex_type not in ("DATE", "TIME"):
            continue
        tok = _token_at(doc, e)
        if tok is None:
            continue
        if tok.head.i != trig.i and is_attributive(text, e):
            continue  # "offered to revive the 2015 deal": the deal's year, not the offer's
        if tok.i in clause or tok.head.i in clause:
            score = abs(tok.i - trig.i)
        else:
            score = abs(tok.i - trig.i) + (20 if tok.i < trig.i else 40)
        if best is None or score < best[0]:
            best = (score, e)
    if best is not None:
        e = best[1]
        assert e.timex is not None
        return EventDate(value=e.timex.value, granularity=e.timex.granularity,
                         date_type="exact" if e.timex.resolved else "unresolved", text=e.text)
    if sent_start is None:
        sent_start = trig.sent.start_char
    for e in reversed(earlier):
        if sent_start - e.end > EARLIER_REACH:
            break
        if anchored(e) and not is_attributive(text, e):
            assert e.timex is not None
            return EventDate(value=e.timex.value, granularity=e.timex.granularity,
                             date_type="approximate", text=e.text)
    return None


def location_of(trig: Token, places: list[Entity]) -> str | None:
    """Where the event happened: a place in a place phrase ("in Kirkuk", "near the town of
    Samarra", "off the coast of Yemen") attached to the trigger or its clause's head first,
    else to another word of the trigger's clause ("attacked a convoy in Kirkuk"), else anywhere
    in the sentence ("Officials in Baghdad said ..."), the nearest to the trigger first. A place
    not in a place phrase (a dateline, a capital standing for its government) is none."""
    doc = trig.doc
    head = _clause_head(trig)
    best: tuple[tuple[int, int, int], Entity] | None = None
    for e in places:
        tok = _token_at(doc, e)
        if tok is None:
            continue
        found = _place_governor(tok)
        if found is None:
            continue
        gov, owner = found
        if gov.i in (trig.i, head.i):
            rank = 0
        elif _clause_head(gov).i == head.i:
            rank = 1
        else:
            rank = 2
        # A possessor names the place around another: "East Timor's capital Dili".
        key = (rank, int(owner), abs(tok.i - trig.i))
        if best is None or key < best[0]:
            best = (key, e)
    return best[1].text if best is not None else None


_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "pcomp",
                          "parataxis"})
# Words that stand inside a place phrase, under the place's own word: "the West Bank refugee
# camp", "Kirkuk and Mosul", "the town of Gorazde, Bosnia".
_INSIDE_PHRASE = frozenset({"compound", "appos", "conj", "amod", "nmod", "poss"})


def _clause_head(tok: Token) -> Token:
    """The head of the clause a word is in: the nearest verb above it (itself included) that
    heads a clause, or the sentence's root."""
    while (tok.dep_ not in _CLAUSE_DEPS and not (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"))
           and tok.head.i != tok.i):
        tok = tok.head
    return tok


def _place_governor(tok: Token) -> tuple[Token, bool] | None:
    """The word a place phrase attaches to ("attacked" in "attacked a base in Kirkuk" when the
    parser attaches "in" to the verb), through "the town of", "the coast of", and whether the
    place is a possessor in it ("Iraq's Anbar province"); None when the place is not the
    object of a place preposition."""
    owner = tok.dep_ == "poss"
    for _ in range(6):  # a place phrase nests a few "of"s at most
        while tok.dep_ in _INSIDE_PHRASE and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "pobj":
            return None
        prep = tok.head
        if prep.lower_ in lexicon().place_preps:
            return prep.head, owner
        if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PROPN") and prep.head.i != prep.i:
            tok = prep.head  # "the town of Samarra", "the coast of Yemen"
            continue
        return None
    return None


def weapons_of(weapons: list[Entity]) -> tuple[list[str], list[str]]:
    names: list[str] = []
    families: list[str] = []
    for e in weapons:
        name = e.variant or e.canonical
        if name not in names:
            names.append(name)
            families.append(e.canonical)
    return names, families


def contexts_of(sent: Span, weapons: list[Entity]) -> list[str]:
    words = lexicon().contexts
    found = {words[t.lemma_.lower()] for t in sent if t.lemma_.lower() in words}
    if weapons:
        found.add("military")
    return sorted(found)


def in_sentence(entities: list[Entity], sent: Span, kind: EntityType) -> list[Entity]:
    a, b = sent.start_char, sent.end_char
    return [e for e in entities if e.type == kind and a <= e.start and e.end <= b]
