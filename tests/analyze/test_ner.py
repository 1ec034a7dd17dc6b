"""The learned domain entity tagger and its place in the entity layer."""

from __future__ import annotations

import pytest

from wirebrief.analyze.ner import OUTSIDE, shape, spans_from_tags, tag_doc, tag_spans, tagger_name
from wirebrief.models import EntityType

pytestmark = pytest.mark.model


def test_shape() -> None:
    assert shape("Su-35S") == "Xx-dX"
    assert shape("HIMARS") == "X"


def test_bio_decoding(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The Royal Navy sent HMS Diamond north.")
    tags = [OUTSIDE, "B-ORG", "I-ORG", OUTSIDE, "B-VESSEL", "I-VESSEL", OUTSIDE, OUTSIDE]
    spans = spans_from_tags(doc, tags)
    assert [(doc.text[s.start:s.end], s.label) for s in spans] == [
        ("Royal Navy", "ORG"), ("HMS Diamond", "VESSEL")]


def test_tags_are_valid_bio_and_deterministic(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Iran unveiled the Fattah hypersonic missile on Tuesday, the Revolutionary Guards "
              "said, days after the 82nd Airborne Division arrived in Poland.")
    tags = tag_doc(doc)
    assert len(tags) == len(doc) and tags == tag_doc(doc)
    for prev, tag in zip([OUTSIDE, *tags], tags, strict=False):
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:]
    assert tag_spans(nlp("")) == []
    assert tagger_name().startswith("analyze.ner.v1+")


def test_unlisted_weapon_is_a_weapon_system(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    doc = nlp("Iran unveiled the Fattah hypersonic missile on Tuesday, state media said.")
    weapons = [e.text for e in extract_entities(doc) if e.type is EntityType.WEAPON_SYSTEM]
    assert any("Fattah" in w for w in weapons), weapons


def test_layer_reads_generic_labels_from_the_tagger(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import _generic_mentions
    from wirebrief.analyze.ner import TaggedSpan

    doc = nlp("Leeds beat Chelsea at Wembley Stadium on Saturday.")
    chelsea = doc.text.index("Chelsea")
    tagged = [TaggedSpan(0, 5, "ORG"), TaggedSpan(chelsea, chelsea + 7, "ORG")]
    mentions = _generic_mentions(doc, tagged)
    # the tagger's reading wins over spaCy's; spaCy's facilities stay where it names nothing
    assert [(m.text, m.label_) for m in mentions if m.label_ != "FAC"] == [
        ("Leeds", "ORG"), ("Chelsea", "ORG")]
    assert all(m.text not in ("Leeds", "Chelsea") for m in mentions if m.label_ == "FAC")
