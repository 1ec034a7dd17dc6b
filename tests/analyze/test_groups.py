"""Groups named by identity (religion, ethnicity, politics, region): their own entity type, one
name per group, and no part in the event coder's choice of parties."""

from __future__ import annotations

import pytest

from wirebrief.analyze.groups import group_name
from wirebrief.models import EntityType


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Shia", "Shiite"),
        ("Shi'ite", "Shiite"),
        ("Shiites", "Shiite"),
        ("Moslems", "Muslim"),
        ("Kurds", "Kurdish"),
        ("the Pashtuns", "Pashtun"),
        ("Westerners", "Western"),
        ("Karabakh Armenians", "Karabakh Armenian"),  # not listed: its own surface, singular
        ("LGBTQ", "LGBTQ"),
    ],
)
def test_one_name_per_group(surface: str, name: str) -> None:
    assert group_name(surface) == name


@pytest.mark.parametrize("surface", ["", "x", "shiite", "1990s", "G7"])
def test_what_is_not_a_group_name(surface: str) -> None:
    assert group_name(surface) is None


@pytest.mark.model
def test_identity_words_are_groups_and_demonyms_stay_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities

    doc = nlp("Shiite militias and Kurdish fighters clashed with Islamist insurgents near the "
              "Turkish border, Russian officials said.")
    found = {(e.text, e.type, e.canonical, e.country) for e in extract_entities(doc)}
    assert ("Shiite", EntityType.GROUP, "Shiite", None) in found
    assert ("Kurdish", EntityType.GROUP, "Kurdish", None) in found
    assert ("Islamist", EntityType.GROUP, "Islamist", None) in found
    assert ("Turkish", EntityType.COUNTRY, "Turkey", "TUR") in found
    assert ("Russian", EntityType.COUNTRY, "Russia", "RUS") in found


@pytest.mark.model
def test_a_group_is_not_a_party_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    """The coder's mentions are unchanged by groups: "Shiite" is not a party, the militias
    it names are (a group noun)."""
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.events.candidates import mentions_in

    doc = nlp("Shiite militias attacked a Sunni mosque in Baghdad.")
    sent = next(iter(doc.sents))
    ents = extract_entities(doc)
    assert any(e.type is EntityType.GROUP for e in ents)
    mentions, taken = mentions_in(sent, ents, doc)
    texts = [m.text for m in mentions]
    assert "Shiite militias" in texts
    assert "Shiite" not in texts and "Sunni" not in texts
    assert not taken & {t.i for t in doc if t.text in ("Shiite", "Sunni")}


def test_groups_have_their_own_chips_and_pages() -> None:
    from wirebrief.models import Entity
    from wirebrief.store.entities import KINDS
    from wirebrief.web.render import chips

    ents = [Entity(text=t, type=EntityType.GROUP, canonical="Shiite", start=0, end=len(t))
            for t in ("Shiite", "Shia")]
    groups = dict(chips(ents))
    assert [(c.label, c.kind, c.count) for c in groups["Groups"]] == [("Shiite", "group", 2)]
    assert KINDS["group"] is EntityType.GROUP
