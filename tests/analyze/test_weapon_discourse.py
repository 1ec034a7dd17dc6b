"""One sense per discourse for weapon names (`analyze/weapons/discourse.py`): a name the article
confirms once is a weapon in its other bare mentions, and only then."""

from __future__ import annotations

from wirebrief.analyze.weapons import find_weapon_systems
from wirebrief.analyze.weapons.discourse import one_sense_per_discourse
from wirebrief.analyze.weapons.gazetteer import CONTEXT_WORDS
from wirebrief.models import Entity, EntityType


def _weapons(text: str, others: list[Entity] | None = None) -> list[tuple[str, str]]:
    found = sorted([*find_weapon_systems(text), *(others or [])], key=lambda e: e.start)
    return [(e.text, e.canonical) for e in one_sense_per_discourse(text, found, CONTEXT_WORDS)
            if e.type is EntityType.WEAPON_SYSTEM]


def test_a_confirmed_name_makes_its_bare_mentions_weapons() -> None:
    text = "The US sent 31 Abrams tanks. Crews trained on the Abrams in Germany."
    assert _weapons(text) == [("Abrams", "M1 Abrams"), ("Abrams", "M1 Abrams")]
    text = "Ukraine got M1A1 Abrams tanks. The Abrams will replenish its arsenal."
    assert [t for t, _ in _weapons(text)] == ["M1A1 Abrams", "Abrams"]


def test_without_a_confirmed_mention_a_bare_name_stays_unread() -> None:
    assert _weapons("Crews trained on the Abrams in Germany.") == []


def test_plurals_of_a_confirmed_one_word_name() -> None:
    text = "India bought 36 Rafale fighters. The Rafales arrived in 2020."
    assert _weapons(text) == [("Rafale", "Dassault Rafale"), ("Rafale", "Dassault Rafale")]


def test_another_name_that_holds_the_word_stays_what_it_is() -> None:
    text = ("Patriot missiles shot down the drone. The New England Patriots won. Congress "
            "renewed the Patriot Act.")
    assert [t for t, _ in _weapons(text)] == ["Patriot"]
    text = "German Patriot systems fired. Ukraine's Patriots and German Patriots held."
    assert [t for t, _ in _weapons(text)] == ["Patriot", "Patriot", "Patriot"]


def test_a_longer_name_of_another_kind_is_left_alone() -> None:
    text = "Stacey Abrams spoke. M1 Abrams tanks rolled."
    person = Entity(text="Stacey Abrams", type=EntityType.PERSON, canonical="Stacey Abrams",
                    start=0, end=13)
    assert [t for t, _ in _weapons(text, [person])] == ["M1 Abrams"]


def test_a_named_ship_and_a_city_of_the_same_name() -> None:
    text = "The frigate Kazan sailed. The Kazan returned to port. Kazan is a city."
    city = Entity(text="Kazan", type=EntityType.PLACE, canonical="Kazan", start=54, end=59,
                  subtype="city")
    assert [t for t, _ in _weapons(text, [city])] == ["Kazan", "Kazan"]
    text = "The frigate Kazan sailed. Kazan returned to port."
    assert [t for t, _ in _weapons(text)] == ["Kazan", "Kazan"]


def test_a_new_sentence_after_a_name_is_not_a_longer_name() -> None:
    text = "The US sent Abrams tanks, said Rustem Umerov. Abrams are already in Ukraine."
    assert [t for t, _ in _weapons(text)] == ["Abrams", "Abrams"]


def test_hashtags_that_name_a_system() -> None:
    text = "We completed the #BayraktarTB2 UCAV export contract. #Su35 #Patriots #B2 #G7"
    assert _weapons(text) == [("BayraktarTB2", "Bayraktar TB2"), ("Su35", "Su-35")]


def test_in_the_entity_layer() -> None:
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.nlp import load_nlp

    doc = load_nlp()("India ordered Rafale fighters. The first Rafales landed at Ambala. "
                     "The New England Patriots lost.")
    weapons = [e.text for e in extract_entities(doc) if e.type is EntityType.WEAPON_SYSTEM]
    assert weapons == ["Rafale", "Rafale"]


def test_a_designation_confirmed_once_is_a_weapon_where_no_weapon_word_follows() -> None:
    from wirebrief.analyze.weapons.discourse import one_sense_per_discourse
    from wirebrief.models import Entity, EntityType

    text = "Seoul denied sending K9 howitzers. Poland operates the K9, which Hanwha builds."
    gun = Entity(text="K9", type=EntityType.WEAPON_SYSTEM, canonical="K9 Thunder", start=21,
                 end=23, subtype="artillery", source="gazetteer")
    org = Entity(text="K9", type=EntityType.ORGANIZATION, canonical="K9", start=55, end=57,
                 subtype="other", source="model")
    assert text[21:23] == text[55:57] == "K9"
    out = one_sense_per_discourse(text, [gun, org])
    assert [(e.start, e.type) for e in out] == [(21, EntityType.WEAPON_SYSTEM),
                                              (55, EntityType.WEAPON_SYSTEM)]
