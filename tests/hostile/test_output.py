"""Hostile text in every human output (issue 13, items 7 and 8).

A title with `[/]` crashed `wirebrief list` (rich MarkupError) for as long as the article was
stored; `[link=...]` markup was rendered; ESC and OSC sequences reached the terminal; the CLI's
CSV kept spreadsheet formulas; the Markdown digest linked `javascript:` URLs and kept raw HTML.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from tests.web.fixtures import sample_briefings
from wirebrief.cli import app
from wirebrief.cli.render import render_rich
from wirebrief.export import csv_cell, markdown_link, markdown_text, terminal
from wirebrief.models import Briefing
from wirebrief.store.db import Store
from wirebrief.stories.digest import ArticleRef, _link_html, render_markdown

TITLE = ("[/] [link=https://evil.example]click[/link] \x1b]8;;https://evil.example\x07osc"
         "\x1b]8;;\x07 \x1b[31mred\x1b[0m \x1b[2J\u202eevil")
FORMULA = "=HYPERLINK(\"https://evil.example\",\"x\")"


def hostile() -> Briefing:
    b = sample_briefings()[0]
    return b.model_copy(update={"title": TITLE, "source": FORMULA, "external_id": "@SUM(1+1)"})


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "out.db"
    with Store(path) as store:
        store.add(hostile())
    return str(path)


def no_escape_sequences(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_list_survives_markup_and_escapes(db: str) -> None:
    result = CliRunner().invoke(app, ["list", "--db", db])
    assert result.exit_code == 0, result.output
    no_escape_sequences(result.stdout)
    assert "[/]" in result.stdout and "[link=" in result.stdout  # shown as written


@pytest.mark.parametrize("command", [["show", "@SUM(1+1)"], ["search", "Belarus"]])
def test_show_and_search_strip_controls(db: str, command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--db", db])
    assert result.exit_code == 0, result.output
    no_escape_sequences(result.stdout)
    assert "[link=" in result.stdout


def test_rich_briefing_keeps_markup_as_text() -> None:
    buf = io.StringIO()
    render_rich(hostile(), Console(file=buf, force_terminal=True, width=200,
                                   color_system="standard"))
    out = buf.getvalue()
    assert "\x1b]8" not in out  # no hyperlink: neither the markup nor the raw OSC came through
    shown = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's own colours
    assert "[link=https://evil.example]click[/link]" in shown
    assert "\x1b[2J" not in out and "\u202e" not in out


def test_terminal_escapes_markup_and_controls() -> None:
    Console(file=io.StringIO()).print(terminal(TITLE))  # a MarkupError before the fix
    assert terminal("a\x1b[31mb\x9bc\ttab\nline") == "a[31mbc\ttab\nline"
    assert terminal("a\nb\tc", single_line=True) == "a b c"


def test_cli_events_csv_neutralises_formulas(db: str) -> None:
    result = CliRunner().invoke(app, ["events", "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()[1:]
    assert rows and all(",@SUM" not in r and ",=HYPERLINK" not in r for r in rows)
    assert any("'@SUM(1+1)" in r for r in rows) and any("'=HYPERLINK" in r for r in rows)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\t=1", "\r=1"])
def test_every_formula_start_is_neutralised(value: str) -> None:
    assert csv_cell(value).startswith("'")
    assert csv_cell("plain") == "plain" and csv_cell(None) == ""


def test_markdown_never_links_scripts_or_keeps_html() -> None:
    assert markdown_link("x", "javascript:alert(1)") == "x"
    assert markdown_link("x", " JaVaScRiPt:alert(1)") == "x"
    assert markdown_link("x", "data:text/html,<script>") == "x"
    assert markdown_link("x", "https://a.example/p (1)") == "[x](https://a.example/p%20%281%29)"
    assert markdown_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown_text("[a](javascript:b)") == "\\[a\\](javascript:b)"
    ref = ArticleRef(id="0" * 16, external_id=None, title="t", source=None,
                     url="javascript:alert(1)", published=None)
    assert "href" not in _link_html(ref)


def test_digest_markdown_of_a_hostile_store(db: str) -> None:
    from wirebrief.stories.digest import build_digest

    with Store(Path(db)) as store:
        b = hostile().model_copy(update={
            "url": "javascript:alert(1)", "title": "<script>alert(1)</script> Belarus jets",
            "text": hostile().text, "id": "f" * 16})
        store.add(b)
        md = render_markdown(build_digest(store, entity="Belarus", record=False))
    assert "](javascript:" not in md
    assert "<script>" not in md and "<img" not in md
    no_escape_sequences(md)
