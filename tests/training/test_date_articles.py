"""The newswire part of the dates corpus: drawn before labelling, stored as standoff."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from wirebrief.training.date_articles import OUT, _offsets, draw, import_labels
from wirebrief.training.sources import read_source
from wirebrief.training.units import is_sealed

LABELS = OUT.parent


def _records() -> list[dict[str, object]]:
    return [json.loads(line) for path in sorted(LABELS.glob("newswire.*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_stored_list_is_the_draw_and_keeps_the_event_split(shared_dir: Path) -> None:
    meta = draw(shared_dir)
    assert json.loads(OUT.read_text(encoding="utf-8")) == meta
    groups = {r.record_id: r.group for r in read_source("newswire-te3", shared_dir)}
    for art in meta["articles"]:
        if is_sealed(groups[art["id"]]):
            assert art["sealed"], art


def test_labels_are_offsets_into_the_shared_text_never_the_text(shared_dir: Path) -> None:
    texts = {r.record_id: r.text for r in read_source("newswire-te3", shared_dir)}
    listed = {a["id"] for a in json.loads(OUT.read_text(encoding="utf-8"))["articles"]}
    records = _records()
    assert records and {r["id"] for r in records} == listed
    for rec in records:
        text = texts[str(rec["id"])]
        assert rec["sha"] == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        for t in rec["timexes"]:
            assert set(t) == {"span", "type", "value", "chrome"}
            a, b = t["span"]
            assert 0 <= a < b <= len(text) and text[a:b] == text[a:b].strip()


def test_an_expression_is_found_by_its_occurrence_as_a_whole_word() -> None:
    text = "On Monday, talks began. Monday's talks ended on Mondays."
    assert _offsets(text, "Monday", 2) == (24, 30)
    with pytest.raises(ValueError):
        _offsets(text, "Monday", 3)  # inside "Mondays"
    with pytest.raises(ValueError):
        _offsets(text, "Mon", 1)


def test_import_turns_a_readers_labels_into_standoff(shared_dir: Path, tmp_path: Path) -> None:
    rec = next(r for r in read_source("newswire-te3", shared_dir) if " Monday" in r.text)
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": rec.record_id, "timexes": [
        {"text": "Monday", "type": "DATE", "value": "XXXX-XX-XX"}]}) + "\n", encoding="utf-8")
    (out,) = import_labels(labels, "annotator-x", shared_dir)
    (t,) = out["timexes"]
    assert rec.text[t["span"][0]:t["span"][1]] == "Monday"
    assert "Monday" not in json.dumps(out)


@pytest.mark.parametrize("line, problem", [
    ("{not json", "JSONDecodeError"),
    ('{"id": "no-such-article", "timexes": []}', "KeyError"),
    ('{"id": "ID", "timexes": [{"text": "Nowhere-in-the-text", "type": "DATE", "value": "X"}]}',
     "not found"),
    ('{"id": "ID", "timexes": [{"text": "Monday", "type": "DAY", "value": "X"}]}', "bad type"),
])
def test_a_bad_label_line_is_named_and_nothing_is_stored(shared_dir: Path, tmp_path: Path,
                                                          line: str, problem: str) -> None:
    from wirebrief.training.date_articles import LabelError

    rec = next(r for r in read_source("newswire-te3", shared_dir) if " Monday" in r.text)
    labels = tmp_path / "labels.jsonl"
    good = json.dumps({"id": rec.record_id, "timexes": []})
    labels.write_text(good + "\n" + line.replace("ID", rec.record_id) + "\n", encoding="utf-8")
    with pytest.raises(LabelError, match=problem) as err:
        import_labels(labels, "annotator-x", shared_dir)
    assert ":2:" in str(err.value)  # the line is named


def test_labels_for_an_article_not_drawn_are_refused(shared_dir: Path, tmp_path: Path) -> None:
    from wirebrief.training.date_articles import LabelError

    rec = next(read_source("newswire-te3", shared_dir))
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": rec.record_id, "timexes": []}) + "\n", encoding="utf-8")
    with pytest.raises(LabelError, match="not one of the drawn"):
        import_labels(labels, "annotator-x", shared_dir, listed={"another"})


def test_binary_label_file_is_a_clear_error(shared_dir: Path, tmp_path: Path) -> None:
    from wirebrief.training.date_articles import LabelError

    labels = tmp_path / "labels.jsonl"
    labels.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(LabelError, match="UTF-8"):
        import_labels(labels, "annotator-x", shared_dir)
