from __future__ import annotations

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
