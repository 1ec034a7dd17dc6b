"""Training examples for the event models, built from labelled units with the coder's own code.

Each unit is parsed and its entities found exactly as `wirebrief process` would; then every
candidate trigger, every (trigger, mention) pair and every gold event becomes a row for the
trigger, role, modality and mode models. Tokens inside a gold trigger phrase other than its head
are left out (neither positive nor negative).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from wirebrief.analyze.entities import extract_entities
from wirebrief.analyze.events.candidates import (
    Mention,
    char_span,
    is_prose,
    mentions_in,
    names_of,
    trigger_candidates,
)
from wirebrief.analyze.events.coder import NONE
from wirebrief.analyze.events.context import (
    CountryContext,
    context_features,
    place_countries,
    proper_name,
)
from wirebrief.analyze.events.details import speaker_of
from wirebrief.analyze.events.features import (
    article_topic,
    modality_features,
    role_features,
    sentence_features,
    sentence_vector,
    token_vector,
    trigger_features,
)
from wirebrief.analyze.events.lexicon import lexicon
from wirebrief.training.corpus import MODES, LabelledUnit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


@dataclass
class Rows:
    feats: list[dict[str, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    vectors: list[NDArray[np.float32]] = field(default_factory=list)

    def add(self, f: dict[str, float], label: str, group: str,
            vec: NDArray[np.float32] | None = None) -> None:
        self.feats.append(f)
        self.labels.append(label)
        self.groups.append(group)
        if vec is not None:
            self.vectors.append(vec)


@dataclass
class ExampleSet:
    trigger: Rows = field(default_factory=Rows)
    role: Rows = field(default_factory=Rows)
    modality: Rows = field(default_factory=Rows)
    mode: Rows = field(default_factory=Rows)
    context: Rows = field(default_factory=Rows)
    sentence: Rows = field(default_factory=Rows)  # labels: the sentence's types joined by '|'
    trigger_sentence: list[int] = field(default_factory=list)  # sentence row of each trigger row
    role_event: list[int] = field(default_factory=list)  # which gold event each role row is of
    n_events: int = 0


def _head_token(doc: Doc, span: list[int]) -> Token | None:
    s = char_span(doc, span[0], span[1])
    if s is None:
        return None
    content = [t for t in s if t.pos_ in ("VERB", "NOUN")]
    if len(content) == 1:
        return _reported(content[0])
    return _reported(s.root)


_COMPLEMENT = ("ccomp", "xcomp", "acomp")


def _reported(tok: Token) -> Token:
    """A trigger marked on a reporting verb ("said they would boycott", a habit of the PLOVER
    gold records) stands for the verb of the clause it reports: the event is that verb's, and
    the coder reads reporting verbs as context, not as events."""
    lex = lexicon()
    if tok.lemma_.lower() not in lex.reporting:
        return tok
    cur = tok
    for _ in range(3):  # through "is willing to", "it will", "that it has"
        nxt = next((c for c in cur.children if c.dep_ in _COMPLEMENT), None)
        if nxt is None:
            return tok
        cur = nxt
        if cur.pos_ == "VERB" and cur.lemma_.lower() not in lex.reporting:
            return cur
    return tok


def _overlaps(m: Mention, span: list[int] | None, doc: Doc) -> bool:
    if not span:
        return False
    a, b = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
    return a < span[1] and span[0] < b


def _published(u: LabelledUnit) -> date | None:
    try:
        return date.fromisoformat(u.published) if u.published else None
    except ValueError:
        return None


def add_unit(ex: ExampleSet, u: LabelledUnit, doc: Doc, ctx: CountryContext | None = None
             ) -> None:
    """Rows of one labelled unit; `doc` is the unit's text parsed by the product's pipeline."""
    pub = _published(u)
    ctx = ctx or CountryContext.of(u.article or u.text)
    topic = article_topic(u.article or u.text)
    entities = extract_entities(doc, pub)
    gold_heads: dict[int, dict[str, Any]] = {}
    inside: set[int] = set()
    for ev in u.events:
        tok = _head_token(doc, ev["trigger"])
        if tok is None:
            continue
        gold_heads.setdefault(tok.i, ev)
        s = char_span(doc, ev["trigger"][0], ev["trigger"][1])
        if s is not None:
            inside.update(t.i for t in s if t.i != tok.i)
    for sent in doc.sents:
        ents = [e for e in entities if sent.start_char <= e.start and e.end <= sent.end_char]
        mentions, taken = mentions_in(sent, ents, doc)
        if not is_prose(sent):
            continue
        names = names_of(mentions, taken)
        speaker, _ = speaker_of(sent, mentions)
        cands = trigger_candidates(sent, taken)
        sent_types = sorted({ev["type"] for i, ev in gold_heads.items()
                             if sent.start <= i < sent.end})
        ex.sentence.add(sentence_features(sent, cands, names, topic), "|".join(sent_types), u.group,
                        sentence_vector(sent))
        sid = len(ex.sentence.labels) - 1
        for tok in cands:
            if tok.i in inside:
                continue
            gold = gold_heads.get(tok.i)
            vec = token_vector(tok)
            feats = trigger_features(tok, sent, names, topic=topic)
            ex.trigger.add(feats, gold["type"] if gold else NONE, u.group,
                           vec if vec is not None else np.zeros(96, np.float32))
            ex.trigger_sentence.append(sid)
            if gold is None:
                continue
            _add_event_rows(ex, u, gold, tok, sent, mentions, speaker, feats, pub)
            _add_context_rows(ex, u, gold, sent, mentions, ctx, entities)


def _add_event_rows(ex: ExampleSet, u: LabelledUnit, ev: dict[str, Any], tok: Token, sent: Span,
                    mentions: list[Mention], speaker: int | None, feats: dict[str, float],
                    pub: date | None) -> None:
    doc = sent.doc
    ex.n_events += 1
    for m in mentions:
        ex.role_event.append(ex.n_events)
        label = "none"
        if _overlaps(m, ev["actor"]["span"], doc):
            label = "actor"
        elif _overlaps(m, ev["recipient"]["span"], doc):
            label = "recipient"
        ex.role.add(role_features(tok, ev["type"], m, sent, speaker), label, u.group)
    if u.source != "plover-dev":  # the gold file does not mark modality
        ex.modality.add(modality_features(tok, sent, pub.year if pub else None),
                        ev.get("aux") or NONE, u.group)
    if ev.get("mode") and ev["type"] in MODES:
        f = {k: v for k, v in feats.items() if not k.startswith("a:")}  # as `mode_of` reads
        f[f"type={ev['type']}"] = 1.0
        ex.mode.add(f, ev["mode"], u.group)


def _add_context_rows(ex: ExampleSet, u: LabelledUnit, ev: dict[str, Any], sent: Span,
                      mentions: list[Mention], ctx: CountryContext, entities: list[Any]) -> None:
    """Rows for parties the sentence leaves without a country (as the coder meets them)."""
    doc = sent.doc
    places = [(u.start + a, u.start + b, c) for a, b, c in place_countries(entities)]
    lo, hi = u.start + sent.start_char, u.start + sent.end_char
    cands = ctx.candidates(lo, hi, places)
    origins = {e.country for e in entities if e.type.value == "WEAPON_SYSTEM" and e.country}
    for role, other_role in (("actor", "recipient"), ("recipient", "actor")):
        gold = ev[role]
        covering = [m for m in mentions if _overlaps(m, gold["span"], doc)]
        if any(m.country for m in covering):
            continue  # the role model's mention carries the country itself
        kind = covering[0].kind if covering else None
        other = ev[other_role]["country"]
        linked = ctx.linked(cands, proper_name(covering[0] if covering else None))
        for c, base in linked.items():
            f = context_features(base, role, ev["type"], other, origins, c, kind)
            ex.context.add(f, "yes" if c == gold["country"] else "no", u.group)


def build_examples(units: Iterable[LabelledUnit], nlp: Language) -> ExampleSet:
    ex = ExampleSet()
    units = list(units)
    contexts: dict[str, CountryContext] = {}
    for u, doc in zip(units, nlp.pipe((u.text for u in units), batch_size=64), strict=True):
        key = f"{u.source}/{u.record_id}"
        if key not in contexts:
            contexts[key] = CountryContext.of(u.article or u.text)
        add_unit(ex, u, doc, contexts[key])
    return ex
