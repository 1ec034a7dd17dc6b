"""The `wirebrief` command line: a thin shell over the library."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wirebrief.cli.console import ROW_FORMATS, JsonOption, choose_format, err, fail, out
from wirebrief.cli.render import render_plain, render_rich
from wirebrief.cli.train import train_app
from wirebrief.config import Settings, auto_workers, input_bytes, load_settings
from wirebrief.errors import InputError, WirebriefError
from wirebrief.export import plain, terminal
from wirebrief.output import format_option, records_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from wirebrief.ingest.run import IngestSummary
    from wirebrief.models import Briefing
    from wirebrief.pipeline import BriefFailure
    from wirebrief.records import RawDocument
    from wirebrief.store.db import Store

app = typer.Typer(
    name="wirebrief",
    help="Defense and security news in, briefings an analyst can trust out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(train_app, name="train")

PRIOR_HELP = "Summary prior: none (default) or domain (sentences with coded events first)."
StrictOption = Annotated[bool, typer.Option(
    "--strict", help="Count skipped records (no article text in them) as failures.")]
DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite store path or postgresql:// URL (or WIREBRIEF_DB).")]
# A briefing is one nested record: for people (table), or as JSON.
BRIEFING_FORMATS = ("table", "json", "jsonl")
LIST_COLUMNS = ("id", "external_id", "published", "source", "title", "url", "n_events")
SEARCH_COLUMNS = ("id", "external_id", "published", "source", "title", "snippet", "score")


def _watch_state(target: Path | str) -> Path:
    """Where `watch` keeps its state by default: beside a SQLite store; for a server store,
    in the user data directory (one file per database)."""
    if isinstance(target, Path):
        return target.with_suffix(".watch.json")
    import hashlib

    import platformdirs

    key = hashlib.sha256(target.encode()).hexdigest()[:12]
    return Path(platformdirs.user_data_dir("wirebrief")) / f"watch-{key}.json"


def _settings(**overrides: object) -> Settings:
    """Settings for a command; a bad value ends it with one line per problem, no traceback."""
    try:
        return load_settings(**overrides)
    except WirebriefError as exc:
        raise fail(exc) from None


def parse_date(value: str | None, flag: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{flag} must be a date as YYYY-MM-DD, not {value!r}") from exc


def _read_article(article: str, max_input_mb: float | None) -> RawDocument:
    from wirebrief.ingest.reader import read_document, read_stdin

    settings = _settings(max_input_mb=max_input_mb)
    if article == "-":
        return read_stdin(settings.max_input_bytes)
    return read_document(Path(article), settings.max_input_bytes)


@app.command()
def brief(
    article: Annotated[
        str, typer.Argument(help="HTML page or plain-text copy of a page; - for stdin.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD, used when the page has none.")
    ] = None,
    sentences: Annotated[int | None, typer.Option(help="Summary length in sentences.")] = None,
    summary_prior: Annotated[str | None, typer.Option(help=PRIOR_HELP)] = None,
    fmt: Annotated[str, format_option(BRIEFING_FORMATS)] = "table",
    as_json: JsonOption = False,
    max_input_mb: Annotated[float | None, typer.Option(help="Largest input accepted (MB).")] = None,
) -> None:
    """Brief one article: summary, entities, events, related links."""
    from wirebrief.pipeline import brief_document, load_options

    kind = choose_format(fmt, as_json, BRIEFING_FORMATS)
    try:
        raw = _read_article(article, max_input_mb)
        options = load_options(published=parse_date(published), summary_sentences=sentences,
                               summary_prior=summary_prior)
        result = brief_document(raw, options)
    except WirebriefError as exc:
        raise fail(exc) from None
    if kind == "json":
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    elif kind == "jsonl":
        sys.stdout.write(result.model_dump_json() + "\n")
    elif out.is_terminal:
        render_rich(result, out)
    else:
        sys.stdout.write(plain(render_plain(result)) + "\n")


@app.command()
def summarize(
    article: Annotated[str, typer.Argument(help="HTML page or text file; - for stdin.")],
    sentences: Annotated[int | None, typer.Option(help="Number of sentences.")] = None,
    words: Annotated[
        int | None, typer.Option(help="Word budget instead of a sentence count.")
    ] = None,
    ratio: Annotated[
        float | None, typer.Option(help="Share of the article's sentences, e.g. 0.2.")
    ] = None,
    style: Annotated[str, typer.Option(help="sentences, bullets or headline.")] = "sentences",
    prior: Annotated[str | None, typer.Option(help=PRIOR_HELP)] = None,
    fmt: Annotated[str, format_option(ROW_FORMATS)] = "table",
    as_json: JsonOption = False,
) -> None:
    """Get a summary of an article: the same sentences `brief` gives for the same options."""
    from wirebrief.pipeline import brief_document, load_options, prepare_article
    from wirebrief.summarize.article import SummaryOptions, as_prior, summarize_article
    from wirebrief.summarize.summarizer import as_style

    kind = choose_format(fmt, as_json, ROW_FORMATS)
    if style not in {"sentences", "bullets", "headline"}:
        raise fail(InputError("--style must be sentences, bullets or headline"))
    if sum(x is not None for x in (sentences, words, ratio)) > 1:
        raise fail(InputError("give one of --sentences, --words or --ratio"))
    if ratio is not None and not 0 < ratio <= 1:
        raise fail(InputError("--ratio must be above 0 and at most 1"))
    if (sentences is not None and sentences < 1) or (words is not None and words < 1):
        raise fail(InputError("--sentences and --words must be at least 1"))
    try:
        settings_options = load_options(summary_prior=prior)
        options = SummaryOptions(
            sentences=sentences or settings_options.summary_sentences, words=words, ratio=ratio,
            style=as_style(style), prior=as_prior(settings_options.summary_prior),
        )
        raw = _read_article(article, None)
        if options.prior == "domain":  # the prior needs the entities and events
            briefing = brief_document(raw, settings_options)
            result = summarize_article(briefing.text, options, entities=briefing.entities,
                                       events=briefing.events)
        else:
            result = summarize_article(prepare_article(raw, settings_options).text, options)
    except WirebriefError as exc:
        raise fail(exc) from None
    if kind != "table":
        sys.stdout.write(records_text(kind, [s.model_dump() for s in result],
                                      ("text", "start", "end")))
        return
    prefix = "- " if style == "bullets" else ""
    joiner = "\n" if style == "bullets" else " "
    sys.stdout.write(plain(joiner.join(prefix + s.text for s in result)) + "\n")


@app.command()
def process(
    infile: Annotated[str, typer.Argument(metavar="IN.jsonl", help="JSONL input; - for stdin.")],
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Output JSONL (default stdout).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Fallback publication date YYYY-MM-DD.")
    ] = None,
    sentences: Annotated[int | None, typer.Option(help="Summary length in sentences.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per parser batch.")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Parser processes (default: from the cores and the input size).")] = None,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Extraction and summary only.")
    ] = False,
    strict: StrictOption = False,
    fmt: Annotated[str, format_option(("jsonl",))] = "jsonl",
) -> None:
    """Brief every record of a JSONL file (batch mode, no store); one JSON line out per record.

    A record with no article in it (an empty body, a table, a headline alone) is skipped and
    reported. Exits 0 when every record was briefed or skipped, 1 when one failed."""
    from wirebrief.cli.progress import progress_for
    from wirebrief.ingest.reader import iter_jsonl
    from wirebrief.pipeline import BriefFailure, brief_stream, load_options

    choose_format(fmt, False, ("jsonl",))
    settings = _settings(batch_size=batch_size, workers=workers)
    try:
        options = load_options(
            published=parse_date(published), summary_sentences=sentences, analyse=not no_analysis
        )
        records = iter_jsonl(infile, settings.max_input_bytes)
        sink = open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)  # noqa: SIM115
    except (WirebriefError, OSError) as exc:
        raise fail(exc if isinstance(exc, WirebriefError) else InputError(str(exc))) from None
    failed = skipped = done = 0
    total = _count_lines(infile)
    n_workers = settings.workers or auto_workers(items=total)
    with sink as fh, progress_for("briefing", total, err) as advance:
        for result in brief_stream(
            records, options, batch_size=settings.batch_size, workers=n_workers
        ):
            if isinstance(result, BriefFailure):
                if result.skipped:
                    skipped += 1
                else:
                    failed += 1
                _report_unbriefed(result)
            else:
                line = result.model_dump(mode="json")
                line = {
                    "id": result.external_id,
                    **{k: v for k, v in line.items() if k != "id"},
                    "article_id": result.id,
                }
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
                done += 1
            advance()
    err.print(f"{done} briefed, {skipped} skipped, {failed} failed", highlight=False)
    if failed or (strict and skipped):
        raise typer.Exit(code=1)


def _report_unbriefed(result: BriefFailure) -> None:
    label = "[yellow]skipped[/]" if result.skipped else "[red]failed[/]"
    err.print(f"{label} {terminal(result.external_id, single_line=True)}: "
              f"{terminal(result.error.message)}", highlight=False)


def _count_lines(path: str) -> int | None:
    if path == "-" or path.endswith(".gz"):
        return None
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return None


@app.command()
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

    settings = _settings(db=db, allow_private=allow_private or None, workers=workers)
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
                _report_unbriefed(result)
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


@app.command()
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

    settings = _settings(db=db, workers=workers)
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


@app.command()
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

    settings = _settings(db=db, allow_private=allow_private or None)
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


@app.command("list")
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
        with Store(_settings(db=db).db_target) as store:
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


@app.command()
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
        with Store(_settings(db=db).db_target) as store:
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


@app.command()
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
        with Store(_settings(db=db).db_target) as store:
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


@app.command()
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


@app.command()
def doctor(db: DbOption = None) -> None:
    """Report what is installed and what is missing, with the command that fixes it."""
    from wirebrief.cli.doctor import run_doctor

    raise typer.Exit(code=run_doctor(_settings(db=db), out))


@app.command()
def demo(
    db: DbOption = None,
) -> None:
    """Load the bundled demo corpus into the store and brief its reference article."""
    from wirebrief.cli.progress import progress_for
    from wirebrief.demo import demo_size, load_demo
    from wirebrief.pipeline import BriefFailure

    settings = _settings(db=db)
    try:
        with progress_for("loading demo corpus", demo_size(), err) as advance:

            def report(result: object) -> None:
                advance()
                if isinstance(result, BriefFailure):
                    _report_unbriefed(result)

            summary, featured = load_demo(settings, report)
    except WirebriefError as exc:
        raise fail(exc) from None
    err.print(f"demo corpus: {summary.new} new, {summary.same} already stored, "
              f"{summary.merged} merged as duplicates → {settings.db_target}", highlight=False)
    if featured is not None:
        if out.is_terminal:
            render_rich(featured, out)
        else:
            out.file.write(render_plain(featured) + "\n")
    err.print('next: wirebrief list · wirebrief search "Iskander" · wirebrief show ID · '
              "wirebrief brief FILE", highlight=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Interface to bind (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="WIREBRIEF_TOKEN", help="Token for write endpoints (needed off loopback)."
        ),
    ] = None,
) -> None:
    """Serve the reader web app and the REST API (OpenAPI at /docs)."""
    from wirebrief.web.serve import serve as run_server

    try:
        run_server(db, host, port, token)
    except WirebriefError as exc:
        raise fail(exc) from None


def _register_story_commands() -> None:
    from wirebrief.stories import cli as stories_cli

    app.command("stories")(stories_cli.stories)
    app.command("events")(stories_cli.events)
    app.command("timeline")(stories_cli.timeline)
    app.command("digest")(stories_cli.digest)
    from wirebrief.batch import cli as batch_cli

    app.command("batch")(batch_cli.batch)


_register_story_commands()


def main() -> None:
    app()
