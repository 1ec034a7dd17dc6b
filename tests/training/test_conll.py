"""CoNLL-2003 documents as tagger training data: text and gold spans in character offsets."""

from __future__ import annotations

import json

from wirebrief.training.conll import SPLIT_FILE, read_documents, to_doc


def test_spans_fall_on_the_tokens(tmp_path) -> None:  # type: ignore[no-untyped-def]
    raw = ("-DOCSTART- -X- O O\n\nLeeds NNP B-NP B-ORG\nbeat VBD B-VP O\nAston NNP B-NP B-ORG\n"
           "Villa NNP I-NP I-ORG\n. . O O\n\nAlan NNP B-NP B-PER\nShearer NNP I-NP I-PER\n"
           "scored VBD B-VP O\nin IN B-PP O\nLondon NNP B-NP B-LOC\n")
    path = tmp_path / "c.txt"
    path.write_text(raw, encoding="utf-8")
    docs = read_documents(path)
    assert len(docs) == 1 and len(docs[0]) == 2
    d = to_doc(0, docs[0])
    assert d.text == "Leeds beat Aston Villa .\nAlan Shearer scored in London\n"
    assert [(d.text[a:b], k) for a, b, k in d.spans] == [
        ("Leeds", "ORG"), ("Aston Villa", "ORG"), ("Alan Shearer", "PER"), ("London", "LOC")]


def test_split_is_by_document_and_disjoint() -> None:
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    dev, sealed = set(split["dev"]), set(split["sealed"])
    assert not dev & sealed
    assert len(dev) + len(sealed) == split["documents"]
