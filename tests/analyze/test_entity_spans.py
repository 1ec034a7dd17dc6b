"""Organisations and people spanned as the annotation guide spans them (`docs/annotation.md`)."""

from __future__ import annotations

import pytest

from wirebrief.analyze.orgs import find_organisations
from wirebrief.models import EntityType


def _found(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """The first reading of each span, as the layer keeps it (the later capitalised-body pattern
    finds "Defence Ministry" again, without its country), and the longest where one is inside
    another."""
    first: dict[tuple[int, int], tuple[str, str, str | None, str | None]] = {}
    for e in find_organisations(text):
        first.setdefault((e.start, e.end), (e.text, e.type.value, e.subtype, e.country))
    outer = [k for k in first if not any(o != k and o[0] <= k[0] and k[1] <= o[1] for o in first)]
    return [first[k] for k in sorted(outer)]


def test_a_country_and_its_body_are_two_mentions() -> None:
    assert _found("Poland's Defence Ministry said so.") == [
        ("Poland", "COUNTRY", "name", "POL"),
        ("Defence Ministry", "ORGANIZATION", "ministry", "POL")]
    assert _found("Russian forces attacked.") == [
        ("Russian", "COUNTRY", "adjective", "RUS"),
        ("forces", "ORGANIZATION", "armed_forces", "RUS")]  # still Russia's armed forces


def test_a_body_named_with_its_country_is_one_mention() -> None:
    assert _found("The Indian Air Force flew.") == [
        ("Indian Air Force", "ORGANIZATION", "armed_forces", "IND")]
    assert _found("The Russian Defense Ministry said.") == [
        ("Russian Defense Ministry", "ORGANIZATION", "ministry", "RUS")]


def test_a_seat_of_government_is_an_organisation_of_its_country() -> None:
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.nlp import load_nlp

    ents = extract_entities(load_nlp()("Biden spoke at the White House on Monday."))
    house = next(e for e in ents if "White House" in e.text)
    assert (house.type, house.subtype, house.country) == (
        EntityType.ORGANIZATION, "government", "USA")


def test_a_person_s_name_leaves_titles_out_and_stays_a_person_after_of() -> None:
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.nlp import load_nlp

    text = "Pope Francis met King Salman after the killing of Khashoggi."
    people = [e.text for e in extract_entities(load_nlp()(text))
              if e.type is EntityType.PERSON]
    assert "Francis" in people and "Salman" in people and "Khashoggi" in people


@pytest.mark.model
def test_a_state_body_named_after_its_country_is_one_name(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    text = "The US State Department said the Russian Wagner Group and Russian forces advanced."
    found = {e.text: (e.type, e.country) for e in extract_entities(nlp(text))}
    assert found["US State Department"] == (EntityType.ORGANIZATION, "USA")
    assert "US" not in found
    assert found.get("Russian") == (EntityType.COUNTRY, "RUS")  # "forces" is no name
    assert "Russian Wagner Group" not in found  # a group named in its own right


def test_a_national_security_council_is_not_the_un_one() -> None:
    def texts(text: str) -> dict[str, str | None]:
        return {e.text: e.subtype for e in find_organisations(text)}

    assert "Security Council" not in texts(
        "Adrienne Watson of the National Security Council said so.")  # not the UN's
    assert texts("Iraq appealed to UN Security Council members.").get(
        "UN Security Council") == "igo"
    assert texts("The Security Council met on Monday.").get("Security Council") == "igo"


def test_a_body_named_with_of_and_its_country_is_one_name() -> None:
    assert _found("Armed Forces of Belarus said so.") == [
        ("Armed Forces of Belarus", "ORGANIZATION", "armed_forces", "BLR")]
    assert _found("The Ministry of Defence of Russia said so.") == [
        ("The Ministry of Defence of Russia", "ORGANIZATION", "ministry", "RUS")]


@pytest.mark.model
def test_every_mention_is_a_real_span_of_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    """No mention is empty or inverted, and its text is what it spans (an "X of Country"
    body once gave an empty mention starting after its end)."""
    from wirebrief.analyze.entities import extract_entities

    text = ("Armed Forces of Belarus and the Armed Forces of Ukraine met at Hodeidah port. "
            "AFRICOM, the KPA and Shiite militias were named; the Soviet Union was not.")
    for e in extract_entities(nlp(text)):
        assert 0 <= e.start < e.end <= len(text), e
        assert text[e.start:e.end] == e.text, e


@pytest.mark.parametrize("surface", ["GMT", "AEDT", "(AEDT)", "Indian Standard Time",
                                     "Greenwich Mean Time", "Moscow Time"])
def test_a_time_zone_names_no_one(surface: str) -> None:
    from wirebrief.analyze.name_shapes import is_time_zone, names_no_one

    assert is_time_zone(surface) and names_no_one(surface)


def test_a_time_zone_is_no_entity(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    doc = nlp("The truce began at 1700 hours Indian Standard Time. Sweden joined on Friday "
              "(AEDT).")
    names = {e.text for e in extract_entities(doc)}
    assert "Indian Standard Time" not in names and "AEDT" not in names
    assert "Sweden" in names
    from wirebrief.analyze.name_shapes import is_time_zone

    assert not is_time_zone("Eastern Command") and not is_time_zone("Standard Time Group Ltd")
