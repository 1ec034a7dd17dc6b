"""The command line's two consoles and its one way to end a command on an error."""

from __future__ import annotations

from collections.abc import Sequence

import typer
from rich.console import Console

from wirebrief.errors import InputError, WirebriefError
from wirebrief.export import terminal
from wirebrief.output import ROW_FORMATS, JsonOption, format_option, output_format

__all__ = ["ROW_FORMATS", "JsonOption", "choose_format", "err", "fail", "format_option", "out"]

err = Console(stderr=True)
out = Console()


def fail(exc: WirebriefError) -> typer.Exit:
    """Print the error's message (escaped for the terminal) and exit with its code."""
    err.print(f"[red]error:[/] {terminal(exc.message)}", highlight=False, markup=True,
              soft_wrap=True)
    return typer.Exit(code=exc.exit_code)


# One output convention for every command that prints data (see wirebrief.output): --format
# names the output, --json is short for --format json.


def choose_format(fmt: str, as_json: bool, allowed: Sequence[str]) -> str:
    """The output to write; a format the command does not write ends it with a usage error."""
    try:
        return output_format(fmt, as_json, allowed)
    except InputError as exc:
        raise fail(exc) from None
