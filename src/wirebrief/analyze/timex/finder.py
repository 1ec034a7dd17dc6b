"""The tagger's driver: finds the candidates of every pattern around its trigger words, keeps
the longest at each place and resolves them left to right."""

from __future__ import annotations

import bisect
import re
from datetime import date

from wirebrief.analyze.spans import SpanSet
from wirebrief.analyze.timex import explicit, relative
from wirebrief.analyze.timex.lexicon import MONTHS, SEASONS, UNITS, WEEKDAYS, Result
from wirebrief.analyze.timex.resolve import Ctx, Handler, Pattern
from wirebrief.analyze.timex.tense import TenseOracle
from wirebrief.models import Entity, EntityType, Granularity, TimexValue

_PATTERNS: list[Pattern] = explicit.PATTERNS + relative.PATTERNS

# --------------------------------------------------------------------------- driver


# Each pattern holds one of its trigger words (or, for "#", a date-like number): it runs only on
# windows around them, which keeps the tagger fast on long articles.
_UNIT_WORDS = " ".join(list(UNITS) + [u + "s" for u in UNITS]) + " centuries"
_MONTH_WORDS = " ".join(MONTHS)
_WEEKDAY_WORDS = " ".join(WEEKDAYS)
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
    "_part_of_day_alone": "morning afternoon evening night",
    "_clock": "# noon midnight",
    "_quarter": "quarter half q",
    "_the_quarter": "quarter period",
    "_year": "#",
    "_spoken_year": "nineteen thousand",
    "_decade": f"# century centuries {_DECADE_WORDS}",
    "_season": " ".join(SEASONS),
    "_relative": "year month week weekend decade day",
    "_ref": "now currently current present moment time nowadays days day recently recent past "
    "previously formerly lately future soon shortly course date term",
    "_ago": _UNIT_WORDS,
    "_dur": _UNIT_WORDS,
    "_past_unit": _UNIT_WORDS,
    "_vague_dur": _UNIT_WORDS,
    "_bare_units": _UNIT_WORDS,
    "_set": f"{_UNIT_WORDS} {_WEEKDAY_WORDS} daily weekly monthly annually yearly hourly",
}
_TRIGGERS: list[frozenset[str]] = [frozenset(_TRIGGER_SPEC[fn.__name__].split()) for _, fn in
                                   _PATTERNS]  # fmt: skip
_ALL_TRIGGERS = frozenset().union(*_TRIGGERS) - {"#"}
_WORD_RE = re.compile(r"[a-z]+")
# Numbers that can start a date: years, ISO and slashed dates, clock times, decades ('90s).
_NUM_TRIGGER_RE = re.compile(
    r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|\d(?:[:/]|s\b| ?[ap]\.?m\b| ?[AP]M\b)|'\d0s"
    r"|\d\.[0-5]\d(?!\d)|\d{4} ?(?:GMT|UTC)\b"
)
Candidate = tuple[int, int, int, re.Match[str], Handler]  # start, end, priority
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


# "1992-1994": two years, each a date (every pattern stops at a hyphen next to a digit, so
# that "F-16" or "2022-23" is no date); a year range is read here, each year by `_year`.
_YEAR_RANGE_RE = re.compile(r"(?<![\w$£€-])(1[5-9]\d\d|20\d\d)[-–](1[5-9]\d\d|20\d\d)(?![\w%-])")
_ONE_YEAR_RE = re.compile(r"(?P<mod>)(?P<year>\d{4})(?P<fy>)")
_YEAR_PRIO = next(k for k, (_, fn) in enumerate(_PATTERNS) if fn is explicit._year)


def _year_ranges(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for r in _YEAR_RANGE_RE.finditer(text):
        if int(r[1]) >= int(r[2]) or explicit.CODE_BEFORE_RE.search(
                text[max(0, r.start() - 20) : r.start()]):
            continue  # not a range of years: "2010-2008", "Resolution 1992-1994"
        for g in (1, 2):
            m = _ONE_YEAR_RE.match(text, r.start(g), r.end(g))
            if m is not None:
                out.append((m.start(), m.end(), _YEAR_PRIO, m, explicit._year))
    return out


def _candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = _year_ranges(text) if "-" in text or "–" in text else []
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


def _candidates_full(text: str) -> list[Candidate]:
    """Every pattern over the whole text: the reference that the windows must agree with."""
    return _year_ranges(text) + [
        (m.start(), m.end(), prio, m, fn)
        for prio, (rx, fn) in enumerate(_PATTERNS)
        for m in rx.finditer(text)
        if m.end() > m.start()
    ]


# Handlers that point back to an earlier date ("a year ago", "the quarter", "the following
# month"): what they resolve to is no new reference.
_ANAPHORIC = frozenset({"_ago", "_the_quarter", "_relative"})


def find_timexes(text: str, anchor: date | None = None, *, follow_story: bool = True,
                 tense: TenseOracle | None = None) -> list[Entity]:
    """Find date, time, duration and set expressions in `text`, normalised TIMEX3 style.

    `anchor` is the publication date: relative expressions resolve against it. Without it, the
    story's first full date ("On March 3, 2023, ...", see `story_anchor`) is the anchor unless
    `follow_story` is False; without either, unknown parts stay X and `resolved` is False.
    `tense` (`timex.tense.tense_oracle` of the parsed text) reads the tense from the parse.
    """
    cands = _candidates(text)
    # Longest match first at each position; earlier patterns win ties.
    cands.sort(key=lambda c: (c[0] - c[1], c[2]))
    found = _resolve_all(text, cands, anchor, oracle=tense)
    if anchor is None and follow_story:
        first = _first_full_date(found)
        if first is not None:
            found = _resolve_all(text, cands, first, story=True, oracle=tense)
    return found


def story_anchor(text: str) -> date | None:
    """The story's first full date written out (day, month and year: "March 3, 2023",
    "2023-03-03"): what relative expressions count from when there is no publication date."""
    return _first_full_date(find_timexes(text, None, follow_story=False))


def _first_full_date(found: list[Entity]) -> date | None:
    for e in found:
        t = e.timex
        if t is not None and t.resolved and t.timex_type in ("DATE", "TIME"):
            m = _FULL_DATE_RE.match(t.value)
            if m:
                try:
                    return date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    continue
    return None


_FULL_DATE_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T|$)")


def _resolve_all(text: str, cands: list[Candidate], anchor: date | None, story: bool = False,
                 oracle: TenseOracle | None = None) -> list[Entity]:
    """Resolve the longest candidates, left to right, against `anchor` (a date of the story
    itself when `story`)."""
    ctx = Ctx(text=text, anchor=anchor, story=story, oracle=oracle)
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
        if fn.__name__ not in _ANAPHORIC and "year-" not in m.group(0).lower():
            ctx.note(res[0], s)  # what later anaphora ("a year earlier") point back to
    if rejected:
        entities.extend(_fallback(text, cands, rejected, entities, ctx))
        entities.sort(key=lambda ent: ent.start)
    return entities


def _fallback(
    text: str,
    cands: list[Candidate],
    rejected: list[tuple[int, int]],
    kept: list[Entity],
    ctx: Ctx,
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
