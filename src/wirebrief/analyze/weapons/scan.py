"""Weapon systems: a curated gazetteer plus a recogniser for designations it does not list.

`find_weapon_systems` scans the text once, token by token, against an index of every alias keyed by
its first lowercase token (a trie-like lookup, no per-alias regex), then runs two small regexes for
designations ("Su-75", "KF-21") and named systems before a head noun ("the Zircon hypersonic
missile"). Precision comes first: ambiguous aliases ("Tornado", "Apache") need a weapon word
nearby, names need a capital, and code-like strings ("COVID-19", "G-7", "Flight MH-17") never fire.
"""

from __future__ import annotations

import re

from wirebrief.analyze.weapons.gazetteer import (
    CONTEXT_WORDS,
    DASHES,
    NAVAL_WORDS,
    TOKEN_RE,
    Alias,
    WeaponSystem,
    alias_index,
    gap_ok,
    lookup_weapon,
    norm_gap,
)
from wirebrief.analyze.weapons.hashtags import find_hashtag_weapons
from wirebrief.analyze.weapons.patterns import find_patterns, weapon_entity
from wirebrief.analyze.weapons.ships import find_prefixed_ships, find_typed_ships
from wirebrief.analyze.weapons.variants import combined_variants, maker_start, name_tail
from wirebrief.models import Entity

__all__ = ["find_weapon_systems"]

_SUFFIX_MAX = 5  # longest variant suffix kept after a listed designation ("B3M", "MKI", "2A6")


_STOPS = frozenset(".;!?\n")


def _has_context(
    text: str,
    spans: list[tuple[int, int]],
    lows: list[str],
    i: int,
    j: int,
    words: frozenset[str] = CONTEXT_WORDS,
    reach: tuple[int, int] = (3, 4),
) -> bool:
    """A weapon (or naval) word within three tokens before or four after, in the sentence."""
    k = i - 1
    while k >= max(0, i - reach[0]) and _STOPS.isdisjoint(text[spans[k][1] : spans[k + 1][0]]):
        if lows[k] in words:
            return True
        k -= 1
    k = j
    last = min(len(spans), j + reach[1])
    while k < last and _STOPS.isdisjoint(text[spans[k - 1][1] : spans[k][0]]):
        if lows[k] in words:
            return True
        k += 1
    return False


def _variant_end(text: str, spans: list[tuple[int, int]], j: int) -> tuple[int, str, int]:
    """Extend a designation match over an attached variant suffix or plural 's'.

    Returns (end offset, suffix to append to the canonical name, next token index).
    """
    end = spans[j - 1][1]
    k, suffix = j, ""
    while k < len(spans) and spans[k][0] == end:
        piece = text[spans[k][0] : spans[k][1]]
        if (len(piece) > 1 and piece.endswith("s") and piece[:-1].isupper()
                and len(suffix) + len(piece) - 1 <= _SUFFIX_MAX):
            # "F-16Vs", "Su-30SMs": a variant letter and the plural in one token
            end, k = spans[k][1], k + 1
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                return -1, "", k
            return end, suffix + piece[:-1], k
        if len(suffix) + len(piece) > _SUFFIX_MAX or not (piece.isupper() or piece.isdigit()):
            break
        if not suffix and piece.isdigit():
            break  # "F-16" + "1" is another number, not a variant
        suffix += piece
        end = spans[k][1]
        k += 1
    if k < len(spans) and spans[k][0] == end and text[spans[k][0] : spans[k][1]] == "s":
        end = spans[k][1]
        k += 1
        return end, suffix, k
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return -1, "", k  # runs into more letters: not this designation
    return end, suffix, k


def find_weapon_systems(text: str) -> list[Entity]:
    """Weapon-system mentions in `text`, sorted by start, non-overlapping, longest first."""
    by_first, _, names = alias_index()
    low = text.lower()
    if len(low) == len(text):  # one pass over the lowercased text gives tokens and offsets
        matches = list(TOKEN_RE.finditer(low))
        spans = [m.span() for m in matches]
        lows = [m.group() for m in matches]
    else:  # a few characters change length when lowercased ("İ"): lower token by token
        spans = [m.span() for m in TOKEN_RE.finditer(text)]
        lows = [text[a:b].lower() for a, b in spans]
    found: list[Entity] = []
    n_tokens = len(spans)
    i = 0
    while i < n_tokens:
        inner = by_first.get(lows[i])
        if inner is None:
            i += 1
            continue
        longer = inner.get(lows[i + 1], ()) if i + 1 < n_tokens else ()
        candidates = (*longer, *inner.get("", ()))
        start = spans[i][0]
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            i += 1
            continue
        hit = None
        for alias in candidates:
            hit = _try_alias(text, spans, lows, i, alias)
            if hit is not None:
                break
        if hit is None:
            i += 1
            continue
        end, canonical, system, i_next = hit
        start = maker_start(text, spans, lows, i, system)
        ent = weapon_entity(text, start, end, canonical, system, None, None, "gazetteer")
        variant = _designation(text, start, end) if canonical == system.name else None
        if variant is not None and _is_variant_of(variant, system.name):
            ent = ent.model_copy(update={"variant": variant})
        found.append(ent)
        i = i_next
        acronym = _ACRONYM_AFTER_RE.match(text, end)
        if acronym is not None and _abbreviates(acronym.group("acr"), text[start:end]):
            # "Multiple Launch Rocket System (MLRS)": the short form is a mention of it too
            a, b = acronym.span("acr")
            found.append(weapon_entity(text, a, b, system.name, system, None, None, "gazetteer"))
            while i < n_tokens and spans[i][0] < acronym.end():
                i += 1
    found.extend(find_patterns(text, found, names))
    found.extend(find_prefixed_ships(text, [(e.start, e.end) for e in found]))
    found.extend(find_typed_ships(text, [(e.start, e.end) for e in found]))
    found.extend(find_hashtag_weapons(text, [(e.start, e.end) for e in found]))
    found.sort(key=lambda e: e.start)
    return found


def _try_alias(
    text: str, spans: list[tuple[int, int]], lows: list[str], i: int, alias: Alias
) -> tuple[int, str, WeaponSystem, int] | None:
    n = len(alias.tokens)
    if i + n > len(spans):
        return None
    for k in range(1, n):
        if lows[i + k] != alias.tokens[k]:
            return None
        gap = norm_gap(text[spans[i + k - 1][1] : spans[i + k][0]])
        if not gap_ok(alias.gaps[k - 1], gap, alias.tokens[k - 1], alias.tokens[k]):
            return None
    first = text[spans[i][0] : spans[i][1]]
    if (
        n > 1
        and len(alias.tokens[0]) == 1
        and alias.gaps[0] == "-"
        and (spans[i][1] == spans[i + 1][0])
    ):
        return None  # "B2", "F16", "A10": too many non-weapon codes look like this
    if alias.exact_case:
        if tuple(text[a:b] for a, b in spans[i : i + n]) != alias.surface:
            return None
    elif alias.surface[0][0].isupper() and not first[0].isupper():
        return None  # "a patriot", "leopard" (the cat)
    if i > 0 and lows[i - 1] == "flight":
        return None
    j = i + n
    canonical = alias.system.name
    if alias.tokens[-1].isdigit():
        end, suffix, j = _variant_end(text, spans, j)
        if end < 0:
            return None
        if suffix and lookup_weapon(_designation(text, spans[i][0], end)) is not alias.system:
            canonical = _designation(text, spans[i][0], end)
    else:
        end = spans[j - 1][1]
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            return None
    if alias.closes and text[end : end + 1] == ")":
        end += 1
    elif not alias.single_word:
        end, j = combined_variants(text, spans, spans[i][0], end, j, alias.system)
    if not alias.single_word:
        # "AH-64E Apache", "F-5E Tiger": a designation and its name are one mention.
        tail = name_tail(text, spans, lows, j, end, alias.system)
        if tail is not None:
            end, j = tail
    # A ship's bare name needs its noun close by: "the frigate Kazan", "the Kazan submarine".
    words, reach = (NAVAL_WORDS, (2, 2)) if alias.naval else (CONTEXT_WORDS, (3, 4))
    if alias.needs_context and not _has_context(text, spans, lows, i, j, words, reach):
        return None
    if alias.single_word and j < len(spans):
        # "Patriot Act", "Javelin Park": a capitalised word right after marks another name.
        gap = text[end : spans[j][0]]
        nxt = text[spans[j][0] : spans[j][1]]
        if gap == " " and nxt[0].isupper() and not nxt.isupper() and lows[j] not in CONTEXT_WORDS:
            return None
    return end, canonical, alias.system, j


_ACRONYM_AFTER_RE = re.compile(r" \((?P<acr>[A-Z][A-Z0-9-]{1,7})\)")


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether `acronym` is made of the initials of a name of two words or more, in order
    ("MLRS" of "Multiple Launch Rocket System", "HIMARS" of "High Mobility Artillery Rocket
    System"); "USA" after "F-16" is not."""
    initials = [w[0] for w in name.split() if w[:1].isupper()]
    if len(initials) < 2 or acronym[0] != initials[0]:
        return False
    rest = iter(acronym)
    return all(ch in rest for ch in initials)


_VARIANT_SUFFIX_RE = re.compile(r"^(?:-?[A-Z0-9][A-Z0-9+-]*| Block \d+[A-Z]?|[A-Z]{1,3}\d*[A-Z]?)$")


def _is_variant_of(surface: str, family: str) -> bool:
    """Whether a mention names a variant of a family listed without it: "Su-30SM2" of "Su-30",
    "Leopard 2A6" of "Leopard 2", "F-16 Block 70" of "F-16"; not "Leopard 2 tanks" or
    "F-35 Lightning II" (names and plain nouns after the family)."""
    if len(surface) <= len(family) or surface[: len(family)].lower() != family.lower():
        return False
    return bool(_VARIANT_SUFFIX_RE.match(surface[len(family):]))


def _designation(text: str, start: int, end: int) -> str:
    """The variant's own designation as written, without a plural 's'."""
    surface = text[start:end]
    if surface.endswith("s") and len(surface) > 1 and not surface[-2].islower():
        surface = surface[:-1]
    return surface.translate(DASHES)
