"""The digest as a snapshot: ranked events, disputes, roles, weapons and a traceable overview."""

from __future__ import annotations

from pathlib import Path

from tests.stories.builders import make
from tests.stories.test_stories import ISKANDER
from wirebrief.store.db import Store
from wirebrief.stories.digest import build_digest, digest_json, render_html, render_markdown
from wirebrief.stories.merge import EvidenceItem, MergedEvent
from wirebrief.stories.snapshot import disputes, event_weapons, overview, rank_events

TALKS = "Poland and Lithuania held talks on air defence on Friday, officials said."
DENIAL = ("Russia did not deliver Iskander-M launchers to Belarus, the Kremlin said, denying "
          "the reports.")
PATRIOT = "Poland received Patriot launchers from the United States, Poland said."


def _store(tmp_path: Path) -> Store:
    st = Store(tmp_path / "s.db")
    extra = [
        make("talks-1", "Poland and Lithuania hold air defence talks",
             TALKS + " Belarus was not on the agenda.", "2024-03-13", "Baltic Post",
             [(TALKS, "CONSULT", "Poland", "Lithuania", "2024-03-13", None, None)]),
        make("deny-1", "Kremlin denies Iskander-M delivery to Belarus",
             DENIAL + " Belarus said nothing.", "2024-03-13", "State Wire",
             [(DENIAL, "AID", "Russia", "Belarus", "2024-03-12", ["Iskander-M"], "negation")]),
        make("pat-1", "Poland gets Patriot launchers", PATRIOT + " Belarus protested.",
             "2024-03-14", "Warsaw Daily",
             [(PATRIOT, "AID", "Poland", "Poland", "2024-03-14", ["Patriot"], None)]),
    ]
    for b in [*ISKANDER, *extra]:
        st.add(b)
    return st


def test_corroborated_grave_events_rank_first_and_doubtful_singles_drop() -> None:
    def ev(key: str, type_: str, outlets: list[str], conf: float) -> MergedEvent:
        m = MergedEvent(key=key, type=type_, mode=None, actor=None, recipient=None,
                        weapon_systems=[], aux=None, date=None, when="2024-03-12",
                        confidence=conf)
        m.evidence = [EvidenceItem(f"a{i}", None, None, o, None, "2024-03-12", "s", conf)
                      for i, o in enumerate(outlets)]
        return m

    ranked = rank_events([ev("talk", "CONSULT", ["A"], 0.9), ev("aid", "AID", ["A", "B", "C"], 0.8),
                          ev("doubt", "ASSAULT", ["A"], 0.3), ev("hit", "ASSAULT", ["B"], 0.9)])
    assert [r.event.key for r in ranked] == ["aid", "hit", "talk"]
    assert ranked[0].outlets == ["A", "B", "C"]


def test_digest_is_a_sourced_snapshot(tmp_path: Path) -> None:
    d = build_digest(_store(tmp_path), entity="Belarus", record=False)
    top = d.ranked[0].event
    assert top.type == "AID" and top.n_articles == 3 and top.weapon_systems == ["Iskander-M"]
    assert [w for w, _ in d.weapons] == ["Iskander-M"]  # not Patriot: not Belarus's event
    assert {"Russia", "Belarus"} <= {r.name for r in d.roles}
    assert "Poland" not in {r.name for r in d.roles}
    assert len(d.disputed) == 1 and d.disputed[0].denial.evidence[0].external_id == "deny-1"
    assert d.overview and d.overview[0].rank == 1
    assert d.overview[0].text == ("Russia sent military aid to Belarus (Iskander-M) on "
                                  "2024-03-12, according to 3 outlets.")
    md = render_markdown(d)
    assert "## Overview" in md and "[1]" in md and "## What is disputed" in md
    assert "[wire](https://wire-1.test/a)" in md and "Patriot" not in md.split("## When")[0]
    html = render_html(d)
    assert 'id="event-1"' in html and 'href="#event-1"' in html and "@media print" in html
    assert '"disputed"' in digest_json(d)


def test_overview_states_each_who_did_what_once() -> None:
    m = MergedEvent(key="k", type="AID", mode=None, actor=None, recipient=None,
                    weapon_systems=["Iskander-M"], aux=None, date=None, when="2024-03",
                    confidence=0.9)
    twice = rank_events([m, MergedEvent(**{**m.__dict__, "key": "k2", "evidence": []})])
    assert len(overview(twice)) == 1 and "in 2024-03" in overview(twice)[0].text
    assert event_weapons([m, m]) == [("Iskander-M", 2)]
    assert disputes([m]) == []
