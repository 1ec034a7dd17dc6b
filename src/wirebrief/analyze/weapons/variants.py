"""How far a gazetteer hit reaches, as the annotation guide spans a weapon mention
(`docs/annotation.md`): variants written apart or combined ("J-10 C", "F-5E/F", "Su-30MKI/MKM"),
the system's own name after its designation ("F-5E Tiger", "F-35 Lightning II"), and the maker
in front when the system's canonical name carries it ("Saab Gripen" of "Saab JAS 39 Gripen")."""

from __future__ import annotations

import functools
import re

from wirebrief.analyze.weapons.gazetteer import (
    TOKEN_RE,
    WeaponSystem,
    load_gazetteer,
    lookup_weapon,
)

__all__ = ["combined_variants", "maker_start", "name_tail"]

Spans = list[tuple[int, int]]

# A variant written after a slash: "E/F", "MKI/MKM", "SM/SM2".
_SLASH_PIECE_RE = re.compile(r"^[A-Z]{1,4}\d?$")
# A variant letter written apart from its number ("J-10 C"); never an English word.
_APART_PIECE_RE = re.compile(r"^[A-Z]{1,3}$")
_NOT_APART = frozenset({"A", "I"})


def _runs_on(text: str, end: int) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] in "_-‐‑")


def combined_variants(text: str, spans: Spans, start: int, end: int, j: int,
                      system: WeaponSystem) -> tuple[int, int]:
    """(end, next token) past variants after a slash ("F-5E/F") and a listed variant letter
    written apart ("J-10 C" where "J-10C" names the same system)."""
    while (j < len(spans) and text[end : spans[j][0]] == "/"
           and _SLASH_PIECE_RE.match(text[spans[j][0] : spans[j][1]])
           and not _runs_on(text, spans[j][1])):
        end, j = spans[j][1], j + 1
    if j < len(spans) and text[end : spans[j][0]] == " ":
        piece = text[spans[j][0] : spans[j][1]]
        if (_APART_PIECE_RE.match(piece) and piece not in _NOT_APART
                and not _runs_on(text, spans[j][1])
                and text[start:end][-1:].isdigit()
                and lookup_weapon(text[start:end] + piece) is system):
            end, j = spans[j][1], j + 1
    return end, j


@functools.cache
def _tails(system_name: str) -> tuple[tuple[str, ...], ...]:
    """Word sequences that follow one of the system's designations in another of its names
    ("tiger" after "F-5" in "F-5 Tiger", "lightning ii" after "F-35"), and its one-word names;
    longest first."""
    system = load_gazetteer()[system_name]
    keys = [tuple(t.lower() for t in TOKEN_RE.findall(a)) for a in (system.name, *system.aliases)]
    designations = [k for k in keys if any(t.isdigit() for t in k)]
    out: set[tuple[str, ...]] = {k for k in keys if len(k) == 1 and k[0].isalpha()}
    for k in keys:
        for d in designations:
            rest = k[len(d):]
            # a word, not a variant letter: "F-16A" gives no name "A"
            if len(k) > len(d) and k[: len(d)] == d and rest[0].isalpha() and len(rest[0]) > 2:
                out.add(rest)
    return tuple(sorted(out, key=len, reverse=True))


def name_tail(text: str, spans: Spans, lows: list[str], j: int, end: int,
              system: WeaponSystem) -> tuple[int, int] | None:
    """(end, next token) over the system's name written right after a designation."""
    if j >= len(spans) or text[end : spans[j][0]] != " " or not text[spans[j][0]].isupper():
        return None
    for tail in _tails(system.name):
        k = j + len(tail)
        if k > len(spans) or tuple(lows[j:k]) != tail:
            continue
        if any(text[spans[m - 1][1] : spans[m][0]] != " " for m in range(j + 1, k)):
            continue
        if not (spans[k - 1][1] < len(text) and (text[spans[k - 1][1]].isalnum()
                                                  or text[spans[k - 1][1]] == "_")):
            return spans[k - 1][1], k
    return None


def maker_start(text: str, spans: Spans, lows: list[str], i: int, system: WeaponSystem) -> int:
    """Where the mention starts: the maker's name before it when the canonical name begins
    with it ("Saab Gripen" of "Saab JAS 39 Gripen"), else the hit's own start."""
    first = system.name.split()[0]
    if (i > 0 and " " in system.name and first.isalpha() and lows[i - 1] == first.lower()
            and lows[i] != first.lower()
            and text[spans[i - 1][0] : spans[i - 1][1]] == first
            and text[spans[i - 1][1] : spans[i][0]] == " "
            and (spans[i - 1][0] == 0 or not text[spans[i - 1][0] - 1].isalnum())):
        return spans[i - 1][0]
    return spans[i][0]
