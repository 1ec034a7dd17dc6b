"""CoNLL-2003 general-news sentences as extra training data for the domain entity tagger.

The shared data folder holds the CoNLL-2003 English test file (`data/ner/conll2003-test.txt`).
It is split by document (`annotation/conll-split.json`, drawn before any tuning on it) into a
development part, which may be trained and tuned on, and a sealed part, which is only scored.
Only the development part is read here.

CoNLL's types read as the corpus's labels (docs/annotation.md, "Names"): PER as PERSON, ORG as
ORG, LOC as GPE (or LOC where spaCy calls the span a natural location), MISC as NORP where spaCy
calls the span a nationality, else outside (the corpus has no label for events, languages or
products of general news).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wirebrief.training.corpus import REPO_ROOT

if TYPE_CHECKING:
    from spacy.tokens import Doc

CONLL_FILE = Path("data") / "ner" / "conll2003-test.txt"
SPLIT_FILE = REPO_ROOT / "annotation" / "conll-split.json"
Sentence = list[tuple[str, str]]  # (token, IOB2 tag)
Span3 = tuple[int, int, str]  # character start, end, CoNLL type


@dataclass(frozen=True, slots=True)
class ConllDoc:
    index: int  # position of the document in the file, as in the split
    text: str  # tokens joined by spaces, one sentence a line
    spans: tuple[Span3, ...]  # gold spans, CoNLL types, character offsets

    @property
    def group(self) -> str:
        return f"conll:{self.index}"


def read_documents(path: Path) -> list[list[Sentence]]:
    """Documents (split at `-DOCSTART-`) -> sentences -> (token, tag)."""
    docs: list[list[Sentence]] = []
    sent: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if sent and docs:
                docs[-1].append(sent)
            sent = []
            if parts:
                docs.append([])
            continue
        if not docs:
            docs.append([])
        sent.append((parts[0], parts[-1]))
    if sent and docs:
        docs[-1].append(sent)
    return [d for d in docs if d]


def to_doc(index: int, sentences: Sequence[Sentence]) -> ConllDoc:
    """The document's text and its gold spans in character offsets."""
    parts: list[str] = []
    spans: list[Span3] = []
    pos = 0
    for sent in sentences:
        start, kind, end = -1, "", -1
        for j, (tok, tag) in enumerate([*sent, ("", "O")]):
            if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
                if start >= 0:
                    spans.append((start, end, kind))
                start, kind = (pos + (1 if j else 0), tag[2:]) if tag != "O" else (-1, "")
            if not tok:
                break
            if j:
                parts.append(" ")
                pos += 1
            parts.append(tok)
            pos += len(tok)
            end = pos
        parts.append("\n")
        pos += 1
    return ConllDoc(index, "".join(parts), tuple(spans))


def development_documents(shared: Path) -> list[ConllDoc]:
    """The development part of the CoNLL file; empty when the file is absent."""
    path = shared / CONLL_FILE
    if not path.exists():
        return []
    dev = set(json.loads(SPLIT_FILE.read_text(encoding="utf-8"))["dev"])
    return [to_doc(i, d) for i, d in enumerate(read_documents(path)) if i in dev]


def corpus_spans(doc: Doc, spans: Sequence[Span3]) -> list[Span3]:
    """CoNLL spans as the corpus's labels, reading spaCy's label where CoNLL's type is coarser."""
    out: list[Span3] = []
    for a, b, kind in spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        spacy_label = next((e.label_ for e in doc.ents if e.start_char == a and e.end_char == b),
                           "")
        if span is None:
            continue
        if kind == "PER":
            out.append((a, b, "PERSON"))
        elif kind == "ORG":
            out.append((a, b, "ORG"))
        elif kind == "LOC":
            out.append((a, b, "LOC" if spacy_label == "LOC" else "GPE"))
        elif kind == "MISC" and spacy_label == "NORP":
            out.append((a, b, "NORP"))
    return out
