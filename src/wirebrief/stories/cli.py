"""Command implementations for `wirebrief stories|events|timeline|digest`.

Plain functions with typer annotations, registered on the main app with `app.command(...)`.
Each one first places any stored article not yet in a story (cheap and incremental), so a
store ingested before stories existed still works.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from wirebrief.errors import InputError, WirebriefError
from wirebrief.export import plain, terminal
from wirebrief.output import ROW_FORMATS, JsonOption, format_option, output_format, records_text

if TYPE_CHECKING:
    from wirebrief.store.db import Store
    from wirebrief.stories.merge import MergedEvent

err = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite store path or postgresql:// URL (or WIREBRIEF_DB).")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only from this date (YYYY-MM-DD).")]
TypeOption = Annotated[str | None, typer.Option(
    "--type", help="PLOVER types, e.g. AID,COOPERATE.")]
WithOption = Annotated[str | None, typer.Option(
    "--with", help="Only what also involves this entity.")]
EntityOption = Annotated[str | None, typer.Option(
    "--entity", help="Country (name, demonym or ISO3), weapon system, person or organisation.")]


def _fail(exc: WirebriefError) -> typer.Exit:
    err.print(f"[red]error:[/] {terminal(exc.message)}", highlight=False, markup=True,
              soft_wrap=True)
    return typer.Exit(code=exc.exit_code)


def _open(db: str | None) -> Store:
    from wirebrief.config import load_settings
    from wirebrief.store.db import Store
    from wirebrief.stories.threads import build_stories

    store = Store(load_settings(db=db).db_target)
    build_stories(store)
    return store


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"--since must be a date as YYYY-MM-DD, not {value!r}") from exc


STORY_COLUMNS = ("id", "title", "first_seen", "last_seen", "n_articles", "sources")
EVENT_FORMATS = (*ROW_FORMATS, "acled", "geojson")
DIGEST_FORMATS = ("md", "html", "json")


def stories(
    db: DbOption = None,
    since: SinceOption = None,
    entity: EntityOption = None,
    limit: Annotated[int, typer.Option(help="How many stories.")] = 30,
    min_articles: Annotated[int, typer.Option(help="Hide stories with fewer articles.")] = 1,
    fmt: Annotated[str, format_option(ROW_FORMATS)] = "table",
    as_json: JsonOption = False,
) -> None:
    """List story threads with their articles, most recently active first."""
    from wirebrief.stories.query import articles_with, resolve_entity
    from wirebrief.stories.threads import list_stories

    try:
        kind = output_format(fmt, as_json, ROW_FORMATS)
        with _open(db) as store:
            ids = articles_with(store, resolve_entity(store, entity)) if entity else None
            found = list_stories(store, since=_date(since), article_ids=ids,
                                 min_articles=min_articles, limit=limit)
    except WirebriefError as exc:
        raise _fail(exc) from None
    if kind == "json":
        sys.stdout.write(json.dumps([s.to_json() for s in found], indent=2,
                                    ensure_ascii=False) + "\n")
        return
    if kind != "table":  # jsonl keeps each story whole; csv and md one row a story
        sys.stdout.write(records_text(kind, [s.to_json() for s in found], STORY_COLUMNS))
        return
    lines: list[str] = []
    for s in found:
        lines.append(f"story {s.id}: {s.title or '(untitled)'} — {s.n_articles} article(s), "
                     f"{s.first_seen or '?'} to {s.last_seen or '?'}")
        for a in s.articles:
            dup = "  (duplicate)" if a.duplicate_of else ""
            lines.append(f"    {a.published or '????-??-??'}  {a.source or '':<24.24}  "
                         f"{a.external_id or a.id[:12]}  {a.title or ''}{dup}")
    sys.stdout.write(plain("\n".join(lines)) + ("\n" if lines else "no stories\n"))


def events(
    db: DbOption = None,
    entity: EntityOption = None,
    type_: TypeOption = None,
    since: SinceOption = None,
    fmt: Annotated[str, format_option(EVENT_FORMATS)] = "table",
    as_json: JsonOption = False,
    map_: Annotated[Path | None, typer.Option(
        "--map", help="Also draw the events on an offline SVG map (.svg).")] = None,
) -> None:
    """List merged events (one line per real-world event) with their evidence."""
    from wirebrief.stories.merge import merge_events
    from wirebrief.stories.query import load_events, resolve_entity
    from wirebrief.stories.timeline import parse_types

    try:
        kind = output_format(fmt, as_json, EVENT_FORMATS)
        with _open(db) as store:
            matches = [resolve_entity(store, entity)] if entity else []
            merged = merge_events(load_events(store, entities=matches, types=parse_types(type_),
                                              since=_date(since)))
        if map_ is not None:
            _write_map(merged, map_, entity or "all events")
    except WirebriefError as exc:
        raise _fail(exc) from None
    _write_events(merged, kind)


def _write_map(merged: list[MergedEvent], path: Path, title: str) -> None:
    from wirebrief.stories.geomap import events_map_svg

    if path.suffix.lower() != ".svg":
        raise InputError(f"--map must end in .svg, not {path.name!r}", reason="bad_map")
    path.write_text(events_map_svg(merged, title), encoding="utf-8")
    err.print(f"map written to {terminal(path)}", highlight=False)


def _write_events(merged: list[MergedEvent], kind: str) -> None:
    from wirebrief.stories.exports import acled_csv, events_geojson
    from wirebrief.stories.timeline import (
        events_csv,
        events_json,
        events_jsonl,
        events_markdown,
        events_text,
    )

    if kind == "acled":
        sys.stdout.write(acled_csv(merged))
    elif kind == "geojson":
        sys.stdout.write(events_geojson(merged) + "\n")
    elif kind == "json":
        sys.stdout.write(events_json(merged) + "\n")
    elif kind == "jsonl":
        sys.stdout.write(events_jsonl(merged))
    elif kind == "csv":
        sys.stdout.write(events_csv(merged))
    elif kind == "md":
        sys.stdout.write(events_markdown(merged))
    else:
        sys.stdout.write(plain(events_text(merged) or "no events") + "\n")


def timeline(
    entity: Annotated[str, typer.Option("--entity", help="Whose timeline (required).")],
    with_: WithOption = None,
    db: DbOption = None,
    since: SinceOption = None,
    type_: TypeOption = None,
    fmt: Annotated[str, format_option(EVENT_FORMATS)] = "table",
    as_json: JsonOption = False,
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Write events by type over time, in week, month, quarter or year bins "
        "to suit the span (.svg or .png).")] = None,
) -> None:
    """Events about an entity in date order, with evidence and source."""
    from wirebrief.stories.timeline import parse_types, write_chart
    from wirebrief.stories.timeline import timeline as build

    try:
        kind = output_format(fmt, as_json, EVENT_FORMATS)
        with _open(db) as store:
            matches, merged = build(store, entity, with_=with_, since=_date(since),
                                    types=parse_types(type_))
        if chart is not None:
            write_chart(merged, chart, " + ".join(m.name for m in matches))
            err.print(f"chart written to {terminal(chart)}", highlight=False)
    except WirebriefError as exc:
        raise _fail(exc) from None
    _write_events(merged, kind)


def digest(
    db: DbOption = None,
    entity: EntityOption = None,
    with_: WithOption = None,
    since: SinceOption = None,
    fmt: Annotated[str, format_option(DIGEST_FORMATS)] = "md",
    as_json: JsonOption = False,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to a file.")] = None,
    no_record: Annotated[bool, typer.Option(
        "--no-record", help="Do not remember this run.")] = False,
) -> None:
    """A briefing document: key developments, timeline, actors, weapons, what is new."""
    from wirebrief.stories.digest import build_digest, digest_json, render_html, render_markdown

    try:
        kind = output_format(fmt, as_json, DIGEST_FORMATS)
        with _open(db) as store:
            result = build_digest(store, entity=entity, with_=with_, since=_date(since),
                                  record=not no_record)
    except WirebriefError as exc:
        raise _fail(exc) from None
    render = {"md": render_markdown, "html": render_html, "json": digest_json}[kind]
    text = render(result)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
