"""The command line's two consoles and its one way to end a command on an error."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from wirebrief.errors import InputError, WirebriefError
from wirebrief.export import terminal

err = Console(stderr=True)
out = Console()


def fail(exc: WirebriefError) -> typer.Exit:
    """Print the error's message (escaped for the terminal) and exit with its code."""
    err.print(f"[red]error:[/] {terminal(exc.message)}", highlight=False, markup=True,
              soft_wrap=True)
    return typer.Exit(code=exc.exit_code)


# One output convention for every command: --format names the output (text, json, and csv or
# geojson where they apply); --json is short for --format json.
FormatOption = Annotated[str, typer.Option("--format", help="Output: text or json.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]


def wants_json(fmt: str, as_json: bool, allowed: tuple[str, ...] = ("text", "json")) -> bool:
    """Whether to print JSON; an unknown format ends the command with a usage error."""
    if fmt not in allowed:
        raise fail(InputError(f"--format must be one of {', '.join(allowed)}, not {fmt!r}",
                              reason="bad_format"))
    return as_json or fmt == "json"
