"""Patterns of relative and vague expressions: "last year", "now", "three months ago",
"for two weeks", "the past year", "every week"."""

from __future__ import annotations

import re
from datetime import date

from wirebrief.analyze.story_time import chain_months
from wirebrief.analyze.timex.lexicon import (
    APPROX,
    NUM,
    NUMWORD,
    UNIT,
    VAGUE,
    WEEKDAY,
    WEEKDAYS,
    Result,
    date_value,
    duration_value,
    number,
    shift_value,
    unit_code,
)
from wirebrief.analyze.timex.resolve import (
    Ctx,
    Pattern,
    pattern_into,
    resolve_relative_unit,
    shift_anchor,
)
from wirebrief.models import Granularity

PATTERNS: list[Pattern] = []
_pattern = pattern_into(PATTERNS)
_I = re.IGNORECASE

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
def _relative(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["yend"]:
        return resolve_relative_unit(ctx, "this", "year", m.start(), m.end())
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    pre = m["pre"].lower()
    if m["unit"][0].isupper() and not re.search(r"(?:^|[.!?]\s+|\n)$", ctx.text[: m.start()]):
        return None  # "This Week" mid-sentence is a title
    if rel == "the full":
        rel = "this" if unit == "year" else ""
    if rel == "that":
        if unit == "year" and ctx.last_year is not None:
            return date_value(f"{ctx.last_year:04d}")
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
    return resolve_relative_unit(ctx, rel, unit, m.start(), m.end())


# "earlier this year" style and "early next year" style handled above; these are deictic words
@_pattern(
    r"(?P<w>right now|just now|now|currently|at present|at the moment|at this time|nowadays|"
    r"these days|(?:the )?present day|"
    r"(?:more |most |until |very |only )?recently|(?:in )?recent (?:years|days|times)|"
    r"the past|lately|the (?:near |distant )?future|soon|in due course|"
    r"a later date|the (?:near|short)[- ]term)",
    _I,
)
def _ref(m: re.Match[str], ctx: Ctx) -> Result | None:
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
    rf"(?P<approx>{APPROX})?(?P<n>{NUM}) (?P<unit>{UNIT}) (?:or so )?"
    r"(?P<dir>ago|earlier|before|previously|later|after|afterwards|from now|hence|back)\b"
    r"|(?P<yago>year-(?:ago|earlier))",
    _I,
)
def _ago(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["yago"]:
        n: int | None = 1
        unit = "Y"
        direction = "earlier"
    else:
        n = number(m["n"])
        unit = unit_code(m["unit"])
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
        return date_value(shift_value(ctx.last_quarter, -1) or ctx.last_quarter)
    ref: date | None = None
    if relative_to_text and ctx.last_day is not None and m.start() - ctx.last_day[0] < 400:
        ref = ctx.last_day[1]
    chained = relative_to_text and chain_months(
        ctx.last_month, ctx.last_month_at, ctx.last_day[0] if ctx.last_day else None,
        m.start(), n, unit, sign)  # fmt: skip
    if chained:
        return date_value(chained)
    if relative_to_text and ref is None and ctx.last_year is not None and unit == "Y" and n:
        return date_value(f"{ctx.last_year + sign * n:04d}")
    return shift_anchor(ctx, n, unit, sign, ref)


# Durations: "the past three months", "three years", "10-year", "several weeks", "the first
# nine months"
@_pattern(
    rf"(?P<approx>{APPROX})?(?:(?:each of |all of |for )?the )?"
    r"(?P<rel>(?:past|last|next|first|previous|coming|final|latest|following|remaining|"
    r"ensuing|preceding|same|initial) )?(?P<extra>(?:few|several|many|couple of) )?"
    rf"(?P<n>{NUM})[- ](?:(?:additional|more|further|straight|consecutive|trading|business|"
    rf"working) )?"
    rf"(?P<unit>{UNIT})(?P<old>-old)?",
    _I,
)
def _dur(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["old"] and m["unit"].lower().startswith("year"):
        return None  # an age ("a 36-year-old villager"); "an 8-month-old truce" is a duration
    n_s = m["n"].lower()
    rel = (m["rel"] or "").strip().lower()
    if m["extra"]:
        n: int | None = None
    else:
        n = number(n_s)
        if n is None and n_s not in VAGUE:
            return None
    unit = unit_code(m["unit"])
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
        return duration_value(n * 3, "M")
    if n == 0:
        return None
    return duration_value(n, unit)


# "the past year", "the last decade", "the past week": a duration of one unit
@_pattern(
    r"the (?:past|last|previous) "
    r"(?P<unit>year|month|week|decade|century|day|fortnight)(?! or so)",
    _I,
)
def _past_unit(m: re.Match[str], ctx: Ctx) -> Result | None:
    return duration_value(1, unit_code(m["unit"]))


# Vague durations and recency: "recent months", "the coming weeks", "several years", "years"
@_pattern(
    r"(?:(?:the )?(?P<rel>recent|coming|next few|past few|last few|"
    r"next several|past several|last several|few|several|many|some) )"
    r"(?P<unit>years|months|weeks|days|decades|quarters|hours|centuries)",
    _I,
)
def _vague_dur(m: re.Match[str], ctx: Ctx) -> Result | None:
    rel = m["rel"].lower()
    unit = unit_code(m["unit"])
    # "in recent weeks", "in the coming days": references to the past or the future, as
    # both the dates corpus and most of TimeBank read them, not durations.
    if rel == "recent":
        return "PAST_REF", Granularity.REFERENCE, "DATE"
    if rel == "coming":
        return "FUTURE_REF", Granularity.REFERENCE, "DATE"
    if unit == "Q":
        return "PXQ", Granularity.DURATION, "DURATION"
    return duration_value(None, unit)


_COUNTED_BEFORE_RE = re.compile(
    rf"(?:\d|\b(?:{NUMWORD}|hundreds?|thousands?|dozens?|couple|of))(?:\s+[a-z-]+)?\s+$", re.I)


# Bare plural units: "years of talks", "decades-long conflict", "hours after the launch", "over
# the years", "in the next hours": an unknown number of them. Not an age ("decades-old").
@_pattern(
    r"(?:the (?:(?P<rel>past|last|next|previous|following) )?)?"
    r"(?P<unit>(?-i:years|months|weeks|days|decades|hours))(?:-long)?",
    _I,
)
def _bare_units(m: re.Match[str], ctx: Ctx) -> Result | None:
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if m["unit"].lower() == "days" and re.search(r"\b(?:these|those|early|final|last)\s+$",
                                                  before):
        return None  # "these days" is the present; "the last days of" names a period
    if re.search(r"\bearly\s+$", before):
        return None  # "the early hours": a part of a day, not a duration
    if _COUNTED_BEFORE_RE.search(ctx.text[max(0, m.start() - 30) : m.start()]):
        return None  # "a hundred years", "eight trading days": a count the tagger cannot read
    if ctx.text[m.end() : m.end() + 8] == " to come":
        return "FUTURE_REF", Granularity.REFERENCE, "DATE"  # "in the months to come"
    return duration_value(None, unit_code(m["unit"]))


_SPEED_UNIT_RE = re.compile(
    r"\b(?:kilomet(?:er|re)s?|km|miles?|met(?:er|re)s?|feet|foot|nautical miles?)\s+$", _I)
# A capitalised word (not the first of its sentence) right before: a name.
_NAME_BEFORE_RE = re.compile(r"[^.!?\n]\s+[A-Z][\w'’.-]*\s+$")


# Sets: "every month", "each year", "daily", "annually"
@_pattern(
    r"(?:every|each|per) (?P<unit>year|month|week|day|quarter|hour)|"
    rf"(?:every|each) (?P<wd>{WEEKDAY})|(?P<adv>daily|weekly|monthly|annually|yearly|hourly)",
    _I,
)
def _set(m: re.Match[str], ctx: Ctx) -> Result | None:
    before = ctx.text[max(0, m.start() - 30) : m.start()]
    if m["unit"] and _SPEED_UNIT_RE.search(before):
        return None  # a speed ("95 kilometers per hour")
    if m["adv"] and m["adv"].lower() == "daily" and _NAME_BEFORE_RE.search(before):
        return None  # a newspaper ("the Yediot Aharonot daily", "Bild daily")
    if m["wd"]:
        return f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}", Granularity.DURATION, "SET"
    if m["adv"]:
        unit = {"daily": "D", "weekly": "W", "monthly": "M", "annually": "Y", "yearly": "Y",
                "hourly": "H"}[m["adv"].lower()]  # fmt: skip
    else:
        unit = unit_code(m["unit"])
    value = "PT1H" if unit == "H" else ("P1Q" if unit == "Q" else f"P1{unit}")
    return value, Granularity.DURATION, "SET"


