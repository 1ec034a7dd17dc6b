"""A rule-based temporal tagger: finds date expressions and normalises them TIMEX3 style.

In the spirit of HeidelTime: hand-written patterns find the expressions, and normalisation rules
resolve relative ones ("yesterday", "last week", "on Tuesday", "a year earlier") against an anchor,
normally the publication date. News conventions apply: a bare weekday is the nearest one, in the
past unless the sentence talks about the future; a bare month takes the anchor's year unless the
tense says otherwise. Without an anchor, anything that needs one keeps its unknown parts as X.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from wirebrief.analyze.spans import SpanSet
from wirebrief.analyze.story_time import chain_months, following_day
from wirebrief.models import Entity, EntityType, Granularity, TimexValue

__all__ = ["find_timexes", "normalise_timex"]

# --------------------------------------------------------------------------- lexicon

_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("January", "Jan"),
        ("February", "Feb"),
        ("March", "Mar"),
        ("April", "Apr"),
        ("May",),
        ("June", "Jun"),
        ("July", "Jul"),
        ("August", "Aug"),
        ("September", "Sept", "Sep"),
        ("October", "Oct"),
        ("November", "Nov"),
        ("December", "Dec"),
    ],
    start=1,
):
    for _n in _names:
        _MONTHS[_n.lower()] = _i

_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip

_UNITS = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE",
    "quarter": "Q", "hour": "H", "minute": "MIN", "fortnight": "FN",
}  # fmt: skip

_SMALL = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_NUM: dict[str, int] = {w: i for i, w in enumerate(_SMALL)}
for _t, _w in enumerate(_TENS):
    if _w:
        _WORD_NUM[_w] = _t * 10
_WORD_NUM.update({"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12})
_VAGUE = {"a few", "few", "several", "some", "many", "a number of"}

# --------------------------------------------------------------------------- regex pieces

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"  # noqa: E501
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
_UNIT = r"(?:years?|months?|weeks?|days?|decades?|century|centuries|quarters?|hours?|minutes?|fortnights?)"  # noqa: E501
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)"
)
_NUM = rf"(?:\d{{1,3}}(?:\.\d)?|{_NUMWORD}|a couple(?: of)?|a dozen|a few|several|a|an)"
_APPROX = (
    r"(?:(?:more|less|fewer) than |nearly |almost |about |around |at least |up to |over |"
    r"within |roughly |approximately |some |just |only )"
)
_REL_WORD = r"(?:this|last|next|past|previous|coming|current|following|same)"

# Words that mark the future or the past near an expression: a cheap look at the tense.
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|planned|planning|intends? to|expects? to|expected|"
    r"scheduled|due to|is to|are to|upcoming|would|hopes? to|aims? to|set to|"
    r"next|coming)\b",
    re.IGNORECASE,
)
_PAST_RE = re.compile(
    r"\b(?:said|says|was|were|had|did|ago|earlier|told|announced|came|went|began|met|"
    r"took|gave|made|left|held|fell|rose|saw|became)\b",
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


def _num(word: str) -> int | None:
    """A number written in digits or words; None when vague ("several")."""
    w = word.lower().strip()
    if w in _VAGUE:
        return None
    if w.replace(".", "", 1).isdigit():
        return int(float(w))
    if w in _WORD_NUM:
        return _WORD_NUM[w]
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _WORD_NUM and parts[1] in _WORD_NUM:
        return _WORD_NUM[parts[0]] + _WORD_NUM[parts[1]]
    return None


def _unit(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "CE"
    return _UNITS[w.rstrip("s")]


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


# --------------------------------------------------------------------------- value helpers

Result = tuple[str, Granularity, str]  # value, granularity, TIMEX3 type


def _ymd(d: date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift_value(value: str, years: int) -> str | None:
    """Shift a resolved value by whole years, keeping its granularity."""
    m = re.fullmatch(r"(\d{4})(.*)", value)
    if not m:
        return None
    rest = m.group(2)
    if rest.startswith("-") and re.fullmatch(r"-\d\d-\d\d", rest):
        try:
            d = date(int(m.group(1)) + years, int(rest[1:3]), int(rest[4:6]))
        except ValueError:  # 29 February
            d = date(int(m.group(1)) + years, int(rest[1:3]), 28)
        return _ymd(d)
    return f"{int(m.group(1)) + years:04d}{rest}"


def _granularity(value: str) -> Granularity:
    if value.startswith("P"):
        return Granularity.DURATION
    if value.endswith("_REF"):
        return Granularity.REFERENCE
    if "T" in value:
        return Granularity.TIME
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", value):
        return Granularity.DAY
    if "-W" in value:
        return Granularity.WEEK
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}", value):
        return Granularity.MONTH
    if re.fullmatch(r"[\dX]{4}-(?:Q[\dX]|H\d)", value):
        return Granularity.QUARTER
    if re.fullmatch(r"[\dX]{4}-(?:SP|SU|FA|WI)", value):
        return Granularity.SEASON
    if re.fullmatch(r"\d{2}XX", value):
        return Granularity.CENTURY
    if re.fullmatch(r"\d{3}X", value):
        return Granularity.DECADE
    if re.fullmatch(r"[\dX]{4}", value):
        return Granularity.YEAR
    return Granularity.UNKNOWN


def _date(value: str) -> Result:
    return value, _granularity(value), "DATE"


def _duration(n: int | None, unit: str) -> Result:
    """A TIMEX3 duration: P3M, PT5H, PXY (n unknown)."""
    if unit == "DE":
        value = f"P{n * 10}Y" if n is not None else "PXDE"
    elif unit == "CE":
        value = f"P{n * 100}Y" if n is not None else "PXCE"
    elif unit == "FN":
        value = f"P{n * 2}W" if n is not None else "PXW"
    elif unit in ("H", "MIN"):
        value = f"PT{n if n is not None else 'X'}{'H' if unit == 'H' else 'M'}"
    else:
        value = f"P{n if n is not None else 'X'}{unit}"
    return value, Granularity.DURATION, "DURATION"


# --------------------------------------------------------------------------- context


@dataclass
class _Ctx:
    """What the resolver knows while walking a document left to right."""

    text: str
    anchor: date | None
    last_quarter: str | None = None  # last resolved quarter value, e.g. 1989-Q3
    last_year: int | None = None  # year of the last explicitly dated expression
    last_month: tuple[int, int] | None = None
    last_day: tuple[int, date] | None = None  # (offset, date) of the last day-level value
    last_month_at: int | None = None  # offset of the last month- or day-level value
    seen: list[str] = field(default_factory=list)

    def tense(self, start: int, end: int, default: str = "past") -> str:
        """'future' or 'past', from the nearest tense marker in the same sentence."""
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


def _resolve_month(ctx: _Ctx, month: int, start: int, end: int) -> Result:
    """A month without a year: the anchor's year, or the year before/after by tense."""
    a = ctx.anchor
    if a is None:
        return _date(f"XXXX-{month:02d}")
    y = a.year
    before = ctx.text[max(0, start - 10) : start].lower()
    if re.search(r"\b(?:since)\s+$", before):
        tense = "past"
    elif re.search(r"\b(?:until|till|through|by)\s+$", before):
        tense = "future"
    else:
        tense = ctx.tense(start, end)
    if tense == "past" and month > a.month + 1:
        y -= 1
    elif tense == "future" and month < a.month:
        y += 1
    return _date(_ym(y, month))


def _resolve_month_day(ctx: _Ctx, month: int, day: int, start: int, end: int) -> Result | None:
    if not 1 <= day <= 31:
        return None
    a = ctx.anchor
    if a is None:
        return _date(f"XXXX-{month:02d}-{day:02d}")
    tense = ctx.tense(start, end, default="")
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
    return _date(_ymd(best))


def _resolve_weekday(ctx: _Ctx, wd: int, start: int, end: int, rel: str = "") -> Result:
    a = ctx.anchor
    if a is None:
        return _date(f"XXXX-WXX-{wd + 1}")
    rel = rel.lower()
    diff = wd - a.weekday()
    if rel in ("last", "previous", "past"):
        back = (a.weekday() - wd) % 7 or 7
        return _date(_ymd(a - timedelta(days=back)))
    if rel in ("next", "coming", "this coming"):
        fwd = diff % 7 or 7
        return _date(_ymd(a + timedelta(days=fwd)))
    if diff == 0:
        return _date(_ymd(a))
    if ctx.tense(start, end) == "future":
        return _date(_ymd(a + timedelta(days=diff % 7)))
    return _date(_ymd(a - timedelta(days=(a.weekday() - wd) % 7)))


def _resolve_relative_unit(ctx: _Ctx, rel: str, unit: str, start: int, end: int) -> Result | None:
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
        return _date(following) if following else None
    if unit == "week" and rel == "the following" and ctx.last_day is not None:
        return _date(_week(ctx.last_day[1] + timedelta(days=7)))
    if unit == "year":
        if a is None:
            return _date("XXXX")
        if rel == "the following" and ctx.last_year is not None:
            return _date(f"{ctx.last_year + 1:04d}")
        return _date(f"{a.year + shift:04d}")
    if unit == "month":
        if a is None:
            return _date("XXXX-XX")
        if rel == "the following" and ctx.last_month is not None:
            return _date(_ym(*_add_months(*ctx.last_month, 1)))
        return _date(_ym(*_add_months(a.year, a.month, shift)))
    if unit == "week":
        if a is None:
            return _date("XXXX-WXX")
        return _date(_week(a + timedelta(days=7 * shift)))
    if unit == "quarter":
        if a is None:
            return _date("XXXX-QX")
        y, q = _quarter_of(a)
        k = y * 4 + q - 1 + shift
        return _date(f"{k // 4:04d}-Q{k % 4 + 1}")
    if unit == "weekend":
        if a is None:
            return _date("XXXX-WXX-WE")
        if shift == 0:
            fut = ctx.tense(start, end) == "future"
            shift = 0 if fut or a.weekday() >= 5 else -1
        sat = a + timedelta(days=5 - a.weekday() + 7 * shift)
        return _date(_week(sat) + "-WE")
    if unit == "decade":
        if a is None:
            return _date("XXXX")
        return _date(f"{a.year // 10 + shift:03d}X")
    return None


def _shift_anchor(ctx: _Ctx, n: int | None, unit: str, sign: int, ref: date | None) -> Result:
    """N units ago / later: a point of the unit's granularity."""
    base = ref or ctx.anchor
    if base is None or n is None:
        if base is None:
            pat = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX"}
            return _date(pat.get(unit, "XXXX"))
        if unit == "Y":
            return _date("PAST_REF" if sign < 0 else "FUTURE_REF")
        return _date("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit == "Y":
        return _date(f"{base.year + sign * n:04d}")
    if unit == "DE":
        return _date(f"{base.year + sign * 10 * n:04d}")
    if unit == "M":
        return _date(_ym(*_add_months(base.year, base.month, sign * n)))
    if unit == "W":
        return _date(_week(base + timedelta(weeks=sign * n)))
    if unit == "D":
        return _date(_ymd(base + timedelta(days=sign * n)))
    if unit == "Q":
        y, q = _quarter_of(base)
        k = y * 4 + q - 1 + sign * n
        return _date(f"{k // 4:04d}-Q{k % 4 + 1}")
    return _date("PAST_REF" if sign < 0 else "FUTURE_REF")


# --------------------------------------------------------------------------- patterns

Handler = Callable[[re.Match[str], _Ctx], Result | None]
_PATTERNS: list[tuple[re.Pattern[str], Handler]] = []


def _pattern(regex: str, flags: int = 0) -> Callable[[Handler], Handler]:
    """Register a pattern; every pattern must be bounded by word edges."""

    def deco(fn: Handler) -> Handler:
        _PATTERNS.append((re.compile(rf"(?<![\w$£€-])(?:{regex})(?![\w%-]|-\d)", flags), fn))
        return fn

    return deco


_I = re.IGNORECASE


@_pattern(r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])")
def _iso_date(m: re.Match[str], ctx: _Ctx) -> Result | None:
    try:
        return _date(_ymd(date(int(m["y"]), int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


@_pattern(r"(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d)")
def _us_numeric(m: re.Match[str], ctx: _Ctx) -> Result | None:
    try:
        return _date(_ymd(date(int(m["y"]), int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


# "Friday, Oct. 13, 1989", "Oct. 13", "October 13th 2023", "13 October 2023", "the 13th of October"
@_pattern(
    rf"(?:(?P<wd>{_WEEKDAY}),? )?(?:(?P<mon>{_MONTH}) (?P<day>{_DAYNUM})(?:,? (?P<year>{_YEAR4}))?"
    rf"|(?:the )?(?P<day2>{_DAYNUM}) (?:of )?(?P<mon2>{_MONTH}),?(?: (?P<year2>{_YEAR4}))?)"
)
def _month_day(m: re.Match[str], ctx: _Ctx) -> Result | None:
    mon = _month(m["mon"] or m["mon2"])
    day = int(re.sub(r"\D", "", m["day"] or m["day2"]))
    year = m["year"] or m["year2"]
    if year:
        try:
            return _date(_ymd(date(int(year), mon, day)))
        except ValueError:
            return None
    return _resolve_month_day(ctx, mon, day, m.start(), m.end())


# "October 1984", "Oct. 1984", "October of 1984", "early/mid/late October 1984"
@_pattern(
    rf"(?:(?:early|mid|late|the (?:beginning|start|middle|end) of)[ -])?(?P<mon>{_MONTH})"
    rf",?(?: of)? (?P<year>{_YEAR4})",
    0,
)
def _month_year(m: re.Match[str], ctx: _Ctx) -> Result | None:
    return _date(_ym(int(m["year"]), _month(m["mon"])))


# A month alone. May and March are verbs too: they need a temporal cue around them.
@_pattern(
    rf"(?:(?P<mod>early|mid|late|(?:the )?(?:beginning|start|middle|end) of|last|next|this|"
    rf"Early|Mid|Late|Last|Next|This)[ -])?(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR}(?=\.| \d|,))"
    r"(?P<post> (?:last|next|this) year)?"
)
def _month_alone(m: re.Match[str], ctx: _Ctx) -> Result | None:
    mon_s = m["mon"]
    mod = (m["mod"] or "").lower()
    post = (m["post"] or "").strip().lower()
    if mon_s in ("May", "March") and not mod and not post:
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if not re.search(
            r"\b(?:in|since|until|till|by|from|to|through|during|of|before|after|"
            r"early|late|mid|and|or|between)\s+$",
            before,
        ):
            return None
        if re.match(r"\s+(?:be|have|not|also|well|still|never|soon)\b", ctx.text[m.end() :]):
            return None
    mon = _month(mon_s)
    a = ctx.anchor
    rel = mod.split()[0] if mod in ("last", "next", "this") else ""
    if post:
        rel = post.split()[0]
        if a is None:
            return _date(f"XXXX-{mon:02d}")
        y = a.year + {"last": -1, "next": 1, "this": 0}[rel]
        return _date(_ym(y, mon))
    if rel:
        if a is None:
            return _date(f"XXXX-{mon:02d}")
        if rel == "last":
            y = a.year if mon < a.month else a.year - 1
        elif rel == "next":
            y = a.year if mon > a.month else a.year + 1
        else:
            y = a.year
        return _date(_ym(y, mon))
    return _resolve_month(ctx, mon, m.start(), m.end())


# Weekdays, optionally with a part of the day or a relative word: "last Friday", "Friday night"
@_pattern(
    rf"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his(?: coming| past)?|[Cc]oming|[Pp]revious|the previous|"
    rf"[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater) )?(?P<wd>{_WEEKDAY})"
    r"(?P<pod> (?:morning|afternoon|evening|night))?"
)
def _weekday(m: re.Match[str], ctx: _Ctx) -> Result | None:
    rel = (m["rel"] or "").lower().replace("the previous", "previous")
    rel = {"this coming": "next", "this past": "last", "early": "", "late": "", "earlier": "",
           "later": ""}.get(rel, rel)  # fmt: skip
    if rel == "this":
        rel = ""
    value, gran, kind = _resolve_weekday(ctx, _WEEKDAYS[m["wd"].lower()], m.start(), m.end(), rel)
    if m["pod"]:
        return value + "T" + _PARTS_OF_DAY[m["pod"].strip()], Granularity.TIME, "TIME"
    return value, gran, kind


@_pattern(
    r"(?P<mod>(?:early|late|later|earlier|mid-?(?:afternoon|morning)?) )?"
    r"(?P<w>today|yesterday|tomorrow|tonight|overnight)"
    r"(?P<pod> (?:morning|afternoon|evening|night))?",
    _I,
)
def _deictic_day(m: re.Match[str], ctx: _Ctx) -> Result | None:
    w = m["w"].lower()
    a = ctx.anchor
    if w == "overnight":
        return None
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    if w in ("today", "tomorrow") and ctx.text[m.end() : m.end() + 2] in ("'s", "’s"):
        before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
        if re.search(r"\b(?:in|of|for|to)\s+$", before):
            return None  # "in today's world": the present in general
    day = _ymd(a + timedelta(days=off)) if a else "XXXX-XX-XX"
    pod = m["pod"].strip() if m["pod"] else ("night" if w == "tonight" else None)
    if pod:
        return day + "T" + _PARTS_OF_DAY[pod], Granularity.TIME, "TIME"
    return _date(day)


@_pattern(r"(?P<rel>this|last|yesterday|tomorrow) (?P<pod>morning|afternoon|evening|night)", _I)
def _part_of_day(m: re.Match[str], ctx: _Ctx) -> Result | None:
    a = ctx.anchor
    rel = m["rel"].lower()
    off = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and m["pod"].lower() != "night":
        return None
    day = _ymd(a + timedelta(days=off)) if a else "XXXX-XX-XX"
    return day + "T" + _PARTS_OF_DAY[m["pod"].lower()], Granularity.TIME, "TIME"


# Clock times: "7:15 p.m.", "10 a.m. Wednesday", "noon Saturday", "14:30 GMT"
@_pattern(
    r"(?:(?:around|about|shortly (?:before|after)) )?"
    r"(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))? ?(?P<ap>[ap]\.m\.|[ap]m\b)"
    r"|(?P<h24>[01]\d|2[0-3]):(?P<mi24>[0-5]\d)(?= ?(?:GMT|UTC|local|hours|hrs|h\b))"
    r"|(?P<noon>noon|midnight))"
    r"(?: (?:[A-Z]{2,4}T|GMT|UTC|local time))?"
    rf"(?:,? (?:on )?(?:(?P<wd>{_WEEKDAY})|(?P<rday>today|yesterday|tomorrow)))?",
    0,
)
def _clock(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m["noon"]:
        h, mi = (12, 0) if m["noon"] == "noon" else (24, 0)
    elif m["h24"]:
        h, mi = int(m["h24"]), int(m["mi24"])
    else:
        h = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        mi = int(m["mi"] or 0)
    if m["wd"]:
        day = _resolve_weekday(ctx, _WEEKDAYS[m["wd"].lower()], m.start(), m.end())[0]
    elif m["rday"]:
        off = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["rday"]]
        day = _ymd(ctx.anchor + timedelta(days=off)) if ctx.anchor else "XXXX-XX-XX"
    else:
        day = _ymd(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"
    return f"{day}T{h:02d}:{mi:02d}", Granularity.TIME, "TIME"


# Quarters and halves: "the third quarter of 1989", "fourth-quarter", "Q3 2023", "last year's
# second quarter", "the first half"
@_pattern(
    r"(?:(?P<the>the |its |a |this year's |last year's |next year's |the year-(?:ago|earlier) )"
    r"(?:(?:latest|current|same|comparable|flat|fiscal|year-ago|year-earlier|\d{4}) )?)?"
    r"(?:fiscal[- ])?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?"
    rf"(?P<unit>quarter|half)(?:,? (?:of )?(?:fiscal )?(?P<year>{_YEAR4}|this year|last year|"
    r"next year))?"
    r"|(?P<q>Q[1-4]) (?P<qy>20\d\d|'\d\d)",
    _I,
)
def _quarter(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m["q"]:
        qy = m["qy"]
        y = int(qy) if len(qy) == 4 else 2000 + int(qy[1:])
        return _date(f"{y:04d}-{m['q'].upper()}")
    n = _ORDINALS[m["ord"].lower()]
    unit = m["unit"].lower()
    if unit == "half" and n > 2:
        return None
    tag = f"Q{n}" if unit == "quarter" else f"H{n}"
    year_s = (m["year"] or "").lower()
    the = (m["the"] or "").lower()
    a = ctx.anchor
    yd = re.search(r"\d{4}", m.group(0))
    if year_s and year_s[0].isdigit():
        y = int(year_s)
    elif yd and not year_s:
        y = int(yd.group(0))
    elif a is None:
        return _date(f"XXXX-{tag}")
    elif (
        "last year" in year_s
        or "last year" in the
        or "year-ago" in m.group(0).lower()
        or ("year-earlier" in m.group(0).lower())
    ):
        y = a.year - 1
    elif "next year" in year_s or "next year" in the:
        y = a.year + 1
    else:
        y = a.year
        start_month = (n - 1) * 3 + 1 if unit == "quarter" else (n - 1) * 6 + 1
        if start_month > a.month and ctx.tense(m.start(), m.end()) == "past":
            y -= 1
    return _date(f"{y:04d}-{tag}")


# Quarters by reference: "the quarter", "the latest quarter", "the year-ago quarter"
@_pattern(
    r"(?P<mod>(?:the |last year's )(?:latest |most recent |current |previous |prior |"
    r"(?:comparable |same |corresponding )?(?:year-ago |year-earlier |(?P<y>\d{4}) )?)|"
    r"this |last |next |that )"
    r"(?P<unit>quarter|period)(?P<post> (?:a year (?:ago|earlier)|last year))?",
    _I,
)
def _the_quarter(m: re.Match[str], ctx: _Ctx) -> Result | None:
    mod = m["mod"].lower().strip()
    unit = m["unit"].lower()
    a = ctx.anchor
    year_ago = "year-" in mod or "last year" in mod or bool(m["post"])
    if unit == "period" and not (year_ago or m["y"] or "latest" in mod or mod == "that"):
        return None
    if (
        unit == "period"
        and mod in ("the corresponding", "the same", "the comparable")
        and not (m["post"])
    ):
        return None
    if unit == "quarter" and mod in (
        "this",
        "last",
        "next",
        "the current",
        "the previous",
        "the prior",
    ):
        rel = {"the current": "this", "the previous": "last", "the prior": "last"}.get(mod, mod)
        return _resolve_relative_unit(ctx, rel, "quarter", m.start(), m.end())
    ref = ctx.last_quarter
    if ref is None and a is not None:
        # Results news: the quarter meant is the last one that has ended.
        y, q = _quarter_of(a)
        k = y * 4 + q - 2
        ref = f"{k // 4:04d}-Q{k % 4 + 1}"
    if ref is None:
        return _date("XXXX-QX")
    if m["y"]:
        return _date(m["y"] + ref[4:])
    if year_ago:
        return _date(_shift_value(ref, -1) or ref)
    return _date(ref)


# Halves and years with modifiers: "the end of 2023", "early 1990", "mid-1996", "fiscal 1998"
@_pattern(
    r"(?P<mod>(?:(?:the )?(?:end|beginning|start|middle|first half|second half|last half|"
    r"latter half|spring|summer|autumn|fall|winter) of |(?:early|late|mid)[- ]|by |"
    r"(?:the )?(?:fiscal|financial|calendar|budget|tax|model)(?: year)?[- ]|FY ?|the year |"
    r"(?:the )?(?:early|late|mid) ))?"
    rf"(?P<year>{_YEAR4})(?P<fy>/\d\d)?",
    _I,
)
def _year(m: re.Match[str], ctx: _Ctx) -> Result | None:
    mod = (m["mod"] or "").lower()
    y = int(m["year"])
    if not mod:
        # A bare four-digit number: a year only where a count or a code is unlikely.
        before = ctx.text[max(0, m.start() - 20) : m.start()]
        after = ctx.text[m.end() : m.end() + 20]
        if re.search(
            r"[#№]\s*$|\b(?:No|no|number|Resolution|resolution|model|Model|flight|"
            r"Flight|route|Route|Article|article)\.?\s*$",
            before,
        ):
            return None
        if y < 1800 and not re.search(r"\b(?:in|since|of|from|until|by)\s+$", before):
            return None
        if re.match(r"\.\d|,\d{3}", after):
            return None  # 2082.1 points
        nxt = re.match(r" ([a-z]+)", after)
        # A count is followed by a plural noun ("2000 soldiers"); a year by anything, or by a
        # noun after a determiner ("the 1987 crash", "its 1989 results").
        if (
            nxt
            and nxt.group(1).endswith("s")
            and not nxt.group(1).endswith("ss")
            and nxt.group(1) not in _YEAR_FOLLOWERS
            and not re.search(
                r"(?:\b(?:the|that|this|its|his|her|their|our|a|an)|'s|’s)\s+$",
                before,
                re.IGNORECASE,
            )
        ):
            return None
    if "half of" in mod:
        return _date(f"{y:04d}-H{1 if 'first' in mod else 2}")
    for s, code in _SEASONS.items():
        if s + " of" in mod:
            return _date(f"{y:04d}-{code}")
    return _date(f"{y:04d}")


_YEAR_FOLLOWERS = {
    "and", "or", "to", "through", "when", "after", "before", "as", "for", "in", "at", "on",
    "with", "by", "but", "the", "that", "which", "while", "until", "levels", "level", "figure",
    "figures", "election", "elections", "budget", "season", "census", "war", "agreement", "deal",
    "accord", "treaty", "summit", "invasion", "coup", "crisis", "law", "act", "report", "survey",
    "estimate", "estimates", "results", "compared", "because", "despite", "so",
    "saw", "was", "is", "were", "had", "has", "marked", "brought", "also", "he", "she", "it",
    "they", "we", "i", "his", "her", "its", "their", "annual", "fiscal", "plan", "strategy",
    "review", "edition", "world", "olympics", "games", "cup", "presidential", "general",
    "parliamentary", "national", "defence", "defense", "period", "under",
}  # fmt: skip


# Years read out in broadcast transcripts: "nineteen ninety-six", "the year two thousand"
@_pattern(
    rf"(?P<the>the year )?(?:(?P<c>nineteen|twenty) (?P<t>{_NUMWORD})"
    rf"|two thousand(?: and)?(?: (?P<u>{_NUMWORD}))?)",
    _I,
)
def _spoken_year(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m["c"]:
        low = _num(m["t"])
        if low is None or low < 10 or low > 99:
            return None
        y = (19 if m["c"].lower() == "nineteen" else 20) * 100 + low
    else:
        before = ctx.text[max(0, m.start() - 6) : m.start()].lower()
        if not m["the"] and not re.search(r"\b(?:in|by|of|since|until) $", before):
            return None  # "two thousand troops"
        y = 2000 + (_num(m["u"]) or 0) if m["u"] else 2000
    return _date(f"{y:04d}")


# Decades and centuries: "the 1990s", "the '90s", "the nineties", "the 20th century"
@_pattern(
    r"(?P<mod>(?:the )?(?:early|late|mid)[- ]|the )?(?:(?P<dec>1[5-9]\d0|20[0-9]0)'?s|"
    r"'(?P<dec2>[0-9]0)s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
    r"nineties))"
    r"|(?:the )?(?P<cent>1[0-9]|2[01])(?:st|nd|rd|th)[- ]century",
    _I,
)
def _decade(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m["cent"]:
        return _date(f"{int(m['cent']) - 1:02d}XX")
    if m["dec"]:
        return _date(f"{m['dec'][:3]}X")
    if m["dec2"]:
        d = int(m["dec2"][0])
        return _date(f"{19 if d >= 3 else 20}{d}X")
    if not m["mod"]:  # "nineties" alone is an age as often as a decade
        return None
    words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
             "nineties"]  # fmt: skip
    return _date(f"19{words.index(m['w'].lower()) + 2}X")


# Seasons: "this summer", "last fall", "the winter of 1994" (the year form is in _year)
@_pattern(
    r"(?P<rel>this(?: past| coming)?|last|next|the|early|late|mid-?|(?:the )?(?:early|late) )"
    r" ?(?P<s>spring|summer|fall|autumn|winter)(?:,? (?P<year>\d{4}))?"
    r"|(?P<s2>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all) (?P<year2>(?:19|20)\d\d)",
    _I,
)
def _season(m: re.Match[str], ctx: _Ctx) -> Result | None:
    s = (m["s"] or m["s2"]).lower()
    code = _SEASONS[s]
    year = m["year"] or m["year2"]
    if year:
        return _date(f"{year}-{code}")
    rel = m["rel"].lower().strip()
    after = ctx.text[m.end() : m.end() + 4]
    if rel == "the" and (s == "fall" or after.startswith(" of")):
        return None  # "the fall in prices", "the spring of discontent"
    if s == "fall" and rel in ("early", "late"):
        return None
    a = ctx.anchor
    if a is None:
        return _date(f"XXXX-{code}")
    y = a.year
    if rel == "last":
        y -= 1
    elif rel == "next":
        y += 1
    elif rel in ("the", "early", "late", "mid", "mid-", "the early", "the late"):
        start = _SEASON_START[code]
        tense = ctx.tense(m.start(), m.end())
        if tense == "past" and start > a.month:
            y -= 1
        elif tense == "future" and start + 2 < a.month:
            y += 1
    return _date(f"{y:04d}-{code}")


# "last year", "this month", "next week", "earlier this year", "the end of the year", "the
# current fiscal year", "the weekend"
@_pattern(
    r"(?P<pre>(?:(?:the )?(?:end|beginning|start|middle|rest|remainder|balance) of |"
    r"(?:early|late|earlier|later) (?:in )?)?)"
    r"(?P<rel>(?:the )?(?:current|coming|following|previous|present|next|full)|this(?: past)?|"
    r"last|next|that|the)"
    r" (?:fiscal |financial |calendar )?"
    r"(?P<unit>year|month|week|weekend|decade|day)"
    r"|(?P<yend>year[- ]end|year's end)",
    _I,
)
def _relative(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m["yend"]:
        return _resolve_relative_unit(ctx, "this", "year", m.start(), m.end())
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    pre = m["pre"].lower()
    if m["unit"][0].isupper() and not re.search(r"(?:^|[.!?]\s+|\n)$", ctx.text[: m.start()]):
        return None  # "This Week" mid-sentence is a title
    if rel == "the full":
        rel = "this" if unit == "year" else ""
    if rel == "that":
        if unit == "year" and ctx.last_year is not None:
            return _date(f"{ctx.last_year:04d}")
        return None
    after = ctx.text[m.end() : m.end() + 12].lower()
    if rel == "the":
        if unit == "weekend":
            rel = "this"
        elif pre and unit in ("year", "month", "week"):
            rel = "this"  # "the end of the year": the current one
        else:
            return None
    if re.match(r"-(?:old|long|ago|earlier)", after):
        return None  # "a year-long siege" is not this year
    return _resolve_relative_unit(ctx, rel, unit, m.start(), m.end())


# "earlier this year" style and "early next year" style handled above; these are deictic words
@_pattern(
    r"(?P<w>right now|just now|now|currently|at present|at the moment|at this time|nowadays|"
    r"these days|(?:the )?present day|"
    r"(?:more |most |until |very |only )?recently|(?:in )?recent (?:years|days|times)|"
    r"the past|lately|the (?:near |distant )?future|soon|in due course|"
    r"a later date|the (?:near|short)[- ]term)",
    _I,
)
def _ref(m: re.Match[str], ctx: _Ctx) -> Result | None:
    w = m["w"].lower()
    after = ctx.text[m.end() : m.end() + 12].lower()
    if w == "now" and re.match(r"[- ]?(?:defunct|former|retired|closed)\b", after):
        return None
    if w.endswith("the past") and re.match(
        r" (?:\w+ )?(?:\d|few|several|two|three|four|five|"
        r"six|seven|eight|nine|ten|year|month|week|decade|day)",
        after,
    ):
        return None
    if "term" in w and not re.search(r"(?:near|short)", w):
        return None
    if w == "soon" and re.match(r" (?:as|after|before)\b", after):
        return None
    before = ctx.text[max(0, m.start() - 6) : m.start()].lower()
    if w == "soon" and before.endswith("as "):
        return None
    if w.endswith("future") and (
        after.startswith(" of")
        or not re.search(r"\b(?:in|into|for|near|distant)\s+$", before)
        and "near" not in w
    ):
        return None  # "the future of the alliance"
    if any(k in w for k in ("now", "current", "present", "moment", "this time", "these days")):
        return "PRESENT_REF", Granularity.REFERENCE, "DATE"
    if any(k in w for k in ("recent", "past", "formerly", "previously", "lately")):
        return "PAST_REF", Granularity.REFERENCE, "DATE"
    return "FUTURE_REF", Granularity.REFERENCE, "DATE"


# N units ago / earlier / later / from now: "three years ago", "a year earlier", "two days later"
@_pattern(
    rf"(?P<approx>{_APPROX})?(?P<n>{_NUM}) (?P<unit>{_UNIT}) (?:or so )?"
    r"(?P<dir>ago|earlier|before|previously|later|after|afterwards|from now|hence|back)\b"
    r"|(?P<yago>year-(?:ago|earlier))",
    _I,
)
def _ago(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m["yago"]:
        n: int | None = 1
        unit = "Y"
        direction = "earlier"
    else:
        n = _num(m["n"])
        unit = _unit(m["unit"])
        direction = m["dir"].lower()
    if unit in ("H", "MIN"):
        return None
    sign = 1 if direction in ("later", "after", "afterwards", "from now", "hence") else -1
    after = ctx.text[m.end() : m.end() + 2]
    if direction in ("before", "after") and re.match(r" \w", after):
        return None  # "two days before the vote": anchored on an event, not a date
    relative_to_text = direction in ("earlier", "before", "previously", "later", "after",
                                     "afterwards")  # fmt: skip
    if unit == "Y" and n == 1 and ctx.last_quarter is not None and direction != "from now":
        # Results news: "a year earlier" is the same quarter one year before.
        return _date(_shift_value(ctx.last_quarter, -1) or ctx.last_quarter)
    ref: date | None = None
    if relative_to_text and ctx.last_day is not None and m.start() - ctx.last_day[0] < 400:
        ref = ctx.last_day[1]
    chained = relative_to_text and chain_months(
        ctx.last_month, ctx.last_month_at, ctx.last_day[0] if ctx.last_day else None,
        m.start(), n, unit, sign)  # fmt: skip
    if chained:
        return _date(chained)
    if relative_to_text and ref is None and ctx.last_year is not None and unit == "Y" and n:
        return _date(f"{ctx.last_year + sign * n:04d}")
    return _shift_anchor(ctx, n, unit, sign, ref)


# Durations: "the past three months", "three years", "10-year", "several weeks", "the first
# nine months"
@_pattern(
    rf"(?P<approx>{_APPROX})?(?:(?:each of |all of |for )?the )?"
    r"(?P<rel>(?:past|last|next|first|previous|coming|final|latest|following|remaining|"
    r"ensuing|preceding|same|initial) )?(?P<extra>(?:few|several|many|couple of) )?"
    rf"(?P<n>{_NUM})[- ](?P<unit>{_UNIT})(?P<old>-old)?",
    _I,
)
def _dur(m: re.Match[str], ctx: _Ctx) -> Result | None:
    n_s = m["n"].lower()
    rel = (m["rel"] or "").strip().lower()
    if m["extra"]:
        n: int | None = None
    else:
        n = _num(n_s)
        if n is None and n_s not in _VAGUE:
            return None
    unit = _unit(m["unit"])
    if n_s in ("a", "an") and not rel and not m["approx"]:
        # "a year" alone is a duration only after "for", "in", "within", "over"...
        before = ctx.text[max(0, m.start() - 10) : m.start()].lower()
        if not re.search(
            r"\b(?:for|in|within|over|after|than|about|nearly|almost|lasting|"
            r"taken|take|takes|spent|spend|only|just)\s+$",
            before,
        ):
            return None
    if unit == "Q":
        if n is None:
            return "PXQ", Granularity.DURATION, "DURATION"
        return _duration(n * 3, "M")
    if n == 0:
        return None
    return _duration(n, unit)


# "the past year", "the last decade", "the past week": a duration of one unit
@_pattern(
    r"the (?:past|last|previous) "
    r"(?P<unit>year|month|week|decade|century|day|fortnight)(?! or so)",
    _I,
)
def _past_unit(m: re.Match[str], ctx: _Ctx) -> Result | None:
    return _duration(1, _unit(m["unit"]))


# Vague durations and recency: "recent months", "the coming weeks", "several years", "years"
@_pattern(
    r"(?:(?:the )?(?P<rel>recent|coming|next few|past few|last few|"
    r"next several|past several|last several|few|several|many|some) )"
    r"(?P<unit>years|months|weeks|days|decades|quarters|hours|centuries)",
    _I,
)
def _vague_dur(m: re.Match[str], ctx: _Ctx) -> Result | None:
    rel = m["rel"].lower()
    unit = _unit(m["unit"])
    if rel == "recent" and unit in ("Y", "D"):
        return "PAST_REF", Granularity.REFERENCE, "DATE"
    if unit == "Q":
        return "PXQ", Granularity.DURATION, "DURATION"
    return _duration(None, unit)


# Sets: "every month", "each year", "daily", "annually"
@_pattern(
    r"(?:every|each|per) (?P<unit>year|month|week|day|quarter|hour)|"
    rf"(?:every|each) (?P<wd>{_WEEKDAY})|(?P<adv>daily|weekly|monthly|annually|yearly|hourly)",
    _I,
)
def _set(m: re.Match[str], ctx: _Ctx) -> Result | None:
    if m["wd"]:
        return f"XXXX-WXX-{_WEEKDAYS[m['wd'].lower()] + 1}", Granularity.DURATION, "SET"
    if m["adv"]:
        unit = {"daily": "D", "weekly": "W", "monthly": "M", "annually": "Y", "yearly": "Y",
                "hourly": "H"}[m["adv"].lower()]  # fmt: skip
    else:
        unit = _unit(m["unit"])
    value = "PT1H" if unit == "H" else ("P1Q" if unit == "Q" else f"P1{unit}")
    return value, Granularity.DURATION, "SET"


# --------------------------------------------------------------------------- driver


# Each pattern holds one of its trigger words (or, for "#", a date-like number): it runs only on
# windows around them, which keeps the tagger fast on long articles.
_UNIT_WORDS = " ".join(list(_UNITS) + [u + "s" for u in _UNITS]) + " centuries"
_MONTH_WORDS = " ".join(_MONTHS)
_WEEKDAY_WORDS = " ".join(_WEEKDAYS)
_DECADE_WORDS = "twenties thirties forties fifties sixties seventies eighties nineties"
_TRIGGER_SPEC = {
    "_iso_date": "#",
    "_us_numeric": "#",
    "_month_day": _MONTH_WORDS,
    "_month_year": _MONTH_WORDS,
    "_month_alone": _MONTH_WORDS,
    "_weekday": _WEEKDAY_WORDS,
    "_deictic_day": "today yesterday tomorrow tonight overnight",
    "_part_of_day": "morning afternoon evening night",
    "_clock": "# noon midnight",
    "_quarter": "quarter half q",
    "_the_quarter": "quarter period",
    "_year": "#",
    "_spoken_year": "nineteen thousand",
    "_decade": f"# century centuries {_DECADE_WORDS}",
    "_season": " ".join(_SEASONS),
    "_relative": "year month week weekend decade day",
    "_ref": "now currently current present moment time nowadays days day recently recent past "
    "previously formerly lately future soon shortly course date term",
    "_ago": _UNIT_WORDS,
    "_dur": _UNIT_WORDS,
    "_past_unit": _UNIT_WORDS,
    "_vague_dur": _UNIT_WORDS,
    "_set": f"{_UNIT_WORDS} {_WEEKDAY_WORDS} daily weekly monthly annually yearly hourly",
}
_TRIGGERS: list[frozenset[str]] = [frozenset(_TRIGGER_SPEC[fn.__name__].split()) for _, fn in
                                   _PATTERNS]  # fmt: skip
_ALL_TRIGGERS = frozenset().union(*_TRIGGERS) - {"#"}
_WORD_RE = re.compile(r"[a-z]+")
# Numbers that can start a date: years, ISO and slashed dates, clock times, decades ('90s).
_NUM_TRIGGER_RE = re.compile(
    r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|\d(?:[:/]|s\b| ?[ap]\.?m\b)|'\d0s"
)
_LEFT, _RIGHT = 64, 48  # how far an expression reaches around its trigger word


def _trigger_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger word (lower case, whole word) and date-like number occurs."""
    low = text.lower()
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(low)
    for word in set(_WORD_RE.findall(low)) & _ALL_TRIGGERS:
        hits: list[tuple[int, int]] = []
        i = low.find(word)
        while i >= 0:
            e = i + len(word)
            if (i == 0 or not low[i - 1].isalpha()) and (e == n or not low[e].isalpha()):
                hits.append((i, e))
            i = low.find(word, e)
        if hits:
            out[word] = hits
    nums = [m.span() for m in _NUM_TRIGGER_RE.finditer(text)]
    if nums:
        out["#"] = nums
    return out


def _merge(hits: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Merged windows around trigger hits, ending outside words."""
    n = len(text)
    out: list[tuple[int, int]] = []
    for s, e in sorted(hits):
        lo, hi = max(0, s - _LEFT), min(n, e + _RIGHT)
        while hi < n and (text[hi].isalnum() or text[hi] == "_"):
            hi += 1  # never cut a word: a pattern would see it end early
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str], Handler]]:
    out: list[tuple[int, int, int, re.Match[str], Handler]] = []
    positions = _trigger_positions(text)
    for prio, (rx, fn) in enumerate(_PATTERNS):
        hits = [h for t in _TRIGGERS[prio] if t in positions for h in positions[t]]
        if not hits:
            continue
        for lo, hi in _merge(hits, text):
            for m in rx.finditer(text, lo, hi):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), prio, m, fn))
    return out


def _candidates_full(text: str) -> list[tuple[int, int, int, re.Match[str], Handler]]:
    """Every pattern over the whole text: the reference that the windows must agree with."""
    return [
        (m.start(), m.end(), prio, m, fn)
        for prio, (rx, fn) in enumerate(_PATTERNS)
        for m in rx.finditer(text)
        if m.end() > m.start()
    ]


_ANAPHORIC = {_ago, _the_quarter, _relative}


def find_timexes(text: str, anchor: date | None = None) -> list[Entity]:
    """Find date, time, duration and set expressions in `text`, normalised TIMEX3 style.

    `anchor` is the publication date: relative expressions resolve against it; without it their
    unknown parts stay X and `resolved` is False.
    """
    cands = _candidates(text)
    # Longest match first at each position; earlier patterns win ties.
    cands.sort(key=lambda c: (c[0] - c[1], c[2]))
    ctx = _Ctx(text=text, anchor=anchor)
    taken = SpanSet()  # a scan of every span taken is quadratic in the text's length
    chosen = [c for c in cands if taken.add(c[0], c[1])]
    chosen.sort(key=lambda c: c[0])
    # Resolve left to right so that anaphoric expressions see what came before. A rejected long
    # match falls back to the shorter candidates inside it.
    entities: list[Entity] = []
    rejected: list[tuple[int, int]] = []
    for s, e, _prio, m, fn in chosen:
        res = fn(m, ctx)
        if res is None:
            rejected.append((s, e))
            continue
        entities.append(_entity(text, s, e, res))
        if fn not in _ANAPHORIC and "year-" not in m.group(0).lower():
            ctx.note(res[0], s)  # what later anaphora ("a year earlier") point back to
    if rejected:
        entities.extend(_fallback(text, cands, rejected, entities, ctx))
        entities.sort(key=lambda ent: ent.start)
    return entities


def _fallback(
    text: str,
    cands: list[tuple[int, int, int, re.Match[str], Handler]],
    rejected: list[tuple[int, int]],
    kept: list[Entity],
    ctx: _Ctx,
) -> list[Entity]:
    """Shorter candidates inside spans whose longest match was rejected."""
    out: list[Entity] = []
    spans = SpanSet([(k.start, k.end) for k in kept])
    # Candidates by start, so that each rejected span looks only at those that start inside it
    # (rejected spans do not overlap: each candidate is looked at about once).
    order = sorted(range(len(cands)), key=lambda i: cands[i][0])
    starts = [cands[i][0] for i in order]
    for rs, re_ in rejected:
        lo, hi = bisect.bisect_left(starts, rs), bisect.bisect_right(starts, re_)
        for i in sorted(order[lo:hi]):  # in the order of `cands`, as before
            s, e, _p, m, fn = cands[i]
            if e > re_ or (s, e) == (rs, re_) or spans.overlaps(s, e):
                continue
            res = fn(m, ctx)
            if res is None:
                continue
            out.append(_entity(text, s, e, res))
            spans.add(s, e)
    return out


def _entity(text: str, s: int, e: int, res: Result) -> Entity:
    value, gran, kind = res
    resolved = "X" not in value
    if gran in (Granularity.DECADE, Granularity.CENTURY) or kind in ("DURATION", "SET"):
        resolved = not value.startswith("X")  # 199X and PXY need no anchor
    timex = TimexValue(value=value, granularity=gran, timex_type=kind, resolved=resolved)  # type: ignore[arg-type]
    return Entity(
        text=text[s:e],
        type=EntityType.DATE,
        canonical=value,
        start=s,
        end=e,
        timex=timex,
        source="pattern",
    )


def normalise_timex(expression: str, anchor: date | None = None) -> TimexValue | None:
    """Normalise one expression ("April 3", "last week"); None when it holds no date."""
    found = find_timexes(expression, anchor)
    if not found:
        return None
    best = max(found, key=lambda ent: ent.end - ent.start)
    return best.timex
