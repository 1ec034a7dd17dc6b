"""The `wirebrief batch` command: a thin shell over `wirebrief.batch.spark.run_batch`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from wirebrief.config import load_settings
from wirebrief.errors import InputError, WirebriefError

err = Console(stderr=True)


def _fail(exc: WirebriefError) -> typer.Exit:
    err.print(f"[red]error:[/] {exc.message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code=exc.exit_code)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise InputError(f"--published must be a date as YYYY-MM-DD, not {value!r}") from exc


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="INPUT...",
                       help="JSONL, WARC, HTML or text files, folders, s3a:// gs:// hdfs:// URIs."),
    ],
    output: Annotated[str, typer.Option("-o", "--output", metavar="OUT_DIR",
                                        help="Output folder (local or a cluster URI).")],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master: local[N], spark://host:7077, yarn, k8s://... "
                     "(default: spark-submit's, else local[*])."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(help="Partitions (default: twice Spark's parallelism).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip partitions an earlier run finished.")
    ] = False,
    store: Annotated[
        str | None,
        typer.Option(help="Also store every briefing here (a postgresql:// URL or a path)."),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Fallback publication date YYYY-MM-DD.")
    ] = None,
    sentences: Annotated[int | None, typer.Option(help="Summary length in sentences.")] = None,
    no_analysis: Annotated[
        bool, typer.Option("--no-analysis", help="Extraction and summary only.")
    ] = False,
) -> None:
    """Brief a large input on Apache Spark into Parquet (needs PySpark: the `spark` extra)."""
    from wirebrief.batch.spark import run_batch
    from wirebrief.pipeline import load_options

    settings = load_settings()

    def started(session: object, n: int) -> None:
        url = session.sparkContext.uiWebUrl  # type: ignore[attr-defined]
        err.print(f"Spark {session.version} on {session.sparkContext.master}: "  # type: ignore[attr-defined]
                  f"{n} partitions; progress at {url}", highlight=False, markup=False)

    try:
        options = load_options(published=_date(published), summary_sentences=sentences,
                               analyse=not no_analysis)
        summary = run_batch(
            inputs, output, options=options, master=master, partitions=partitions,
            resume=resume, batch_size=settings.batch_size,
            max_input_bytes=settings.max_input_bytes, store_target=store, on_started=started,
        )
    except WirebriefError as exc:
        raise _fail(exc) from None
    err.print(summary.line(), highlight=False, markup=False, soft_wrap=True)
    if summary.failed and not summary.briefed:
        raise typer.Exit(code=1)
