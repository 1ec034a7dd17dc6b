"""Runs over the store: `ingest` sources into it, `reanalyse` what it holds, `watch` feeds.

Each hands new articles to the stories layer (`assign_to_story`, `rebuild_stories`): ingest
sits below stories and does not import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wirebrief.cli.console import err, fail
from wirebrief.cli.options import (
    DbOption,
    StrictOption,
    command_settings,
    parse_date,
    report_unbriefed,
)
from wirebrief.config import auto_workers, input_bytes
from wirebrief.errors import InputError, WirebriefError
from wirebrief.export import plain, terminal

if TYPE_CHECKING:
    from collections.abc import Callable

    from wirebrief.ingest.run import IngestSummary
    from wirebrief.models import Briefing
    from wirebrief.pipeline import BriefFailure
    from wirebrief.store.db import Store


def _watch_state(target: Path | str) -> Path:
    """Where `watch` keeps its state by default: beside a SQLite store; for a server store,
    in the user data directory (one file per database)."""
    if isinstance(target, Path):
        return target.with_suffix(".watch.json")
    import hashlib

    import platformdirs

    key = hashlib.sha256(target.encode()).hexdigest()[:12]
    return Path(platformdirs.user_data_dir("wirebrief")) / f"watch-{key}.json"


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders, JSONL exports, feeds, WARC archives, http(s) URLs, "
                       "`wirebrief batch` output folders."),
    ],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Fallback publication date YYYY-MM-DD.")
    ] = None,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Store text and summary only.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private or loopback hosts.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(
            help="Worker processes for extraction or parsing (default: from the cores and the "
            "input size).")
    ] = None,
    strict: StrictOption = False,
) -> None:
    """Ingest articles into the store (idempotent: the same text is stored once).

    Records with no article in them are skipped and reported. Exits 0 when every record was
    stored or skipped, 1 when one failed."""
    from wirebrief.cli.progress import progress_for
    from wirebrief.ingest.reader import iter_documents
    from wirebrief.ingest.run import IngestSummary, ingest_documents
    from wirebrief.pipeline import BriefFailure, load_options
    from wirebrief.store.db import Store
    from wirebrief.stories.threads import assign_to_story

    settings = command_settings(db=db, allow_private=allow_private or None, workers=workers)
    try:
        options = load_options(published=parse_date(published), analyse=not no_analysis)
        store = Store(settings.db_target)
    except WirebriefError as exc:
        raise fail(exc) from None
    from wirebrief.batch.output import is_batch_output

    batch_outputs = [p for p in paths if is_batch_output(p)]  # `wirebrief batch` Parquet
    paths = [p for p in paths if p not in batch_outputs]
    docs = iter_documents(list(paths), settings.max_input_bytes, settings)
    with store, progress_for("ingesting", None, err) as advance:

        def report(result: Briefing | BriefFailure, outcome: str) -> None:
            if isinstance(result, BriefFailure):
                report_unbriefed(result)
            advance()

        summary = ingest_documents(
            docs,
            store,
            options,
            batch_size=settings.batch_size,
            workers=settings.workers or auto_workers(nbytes=input_bytes(list(paths))),
            on_result=report,
            place=assign_to_story,
        ) if paths else IngestSummary()
        try:
            _ingest_batch_outputs(batch_outputs, store, summary, settings.batch_size, report)
        except WirebriefError as exc:
            raise fail(exc) from None
    err.print(
        f"{summary.new} new, {summary.same} already stored, {summary.merged} merged as "
        f"duplicates, {summary.skipped} skipped, {summary.failed} failed → {store.label}",
        highlight=False,
    )
    if summary.failed or (strict and summary.skipped):
        raise typer.Exit(code=1)


def _ingest_batch_outputs(
    folders: list[str], store: Store, summary: IngestSummary, batch_size: int,
    report: Callable[[Briefing | BriefFailure, str], None],
) -> None:
    """Store the briefings of `wirebrief batch` output folders as they are (no re-briefing)."""
    from wirebrief.batch.output import iter_batch_briefings
    from wirebrief.ingest.run import store_results
    from wirebrief.stories.threads import assign_to_story

    for folder in folders:
        summary.add(store_results(iter_batch_briefings(folder), store, batch_size=batch_size,
                                  on_result=report, place=assign_to_story))


def reanalyse(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option(help="Only articles published on or after YYYY-MM-DD.")
    ] = None,
    workers: Annotated[int | None, typer.Option(
        help="Parser processes (default: from the cores and the input size).")] = None,
    all_articles: Annotated[bool, typer.Option(
        "--all", help="Also articles already analysed by this version's components.")] = False,
) -> None:
    """Analyse stored articles again with this version's entity and event layers (after an
    upgrade): text, ids and sources stay; entities, events and summaries are replaced, and
    stories are rebuilt. Articles whose stored component versions are current are skipped
    unless --all."""
    from wirebrief.cli.progress import progress_for
    from wirebrief.ingest.run import reanalyse_store
    from wirebrief.pipeline import BriefFailure, load_options
    from wirebrief.store.db import Store
    from wirebrief.stories.threads import rebuild_stories

    settings = command_settings(db=db, workers=workers)
    try:
        options = load_options()
        after = parse_date(since, "--since")
        store = Store(settings.db_target)
    except WirebriefError as exc:
        raise fail(exc) from None
    with store, progress_for("re-analysing", store.count(), err) as advance:

        def report(result: object) -> None:
            if isinstance(result, BriefFailure):
                err.print(
                    f"[red]failed[/] {terminal(result.external_id, single_line=True)}: "
                    f"{terminal(result.error.message)}", highlight=False
                )
            advance()

        try:
            summary = reanalyse_store(store, options, since=after, batch_size=settings.batch_size,
                                      workers=settings.workers
                                      or auto_workers(items=store.count()), on_result=report,
                                      stale_only=not all_articles, restory=rebuild_stories)
        except WirebriefError as exc:
            raise fail(exc) from None
    err.print(
        f"{summary.updated} re-analysed ({summary.events_before} events before, "
        f"{summary.events_after} now), {summary.current} already current, "
        f"{summary.failed} failed → {store.label}",
        highlight=False,
    )
    if summary.failed:
        raise typer.Exit(code=1)


def watch(
    sources: Annotated[list[str], typer.Argument(metavar="FEED_OR_URL...", help="Feeds or pages.")],
    every: Annotated[str, typer.Option(help="Polling interval: 30s, 15m, 1h.")] = "15m",
    db: DbOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private or loopback hosts.")
    ] = False,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    state: Annotated[Path | None, typer.Option(help="State file (resume after restart).")] = None,
    rules: Annotated[Path | None, typer.Option(
        help="Watchlist rules (JSON or TOML): entities, weapons, types, pairs.")] = None,
    alerts: Annotated[Path | None, typer.Option(help="JSONL file alerts are appended to.")] = None,
    webhook: Annotated[str | None, typer.Option(help="URL each alert is POSTed to.")] = None,
) -> None:
    """Poll feeds and pages, ingesting and analysing new items as they appear; with --rules, a
    new event that matches a rule is alerted (once, however many outlets report it)."""
    from wirebrief.ingest.watch import parse_interval
    from wirebrief.ingest.watch import watch as run_watch
    from wirebrief.store.db import Store
    from wirebrief.stories.alerts import alert_hook
    from wirebrief.stories.threads import assign_to_story

    settings = command_settings(db=db, allow_private=allow_private or None)
    try:
        interval = parse_interval(every)
        store = Store(settings.db_target)
        on_stored = alert_hook(store, rules, log=alerts, webhook=webhook,
                               say=lambda m: err.print(plain(m), highlight=False, markup=False))
    except (WirebriefError, ValueError) as exc:
        raise fail(exc if isinstance(exc, WirebriefError) else InputError(str(exc))) from None

    def print_event(event: object) -> None:
        err.print(plain(event), highlight=False, markup=False)
        on_stored(event)

    try:
        with store:
            run_watch(
                sources,
                every=interval,
                store=store,
                settings=settings,
                state_path=state or _watch_state(settings.db_target),
                allow_private=allow_private or None,
                once=once,
                on_event=print_event,
                place=assign_to_story,
            )
    except KeyboardInterrupt:
        err.print("stopped")
    except WirebriefError as exc:
        raise fail(exc) from None
