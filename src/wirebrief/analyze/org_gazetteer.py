"""Named organisations from data files: armed groups with their base country, IGOs, alliances,
named national forces and defence firms.

`data/organisations.tsv` is curated; `data/armed_groups.tsv` is generated from UCDP conflict data
by `scripts/knowledge/build_armed_groups.py`. A generated group that shares a name with a curated
one is merged into it (the curated name and base country win). Matching scans the text once,
token by token, against an index keyed by each alias's first lowercase token.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from wirebrief.models import Entity, EntityType

__all__ = ["KnownOrg", "find_known_organisations", "load_organisations", "lookup_organisation"]

_FILES = ("organisations.tsv", "armed_groups.tsv")  # curated first: its names win
_TOKEN_RE = re.compile(r"[^\W_]+")
_GAP_RE = re.compile(r"[ \-‐‑'’.]{0,3}")  # what may separate two words of one name
_ARTICLE = ("the ", "The ")


@dataclass(frozen=True)
class KnownOrg:
    """One organisation: its name, other names, kind and country (ISO3, None for none)."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None


@dataclass(frozen=True)
class _Alias:
    org: KnownOrg
    tokens: tuple[str, ...]  # lowercase, accents stripped
    surface: tuple[str, ...]  # as written in the data file
    exact: bool  # acronyms and short mixed-case names ("PKK", "LeT") keep their capitals


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _key(name: str) -> str:
    return " ".join(t.lower() for t in _TOKEN_RE.findall(_fold(name)))


def _read(name: str) -> list[KnownOrg]:
    text = resources.files("wirebrief.analyze").joinpath(f"data/{name}").read_text("utf-8")
    rows: list[KnownOrg] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, aliases, kind, country, *_ = line.split("\t")
        rows.append(
            KnownOrg(
                name=canonical,
                aliases=tuple(a for a in aliases.split(";") if a),
                kind=kind,
                country=None if country in ("", "-") else country,
            )
        )
    return rows


@functools.cache
def load_organisations() -> dict[str, KnownOrg]:
    """Every organisation by name; generated rows merge into curated ones sharing a name."""
    merged: dict[str, KnownOrg] = {}
    owner: dict[str, str] = {}  # alias key -> organisation name
    for file_name in _FILES:
        for org in _read(file_name):
            forms = (org.name, *org.aliases)
            known = next((owner[_key(f)] for f in forms if _key(f) in owner), None)
            if known is None:
                merged[org.name] = org
                known = org.name
            else:
                base = merged[known]
                extra = tuple(f for f in forms if _key(f) not in owner)
                merged[known] = KnownOrg(base.name, base.aliases + extra, base.kind, base.country)
            for form in forms:
                owner.setdefault(_key(form), known)
    return merged


def _is_exact(form: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", form)
    return form.upper() == form or (len(letters) <= 4 and " " not in form)


@functools.cache
def _index() -> tuple[dict[str, list[_Alias]], dict[str, KnownOrg]]:
    by_first: dict[str, list[_Alias]] = {}
    by_key: dict[str, KnownOrg] = {}
    for org in load_organisations().values():
        for form in (org.name, *org.aliases):
            key = _key(form)
            if not key or key in by_key:
                continue
            by_key[key] = org
            surface = tuple(_TOKEN_RE.findall(_fold(form)))
            alias = _Alias(org, tuple(key.split()), surface, _is_exact(form))
            by_first.setdefault(alias.tokens[0], []).append(alias)
    for aliases in by_first.values():
        aliases.sort(key=lambda a: len(a.tokens), reverse=True)
    return by_first, by_key


def lookup_organisation(name: str) -> KnownOrg | None:
    """The organisation one of whose names is `name` (case, accents and hyphens ignored)."""
    return _index()[1].get(_key(name))


def find_known_organisations(text: str) -> list[Entity]:
    """Mentions of listed organisations, longest name first, with a leading "the" kept."""
    by_first, _ = _index()
    folded = text if text.isascii() else _fold(text)
    if len(folded) != len(text):  # offsets must stay the text's own
        folded = text
    low = folded.lower()
    if len(low) != len(folded):
        low, folded = text, text  # rare: lowercasing changed the length ("İ")
    tokens = list(_TOKEN_RE.finditer(low))
    found: list[Entity] = []
    i = 0
    while i < len(tokens):
        candidates = by_first.get(tokens[i].group())
        hit = None
        for alias in candidates or ():
            if _matches(folded, tokens, i, alias):
                hit = alias
                break
        if hit is None:
            i += 1
            continue
        j = i + len(hit.tokens)
        start, end = tokens[i].start(), tokens[j - 1].end()
        if text[max(0, start - 4) : start] in _ARTICLE:
            start -= 4
        found.append(
            Entity(
                text=text[start:end],
                type=EntityType.ORGANIZATION,
                canonical=hit.org.name,
                start=start,
                end=end,
                subtype=hit.org.kind,
                country=hit.org.country,
                source="gazetteer",
            )
        )
        i = j
    return found


def _matches(text: str, tokens: list[re.Match[str]], i: int, alias: _Alias) -> bool:
    n = len(alias.tokens)
    if i + n > len(tokens):
        return False
    for k in range(1, n):
        if tokens[i + k].group() != alias.tokens[k]:
            return False
        if not _GAP_RE.fullmatch(text[tokens[i + k - 1].end() : tokens[i + k].start()]):
            return False
    words = [text[m.start() : m.end()] for m in tokens[i : i + n]]
    if alias.exact:
        return tuple(words) == alias.surface
    return not (alias.surface[0][:1].isupper() and not words[0][:1].isupper())
