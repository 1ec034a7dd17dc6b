from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.fixtures import sample_briefings
from wirebrief.config import Settings
from wirebrief.models import Briefing
from wirebrief.store.db import Store
from wirebrief.web.app import create_app

with warnings.catch_warnings():
    # Starlette nags about its httpx-based test client at import time; the client is fine.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers",
                            "browser: drives headless Chromium (needs /usr/bin/chromium)")


@pytest.fixture(scope="session")
def briefings() -> list[Briefing]:
    return sample_briefings()


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, briefings: list[Briefing]) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        for b in briefings:
            store.add(b)
    return path


@pytest.fixture(scope="session")
def client(store_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(db=str(store_path)))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
