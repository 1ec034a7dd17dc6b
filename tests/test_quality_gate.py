"""The quality gate: key figures through the product path stay above their pinned floors
(`benchmarks/floors.json`). Needs the evaluation data in ../shared."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SHARED.is_dir(), reason=f"evaluation data absent ({SHARED})"),
]


@pytest.fixture(scope="module")
def gate():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import quality_gate

    return quality_gate


@pytest.mark.parametrize("name", ["extraction_f1", "rouge1", "rouge2",
                                  "timebank_date_value_acc", "events_sealed_f1",
                                  "news_dates_sealed_value_acc",
                                  "newswire_dates_sealed_value_acc"])
def test_figure_stays_above_its_floor(gate, name: str) -> None:  # type: ignore[no-untyped-def]
    if name.startswith("rouge") and importlib.util.find_spec("rouge_score") is None:
        pytest.skip("rouge-score is not installed (pip install -e '.[bench]')")
    floor = gate.floors()[name]
    value = gate.measure([name])[name]
    assert value >= floor, f"{name} {value} fell below its floor {floor}"
