"""Knowledge files: named ships and variants in the gazetteer, office holders by date."""

from __future__ import annotations

from datetime import date

import pycountry
import pytest

from wirebrief.analyze.office_holders import (
    OFFICES,
    apply_office_roles,
    eponymous_governments,
    load_office_holders,
    lookup_office,
    lookup_surname,
)
from wirebrief.analyze.weapons import find_weapon_systems, load_gazetteer, lookup_weapon
from wirebrief.models import Entity, EntityType


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.canonical, e.subtype) for e in find_weapon_systems(text)]


# --- weapon systems and ships ---------------------------------------------------------------


def test_gazetteer_now_lists_thousands_of_systems() -> None:
    assert len(load_gazetteer()) >= 1400


def test_mi35_is_not_reported_as_mi24() -> None:
    assert _found("Two Mi-35 helicopters landed.") == [("Mi-35", "Mi-35", "aircraft")]
    assert _found("Two Mi-35M helicopters landed.")[0][1] == "Mi-35"
    assert _found("Two Mi-24 helicopters landed.")[0][1] == "Mi-24"
    assert _found("The Mi-17 transported troops.")[0][1] == "Mi-17"


def test_named_ship_with_hull_number_is_one_vessel() -> None:
    text = "The amphibious ship USS Juneau (LPD 10) sailed from Sasebo."
    ents = find_weapon_systems(text)
    assert [(e.text, e.canonical) for e in ents] == [("USS Juneau (LPD 10)", "USS Juneau")]
    assert ents[0].type is EntityType.WEAPON_SYSTEM
    assert ents[0].subtype == "vessel"  # a named ship; its class keeps the SIPRI category
    assert ents[0].country == "USA"
    assert _found("The destroyer USS Carney shot down drones.")[0][1] == "USS Carney"
    assert _found("DDG-62 returned to port.")[0][1] == "USS Fitzgerald"


def test_bare_ship_name_needs_a_naval_word_close_by() -> None:
    assert _found("The nuclear submarine Kazan arrived in Havana.")[0][1] == "Kazan (Yasen-class)"
    assert _found("Officials in Kazan said the missile factory was hit.") == []
    assert _found("Lukashenko said in Minsk that missiles were ready.") == []
    assert _found("The Chinese destroyer Nanchang shadowed the group.")[0][1] == "Nanchang (101)"


def test_ship_named_after_a_place_is_found_only_with_its_prefix() -> None:
    assert _found("HMS Portland escorted the convoy.")[0][1] == "HMS Portland"
    assert _found("A frigate visited Portland last week.") == []


@pytest.mark.parametrize(
    ("text", "canonical", "not_this"),
    [
        ("Two Il-78 tankers refuelled the bombers.", "Il-78", "Il-76"),
        ("A Ka-50 helicopter crashed.", "Ka-50", "Ka-52"),
        ("China fired YJ-18 missiles.", "YJ-18", "YJ-12"),
        ("An EA-18G jammed the radar.", "EA-18G Growler", "F/A-18 Super Hornet"),
        ("Iran showed the Emad missile.", "Emad missile", "Shahab-3"),
        ("The BTR-70 was hit.", "BTR-70", "BTR-80"),
    ],
)
def test_variants_with_their_own_designation_are_their_own_system(
    text: str, canonical: str, not_this: str
) -> None:
    names = [e.canonical for e in find_weapon_systems(text)]
    assert names == [canonical] and not_this not in names


def test_common_word_aliases_keep_their_context_flag() -> None:
    assert _found("Poland bought more Grom launchers.")[0][1] == "Piorun"
    assert _found("Grom said the deal was done.") == []
    assert lookup_weapon("Hulun Lake") is not None
    assert _found("Tourists swam in Tai Lake.") == []


def test_every_ship_has_a_class_and_an_origin() -> None:
    ships = [s for s in load_gazetteer().values() if s.category == "ships"]
    assert len(ships) >= 550
    assert all(s.subtype for s in ships)
    assert len([s for s in ships if s.origin is None]) <= 3  # multinational classes only


# --- office holders -------------------------------------------------------------------------


def test_office_holder_rows_are_valid() -> None:
    tenures = load_office_holders()
    assert len(tenures) >= 400
    for t in tenures:
        assert t.office in OFFICES, t
        assert t.end is None or t.start < t.end, t
        if t.country is not None:
            assert pycountry.countries.get(alpha_3=t.country) is not None or t.country == "TWN"


def test_no_office_has_two_holders_on_one_day() -> None:
    by_office: dict[tuple[str | None, str, str], list] = {}
    for t in load_office_holders():
        if t.office != "other":
            by_office.setdefault((t.country, t.office, t.title), []).append(t)
    for key, tenures in by_office.items():
        tenures.sort(key=lambda t: t.start)
        for a, b in zip(tenures, tenures[1:], strict=False):
            assert a.end is not None and a.end <= b.start, (key, a.name, b.name)


@pytest.mark.parametrize(
    ("name", "day", "title", "country"),
    [
        ("Yasukazu Hamada", date(2023, 1, 10), "defence minister", "JPN"),
        ("Yasukazu Hamada", date(2009, 1, 10), "defence minister", "JPN"),  # a second stint
        ("Sergei Shoigu", date(2020, 6, 1), "defence minister", "RUS"),
        ("Andrei Belousov", date(2024, 6, 1), "defence minister", "RUS"),
        ("Vladimir Putin", date(2010, 1, 1), "prime minister", "RUS"),
        ("Vladimir Putin", date(2015, 1, 1), "president", "RUS"),
        ("Lloyd Austin", date(2022, 3, 1), "secretary of defense", "USA"),
        ("Volodymyr Zelenskyy", date(2023, 3, 1), "president", "UKR"),
    ],
)
def test_role_on_a_date_comes_from_the_data(
    name: str, day: date, title: str, country: str
) -> None:
    tenure = lookup_office(name, day)
    assert tenure is not None
    assert (tenure.title, tenure.country) == (title, country)


def test_no_role_outside_the_dates_held() -> None:
    assert lookup_office("Yasukazu Hamada", date(2024, 1, 10)) is None
    assert lookup_office("Sergei Shoigu", date(2024, 6, 1)) is None
    assert lookup_office("Yasukazu Hamada", None) is None


def test_surname_alone_resolves_only_when_unique() -> None:
    hit = lookup_surname("Hamada", date(2023, 1, 10))
    assert hit is not None and hit.name == "Yasukazu Hamada"
    assert lookup_surname("Hamada", date(2021, 1, 10)) is None


def _person(text: str, start: int = 0, **kw: object) -> Entity:
    return Entity(
        text=text, type=EntityType.PERSON, canonical=text, start=start,
        end=start + len(text), source="model", **kw,  # type: ignore[arg-type]
    )


def test_apply_office_roles_fills_role_and_country_from_the_date() -> None:
    day = date(2023, 1, 10)
    out = apply_office_roles([_person("Yasukazu Hamada")], day)
    assert (out[0].role, out[0].country) == ("defence minister", "JPN")
    # A role written in the text is kept.
    out = apply_office_roles([_person("Yasukazu Hamada", role="lawmaker")], day)
    assert out[0].role == "lawmaker" and out[0].country == "JPN"
    # Without a date: the one country he served, no role.
    out = apply_office_roles([_person("Yasukazu Hamada")], None)
    assert (out[0].role, out[0].country) == (None, "JPN")


def test_a_surname_typed_as_an_organisation_becomes_the_minister() -> None:
    org = Entity(
        text="Hamada", type=EntityType.ORGANIZATION, canonical="Hamada", start=0, end=6,
        subtype="other", source="model",
    )
    out = apply_office_roles([org], date(2023, 1, 10))
    assert out[0].type is EntityType.PERSON
    assert (out[0].canonical, out[0].role, out[0].country) == (
        "Yasukazu Hamada", "defence minister", "JPN",
    )
    assert apply_office_roles([org], date(2019, 1, 10))[0].type is EntityType.ORGANIZATION


def test_a_surname_the_tagger_read_as_an_unknown_place_becomes_the_office_holder() -> None:
    place = Entity(
        text="Hamada", type=EntityType.PLACE, canonical="Hamada", start=0, end=6,
        subtype="city", country="JPN", precision="country", source="model",
    )
    out = apply_office_roles([place], date(2023, 1, 10))
    assert (out[0].type, out[0].canonical, out[0].precision) == (
        EntityType.PERSON, "Yasukazu Hamada", None)
    # a place the gazetteer placed, or one outside every tenure, stays a place
    placed = place.model_copy(update={"lat": 34.9, "lon": 132.1})
    assert apply_office_roles([placed], date(2023, 1, 10))[0].type is EntityType.PLACE
    assert apply_office_roles([place], date(2019, 1, 10))[0].type is EntityType.PLACE


# --- armed groups and IGOs ------------------------------------------------------------------


def _orgs(text: str) -> list[tuple[str, str, str | None, str | None]]:
    from wirebrief.analyze.org_gazetteer import find_known_organisations

    return [(e.text, e.canonical, e.subtype, e.country) for e in find_known_organisations(text)]


def test_armed_groups_carry_their_base_country() -> None:
    assert _orgs("The TTP claimed the attack.") == [
        ("The TTP", "Tehrik-i-Taliban Pakistan", "non_state", "PAK")
    ]
    assert _orgs("Fighters of the Kachin Independence Army advanced.")[0][3] == "MMR"
    # From the UCDP file, not the curated one.
    assert _orgs("CPI-Maoist rebels ambushed police.")[0][1:] == ("CPI-Maoist", "non_state", "IND")


def test_generated_names_merge_into_the_curated_group() -> None:
    from wirebrief.analyze.org_gazetteer import lookup_organisation

    hamas = lookup_organisation("Harakat al-Muqawarna al-Islamiyya")
    assert hamas is not None and hamas.name == "Hamas" and hamas.country == "PSE"


def test_igos_and_peacekeeping_missions() -> None:
    found = _orgs("UNIFIL and KFOR troops met OSCE monitors.")
    assert [(f[1], f[2]) for f in found] == [
        ("United Nations Interim Force in Lebanon", "igo"),
        ("Kosovo Force", "igo"),
    ]


def test_acronyms_and_short_names_keep_their_capitals() -> None:
    assert _orgs("Let the record show.") == []
    assert _orgs("the pkk said") == []
    assert _orgs("LeT militants crossed.")[0][1] == "Lashkar-e-Taiba"
    assert _orgs("a hamas statement") == []  # a name needs its capital


def test_organisation_rows_are_valid() -> None:
    from wirebrief.analyze.org_gazetteer import load_organisations

    orgs = load_organisations()
    assert len(orgs) >= 700
    kinds = {"armed_forces", "non_state", "company", "government", "unit", "igo", "alliance",
             "media"}
    for org in orgs.values():
        assert org.kind in kinds | {"other"}, org
        if org.country is not None:
            assert pycountry.countries.get(alpha_3=org.country) is not None, org


def test_a_full_name_typed_as_an_organisation_becomes_the_person() -> None:
    org = Entity(
        text="Yasukazu Hamada", type=EntityType.ORGANIZATION, canonical="Yasukazu Hamada",
        start=0, end=15, subtype="other", source="model",
    )
    dated = apply_office_roles([org], date(2023, 1, 10))[0]
    assert (dated.type, dated.role, dated.country) == (
        EntityType.PERSON, "defence minister", "JPN",
    )
    undated = apply_office_roles([org], None)[0]
    assert (undated.type, undated.role, undated.country) == (EntityType.PERSON, None, "JPN")


def test_full_names_only_pass_leaves_surnames_for_later() -> None:
    day = date(2023, 1, 10)
    out = apply_office_roles([_person("Hamada"), _person("Yasukazu Hamada", 20)], day, False)
    assert out[0].role is None and out[1].role == "defence minister"


def test_a_titled_surname_without_a_date_takes_the_country_of_that_office() -> None:
    from wirebrief.analyze.office_holders import apply_office_roles
    from wirebrief.models import Entity, EntityType

    def person(name: str, role: str | None) -> Entity:
        return Entity(text=name, type=EntityType.PERSON, canonical=name, start=0,
                      end=len(name), role=role)

    found = apply_office_roles([person("Putin", "president"), person("Lavrov", "foreign minister"),
                                person("Austin", "Defense Secretary"), person("Putin", None),
                                person("Lavrov", "president")], None)
    # the office the text writes, held under that surname in one country: its country
    assert [e.country for e in found] == ["RUS", "RUS", "USA", None, None]
    assert all(e.canonical == e.text for e in found)  # which holder it is needs a date


def test_news_outlets_are_organisations_with_their_country(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    text = ("Police detained two men on Sunday, the Anatolia news agency reported. At least two "
            "children were rescued, Anatolia said. The Haaretz daily and Maariv said the army "
            "had been warned. Eastern Anatolia was cut off by snow.")
    ents = extract_entities(nlp(text))
    by_text = {e.text: e for e in ents}
    for name in ("Anatolia", "The Haaretz", "Maariv"):
        e = by_text[name]
        assert e.type is EntityType.ORGANIZATION and e.subtype == "media", e
    assert by_text["Anatolia"].country == "TUR"
    assert by_text["The Haaretz"].country == "ISR"
    # only a person reading of the short name is recast: the region keeps its own reading
    region = [e for e in ents if e.start >= text.index("Eastern Anatolia")]
    assert region and all(e.subtype != "media" for e in region), region


def test_a_japanese_service_named_without_its_country_is_japans() -> None:
    assert _orgs("the Maritime Self-Defense Force sent a destroyer")[0][1:] == (
        "Japan Self-Defense Forces", "armed_forces", "JPN")
    assert _orgs("JASDF jets scrambled")[0][3] == "JPN"


def test_a_government_named_after_its_leader_names_the_leader() -> None:
    text = ("The Biden administration imposed sanctions; under the Obama administration the "
            "Assad regime had struck. Trump's administration, the Labour government and the "
            "interim government agreed.")
    found = {e.text: e for e in eponymous_governments(text, date(2023, 2, 3))}
    assert set(found) == {"Biden", "Obama", "Assad", "Trump"}
    assert all(e.type is EntityType.PERSON for e in found.values())
    biden = found["Biden"]
    assert (biden.canonical, biden.country, biden.role) == ("Joe Biden", "USA", "president")
    assert found["Assad"].country == "SYR"
    # out of office on that day: the country the leader led, no title
    assert (found["Obama"].country, found["Obama"].role) == ("USA", None)
    assert [e.country for e in eponymous_governments("the Bush administration", None)] == ["USA"]
    assert eponymous_governments("the Smithers administration", None) == []


def test_leader_pattern_survives_hostile_text() -> None:
    # one pass over a 100,000-letter word (a backtracking pattern took minutes on it)
    assert eponymous_governments("A" + "a" * 100_000, None) == []
    assert eponymous_governments("", None) == []
    found = eponymous_governments("\x00\ufffd the Biden administration", date(2023, 2, 3))
    assert [e.text for e in found] == ["Biden"]


def test_an_undated_text_reads_offices_on_the_latest_full_day_it_writes(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    def people(text: str) -> list[tuple[str, str | None, str | None]]:
        return [(e.text, e.country, e.role) for e in extract_entities(nlp(text))
                if e.type is EntityType.PERSON]

    dated = "On 22 July 2021, Putin praised Pakistan for its role in fighting terrorism."
    assert people(dated) == [("Putin", "RUS", "president")]
    # a year alone is no day: a lone surname stays unresolved, as without any date
    assert people("In 2021, Putin praised Pakistan for its role in fighting terrorism.") == [
        ("Putin", None, None)]
    # the latest day written: Johnson was prime minister in 2020, not in 2023
    later = ("Johnson spoke on 3 March 2020 in London. Officials met again on 2 March 2023, "
             "Johnson said.")
    assert extract_entities(nlp(later), date(2020, 3, 4))[0].country == "GBR"
    assert all(p[2] is None for p in people(later))


def test_the_briefing_of_an_undated_text_gives_the_office_on_its_written_day() -> None:
    from wirebrief.pipeline import brief_text

    briefing = brief_text("On 22 July 2021, Putin praised Pakistan for its role in fighting "
                          "terrorism, the Kremlin said in a statement.")
    putin = next(e for e in briefing.entities if e.text == "Putin")
    assert (putin.country, putin.role) == ("RUS", "president")
    # the coder reads him as Russia's: the praise is not Pakistan's own
    by_putin = [e for e in briefing.events if e.actor is not None and e.actor.text == "Putin"]
    assert by_putin, briefing.events
    assert all(e.actor is not None and e.actor.country == "RUS" for e in by_putin), by_putin


def test_an_undated_lone_surname_takes_its_country_only_where_the_text_names_it(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    def countries(text: str) -> list[str | None]:
        return [e.country for e in extract_entities(nlp(text)) if e.type is EntityType.PERSON]

    assert countries("Putin praised Pakistan. Russia and Pakistan signed a deal.") == ["RUS"]
    # no date and Russia unnamed: the name alone is not enough
    assert countries("Putin praised Pakistan for its role in fighting terrorism.") == [None]
    # with a date, the office held that day decides, as before
    dated = extract_entities(nlp("Putin praised Pakistan. Russia signed a deal."), date(1990, 1, 1))
    assert [e.country for e in dated if e.type is EntityType.PERSON] == [None]
