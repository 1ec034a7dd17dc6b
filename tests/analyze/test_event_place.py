"""Where an event happened: the place phrase of its own clause, else of its sentence, else none."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2024, 5, 10)


def _locations(nlp, text: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.events import code_events

    doc = nlp(text)
    events = code_events(doc, extract_entities(doc, PUBLISHED), PUBLISHED)
    return {e.explanation.trigger: e.location for e in events if e.explanation}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # the clause's place, not the place of the speakers in the main clause
        ("Officials in Baghdad said militants attacked an army convoy in Kirkuk.", "attacked",
         "Kirkuk"),
        # through "the town of", "a sector of"
        ("A car bomb killed a journalist in a residential sector of eastern Beirut.", None,
         "Beirut"),
        # a possessor names the place around another
        ("Prisoners rioted at a jail in East Timor's capital Dili on Monday.", "rioted", "Dili"),
    ],
)
def test_an_event_takes_the_place_of_its_own_clause(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str | None, place: str
) -> None:
    found = _locations(nlp, text)
    if trigger is None:  # whichever word the coder takes for the event
        assert found and set(found.values()) == {place}, found
    else:
        assert found.get(trigger) == place, found


@pytest.mark.model
def test_a_dateline_is_no_place_of_the_event(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _locations(nlp, "KYIV, Ukraine - Russia fired missiles at the port of Odesa.")
    assert "Kyiv" not in {v for v in found.values() if v}
    assert found.get("fired") in ("Odesa", None), found


@pytest.mark.model
def test_an_event_without_a_place_phrase_has_none(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _locations(nlp, "Troops clashed in Kirkuk on Monday. Iraq condemned the attack.")
    assert found.get("condemned") is None, found


def test_place_governor_climbs_through_of_and_compounds() -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    from wirebrief.analyze.events.details import _clause_head, _place_governor

    # "struck a camp near the town of Samarra": Samarra <- of <- town <- near <- camp <- struck
    words = ["Jets", "struck", "a", "camp", "near", "the", "town", "of", "Samarra", "."]
    heads = [1, 1, 3, 1, 3, 6, 4, 6, 7, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "prep", "pobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    found = _place_governor(doc[8])
    assert found is not None and found[0].text == "camp" and found[1] is False
    assert _clause_head(doc[3]).text == "struck"
    assert _place_governor(doc[0]) is None  # a subject is no place phrase
