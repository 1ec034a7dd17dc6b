"""The context model's candidates: the countries an article gives a party its sentence leaves
without one (gazetteer mentions, places of the sentence, countries named beside the name)."""

from __future__ import annotations

from wirebrief.analyze.events.context import CountryContext, context_features, place_countries
from wirebrief.models import Entity, EntityType


def test_place_in_the_sentence_makes_its_country_a_candidate() -> None:
    text = "A car bomb outside a police station in Kirkuk killed four officers."
    ctx = CountryContext(text, [])
    assert ctx.candidates(0, len(text)) == {}
    kirkuk = Entity(text="Kirkuk", type=EntityType.PLACE, canonical="Kirkuk",
                    start=text.index("Kirkuk"), end=text.index("Kirkuk") + 6, subtype="city",
                    country="IRQ")
    places = place_countries([kirkuk])
    assert places == [(kirkuk.start, kirkuk.end, "IRQ")]
    cands = ctx.candidates(0, len(text), places)
    assert set(cands) == {"IRQ"}
    assert cands["IRQ"]["place"] == 1.0
    # a place outside the sentence is not this sentence's candidate
    assert ctx.candidates(0, kirkuk.start - 1, places) == {}


def test_countries_named_beside_a_name_are_linked_to_it() -> None:
    text = ("French defence minister Charles Millon arrived on Monday for talks. Later, Millon "
            "said that the officers who had taken part in the exercises of the last two years "
            "were welcome at the academies of China.")
    ctx = CountryContext.of(text)
    start = text.index("Later")
    cands = ctx.candidates(start, len(text))
    assert "FRA" in cands and "CHN" in cands
    linked = ctx.linked(cands, "Millon")
    assert linked["FRA"].get("link=nearest") == 1.0
    assert "link=nearest" not in linked["CHN"]
    assert "link=nearest" not in cands["FRA"]  # the sentence's candidates are left unchanged
    # common words and missing names add nothing
    assert ctx.linked(cands, None) is cands
    assert ctx.linked(cands, "he") is cands
    f = context_features(linked["FRA"], "actor", "CONSULT", None, set(), "FRA", "person")
    assert f["actor|CONSULT|link=nearest"] == 1.0


def test_a_candidate_that_is_the_other_partys_country_is_read_apart() -> None:
    text = "Mali's army said on Monday that jihadists attacked an army post near Gao."
    ctx = CountryContext.of(text)
    cands = ctx.candidates(0, len(text))
    assert set(cands) == {"MLI"}
    assert cands["MLI"]["countries=1"] == 1.0  # how many countries the article has named
    same = context_features(cands["MLI"], "actor", "ASSAULT", "MLI", set(), "MLI", "non_state")
    # the candidate's standing and the party's kind, crossed with its being the other's country
    assert same["other"] == 1.0
    assert same["other&kind=non_state"] == 1.0
    assert same["actor|ASSAULT|other&insent"] == 1.0
    apart = context_features(cands["MLI"], "actor", "ASSAULT", "FRA", set(), "MLI", "non_state")
    assert apart["notother"] == 1.0
    assert not any(name.startswith("other&") or "|other&" in name for name in apart)


def test_a_country_inside_a_news_outlets_name_is_not_article_context() -> None:
    text = ("Germany announced plans to stop exporting arms, Agence France-Presse reports, "
            "as the Voice of America said.")
    ctx = CountryContext.of(text)
    assert [c for _a, _b, c in ctx.mentions] == ["DEU"]
    # the coder passes the outlets the entity layer found; none given, none left out
    assert [c for _a, _b, c in CountryContext.of(text, []).mentions] == ["DEU", "FRA", "USA"]


def test_a_stance_towards_a_country_is_not_its_presence() -> None:
    text = ("Pro-Russian rebels and anti-American protesters met pro- Iranian crowds near "
            "Russian troops, in a prosperous Pakistani town.")
    assert [c for _a, _b, c in CountryContext.of(text, []).mentions] == ["RUS", "PAK"]
