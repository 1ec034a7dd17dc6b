"""Timelines: merged events about an entity (and a partner) in date order, plus a chart whose
bins (week, month, quarter or year) suit the span.

The chart is written by hand as SVG (no plotting library needed); PNG is drawn with Pillow
when it is installed, else a clear error says to ask for SVG.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from html import escape
from pathlib import Path

from wirebrief.errors import InputError
from wirebrief.export import csv_text, safe_url
from wirebrief.output import markdown_table
from wirebrief.store.db import Store
from wirebrief.stories.merge import MergedEvent, interval, merge_events
from wirebrief.stories.query import EntityMatch, load_events, resolve_entity

PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]


def timeline(store: Store, entity: str, *, with_: str | None = None,
             since: date | None = None, types: list[str] | None = None
             ) -> tuple[list[EntityMatch], list[MergedEvent]]:
    """Merged events involving `entity` (and `with_`), oldest first."""
    matches = [resolve_entity(store, entity)]
    if with_:
        matches.append(resolve_entity(store, with_))
    records = load_events(store, entities=matches, types=types, since=since)
    return matches, merge_events(records)


def parse_types(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [t.strip().upper() for t in value.split(",") if t.strip()]


def _actor(event: MergedEvent, which: str) -> str:
    actor = event.actor if which == "actor" else event.recipient
    if actor is None:
        return ""
    return actor.country or actor.text


EVENT_COLUMNS = ["when", "type", "mode", "actor", "recipient", "weapons", "aux", "n_articles",
                 "article", "source", "url", "sentence"]


def event_table(events: list[MergedEvent]) -> Iterator[list[object]]:
    """One row per piece of evidence (`EVENT_COLUMNS`), for CSV and Markdown tables."""
    return ([ev.when or "", ev.type, ev.mode or "", _actor(ev, "actor"), _actor(ev, "recipient"),
             ";".join(ev.weapon_systems), ev.aux or "", ev.n_articles,
             item.external_id or item.article_id, item.source or "", safe_url(item.url) or "",
             item.sentence]
            for ev in events for item in ev.evidence)


def events_csv(events: list[MergedEvent]) -> str:
    """CSV through the export rules: no cell a spreadsheet would run as a formula."""
    return csv_text(EVENT_COLUMNS, event_table(events))


def events_markdown(events: list[MergedEvent]) -> str:
    """A Markdown table through the export rules: no cell makes a link, emphasis or HTML."""
    return markdown_table(EVENT_COLUMNS, event_table(events))


def events_jsonl(events: list[MergedEvent]) -> str:
    return "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in events)


def events_json(events: list[MergedEvent]) -> str:
    return json.dumps([e.to_json() for e in events], indent=2, ensure_ascii=False)


def events_text(events: list[MergedEvent], width: int = 100) -> str:
    """A plain table: one block per merged event, its evidence indented below."""
    lines: list[str] = []
    for ev in events:
        who = _actor(ev, "actor") or "?"
        whom = _actor(ev, "recipient")
        head = f"{ev.when or '????':<10}  {ev.type:<10} {who}" + (f" → {whom}" if whom else "")
        if ev.weapon_systems:
            head += f"  [{', '.join(ev.weapon_systems)}]"
        if ev.aux:
            head += f"  ({ev.aux})"
        lines.append(head + f"  — {ev.n_articles} article(s)")
        for item in ev.evidence:
            sentence = item.sentence if len(item.sentence) <= width else \
                item.sentence[:width - 1] + "…"
            lines.append(f"    {item.external_id or item.article_id[:12]}"
                         f" ({item.source or 'unknown source'}): {sentence}")
    return "\n".join(lines)


# Chart --------------------------------------------------------------------------------------


MAX_BINS = 60  # bars in a chart; the bin width grows with the span to stay under it
CHART_BARS_PX = 900  # width of the bar area, whatever the number of bins
_UNITS = (("week", 7), ("month", 31), ("quarter", 92), ("year", 366))


def _bin_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def _next_bin(start: date, unit: str) -> date:
    if unit == "week":
        return start + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    m = start.month - 1 + months
    return date(start.year + m // 12, m % 12 + 1, 1)


def bin_unit(first: date, last: date) -> str:
    """The finest of week, month, quarter, year that draws the span in at most MAX_BINS bars."""
    span = (last - first).days + 1
    return next((u for u, days in _UNITS if span / days <= MAX_BINS - 2), "year")


def binned_counts(events: list[MergedEvent]
                  ) -> tuple[str, list[date], list[str], dict[date, Counter[str]]]:
    """Events per bin and type, with empty bins filled in; the bin unit suits the span."""
    days = [span[0] for ev in events if (span := interval(ev.when)) is not None]
    if not days:
        return "week", [], [], {}
    unit = bin_unit(min(days), max(days))
    counts: dict[date, Counter[str]] = {}
    for ev in events:
        span = interval(ev.when)
        if span is not None:
            counts.setdefault(_bin_start(span[0], unit), Counter())[ev.type] += 1
    bins: list[date] = []
    start = min(counts)
    while start <= max(counts):
        bins.append(start)
        start = _next_bin(start, unit)
    totals: Counter[str] = Counter()
    for c in counts.values():
        totals.update(c)
    return unit, bins, [t for t, _ in totals.most_common()], counts


def _bar(n_bins: int) -> tuple[int, int]:
    """Bar width and gap so that the bars fill about CHART_BARS_PX."""
    step = max(3, min(18, CHART_BARS_PX // max(1, n_bins)))
    return max(2, step - max(1, step // 4)), max(1, step // 4)


def chart_svg(events: list[MergedEvent], title: str = "") -> str:
    unit, weeks, types, counts = binned_counts(events)
    if not weeks:
        raise InputError("no dated events to chart", reason="empty")
    (bar, gap), left, top, height = _bar(len(weeks)), 40, 40, 220
    width = left + len(weeks) * (bar + gap) + 160
    peak = max(sum(c.values()) for c in counts.values())
    scale = height / peak
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + height + 70}"'
           f' font-family="sans-serif" font-size="11">',
           f'<text x="{left}" y="20" font-size="14">{escape(title)} (events per {unit})</text>',
           f'<line x1="{left}" y1="{top + height}" x2="{left + len(weeks) * (bar + gap)}" '
           f'y2="{top + height}" stroke="#333"/>',
           f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>']
    colour = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}
    for i, week in enumerate(weeks):
        x = left + i * (bar + gap)
        y: float = top + height
        for t in types:
            n = counts.get(week, Counter()).get(t, 0)
            if not n:
                continue
            h = n * scale
            y -= h
            out.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
                       f'fill="{colour[t]}"><title>{week.isoformat()} {escape(t)}: {n}'
                       '</title></rect>')
        if i % max(1, len(weeks) // 12) == 0:
            out.append(f'<text x="{x}" y="{top + height + 14}" transform="rotate(45 {x} '
                       f'{top + height + 14})">{week.isoformat()}</text>')
    lx = left + len(weeks) * (bar + gap) + 20
    for i, t in enumerate(types):
        out.append(f'<rect x="{lx}" y="{top + i * 16}" width="10" height="10" '
                   f'fill="{colour[t]}"/><text x="{lx + 14}" y="{top + i * 16 + 9}">'
                   f'{escape(t)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def chart_png(events: list[MergedEvent], path: Path, title: str = "") -> None:
    try:
        from PIL import Image, ImageDraw
    except ImportError as exc:
        raise InputError("PNG charts need Pillow (pip install pillow); write an .svg chart "
                         "instead", reason="no_png") from exc
    unit, weeks, types, counts = binned_counts(events)
    if not weeks:
        raise InputError("no dated events to chart", reason="empty")
    (bar, gap), left, top, height = _bar(len(weeks)), 40, 40, 220
    width = left + len(weeks) * (bar + gap) + 160
    img = Image.new("RGB", (width, top + height + 40), "white")
    draw = ImageDraw.Draw(img)
    draw.text((left, 10), title, fill="black")
    peak = max(sum(c.values()) for c in counts.values())
    colour = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}
    for i, week in enumerate(weeks):
        x = left + i * (bar + gap)
        y: float = top + height
        for t in types:
            n = counts.get(week, Counter()).get(t, 0)
            if n:
                h = n * height / peak
                draw.rectangle((x, y - h, x + bar, y), fill=colour[t])
                y -= h
    draw.line((left, top + height, left + len(weeks) * (bar + gap), top + height), fill="black")
    draw.text((left, top + height + 6), f"{weeks[0]} … {weeks[-1]} (events per {unit})",
              fill="black")
    lx = left + len(weeks) * (bar + gap) + 20
    for i, t in enumerate(types):
        draw.rectangle((lx, top + i * 16, lx + 10, top + i * 16 + 10), fill=colour[t])
        draw.text((lx + 14, top + i * 16), t, fill="black")
    img.save(path, format="PNG")


def write_chart(events: list[MergedEvent], path: Path, title: str = "") -> None:
    suffix = path.suffix.lower()
    if suffix == ".svg":
        path.write_text(chart_svg(events, title), encoding="utf-8")
    elif suffix == ".png":
        chart_png(events, path, title)
    else:
        raise InputError(f"--chart must end in .svg or .png, not {path.name!r}",
                         reason="bad_chart")
