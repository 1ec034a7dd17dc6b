"""Dates that follow the story rather than the publication date.

- A relative expression chains from the last anchored date: "a month later" after "in March
  2022" is 2022-04, not a month after publication (`chain_months`).
- A date that modifies a noun names another event ("the 2015 nuclear deal", "its March 2022
  invasion") and does not date the event of the sentence unless it modifies that event's own
  word (`is_attributive`).
- An event takes its date from its own clause, else the nearest anchored date before it
  (`anchored`, used by `events.details.date_of`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date, timedelta

from wirebrief.models import Entity, Granularity

# How far back (characters) a month-level date still anchors "a month later".
CHAIN_REACH = 600
# How far back (characters) an earlier sentence's date still dates an event without one.
EARLIER_REACH = 500

_DETERMINER_BEFORE_RE = re.compile(
    r"(?:\b(?:the|its|his|her|their|our|this|that|a|an)|['’]s)\s+$", re.IGNORECASE
)
# A noun phrase goes on after the date: "the 2015 nuclear deal", "the March 2022 invasion".
# Not "the 2015 to 2017 period" or "the 2015, 2016 ..." (a list or range), nor a time noun.
_NOUN_AFTER_RE = re.compile(
    r"^[ -](?!(?:to|and|or|through|until|at|in|on|of|season|fiscal|financial|calendar|"
    r"year|quarter|month|week|period)\b)[a-z][a-z-]+"
)
_ANCHORED = frozenset(
    {Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER,
     Granularity.SEASON, Granularity.YEAR, Granularity.TIME}
)


def chain_months(
    last_month: tuple[int, int] | None,
    last_month_at: int | None,
    last_day_at: int | None,
    start: int,
    n: int | None,
    unit: str,
    sign: int,
) -> str | None:
    """YYYY-MM of "N months later/earlier" at `start`, counted from the last month-level date
    written in the text (at offset `last_month_at`, within CHAIN_REACH), when no later
    day-level date is the reference. None when the story gives no such month."""
    if unit != "M" or n is None or last_month is None or last_month_at is None:
        return None
    if start - last_month_at > CHAIN_REACH:
        return None
    if last_day_at is not None and last_day_at >= last_month_at:
        return None  # a day-level date is the reference ("two days later")
    k = last_month[0] * 12 + last_month[1] - 1 + sign * n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def following_day(rel: str, last_day: date | None) -> str | None:
    """YYYY-MM-DD of "the next day", "the following day", "the previous day" or "that day",
    counted from the last day-level date written in the text; None without one ("the last day
    of the talks" is no date)."""
    shift = {"the next": 1, "the following": 1, "following": 1, "the previous": -1,
             "that": 0}.get(rel)  # fmt: skip
    if shift is None or last_day is None:
        return None
    return (last_day + timedelta(days=shift)).isoformat()


def is_attributive(text: str, e: Entity) -> bool:
    """Whether a date modifies a noun after a determiner: "the 2015 nuclear deal"."""
    before = text[max(0, e.start - 12) : e.start]
    after = text[e.end : e.end + 30]
    return bool(_DETERMINER_BEFORE_RE.search(before) and _NOUN_AFTER_RE.match(after))


def anchored(e: Entity) -> bool:
    """A date or time resolved to a point of the calendar: not a duration, a set, a reference
    ("now", "recently") or a value with unknown parts."""
    t = e.timex
    return (
        t is not None
        and t.timex_type in ("DATE", "TIME")
        and t.resolved
        and t.granularity in _ANCHORED
    )


class EarlierDates:
    """The dates of a document, for asking which end within EARLIER_REACH before an offset
    (by binary search: a sentence must not scan every date of a long text)."""

    def __init__(self, dates: Sequence[Entity]) -> None:
        self._dates = sorted(dates, key=lambda e: e.start)
        self._ends = [e.end for e in self._dates]

    def before(self, pos: int) -> Sequence[Entity]:
        lo = bisect.bisect_left(self._ends, pos - EARLIER_REACH)
        hi = bisect.bisect_right(self._ends, pos)
        return self._dates[lo:hi]


def written_day(dates: Sequence[Entity]) -> date | None:
    """The latest full calendar day written in a text ("22 July 2021"), or None: the day an
    undated article is read on, for who held which office. A full day is the text's own
    statement; the latest is the nearest to the article's own day."""
    days = []
    for e in dates:
        t = e.timex
        if t is None or t.granularity is not Granularity.DAY or not anchored(e):
            continue
        try:
            days.append(date.fromisoformat(t.value))
        except ValueError:
            continue
    return max(days, default=None)
