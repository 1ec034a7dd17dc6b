from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The evaluation data folder beside the repository; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): evaluation data not available")
    return SHARED


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A PostgreSQL server for the tests: the one `.ci/run` started (WIREBRIEF_TEST_PG), else
    a throwaway one started here; the tests that need it skip, with the reason, when neither
    can be had."""
    from tests import pgserver

    given = os.environ.get("WIREBRIEF_TEST_PG")
    if given:
        yield given
        return
    reason = pgserver.why_not()
    if reason:
        pytest.skip(f"no PostgreSQL server: {reason}")
    server = pgserver.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_admin_url: str, request: pytest.FixtureRequest) -> str:
    """A new, empty database for one test."""
    from tests import pgserver

    name = "t_" + re.sub(r"\W+", "_", request.node.name.lower())[:50]
    return pgserver.create_database(pg_admin_url, name)
