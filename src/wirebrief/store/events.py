"""Reading coded events: filtered listings, the events of a set of articles, and monthly counts
for timelines."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date

from wirebrief.models import Event
from wirebrief.outlets import outlet_name
from wirebrief.store.articles import check_page
from wirebrief.store.db import Store
from wirebrief.store.read_models import EventItem, TimelineBucket

EVENT_COLS = ("ev.article_id, ev.idx, ev.event, a.external_id, a.title, a.published, a.source, "
              "a.url")
EVENTS_FROM = "FROM events ev JOIN articles a ON a.id = ev.article_id"


def event_items(rows: list[sqlite3.Row]) -> list[EventItem]:
    """Rows selected with EVENT_COLS, as read models (the source named as the outlet)."""
    # Trusted rows, their event already validated: no second validation pass.
    return [
        EventItem.model_construct(
            article_id=r["article_id"],
            idx=r["idx"],
            title=r["title"],
            published=r["published"],
            event=Event.model_validate_json(r["event"]),
            source=outlet_name(r["source"], r["url"]),
            url=r["url"],
            external_id=r["external_id"],
        )
        for r in rows
    ]


def query_events(
    store: Store,
    *,
    type: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    weapon: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EventItem]:
    """Coded events, newest article first. Dates filter on the article's publication date."""
    check_page(limit, offset)
    where: list[str] = []
    args: list[object] = []
    if type:
        where.append("ev.type = ?")
        args.append(type.upper())
    if actor:
        where.append("ev.actor_country = ?")
        args.append(actor.upper())
    if recipient:
        where.append("ev.recipient_country = ?")
        args.append(recipient.upper())
    if weapon:
        where.append("EXISTS (SELECT 1 FROM json_each(ev.weapons) w WHERE w.value = ?)")
        args.append(weapon)
    if since:
        where.append("a.published >= ?")
        args.append(since.isoformat())
    if until:
        where.append("a.published <= ?")
        args.append(until.isoformat())
    sql = (
        f"SELECT {EVENT_COLS} {EVENTS_FROM} "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY a.published IS NULL, a.published DESC, ev.article_id, ev.idx "
        "LIMIT ? OFFSET ?"
    )
    return event_items(store.conn.execute(sql, (*args, limit, offset)).fetchall())


def events_of(store: Store, *, types: list[str] | None = None,
              article_ids: set[str] | None = None, limit: int = 20000) -> list[EventItem]:
    """Events of the given types (all when None) in the given articles (all when None), oldest
    article first."""
    where: list[str] = []
    args: list[object] = []
    if types:
        where.append(f"ev.type IN ({','.join('?' * len(types))})")
        args += [t.strip().upper() for t in types]
    if article_ids is not None:
        if not article_ids:
            return []
        where.append("ev.article_id IN (SELECT value FROM json_each(?))")
        args.append(json.dumps(sorted(article_ids)))
    rows = store.conn.execute(
        f"SELECT {EVENT_COLS} {EVENTS_FROM} "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "ORDER BY a.published, ev.article_id, ev.idx LIMIT ?", (*args, limit)).fetchall()
    return event_items(rows)


def event_types(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT DISTINCT type FROM events ORDER BY type")]


# The month an event belongs to, as `EventItem.when` reads it: the event's own date when it
# has year and month, none when it has only a year or a week, else the article's date.
_MONTH_SQL = (
    "CASE WHEN ev.date_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
    "THEN substr(ev.date_value, 1, 7) "
    "WHEN ev.date_value GLOB '[0-9][0-9][0-9][0-9]*' THEN NULL "
    "ELSE substr(a.published, 1, 7) END"
)


def event_counts(store: Store, sql: str, args: list[object]) -> tuple[list[TimelineBucket],
                                                                     dict[str, int]]:
    """Monthly timeline and totals by type of every event matching `sql` (its FROM and
    WHERE over `events ev` and `articles a`), counted in the database."""
    counts: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    for month, type_, n in store.conn.execute(
            f"SELECT {_MONTH_SQL} AS month, ev.type, count(*) {sql} GROUP BY month, ev.type",
            args):
        totals[type_] += n
        if month and len(month) == 7 and month[5:7].isdigit():
            counts.setdefault(month, Counter())[type_] += n
    return fill_months(counts), dict(totals.most_common())


def fill_months(counts: dict[str, Counter[str]]) -> list[TimelineBucket]:
    """Counts per month as buckets, oldest first, with empty months filled in."""
    if not counts:
        return []
    months = sorted(counts)
    out: list[TimelineBucket] = []
    y, m = int(months[0][:4]), int(months[0][5:7])
    last = months[-1]
    while len(out) < 240:
        period = f"{y:04d}-{m:02d}"
        out.append(TimelineBucket(period=period, counts=dict(counts.get(period, Counter()))))
        if period >= last:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
