from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.web.conftest import TestClient
from wirebrief.config import Settings
from wirebrief.models import Briefing
from wirebrief.web.app import create_app


def test_healthz_counts_articles(client: TestClient, briefings: list[Briefing]) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "articles": len(briefings)}


def test_articles_newest_first_and_paged(client: TestClient) -> None:
    body = client.get("/api/articles", params={"limit": 2}).json()
    dates = [a["published"] for a in body["items"]]
    assert dates == ["2024-04-18", "2024-03-05"]
    assert body["has_more"] is True
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert [a["published"] for a in rest["items"]] == ["2024-02-20", "2024-01-12"]
    assert rest["has_more"] is False


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "BLR"}, {"2024-02-20", "2024-01-12"}),
    ({"country": "blr"}, {"2024-02-20", "2024-01-12"}),
    ({"weapon": "K2 Black Panther"}, {"2024-03-05"}),
    ({"type": "CONSULT"}, {"2024-01-12"}),
    ({"since": "2024-02-01", "until": "2024-03-31"}, {"2024-02-20", "2024-03-05"}),
    ({"country": "POL", "type": "AID"}, {"2024-02-20", "2024-03-05"}),
])
def test_articles_filters(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    items = client.get("/api/articles", params=params).json()["items"]
    assert {a["published"] for a in items} == expected


def test_page_size_is_capped(client: TestClient) -> None:
    r = client.get("/api/articles", params={"limit": 201})
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_request"
    assert "limit" in r.json()["message"]


def test_article_by_id_prefix_and_not_found(client: TestClient, briefings: list[Briefing]) -> None:
    b = briefings[0]
    r = client.get(f"/api/articles/{b.id[:10]}")
    assert r.status_code == 200
    assert Briefing.model_validate(r.json()) == b
    missing = client.get("/api/articles/0000000000000000")
    assert missing.status_code == 404
    assert missing.json() == {"error": "not_found",
                              "message": "no article with id or external id '0000000000000000'"}


def test_summary_spans_index_the_text(client: TestClient, briefings: list[Briefing]) -> None:
    b = briefings[0]
    for n in (1, 2, 4):
        body = client.get(f"/api/articles/{b.id}/summary", params={"sentences": n}).json()
        assert body["article_id"] == b.id
        assert 1 <= len(body["sentences"]) <= n
        for s in body["sentences"]:
            assert b.text[s["start"]:s["end"]] == s["text"]
    headline = client.get(f"/api/articles/{b.id}/summary", params={"style": "headline"}).json()
    assert len(headline["sentences"]) == 1
    bad = client.get(f"/api/articles/{b.id}/summary", params={"style": "poem"})
    assert bad.status_code == 422


def test_stored_summary_reused_at_its_length(client: TestClient, briefings: list[Briefing]) -> None:
    b = briefings[1]
    body = client.get(f"/api/articles/{b.id}/summary",
                      params={"sentences": len(b.summary)}).json()
    assert [s["text"] for s in body["sentences"]] == [s.text for s in b.summary]


def test_entities_list_and_kinds(client: TestClient) -> None:
    items = client.get("/api/entities", params={"kind": "country"}).json()
    ids = [e["id"] for e in items]
    assert ids[0] in ("country:BLR", "country:RUS", "country:POL")
    assert {"country:BLR", "country:RUS", "country:KOR"} <= set(ids)
    assert all(e["kind"] == "country" for e in items)
    weapons = client.get("/api/entities", params={"q": "iskander"}).json()
    assert [e["id"] for e in weapons] == ["weapon_system:Iskander-M"]
    assert weapons[0]["n_articles"] == 2


def test_entity_detail_country(client: TestClient) -> None:
    body = client.get("/api/entities/country:BLR").json()
    assert body["entity"]["name"] == "Belarus"
    assert body["entity"]["n_articles"] == 2
    types = sorted(e["event"]["type"] for e in body["events"])
    assert types == ["AID", "AID", "AID", "CONSULT"]
    # Year-only dates (2023, 2025) stay off the monthly chart; empty months are filled in.
    assert [(t["period"], t["counts"]) for t in body["timeline"]] == [
        ("2024-01", {"CONSULT": 1}), ("2024-02", {"AID": 1})]
    assert {e["id"] for e in body["co_occurring"]} >= {"country:RUS", "weapon_system:Iskander-M"}
    assert "country:BLR" not in {e["id"] for e in body["co_occurring"]}


def test_entity_detail_person_and_weapon(client: TestClient) -> None:
    person = client.get("/api/entities/person:Viktor Khrenin").json()
    assert person["roles"] == ["defence minister"]
    weapon = client.get("/api/entities/weapon_system:Iskander-M").json()
    assert len(weapon["events"]) == 2
    assert all("Iskander-M" in e["event"]["weapon_systems"] for e in weapon["events"])


def test_entity_errors(client: TestClient) -> None:
    assert client.get("/api/entities/country:XYZ").status_code == 404
    r = client.get("/api/entities/spaceship:Enterprise")
    assert r.status_code == 422
    assert r.json()["error"] == "invalid_request"
    assert client.get("/api/entities", params={"kind": "spaceship"}).status_code == 422
    # every kind the store keeps is addressable, groups and operations included
    for kind in ("group", "operation"):
        assert client.get("/api/entities", params={"kind": kind}).status_code == 200
        assert client.get(f"/api/entities/{kind}:Nobody").status_code == 404
    page = client.get("/entities/spaceship:Enterprise")  # the page checks the id itself
    assert page.status_code == 400
    assert "KIND:NAME" in page.text


def test_country_pair(client: TestClient) -> None:
    body = client.get("/api/entities/country:RUS/with/country:BLR").json()
    assert body["by_type"] == {"AID": 3, "CONSULT": 1}
    assert all(e["event"]["actor"]["country"] in ("RUS", "BLR") for e in body["events"])
    assert client.get("/api/entities/country:RUS/with/weapon_system:Iskander-M").status_code == 400


def test_events_filters_and_formats(client: TestClient) -> None:
    aid = client.get("/api/events", params={"type": "aid", "actor": "RUS"}).json()
    assert len(aid) == 3
    assert {e["event"]["recipient"]["country"] for e in aid} == {"BLR"}
    weapon = client.get("/api/events", params={"weapon": "K2 Black Panther"}).json()
    assert [e["event"]["type"] for e in weapon] == ["AID"]
    dated = client.get("/api/events", params={"since": "2024-03-01"}).json()
    assert {e["published"] for e in dated} == {"2024-03-05", "2024-04-18"}

    r = client.get("/api/events", params={"format": "csv", "recipient": "BLR"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4
    assert {row["recipient_country"] for row in rows} == {"BLR"}

    r = client.get("/api/events", params={"format": "jsonl", "type": "AID"})
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert len(lines) == 6
    assert all(item["event"]["type"] == "AID" for item in lines)
    assert client.get("/api/events", params={"format": "xml"}).status_code == 422


def test_csv_neutralises_formulas(client: TestClient) -> None:
    from wirebrief.export import csv_cell

    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("Russia") == "Russia"


def test_search_snippets_and_facets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Iskander"}).json()
    assert len(body["items"]) == 2
    assert all("[Iskander" in item["snippet"] for item in body["items"])
    countries = {f["value"]: f["count"] for f in body["facets"]["countries"]}
    assert countries["BLR"] == 2
    assert {f["value"] for f in body["facets"]["weapons"]} >= {"Iskander-M"}
    narrowed = client.get("/api/search", params={"q": "tanks OR Iskander", "country": "POL"})
    assert [i["title"] for i in narrowed.json()["items"]] == [
        "Poland receives K2 tanks from South Korea",
        "Russia hands over Su-30SM2 fighters to Belarus"]
    assert client.get("/api/search", params={"q": "   "}).json()["items"] == []
    assert client.get("/api/search").status_code == 422


def test_unknown_api_route_is_json(client: TestClient) -> None:
    r = client.get("/api/nothing")
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"


def test_brief_body_limit(client: TestClient) -> None:
    big = json.dumps({"text": "x" * (2 * 1024 * 1024 + 10)})
    r = client.post("/api/brief", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"] == "too_large"


def test_brief_rejects_empty_input(client: TestClient) -> None:
    r = client.post("/api/brief", json={"text": "   "})
    assert r.status_code == 400
    assert r.json()["error"] == "empty"
    r = client.post("/api/brief", json={"text": "a", "html": "<p>b</p>"})
    assert r.status_code == 400


def test_brief_needs_token_when_configured(store_path: Path) -> None:
    app = create_app(Settings(db=str(store_path)), token="s3cret")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.post("/api/brief", json={"text": " "}).status_code == 401
        wrong = c.post("/api/brief", json={"text": " "}, headers={"Authorization": "Bearer no"})
        assert wrong.status_code == 401
        ok = c.post("/api/brief", json={"text": " "}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 400  # past the token check, refused for being empty
        assert c.get("/api/articles").status_code == 200  # reading needs no token


def test_brief_refused_off_loopback_without_token(store_path: Path) -> None:
    app = create_app(Settings(db=str(store_path)), require_token=True)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.post("/api/brief", json={"text": "Russia delivered tanks."})
        assert r.status_code == 403
        assert "WIREBRIEF_TOKEN" in r.json()["message"]


@pytest.mark.model
def test_brief_with_the_pipeline(client: TestClient) -> None:
    pytest.importorskip("wirebrief.analyze.weapons", reason="weapon recogniser not installed")
    text = ("Russia has delivered a new batch of Iskander-M missile systems to Belarus, the "
            "Belarusian defence ministry said on Tuesday. The systems will be deployed near "
            "the border with Poland, Defence Minister Viktor Khrenin said.")
    r = client.post("/api/brief", json={"text": text, "title": "Iskanders for Belarus",
                                        "published": "2024-04-02", "sentences": 1})
    assert r.status_code == 200, r.text
    b = Briefing.model_validate(r.json())
    assert b.title == "Iskanders for Belarus"
    assert len(b.summary) == 1
    assert {e.country for e in b.entities if e.type.value == "COUNTRY"} >= {"RUS", "BLR"}


def test_api_docs_work_offline(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text
    assert "/static-offline-docs/swagger-ui-bundle.js" in page.text
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    assert "cdn" not in page.headers["content-security-policy"]


def test_cli_and_api_read_the_same_articles(client: TestClient, store_path: Path) -> None:
    """`wirebrief list|search --json` and the API call the same read functions: same JSON."""
    from typer.testing import CliRunner

    from wirebrief.cli import app

    def cli(*args: str) -> list[dict[str, object]]:
        result = CliRunner().invoke(app, [*args, "--json", "--db", str(store_path)])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    listed = client.get("/api/articles", params={"limit": 50}).json()["items"]
    assert listed and cli("list") == listed
    found = client.get("/api/search", params={"q": "Belarus"}).json()
    assert found["items"] and cli("search", "Belarus") == found["items"]
    assert all("[" in (hit["snippet"] or "") for hit in found["items"])
    assert all(hit["score"] is not None for hit in found["items"])
