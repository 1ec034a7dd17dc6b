"""Briefing without a store: `brief` and `summarize` one article, `process` a JSONL file."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wirebrief.cli.console import ROW_FORMATS, JsonOption, choose_format, err, fail, out
from wirebrief.cli.options import (
    BRIEFING_FORMATS,
    PRIOR_HELP,
    StrictOption,
    command_settings,
    parse_date,
    report_unbriefed,
)
from wirebrief.cli.render import render_plain, render_rich
from wirebrief.config import auto_workers
from wirebrief.errors import InputError, WirebriefError
from wirebrief.export import plain
from wirebrief.output import format_option, records_text

if TYPE_CHECKING:
    from wirebrief.records import RawDocument


def _read_article(article: str, max_input_mb: float | None) -> RawDocument:
    from wirebrief.ingest.reader import read_document, read_stdin

    settings = command_settings(max_input_mb=max_input_mb)
    if article == "-":
        return read_stdin(settings.max_input_bytes)
    return read_document(Path(article), settings.max_input_bytes)


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
    settings = command_settings(batch_size=batch_size, workers=workers)
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
                report_unbriefed(result)
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


def _count_lines(path: str) -> int | None:
    if path == "-" or path.endswith(".gz"):
        return None
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return None
