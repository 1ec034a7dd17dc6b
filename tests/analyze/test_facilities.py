"""Facilities found by their shape: a name before a facility word, or a port or base "of" a
town, spanned with the word as the annotation guide spans them."""

from __future__ import annotations

import pytest

from wirebrief.analyze.facilities import facility_mentions


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Ships unloaded at Hodeidah port on Monday.", "Hodeidah port"),
        ("The jets landed at Ambala airbase in India.", "Ambala airbase"),
        ("Ships waited at Yemen's Hodeidah port.", "Hodeidah port"),
        ("Rockets hit al-Asad airbase in Iraq.", "al-Asad airbase"),
        ("Shelling near the Zaporizhzhia nuclear plant went on.", "Zaporizhzhia nuclear plant"),
        ("Aid trucks waited at the Rafah crossing.", "Rafah crossing"),
    ],
)
def test_a_named_facility_is_found_with_its_head_word(text: str, span: str) -> None:
    found = facility_mentions(text)
    assert [e.text for e in found] == [span]
    assert found[0].subtype == "facility"
    assert text[found[0].start:found[0].end] == span


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck the Russian base overnight.",  # a country's base names no facility
        "A US-run base was hit.",
        "The Republican base was angry.",  # a group
        "Its base was hit. The port was closed.",
        "NATO base commanders met.",
        "A ship docked at the port of Piraeus.",  # the corpus spans the town alone
    ],
)
def test_what_names_no_facility(text: str) -> None:
    assert facility_mentions(text) == []


def test_the_town_of_a_facility_places_it() -> None:
    found = facility_mentions("The first jets landed at Ambala airbase in India.")
    assert found[0].country == "IND" and found[0].lat is not None


def test_a_facility_word_before_a_noun_modifies_it() -> None:
    assert facility_mentions("Tampico port authorities said fishing was restricted.") == []
    assert [e.text for e in facility_mentions("Tampico port was closed.")] == ["Tampico port"]


def test_a_word_that_opens_the_sentence_is_not_part_of_the_name() -> None:
    found = facility_mentions("At Hodeidah port, cranes stood idle. "
                              "Near Ambala airbase, jets flew.")
    assert [e.text for e in found] == ["Hodeidah port", "Ambala airbase"]


def test_names_with_particles_and_possessives_in_any_form() -> None:
    found = facility_mentions("Flights left Charles de Gaulle airport and Paris' Orly airport. "
                              "A US Navy base was hit.")
    assert [e.text for e in found] == ["Charles de Gaulle airport", "Orly airport"]
