"""A linear classifier stored as a small `.npz` file, scored with numpy alone.

Training (scikit-learn, in `wirebrief.training`) exports each model as: class names, a
vocabulary of sparse feature names, one weight row per feature, an optional dense weight block
(for spaCy's token vectors) and biases. Inference sums the rows of the features present, which
is all a (multinomial or one-vs-rest) logistic regression needs, without scikit-learn at run
time. The event coder and the domain entity tagger both use it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
