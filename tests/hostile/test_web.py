"""Hostile requests to the web app: bad records answered alone (item 2), a brief that takes too
long abandoned within its budget (item 1), and the Host header checked (item 6)."""

from __future__ import annotations

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
    with TestClient(app, base_url="http://127.0.0.1") as c:
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


def test_a_slow_brief_is_stopped_and_the_server_answers(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.hostile import briefs
    from wirebrief.web.routers import api

    monkeypatch.setattr(api, "brief_for_api", briefs.sleepy)
    client.app.state.web.briefs.budget_s = 1.0  # type: ignore[attr-defined]
    r = client.post("/api/brief", json={"text": TEXT})
    assert r.status_code == 503
    assert r.json()["error"] == "timeout"
    assert client.get("/healthz").status_code == 200


def test_runner_kills_slow_and_survives_dead_workers() -> None:
    import anyio

    from tests.hostile import briefs
    from wirebrief.errors import AnalysisError, InputError
    from wirebrief.web.briefing import BriefRunner

    runner = BriefRunner(slots=1, budget_s=1.0)

    async def scenario() -> None:
        first = await runner.run(briefs.pid)
        assert await runner.run(briefs.pid) == first  # the worker is kept between briefs
        with pytest.raises(AnalysisError) as slow:
            await runner.run(briefs.sleepy)
        assert slow.value.reason == "timeout"
        assert await runner.run(briefs.echo, "after a timeout") == "after a timeout"
        with pytest.raises(AnalysisError) as died:
            await runner.run(briefs.crash)
        assert died.value.reason == "worker_died"
        with pytest.raises(InputError):
            await runner.run(briefs.refuse)  # the brief's own error comes back as it was
        assert await runner.run(briefs.pid) != first

    try:
        anyio.run(scenario)
    finally:
        runner.close()


@pytest.mark.parametrize("host", ["attacker.example", "127.attacker.example",
                                  "localhost.attacker.example", "127.0.0.1.nip.io", ""])
def test_foreign_host_header_is_refused(client: TestClient, host: str) -> None:
    # DNS rebinding: the browser sends the attacker's name once it resolves to 127.0.0.1.
    r = client.post("/api/brief", json={"text": TEXT, "save": True}, headers={"host": host})
    assert r.status_code == 400 and r.json()["error"] == "bad_host"
    assert client.get("/api/articles", headers={"host": host}).status_code == 400
    assert client.get("/api/articles").json()["items"] == []  # nothing was stored


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000"])
def test_own_host_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/healthz", headers={"host": host}).status_code == 200


def test_configured_and_bound_hosts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from wirebrief.web import serve as serve_mod

    apps: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: apps.append(app))
    monkeypatch.setenv("WIREBRIEF_ALLOWED_HOSTS", "news.example.org")
    monkeypatch.setenv("WIREBRIEF_TOKEN", "t")
    serve_mod.serve(str(tmp_path / "s.db"), "0.0.0.0", 8000, None)
    serve_mod.serve(str(tmp_path / "s.db"), "192.0.2.10", 8000, None)
    wildcard, bound = (TestClient(a, base_url="http://127.0.0.1") for a in apps)  # type: ignore[arg-type]
    for host, on_wildcard, on_bound in [("news.example.org", 200, 200), ("192.0.2.10", 200, 200),
                                        ("10.1.2.3:8000", 200, 400), ("localhost", 200, 400),
                                        ("attacker.example", 400, 400)]:
        assert wildcard.get("/healthz", headers={"host": host}).status_code == on_wildcard, host
        assert bound.get("/healthz", headers={"host": host}).status_code == on_bound, host


@pytest.mark.parametrize("host, loop", [("127.attacker.example", False), ("127.0.0.1", True),
                                        ("127.9.9.9", True), ("localhost", True), ("::1", True),
                                        ("[::1]", True), ("127.0.0.1.nip.io", False)])
def test_is_loopback_needs_an_address(host: str, loop: bool) -> None:
    from wirebrief.web.deps import is_loopback

    assert is_loopback(host) is loop


def test_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(48):
            yield b"x" * 65536  # 3 MB in all, with no Content-Length
        yield b'"}'

    r = client.post("/api/brief", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text
    assert r.json()["error"] == "too_large"
    assert client.get("/healthz").status_code == 200


def test_search_caps_its_words(client: TestClient) -> None:
    words = " ".join(f"w{i}" for i in range(249))
    r = client.get("/api/search", params={"q": words[:500]})
    assert r.status_code == 400 and r.json()["error"] == "bad_query"
    assert client.get("/api/search", params={"q": "tanks OR radars"}).status_code == 200
