"""The learned event coder's parts: model files, corpus readers, agreement, and the coder."""

from __future__ import annotations

import numpy as np
import pytest

from wirebrief.analyze.events.model import LinearModel, dump_models, load_models
from wirebrief.training.agreement import _kappa
from wirebrief.training.plover_gold import parse_markup
from wirebrief.training.units import is_sealed, parse_uid


def test_model_file_round_trip(tmp_path) -> None:
    m = LinearModel(("NONE", "AID"), {"l=deliver": 0, "bias": 1},
                    np.array([[0.0, 3.0], [1.0, 0.0]], np.float32), np.zeros(2, np.float32))
    path = tmp_path / "m.npz"
    dump_models(path, {"trigger": m}, {"seed": 1})
    models, meta = load_models(path.read_bytes())
    assert meta == {"seed": 1}
    p = models["trigger"].predict({"l=deliver": 1.0, "unknown": 1.0})
    assert p["AID"] > p["NONE"]
    assert models["trigger"].predict({"bias": 1.0})["NONE"] > 0.5


def test_plover_markup_gives_plain_text_and_spans() -> None:
    plain, spans = parse_markup("The (SRC: United States) (EVT: is providing) aid (APEC) to "
                                "(TAR: Macedonia).")
    assert plain == "The United States is providing aid (APEC) to Macedonia."
    got = {tag: plain[a:b] for tag, a, b in spans}
    assert got == {"SRC": "United States", "EVT": "is providing", "TAR": "Macedonia"}
    # a stray closer in the markup is not part of the sentence
    plain, spans = parse_markup("A (SRC: blast) (LOC: near Samarra)) (EVT: killed) two.")
    assert plain == "A blast near Samarra killed two."
    assert {tag: plain[a:b] for tag, a, b in spans}["EVT"] == "killed"


def test_uids_and_split_are_deterministic() -> None:
    assert parse_uid("newswire-te3/AFP_ENG_1/10-20") == ("newswire-te3", "AFP_ENG_1", 10, 20)
    groups = [f"defense-news:g{k:03d}" for k in range(200)]
    sealed = [g for g in groups if is_sealed(g)]
    assert sealed == [g for g in groups if is_sealed(g)]
    assert 20 <= len(sealed) <= 60  # about a fifth


def test_kappa() -> None:
    assert _kappa([("A", "A"), ("B", "B")]) == 1.0
    assert _kappa([("A", "B"), ("B", "A")]) < 0


@pytest.mark.model
def test_learned_coder_codes_an_unseen_bombing() -> None:
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.events.coder import code_events, coder_name
    from wirebrief.analyze.nlp import load_nlp

    text = "A car bomb outside a police station in Kirkuk killed four officers on Sunday."
    doc = load_nlp()(text)
    events = code_events(doc, extract_entities(doc, None))
    assert "ASSAULT" in {e.type for e in events}
    assert coder_name().startswith("analyze.events.v2+")
    empty = load_nlp()("")
    assert code_events(empty, []) == []


@pytest.mark.model
def test_reporting_verb_trigger_stands_for_the_reported_verb() -> None:
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.training.examples import _head_token

    text = "Palestinian leaders said they would boycott all contact with the United States."
    doc = load_nlp()(text)
    a = text.index("said")
    assert _head_token(doc, [a, a + 4]).text == "boycott"  # type: ignore[union-attr]
    b = text.index("boycott")
    assert _head_token(doc, [b, b + 7]).text == "boycott"  # type: ignore[union-attr]


def test_plover_rows_and_rare_types_weigh_more() -> None:
    from wirebrief.training.examples import Rows
    from wirebrief.training.train_events import row_weights, type_weights

    rows = Rows()
    rows.add({"bias": 1.0}, "AID", "plover-dev:1")
    rows.add({"bias": 1.0}, "NONE", "defense-news:g1")
    assert row_weights(rows, 4.0) == [4.0, 1.0]
    assert type_weights(["NONE", "AID", "AID", "AID", "AID", "RETREAT"], 0.0) is None
    w = type_weights(["NONE", "AID", "AID", "AID", "AID", "RETREAT"], 0.5)
    assert w == {"AID": 1.0, "RETREAT": 2.0}


def test_corpus_parts_are_disjoint_and_the_recorded_split_covers_them(shared_dir) -> None:
    import json

    from wirebrief.training.corpus import REPO_ROOT
    from wirebrief.training.sources import SourceIndex
    from wirebrief.training.units import (
        build_units,
        extension_units,
        fifth_units,
        fourth_units,
        third_units,
    )

    index = SourceIndex(shared_dir)
    one, two = build_units(index), extension_units(index)
    three = third_units(index, one + two)
    four = fourth_units(index, one + two + three)
    five = fifth_units(index, one + two + three + four)
    assert len(two) > 1000 and len(three) > 500 and len(four) > 300 and len(five) == 360
    assert not {u.uid for u in one} & {u.uid for u in two}
    assert not {u.uid for u in one + two} & {u.uid for u in three}
    assert not {u.uid for u in one + two + three} & {u.uid for u in four}
    assert not {u.uid for u in one + two + three + four} & {u.uid for u in five}
    assert len({u.uid for u in four}) == len(four) and len({u.uid for u in five}) == len(five)
    assert [u.uid for u in two] == [u.uid for u in extension_units(index)]  # deterministic
    assert [u.uid for u in three] == [u.uid for u in third_units(index)]
    assert [u.uid for u in four] == [u.uid for u in fourth_units(index)]
    assert [u.uid for u in five] == [u.uid for u in fifth_units(index)]
    recorded = json.loads((REPO_ROOT / "annotation" / "split.json").read_text())
    every = one + two + three + four + five
    sealed = {u.group for u in every if is_sealed(u.group)}
    assert sealed == set(recorded["sealed_groups"])
    assert recorded["units"] == len(every)


def test_a_span_inside_a_longer_word_is_refused() -> None:
    from wirebrief.training.annotate import _resolve

    sentence = "Israeli troops left; Israel said he and the others were safe."
    with pytest.raises(ValueError, match="inside a longer word"):
        _resolve(sentence, "Israel")  # the first match is inside "Israeli"
    assert _resolve(sentence, "Israel@2") == (21, 27)
    assert sentence[slice(*_resolve(sentence, "he"))] == "he"
    with pytest.raises(ValueError, match="inside a longer word"):
        _resolve(sentence, "he@2")  # "he" of "the"


def test_a_span_numbered_from_zero_is_refused() -> None:
    from wirebrief.training.annotate import _resolve

    with pytest.raises(ValueError, match="from @1"):
        _resolve("Israel said it would respond.", "Israel@0")
