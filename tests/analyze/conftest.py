"""Fixtures shared by the analysis tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The spaCy pipeline the product uses; the tests that need it skip without the model."""
    from wirebrief.analyze.nlp import load_nlp
    from wirebrief.errors import AnalysisError

    try:
        return load_nlp()
    except AnalysisError as exc:
        pytest.skip(f"spaCy model not installed: {exc}")
