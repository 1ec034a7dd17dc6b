"""The event coder's set of linear models (`wirebrief.analyze.linear`), loaded once from the
shipped `model.npz`, or swapped for cross-validation folds with `using_models`."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources

from wirebrief.analyze.linear import Features, LinearModel, dump_models, load_models

__all__ = ["Features", "LinearModel", "dump_models", "load_models"]


MODEL_FILE = "model.npz"
NONE = "NONE"
MODES: dict[str, tuple[str, ...]] = {}  # filled from the model's metadata


@dataclass(frozen=True)
class CoderModels:
    trigger: LinearModel
    sentence: LinearModel
    role: LinearModel
    modality: LinearModel
    mode: LinearModel
    context: LinearModel
    thresholds: dict[str, float]
    modes: dict[str, tuple[str, ...]]
    version: str


@functools.cache
def load_coder() -> CoderModels:
    data = resources.files(__package__).joinpath(MODEL_FILE).read_bytes()
    models, meta = load_models(data)
    th = dict(meta.get("thresholds") or {})  # type: ignore[call-overload]
    modes = {k: tuple(v) for k, v in dict(meta.get("modes") or {}).items()}  # type: ignore[call-overload]
    # the lexicon is data the features and the pledges read: a change of it is a new coder too
    lexicon = resources.files(__package__).joinpath("lexicon.json").read_bytes()
    version = hashlib.sha256(data + lexicon).hexdigest()[:10]
    return CoderModels(models["trigger"], models["sentence"], models["role"], models["modality"],
                       models["mode"], models["context"], {k: float(v) for k, v in th.items()},
                       modes, version)


_OVERRIDE: list[CoderModels] = []


@contextmanager
def using_models(models: CoderModels) -> Iterator[None]:
    """Code with other models for a while (cross-validation folds in training and benchmarks)."""
    _OVERRIDE.append(models)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def current_models() -> CoderModels:
    return _OVERRIDE[-1] if _OVERRIDE else load_coder()


def coder_name() -> str:
    """The component name with the hash of the model and the lexicon: it changes whenever
    either does."""
    return f"analyze.events.v2+{current_models().version}"
