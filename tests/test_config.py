from __future__ import annotations

from pathlib import Path

import pytest

from wirebrief.config import SETTINGS, load_settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in text and f"WIREBRIEF_{setting.name.upper()}" in text


def test_settings_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "wirebrief.toml"
    config.write_text('summary_sentences = 5\nbatch_size = 8\nmax_input_mb = 1.5\n')
    monkeypatch.setenv("WIREBRIEF_CONFIG", str(config))
    monkeypatch.setenv("WIREBRIEF_BATCH_SIZE", "16")
    settings = load_settings(max_input_mb=None, summary_sentences=None)
    assert (settings.summary_sentences, settings.batch_size, settings.max_input_mb) == (5, 16, 1.5)
    assert load_settings(batch_size=4).batch_size == 4
    assert settings.max_input_bytes == int(1.5 * 1024 * 1024)


def test_db_setting_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREBRIEF_DB", str(tmp_path / "x.db"))
    assert load_settings().db_path == tmp_path / "x.db"


def test_auto_workers_follow_cores_and_input_size(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from wirebrief.config import auto_workers, load_settings

    assert load_settings().workers == 0  # auto by default
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert auto_workers(items=10) == 1
    assert auto_workers(items=400) == 2
    assert auto_workers(nbytes=1_000) == 1
    assert auto_workers(nbytes=5_000_000) == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(32)), raising=False)
    assert auto_workers(items=10_000) == 8
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert auto_workers(items=10_000) == 1


def test_settings_are_declared_once() -> None:
    from dataclasses import fields

    from wirebrief.config import Settings
    from wirebrief.pipeline import BriefOptions

    declared = {s.name: s.default for s in SETTINGS}
    assert {f.name: f.default for f in fields(Settings)} == declared
    options = {f.name: f.default for f in fields(BriefOptions)}
    assert all(options[k] == declared[k] for k in options if k in declared)


def test_shared_folder_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirebrief.training.sources import shared_root

    (tmp_path / "data").mkdir()
    monkeypatch.setenv("WIREBRIEF_SHARED", str(tmp_path))
    assert load_settings().shared == str(tmp_path)
    assert shared_root() == tmp_path
    config = tmp_path / "wirebrief.toml"
    config.write_text(f"shared = {str(tmp_path)!r}\n")
    monkeypatch.delenv("WIREBRIEF_SHARED")
    monkeypatch.setenv("WIREBRIEF_CONFIG", str(config))
    assert shared_root() == tmp_path


def test_a_benchmark_without_the_shared_folder_says_why_it_skips(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from wirebrief.training import sources

    def missing(explicit: object = None) -> Path:
        raise sources.SharedDataMissing("no shared data folder here", reason="no_shared_data")

    monkeypatch.setattr(sources, "shared_root", missing)
    said: list[str] = []
    assert sources.shared_root_or_skip(said.append) is None
    assert said == ["skipped: no shared data folder here"]
