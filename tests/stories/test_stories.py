"""Story threads, event merging, related articles, timelines and digests on hand-written stores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tests.stories.builders import make
from wirebrief.errors import InputError, NotFoundError
from wirebrief.models import Briefing
from wirebrief.store.db import Store
from wirebrief.stories import cli as stories_cli
from wirebrief.stories.digest import build_digest, render_html, render_markdown
from wirebrief.stories.merge import merge_events
from wirebrief.stories.query import load_events, resolve_entity
from wirebrief.stories.related import related_articles
from wirebrief.stories.threads import assign_to_story, build_stories, list_stories, story_of
from wirebrief.stories.timeline import chart_svg, timeline, write_chart

ISK = ("Russia has delivered a second set of Iskander-M launchers to Belarus, the Belarusian "
       "defence ministry said on Tuesday.")


def _iskander(outlet: str, n: int, day: str, lead: str, extra: str) -> Briefing:
    text = (f"{lead} {ISK} Defence Minister Pavel Ostrovsky said the launchers arrived at a "
            f"missile brigade near Asipovichy and crews trained on the Iskander-M at a Russian "
            f"range. {extra} NATO called the nuclear-capable missile deployment destabilising.")
    return make(f"{outlet}-{n}", f"{outlet}: Belarus receives more Iskander-M launchers", text,
                day, outlet,
                [(ISK, "AID", "Russia", "Belarus", day, ["Iskander-M"], None)])


ISKANDER = [
    _iskander("wire", 1, "2024-03-12", "MINSK —",
              "The missile brigade will hold launch drills in the spring."),
    _iskander("daily", 2, "2024-03-13", "Belarus got more Russian missiles.",
              "Officials gave no number of missiles delivered with the launchers."),
    _iskander("monitor", 3, "2024-03-14", "Analysis:",
              "Lithuania and Poland protested the Iskander-M launchers deployment."),
]
POTASH = make(
    "econ-1", "Belarus potash exports rerouted through Russian ports",
    "Belarus has shipped record volumes of potash fertiliser through Russian Baltic ports this "
    "year after Lithuania closed its rail transit, the state producer Belaruskali said. "
    "Fertiliser exports earn Belarus billions in hard currency, and traders in Singapore and "
    "Brazil said prices for potash had fallen since the rerouting began.",
    "2024-03-13", "Commodity Times")
ELECTION = make(
    "pol-1", "Belarus holds parliamentary election without opposition candidates",
    "Voters in Belarus cast ballots on Sunday in a parliamentary election in which no "
    "opposition candidates were allowed to stand. Exiled opposition leader Olga Denisova urged "
    "a boycott and Western observers were not invited to monitor the polling stations.",
    "2024-03-12", "Politics Weekly")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    st = Store(tmp_path / "s.db")
    for b in [*ISKANDER, POTASH, ELECTION]:
        st.add(b)
        assign_to_story(st, b)
    return st


def test_rewrites_from_different_outlets_end_in_one_story(store: Store) -> None:
    story = story_of(store, ISKANDER[0].id)
    assert story is not None
    assert {a.external_id for a in story.articles} == {"wire-1", "daily-2", "monitor-3"}
    assert story.first_seen == "2024-03-12" and story.last_seen == "2024-03-14"
    assert len(story.sources) == 3


def test_unrelated_stories_about_the_same_country_do_not_merge(store: Store) -> None:
    ids = {story_of(store, b.id).id for b in (ISKANDER[0], POTASH, ELECTION)}  # type: ignore[union-attr]
    assert len(ids) == 3
    assert len(list_stories(store)) == 3


def test_placement_is_idempotent_and_catch_up_places_the_rest(tmp_path: Path) -> None:
    st = Store(tmp_path / "c.db")
    for b in ISKANDER:
        st.add(b)
    assert build_stories(st) == 3
    assert build_stories(st) == 0
    again = assign_to_story(st, ISKANDER[1])
    assert not again.created and again.story_id == story_of(st, ISKANDER[0].id).id  # type: ignore[union-attr]


def test_known_near_duplicate_joins_its_original(tmp_path: Path) -> None:
    st = Store(tmp_path / "d.db")
    st.add(ISKANDER[0])
    assign_to_story(st, ISKANDER[0])
    st.add(POTASH)
    st.conn.execute("INSERT INTO duplicates (article_id, duplicate_of, similarity, kind) "
                    "VALUES (?, ?, 0.9, 'near')", (POTASH.id, ISKANDER[0].id))
    placed = assign_to_story(st, POTASH)
    assert placed.duplicate_of == ISKANDER[0].id and not placed.created


def test_same_event_from_several_articles_is_merged_once(store: Store) -> None:
    merged = merge_events(load_events(store, types=["AID"]))
    assert len(merged) == 1
    ev = merged[0]
    assert ev.n_articles == 3 and ev.weapon_systems == ["Iskander-M"]
    assert ev.when == "2024-03-12"
    assert [e.external_id for e in ev.evidence] == ["wire-1", "daily-2", "monitor-3"]


def test_events_with_different_weapon_mode_or_date_stay_apart() -> None:
    from tests.stories.builders import event
    from wirebrief.stories.merge import EventRecord

    text = ISK
    base = event(text, ISK, "AID", "Russia", "Belarus", "2024-03-12", ["Iskander-M"])
    recs = [
        EventRecord("a", 0, base),
        EventRecord("b", 0, event(text, ISK, "AID", "Russia", "Belarus", "2024-03",
                                  ["Iskander-M"])),  # coarser date, compatible
        EventRecord("c", 0, event(text, ISK, "AID", "Russia", "Belarus", "2024-03-12",
                                  ["Su-30SM2"])),
        EventRecord("d", 0, event(text, ISK, "AID", "Russia", "Belarus", "2024-03-12",
                                  ["Iskander-M"], "future")),
        EventRecord("e", 0, event(text, ISK, "AID", "Russia", "Belarus", "2024-05-02",
                                  ["Iskander-M"])),
    ]
    merged = merge_events(recs)
    assert sorted(m.n_articles for m in merged) == [1, 1, 1, 2]


@pytest.mark.parametrize("query", ["Belarus", "belarus", "BLR", "blr", "Belarusian"])
def test_entity_resolution_for_a_country(store: Store, query: str) -> None:
    match = resolve_entity(store, query)
    assert (match.type, match.key) == ("COUNTRY", "BLR")


def test_entity_resolution_for_weapon_and_person(store: Store) -> None:
    assert resolve_entity(store, "iskander-m").key == "Iskander-M"
    assert resolve_entity(store, "pavel ostrovsky").type == "PERSON"
    with pytest.raises(NotFoundError):
        resolve_entity(store, "Atlantis Navy")


def test_related_articles_give_a_reason(store: Store) -> None:
    related = related_articles(store, "wire-1", k=3)
    assert [r.external_id for r in related[:2]] == ["daily-2", "monitor-3"] or \
        {r.external_id for r in related[:2]} == {"daily-2", "monitor-3"}
    assert "Iskander-M" in related[0].reason and "Belarus" in related[0].reason
    assert related[0].score > related[-1].score or len(related) < 3


def test_timeline_with_partner_types_and_chart(store: Store, tmp_path: Path) -> None:
    matches, events = timeline(store, "Belarus", with_="Russia", types=["AID"],
                               since=date(2024, 3, 1))
    assert [m.key for m in matches] == ["BLR", "RUS"] and len(events) == 1
    assert timeline(store, "Belarus", with_="Poland")[1] == []
    svg = chart_svg(events, "Belarus <&> Russia")
    assert svg.count("<rect") >= 2 and "&lt;&amp;&gt;" in svg
    with pytest.raises(InputError):
        write_chart(events, tmp_path / "c.pdf")
    try:
        write_chart(events, tmp_path / "c.png")
        assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    except InputError as exc:  # Pillow absent: a clear error instead
        assert "svg" in exc.message


def test_digest_links_sentences_and_reports_what_is_new(tmp_path: Path) -> None:
    st = Store(tmp_path / "g.db")
    for b in ISKANDER[:2]:
        st.add(b)
    build_stories(st)
    first = build_digest(st, entity="Belarus", with_="Russia")
    assert first.previous_run is None and first.key_points
    assert all(p.article.external_id in {"wire-1", "daily-2"} for p in first.key_points)
    # Two outlets repeating one fact give one line, not two.
    assert sum("second set of Iskander-M" in p.text for p in first.key_points) == 1
    md = render_markdown(first)
    assert "## What happened" in md and "https://wire-1.test/a" in md
    st.add(ISKANDER[2])
    second = build_digest(st, entity="Belarus", with_="Russia")
    assert [a.external_id for a in second.new_articles] == ["monitor-3"]
    assert "New since the last digest" in render_markdown(second)


def test_digest_html_escapes_untrusted_text(tmp_path: Path) -> None:
    st = Store(tmp_path / "h.db")
    said = ("Belarus said <script>alert(2)</script> nothing about Russia today in a long "
            "statement read out by officials.")
    evil = make("evil-1", "<script>alert(1)</script> Belarus news",
                said + " Russia did not reply to questions from reporters in Minsk.",
                "2024-03-12", "<img src=x onerror=alert(1)>",
                [(said, "DISAPPROVE", "Belarus", "Russia", "2024-03-12", None, None)])
    st.add(evil)
    html = render_html(build_digest(st, entity="Belarus", record=False))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html


def test_cli_commands(store: Store) -> None:
    app = typer.Typer()
    for name in ("stories", "events", "timeline", "digest"):
        app.command(name)(getattr(stories_cli, name))
    runner = CliRunner()
    db = ["--db", store.path]
    res = runner.invoke(app, ["stories", *db, "--entity", "BLR", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert {s["n_articles"] for s in json.loads(res.stdout)} == {1, 3}
    res = runner.invoke(app, ["events", *db, "--entity", "Belarus", "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.count(",wire-1,") == 1 and "daily-2" in res.stdout
    res = runner.invoke(app, ["timeline", *db, "--entity", "Belarus", "--type", "AID,COOPERATE"])
    assert res.exit_code == 0 and "AID" in res.stdout and "3 article(s)" in res.stdout
    res = runner.invoke(app, ["digest", *db, "--entity", "Belarus", "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["label"] == "Belarus"
    res = runner.invoke(app, ["timeline", *db, "--entity", "Atlantis"])
    assert res.exit_code != 0
