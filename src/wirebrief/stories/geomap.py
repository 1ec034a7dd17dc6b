"""An offline map of events as SVG: country outlines from the bundled Natural Earth 1:110m data
(data/countries-110m.json, public domain; see data/countries-110m.NOTICE.txt), events as
circles placed as the exports place them.

No tile server and no plotting library: the TopoJSON arcs are decoded here and drawn in an
equirectangular projection, cropped to the events with a margin. A solid dot is an event at a
named place (geo precision 1); a hollow ring is one known only by its country, drawn at the
capital (geo precision 3). Every text in the SVG is escaped: it comes from articles.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from wirebrief.stories.exports import EventRow, event_rows
from wirebrief.stories.merge import MergedEvent

WIDTH = 960  # px across, whatever the extent
MARGIN_DEG = 6.0
ATTRIBUTION = "Country outlines: Natural Earth (public domain), via world-atlas"

Ring = list[tuple[float, float]]


@cache
def _topology() -> dict[str, Any]:
    path = resources.files("wirebrief").joinpath("data/countries-110m.json")
    topology: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return topology


@cache
def _arcs() -> list[Ring]:
    """Decoded arcs: quantized, delta-encoded positions to longitude/latitude."""
    topo = _topology()
    transform = topo["transform"]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    out: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        ring: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            ring.append((x * sx + tx, y * sy + ty))
        out.append(ring)
    return out


def _ring(indices: list[int]) -> Ring:
    arcs = _arcs()
    points: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@cache
def countries() -> list[tuple[str, str, list[Ring]]]:
    """(ISO numeric id, name, rings) of every country outline."""
    out = []
    objects = _topology()["objects"]
    for geom in objects["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polygons = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = [_ring(r) for poly in polygons for r in poly]
        out.append((str(geom.get("id", "")), str(geom.get("properties", {}).get("name", "")),
                    rings))
    return out


def _extent(rows: list[EventRow]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the placed events, or the inhabited world."""
    lons = [r.longitude for r in rows if r.longitude is not None]
    lats = [r.latitude for r in rows if r.latitude is not None]
    if not lons:
        return -180.0, -60.0, 180.0, 85.0
    west, east = max(-180.0, min(lons) - MARGIN_DEG), min(180.0, max(lons) + MARGIN_DEG)
    south, north = max(-85.0, min(lats) - MARGIN_DEG), min(85.0, max(lats) + MARGIN_DEG)
    # Keep a sensible aspect: at least a 2:1 box, as the world map is.
    if east - west < 2 * (north - south):
        pad = (2 * (north - south) - (east - west)) / 2
        west, east = max(-180.0, west - pad), min(180.0, east + pad)
    return west, south, east, north


def events_map_svg(events: list[MergedEvent], title: str = "") -> str:
    """A standalone SVG map of the events that can be placed."""
    rows = event_rows(events)
    west, south, east, north = _extent(rows)
    k = WIDTH / (east - west)
    height = max(120, round((north - south) * k))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * k, (north - lat) * k

    paths = []
    for _, name, rings in countries():
        d = []
        for ring in rings:
            if not any(west - 30 <= lon <= east + 30 and south - 30 <= lat <= north + 30
                       for lon, lat in ring):
                continue
            pts = [xy(lon, lat) for lon, lat in ring]
            d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if d:
            paths.append(f'<path d="{"".join(d)}"><title>{escape(name)}</title></path>')
    dots = []
    placed = sorted(((r, r.longitude, r.latitude) for r in rows
                     if r.latitude is not None and r.longitude is not None),
                    key=lambda p: -p[0].n_articles)
    for r, lon, lat in placed:
        x, y = xy(lon, lat)
        radius = 4 + 2 * min(r.n_articles, 6)
        exact = r.geo_precision == 1
        style = ('fill="#c0392b" fill-opacity="0.75" stroke="#7b241c"' if exact else
                 'fill="none" stroke="#c0392b" stroke-width="2" stroke-dasharray="3 2"')
        where = "at " + (r.location or "?") if exact else f"somewhere in {r.country or '?'}"
        label = (f"{r.event_date or 'undated'} {r.event_type} {r.actor1 or '?'} → "
                 f"{r.actor2 or '?'} ({where}; {r.n_articles} article(s): {r.outlet})")
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" {style}>'
                    f"<title>{escape(label)}</title></circle>")
    legend_y = height + 18
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height + 44}" '
        f'width="{WIDTH}" height="{height + 44}" font-family="sans-serif" font-size="11" '
        'role="img">',
        f"<title>{escape(title or 'Events')}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#eaf2f8"/>',
        '<g fill="#f4f1ea" stroke="#9a9a9a" stroke-width="0.6">', *paths, "</g>",
        "<g>", *dots, "</g>",
        f'<circle cx="12" cy="{legend_y - 4}" r="5" fill="#c0392b" fill-opacity="0.75"/>'
        f'<text x="22" y="{legend_y}">at a named place</text>',
        f'<circle cx="142" cy="{legend_y - 4}" r="5" fill="none" stroke="#c0392b" '
        f'stroke-width="2" stroke-dasharray="3 2"/>'
        f'<text x="152" y="{legend_y}">country only (drawn at its capital)</text>',
        f'<text x="{WIDTH - 6}" y="{legend_y + 18}" text-anchor="end" fill="#555">'
        f"{escape(ATTRIBUTION)}</text>",
        "</svg>"]) + "\n"
