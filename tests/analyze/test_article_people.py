"""People in whole articles: a surname the model reads as a place once stays the person the
article names in full, and the tagger reads each sentence's words within that sentence."""

from __future__ import annotations

import pytest

from wirebrief.analyze.entities import _consistent_places
from wirebrief.models import Entity, EntityType


def _person(text: str, start: int) -> Entity:
    return Entity(text=text, type=EntityType.PERSON, canonical=text, start=start,
                  end=start + len(text), source="model")


def _city(text: str, start: int, lat: float | None, country: str | None) -> Entity:
    return Entity(text=text, type=EntityType.PLACE, canonical=text, start=start,
                  end=start + len(text), subtype="city", lat=lat, lon=0.0 if lat else None,
                  country=country, source="model")


def test_a_surname_read_as_a_place_stays_the_person() -> None:
    # "Lloyd Austin met Dong ... Dong and Austin discussed ... Austin said": the model reads
    # one "Austin" as the city in Texas; the article names the man in full.
    entities = [_person("Lloyd Austin", 0), _city("Austin", 40, 30.27, "USA"),
                _person("Austin", 80)]
    out = _consistent_places(entities)
    assert [(e.text, e.type) for e in out] == [
        ("Lloyd Austin", EntityType.PERSON), ("Austin", EntityType.PERSON),
        ("Austin", EntityType.PERSON)]
    assert out[1].lat is None and out[1].country is None


def test_a_place_no_person_is_named_after_still_recasts_a_person_reading() -> None:
    entities = [_person("Rob Lee", 0), _city("Ambala", 30, 30.38, "IND"), _person("Ambala", 70)]
    out = _consistent_places(entities)
    assert [e.type for e in out] == [EntityType.PERSON, EntityType.PLACE, EntityType.PLACE]
    assert out[2].country == "IND"


@pytest.mark.model
def test_the_tagger_window_stops_at_the_sentence() -> None:
    from wirebrief.analyze.ner import sentence_bounds, static_features, token_features
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.errors import AnalysisError

    try:
        nlp = load_nlp()
    except AnalysisError as exc:
        pytest.skip(f"spaCy model not installed: {exc}")
    doc = nlp("The minister arrived in Kyiv on Monday. Officials did not say why.")
    i = next(t.i for t in doc if t.text == "Officials")
    bounds = sentence_bounds(doc)
    assert len(bounds) == len(doc) and bounds[i][0] == i
    feats = static_features(doc, i, {}, bounds[i])
    assert feats["-1:edge"] == 1.0 and feats["-2:edge"] == 1.0
    assert "-1:w=." not in feats
    assert token_features(doc, i, "O", {})["-1:edge"] == 1.0  # training reads it alike
    assert "-1:w=." in static_features(doc, i, {})  # no bounds: the whole doc


def test_titles_alone_name_no_one() -> None:
    from wirebrief.analyze.entities import _looks_like_person, _without_titles

    assert not _looks_like_person("Spokesperson")
    assert not _looks_like_person("Crown Prince")
    assert _looks_like_person("Vedant Patel")
    assert _without_titles("Crown Prince Mohammed bin Salman", 0) == ("Mohammed bin Salman", 13)


def test_name_shapes() -> None:
    from wirebrief.analyze.name_shapes import is_dateline, is_facility_name, names_no_one

    assert is_facility_name("Antonio Bautista Air Base") and is_facility_name("Fort Magsaysay")
    assert not is_facility_name("Base") and not is_facility_name("Jens Stoltenberg")
    text = "ZURICH (Reuters) - Switzerland chose the F-35A.\nKYIV, Ukraine (AP) — Drones hit."
    assert is_dateline(text, 0, 6)
    k = text.index("KYIV")
    assert is_dateline(text, k, k + 4)
    s = "Officials from NATO (Brussels) said."
    assert not is_dateline(s, s.index("NATO"), s.index("NATO") + 4)  # not at the line start
    assert names_no_one("X") and names_no_one("L.") and not names_no_one("Xi")
    assert names_no_one("https://t.co/kGN6ZrIosg") and names_no_one("pic.twitter.com/2IiFRVXUWh")
    assert names_no_one("OrinocoTribune.com)—The")  # a bracket left closed
    assert not names_no_one("Caliber.az") and not names_no_one("Saab (Sweden)")


def test_an_ordinary_word_opening_a_sentence_is_no_person() -> None:
    from wirebrief.analyze.name_shapes import common_word_people

    text = ("Turnout was low. Officials said turnout fell.\n\"Mourners gathered.\" The mourners "
            "wept. Grundberg spoke. May said it may rain. Theresa May agreed. Mr. Little said "
            "little.")
    words = ("Turnout", "Mourners", "Grundberg", "May said", "Little said")
    spans = [(text.index(w), text.index(w) + len(w.split()[0])) for w in words]
    openers = {text.index(w) for w in words[:4]}  # "Little" follows "Mr." inside its sentence
    # "Grundberg" is never written in lower case; "May" is held by "Theresa May"
    assert common_word_people(text, spans, ["Theresa May"], openers.__contains__) == {0, 1}


@pytest.mark.model
def test_a_title_before_a_surname_is_no_sentence_start(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    text = "Little is known about the plan. Mr. Little said there was little to add."
    people = [(e.text, e.start) for e in extract_entities(nlp(text))
              if e.type is EntityType.PERSON]
    # the surname after "Mr." is a person; the opening "Little" is not
    assert people == [("Little", text.index("Mr. Little") + 4)], people


def test_a_name_written_family_name_first_links_by_its_first_word() -> None:
    from wirebrief.analyze.people import link_person_mentions

    lee = _person("Lee Jong-sup", 0).model_copy(update={"role": "defense minister",
                                                        "country": "KOR"})
    out = link_person_mentions("", [lee, _person("Lee", 60)])
    assert (out[1].canonical, out[1].country, out[1].role) == ("Lee Jong-sup", "KOR",
                                                               "defense minister")
    # a name that ends with the word wins, and two people starting with it leave it alone
    out = link_person_mentions("", [_person("Lee Jong-sup", 0), _person("Robert Lee", 30),
                                    _person("Lee", 60)])
    assert out[2].canonical == "Robert Lee"
    out = link_person_mentions("", [_person("Kim Jong Un", 0), _person("Kim Yo Jong", 30),
                                    _person("Kim", 60)])
    assert out[2].canonical == "Kim"


@pytest.mark.parametrize(("text", "role", "country"), [
    ("U.S. State Department spokesperson Matthew Miller said", "state department spokesperson",
     "USA"),
    ("Lee held talks with his Malaysian counterpart Mohamad Hasan on", "counterpart", "MYS"),
    ("the troops trained in the U.S. Lithuanian Defence Minister Arvydas Anusauskas said",
     "defence minister", "LTU"),
])
def test_a_title_gives_role_and_country(text: str, role: str, country: str) -> None:
    from wirebrief.analyze.people import assign_roles

    name = {"USA": "Matthew Miller", "MYS": "Mohamad Hasan", "LTU": "Arvydas Anusauskas"}[country]
    out = assign_roles(text, [_person(name, text.index(name))])
    assert (out[0].role, out[0].country) == (role, country)


def test_a_dated_dateline_capital_is_the_place_filed_from(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.name_shapes import is_dateline
    from wirebrief.models import EntityType

    text = ("TOKYO, Nov 3 (Reuters) - Japan said it would join the naval exercise.\n"
            "MOSCOW, Feb 24, 2025 (BSS/AFP) - Russia said it downed 22 drones.")
    assert is_dateline(text, 0, 5)
    k = text.index("MOSCOW")
    assert is_dateline(text, k, k + 6)
    first = next(e for e in extract_entities(nlp(text)) if e.start == 0)
    assert first.type is EntityType.PLACE and first.country == "JPN", first
