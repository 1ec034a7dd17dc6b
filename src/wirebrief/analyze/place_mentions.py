"""Place mentions: a place geocoded offline with its country and an ACLED-style precision
(`place_entity`), and the places spaCy's small model often misses: "the Donetsk region" and
seas, straits and shoals from the physical gazetteer."""

from __future__ import annotations

import functools
import re

from wirebrief.analyze.countries import country_code, demonym_codes_in
from wirebrief.analyze.name_shapes import facility_town
from wirebrief.analyze.places import (
    REGION_SUFFIX_RE,
    feature,
    find_features,
    geocode,
    is_point_feature,
    region_country,
    region_point,
)
from wirebrief.models import Entity, EntityType, Precision

# "near Rzeszow", "outside Kharkiv", "off Taiwan", "30 km north of Izium": ACLED's "near".
NEAR_BEFORE_RE = re.compile(
    r"(?:\b(?:near|outside|off|close\s+to|outskirts\s+of|vicinity\s+of)|\b(?:km|kilometres|"
    r"kilometers|miles)\s+(?:(?:north|south|east|west)\w*\s+)?(?:of|from))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
LOCATIVE_BEFORE_RE = re.compile(
    r"(?:\b(?:in|at|near|from|to|into|outside|around|across|via|of)\s+)$", re.IGNORECASE
)


_COUNTRY_AFTER_RE = re.compile(
    r"^(?:,\s+(?P<c1>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b|(?:\s+[a-z-]+){0,3}\s+in\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)(?:ern)?\s+)?"
    r"(?P<c2>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b)"
)


_REGION_RE = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<name>[A-Z][a-z]+(?:-[a-z]{1,3}(?=[\s-]))?(?:[\s-][A-Z][a-z]+)?)\s+"
    r"(?P<head>region|oblast|province|"
    r"Strait|Sea|Gulf|Bay|Peninsula|Channel|Region|Oblast|Province)\b"
)


@functools.lru_cache(maxsize=4)
def _countries_named(text: str) -> frozenset[str]:
    """The countries a text names, scanned once per text (an article may name many bases)."""
    return frozenset(c for _, _, c in demonym_codes_in(text))


def region_mentions(text: str) -> list[Entity]:
    """ "the Donetsk region", "the Bashi Channel": places spaCy's small model often misses."""
    out = []
    for m in _REGION_RE.finditer(text):
        if country_code(m.group("name")) and m.group("head").islower():
            continue  # "the Russian region of ..." is not a place name
        out.append(place_entity(text, m.group(0), m.start(), m.end(), "region"))
    return out


def feature_mentions(text: str) -> list[Entity]:
    """Seas, straits, gulfs, shoals and islands from the physical gazetteer ("the Sea of
    Japan", "Second Thomas Shoal"), and unknown "X Strait"s, before spaCy's reading of them."""
    return [place_entity(text, text[start:end], start, end, "region")
            for start, end, _, _ in find_features(text)]


def is_locative(text: str, start: int) -> bool:
    return bool(LOCATIVE_BEFORE_RE.search(text[max(0, start - 12) : start]))


def place_entity(text: str, surface: str, start: int, end: int, subtype: str) -> Entity:
    """A place, geocoded offline; country from the gazetteer, "X, Country" or "in Country"."""
    name = strip_article(surface)
    name = name.title() if name.isupper() and len(name) > 3 else name  # a dateline's "ZURICH"
    hit = geocode(name)
    feat = feature(name) if hit and hit[2] == "" else None
    # a province or state: its country; also for an area the gazetteer places ("Gaza Strip")
    area = feat is not None and not is_point_feature(feat) and feat.kind != "continent"
    region = region_country(name) if hit is None or area else None
    if hit is None and region is None:
        hit = geocode(REGION_SUFFIX_RE.sub("", name))
    town = facility_town(name) if hit is None and region is None and subtype == "facility" else None
    if town:  # "port of Najin", "Ambala airbase": the town's point, near it, when the
        spot = geocode(town)  # article names the town's country ("Argyle" is also in Hong Kong)
        hit = spot if spot and spot[2] in _countries_named(text) else None
    point = region_point(name, region) if region else None  # the middle of its towns
    country = region or ((hit[2] or None) if hit else None)
    if country is None:
        m = _COUNTRY_AFTER_RE.match(text[end : end + 60])
        if m:
            found = m.group("c1") or m.group("c2")
            country = country_code(found) or country_code(found.split()[0])
    precision: Precision | None = "region" if region else (
        "near" if town and hit else _precision(text, start, name, subtype, hit, country))
    return Entity(
        text=surface,
        type=EntityType.PLACE,
        canonical=name,
        start=start,
        end=end,
        subtype="region" if (region or feat and feat.kind == "continent") and subtype == "city"
        else subtype,
        lat=hit[0] if hit else (point[0] if point else None),
        lon=hit[1] if hit else (point[1] if point else None),
        country=country,
        precision=precision,
        source="model",
    )


def _precision(text: str, start: int, name: str, subtype: str,
               hit: tuple[float, float, str] | None, country: str | None) -> Precision | None:
    """ACLED's geo-precision of a place mention: exact, near, region or country."""
    if hit is None:
        return "country" if country else None
    found = feature(name) or feature(REGION_SUFFIX_RE.sub("", name))
    if hit[2] == "" and found is not None:  # a physical feature, not a city
        precision: Precision = "exact" if is_point_feature(found) else "region"
    else:
        precision = "region" if subtype == "region" and hit[2] else "exact"
        if subtype == "region" and re.search(r"\b(?:city|town|village)$", name, re.I):
            precision = "exact"
    if precision == "exact" and NEAR_BEFORE_RE.search(text[max(0, start - 40) : start]):
        return "near"
    return precision


ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def strip_article(text: str) -> str:
    return ARTICLE_RE.sub("", text).strip()


def without_region_word(entities: list[Entity]) -> list[Entity]:
    """A place's mention without a lower-case "region" or "province" after its name, nor the
    article before it: "the Ryazan region" names "Ryazan", as the annotation guide spans it
    ("Kaduna State", with its capital, keeps the word). The canonical name and the reading (a
    region, its point) stay."""
    out = []
    for e in entities:
        m = REGION_SUFFIX_RE.search(e.text) if e.type is EntityType.PLACE else None
        if m and m.group(0).islower() and m.start() > 0 \
                and not ARTICLE_RE.fullmatch(e.text[: m.start()] + " "):
            art = ARTICLE_RE.match(e.text)  # "the Ryazan" would read oddly: "Ryazan"
            skip = art.end() if art else 0
            e = e.model_copy(update={"text": e.text[skip : m.start()], "start": e.start + skip,
                                     "end": e.start + m.start()})
        out.append(e)
    return out
