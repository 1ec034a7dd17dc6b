"""The reference article: ../shared/data/seed/iskander-belarus.txt must be briefed right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirebrief.ingest.reader import read_document
from wirebrief.models import Briefing, EntityType
from wirebrief.pipeline import BriefOptions, brief_document

pytestmark = pytest.mark.model


def _brief(shared_dir: Path, published: date | None = None) -> Briefing:
    path = shared_dir / "data" / "seed" / "iskander-belarus.txt"
    if not path.is_file():
        pytest.skip(f"reference article missing: {path}")
    return brief_document(read_document(path, 20 * 1024 * 1024), BriefOptions(published=published))


@pytest.fixture(scope="module")
def briefing(shared_dir: Path) -> Briefing:
    return _brief(shared_dir)


def test_reference_text_is_clean(briefing: Briefing) -> None:
    for chrome in (
        "No time to read",
        "Get a summary",
        "Previous Article",
        "Next Article",
        "Belarus-Russia Intelligence Talks",
        "Russia Evaluates Military Developments",
    ):
        assert chrome not in briefing.text
    assert briefing.title and briefing.title.startswith(
        "Iskander-M deployment and Belarus training"
    )
    assert [r.title for r in briefing.related] == [
        "Belarus-Russia Intelligence Talks and Regional Security Dynamics",
        "Russia Evaluates Military Developments in the Northwest and West in Light of Finland's "
        "NATO Entry",
    ]


def test_reference_people_and_roles(briefing: Briefing) -> None:
    shoigu = [e for e in briefing.entities if e.canonical == "Sergei Shoigu"]
    assert shoigu and all(e.type is EntityType.PERSON for e in shoigu)
    assert any(e.role == "defense minister" and e.country == "RUS" for e in shoigu)


def test_reference_weapon_system_is_not_an_organisation(briefing: Briefing) -> None:
    iskander = [e for e in briefing.entities if "Iskander" in e.text]
    assert iskander
    assert all(e.type is EntityType.WEAPON_SYSTEM and e.canonical == "Iskander-M" for e in iskander)


def test_reference_countries_and_organisations(briefing: Briefing) -> None:
    countries = {e.country for e in briefing.entities if e.type is EntityType.COUNTRY}
    assert {"BLR", "RUS"} <= countries
    federation = [
        e
        for e in briefing.entities
        if e.text == "the Russian Federation" or e.text == "Russian Federation"
    ]
    assert federation and federation[0].country == "RUS"
    governments = {
        e.text: e.country
        for e in briefing.entities
        if e.type is EntityType.COUNTRY and e.subtype == "government"
    }
    assert governments.get("Moscow") == "RUS" and governments.get("Minsk") == "BLR"
    orgs = {e.canonical: e for e in briefing.entities if e.type is EntityType.ORGANIZATION}
    assert any("NATO" in name or "North Atlantic" in name for name in orgs)
    assert "European Union" in orgs
    forces = [e for e in orgs.values() if e.subtype == "armed_forces" and e.country == "BLR"]
    assert forces and "Belarusian Armed Forces" in forces[0].text


def test_reference_date_resolution_needs_publication_date(
    briefing: Briefing, shared_dir: Path
) -> None:
    april = [e for e in briefing.entities if e.type is EntityType.DATE and e.text == "April 3"]
    assert april and april[0].timex and april[0].timex.value == "XXXX-04-03"
    assert not april[0].timex.resolved
    dated = _brief(shared_dir, published=date(2023, 4, 10))
    april = [e for e in dated.entities if e.type is EntityType.DATE and e.text == "April 3"]
    assert april[0].timex and april[0].timex.value == "2023-04-03"


def test_reference_events(briefing: Briefing) -> None:
    """The delivery and the planned storage site are coded with the right parties. (The learned
    coder does not code the training programme as an event: a known miss, measured in
    docs/benchmarks/events.md, not patched here.)"""
    events = briefing.events
    assert 2 <= len(events) <= 5, [(e.type, e.evidence.sentence) for e in events]
    delivery = next(e for e in events if "received" in e.evidence.sentence)
    assert delivery.type == "AID" and "military" in delivery.contexts
    assert delivery.weapon_systems == ["Iskander-M"]
    assert delivery.recipient and delivery.recipient.country == "BLR"
    assert delivery.actor and delivery.actor.country == "RUS"
    assert (
        delivery.attribution
        and "minister" in delivery.attribution.text.lower()
        or delivery.attribution
        and "Shoigu" in delivery.attribution.text
    )

    storage = next(e for e in events if "storage facility" in e.evidence.sentence)
    assert storage.aux == "future"
    assert {"military", "cbrn"} <= set(storage.contexts)
    assert storage.attribution is not None
    for event in events:
        assert briefing.text[event.evidence.start : event.evidence.end] == event.evidence.sentence


def test_reference_summary_opens_with_the_delivery(briefing: Briefing) -> None:
    # The default summary is chosen from the text alone (lead-aware centrality): it opens with
    # the article's first sentence, Shoigu on Belarus's acquisition of the Iskander-M.
    assert len(briefing.summary) == 3
    assert briefing.summary[0].text.startswith("During a conference call")
    assert "acquisition of the Iskander-M" in briefing.summary[0].text


def test_reference_summary_with_the_domain_prior_follows_the_sure_events(
    briefing: Briefing,
) -> None:
    from wirebrief.summarize.article import (
        SURE_EVENT,
        SummaryOptions,
        domain_boosts,
        summarize_article,
    )
    from wirebrief.summarize.sentences import split_sentences

    # Every sentence the domain prior picks reports a coded event, the delivery among them.
    # The storage plan is coded (future) but steers the summary only when the coder is sure of
    # it: the coder retrained with the corpus's fourth part reads it at about 0.245, just under
    # SURE_EVENT, where the one before read it above (its 4-sentence domain summary had it).
    spans = split_sentences(briefing.text)
    boosts = domain_boosts(briefing.text, spans, briefing.entities, briefing.events)
    storage = next(i for i, (a, b) in enumerate(spans)
                   if "storage facility" in briefing.text[a:b])
    storage_event = next(e for e in briefing.events if "storage facility" in e.evidence.sentence)
    assert (boosts.get(storage, 0.0) >= 2.0) == (storage_event.confidence >= SURE_EVENT)
    options = SummaryOptions(sentences=3, prior="domain")
    summary = summarize_article(briefing.text, options, entities=briefing.entities,
                                events=briefing.events)
    starts = {a: i for i, (a, _) in enumerate(spans)}
    assert all(boosts.get(starts[s.start], 0.0) >= 2.0 for s in summary)
    joined = " ".join(s.text for s in summary)
    assert "received" in joined or "acquisition" in joined
    options = SummaryOptions(sentences=4, prior="domain")
    summary = summarize_article(briefing.text, options, entities=briefing.entities,
                                events=briefing.events)
    if storage_event.confidence >= SURE_EVENT:
        assert "storage facility" in " ".join(s.text for s in summary)
