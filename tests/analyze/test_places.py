"""Offline geocoding of seas, straits, shoals and islands, and the precision of places."""

from __future__ import annotations

import pytest

from wirebrief.analyze.places import feature, feature_index, find_features, geocode
from wirebrief.models import Entity, EntityType


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Sea of Japan", 43.1, 135.3),
        ("Second Thomas Shoal", 9.75, 115.87),
        ("Ayungin Shoal", 9.75, 115.87),
        ("Bay of Bengal", 14.6, 87.5),
        ("Strait of Hormuz", 26.6, 56.3),
        ("Taiwan Strait", 24.2, 119.3),
        ("South China Sea", 10.3, 112.3),
        ("Black Sea", 44.1, 34.6),
        ("Bering Sea", 58.5, -179.3),  # boxed across the antimeridian, not at longitude 0
    ],
)
def test_physical_features_are_geocoded_offline(name: str, lat: float, lon: float) -> None:
    hit = geocode(name)
    assert hit is not None
    assert hit[0] == pytest.approx(lat, abs=0.1)
    assert hit[1] == pytest.approx(lon, abs=0.1)
    assert hit[2] == ""  # a sea belongs to no one country


def test_gazetteer_is_large_and_cities_still_win_a_bare_name() -> None:
    assert len(feature_index()) > 400
    assert geocode("San Salvador") is not None and geocode("San Salvador")[2] == "SLV"  # type: ignore[index]
    assert geocode("Kyiv")[2] == "UKR"  # type: ignore[index]
    assert feature("Grenada") is not None and geocode("Grenada")[2] != ""  # type: ignore[index]


def test_find_features_in_running_text() -> None:
    text = (
        "On Tuesday Black Sea patrols resumed. Boats reached Second Thomas Shoal, then the Sea of "
        "Japan, the Bay of Bengal and the Bosporus; an unknown Foo Bar Baz Strait is no place."
    )
    found = {name: text[s:e] for s, e, name, _ in find_features(text)}
    assert found == {
        "Black Sea": "Black Sea",
        "Second Thomas Shoal": "Second Thomas Shoal",
        "Sea of Japan": "the Sea of Japan",
        "Bay of Bengal": "the Bay of Bengal",
        "Bosporus": "the Bosporus",
    }


def test_precision_field_is_optional_and_validated() -> None:
    e = Entity(text="x", type=EntityType.PLACE, canonical="x", start=0, end=1, precision="near")
    assert e.precision == "near"
    assert Entity(text="x", type=EntityType.PLACE, canonical="x", start=0, end=1).precision is None
    with pytest.raises(ValueError):
        Entity(text="x", type=EntityType.PLACE, canonical="x", start=0, end=1, precision="city")


def _places(nlp, text: str) -> dict[str, Entity]:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    return {e.canonical: e for e in extract_entities(nlp(text)) if e.type is EntityType.PLACE}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "canonical", "precision"),
    [
        ("Russian and Chinese warships held drills in the Sea of Japan.", "Sea of Japan", "region"),
        ("Chinese ships fired water cannon near Second Thomas Shoal on Saturday.",
         "Second Thomas Shoal", "near"),
        ("The Indian Navy sent two frigates to the Bay of Bengal.", "Bay of Bengal", "region"),
        ("Iran seized a tanker in the Strait of Hormuz.", "Strait of Hormuz", "region"),
        ("A US destroyer sailed through the Taiwan Strait.", "Taiwan Strait", "region"),
        ("A missile hit an apartment block in Kyiv.", "Kyiv", "exact"),
        ("Drones struck a depot 30 km north of Izium.", "Izium", "near"),
    ],
)
def test_extracted_places_have_coordinates_and_precision(
    nlp, text: str, canonical: str, precision: str  # type: ignore[no-untyped-def]
) -> None:
    places = _places(nlp, text)
    assert canonical in places, places
    place = places[canonical]
    assert place.lat is not None and place.lon is not None
    assert place.precision == precision


@pytest.mark.model
def test_a_person_named_like_a_bay_stays_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    found = {e.text: e.type for e in extract_entities(
        nlp("The director Michael Bay met the minister in Kyiv on Monday."))}
    assert found.get("Michael Bay") is EntityType.PERSON, found


def test_provinces_and_states_give_their_country_and_a_point_inside() -> None:
    from wirebrief.analyze.places import region_country, region_point

    assert region_country("Jammu and Kashmir") == "IND"  # the code list writes "Kashmīr"
    assert region_country("Sindh") == "PAK"
    assert region_country("Idlib province") == "SYR"
    assert region_country("Anbar") == "IRQ"  # "Al Anbar"
    assert region_country("Punjab") is None  # India and Pakistan both have one
    assert region_country("North") is None  # says where, not which
    assert region_country("Eastern Province") is None  # Sri Lanka's, Saudi Arabia's, Zambia's ...
    assert region_country("Sahel") is None  # an area across countries, not Burkina Faso's region
    assert region_country("Nowhere Land") is None
    # the middle of the region's towns: inside its bounds, and only for its own country
    lat, lon = region_point("Sindh", "PAK") or (0.0, 0.0)
    assert 23.5 < lat < 28.6 and 66.5 < lon < 71.2, (lat, lon)
    lat, lon = region_point("Idlib province", "SYR") or (0.0, 0.0)
    assert 35.4 < lat < 36.3 and 36.1 < lon < 37.0, (lat, lon)
    assert region_point("Anbar", "IRQ") is not None  # "Al Anbar"
    assert region_point("Sindh", "IND") is None
    assert region_point("Nowhere Land", "PAK") is None


@pytest.mark.model
def test_a_province_in_text_is_a_region_of_its_country(nlp) -> None:  # type: ignore[no-untyped-def]
    places = _places(nlp, "Gunmen attacked a police post in Balochistan on Monday.")
    assert places["Balochistan"].country == "PAK"
    assert places["Balochistan"].precision == "region"
    lat, lon = places["Balochistan"].lat, places["Balochistan"].lon
    assert lat is not None and lon is not None and 24.8 < lat < 32.1 and 60.8 < lon < 70.3


def test_a_short_alternate_name_is_a_city_only_in_capitals() -> None:
    from wirebrief.analyze.places import geocode

    assert geocode("Pul") is None  # an alternate name of Poole, and the end of "Sar-e Pul"
    hit = geocode("NYC")
    assert hit is not None and hit[2] == "USA"


@pytest.mark.model
def test_a_hyphenated_province_keeps_its_whole_name(nlp) -> None:  # type: ignore[no-untyped-def]
    places = _places(nlp, "Taliban fighters attacked a checkpoint in Sar-e Pul province.")
    assert places["Sar-e Pul province"].country == "AFG", places


def test_geonames_spellings_of_regions_give_their_country() -> None:
    from wirebrief.analyze.places import region_country

    assert region_country("Crimea") == "UKR"  # ISO 3166-2 writes "Avtonomna Respublika Krym"
    assert region_country("Hokkaido") == "JPN"  # "Hokkaidô"
    assert region_country("Hesse") == "DEU"  # "Hessen"
    assert region_country("Sar-e Pol") == "AFG"
    assert region_country("Gaza") is None  # a province of Mozambique and of Palestine
    assert region_country("Central") is None


def test_a_base_or_port_takes_its_towns_point_when_the_article_names_the_country() -> None:
    from wirebrief.analyze.name_shapes import facility_town

    assert facility_town("port of Najin") == "Najin"
    assert facility_town("Ambala IAF airbase") == "Ambala"
    assert facility_town("Sanaa International Airport") == "Sanaa"
    assert facility_town("Engels Air Base") == "Engels"
    assert facility_town("San Carlos Fortress") is None  # no facility head to strip
    assert facility_town("12th Unmanned Aerial Vehicles Base") is None
    assert facility_town("Fort Magsaysay") is None


@pytest.mark.model
def test_facilities_and_contested_areas_are_placed(nlp) -> None:  # type: ignore[no-untyped-def]
    places = _places(nlp, "Indian Rafale jets landed at the Ambala airbase. Fighting resumed "
                          "in Nagorno-Karabakh, and troops moved into Jammu and Kashmir.")
    base = places["Ambala airbase"]
    assert (base.country, base.precision) == ("IND", "near")
    assert base.lat is not None and 29.5 < base.lat < 31.0
    area = places["Nagorno-Karabakh"]
    assert area.precision == "region" and area.lat is not None
    assert places["Jammu and Kashmir"].country == "IND"  # the area's "Kashmir" does not split it
    assert "Kashmir" not in places
    # a town named like a base's town in another country, which the article never names
    places = _places(nlp, "The jet landed at Argyle International Airport on Saturday.")
    assert places["Argyle International Airport"].lat is None


@pytest.mark.model
def test_named_exercises_and_operations_are_operations(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    text = ("The destroyer will join the Malabar exercise in the Bay of Bengal. The jets flew "
            "in Operation Desert Storm. Russian and Belarusian forces held joint drills, and "
            "the Joint Operation Command said so.")
    found = {e.text: e.type for e in extract_entities(nlp(text))}
    assert found.get("Malabar") is EntityType.OPERATION, found
    assert found.get("Operation Desert Storm") is EntityType.OPERATION, found
    ops = [t for t, k in found.items() if k is EntityType.OPERATION]
    assert sorted(ops) == ["Malabar", "Operation Desert Storm"], found


@pytest.mark.model
def test_a_lower_case_region_word_is_not_part_of_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    text = ("Drones struck a depot in the Ryazan region, and gunmen raided a village in "
            "Kaduna State.")
    places = {e.text: e for e in extract_entities(nlp(text)) if e.type is EntityType.PLACE}
    ryazan = places["Ryazan"]  # the guide's span; the reading stays the region's
    assert text[ryazan.start:ryazan.end] == "Ryazan"
    assert (ryazan.country, ryazan.precision) == ("RUS", "region")
    assert ryazan.canonical == "Ryazan region"
    assert "Kaduna State" in places


@pytest.mark.model
def test_continents_are_regions_not_towns_and_an_area_takes_its_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("China is expanding its influence in Africa and Asia. Israel struck targets in the "
            "Gaza Strip on Monday.")
    places = _places(nlp, text)
    africa = places["Africa"]  # not Mahdia, Tunisia, an old "Africa"
    assert (africa.country, africa.precision, africa.subtype) == (None, "region", "region")
    assert africa.lat is not None and -5 < africa.lat < 10
    gaza = places["Gaza Strip"]
    assert (gaza.country, gaza.precision) == ("PSE", "region")


def test_a_direction_word_is_no_towns_alternate_name() -> None:
    assert geocode("North") is None  # an alternate name of North Salt Lake, Utah
    assert geocode("Gulf") is None
    hit = geocode("Kyiv")
    assert hit is not None and hit[2] == "UKR"
