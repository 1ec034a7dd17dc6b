"""One output convention for every command that prints data.

`--format` names the output among those that make sense for the command: `table` (for people;
`text` is the same), `json`, `jsonl` (one JSON value a line), `csv`, `md` (a Markdown table),
and a few command-specific ones (`acled`, `geojson`, `html`). `--json` is short for
`--format json`. CSV and Markdown go through the escaping rules of `wirebrief.export`: article
text is hostile, so no cell runs as a spreadsheet formula and no Markdown cell makes a link.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any

import typer

from wirebrief.errors import InputError
from wirebrief.export import csv_text, markdown_text

__all__ = [
    "ALIASES",
    "ROW_FORMATS",
    "JsonOption",
    "format_option",
    "markdown_table",
    "output_format",
    "records_text",
]

ROW_FORMATS = ("table", "json", "jsonl", "csv", "md")
ALIASES = {"text": "table"}  # the older name of the table output

JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]


def format_option(formats: Sequence[str]) -> Any:
    """The `--format` option of a command that writes one of `formats` (typer's OptionInfo)."""
    shown = ", ".join(formats)
    alias = " ('text' is 'table')" if "table" in formats else ""
    return typer.Option("--format", help=f"Output: {shown}{alias}.")


def output_format(fmt: str, as_json: bool, allowed: Sequence[str]) -> str:
    """The output to write: `fmt` with its alias resolved, `json` when `--json` was given.

    Raises InputError (reason "bad_format") for a format the command does not write.
    """
    if as_json:
        if "json" not in allowed:
            raise InputError(f"--json: this command writes {', '.join(allowed)}",
                             reason="bad_format")
        return "json"
    kind = ALIASES.get(fmt, fmt) if "table" in allowed else fmt
    if kind not in allowed:
        raise InputError(f"--format must be one of {', '.join(allowed)}, not {fmt!r}",
                         reason="bad_format")
    return kind


def _cell(value: object) -> object:
    """A flat value for a CSV or Markdown cell: lists are joined with '; '."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def markdown_table(header: Sequence[str], rows: Iterable[Iterable[object]]) -> str:
    """A Markdown (GFM) table; every cell through `markdown_text` (one line, nothing active)."""
    lines = ["| " + " | ".join(markdown_text(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        cells = ["" if v is None else markdown_text(v) for v in (_cell(v) for v in row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def records_text(kind: str, records: Sequence[Mapping[str, object]],
                 columns: Sequence[str]) -> str:
    """`records` written as json, jsonl, csv or md (`columns` picks and orders the table's)."""
    if kind == "json":
        return json.dumps(list(records), indent=2, ensure_ascii=False, default=str) + "\n"
    if kind == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records)
    rows = ([_cell(r.get(c)) for c in columns] for r in records)
    if kind == "csv":
        return csv_text(list(columns), rows)
    if kind == "md":
        return markdown_table(columns, rows)
    raise ValueError(f"records_text writes json, jsonl, csv or md, not {kind!r}")
