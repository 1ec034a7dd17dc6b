"""Hostile requests to the web app: bad records answered alone (item 2), a brief that takes too
long abandoned within its budget (item 1), and the Host header checked (item 6)."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirebrief.config import Settings
from wirebrief.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXT = ("The defence ministry confirmed the delivery of twelve armoured vehicles to the border "
        "brigade on Monday, officials said. Crews will train on the new vehicles for six weeks.")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(db=str(tmp_path / "w.db")))
    with TestClient(app) as c:
        yield c


def test_deeply_nested_body_is_a_client_error(client: TestClient) -> None:
    body = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    r = client.post("/api/brief", content=body, headers={"content-type": "application/json"})
    assert r.status_code in (400, 422), r.text
    assert r.json()["error"]


@pytest.mark.model
def test_lone_surrogate_is_briefed_and_saved(client: TestClient) -> None:
    body = '{"text": "' + TEXT + ' \\ud800", "save": true}'
    r = client.post("/api/brief", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    assert "\ufffd" in r.json()["text"]
    assert client.get(f"/api/articles/{r.json()['id']}").status_code == 200


def test_a_slow_brief_is_abandoned_and_the_server_answers(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirebrief.web.routers import api

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(3)
        raise AssertionError("abandoned briefs are never answered")

    monkeypatch.setattr(api, "brief_raw", slow)
    client.app.state.web.brief_budget_s = 0.2  # type: ignore[attr-defined]
    r = client.post("/api/brief", json={"text": TEXT})
    assert r.status_code == 503
    assert r.json()["error"] == "timeout"
    assert client.get("/healthz").status_code == 200  # while the abandoned brief still runs
