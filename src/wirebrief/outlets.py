"""Outlet names: which publication an article came from, from its URL when the page or record
did not say.

The table `data/outlets.tsv` maps domains to names; a host matches its longest listed suffix
(`uk.reuters.com` is Reuters). A host not in the table is named by its registrable domain
(`news.example.co.uk` -> `example.co.uk`), which still tells two outlets apart.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from urllib.parse import urlsplit

# Second-level labels under which a country code top-level domain registers names.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "mil", "go", "or",
                           "ne", "gv"})


@cache
def outlet_table() -> dict[str, str]:
    text = resources.files("wirebrief").joinpath("data/outlets.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        domain, _, name = line.partition("\t")
        if domain.strip() and name.strip():
            table[domain.strip().lower()] = name.strip()
    return table


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower case, without `www.`; None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return host[4:] if host.startswith("www.") else host


def registrable_domain(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def outlet_name(source: str | None, url: str | None) -> str | None:
    """The outlet to show: the stored source name, else the table's name for the URL's domain,
    else that domain; None when there is neither a source nor an http(s) URL."""
    if source and source.strip() and not _is_host(source.strip()):
        return source.strip()
    host = host_of(url) or (source.strip().lower().removeprefix("www.") if source else None)
    if not host:
        return None
    table = outlet_table()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = table.get(".".join(labels[i:]))
        if name:
            return name
    return registrable_domain(host)


def _is_host(value: str) -> bool:
    """A source recorded as a bare domain ("reuters.com") is looked up like a URL's host."""
    return " " not in value and "." in value and value.replace(".", "").replace("-", "").isalnum()
