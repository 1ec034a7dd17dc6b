"""Weapon mentions spanned as the annotation guide spans them."""

from __future__ import annotations

from wirebrief.analyze.weapons.mentions import tidy_weapon_mentions
from wirebrief.models import Entity, EntityType


def _w(text: str, surface: str, canonical: str | None = None, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(text=surface, type=EntityType.WEAPON_SYSTEM, canonical=canonical or surface,
                  start=start, end=start + len(surface))


def test_plural_endings_are_not_part_of_the_name() -> None:
    text = "Poland ordered F-16s, TB2s, Rafales and HIMARS; NASAMS too."
    ents = [_w(text, "F-16s", "F-16"), _w(text, "TB2s", "Bayraktar TB2"),
            _w(text, "Rafales", "Rafale"), _w(text, "HIMARS"), _w(text, "NASAMS")]
    out = tidy_weapon_mentions(text, ents)
    assert [e.text for e in out] == ["F-16", "TB2", "Rafale", "HIMARS", "NASAMS"]
    assert all(text[e.start:e.end] == e.text for e in out)


def test_the_tagger_s_plural_of_a_one_word_gazetteer_name() -> None:
    text = "The five Rafales and the Army Tactical Missile Systems."
    ents = [_w(text, "Rafales"), _w(text, "Army Tactical Missile Systems")]
    out = tidy_weapon_mentions(text, ents)
    assert [e.text for e in out] == ["Rafale", "Army Tactical Missile Systems"]


def test_a_designation_and_its_name_are_one_mention() -> None:
    text = "The F-35A Lightning II and the F-16, Su-27 flew."
    ents = [_w(text, "F-35A", "F-35"), _w(text, "Lightning II", "F-35"), _w(text, "F-16"),
            _w(text, "Su-27")]
    out = tidy_weapon_mentions(text, ents)
    assert [e.text for e in out] == ["F-35A Lightning II", "F-16", "Su-27"]
    assert out[0].canonical == "F-35"


def test_other_entities_are_left_alone() -> None:
    text = "Lockheed Martins said"
    org = Entity(text="Lockheed Martins", type=EntityType.ORGANIZATION,
                 canonical="Lockheed Martin", start=0, end=16)
    assert tidy_weapon_mentions(text, [org]) == [org]


def _spans(text: str) -> list[str]:
    from wirebrief.analyze.weapons import find_weapon_systems

    return [e.text for e in tidy_weapon_mentions(text, find_weapon_systems(text))]


def test_combined_and_split_variants_are_one_mention() -> None:
    assert _spans("It replaces the fleet of Northrop F-5E/F Tiger jets.") == ["F-5E/F Tiger"]
    assert _spans("Malaysia flies the Su-30MKI/MKM fighters.") == ["Su-30MKI/MKM"]
    assert _spans("The induction of J-10 C fighter jets began.") == ["J-10 C"]
    assert _spans("The F-16/F-35 mix stays.") == ["F-16", "F-35"]  # two systems, not a variant
    assert _spans("It flew F-16 A few times.") == ["F-16"]  # "A" is a word here


def test_a_plural_glued_to_a_variant_letter_is_not_part_of_the_name() -> None:
    assert _spans("The sale of Lockheed Martin F-16Vs will go ahead.") == ["F-16V"]
    assert _spans("Two Wing Loong IIs will add value.") == ["Wing Loong II"]
    assert _spans("It bought 12 A-29 Super Tucanos, built in the US.") == ["A-29 Super Tucano"]


def test_the_maker_is_part_of_the_name_only_where_the_canonical_name_has_it() -> None:
    assert _spans("The first Saab Gripen fighter arrived.") == ["Saab Gripen"]
    assert _spans("Shelters used by the Dassault Mirage 2000 jets.") == ["Mirage 2000"]


def test_the_tagger_s_country_is_not_joined_to_a_designation() -> None:
    text = "Poland has around 50 U.S. F-16 fighter jets."
    us = Entity(text="U.S.", type=EntityType.WEAPON_SYSTEM, canonical="U.S.", start=21, end=25,
                source="model")
    f16 = _w(text, "F-16")
    assert [e.text for e in tidy_weapon_mentions(text, [us, f16])] == ["U.S.", "F-16"]


def test_a_ship_prefix_names_a_ship_the_gazetteer_lacks() -> None:
    from wirebrief.analyze.weapons import find_weapon_systems

    ents = find_weapon_systems("Pirates released the MV Lila Norfolk on Monday.")
    assert [(e.text, e.subtype) for e in ents] == [("MV Lila Norfolk", "vessel")]
    assert find_weapon_systems("The INS said on Monday it would appeal.") == []


def test_an_acronym_in_brackets_after_a_system_is_a_mention_of_it() -> None:
    from wirebrief.analyze.weapons import find_weapon_systems

    text = "It fires from the Multiple Launch Rocket System (MLRS) and the F-16 (USA) flew."
    assert [(e.text, e.canonical) for e in find_weapon_systems(text)] == [
        ("Multiple Launch Rocket System", "M270 MLRS"), ("MLRS", "M270 MLRS"), ("F-16", "F-16")]


def test_a_named_ship_of_the_curated_file_is_a_vessel() -> None:
    from wirebrief.analyze.weapons import find_weapon_systems

    ents = find_weapon_systems("The Moskva missile cruiser sank.")
    assert [(e.text, e.subtype) for e in ents] == [("Moskva", "vessel")]
    assert find_weapon_systems("He flew to Moskva on Monday.") == []


def test_a_ship_named_after_its_kind_is_a_vessel() -> None:
    from wirebrief.analyze.weapons import find_weapon_systems

    ents = find_weapon_systems("The supply ship Masyu and the frigate Yamato Maru (454) sailed.")
    assert [(e.text, e.subtype) for e in ents] == [("Masyu", "vessel"),
                                                   ("Yamato Maru (454)", "vessel")]
    # a country's people, a weekday or a capitalised kind name no ship
    assert find_weapon_systems("A warship Chinese officials tracked left.") == []
    assert find_weapon_systems("The destroyer Monday was late; Destroyer Squadron 15.") == []
