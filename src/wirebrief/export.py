"""One set of rules for everything Wirebrief writes for people or for other programs to open.

Article text is hostile. Whatever shell prints it (CLI, web, API), these functions decide what
may pass:
- terminal: control characters (ESC, OSC, CSI sequences, bidi overrides) are removed and rich
  markup is escaped, so a title can neither restyle the terminal nor break the table it is in;
- CSV: a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed
  with an apostrophe;
- Markdown: characters that make links, emphasis or HTML are escaped, and only absolute
  http(s) URLs become links;
- URLs (any output): only absolute http(s) addresses are ever used as link targets.
HTML pages are escaped by the template engine (autoescape), with `safe_url` for hrefs.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from rich.markup import escape as _rich_escape

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides and isolates
# that reorder what a reader sees ("Trojan Source").
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK_RE = re.compile(r"[\t\n\r\u2028\u2029]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Inside a line that starts with "- ", these are what make links, code, emphasis and tables.
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]|~])")
_URL_SAFE = ":/?#[]@!$&'*+,;=%~"
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def strip_controls(text: str) -> str:
    """`text` without control characters (tabs and newlines are kept)."""
    return _CONTROL_RE.sub("", text)


def one_line(text: str) -> str:
    """`text` without control characters, its line breaks and tabs made single spaces."""
    return _LINE_BREAK_RE.sub(" ", strip_controls(text))


def terminal(value: object, *, single_line: bool = False) -> str:
    """A string safe to give to a rich console with markup on: no controls, markup escaped."""
    text = "" if value is None else str(value)
    text = one_line(text) if single_line else strip_controls(text)
    return _rich_escape(text)


def plain(value: object, *, single_line: bool = False) -> str:
    """A string safe to write to a terminal with no markup processing: no controls."""
    text = "" if value is None else str(value)
    return one_line(text) if single_line else strip_controls(text)


def csv_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula."""
    text = "" if value is None else strip_controls(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV document, every cell through `csv_cell`."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) address, else None (javascript:, data:, ...)."""
    if not isinstance(url, str):
        return None
    url = _CONTROL_RE.sub("", url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def markdown_text(value: object) -> str:
    """Text that Markdown shows as written: no links, emphasis, headings or raw HTML."""
    text = one_line("" if value is None else str(value))
    text = _MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)
    return "".join(_HTML_SPECIAL.get(ch, ch) for ch in text)


def markdown_link(label: object, url: object) -> str:
    """`[label](url)` for an http(s) URL; the label alone for anything else."""
    text = markdown_text(label)
    href = safe_url(url)
    if href is None:
        return text
    # Percent-encode what could end the link target or open raw HTML: spaces, parentheses,
    # angle brackets, quotes, backslashes.
    return f"[{text}]({quote(href, safe=_URL_SAFE)})"
