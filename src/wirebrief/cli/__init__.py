"""The `wirebrief` command line: a thin shell over the library.

The commands live by concern (`briefing.py`: without a store; `run.py`: ingest, re-analysis,
watching; `articles.py`: reading the store; `stories/cli.py`, `batch/cli.py`, `train.py`) and
are registered here, in the order `wirebrief --help` lists them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from wirebrief.cli import articles, briefing, run
from wirebrief.cli.console import err, fail, out
from wirebrief.cli.options import DbOption, command_settings, report_unbriefed
from wirebrief.cli.render import render_plain, render_rich
from wirebrief.cli.train import train_app
from wirebrief.errors import WirebriefError

app = typer.Typer(
    name="wirebrief",
    help="Defense and security news in, briefings an analyst can trust out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(train_app, name="train")

app.command()(briefing.brief)
app.command()(briefing.summarize)
app.command()(briefing.process)
app.command()(run.ingest)
app.command()(run.reanalyse)
app.command()(run.watch)
app.command("list")(articles.list_articles)
app.command()(articles.show)
app.command()(articles.search)
app.command()(articles.schema)


@app.command()
def doctor(db: DbOption = None) -> None:
    """Report what is installed and what is missing, with the command that fixes it."""
    from wirebrief.cli.doctor import run_doctor

    raise typer.Exit(code=run_doctor(command_settings(db=db), out))


@app.command()
def demo(
    db: DbOption = None,
) -> None:
    """Load the bundled demo corpus into the store and brief its reference article."""
    from wirebrief.cli.progress import progress_for
    from wirebrief.demo import demo_size, load_demo
    from wirebrief.pipeline import BriefFailure

    settings = command_settings(db=db)
    try:
        with progress_for("loading demo corpus", demo_size(), err) as advance:

            def report(result: object) -> None:
                advance()
                if isinstance(result, BriefFailure):
                    report_unbriefed(result)

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
