"""Features of triggers, of (trigger, mention) pairs and of modality, from spaCy's parse.

Every feature is a string with value 1.0 (sparse); the trigger model also takes the token's
tok2vec vector (dense). Features are built the same way at training and at run time: the
training code calls these functions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from wirebrief.analyze.events.candidates import Mention
from wirebrief.analyze.events.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Feats = dict[str, float]
_SUBJ = ("nsubj", "nsubjpass", "csubj", "agent")
_OBJ = ("dobj", "attr", "oprd", "dative")


def _lex_type(lemma: str) -> str | None:
    hit = lexicon().word_type(lemma)
    return hit[0] if hit else None


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def sentence_name_kinds(sent: Span, names: dict[int, str]) -> frozenset[str]:
    return frozenset(names[i] for i in range(sent.start, sent.end) if i in names)


def trigger_features(tok: Token, sent: Span, names: dict[int, str],
                     kinds: frozenset[str] | None = None, topic: Feats | None = None) -> Feats:
    """Features of one candidate trigger; `names` maps token index to the kind of name there,
    `kinds` is the sentence's set of name kinds (computed here when not given), `topic` the
    article's event vocabulary (`article_topic`)."""
    lex = lexicon()
    f: Feats = {}
    lem = _lemma(tok)

    def add(name: str) -> None:
        f[name] = 1.0

    add(f"l={lem}")
    add(f"pos={tok.pos_}")
    add(f"tag={tok.tag_}")
    add(f"dep={tok.dep_}")
    add(f"l|dep={lem}|{tok.dep_}")
    hit = lex.word_type(lem)
    if hit:
        add(f"lex={hit[0]}")
        add(f"lex|pos={hit[0]}|{tok.pos_}")
    if lem in lex.reporting:
        add("reporting")
    if lem in lex.light_verbs:
        add("light")
    for c in tok.children:
        cl = _lemma(c)
        if c.dep_ in _OBJ:
            add(f"obj={cl}")
            add(f"l+obj={lem}_{cl}")
            ph = lex.phrases.get(f"{lem} {cl}")
            if ph:
                add(f"plex={ph[0]}")
            if c.i in names:
                add(f"objname={names[c.i]}")
        elif c.dep_ == "prt":
            add(f"l+prt={lem}_{cl}")
            ph = lex.phrasal.get(f"{lem} {cl}")
            if ph:
                add(f"plex={ph[0]}")
        elif c.dep_ == "prep":
            add(f"prep={cl}")
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                add(f"prep:{cl}={_lemma(pobj)}")
                if pobj.i in names:
                    add(f"prep:{cl}=name:{names[pobj.i]}")
        elif c.dep_ in _SUBJ:
            add(f"subj={cl}")
            add(f"subjname={names.get(c.i, 'none')}")
            if c.dep_ == "nsubjpass":
                add("passive")
        elif c.dep_ == "neg":
            add("neg")
        elif c.dep_ in ("aux", "auxpass"):
            add(f"aux={cl}")
        elif c.dep_ == "xcomp":
            add(f"xcomp={cl}")
            t2 = _lex_type(cl)
            if t2:
                add(f"xlex={t2}")
        elif c.dep_ in ("compound", "amod"):
            add(f"mod={cl}")
            if c.i in names:
                add(f"modname={names[c.i]}")
        elif c.dep_ == "det":
            add(f"det={cl}")
        elif c.dep_ == "poss":
            add(f"poss={names.get(c.i, 'word')}")
        elif c.dep_ == "nummod":
            add("counted")
    head = tok.head
    if head.i != tok.i:
        hl = _lemma(head)
        add(f"h={hl}")
        add(f"hdep={tok.dep_}>{head.pos_}")
        add(f"h+l={hl}_{lem}")
        t2 = _lex_type(hl)
        if t2:
            add(f"hlex={t2}")
        ph = lex.phrases.get(f"{hl} {lem}")
        if ph and tok.dep_ in _OBJ:
            add(f"hplex={ph[0]}")
        if hl in lex.reporting:
            add("under_reporting")
        if tok.dep_ == "xcomp":
            add(f"gov={hl}")
    if tok.dep_ == "relcl" or any(a.dep_ == "relcl" for a in tok.ancestors):
        add("in_relcl")
    i = tok.i
    doc = tok.doc
    if i > sent.start:
        add(f"p1={_lemma(doc[i - 1])}")
    if i + 1 < sent.end:
        add(f"n1={_lemma(doc[i + 1])}")
    if kinds is None:
        kinds = sentence_name_kinds(sent, names)
    for k in sorted(kinds):
        add(f"s:name={k}")
    n_states = sum(1 for k in kinds if k == "state")
    add(f"s:states={min(n_states, 2)}")
    if _future_cue(tok):
        add("m=future")
        add(f"lex|m={hit[0] if hit else 'none'}|future")
    if topic and hit:
        for k in topic:
            add(f"{k}|lex={hit[0]}")
    add("bias")
    return f


_WORD = re.compile(r"[a-z]+")


def _word_type(word: str) -> str | None:
    """The lexicon type of a running-text word form, by its lemma guessed from its ending
    ("armies" is "army", never "arm"; "planned" is "plan"; "raging" is "rage")."""
    lex = lexicon()
    bases = [word]
    if word.endswith("ies"):
        bases.append(word[:-3] + "y")
    elif word.endswith("es"):
        bases += [word[:-1], word[:-2]]
    elif word.endswith("s") and not word.endswith("ss"):
        bases.append(word[:-1])
    elif word.endswith("ed"):
        bases += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            bases.append(word[:-3])
    elif word.endswith("ing"):
        bases += [word[:-3], word[:-3] + "e"]
        if len(word) > 5 and word[-4] == word[-5]:
            bases.append(word[:-4])
    for base in bases:
        hit = lex.word_type(base) if len(base) > 2 else None
        if hit:
            return hit[0]
    return None


# 5-fold CV (2026-12-07), corpus event F1 first two parts / third / fourth, PLOVER type: share
# 0.15: 0.398 / 0.423 / 0.465, 0.744; 0.25: 0.401 / 0.426 / 0.463, 0.750; 0.35: 0.398 / 0.436 /
# 0.449, 0.744 (without the feature: 0.400 / 0.434 / 0.426, 0.720).
TOPIC_SHARE = 0.25


def article_topic(text: str, limit: int = 200_000) -> Feats:
    """The article's event vocabulary: the PLOVER types that make up `TOPIC_SHARE` or more of
    the lexicon words in its text (a war story's "attack" is likelier combat than an assault).
    The same text-only reading at training and run time; a lone sentence is its own article."""
    counts: dict[str, int] = {}
    for m in _WORD.finditer(text[:limit].lower()):
        t = _word_type(m.group())
        if t:
            counts[t] = counts.get(t, 0) + 1
    n = sum(counts.values())
    if not n:
        return {"a:none": 1.0}
    return {f"a:{t}": 1.0 for t, c in counts.items() if c / n >= TOPIC_SHARE}


def _future_cue(tok: Token) -> bool:
    """A future cue on the trigger or on up to three heads above it ("will hold talks", "is due
    to visit", "plans to meet"): the guide codes a scheduled meeting as AGREE and a held one as
    CONSULT, so the type depends on it (5-fold CV, 2026-12-07: corpus type accuracy 0.600 ->
    0.605, event F1 0.395 -> 0.399, PLOVER type unchanged; negation and hypothetical cues added
    nothing more)."""
    lex = lexicon()
    for depth, t in enumerate([tok, *list(tok.ancestors)[:3]]):
        if depth and _lemma(t) in lex.future:
            return True
        if any(c.dep_ in _CUE_DEPS and _lemma(c) in lex.future for c in t.children):
            return True
    return False


_CUE_DEPS = ("aux", "auxpass", "mark", "advmod", "neg")


def token_vector(tok: Token) -> NDArray[np.float32] | None:
    tensor = tok.doc.tensor
    if tensor is None or getattr(tensor, "shape", (0,))[0] != len(tok.doc):
        return None
    vec: NDArray[np.float32] = np.asarray(tensor[tok.i], dtype=np.float32)
    return vec


def _path(a: Token, b: Token, limit: int = 4) -> str:
    """Dependency path from a up to the lowest common ancestor and down to b."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in ids_b:
            down = ids_b[t.i]
            if k + down > limit:
                return "far"
            ups = [x.dep_ for x in up_a[:k]]
            downs = [x.dep_ for x in reversed(up_b[:down])]
            return "^".join(ups) + "|" + "v".join(downs)
    return "none"


# The clause role is a feature of the role model (2026-12-07), chosen on the folds: event F1 on
# the first four parts' development units 0.407 -> 0.409 (fifth part, never trained on, 0.470 ->
# 0.473; defense news 0.343 -> 0.344), PLOVER dev type / actor / recipient unchanged.
_REL_PRON = frozenset({"that", "which", "who", "whom"})


def _clause_role(tok: Token, trig: Token) -> str | None:
    """The role of `tok` in the trigger's clause, as doer ("subj") or as the one acted on
    ("obj"), read through passives, by-agents, relative and reduced relative clauses and shared
    subjects: "Belarus received", "the brigade that received", "crews would be trained",
    "delivered by Russia", "the system delivered to". None where it is neither."""
    if tok.i == trig.i:
        return None
    if tok.head.i == trig.i:
        if tok.dep_ in ("nsubj", "csubj"):
            return "subj"
        if tok.dep_ in ("nsubjpass", "dobj", "dative"):
            return "obj"
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head.i == trig.i:
        return "subj"
    if trig.dep_ in ("relcl", "acl") and trig.head.i == tok.i:
        for c in trig.children:
            if c.lower_ in _REL_PRON:
                if c.dep_ == "nsubj":
                    return "subj"
                if c.dep_ in ("nsubjpass", "dobj"):
                    return "obj"
        if trig.dep_ == "acl":
            return {"VBN": "obj", "VBG": "subj"}.get(trig.tag_)
        return "obj" if any(c.dep_ == "nsubj" for c in trig.children) else None
    if trig.dep_ in ("xcomp", "conj") and tok.head.i == trig.head.i and tok.dep_ == "nsubj":
        return "subj"
    return None


def role_features(trig: Token, etype: str, m: Mention, sent: Span, speaker: int | None) -> Feats:
    """Features of a mention as a possible actor or recipient of the event `trig` states."""
    f: Feats = {}

    def add(name: str, typed: bool = True) -> None:
        f[name] = 1.0
        if typed:
            f[f"{name}|{etype}"] = 1.0

    p_root = _path(m.root, trig)
    p_head = _path(m.head, trig) if m.head.i != m.root.i else p_root
    add(f"path={p_root}")
    add(f"hpath={p_head}")
    add(f"mdep={m.root.dep_}")
    add(f"hdep={m.head.dep_}")
    if m.head.dep_ == "pobj" or m.root.dep_ == "pobj":
        prep = (m.head if m.head.dep_ == "pobj" else m.root).head
        add(f"prep={_lemma(prep)}")
        add(f"prep={_lemma(prep)}>{_lemma(prep.head)}", typed=False)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.children)
    if passive:
        add(f"passive|path={p_head}")
    lem = _lemma(trig)
    f[f"lpath={p_head}|{lem}"] = 1.0  # "X received" and "X sent" put X in opposite roles
    f[f"lside={'before' if m.end <= trig.i else 'after'}|{lem}"] = 1.0
    if passive:
        f[f"lpassive={p_head}|{lem}"] = 1.0
    clause = _clause_role(m.head, trig) or _clause_role(m.root, trig)
    if clause is None and m.head.dep_ == "pobj" and m.head.head.lower_ == "of":
        clause = _clause_role(m.head.head.head, trig)  # "a group of Belarusian personnel"
    if clause:
        add(f"clause={clause}")
        f[f"lclause={clause}|{lem}"] = 1.0  # "the brigade that received" as "the brigade received"
    add(f"kind={m.kind}")
    add(f"country={'yes' if m.country else 'no'}", typed=False)
    add("before" if m.end <= trig.i else ("after" if m.start > trig.i else "around"))
    dist = abs(m.head.i - trig.i)
    add(f"dist={min(dist, 8) // 2}", typed=False)
    if m.start <= trig.i < m.end:
        add("contains_trigger")
    if speaker is not None and m.start <= speaker < m.end:
        add("speaker")
    if m.head.i != m.root.i:
        add(f"modifies={_lemma(m.head)}", typed=False)
        add(f"rootdep={m.root.dep_}")
    if m.head.dep_ == "conj":
        add("conj")
    first = m.start == min((t.i for t in sent if not t.is_punct), default=sent.start)
    if first:
        add("first")
    add("bias")
    return f


def modality_features(trig: Token, sent: Span, published_year: int | None) -> Feats:
    """Cues of future, negated, hypothetical and historical events around a trigger."""
    lex = lexicon()
    f: Feats = {"bias": 1.0, f"tag={trig.tag_}": 1.0}
    chain = [trig, *list(trig.ancestors)[:3]]
    for depth, t in enumerate(chain):
        for c in t.children:
            cl = _lemma(c)
            if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark"):
                f[f"c{min(depth, 1)}:{c.dep_}={cl}"] = 1.0
                for name, cues in (("hyp", lex.hypothetical), ("neg", lex.negation),
                                   ("hist", lex.historical)):
                    if cl in cues:
                        f[f"cue={name}"] = 1.0
        if depth:
            f[f"anc{depth}={_lemma(t)}"] = 1.0
            if _lemma(t) in lex.hypothetical:
                f["cue=hyp"] = 1.0
            if _lemma(t) in lex.denial:
                f["cue=denied"] = 1.0  # "X denied that it had delivered ..."
    if _future_cue(trig):  # the trigger model's cue, read the same way
        f["cue=future"] = 1.0
    if trig.tag_ == "VBN" and any(_lemma(c) == "have" and c.tag_ == "VBD" for c in trig.children):
        f["pluperfect"] = 1.0
    if published_year:
        for t in sent:
            if t.like_num and len(t.text) == 4 and t.text.isdigit():
                y = int(t.text)
                if 1900 < y < published_year:
                    f["year_before"] = 1.0
                elif y > published_year:
                    f["year_after"] = 1.0
    return f


_SENT_KEYS = ("l=", "lex=", "l+obj=", "plex=", "l+prt=", "xlex=", "hlex=", "h+l=", "neg",
              "aux=", "det=", "l|dep=", "s:")


def sentence_features(sent: Span, cands: list[Token], names: dict[int, str],
                      topic: Feats | None = None) -> Feats:
    """Features of a whole sentence: its candidates' trigger features, pooled, and the
    article's event vocabulary (`article_topic`)."""
    f: Feats = {"bias": 1.0}
    if topic:
        f.update(topic)
    for tok in cands:
        for k in trigger_features(tok, sent, names):
            if k.startswith(_SENT_KEYS):
                f["t:" + k] = 1.0
    for t in sent:
        if t.is_alpha and not t.is_stop:
            f["w=" + t.lemma_.lower()] = 1.0
    return f


def sentence_vector(sent: Span) -> NDArray[np.float32]:
    """The mean of the sentence's token vectors (zeros where the model gives none)."""
    tensor = sent.doc.tensor
    if tensor is None or getattr(tensor, "shape", (0,))[0] != len(sent.doc) or not len(sent):
        return np.zeros(96, dtype=np.float32)
    vec: NDArray[np.float32] = np.asarray(tensor[sent.start:sent.end].mean(axis=0),
                                          dtype=np.float32)
    return vec
