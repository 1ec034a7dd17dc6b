"""What the `wirebrief` commands share: common options, settings for a command, dates, and
how a record that was not briefed is reported."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from wirebrief.cli.console import err, fail
from wirebrief.config import Settings, load_settings
from wirebrief.errors import InputError, WirebriefError
from wirebrief.export import terminal

if TYPE_CHECKING:
    from wirebrief.pipeline import BriefFailure

PRIOR_HELP = "Summary prior: none (default) or domain (sentences with coded events first)."
StrictOption = Annotated[bool, typer.Option(
    "--strict", help="Count skipped records (no article text in them) as failures.")]
DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite store path or postgresql:// URL (or WIREBRIEF_DB).")]
# A briefing is one nested record: for people (table), or as JSON.
BRIEFING_FORMATS = ("table", "json", "jsonl")


def command_settings(**overrides: object) -> Settings:
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


def report_unbriefed(result: BriefFailure) -> None:
    label = "[yellow]skipped[/]" if result.skipped else "[red]failed[/]"
    err.print(f"{label} {terminal(result.external_id, single_line=True)}: "
              f"{terminal(result.error.message)}", highlight=False)
