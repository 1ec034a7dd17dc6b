"""Helpers that turn briefings and query results into plain data for the templates.

Nothing here builds HTML: templates render every string through Jinja2's autoescape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from wirebrief.export import safe_url
from wirebrief.models import Briefing, Entity, EntityType, Event
from wirebrief.store.entities import entity_id
from wirebrief.store.read_models import HIT_CLOSE, HIT_OPEN, TimelineBucket
from wirebrief.summarize.sentences import split_sentences

_PARA = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")


def safe_href(url: object) -> str | None:
    """The URL when it is absolute http(s), else None (drops javascript:, data:, relative)."""
    return safe_url(url)


def entity_href(ref: str) -> str:
    """Path of an entity page; '/' in a name is kept (the route takes the rest of the path)."""
    return "/entities/" + quote(ref, safe=":/")


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    end: int
    sentence: bool


def paragraphs(text: str, spans: list[tuple[int, int]] | None = None) -> list[list[Segment]]:
    """The text as paragraphs of sentence segments carrying their character offsets."""
    if spans is None:
        spans = split_sentences(text)
    out: list[list[Segment]] = []
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    it = iter(sorted(spans))
    current = next(it, None)
    for p_start, p_end in bounds:
        segs: list[Segment] = []
        cursor = p_start
        while current is not None and current[0] < p_end:
            s, e = max(current[0], cursor), min(current[1], p_end)
            if s > cursor:
                segs.append(Segment(text[cursor:s], cursor, s, False))
            if e > s:
                segs.append(Segment(text[s:e], s, e, True))
                cursor = e
            if current[1] <= p_end:
                current = next(it, None)
            else:
                break
        if cursor < p_end:
            segs.append(Segment(text[cursor:p_end], cursor, p_end, False))
        if any(seg.text.strip() for seg in segs):
            out.append(segs)
    return out


def sentence_anchor(spans: list[tuple[int, int]], start: int) -> int:
    """Start offset of the sentence containing `start` (the anchor the event card links to)."""
    for s, e in spans:
        if s <= start < e:
            return s
    return start


@dataclass(frozen=True)
class Chip:
    label: str
    href: str
    kind: str
    detail: str | None
    count: int


CHIP_GROUPS = (
    (EntityType.PERSON, "People"),
    (EntityType.COUNTRY, "Countries"),
    (EntityType.ORGANIZATION, "Forces, ministries and alliances"),
    (EntityType.WEAPON_SYSTEM, "Weapon systems"),
    (EntityType.PLACE, "Places"),
    (EntityType.OPERATION, "Operations and exercises"),
    (EntityType.GROUP, "Groups"),
)


def chips(entities: list[Entity]) -> list[tuple[str, list[Chip]]]:
    """Entity chips grouped by kind, one per distinct entity, most mentioned first."""
    groups: list[tuple[str, list[Chip]]] = []
    for type_, title in CHIP_GROUPS:
        seen: dict[str, tuple[Entity, int]] = {}
        for e in entities:
            if e.type is not type_:
                continue
            ref = entity_id(e.type, e.canonical, e.country)
            first, n = seen.get(ref, (e, 0))
            seen[ref] = (first, n + 1)
        if not seen:
            continue
        items = [Chip(label=e.canonical, href=entity_href(ref), kind=type_.value.lower(),
                      detail=e.role or e.subtype or (e.country if type_ is not
                                                     EntityType.COUNTRY else None), count=n)
                 for ref, (e, n) in seen.items()]
        items.sort(key=lambda c: (-c.count, c.label))
        groups.append((title, items))
    return groups


def actor_label(event: Event, which: str) -> str | None:
    actor = event.actor if which == "actor" else event.recipient
    if actor is None:
        return None
    return f"{actor.text} ({actor.country})" if actor.country else actor.text


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """Split an FTS snippet into (text, is_hit) parts for safe rendering with <mark>."""
    if not snippet:
        return []
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", snippet)):
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return parts


# The same colours as the event-type badges in style.css.
TYPE_COLORS = {"AID": "#15803d", "COOPERATE": "#1d4ed8", "THREATEN": "#b91c1c",
               "MOBILIZE": "#7c3aed", "AGREE": "#0e7490", "CONSULT": "#475569",
               "ASSAULT": "#991b1b", "FIGHT": "#991b1b", "SANCTION": "#c2410c"}
PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777",
           "#65a30d", "#475569", "#9333ea"]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: str
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, str]]
    legend: list[tuple[str, str]]
    max_total: int


def chart(buckets: list[TimelineBucket], width: int = 640, height: int = 180) -> Chart | None:
    """Stacked monthly bars of events by type, laid out for an inline SVG."""
    if not buckets:
        return None
    types = sorted({t for b in buckets for t in b.counts},
                   key=lambda t: -sum(b.counts.get(t, 0) for b in buckets))
    colors = {t: TYPE_COLORS.get(t, PALETTE[i % len(PALETTE)]) for i, t in enumerate(types)}
    top = max(b.total for b in buckets) or 1
    pad_bottom, pad_top = 22, 22
    plot_h = height - pad_bottom - pad_top
    step = width / len(buckets)
    bw = min(48.0, max(2.0, step * 0.7))
    bars: list[Bar] = []
    labels: list[tuple[float, str]] = []
    every = max(1, len(buckets) // 8)
    for i, b in enumerate(buckets):
        x = i * step + (step - bw) / 2
        y: float = height - pad_bottom
        for t in types:
            n = b.counts.get(t, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            bars.append(Bar(round(x, 1), round(y, 1), round(bw, 1), round(h, 1), colors[t],
                            f"{b.period}: {n} {t}"))
        if i % every == 0:
            labels.append((round(i * step + step / 2, 1), b.period))
    return Chart(width, height, bars, labels, [(t, colors[t]) for t in types], top)


def briefing_weapons(briefing: Briefing) -> list[str]:
    return sorted({e.canonical for e in briefing.entities if e.type is EntityType.WEAPON_SYSTEM})
