"""`wirebrief train ...`: rebuild the learned models from the annotated data (fixed seeds)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wirebrief.cli.console import err, fail
from wirebrief.errors import InputError

train_app = typer.Typer(help="Rebuild the learned models from the annotated corpus.",
                        no_args_is_help=True)


@train_app.command("events")
def train_events(
    shared: Annotated[Path | None, typer.Option(
        help="Folder with the shared data (default: ../shared, or WIREBRIEF_SHARED).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Model file to write (default: the one the package ships).")] = None,
    cv: Annotated[bool, typer.Option(help="Also report 5-fold cross-validation.")] = False,
) -> None:
    """Train the event coder from annotation/ and the shared data (fixed seed, reproducible)."""
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        raise fail(InputError("training needs scikit-learn: pip install 'wirebrief[train]'"))
    from wirebrief.training.sources import SharedDataMissing
    from wirebrief.training.train_events import MODEL_PATH, train

    try:
        train(out=output or MODEL_PATH, cv=cv, shared=shared,
              log=lambda m: err.print(m, highlight=False))
    except SharedDataMissing as exc:
        raise fail(exc) from None


@train_app.command("ner")
def train_ner(
    shared: Annotated[Path | None, typer.Option(
        help="Folder with the shared data (default: ../shared, or WIREBRIEF_SHARED).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Model file to write (default: the one the package ships).")] = None,
    cv: Annotated[bool, typer.Option(help="Also report 5-fold cross-validation.")] = False,
) -> None:
    """Train the domain entity tagger from annotation/ (fixed seed, reproducible)."""
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        raise fail(InputError("training needs scikit-learn: pip install 'wirebrief[train]'"))
    from wirebrief.training.sources import SharedDataMissing
    from wirebrief.training.train_ner import MODEL_PATH, train

    try:
        train(out=output or MODEL_PATH, cv=cv, shared=shared,
              log=lambda m: err.print(m, highlight=False))
    except SharedDataMissing as exc:
        raise fail(exc) from None


@train_app.command("lines")
def train_lines(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Model file to write (default: the one the package ships).")] = None,
) -> None:
    """Train the plain-text line classifier from annotation/pages/ (fixed seed; reports
    cross-validation by page)."""
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        raise fail(InputError("training needs scikit-learn: pip install 'wirebrief[train]'"))
    from wirebrief.extract.lines import MODEL_PATH
    from wirebrief.training.train_lines import train

    train(out=output or MODEL_PATH, log=lambda m: err.print(m, highlight=False))
