"""Country, capital, metonym and IGO resolution."""

from __future__ import annotations

import pytest

from wirebrief.analyze.countries import (
    IGO_CODES,
    country_code,
    country_name,
    demonym_codes_in,
    igo_code,
    igo_name,
    is_capital,
    is_metonym,
)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("the Russian Federation", "RUS"),
        ("Russia", "RUS"),
        ("Russia's", "RUS"),
        ("RUSSIA", "RUS"),
        ("U.S.", "USA"),
        ("the U.S.", "USA"),
        ("United States", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Russian", "RUS"),
        ("Belarusian", "BLR"),
        ("Belarussian", "BLR"),
        ("Chinese", "CHN"),
        ("Ukrainian", "UKR"),
        ("Israeli", "ISR"),
        ("Iranian", "IRN"),
        ("Moscow", "RUS"),
        ("Minsk", "BLR"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Washington", "USA"),
        ("Beijing", "CHN"),
        ("Tehran", "IRN"),
        ("Pyongyang", "PRK"),
        ("Seoul", "KOR"),
        ("Ankara", "TUR"),
        ("London", "GBR"),
        ("Paris", "FRA"),
        ("Berlin", "DEU"),
        ("Tokyo", "JPN"),
        ("Delhi", "IND"),
        ("Islamabad", "PAK"),
        ("the Kremlin", "RUS"),
        ("the White House", "USA"),
        ("the Pentagon", "USA"),
        ("Downing Street", "GBR"),
        ("Whitehall", "GBR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Taiwan", "TWN"),
        ("North Korea", "PRK"),
        ("South Korean", "KOR"),
        ("Bolivia", "BOL"),
        ("Viet Nam", "VNM"),
        ("Zaire", "COD"),  # the country's name until 1997, coded COD as the guide rules
        ("Zairean", "COD"),
        ("the Soviet Union", "RUS"),  # former states: their successor
        ("USSR", "RUS"),
        ("Yugoslavia", "SRB"),
        ("Czechoslovakia", "CZE"),
        ("East Timorese", "TLS"),
        ("São Tomé and Príncipe", "STP"),
        ("Santomean", "STP"),
    ],
)
def test_country_code(name: str, iso3: str) -> None:
    assert country_code(name) == iso3


@pytest.mark.parametrize("word", ["turkey", "chad", "china", "us", "the", "", "Reuters", "Monday"])
def test_common_words_do_not_match(word: str) -> None:
    assert country_code(word) is None


def test_soviet_as_an_adjective_names_no_country() -> None:
    # "Soviet-era tanks" in a story about Ukraine must not make Russia a party
    assert country_code("Soviet") is None
    assert country_code("Soviets") == "RUS"


def test_country_name() -> None:
    assert country_name("RUS") == "Russia"
    assert country_name("BLR") == "Belarus"
    assert country_name("USA") == "United States"
    assert country_name("rus") == "Russia"
    assert country_name("ZZZ") is None


def test_capitals_and_metonyms() -> None:
    assert is_capital("Minsk")
    assert is_capital("Kiev")
    assert not is_capital("Belarus")
    assert not is_capital("the Kremlin")
    assert is_metonym("the Kremlin")
    assert is_metonym("Pentagon")
    assert is_metonym("Moscow")
    assert not is_metonym("Russia")


def test_igos() -> None:
    assert IGO_CODES["NATO"] == "NATO"
    assert IGO_CODES["the European Union"] == "EUR"
    assert IGO_CODES["the Union State"] == "UST"
    assert igo_code("the EU") == "EUR"
    assert igo_code("CSTO") == "CSTO"
    assert igo_code("African Union") == "AFU"
    assert igo_code("Russia") is None
    assert igo_name("IAEA") == "International Atomic Energy Agency"
    assert igo_name("UN") == "United Nations"


def test_gazetteer_scan() -> None:
    text = "Russian troops entered Ukraine as the U.S. warned Moscow."
    found = demonym_codes_in(text)
    assert [code for _s, _e, code in found] == ["RUS", "UKR", "USA", "RUS"]
    start, end, _ = found[2]
    assert text[start:end] == "U.S."


@pytest.mark.model
def test_a_country_joined_to_a_participle_is_the_country(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.models import EntityType

    text = ("The U.S.-led coalition and Guinea-Bissau sent troops; Ukraine fired U.S.-provided "
            "ATACMS.")
    found = {(e.text, e.type, e.country) for e in extract_entities(nlp(text))}
    assert ("U.S.", EntityType.COUNTRY, "USA") in found  # the name, not "U.S.-led"
    assert ("Guinea-Bissau", EntityType.COUNTRY, "GNB") in found  # a name with a hyphen stays
    assert not any("-led" in t or "-provided" in t for t, _, _ in found)
