"""Words, regular-expression pieces and value helpers of the temporal tagger."""

from __future__ import annotations

import re
from datetime import date

from wirebrief.models import Granularity

# --------------------------------------------------------------------------- lexicon

MONTHS: dict[str, int] = {}
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
        MONTHS[_n.lower()] = _i

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip

UNITS = {
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
VAGUE = {"a few", "few", "several", "some", "many", "a number of"}

# --------------------------------------------------------------------------- regex pieces

MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"  # noqa: E501
)
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
UNIT = r"(?:years?|months?|weeks?|days?|decades?|century|centuries|quarters?|hours?|minutes?|fortnights?)"  # noqa: E501
NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)"
)
NUM = rf"(?:\d{{1,3}}(?:\.\d)?|{NUMWORD}|a couple(?: of)?|a dozen|a few|several|a|an)"
APPROX = (
    r"(?:(?:more|less|fewer) than |nearly |almost |about |around |at least |up to |over |"
    r"within |roughly |approximately |some |just |only )"
)
REL_WORD = r"(?:this|last|next|past|previous|coming|current|following|same)"



def number(word: str) -> int | None:
    """A number written in digits or words; None when vague ("several")."""
    w = word.lower().strip()
    if w in VAGUE:
        return None
    if w.replace(".", "", 1).isdigit():
        return int(float(w))
    if w in _WORD_NUM:
        return _WORD_NUM[w]
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _WORD_NUM and parts[1] in _WORD_NUM:
        return _WORD_NUM[parts[0]] + _WORD_NUM[parts[1]]
    return None


def unit_code(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "CE"
    return UNITS[w.rstrip("s")]


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# --------------------------------------------------------------------------- value helpers

Result = tuple[str, Granularity, str]  # value, granularity, TIMEX3 type


def ymd(d: date) -> str:
    return d.isoformat()


def ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_value(value: str, years: int) -> str | None:
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
        return ymd(d)
    return f"{int(m.group(1)) + years:04d}{rest}"


def granularity_of(value: str) -> Granularity:
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


def date_value(value: str) -> Result:
    return value, granularity_of(value), "DATE"


def duration_value(n: int | None, unit: str) -> Result:
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


