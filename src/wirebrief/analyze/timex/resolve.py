"""What the tagger knows while it walks a document, and the rules that resolve a month, a day,
a weekday or a relative unit against the anchor and the dates already read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from wirebrief.analyze.story_time import following_day
from wirebrief.analyze.timex.lexicon import (
    Result,
    add_months,
    date_value,
    iso_week,
    quarter_of,
    ym,
    ymd,
)

# Words that mark the future or the past near an expression: a cheap look at the tense.
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|planned|planning|intends? to|expects? to|expected|"
    r"scheduled|due to|is to|are to|upcoming|would(?!\s+(?:have|'ve)\b)|hopes? to|aims? to|set to|"
    r"next|coming)\b",
    re.IGNORECASE,
)
_PAST_RE = re.compile(
    r"\b(?:said|says|was|were|had|did|ago|earlier|told|announced|came|went|began|met|"
    r"took|gave|made|left|held|fell|rose|saw|became|"
    r"(?:would|could|might|should|must|may)\s+(?:have|'ve))\b",
    re.IGNORECASE,
)
# Regular past forms count only when no stronger marker is in the sentence ("will be signed").
_WEAK_PAST_RE = re.compile(r"\b\w{3,}ed\b", re.IGNORECASE)
_IMMEDIATE_VERB_RE = re.compile(
    r"(?:(?P<fut>\b(?:will|shall|to)(?:\s+\w+){1,2})|\b(?:said|told|met|began|held|\w{3,}ed))"
    r"(?:\s+(?:on|in|at|since|from|late|early|last))?\s*$",
    re.IGNORECASE,
)
_SENT_END_RE = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])|\n\s*\n")


# --------------------------------------------------------------------------- context


@dataclass
class Ctx:
    """What the resolver knows while walking a document left to right."""

    text: str
    anchor: date | None
    # The anchor is a date of the story, not its publication: the story may go on after it, so
    # a date without a year is the nearest one to the anchor, whatever the tense.
    story: bool = False
    last_quarter: str | None = None  # last resolved quarter value, e.g. 1989-Q3
    last_year: int | None = None  # year of the last explicitly dated expression
    last_month: tuple[int, int] | None = None
    last_day: tuple[int, date] | None = None  # (offset, date) of the last day-level value
    last_month_at: int | None = None  # offset of the last month- or day-level value
    seen: list[str] = field(default_factory=list)
    # The parse's reading of the tense around a span (`timex.tense`), when the text is parsed.
    oracle: Callable[[int, int], str | None] | None = None
    _parsed: dict[tuple[int, int], str | None] = field(default_factory=dict, repr=False)

    def tense(self, start: int, end: int, default: str = "past") -> str:
        """'future' or 'past': the parse's tense of the governing verb when there is one,
        else the nearest tense marker in the same sentence."""
        parsed = self.parsed(start, end)
        if parsed in ("past", "future"):
            return parsed
        # The verb right before the expression decides first: "warned on Saturday" is past
        # even in a sentence about what "will" happen.
        near = _IMMEDIATE_VERB_RE.search(self.text[max(0, start - 40):start])
        if near:
            return "future" if near.group("fut") else "past"
        lo = max(0, start - 160)
        hi = min(len(self.text), end + 120)
        before = self.text[lo:start]
        after = self.text[end:hi]
        cut = list(_SENT_END_RE.finditer(before))
        if cut:
            before = before[cut[-1].end() :]
        m = _SENT_END_RE.search(after)
        if m:
            after = after[: m.start()]
        best: tuple[int, str] | None = None
        for rx, label in ((_FUTURE_RE, "future"), (_PAST_RE, "past")):
            best = self._nearest(rx, label, before, after, best)
        if best is None:
            best = self._nearest(_WEAK_PAST_RE, "past", before, after, None)
        return best[1] if best else default

    def parsed(self, start: int, end: int) -> str | None:
        """The oracle's answer for a span, asked once per span (a resolver may ask both
        `present` and `tense`)."""
        if self.oracle is None:
            return None
        key = (start, end)
        if key not in self._parsed:
            self._parsed[key] = self.oracle(start, end)
        return self._parsed[key]

    def present(self, start: int, end: int) -> bool:
        """The parse puts the expression in a plain present clause ("is payable Jan. 2",
        "is due in May"), which tells neither side of the anchor."""
        return self.parsed(start, end) == "present"

    @staticmethod
    def _nearest(
        rx: re.Pattern[str], label: str, before: str, after: str, best: tuple[int, str] | None
    ) -> tuple[int, str] | None:
        for mm in rx.finditer(before):
            dist = len(before) - mm.end()
            if best is None or dist < best[0]:
                best = (dist, label)
        mm2 = rx.search(after)
        if mm2 and (best is None or mm2.start() < best[0]):
            best = (mm2.start(), label)
        return best

    def note(self, value: str, start: int) -> None:
        """Remember a resolved value as the reference for later anaphoric expressions."""
        m = re.fullmatch(r"(\d{4})(?:-(Q\d|\d\d)(?:-(\d\d))?)?", value)
        if not m:
            return
        self.last_year = int(m.group(1))
        part = m.group(2)
        if part and part.startswith("Q"):
            self.last_quarter = value
        elif part:
            self.last_month, self.last_month_at = (int(m.group(1)), int(part)), start
            if m.group(3):
                self.last_day = (start, date(int(m.group(1)), int(part), int(m.group(3))))


# --------------------------------------------------------------------------- resolvers


def resolve_month(ctx: Ctx, month: int, start: int, end: int) -> Result:
    """A month without a year: the anchor's year, or the year before/after by tense."""
    a = ctx.anchor
    if a is None:
        return date_value(f"XXXX-{month:02d}")
    if ctx.story or ctx.present(start, end):  # "is due in May": the nearest May
        k = min((a.year * 12 + month - 1 + 12 * dy for dy in (-1, 0, 1)),
                key=lambda k: abs(k - (a.year * 12 + a.month - 1)))
        return date_value(ym(k // 12, k % 12 + 1))
    y = a.year
    tense = _side(ctx, start, end)
    if tense == "past" and month > a.month + 1:
        y -= 1
    elif tense == "future" and month < a.month:
        y += 1
    return date_value(ym(y, month))


def _preposition_side(text: str, start: int) -> str | None:
    """'past' after "since", 'future' after "until", "till", "through" or "by": the side of
    the anchor a yearless month or a weekday lies on, whatever the verb's tense."""
    before = text[max(0, start - 10) : start].lower()
    if re.search(r"\bsince\s+$", before):
        return "past"
    if re.search(r"\b(?:until|till|through|by)\s+$", before):
        return "future"
    return None


def _side(ctx: Ctx, start: int, end: int) -> str:
    """The side of the anchor an expression lies on: the parse's tense when it is clear ("had
    filed reports by Wednesday"), else a preposition's ("to reach the capital by Friday"), else
    the tense the words around it show."""
    parsed = ctx.parsed(start, end)
    if parsed in ("past", "future"):
        return parsed
    return _preposition_side(ctx.text, start) or ctx.tense(start, end)


def resolve_month_day(ctx: Ctx, month: int, day: int, start: int, end: int) -> Result | None:
    if not 1 <= day <= 31:
        return None
    a = ctx.anchor
    if a is None:
        return date_value(f"XXXX-{month:02d}-{day:02d}")
    # a plain present ("is payable Jan. 2") tells no side: the nearest such day, as in a story
    tense = "" if ctx.story or ctx.present(start, end) else ctx.tense(start, end, default="")
    best: date | None = None
    for y in (a.year, a.year - 1, a.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        # Within a year of the anchor on the tense's side; within about half a year otherwise.
        delta = (d - a).days
        if abs(delta) > 366 or (not tense and abs(delta) > 200):
            continue
        past_better = tense == "past" and delta <= 0 < (best - a).days if best else False
        future_better = tense == "future" and delta >= 0 > (best - a).days if best else False
        if best is None or past_better or future_better:
            best = d
    if best is None:
        try:
            best = date(a.year, month, day)
        except ValueError:
            return None
    near = _nearest_day(a, month, day)
    if near is not None and abs((near - a).days) <= _NEAR_DAYS and abs((best - a).days) > 180:
        best = near  # "set Nov. 10 as the deadline" a week before it: not last year's
    return date_value(ymd(best))


# A yearless day this close to the anchor is that one, whatever the tense seems to say.
# (two months: "directors authorized a split, payable Dec. 7" in late October is this December;
# a yearless day further back than half a year would have carried its year)
_NEAR_DAYS = 60


def _nearest_day(a: date, month: int, day: int) -> date | None:
    days = []
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            days.append(date(y, month, day))
        except ValueError:
            continue
    return min(days, key=lambda d: abs((d - a).days)) if days else None


def resolve_weekday(ctx: Ctx, wd: int, start: int, end: int, rel: str = "") -> Result:
    a = ctx.anchor
    if a is None:
        return date_value(f"XXXX-WXX-{wd + 1}")
    rel = rel.lower()
    diff = wd - a.weekday()
    if rel in ("last", "previous", "past"):
        back = (a.weekday() - wd) % 7 or 7
        return date_value(ymd(a - timedelta(days=back)))
    if rel in ("next", "coming", "this coming"):
        fwd = diff % 7 or 7
        return date_value(ymd(a + timedelta(days=fwd)))
    if diff == 0:
        return date_value(ymd(a))
    if _side(ctx, start, end) == "future":
        return date_value(ymd(a + timedelta(days=diff % 7)))
    return date_value(ymd(a - timedelta(days=(a.weekday() - wd) % 7)))


def resolve_relative_unit(ctx: Ctx, rel: str, unit: str, start: int, end: int) -> Result | None:
    """this/last/next + year, month, week, quarter, weekend."""
    a = ctx.anchor
    rel = rel.lower().strip()
    shift = {
        "this": 0, "current": 0, "the current": 0, "the present": 0, "this past": -1,
        "last": -1, "past": -1, "previous": -1, "the previous": -1, "the last": -1,
        "the past": -1, "next": 1, "coming": 1, "the next": 1, "the coming": 1,
        "the following": 1, "following": 1,
    }.get(rel)  # fmt: skip
    if shift is None or unit == "day":
        following = following_day(rel, ctx.last_day[1] if ctx.last_day else None)
        return date_value(following) if following else None
    if unit == "week" and rel == "the following" and ctx.last_day is not None:
        return date_value(iso_week(ctx.last_day[1] + timedelta(days=7)))
    if unit == "year":
        if a is None:
            return date_value("XXXX")
        if rel == "the following" and ctx.last_year is not None:
            return date_value(f"{ctx.last_year + 1:04d}")
        return date_value(f"{a.year + shift:04d}")
    if unit == "month":
        if a is None:
            return date_value("XXXX-XX")
        if rel == "the following" and ctx.last_month is not None:
            return date_value(ym(*add_months(*ctx.last_month, 1)))
        return date_value(ym(*add_months(a.year, a.month, shift)))
    if unit == "week":
        if a is None:
            return date_value("XXXX-WXX")
        return date_value(iso_week(a + timedelta(days=7 * shift)))
    if unit == "quarter":
        if a is None:
            return date_value("XXXX-QX")
        y, q = quarter_of(a)
        k = y * 4 + q - 1 + shift
        return date_value(f"{k // 4:04d}-Q{k % 4 + 1}")
    if unit == "weekend":
        if a is None:
            return date_value("XXXX-WXX-WE")
        if shift == 0:
            fut = ctx.tense(start, end) == "future"
            shift = 0 if fut or a.weekday() >= 5 else -1
        sat = a + timedelta(days=5 - a.weekday() + 7 * shift)
        return date_value(iso_week(sat) + "-WE")
    if unit == "decade":
        if a is None:
            return date_value("XXXX")
        return date_value(f"{a.year // 10 + shift:03d}X")
    return None


def shift_anchor(ctx: Ctx, n: int | None, unit: str, sign: int, ref: date | None) -> Result:
    """N units ago / later: a point of the unit's granularity."""
    base = ref or ctx.anchor
    if base is None or n is None:
        if base is None:
            pat = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX"}
            return date_value(pat.get(unit, "XXXX"))
        if unit == "Y":
            return date_value("PAST_REF" if sign < 0 else "FUTURE_REF")
        return date_value("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit == "Y":
        return date_value(f"{base.year + sign * n:04d}")
    if unit == "DE":
        return date_value(f"{base.year + sign * 10 * n:04d}")
    if unit == "M":
        return date_value(ym(*add_months(base.year, base.month, sign * n)))
    if unit == "W":
        return date_value(iso_week(base + timedelta(weeks=sign * n)))
    if unit == "D":
        return date_value(ymd(base + timedelta(days=sign * n)))
    if unit == "Q":
        y, q = quarter_of(base)
        k = y * 4 + q - 1 + sign * n
        return date_value(f"{k // 4:04d}-Q{k % 4 + 1}")
    return date_value("PAST_REF" if sign < 0 else "FUTURE_REF")



# --------------------------------------------------------------------------- patterns

Handler = Callable[[re.Match[str], Ctx], Result | None]
Pattern = tuple[re.Pattern[str], Handler]


class Register(Protocol):
    def __call__(self, regex: str, flags: int = 0) -> Callable[[Handler], Handler]: ...


def pattern_into(patterns: list[Pattern]) -> Register:
    """A decorator that registers a pattern and its handler in `patterns`, in order (earlier
    patterns win ties); every pattern is bounded by word edges."""

    def pattern(regex: str, flags: int = 0) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            rx = re.compile(rf"(?<![\w$£€-])(?:{regex})(?![\w%-]|-\d)", flags)
            patterns.append((rx, fn))
            return fn

        return deco

    return pattern
