"""Near-duplicates (re-published wire copies) and updates (new versions of a story)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirebrief.models import Briefing
from wirebrief.pipeline import content_id
from wirebrief.store.db import Store
from wirebrief.store.dedup import (
    NearDuplicateIndex,
    index_for,
    shingles,
    store_with_dedup,
    title_key,
    url_key,
)

WIRE = (
    "Poland has received a further batch of K2 Black Panther main battle tanks from South Korea, "
    "the Polish Armament Agency said on Tuesday. The eighteen tanks were unloaded at the Baltic "
    "port of Gdynia after a month-long voyage and will be handed to the 16th Mechanised Division "
    "in the north-east of the country. Warsaw signed a framework agreement with Hyundai Rotem in "
    "2022 covering up to one thousand tanks, of which 180 were ordered in a first executive "
    "contract. Deputy Defence Minister Pawel Bejda said the deliveries were ahead of schedule and "
    "that crews had already completed training in South Korea. A second executive contract, for "
    "a further 180 tanks built partly in Poland, was signed last year. Officials said local "
    "production at the Bumar-Labedy plant in Gliwice would begin in 2026, with Polish components "
    "in the engine and the fire-control system. Analysts said the purchase makes Poland's armoured "
    "force one of the largest in Europe. The ministry also confirmed that additional K9 howitzers "
    "and Chunmoo rocket launchers from the same package would arrive before the end of the year."
)
SAME_TOPIC = (
    "South Korea's Hyundai Rotem expects more export orders for its K2 tank after the Polish "
    "contracts, company executives told reporters in Seoul on Wednesday. Romania and Slovakia have "
    "both tested the tank, and talks with several Middle Eastern buyers are under way, they said. "
    "The firm reported record quarterly profit driven by defence sales, while shares rose sharply. "
    "Executives said a new production line would double output by 2027, and that the company was "
    "studying a lighter version for export markets with weaker bridges and narrower roads. Poland "
    "remains by far the largest customer, with deliveries of the first 180 tanks almost complete."
)


def _brief(text: str, *, ext: str, url: str | None = None, title: str | None = None,
           source: str | None = None) -> Briefing:
    return Briefing(id=content_id(text), external_id=ext, url=url, title=title, source=source,
                    text=text)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "dedup.db")


def test_shingles_and_keys() -> None:
    assert shingles("one two three four five six") == {b"one two three four five",
                                                      b"two three four five six"}
    assert shingles("Short text") == {b"short text"}
    assert url_key("https://www.Example.com/a/b/?utm_source=x&id=3#top") == "example.com/a/b?id=3"
    assert url_key("http://example.com/a/b?id=3") == url_key("https://www.example.com/a/b/?id=3")
    assert title_key("Poland receives K2 tanks!") == "poland receives k2 tanks"
    assert title_key("Home") is None


def test_wire_story_on_three_sites_is_one_article(store: Store) -> None:
    copies = [
        WIRE,
        "GDYNIA (Reuters) - " + WIRE.replace("said on Tuesday", "said on Tuesday evening"),
        WIRE.replace("Analysts said", "Defence analysts said") + " Reporting by Reuters staff.",
    ]
    results = [store_with_dedup(store, _brief(t, ext=f"site{i}", url=f"https://site{i}.com/k2",
                                              source=f"Site {i}"))
               for i, t in enumerate(copies)]
    assert results[0].created and results[0].kind is None
    assert [r.kind for r in results[1:]] == ["near", "near"]
    assert all(r.id == results[0].id and not r.created for r in results[1:])
    assert all(r.similarity is not None and r.similarity >= 0.7 for r in results[1:])
    assert store.count() == 1
    sources = store.sources(results[0].id)
    assert [s["external_id"] for s in sources] == ["site0", "site1", "site2"]
    links = index_for(store).links(results[0].id)
    assert {link["kind"] for link in links} == {"near"} and len(links) == 2


def test_truncated_copy_is_near(store: Store) -> None:
    store_with_dedup(store, _brief(WIRE, ext="full"))
    half = WIRE[: int(len(WIRE) * 0.6)]
    result = store_with_dedup(store, _brief(half, ext="trimmed"))
    assert result.kind == "near" and store.count() == 1


def test_same_topic_different_story_is_kept(store: Store) -> None:
    a = store_with_dedup(store, _brief(WIRE, ext="a", title="Poland receives more K2 tanks"))
    b = store_with_dedup(store, _brief(SAME_TOPIC, ext="b", title="Hyundai Rotem eyes exports"))
    assert a.created and b.created and b.kind is None
    assert store.count() == 2


def test_exact_copy_adds_a_source(store: Store) -> None:
    store_with_dedup(store, _brief(WIRE, ext="a"))
    result = store_with_dedup(store, _brief(WIRE, ext="b", url="https://b.example/k2"))
    assert result.kind == "exact" and not result.created
    assert len(store.sources(result.id)) == 2


def test_update_at_same_url_is_a_new_linked_version(store: Store) -> None:
    url = "https://news.example.com/k2-delivery"
    first = store_with_dedup(store, _brief(WIRE, ext="v1", url=url, title="K2 tanks arrive"))
    updated = WIRE.replace(
        "Analysts said the purchase makes Poland's armoured force one of the largest in Europe.",
        "UPDATE: The ministry later said a second ship with twelve more tanks had left Changwon "
        "and would reach Gdynia in June, bringing the total delivered this year to forty-six. "
        "Opposition lawmakers asked for the full cost of the programme to be published.")
    second = store_with_dedup(store, _brief(updated, ext="v2", url=url + "?utm_source=rss",
                                            title="K2 tanks arrive"))
    assert second.kind == "update" and second.created
    assert second.duplicate_of == first.id and second.id != first.id
    assert store.count() == 2
    links = index_for(store).links(second.id)
    assert links[0]["duplicate_of"] == first.id and links[0]["kind"] == "update"


def test_same_headline_moderate_rewrite_is_update(store: Store) -> None:
    store_with_dedup(store, _brief(WIRE, ext="v1", url="https://a.example/1",
                                   title="Poland receives more K2 tanks"))
    sentences = WIRE.split(". ")
    rewritten = ". ".join(sentences[:5]) + ". " + SAME_TOPIC
    result = store_with_dedup(store, _brief(rewritten, ext="v2", url="https://a.example/2",
                                            title="Poland receives more K2 tanks"))
    assert result.kind == "update", result


def test_index_persists_and_backfills(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as first:
        first.add(_brief(WIRE, ext="plain-add"))  # stored without dedup: no signature yet
    with Store(path) as second:
        index = NearDuplicateIndex(second)  # signs the plain article on open
        copy = _brief(WIRE.replace("Tuesday", "Wednesday"), ext="copy")
        match = index.check(copy)
        assert match is not None and match.kind == "near"
        assert index.backfill() == 0


def test_a_merged_copy_merges_into_the_same_article_again(tmp_path: Path) -> None:
    title = "Poland receives more K2 tanks"
    sentences = WIRE.split(". ")
    copy = WIRE.replace("Tuesday", "Wednesday")
    rewritten = ". ".join(sentences[:5]) + ". " + SAME_TOPIC
    path = tmp_path / "s.db"
    with Store(path) as store:
        first = store_with_dedup(store, _brief(WIRE, ext="a", url="https://a.example/1",
                                               title=title))
        merged = store_with_dedup(store, _brief(copy, ext="b", url="https://b.example/1",
                                                title=title))
        # A later version under the same headline: on its own, the copy now looks like an
        # older draft of it ("update"), which would store the copy a second time.
        later = store_with_dedup(store, _brief(rewritten, ext="c", url="https://a.example/2",
                                               title=title))
        assert merged.kind == "near" and later.kind == "update"
    with Store(path) as store:
        again = store_with_dedup(store, _brief(copy, ext="b", url="https://b.example/1",
                                               title=title))
        assert (again.kind, again.id, again.created) == ("near", first.id, False)
        assert store.count() == 2
