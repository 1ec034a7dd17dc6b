"""Outlet names from URLs, timelines of an entity's own events, chart bins that suit the span."""

from __future__ import annotations

from datetime import date

from tests.stories.builders import event
from wirebrief.outlets import outlet_name
from wirebrief.stories.merge import MergedEvent
from wirebrief.stories.query import EntityMatch, involves
from wirebrief.stories.timeline import bin_unit, binned_counts, chart_svg

TEXT = "Russia said Poland received Patriot launchers from the United States on Tuesday."


def test_outlet_names_come_from_the_table_then_the_domain() -> None:
    assert outlet_name(None, "https://www.reuters.com/world/europe/x") == "Reuters"
    assert outlet_name(None, "https://uk.reuters.com/x") == "Reuters"  # longest listed suffix
    assert outlet_name("babel.ua", None) == "Babel"  # a bare domain as the source
    assert outlet_name("My Gazette", "https://reuters.com/x") == "My Gazette"
    assert outlet_name(None, "https://news.example.co.uk/a") == "example.co.uk"
    assert outlet_name(None, "javascript:alert(1)") is None
    assert outlet_name(None, None) is None


def test_a_country_named_beside_an_event_is_not_part_of_it() -> None:
    ev = event(TEXT, TEXT, "AID", "Poland", "Poland", "2024-03-12", ["Patriot"])
    ev = ev.model_copy(update={"actor": ev.actor.model_copy(update={  # type: ignore[union-attr]
        "text": "United States", "country": "USA"})})
    mentions = [TEXT.index("Russia")]  # Russia is named in the sentence, but does nothing
    assert not involves(ev, EntityMatch("COUNTRY", "RUS", "Russia"), mentions)
    assert involves(ev, EntityMatch("COUNTRY", "POL", "Poland"), [])
    assert involves(ev, EntityMatch("COUNTRY", "USA", "United States"), [])
    assert involves(ev, EntityMatch("WEAPON_SYSTEM", "Patriot", "Patriot"), [])
    assert not involves(ev, EntityMatch("WEAPON_SYSTEM", "Iskander-M", "Iskander-M"), [])


def _events(days: list[str]) -> list[MergedEvent]:
    return [MergedEvent(key=d, type="AID", mode=None, actor=None, recipient=None,
                        weapon_systems=[], aux=None, date=None, when=d, confidence=0.9)
            for d in days]


def test_chart_bins_grow_with_the_span() -> None:
    assert bin_unit(date(2024, 1, 1), date(2024, 3, 1)) == "week"
    assert bin_unit(date(2022, 1, 1), date(2024, 3, 1)) == "month"
    assert bin_unit(date(2015, 1, 1), date(2024, 3, 1)) == "quarter"
    assert bin_unit(date(1990, 1, 1), date(2024, 3, 1)) == "year"
    unit, bins, types, counts = binned_counts(_events(["2014-02-03", "2024-03-12", "2024-03"]))
    assert unit == "quarter" and len(bins) <= 60 and bins[0] == date(2014, 1, 1)
    assert sum(c["AID"] for c in counts.values()) == 3 and types == ["AID"]
    svg = chart_svg(_events(["2014-02-03", "2024-03-12"]))
    width = int(svg.split('width="')[1].split('"')[0])
    assert width < 1300 and "events per quarter" in svg
