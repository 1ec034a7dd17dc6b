"""Mention kinds the event coder's models see, and the party kinds a briefing shows."""

from __future__ import annotations

from wirebrief.analyze.events.candidates import entity_kind
from wirebrief.analyze.events.roles import _actor_kind
from wirebrief.models import Entity, EntityType


def _org(subtype: str | None) -> Entity:
    return Entity(text="Reuters", type=EntityType.ORGANIZATION, canonical="Reuters", start=0,
                  end=7, subtype=subtype, country="GBR")


def test_a_news_outlet_is_a_mention_kind_of_its_own() -> None:
    assert entity_kind(_org("media")) == "media"
    assert entity_kind(_org("ministry")) == "government"
    assert entity_kind(_org(None)) == "non_state"


def test_party_kinds_stay_within_the_schema() -> None:
    assert _actor_kind("media") == "non_state"
    assert _actor_kind("military") == "military"
    assert _actor_kind("pronoun") == "unknown"
