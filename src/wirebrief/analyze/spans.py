"""A set of non-overlapping character spans with a logarithmic overlap test.

Layers that keep the best of many overlapping candidates (entities, dates) used to test each
candidate against every span kept so far, which is quadratic in the length of an article.
"""

from __future__ import annotations

import bisect


class SpanSet:
    """Spans `[start, end)` that do not overlap one another.

    Kept sorted by start, they are sorted by end too, so only the last span that starts before
    a candidate's end can overlap it.
    """

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans or ():
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether `[start, end)` overlaps a span of the set (`s < end and start < e`)."""
        i = bisect.bisect_left(self._starts, end)
        return bool(i) and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> bool:
        """Add the span unless it overlaps one already there; say whether it was added."""
        i = bisect.bisect_left(self._starts, end)
        if i and self._ends[i - 1] > start:
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True

    def __len__(self) -> int:
        return len(self._starts)
