"""The weapon-systems gazetteer: curated entries, their aliases and a token index over them.

Alias flags in the data files: `~` needs a weapon word nearby ("Tornado"), `=` keeps its case
("MILAN"), `^` needs a naval word nearby (a ship's bare name, "Kazan").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "CONTEXT_WORDS",
    "DASHES",
    "NAVAL_WORDS",
    "SIPRI_CATEGORIES",
    "TOKEN_RE",
    "Alias",
    "TokenIndex",
    "WeaponSystem",
    "alias_index",
    "gap_ok",
    "load_gazetteer",
    "lookup_weapon",
    "names_of",
    "norm_gap",
    "words",
]

SIPRI_CATEGORIES = frozenset(
    {
        "aircraft",
        "air defence systems",
        "anti-submarine warfare weapons",
        "armoured vehicles",
        "artillery",
        "engines",
        "missiles",
        "naval weapons",
        "satellites",
        "sensors",
        "ships",
        "other",
    }
)


@dataclass(frozen=True)
class WeaponSystem:
    """One gazetteer entry."""

    name: str
    aliases: tuple[str, ...]
    category: str
    subtype: str
    origin: str | None
    vessel: bool = False  # a named ship ("USS Juneau", "Kazan"), not a class or a design


@dataclass(frozen=True)
class Alias:
    system: WeaponSystem
    tokens: tuple[str, ...]  # lowercase tokens
    surface: tuple[str, ...]  # tokens as written in the gazetteer
    gaps: tuple[str, ...]  # normalised separators between tokens
    needs_context: bool
    exact_case: bool
    single_word: bool  # one alphabetic token: the riskiest kind of alias
    naval: bool = False  # the context must be a naval word ("the frigate Kazan")
    closes: bool = False  # ends with ")": "USS Juneau (LPD-10)" takes the bracket too


_FLAGS = "~=^"


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")
DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "’": "'", "\u00a0": " "})

# Words that make an ambiguous alias ("Tornado", "Patriots", "Grad") a weapon.
CONTEXT_WORDS = words(
    """missile missiles system systems battery batteries launcher launchers interceptor interceptors
    jet jets fighter fighters aircraft warplane warplanes plane planes bomber bombers helicopter
    helicopters gunship gunships drone drones uav uavs ucav tank tanks vehicle vehicles ifv ifvs apc
    apcs armour armor armoured armored howitzer howitzers artillery gun guns rocket rockets mlrs
    submarine submarines frigate frigates destroyer destroyers warship warships vessel vessels
    carrier carriers corvette corvettes cruiser cruisers munition munitions atgm atgms manpads sam
    sams squadron squadrons radar radars torpedo torpedoes warhead warheads shell shells weapon
    weapons ballistic cruise hypersonic interceptors sortie sorties airframes complex launchers
    mrap mraps flagship crews deliveries loitering kamikaze anti air defence defense"""
)

# Words that make a bare ship name ("Kazan", "Fitzgerald", "Minsk") a ship.
NAVAL_WORDS = words(
    """ship ships warship warships vessel vessels destroyer destroyers frigate frigates corvette
    corvettes cruiser cruisers submarine submarines carrier carriers boat boats tanker tankers
    oiler tug tugboat flagship"""
)


def norm_gap(gap: str) -> str:
    return gap.translate(DASHES)


def gap_ok(alias_gap: str, text_gap: str, left: str, right: str) -> bool:
    """Whether the text's separator between two tokens matches the alias's."""
    if text_gap == alias_gap:
        return True
    mixed = left.isdigit() != right.isdigit()
    if alias_gap in ("", "-"):
        if mixed:
            # "Shahed 136", "Hwasong 17" are common; "Su 35", "F 16" are not designations.
            word = left if left.isalpha() else right
            return text_gap in ("", "-") or (text_gap == " " and len(word) >= 3)
        # Letter-letter: "Iskander-M" / "Iskander M"; digit-digit must keep its hyphen.
        return text_gap in ("-", " ") and not left.isdigit()
    if alias_gap == " ":
        return text_gap == "-" or (mixed and text_gap == "")
    return False


def _parse_alias(raw: str, system: WeaponSystem) -> list[Alias]:
    surface_text = raw.lstrip(_FLAGS)
    flags = raw[: len(raw) - len(surface_text)]
    naval = "^" in flags
    needs_context = "~" in flags or naval
    # Short acronyms must keep their capitals: "MILAN" is not "Milan", "HARM" is not "Harm".
    exact_case = "=" in flags or (
        surface_text.isalpha() and surface_text.isupper() and len(surface_text) <= 4
    )
    matches = list(TOKEN_RE.finditer(surface_text))
    if not matches:
        return []
    surface = tuple(m.group() for m in matches)
    tokens = tuple(t.lower() for t in surface)
    gaps = tuple(
        norm_gap(surface_text[a.end() : b.start()])
        for a, b in zip(matches, matches[1:], strict=False)
    )
    single = len(tokens) == 1 and surface[0].isalpha()
    closes = surface_text.endswith(")")
    out = [
        Alias(system, tokens, surface, gaps, needs_context, exact_case, single, naval, closes)
    ]
    last = tokens[-1]
    # Plural of a name that ends in letters ("Reapers", "Wing Loong IIs").
    if last.isalpha() and not last.endswith("s") and (
        len(last) > 2 or (len(last) == 2 and surface[-1].isupper())
    ):
        out.append(
            Alias(
                system,
                (*tokens[:-1], last + "s"),
                (*surface[:-1], surface[-1] + "s"),
                gaps,
                needs_context or single,
                exact_case,
                single,
                naval,
            )
        )
    return out


# The hand-curated core first (its spellings win), then the generated and extended files.
_GAZETTEER_FILES = ("weapons.tsv", "weapons_more.tsv", "weapons_ships.tsv")
_VESSEL_FILES = frozenset({"weapons_ships.tsv"})  # every entry names one ship


def _read_rows() -> list[WeaponSystem]:
    data = resources.files("wirebrief.analyze").joinpath("data")
    lines: list[tuple[str, bool]] = []
    for name in _GAZETTEER_FILES:
        path = data.joinpath(name)
        if path.is_file():
            lines += [(ln, name in _VESSEL_FILES) for ln in path.read_text("utf-8").splitlines()]
    systems: list[WeaponSystem] = []
    for line, vessel in lines:
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, category, subtype, origin = line.split("\t")
        alias_list = tuple(a.strip() for a in aliases.split(";") if a.strip())
        systems.append(
            WeaponSystem(
                name=name.strip(),
                aliases=alias_list,
                category=category.strip(),
                subtype=subtype.strip(),
                origin=None if origin.strip() in ("", "-") else origin.strip(),
                vessel=vessel,
            )
        )
    return systems


@functools.cache
def load_gazetteer() -> dict[str, WeaponSystem]:
    """Every curated weapon system, keyed by canonical name (alias flags stripped)."""
    out: dict[str, WeaponSystem] = {}
    for system in _read_rows():
        clean = tuple(dict.fromkeys(a.lstrip(_FLAGS) for a in system.aliases))
        out[system.name] = WeaponSystem(
            system.name, clean, system.category, system.subtype, system.origin, system.vessel
        )
    return out


TokenIndex = dict[str, dict[str, list[Alias]]]


@functools.cache
def alias_index() -> tuple[TokenIndex, dict[str, WeaponSystem], frozenset[str]]:
    """Two-token index of aliases, a normalised-name lookup, and single-word names.

    The index maps first token -> second token ("" for one-token aliases) -> aliases, longest
    first, so a common first token ("a", "s", "t") costs one dict lookup, not a scan of aliases.
    """
    gazetteer = load_gazetteer()
    by_first: TokenIndex = {}
    by_key: dict[str, WeaponSystem] = {}
    seen: set[tuple[str, ...]] = set()
    for raw_system in _read_rows():
        system = gazetteer[raw_system.name]
        raws = (raw_system.name, *raw_system.aliases)
        own = {_key(r.lstrip("~^")) for r in raws if not r.lstrip("~^").startswith("=")}
        for raw in raws:
            by_key.setdefault(_key(raw.lstrip(_FLAGS)), system)
            if _is_name_plus_noun(_key(raw.lstrip(_FLAGS)), own):
                continue  # match the name alone so spans stay the same across mentions
            for alias in _parse_alias(raw, system):
                if alias.tokens in seen:
                    continue  # first spelling wins (canonical names are listed first)
                seen.add(alias.tokens)
                second = alias.tokens[1] if len(alias.tokens) > 1 else ""
                by_first.setdefault(alias.tokens[0], {}).setdefault(second, []).append(alias)
    for inner in by_first.values():
        for aliases in inner.values():
            aliases.sort(key=lambda a: len(a.tokens), reverse=True)
    names = frozenset(
        a.tokens[0]
        for inner in by_first.values()
        for a in inner.get("", ())
        if a.single_word and not a.needs_context and len(a.tokens[0]) > 3
    )
    return by_first, by_key, names


@functools.cache
def names_of(system_name: str) -> frozenset[str]:
    """Single-word names of one system ("apache" for the AH-64)."""
    system = load_gazetteer()[system_name]
    keys = (_key(a) for a in (system.name, *system.aliases))
    return frozenset(k for k in keys if " " not in k and k.isalpha())


def _is_name_plus_noun(key: str, own: set[str]) -> bool:
    """'tornado jets' when 'tornado' is an alias of the same system."""
    words = key.split()
    while len(words) > 1 and words[-1] in CONTEXT_WORDS:
        words.pop()
        if " ".join(words) in own:
            return True
    return False


def _key(name: str) -> str:
    return " ".join(t.lower() for t in TOKEN_RE.findall(name))


def lookup_weapon(name: str) -> WeaponSystem | None:
    """The system whose canonical name or alias is `name` (case and hyphens ignored)."""
    return alias_index()[1].get(_key(name))
