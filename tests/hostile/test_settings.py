"""Settings are checked where they are loaded (issue 13, item 9): a bad value from the config
file, the environment or a flag ends the command with one line per problem, no traceback; and
`ingest` says by its exit status when records failed (item 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirebrief.cli import app
from wirebrief.config import SettingsError, load_settings


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREBRIEF_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("WIREBRIEF_DB", str(tmp_path / "s.db"))


def clean_failure(args: list[str], *needles: str) -> str:
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert "Traceback" not in said
    for needle in needles:
        assert needle in said, said
    return said


@pytest.mark.parametrize("name, value, why", [
    ("BATCH_SIZE", "0", "must be at least 1"),
    ("BATCH_SIZE", "-1", "must be at least 1"),
    ("MAX_INPUT_MB", "abc", "must be a number"),
    ("WORKERS", "10000", "must be at most 64"),
    ("FETCH_TIMEOUT", "nan", "must be a finite number"),
    ("ALLOW_PRIVATE", "maybe", "must be true or false"),
])
def test_bad_environment_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                value: str, why: str) -> None:
    monkeypatch.setenv(f"WIREBRIEF_{name}", value)
    (tmp_path / "a.txt").write_text("x" * 200)
    clean_failure(["ingest", str(tmp_path / "a.txt")], f"WIREBRIEF_{name}", why)


@pytest.mark.parametrize("workers", ["-1", "-3", "10000"])  # 0 means auto
def test_bad_workers_flag(tmp_path: Path, workers: str) -> None:
    (tmp_path / "a.txt").write_text("x" * 200)
    clean_failure(["ingest", str(tmp_path / "a.txt"), "--workers", workers], "--workers")


def test_malformed_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("batch_size = = 3\n[unclosed\n")
    monkeypatch.setenv("WIREBRIEF_CONFIG", str(config))
    clean_failure(["list"], "bad.toml", "not valid TOML")


def test_every_problem_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREBRIEF_BATCH_SIZE", "0")
    monkeypatch.setenv("WIREBRIEF_MAX_INPUT_MB", "abc")
    with pytest.raises(SettingsError) as info:
        load_settings(workers=-1)
    lines = info.value.message.splitlines()[1:]
    assert len(lines) == 3 and all(line.startswith("  ") for line in lines)


def test_huge_limit_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["list", "--limit", "99999999999999999999"])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 2


def test_good_values_still_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREBRIEF_ALLOW_PRIVATE", "yes")
    monkeypatch.setenv("WIREBRIEF_MAX_INPUT_MB", " 1.5 ")
    s = load_settings(workers=4)
    assert (s.allow_private, s.max_input_mb, s.workers) == (True, 1.5, 4)


def test_ingest_exit_status_says_records_failed(tmp_path: Path) -> None:
    import os

    from tests.ingest.corpus import story_text

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(story_text(1))
    (tmp_path / "in" / "empty.txt").write_text("")
    args = ["ingest", str(tmp_path / "in"), "--no-analysis"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output  # an empty file is skipped, not failed
    assert "1 new" in result.output and "1 skipped" in result.output
    assert CliRunner().invoke(app, [*args, "--strict"]).exit_code == 1  # skips fail too
    os.mkfifo(tmp_path / "in" / "pipe.txt")  # not a regular file: that record fails
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "1 failed" in result.output
