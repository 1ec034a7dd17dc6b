"""Stories, timeline and digest in the web app and the API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.web.conftest import TestClient
from tests.web.fixtures import sample_briefings
from tests.web.test_pages import tags
from wirebrief.config import Settings
from wirebrief.models import Briefing
from wirebrief.store.db import Store
from wirebrief.web.app import create_app
from wirebrief.web.routers.stories import monthly


def _retold(b: Briefing) -> Briefing:
    """The same story from another outlet a day later, lightly reworded."""
    text = b.text.replace("Russia", "Russia ", 1).replace("  ", " ") + "\n\nMore to follow."
    return b.model_copy(update={
        "id": "f" * 16, "text": text, "source": "Second Outlet", "external_id": "retold-1",
        "published": date(b.published.year, b.published.month, b.published.day + 1)
        if b.published else None})


@pytest.fixture(scope="module")
def briefings() -> list[Briefing]:
    found = sample_briefings()
    first = next(b for b in found if b.title and "Su-30SM2" in b.title)
    return [*found, _retold(first)]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory,
           briefings: list[Briefing]) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("stories-web") / "web.db"
    with Store(path) as store:
        for b in briefings:
            store.add(b)  # not placed in stories: the pages place them on first view
    with TestClient(create_app(Settings(db=str(path))), base_url="http://127.0.0.1") as c:
        yield c


def test_stories_page_places_articles_and_lists_threads(client: TestClient,
                                                         briefings: list[Briefing]) -> None:
    r = client.get("/stories")
    assert r.status_code == 200
    assert "Russia hands over Su-30SM2 fighters to Belarus" in r.text
    stories = client.get("/api/stories").json()
    retold = [s for s in stories if any(a["external_id"] == "retold-1" for a in s["articles"])]
    assert len(retold) == 1 and retold[0]["n_articles"] == 2
    assert set(retold[0]["sources"]) == {"Eastern Flank Monitor", "Second Outlet"}
    total = sum(s["n_articles"] for s in stories)
    assert total == len(briefings)  # every article, the retelling too, in exactly one story


def test_story_page_shows_articles_in_order_and_events(client: TestClient) -> None:
    story = next(s for s in client.get("/api/stories").json() if s["n_articles"] == 2)
    r = client.get(f"/stories/{story['id']}")
    assert r.status_code == 200
    first, second = (r.text.index(a["title"]) for a in story["articles"])
    assert first < second or story["articles"][0]["title"] == story["articles"][1]["title"]
    assert "Second Outlet" in r.text
    assert 'class="etype etype-aid"' in r.text
    assert 'href="/entities/country:BLR"' in r.text


def test_article_page_links_its_story(client: TestClient, briefings: list[Briefing]) -> None:
    client.get("/stories")
    r = client.get(f"/articles/{briefings[-1].id}")
    assert r.status_code == 200 and "In a story" in r.text
    assert any(t == "a" and (a.get("href") or "").startswith("/stories/") for t, a in tags(r.text))


def test_timeline_page_and_api(client: TestClient) -> None:
    r = client.get("/timeline", params={"entity": "Belarus", "with": "Russia"})
    assert r.status_code == 200
    assert "Belarus + Russia" in r.text and "<svg" in r.text
    events = client.get("/api/timeline", params={"entity": "BLR", "with": "RUS"}).json()
    assert events and all(e["type"] for e in events)
    whens = [e["when"] for e in events if e["when"]]
    assert whens == sorted(whens)
    # The retold article reports the same delivery: one event, two pieces of evidence.
    delivery = [e for e in events if "Su-30SM2" in e["weapon_systems"]]
    assert len(delivery) == 1 and delivery[0]["n_articles"] == 2


def test_timeline_filters_by_type(client: TestClient) -> None:
    events = client.get("/api/timeline", params={"entity": "Belarus", "type": "COOPERATE"}).json()
    assert all(e["type"] == "COOPERATE" for e in events)


def test_unknown_entity_keeps_the_form(client: TestClient) -> None:
    r = client.get("/timeline", params={"entity": "Atlantis"})
    assert r.status_code == 404
    assert "no entity matching" in r.text and 'name="entity"' in r.text
    r = client.get("/api/timeline", params={"entity": "Atlantis"})
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_digest_page_and_api(client: TestClient) -> None:
    r = client.get("/digest", params={"entity": "Belarus"})
    assert r.status_code == 200
    assert "What happened" in r.text and "Su-30SM2" in r.text
    d = client.get("/api/digest", params={"entity": "Belarus"}).json()
    assert d["label"] == "Belarus" and d["key_points"]
    assert d["ranked_events"] and all(e["outlets"] for e in d["ranked_events"])
    assert all(p["article"]["id"] for p in d["key_points"])
    # Viewing a digest on the web records no run: the next one has no previous run either.
    assert client.get("/api/digest", params={"entity": "Belarus"}).json()["previous_run"] is None


def test_hostile_titles_are_escaped_on_story_pages(client: TestClient) -> None:
    for url in ("/stories", "/digest?entity=Germany", "/timeline?entity=Germany"):
        r = client.get(url)
        assert r.status_code == 200, url
        scripts = [a for t, a in tags(r.text) if t == "script"]
        assert scripts == [{"src": "/static/app.js", "defer": None}], url
        assert "<b>bold</b>" not in r.text


def test_bad_inputs_are_clear_errors(client: TestClient) -> None:
    assert client.get("/stories/999999").status_code == 404
    assert client.get("/api/stories/999999").json()["error"] == "not_found"
    r = client.get("/api/stories", params={"since": "yesterday"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    assert client.get("/stories", params={"since": "yesterday"}).status_code == 400


def test_monthly_buckets_fill_gaps() -> None:
    from wirebrief.stories.merge import MergedEvent

    def ev(when: str, type_: str) -> MergedEvent:
        return MergedEvent(key=when + type_, type=type_, mode=None, actor=None, recipient=None,
                           weapon_systems=[], aux=None, date=None, when=when, confidence=0.5)

    buckets = monthly([ev("2024-01-05", "AID"), ev("2024-03", "AID"), ev("2024-03-09", "FIGHT")])
    assert [b.period for b in buckets] == ["2024-01", "2024-02", "2024-03"]
    assert buckets[1].total == 0 and buckets[2].counts == {"AID": 1, "FIGHT": 1}
