"""Tests for the TIMEX3 temporal tagger."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from wirebrief.analyze.timex import find_timexes, normalise_timex
from wirebrief.models import EntityType, Granularity

ANCHOR = date(2023, 4, 10)  # a Monday, ISO week 15
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "time" / "timebank"

D, W, M, Y = Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR
Q, DUR, REF = Granularity.QUARTER, Granularity.DURATION, Granularity.REFERENCE

CASES = [
    # (sentence, expression, anchor, value, granularity)
    ("The strike happened yesterday.", "yesterday", ANCHOR, "2023-04-09", D),
    ("Talks resume tomorrow.", "tomorrow", ANCHOR, "2023-04-11", D),
    ("Ministers met on Tuesday in Brussels.", "Tuesday", ANCHOR, "2023-04-04", D),
    ("Ministers will meet on Tuesday in Brussels.", "Tuesday", ANCHOR, "2023-04-11", D),
    ("The army said on Monday it had withdrawn.", "Monday", ANCHOR, "2023-04-10", D),
    ("The drills ended last week.", "last week", ANCHOR, "2023-W14", W),
    ("The drills start next week.", "next week", ANCHOR, "2023-W16", W),
    ("Deliveries begin next month.", "next month", ANCHOR, "2023-05", M),
    ("Deliveries began last month.", "last month", ANCHOR, "2023-03", M),
    ("The deal closes by the end of the year.", "the end of the year", ANCHOR, "2023", Y),
    ("It was ordered earlier this year.", "earlier this year", ANCHOR, "2023", Y),
    ("It was ordered last year.", "last year", ANCHOR, "2022", Y),
    ("The base opened three years ago.", "three years ago", ANCHOR, "2020", Y),
    ("The base opened two weeks ago.", "two weeks ago", ANCHOR, "2023-W13", W),
    ("The contract was signed in March.", "March", ANCHOR, "2023-03", M),
    ("The contract was signed in June.", "June", ANCHOR, "2022-06", M),
    ("The contract will be signed in June.", "June", ANCHOR, "2023-06", M),
    ("The test took place on April 3.", "April 3", ANCHOR, "2023-04-03", D),
    # a written weekday picks the year that fits, whatever the tense says
    ("The paper said in an editorial on Saturday, April 25:", "Saturday, April 25",
     date(1998, 4, 24), "1998-04-25", D),
    ("The paper said on Friday, Dec. 30, it had closed.", "Friday, Dec. 30", date(2023, 1, 4),
     "2022-12-30", D),
    ("The test took place on 3 April 2021.", "3 April 2021", ANCHOR, "2021-04-03", D),
    ("The test took place on Oct. 13, 1989.", "Oct. 13, 1989", ANCHOR, "1989-10-13", D),
    ("It was founded in the 1990s.", "the 1990s", ANCHOR, "199X", Granularity.DECADE),
    ("Stocks are now low.", "now", ANCHOR, "PRESENT_REF", REF),
    ("Stocks are currently low.", "currently", ANCHOR, "PRESENT_REF", REF),
    ("Stocks fell recently.", "recently", ANCHOR, "PAST_REF", REF),
    ("Sales rose in the past three months.", "the past three months", ANCHOR, "P3M", DUR),
    ("The war lasted two years.", "two years", ANCHOR, "P2Y", DUR),
    ("A 10-year contract.", "10-year", ANCHOR, "P10Y", DUR),
    ("The siege lasted five hours.", "five hours", ANCHOR, "PT5H", DUR),
    ("Spending in fiscal 1998 rose.", "fiscal 1998", ANCHOR, "1998", Y),
    ("Profit rose in the third quarter of 2022.", "the third quarter of 2022", ANCHOR,
     "2022-Q3", Q),
    ("Profit will rise in the second quarter.", "the second quarter", ANCHOR, "2023-Q2", Q),
    ("The exercise ran this summer.", "this summer", ANCHOR, "2023-SU", Granularity.SEASON),
    ("It was ordered in 2014.", "2014", ANCHOR, "2014", Y),
    ("The reactor opened in 1971.", "1971", None, "1971", Y),
    ("Troops crossed at 10 p.m. Wednesday.", "10 p.m. Wednesday", ANCHOR, "2023-04-05T22:00",
     Granularity.TIME),
    ("Shelling began this morning.", "this morning", ANCHOR, "2023-04-10TMO", Granularity.TIME),
    # Without an anchor, what needs one stays unresolved.
    ("The test took place on April 3.", "April 3", None, "XXXX-04-03", D),
    ("The drills ended last week.", "last week", None, "XXXX-WXX", W),
    ("It was ordered last year.", "last year", None, "XXXX", Y),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expr", "anchor", "value", "gran"), CASES)
def test_value_and_offsets(
    sentence: str, expr: str, anchor: date | None, value: str, gran: Granularity
) -> None:
    found = find_timexes(sentence, anchor)
    matches = [e for e in found if e.text == expr]
    assert matches, f"{expr!r} not found in {sentence!r}: {[e.text for e in found]}"
    ent = matches[0]
    assert ent.timex is not None
    assert ent.canonical == ent.timex.value == value
    assert ent.timex.granularity == gran
    assert sentence[ent.start : ent.end] == expr
    assert ent.type == EntityType.DATE
    assert ent.source == "pattern"
    assert ent.timex.resolved == ("X" not in value or gran == Granularity.DECADE)


def test_unresolved_without_anchor() -> None:
    tv = normalise_timex("April 3")
    assert tv is not None
    assert (tv.value, tv.granularity, tv.resolved) == ("XXXX-04-03", D, False)
    tv2 = normalise_timex("April 3", date(2023, 4, 10))
    assert tv2 is not None
    assert (tv2.value, tv2.resolved) == ("2023-04-03", True)


def test_types() -> None:
    assert normalise_timex("the past three months", ANCHOR).timex_type == "DURATION"  # type: ignore[union-attr]
    assert normalise_timex("every month", ANCHOR).timex_type == "SET"  # type: ignore[union-attr]
    assert normalise_timex("7:15 p.m.", ANCHOR).timex_type == "TIME"  # type: ignore[union-attr]
    assert normalise_timex("last week", ANCHOR).timex_type == "DATE"  # type: ignore[union-attr]


def test_nothing_in_plain_text() -> None:
    assert normalise_timex("the tanks") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may decide to send more troops.",
        "Troops march towards the border.",
        "The army deployed 300 tanks.",
        "Russia moved S-400 batteries to the area.",
        "About 1,200 soldiers were wounded.",
        "The unit has 2000 soldiers.",
        "The F-2000 rifle was shown.",
        "It costs $1999 per unit.",
        "Prices fall as supply grows.",
        "The fall of the city was swift.",
        "He said May I go.",
    ],
)
def test_no_false_positives(sentence: str) -> None:
    assert find_timexes(sentence, ANCHOR) == []


def test_several_in_one_text_are_ordered_and_exact() -> None:
    text = "On Friday, Oct. 13, troops left; by next year, 5,000 more will go. Now it is calm."
    found = find_timexes(text, date(1989, 10, 27))
    assert [(e.text, e.canonical) for e in found] == [
        ("Friday, Oct. 13", "1989-10-13"),
        ("next year", "1990"),
        ("Now", "PRESENT_REF"),
    ]
    for e in found:
        assert text[e.start : e.end] == e.text


def test_year_earlier_follows_the_quarter() -> None:
    text = "Third-quarter profit rose 5% from a year earlier."
    found = find_timexes(text, date(1989, 11, 2))
    assert [e.canonical for e in found] == ["1989-Q3", "1988-Q3"]
    later = find_timexes(text + " The quarter was weak; a year ago it was not.", date(1989, 11, 2))
    assert [e.canonical for e in later] == ["1989-Q3", "1988-Q3", "1989-Q3", "1988-Q3"]


def test_windows_agree_with_a_full_scan() -> None:
    from wirebrief.analyze.timex import finder as timex

    text = (
        "Ministers met on Tuesday, Oct. 13, 1989, and again in the 1990s; the third quarter "
        "of 2022 was weak. In nineteen ninety-six, at 7:15 p.m., 2014-05-01, 05/01/2014. "
        "The past three months were calm; every week, daily, this summer, the fall of prices. "
    ) * 3
    windowed = {(c[0], c[1], c[2]) for c in timex._candidates(text)}
    full = {(c[0], c[1], c[2]) for c in timex._candidates_full(text)}
    assert windowed == full


def test_spoken_years() -> None:
    found = find_timexes("In nineteen ninety-one he left; by the year two thousand.", ANCHOR)
    assert [(e.text, e.canonical) for e in found] == [
        ("nineteen ninety-one", "1991"),
        ("the year two thousand", "2000"),
    ]
    assert find_timexes("They sent two thousand troops.", ANCHOR) == []


@pytest.mark.shared
def test_timebank_smoke() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared/data/time/timebank is absent: TimeBank is read in place")
    spec = importlib.util.spec_from_file_location(
        "timebank_bench", Path(__file__).resolve().parents[2] / "benchmarks" / "timebank.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up while being built
    spec.loader.exec_module(bench)
    docs = [bench.load(p) for p in sorted(SHARED.glob("*.tml"))[:40]]
    preds = {d.name: bench.ours(d) for d in docs}
    s = bench.score(docs, preds, "DATE")
    assert s["gold"] > 100
    assert s["lenient_f"] > 0.8
    assert s["value_acc"] > 0.75


# ---------------------------------------------------------------- tense from the parse


@pytest.mark.model
@pytest.mark.parametrize("text, expr, anchor, value", [
    # the participle clause takes the main clause's past, not the "would" after it
    ("US President Joe Biden, announcing the ceasefire on Tuesday, confirmed that Israel would "
     "gradually withdraw its forces.", "Tuesday", date(2024, 11, 30), "2024-11-26"),
    # a date on a noun takes the tense of the clause above it
    ("In response to the speaker's visit to Taiwan on Tuesday, the command has launched drills "
     "that will last days.", "Tuesday", date(2022, 8, 3), "2022-08-02"),
    ("The minister will travel to Kyiv on Tuesday, officials said.", "Tuesday", date(2022, 8, 3),
     "2022-08-09"),
    # a yearless day a week away is not last year's, whatever the tense
    ("The company has set Nov. 10 as the deadline for the offer.", "Nov. 10", date(1989, 11, 2),
     "1989-11-10"),
    # a plain present tells no side ("payable" then): the nearest such day or month, not the
    # past one a stray "-ed" word would give
    ("The reduced dividend is payable Jan. 2 to holders of record.", "Jan. 2",
     date(1989, 11, 2), "1990-01-02"),
    ("The reduced dividend is payable in January to holders of record.", "January",
     date(1989, 11, 2), "1990-01"),
    # a past clause, but last year's day would be ten months back: the coming one, six weeks on
    ("The directors authorized a split, payable Dec. 7 to holders of record.", "Dec. 7",
     date(1989, 10, 27), "1989-12-07"),
    # "would" in what was said is later than the saying; "would have" is not
    ("He added that a second group would be trained in the autumn.", "the autumn",
     date(2024, 3, 12), "2024-FA"),
    ("He said the group would be trained in May.", "May", date(2024, 3, 12), "2024-05"),
    ("He said the talks would have ended in May.", "May", date(2024, 3, 12), "2023-05"),
    # a perfect modal speaks of the past; so does a past progressive
    ("Core prices would have risen by 0.1 percent in October.", "October", date(2006, 11, 14),
     "2006-10"),
    ("The minister was referring to a decision in November by the court.", "November",
     date(2005, 12, 15), "2005-11"),
    # "by" a weekday: later, unless the clause is past ("had filed reports by Wednesday")
    ("The storm is threatening to reach the capital by Friday, forecasters said.", "Friday",
     date(2006, 11, 28), "2006-12-01"),
    ("Thirty-two members had filed reports by Wednesday.", "Wednesday", date(1990, 8, 16),
     "1990-08-15"),
])
def test_tense_comes_from_the_parse(nlp, text: str, expr: str, anchor: date,  # type: ignore[no-untyped-def]
                                    value: str) -> None:
    from wirebrief.analyze.timex.tense import tense_oracle

    oracle = tense_oracle(nlp(text))
    found = {e.text: e.timex.value for e in find_timexes(text, anchor, tense=oracle)
             if e.timex is not None}
    assert found.get(expr) == value, found


def test_vague_plurals_are_references() -> None:
    found = {e.text: e.timex.value for e in find_timexes(
        "Strikes rose in recent weeks and will go on in the coming days.", ANCHOR)
        if e.timex is not None}
    assert found["recent weeks"] == "PAST_REF"
    assert found["the coming days"] == "FUTURE_REF"


@pytest.mark.parametrize("text, expected", [
    # bare plural units count an unknown number; an age or a count the tagger cannot read is none
    ("despite years of U.S. and Allied engagement", {"years": "PXY"}),
    ("the decades-long conflict", {"the decades-long": "PXDE"}),
    ("a decades-old arms embargo", {}),
    ("for almost a hundred years", {}),
    ("in the months to come", {"the months": "FUTURE_REF"}),
    ("for two additional months", {"two additional months": "P2M"}),
    # nights and clocks
    ("It shot down 22 drones overnight, including two.", {"overnight": "2025-02-23TNI"}),
    ("the overnight rate rose", {}),
    ("jets flew above Sanaa overnight Monday.", {"overnight Monday": "2025-02-24TNI"}),
    ("in the early hours of Wednesday, officials said", {"the early hours of Wednesday":
                                                         "2025-02-19TNI"}),
    ("The meeting will take place at 21:00, he said.", {"21:00": "2025-02-24T21:00"}),
    ("A missile landed at 1440 GMT on Tuesday.", {"1440 GMT": "2025-02-18T14:40",
                                                  "Tuesday": "2025-02-18"}),
    ("They arrived at about 12.34pm.", {"about 12.34pm": "2025-02-24T12:34"}),
    ("The strikes, executed at 1:44 AM IST, hit", {"1:44 AM IST": "2025-02-24T01:44"}),
    ("The talks failed on February 20. Later that evening the envoy left.",
     {"February 20": "2025-02-20", "Later that evening": "2025-02-20TEV"}),
    ("Throughout the morning, drones flew over the city.", {"the morning": "2025-02-24TMO"}),
    ("He said that night raids would go on.", {}),
])
def test_durations_nights_and_clocks(text: str, expected: dict[str, str]) -> None:
    found = {e.text: e.timex.value for e in find_timexes(text, date(2025, 2, 24))
             if e.timex is not None}
    assert found == expected


def test_a_range_of_years_is_two_dates() -> None:
    def found(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.timex.value) for e in find_timexes(text, date(2020, 1, 1))
                if e.timex is not None]

    assert found("In 1992-1994, tensions boiled over.") == [("1992", "1992"), ("1994", "1994")]
    assert found("the 1992–1994 war") == [("1992", "1992"), ("1994", "1994")]
    assert found("Resolution 1992-1994 passed.") == []  # a code, not years
    assert found("the 2010-2008 figure") == []  # not a range of years
    assert found("F-16 jets flew in 2022-23.") == []  # a fiscal year is left alone


def test_ages_speeds_and_newspapers_are_not_times() -> None:
    text = ("A 36-year-old villager said winds of 95 kilometers per hour hit the town, the "
            "Yediot Aharonot daily reported. The 8-month-old truce held; water is rationed "
            "to 50 liters per day.")
    found = {e.text: e.timex.value for e in find_timexes(text, ANCHOR) if e.timex is not None}
    assert found == {"The 8-month-old": "P8M", "per day": "P1D"}
