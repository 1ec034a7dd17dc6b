"""A linear classifier stored as a small `.npz` file, scored with numpy alone.

Training (scikit-learn, in `wirebrief.training`) exports each model as: class names, a
vocabulary of sparse feature names, one weight row per feature, an optional dense weight block
(for spaCy's token vectors) and biases. Inference sums the rows of the features present, which
is all a multinomial logistic regression needs, without scikit-learn at run time.

`CoderModels` is the event coder's set of models, loaded once from the shipped `model.npz` (or
swapped for cross-validation folds with `using_models`).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

Features = Mapping[str, float]


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[str, ...]
    vocab: dict[str, int]
    weights: NDArray[np.float32]  # (n_features, n_classes)
    bias: NDArray[np.float32]  # (n_classes,)
    dense: NDArray[np.float32] | None = None  # (n_dense, n_classes)

    def scores(self, feats: Features, vector: NDArray[np.float32] | None = None
               ) -> NDArray[np.float32]:
        out = self.bias.copy()
        rows: list[int] = []
        values: list[float] = []
        vocab = self.vocab
        for name, value in feats.items():
            row = vocab.get(name)
            if row is not None:
                rows.append(row)
                values.append(value)
        if rows:
            out += np.asarray(values, dtype=np.float32) @ self.weights[rows]
        if self.dense is not None and vector is not None and vector.shape[0] == self.dense.shape[0]:
            out += vector @ self.dense
        return out

    def proba(self, feats: Features, vector: NDArray[np.float32] | None = None
              ) -> NDArray[np.float32]:
        s = self.scores(feats, vector)
        if len(self.classes) == 1:
            return np.ones(1, dtype=np.float32)
        s = s - s.max()
        e = np.exp(s)
        result: NDArray[np.float32] = e / e.sum()
        return result

    def sigmoids(self, feats: Features, vector: NDArray[np.float32] | None = None
                 ) -> dict[str, float]:
        """One-vs-rest probabilities: one independent binary model per class."""
        s = np.clip(self.scores(feats, vector), -30.0, 30.0)
        p = 1.0 / (1.0 + np.exp(-s))
        return {c: float(p[k]) for k, c in enumerate(self.classes)}

    def predict(self, feats: Features, vector: NDArray[np.float32] | None = None
                ) -> dict[str, float]:
        p = self.proba(feats, vector)
        return {c: float(p[k]) for k, c in enumerate(self.classes)}


def dump_models(path: Path, models: Mapping[str, LinearModel], meta: Mapping[str, object]) -> None:
    """Write several named models and their metadata to one compressed `.npz` file."""
    arrays: dict[str, NDArray[np.generic]] = {}
    index: dict[str, object] = {"meta": dict(meta), "models": {}}
    for name, m in models.items():
        vocab = sorted(m.vocab, key=m.vocab.__getitem__)
        index["models"][name] = {"classes": list(m.classes), "vocab": vocab,  # type: ignore[index]
                                 "dense": m.dense is not None}
        arrays[f"{name}.weights"] = m.weights.astype(np.float16)
        arrays[f"{name}.bias"] = m.bias.astype(np.float32)
        if m.dense is not None:
            arrays[f"{name}.dense"] = m.dense.astype(np.float16)
    arrays["index"] = np.frombuffer(json.dumps(index).encode("utf-8"), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]
    path.write_bytes(buf.getvalue())


def load_models(data: bytes) -> tuple[dict[str, LinearModel], dict[str, object]]:
    npz = np.load(io.BytesIO(data), allow_pickle=False)
    index = json.loads(bytes(npz["index"]).decode("utf-8"))
    models = {}
    for name, spec in index["models"].items():
        vocab: Sequence[str] = spec["vocab"]
        models[name] = LinearModel(
            classes=tuple(spec["classes"]),
            vocab={f: k for k, f in enumerate(vocab)},
            weights=npz[f"{name}.weights"].astype(np.float32),
            bias=npz[f"{name}.bias"].astype(np.float32),
            dense=npz[f"{name}.dense"].astype(np.float32) if spec["dense"] else None,
        )
    return models, dict(index["meta"])


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
    version = hashlib.sha256(data).hexdigest()[:10]
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
    """The component name with the model's content hash: it changes whenever the model does."""
    return f"analyze.events.v2+{current_models().version}"
