"""The command line's two consoles and its one way to end a command on an error."""

from __future__ import annotations

import typer
from rich.console import Console

from wirebrief.errors import WirebriefError
from wirebrief.export import terminal

err = Console(stderr=True)
out = Console()


def fail(exc: WirebriefError) -> typer.Exit:
    """Print the error's message (escaped for the terminal) and exit with its code."""
    err.print(f"[red]error:[/] {terminal(exc.message)}", highlight=False, markup=True,
              soft_wrap=True)
    return typer.Exit(code=exc.exit_code)
