"""Reading the store: `list`, `show` and `search` articles; `schema` of a briefing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from wirebrief.cli.console import ROW_FORMATS, JsonOption, choose_format, err, fail, out
from wirebrief.cli.options import BRIEFING_FORMATS, DbOption, command_settings
from wirebrief.cli.render import render_plain, render_rich
from wirebrief.errors import WirebriefError
from wirebrief.export import plain, terminal
from wirebrief.output import format_option, records_text

LIST_COLUMNS = ("id", "external_id", "published", "source", "title", "url", "n_events")
SEARCH_COLUMNS = ("id", "external_id", "published", "source", "title", "snippet", "score")


def list_articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many articles.", min=1, max=100_000)] = 50,
    fmt: Annotated[str, format_option(ROW_FORMATS)] = "table",
    as_json: JsonOption = False,
) -> None:
    """List stored articles, newest first."""
    from rich.table import Table

    from wirebrief.store.articles import list_articles as stored_articles
    from wirebrief.store.db import Store

    kind = choose_format(fmt, as_json, ROW_FORMATS)
    try:
        with Store(command_settings(db=db).db_target) as store:
            rows = stored_articles(store, limit=limit).items
    except WirebriefError as exc:
        raise fail(exc) from None
    if kind != "table":
        records = [r.model_dump(mode="json") for r in rows]
        sys.stdout.write(records_text(kind, records, LIST_COLUMNS))
        return
    table = Table("id", "external id", "published", "source", "title", "events")
    for r in rows:
        table.add_row(
            *(terminal(v, single_line=True) for v in (
                r.id[:12], r.external_id, r.published, r.source, r.title, r.n_events))
        )
    out.print(table)


def show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="Article id, id prefix or external id.")
    ],
    db: DbOption = None,
    fmt: Annotated[str, format_option(BRIEFING_FORMATS)] = "table",
    as_json: JsonOption = False,
) -> None:
    """Show a stored article's briefing."""
    from wirebrief.store.db import Store

    kind = choose_format(fmt, as_json, BRIEFING_FORMATS)
    try:
        with Store(command_settings(db=db).db_target) as store:
            result = store.get(article_id)
            sources = store.sources(result.id)
    except WirebriefError as exc:
        raise fail(exc) from None
    if kind in ("json", "jsonl"):
        record = {**result.model_dump(mode="json"), "sources": sources}
        indent = 2 if kind == "json" else None
        sys.stdout.write(json.dumps(record, indent=indent, ensure_ascii=False) + "\n")
    elif out.is_terminal:
        render_rich(result, out)
    else:
        sys.stdout.write(plain(f"id: {result.id}\n" + render_plain(result)) + "\n")


def search(
    query: Annotated[str, typer.Argument(help="Words to find; OR between words is allowed.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many hits.", min=1, max=10_000)] = 20,
    fmt: Annotated[str, format_option(ROW_FORMATS)] = "table",
    as_json: JsonOption = False,
) -> None:
    """Full-text search over stored articles, ranked, with snippets."""
    from wirebrief.store.db import Store
    from wirebrief.store.search import search as search_articles

    kind = choose_format(fmt, as_json, ROW_FORMATS)
    try:
        with Store(command_settings(db=db).db_target) as store:
            hits = search_articles(store, query, limit=limit).items
    except WirebriefError as exc:
        raise fail(exc) from None
    if kind != "table":
        records = [h.model_dump(mode="json") for h in hits]
        sys.stdout.write(records_text(kind, records, SEARCH_COLUMNS))
        return
    if not hits:
        err.print("no matches")
        return
    for h in hits:
        head = terminal(f"{h.published or ''} {h.external_id or ''}", single_line=True)
        out.print(f"[bold]{terminal(h.id[:12])}[/] {head}", highlight=False)
        out.print(f"  {plain(h.title or '(untitled)', single_line=True)}", highlight=False,
                  markup=False)
        out.print(f"  {plain(h.marked_snippet() or '', single_line=True)}", highlight=False,
                  markup=False)


def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to a file.")] = None,
    fmt: Annotated[str, format_option(("json",))] = "json",
) -> None:
    """Print the briefing JSON Schema."""
    from wirebrief.models import Briefing

    choose_format(fmt, False, ("json",))
    text = json.dumps(Briefing.model_json_schema(), indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
