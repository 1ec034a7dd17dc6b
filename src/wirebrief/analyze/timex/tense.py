"""The tense of the clause a time expression sits in, read from the dependency parse.

The temporal tagger reads tense from words around an expression, which a sentence with two
clauses misleads ("Biden, announcing the ceasefire on Tuesday, said Israel would ..."). With a
parsed document the briefing asks the parse first: the verb that governs the expression, its
tag and its auxiliaries. Only clear cases answer; anything else falls back to the words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TenseOracle = Callable[[int, int], "str | None"]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "was", "were"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "'d"})
# Verbs whose "to" complement happens later: "plans to visit on Monday".
_FUTURE_HEADS = frozenset({"plan", "expect", "intend", "schedule", "aim", "set", "due",
                           "hope", "go", "prepare", "seek", "want"})
_CLIMB = 8


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above `tok` (itself included), within a few steps."""
    for _ in range(_CLIMB):
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _reporting_verbs() -> frozenset[str]:
    """The event lexicon's reporting verbs, imported here so that loading the date tagger does
    not load the event coder."""
    from wirebrief.analyze.events.lexicon import lexicon

    return lexicon().reporting


def verb_tense(verb: Token) -> str | None:
    """'past', 'future' or None (present, modal, unclear) for a verb and its auxiliaries."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX:
        return "future"
    if "would" in words and not words & {"have", "'ve"} and verb.dep_ == "ccomp" \
            and verb.head.tag_ == "VBD" and verb.head.lemma_.lower() in _reporting_verbs():
        # "he said the group would be trained in May": later than the saying
        return "future"
    if words & _MODAL_AUX:
        # "would have risen in October": a perfect modal speaks of the past
        return "past" if words & {"have", "'ve"} and verb.tag_ == "VBN" else None
    if any(c.lower_ == "to" for c in aux):
        head = verb.head
        if head is not verb and head.lemma_.lower() in _FUTURE_HEADS:
            return "future"
        return None
    if verb.tag_ == "VBD" or (verb.tag_ == "VBG" and words & {"was", "were"}):
        return "past"  # "met on Monday", "was referring to a decision in November"
    if verb.tag_ == "VBN" and words & _PERFECT_AUX:
        return "past"
    return None


def _present(verb: Token) -> bool:
    """A plain present ("is payable", "meet", "is calling"): no modal, no "to"."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        return not aux
    return verb.tag_ == "VBG" and bool(aux) and all(a in ("is", "are", "am", "'s", "'re")
                                                   for a in aux)


def tense_oracle(doc: Doc) -> TenseOracle:
    """A function (start, end) -> the tense of the clause around that character span: 'past',
    'future', 'present' (a plain present, which says nothing of the side) or None."""

    def tense(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        verb = governing_verb(span.root)
        if verb is None:
            return None
        found = verb_tense(verb)
        if found is None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "conj") \
                and verb.head is not verb:
            # "Biden, announcing the ceasefire on Tuesday, confirmed ...": the participle
            # takes the tense of the clause it hangs on
            head = governing_verb(verb.head)
            found = verb_tense(head) if head is not None else None
        if found is None and _present(verb):
            return "present"
        return found

    return tense
