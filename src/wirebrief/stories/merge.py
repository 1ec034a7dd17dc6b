"""Event merging: one real-world event reported by several articles is one event.

Two coded events are the same event when they agree on type, actor, recipient, weapon systems
and auxiliary mode (a planned delivery is not a delivery) and their dates are compatible: the
date intervals overlap, with a couple of days' slack for day-precise dates (one outlet reports
"on Tuesday", another the day after). Each merged event keeps every piece of evidence: the
article, its source and the sentence.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from wirebrief.models import Actor, Event, EventDate

DAY_SLACK = 2
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 12)}


@dataclass(frozen=True)
class EventRecord:
    """A coded event as stored, with the article it came from."""

    article_id: str
    idx: int
    event: Event
    external_id: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class EvidenceItem:
    article_id: str
    external_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    sentence: str
    confidence: float


@dataclass
class MergedEvent:
    key: str  # stable: signature plus date, used to tell new events from known ones
    type: str
    mode: str | None
    actor: Actor | None
    recipient: Actor | None
    weapon_systems: list[str]
    aux: str | None
    date: EventDate | None
    when: str | None  # the most precise date known (event date, else publication date)
    confidence: float
    evidence: list[EvidenceItem] = field(default_factory=list)
    location: str | None = None  # where it happened, as the first report to say states it

    @property
    def n_articles(self) -> int:
        return len({e.article_id for e in self.evidence})

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(e.source for e in self.evidence if e.source))

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key, "type": self.type, "mode": self.mode,
            "actor": self.actor.model_dump() if self.actor else None,
            "recipient": self.recipient.model_dump() if self.recipient else None,
            "weapon_systems": self.weapon_systems, "aux": self.aux,
            "date": self.date.model_dump(mode="json") if self.date else None,
            "when": self.when, "confidence": round(self.confidence, 3),
            "n_articles": self.n_articles, "sources": self.sources,
            "location": self.location, "evidence": [e.__dict__ for e in self.evidence],
        }


def interval(value: str | None) -> tuple[date, date] | None:
    """The days a TIMEX3 value can mean: 2024-03-12, 2024-W10, 2024-03, 2024-FA, 2024."""
    if not value or not value[:4].isdigit():
        return None
    year = int(value[:4])
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
            day = date.fromisoformat(value[:10])
            return day, day
        if m := re.fullmatch(r"\d{4}-W(\d{2})", value):
            start = date.fromisocalendar(year, int(m.group(1)), 1)
            return start, start + timedelta(days=6)
        if m := re.fullmatch(r"\d{4}-(\d{2})", value):
            month = int(m.group(1))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m := re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
            lo, hi = _SEASONS[m.group(1)]
            return date(year, lo, 1), date(year, hi, calendar.monthrange(year, hi)[1])
        if re.fullmatch(r"\d{4}", value):
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


def event_when(event: Event, published: str | None) -> str | None:
    value = event.date.value if event.date else None
    if value and interval(value) is not None:
        return value
    return published


def _actor_key(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return actor.country or re.sub(r"\W+", " ", actor.text.lower()).strip()


def signature(event: Event) -> str:
    # Families group variants ("Su-30SM2" and "Su-30SM" are both "Su-30").
    weapons = ",".join(sorted(event.weapon_families or event.weapon_systems))
    return "|".join([event.type, _actor_key(event.actor), _actor_key(event.recipient), weapons,
                     event.aux or ""])


def _span(when: str | None) -> tuple[date, date] | None:
    span = interval(when)
    if span is None:
        return None
    lo, hi = span
    if lo == hi:
        return lo - timedelta(days=DAY_SLACK), hi + timedelta(days=DAY_SLACK)
    return span


def _overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return True  # no date says nothing against the match
    return a[0] <= b[1] and b[0] <= a[1]


def _width(when: str | None) -> int:
    span = interval(when)
    return (span[1] - span[0]).days if span else 10**6


def merge_events(records: Iterable[EventRecord]) -> list[MergedEvent]:
    """Group records into merged events; order of the result: by date, then type."""
    buckets: dict[str, list[MergedEvent]] = {}
    for rec in sorted(records, key=lambda r: (_width(event_when(r.event, r.published)),
                                              r.published or "", r.article_id, r.idx)):
        ev = rec.event
        sig = signature(ev)
        when = event_when(ev, rec.published)
        item = EvidenceItem(rec.article_id, rec.external_id, rec.title, rec.source, rec.url,
                            rec.published, " ".join(ev.evidence.sentence.split()), ev.confidence)
        target = next((m for m in buckets.get(sig, []) if _overlap(_span(m.when), _span(when))),
                      None)
        if target is None:
            # Records come most precise date first, so a cluster's date is its sharpest one.
            target = MergedEvent(
                key=f"{sig}|{when or ''}", type=ev.type, mode=ev.mode, actor=ev.actor,
                recipient=ev.recipient, weapon_systems=sorted(ev.weapon_systems), aux=ev.aux,
                date=ev.date, when=when, confidence=ev.confidence)
            buckets.setdefault(sig, []).append(target)
        if all(e.sentence != item.sentence or e.article_id != item.article_id
               for e in target.evidence):
            target.evidence.append(item)
        target.confidence = max(target.confidence, ev.confidence)
        target.mode = target.mode or ev.mode
        target.location = target.location or ev.location
    merged = [m for group in buckets.values() for m in group]
    for m in merged:
        m.evidence.sort(key=lambda e: (e.published or "", e.article_id))
    merged.sort(key=lambda m: (m.when or "9999", m.type, m.key))
    return merged
