"""`serve` over a PostgreSQL store: pooled connections, the same JSON as over SQLite."""

from __future__ import annotations

import warnings
from pathlib import Path

from tests.web.fixtures import sample_briefings
from wirebrief.config import Settings
from wirebrief.store.db import Store
from wirebrief.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PATHS = ["/api/articles", "/api/search?q=missile", "/api/entities", "/api/events",
         "/api/stories", "/api/timeline?entity=RUS", "/entities", "/healthz"]


def _answers(db: str) -> dict[str, object]:
    with TestClient(create_app(Settings(db=db)), base_url="http://127.0.0.1") as client:
        out: dict[str, object] = {}
        for path in PATHS:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            out[path] = response.json() if path.startswith("/api") else response.text
        page = client.get("/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        return out


def test_serve_answers_the_same_from_a_pool(pg_url: str, tmp_path: Path) -> None:
    sqlite = tmp_path / "web.db"
    for target in (str(sqlite), pg_url):
        with Store(target) as store:
            for b in sample_briefings():
                store.add(b)
    app = create_app(Settings(db=pg_url))
    pool = app.state.web.pool
    assert pool is not None and pool.max_size > 1
    on_pg = _answers(pg_url)
    on_sqlite = _answers(str(sqlite))
    search = "/api/search?q=missile"
    assert [h["id"] for h in on_pg.pop(search)["items"]] == [  # type: ignore[index]
        h["id"] for h in on_sqlite.pop(search)["items"]]  # type: ignore[index]
    assert on_pg == on_sqlite
    pool.close()
