"""One output convention: every command that prints data takes --format (and --json where JSON
is one of its outputs), and what it prints in each format parses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from wirebrief.cli import app
from wirebrief.errors import InputError
from wirebrief.output import markdown_table, output_format, records_text

DATA = Path(__file__).resolve().parents[1] / "data" / "cli"
ARTICLE = DATA / "frigate.txt"

# Commands that print no data on stdout: they change the store, serve, train or report progress
# and diagnostics to the terminal. Every other command prints data and follows the convention.
NOT_DATA = {"ingest", "reanalyse", "watch", "doctor", "demo", "serve", "batch",
            "train events", "train ner", "train lines"}


def _commands() -> dict[str, Any]:
    """Every leaf command of the CLI by its full name ("list", "train events")."""
    found: dict[str, Any] = {}

    def walk(cmd: Any, path: str) -> None:
        subcommands = getattr(cmd, "commands", None)
        if subcommands:  # a group (typer's own click)
            for name, sub in subcommands.items():
                walk(sub, f"{path} {name}".strip())
        else:
            found[path] = cmd

    walk(typer.main.get_command(app), "")
    return found


def _options(cmd: Any) -> dict[str, Any]:
    return {opt: p for p in cmd.params for opt in p.opts}


def test_every_data_command_takes_format() -> None:
    commands = _commands()
    assert set(commands) >= NOT_DATA, "a command named in NOT_DATA is gone"
    data = {name: cmd for name, cmd in commands.items() if name not in NOT_DATA}
    assert {"brief", "summarize", "process", "list", "show", "search", "schema", "stories",
            "events", "timeline", "digest"} <= set(data)
    missing = [name for name, cmd in data.items() if "--format" not in _options(cmd)]
    assert missing == []
    for name, cmd in data.items():
        help_text = getattr(_options(cmd)["--format"], "help", None) or ""
        assert help_text.startswith("Output: "), name
        formats = help_text.removeprefix("Output: ").split(" (")[0].rstrip(".").split(", ")
        if "json" in formats and len(formats) > 1:  # --json: short for --format json
            assert "--json" in _options(cmd), name


def test_format_names_and_aliases() -> None:
    rows = ("table", "json", "jsonl", "csv", "md")
    assert output_format("text", False, rows) == "table"
    assert output_format("table", True, rows) == "json"
    assert output_format("csv", False, rows) == "csv"
    with pytest.raises(InputError, match="--format must be one of table, json"):
        output_format("xml", False, rows)
    with pytest.raises(InputError):
        output_format("text", False, ("md", "html", "json"))  # no table, no alias
    with pytest.raises(InputError, match="--json"):
        output_format("jsonl", True, ("jsonl",))


HOSTILE = {"id": "x1", "title": "=HYPERLINK(\"http://evil\")|[click](javascript:alert(1))\n# h",
           "tags": ["a", "<b>"], "n": 3}


def test_csv_and_markdown_escape_untrusted_values() -> None:
    columns = ("id", "title", "tags", "n")
    table = list(csv.reader(io.StringIO(records_text("csv", [HOSTILE], columns))))
    assert table[0] == list(columns)
    assert table[1][1].startswith("'=HYPERLINK")  # no formula runs
    assert table[1][2] == "a; <b>"
    md = records_text("md", [HOSTILE], columns)
    lines = md.splitlines()
    assert len(lines) == 3 and all(line.startswith("| ") for line in (lines[0], lines[2]))
    assert lines[2].count(" | ") == len(columns) - 1  # the "|" in the title is escaped
    assert "[click](" not in md and "\\[click\\](javascript" in md and "&lt;b&gt;" in md
    assert "\n# h" not in md  # one line per row: no heading smuggled in
    jsonl = records_text("jsonl", [HOSTILE, HOSTILE], columns)
    assert [json.loads(line) for line in jsonl.splitlines()] == [HOSTILE, HOSTILE]
    assert markdown_table(["a"], []) == "| a |\n|---|\n"


def _parses(kind: str, text: str) -> None:
    if kind == "json":
        json.loads(text)
    elif kind == "jsonl":
        assert all(json.loads(line) is not None for line in text.splitlines())
    elif kind == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows and len({len(r) for r in rows}) == 1
    elif kind == "md":
        lines = text.splitlines()
        assert lines[0].startswith("| ") and set(lines[1]) <= {"|", "-"}
        assert all(line.count(" | ") == lines[0].count(" | ") for line in lines[2:])


@pytest.mark.model
def test_each_data_command_writes_parseable_output(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "store.db")
    assert runner.invoke(app, ["ingest", str(ARTICLE), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["list", "--db", db, "--format", "json"])
    article_id = json.loads(listed.stdout)[0]["id"]
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": "one", "text": ARTICLE.read_text()}) + "\n")
    rows = ("json", "jsonl", "csv", "md")
    cases: list[tuple[list[str], tuple[str, ...]]] = [
        (["brief", str(ARTICLE)], ("json", "jsonl")),
        (["summarize", str(ARTICLE)], rows),
        (["process", str(records)], ("jsonl",)),
        (["list", "--db", db], rows),
        (["show", article_id[:10], "--db", db], ("json", "jsonl")),
        (["search", "K2", "--db", db], rows),
        (["schema"], ("json",)),
        (["stories", "--db", db], rows),
        (["events", "--db", db], (*rows, "geojson")),
        (["timeline", "--entity", "Poland", "--db", db], rows),
        (["digest", "--db", db, "--no-record"], ("json",)),
    ]
    assert {c[0][0] for c in cases} == set(_commands()) - NOT_DATA
    for args, kinds in cases:
        for kind in kinds:
            res = runner.invoke(app, [*args, "--format", kind])
            assert res.exit_code == 0, (args, kind, res.output)
            _parses("json" if kind == "geojson" else kind, res.stdout)
        if len(kinds) > 1 and "json" in kinds:
            short = runner.invoke(app, [*args, "--json"])
            assert short.exit_code == 0 and json.loads(short.stdout) is not None, args
