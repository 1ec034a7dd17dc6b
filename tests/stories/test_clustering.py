"""Story clustering: coded events as story keys, and stories rebuilt after a re-analysis."""

from __future__ import annotations

from pathlib import Path

from tests.stories.builders import event
from tests.stories.test_stories import ELECTION, ISKANDER, POTASH
from wirebrief.store.db import Store
from wirebrief.stories.features import briefing_counts, event_counts
from wirebrief.stories.threads import (
    assign_to_story,
    list_stories,
    rebuild_stories,
    shares_event,
    story_of,
    threshold,
)

TEXT = "Russia delivered Iskander-M launchers to Belarus. Russia did not deliver jets to Poland."


def test_event_keys_name_who_did_what_to_whom_and_skip_doubtful_or_denied_events() -> None:
    sure = event(TEXT, TEXT.split(". ")[0] + ".", "AID", "Russia", "Belarus", "2024-03-12")
    denied = event(TEXT, "Russia did not deliver jets to Poland.", "AID", "Russia", "Poland",
                   "2024-03-12", aux="negation")
    doubtful = sure.model_copy(update={"confidence": 0.2, "type": "ASSAULT"})
    assert event_counts([sure, denied, doubtful]) == {"V:AID:RUS>BLR": 1}
    assert "V:AID:RUS>BLR" in briefing_counts(ISKANDER[0])[1]


def test_a_shared_event_or_weapon_lowers_the_bar_to_join() -> None:
    assert threshold(0, shared_event=True) < threshold(0)
    assert threshold(30) > threshold(0)
    assert shares_event(["V:AID:RUS>BLR"], {"V:AID:RUS>BLR": 1.0, "C:BLR": 1.0})
    assert not shares_event(["W:Iskander-M"], {"C:BLR": 1.0})


def test_rebuild_places_every_article_again_in_the_same_stories(tmp_path: Path) -> None:
    st = Store(tmp_path / "r.db")
    for b in [*ISKANDER, POTASH, ELECTION]:
        st.add(b)
        assign_to_story(st, b)
    before = sorted(sorted(a.id for a in s.articles) for s in list_stories(st))
    assert rebuild_stories(st) == 5
    after = sorted(sorted(a.id for a in s.articles) for s in list_stories(st))
    assert after == before and len(after) == 3
    assert story_of(st, POTASH.id) is not None
