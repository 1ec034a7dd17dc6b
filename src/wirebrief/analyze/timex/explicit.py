"""Patterns of dates written out: calendar dates, months, weekdays, days named from today,
clock times, quarters, years, decades and seasons."""

from __future__ import annotations

import re
from datetime import date, timedelta

from wirebrief.analyze.timex.lexicon import (
    DAYNUM,
    MONTH,
    MONTH_ABBR,
    MONTH_FULL,
    NUMWORD,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_START,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    YEAR4,
    Result,
    date_value,
    month_number,
    number,
    quarter_of,
    shift_value,
    ym,
    ymd,
)
from wirebrief.analyze.timex.resolve import (
    Ctx,
    Pattern,
    pattern_into,
    resolve_month,
    resolve_month_day,
    resolve_relative_unit,
    resolve_weekday,
)
from wirebrief.models import Granularity

PATTERNS: list[Pattern] = []
_pattern = pattern_into(PATTERNS)
_I = re.IGNORECASE


@_pattern(r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])")
def _iso_date(m: re.Match[str], ctx: Ctx) -> Result | None:
    try:
        return date_value(ymd(date(int(m["y"]), int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


@_pattern(r"(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d)")
def _us_numeric(m: re.Match[str], ctx: Ctx) -> Result | None:
    try:
        return date_value(ymd(date(int(m["y"]), int(m["m"]), int(m["d"]))))
    except ValueError:
        return None


# "Friday, Oct. 13, 1989", "Oct. 13", "October 13th 2023", "13 October 2023", "the 13th of October"
@_pattern(
    rf"(?:(?P<wd>{WEEKDAY}),? )?(?:(?P<mon>{MONTH}) (?P<day>{DAYNUM})(?:,? (?P<year>{YEAR4}))?"
    rf"|(?:the )?(?P<day2>{DAYNUM}) (?:of )?(?P<mon2>{MONTH}),?(?: (?P<year2>{YEAR4}))?)"
)
def _month_day(m: re.Match[str], ctx: Ctx) -> Result | None:
    mon = month_number(m["mon"] or m["mon2"])
    day = int(re.sub(r"\D", "", m["day"] or m["day2"]))
    year = m["year"] or m["year2"]
    if year:
        try:
            return date_value(ymd(date(int(year), mon, day)))
        except ValueError:
            return None
    if m["wd"] and ctx.anchor is not None:
        # "Saturday, April 25": the weekday names the year, when one year near the anchor fits
        wd = WEEKDAYS[m["wd"].lower()]
        fits = []
        for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            try:
                d = date(y, mon, day)
            except ValueError:
                continue
            if d.weekday() == wd:
                fits.append(d)
        if len(fits) == 1:
            return date_value(ymd(fits[0]))
    return resolve_month_day(ctx, mon, day, m.start(), m.end())


# "October 1984", "Oct. 1984", "October of 1984", "early/mid/late October 1984"
@_pattern(
    rf"(?:(?:early|mid|late|the (?:beginning|start|middle|end) of)[ -])?(?P<mon>{MONTH})"
    rf",?(?: of)? (?P<year>{YEAR4})",
    0,
)
def _month_year(m: re.Match[str], ctx: Ctx) -> Result | None:
    return date_value(ym(int(m["year"]), month_number(m["mon"])))


# A month alone. May and March are verbs too: they need a temporal cue around them.
@_pattern(
    rf"(?:(?P<mod>early|mid|late|(?:the )?(?:beginning|start|middle|end) of|last|next|this|"
    rf"Early|Mid|Late|Last|Next|This)[ -])?(?P<mon>{MONTH_FULL}|{MONTH_ABBR}(?=\.| \d|,))"
    r"(?P<post> (?:last|next|this) year)?"
)
def _month_alone(m: re.Match[str], ctx: Ctx) -> Result | None:
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
    mon = month_number(mon_s)
    a = ctx.anchor
    rel = mod.split()[0] if mod in ("last", "next", "this") else ""
    if post:
        rel = post.split()[0]
        if a is None:
            return date_value(f"XXXX-{mon:02d}")
        y = a.year + {"last": -1, "next": 1, "this": 0}[rel]
        return date_value(ym(y, mon))
    if rel:
        if a is None:
            return date_value(f"XXXX-{mon:02d}")
        if rel == "last":
            y = a.year if mon < a.month else a.year - 1
        elif rel == "next":
            y = a.year if mon > a.month else a.year + 1
        else:
            y = a.year
        return date_value(ym(y, mon))
    return resolve_month(ctx, mon, m.start(), m.end())


# Weekdays, optionally with a part of the day or a relative word: "last Friday", "Friday night"
@_pattern(
    rf"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his(?: coming| past)?|[Cc]oming|[Pp]revious|the previous|"
    rf"[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater|[Oo]vernight|the early hours of) )?(?P<wd>{WEEKDAY})"
    r"(?P<pod> (?:morning|afternoon|evening|night))?"
)
def _weekday(m: re.Match[str], ctx: Ctx) -> Result | None:
    rel = (m["rel"] or "").lower().replace("the previous", "previous")
    night = rel in ("overnight", "the early hours of")
    rel = {"this coming": "next", "this past": "last", "early": "", "late": "", "earlier": "",
           "later": "", "overnight": "", "the early hours of": ""}.get(rel, rel)  # fmt: skip
    if rel == "this":
        rel = ""
    value, gran, kind = resolve_weekday(ctx, WEEKDAYS[m["wd"].lower()], m.start(), m.end(), rel)
    if m["pod"] or night:
        pod = m["pod"].strip() if m["pod"] else "night"
        return value + "T" + PARTS_OF_DAY[pod], Granularity.TIME, "TIME"
    return value, gran, kind


@_pattern(
    r"(?P<mod>(?:early|late|later|earlier|mid-?(?:afternoon|morning)?) )?"
    r"(?P<w>today|yesterday|tomorrow|tonight|overnight)"
    r"(?P<pod> (?:morning|afternoon|evening|night))?",
    _I,
)
def _deictic_day(m: re.Match[str], ctx: Ctx) -> Result | None:
    w = m["w"].lower()
    a = ctx.anchor
    if w == "overnight":
        return _overnight(m, ctx)
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    if w in ("today", "tomorrow") and ctx.text[m.end() : m.end() + 2] in ("'s", "’s"):
        before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
        if re.search(r"\b(?:in|of|for|to)\s+$", before):
            return None  # "in today's world": the present in general
    day = ymd(a + timedelta(days=off)) if a else "XXXX-XX-XX"
    pod = m["pod"].strip() if m["pod"] else ("night" if w == "tonight" else None)
    if pod:
        return day + "T" + PARTS_OF_DAY[pod], Granularity.TIME, "TIME"
    return date_value(day)


# "overnight" as an adverb: the night before the anchor ("shot down 22 drones overnight"); not
# the adjective of "overnight rates" or "an overnight stay".
_OVERNIGHT_AFTER_RE = re.compile(
    r"(?:\s*[,.;:)—–-]|\s*$|\s+(?:between|on|in|into|to|and|as|after|before|near|over|across|"
    r"local|from|while|when|at|with|by|,))", re.I)


def _overnight(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["mod"] or m["pod"] or not _OVERNIGHT_AFTER_RE.match(ctx.text[m.end() : m.end() + 12]):
        return None
    off = 0 if ctx.tense(m.start(), m.end()) == "future" else -1
    day = ymd(ctx.anchor + timedelta(days=off)) if ctx.anchor else "XXXX-XX-XX"
    return day + "TNI", Granularity.TIME, "TIME"


@_pattern(r"(?P<rel>this|last|yesterday|tomorrow) (?P<pod>morning|afternoon|evening|night)", _I)
def _part_of_day(m: re.Match[str], ctx: Ctx) -> Result | None:
    a = ctx.anchor
    rel = m["rel"].lower()
    off = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and m["pod"].lower() != "night":
        return None
    day = ymd(a + timedelta(days=off)) if a else "XXXX-XX-XX"
    return day + "T" + PARTS_OF_DAY[m["pod"].lower()], Granularity.TIME, "TIME"


# A part of the day alone: "throughout the morning", "by evening", "later that evening": of
# the day the text has just named, or points back to ("that"), else of the anchor.
_NARRATED_DAY_CHARS = 250
@_pattern(
    r"(?:(?P<that>(?:(?:[Ll]ater|[Ee]arlier|[Ll]ate|[Ee]arly) )?[Tt]hat) "
    r"|(?:(?<=\b[Ii]n )|(?<=\b[Bb]y )|(?<=\b[Tt]hroughout )|(?<=\b[Dd]uring ))(?:the )?)"
    r"(?P<mod>(?:early|late) )?(?P<pod>morning|afternoon|evening|night)(?! of\b)"
    r"(?! (?:raids?|shifts?|vision|club|life|sky|flights?|operations?|attacks?|strikes?|"
    r"patrols?|sessions?|trading|show|news|edition|prayers?)\b)",
    0,
)
def _part_of_day_alone(m: re.Match[str], ctx: Ctx) -> Result | None:
    pod = m["pod"]
    near = ctx.last_day is not None and m.start() - ctx.last_day[0] < _NARRATED_DAY_CHARS
    if ctx.last_day is not None and (m["that"] or near):
        day = ymd(ctx.last_day[1])  # the day being told: "dashed Friday ... in the morning"
    elif ctx.anchor is not None:
        day = ymd(ctx.anchor)
    else:
        return None
    return day + "T" + PARTS_OF_DAY[pod], Granularity.TIME, "TIME"


# Clock times: "7:15 p.m.", "10 a.m. Wednesday", "noon Saturday", "14:30 GMT"
@_pattern(
    r"(?:(?:around|about|shortly (?:before|after)) )?"
    r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))? ?(?P<ap>[ap]\.m\.|[ap]m\b|[AP]M\b)"
    r"|(?P<h24>[01]?\d|2[0-3])[:.](?P<mi24>[0-5]\d)"
    r"(?= ?(?:GMT|UTC|local|hours|hrs|h\b|[A-Z]{2,4}T\b))"
    r"|(?<=\bat )(?P<h24at>[01]?\d|2[0-3]):(?P<mi24at>[0-5]\d)(?![\d:])"
    r"|(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)(?= ?(?:GMT|UTC)\b)"
    r"|(?P<noon>noon|midnight))"
    r"(?: (?:[A-Z]{2,4}T|GMT|UTC|local time))?"
    # "10 p.m. Wednesday" is one expression (TimeBank); in "at 14:40 GMT on Tuesday" the day
    # dates the clock but is its own expression.
    rf"(?:,? (?:(?P<wd>{WEEKDAY})|(?P<rday>today|yesterday|tomorrow))"
    rf"|(?=,? on (?:(?P<wd_on>{WEEKDAY})|(?P<rday_on>today|yesterday|tomorrow))))?",
    0,
)
def _clock(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["noon"]:
        h, mi = (12, 0) if m["noon"] == "noon" else (24, 0)
    elif m["h24"] or m["h24at"]:
        h, mi = int(m["h24"] or m["h24at"]), int(m["mi24"] or m["mi24at"])
    elif m["hhmm"]:
        h, mi = int(m["hhmm"][:2]), int(m["hhmm"][2:])
    else:
        h = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        mi = int(m["mi"] or 0)
    wd, rday = m["wd"] or m["wd_on"], m["rday"] or m["rday_on"]
    if wd:
        day = resolve_weekday(ctx, WEEKDAYS[wd.lower()], m.start(), m.end())[0]
    elif rday:
        off = {"today": 0, "yesterday": -1, "tomorrow": 1}[rday]
        day = ymd(ctx.anchor + timedelta(days=off)) if ctx.anchor else "XXXX-XX-XX"
    else:
        day = ymd(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"
    return f"{day}T{h:02d}:{mi:02d}", Granularity.TIME, "TIME"


# Quarters and halves: "the third quarter of 1989", "fourth-quarter", "Q3 2023", "last year's
# second quarter", "the first half"
@_pattern(
    r"(?:(?P<the>the |its |a |this year's |last year's |next year's |the year-(?:ago|earlier) )"
    r"(?:(?:latest|current|same|comparable|flat|fiscal|year-ago|year-earlier|\d{4}) )?)?"
    r"(?:fiscal[- ])?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?"
    rf"(?P<unit>quarter|half)(?:,? (?:of )?(?:fiscal )?(?P<year>{YEAR4}|this year|last year|"
    r"next year))?"
    r"|(?P<q>Q[1-4]) (?P<qy>20\d\d|'\d\d)",
    _I,
)
def _quarter(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["q"]:
        qy = m["qy"]
        y = int(qy) if len(qy) == 4 else 2000 + int(qy[1:])
        return date_value(f"{y:04d}-{m['q'].upper()}")
    n = ORDINALS[m["ord"].lower()]
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
        return date_value(f"XXXX-{tag}")
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
    return date_value(f"{y:04d}-{tag}")


# Quarters by reference: "the quarter", "the latest quarter", "the year-ago quarter"
@_pattern(
    r"(?P<mod>(?:the |last year's )(?:latest |most recent |current |previous |prior |"
    r"(?:comparable |same |corresponding )?(?:year-ago |year-earlier |(?P<y>\d{4}) )?)|"
    r"this |last |next |that )"
    r"(?P<unit>quarter|period)(?P<post> (?:a year (?:ago|earlier)|last year))?",
    _I,
)
def _the_quarter(m: re.Match[str], ctx: Ctx) -> Result | None:
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
        return resolve_relative_unit(ctx, rel, "quarter", m.start(), m.end())
    ref = ctx.last_quarter
    if ref is None and a is not None:
        # Results news: the quarter meant is the last one that has ended.
        y, q = quarter_of(a)
        k = y * 4 + q - 2
        ref = f"{k // 4:04d}-Q{k % 4 + 1}"
    if ref is None:
        return date_value("XXXX-QX")
    if m["y"]:
        return date_value(m["y"] + ref[4:])
    if year_ago:
        return date_value(shift_value(ref, -1) or ref)
    return date_value(ref)


# What makes the number after it a code or a count, not a year: "No. 1992", "Resolution 2231".
CODE_BEFORE_RE = re.compile(
    r"[#№]\s*$|\b(?:No|no|number|Resolution|resolution|model|Model|flight|"
    r"Flight|route|Route|Article|article)\.?\s*$"
)


# Halves and years with modifiers: "the end of 2023", "early 1990", "mid-1996", "fiscal 1998"
@_pattern(
    r"(?P<mod>(?:(?:the )?(?:end|beginning|start|middle|first half|second half|last half|"
    r"latter half|spring|summer|autumn|fall|winter) of |(?:early|late|mid)[- ]|by |"
    r"(?:the )?(?:fiscal|financial|calendar|budget|tax|model)(?: year)?[- ]|FY ?|the year |"
    r"(?:the )?(?:early|late|mid) ))?"
    rf"(?P<year>{YEAR4})(?P<fy>/\d\d)?",
    _I,
)
def _year(m: re.Match[str], ctx: Ctx) -> Result | None:
    mod = (m["mod"] or "").lower()
    y = int(m["year"])
    if not mod:
        # A bare four-digit number: a year only where a count or a code is unlikely.
        before = ctx.text[max(0, m.start() - 20) : m.start()]
        after = ctx.text[m.end() : m.end() + 20]
        if CODE_BEFORE_RE.search(before):
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
        return date_value(f"{y:04d}-H{1 if 'first' in mod else 2}")
    for s, code in SEASONS.items():
        if s + " of" in mod:
            return date_value(f"{y:04d}-{code}")
    return date_value(f"{y:04d}")


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
    rf"(?P<the>the year )?(?:(?P<c>nineteen|twenty) (?P<t>{NUMWORD})"
    rf"|two thousand(?: and)?(?: (?P<u>{NUMWORD}))?)",
    _I,
)
def _spoken_year(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["c"]:
        low = number(m["t"])
        if low is None or low < 10 or low > 99:
            return None
        y = (19 if m["c"].lower() == "nineteen" else 20) * 100 + low
    else:
        before = ctx.text[max(0, m.start() - 6) : m.start()].lower()
        if not m["the"] and not re.search(r"\b(?:in|by|of|since|until) $", before):
            return None  # "two thousand troops"
        y = 2000 + (number(m["u"]) or 0) if m["u"] else 2000
    return date_value(f"{y:04d}")


# Decades and centuries: "the 1990s", "the '90s", "the nineties", "the 20th century"
@_pattern(
    r"(?P<mod>(?:the )?(?:early|late|mid)[- ]|the )?(?:(?P<dec>1[5-9]\d0|20[0-9]0)'?s|"
    r"'(?P<dec2>[0-9]0)s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
    r"nineties))"
    r"|(?:the )?(?P<cent>1[0-9]|2[01])(?:st|nd|rd|th)[- ]century",
    _I,
)
def _decade(m: re.Match[str], ctx: Ctx) -> Result | None:
    if m["cent"]:
        return date_value(f"{int(m['cent']) - 1:02d}XX")
    if m["dec"]:
        return date_value(f"{m['dec'][:3]}X")
    if m["dec2"]:
        d = int(m["dec2"][0])
        return date_value(f"{19 if d >= 3 else 20}{d}X")
    if not m["mod"]:  # "nineties" alone is an age as often as a decade
        return None
    words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
             "nineties"]  # fmt: skip
    return date_value(f"19{words.index(m['w'].lower()) + 2}X")


# Seasons: "this summer", "last fall", "the winter of 1994" (the year form is in _year)
@_pattern(
    r"(?P<rel>this(?: past| coming)?|last|next|the|early|late|mid-?|(?:the )?(?:early|late) )"
    r" ?(?P<s>spring|summer|fall|autumn|winter)(?:,? (?P<year>\d{4}))?"
    r"|(?P<s2>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all) (?P<year2>(?:19|20)\d\d)",
    _I,
)
def _season(m: re.Match[str], ctx: Ctx) -> Result | None:
    s = (m["s"] or m["s2"]).lower()
    code = SEASONS[s]
    year = m["year"] or m["year2"]
    if year:
        return date_value(f"{year}-{code}")
    rel = m["rel"].lower().strip()
    after = ctx.text[m.end() : m.end() + 4]
    if rel == "the" and (s == "fall" or after.startswith(" of")):
        return None  # "the fall in prices", "the spring of discontent"
    if s == "fall" and rel in ("early", "late"):
        return None
    a = ctx.anchor
    if a is None:
        return date_value(f"XXXX-{code}")
    y = a.year
    if rel == "last":
        y -= 1
    elif rel == "next":
        y += 1
    elif rel in ("the", "early", "late", "mid", "mid-", "the early", "the late"):
        start = SEASON_START[code]
        tense = ctx.tense(m.start(), m.end())
        if tense == "past" and start > a.month:
            y -= 1
        elif tense == "future" and start + 2 < a.month:
            y += 1
    return date_value(f"{y:04d}-{code}")


