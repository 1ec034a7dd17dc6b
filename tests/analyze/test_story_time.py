"""Dates that follow the story: chained relative dates, dates that name other events, and the
date an event takes."""

from __future__ import annotations

from datetime import date

import pytest

from wirebrief.analyze.story_time import anchored, is_attributive
from wirebrief.analyze.timex import find_timexes

PUBLISHED = date(2024, 5, 10)


def _values(text: str) -> dict[str, str]:
    return {e.text: e.timex.value for e in find_timexes(text, PUBLISHED) if e.timex}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Russia invaded in March 2022. A month later, troops left Kyiv.", "A month later",
         "2022-04"),
        ("Talks began on March 3, 2022. A month later, they broke down.", "A month later",
         "2022-04"),
        ("In March 2022 it began. Two months earlier, drills were held.", "Two months earlier",
         "2022-01"),
        ("Talks began on March 3, 2022. Two days later, they broke down.", "Two days later",
         "2022-03-05"),
        ("Officials met. A month later, they left.", "A month later", "2024-06"),
        ("Talks began on March 3, 2022. The next day, they collapsed.", "The next day",
         "2022-03-04"),
        ("Talks began on March 3, 2022. A day on, the previous day was recalled.",
         "the previous day", "2022-03-02"),
        ("Talks began on March 3, 2022. The following week, they collapsed.",
         "The following week", "2022-W10"),
    ],
)
def test_relative_dates_chain_from_the_last_anchored_date(
    text: str, expression: str, value: str
) -> None:
    assert _values(text)[expression] == value


def test_the_next_day_needs_a_day_written_before() -> None:
    assert "The next day" not in _values("Officials met. The next day, they left.")


def test_a_month_too_far_back_does_not_anchor() -> None:
    text = "In March 2022 the war began. " + "Nothing was said. " * 40 + "A month later, calm."
    assert _values(text)["A month later"] == "2024-06"


@pytest.mark.parametrize(
    ("text", "expression", "attributive"),
    [
        ("Iran rejected the 2015 nuclear deal.", "2015", True),
        ("Russia's March 2022 invasion was condemned.", "March 2022", True),
        ("The deal was signed in 2015 in Vienna.", "2015", False),
        ("It ran through the 2015 to 2017 period.", "2015", False),
        ("The offer came on Monday.", "Monday", False),
    ],
)
def test_is_attributive(text: str, expression: str, attributive: bool) -> None:
    found = next(e for e in find_timexes(text, PUBLISHED) if e.text == expression)
    assert is_attributive(text, found) is attributive


def test_anchored_excludes_references_and_durations() -> None:
    found = {e.text: anchored(e) for e in find_timexes(
        "On Monday, after three years of talks, officials said recently that 2019 mattered.",
        PUBLISHED)}
    assert found["Monday"] is True
    assert found["2019"] is True
    assert found["three years"] is False
    assert found["recently"] is False


def _event_dates(nlp, text: str) -> dict[str, tuple[str, str] | None]:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.events import code_events

    doc = nlp(text)
    events = code_events(doc, extract_entities(doc, PUBLISHED), PUBLISHED)
    return {e.explanation.trigger: (e.date.value, e.date.date_type) if e.date else None
            for e in events}


@pytest.mark.model
def test_a_year_naming_another_event_does_not_date_this_one(nlp) -> None:  # type: ignore[no-untyped-def]
    dates = _event_dates(
        nlp, "Iran offered to revive the 2015 nuclear deal, its foreign minister said on Monday.")
    assert dates.get("offered") == ("2024-05-06", "exact"), dates


@pytest.mark.model
def test_an_event_without_a_date_takes_the_nearest_earlier_one(nlp) -> None:  # type: ignore[no-untyped-def]
    dates = _event_dates(
        nlp, "Russian forces attacked Kharkiv on Tuesday. Ukraine condemned the attack.")
    assert dates.get("condemned") == ("2024-05-07", "approximate"), dates


def test_earlier_dates_are_those_within_reach_before_an_offset() -> None:
    from wirebrief.analyze.story_time import EARLIER_REACH, EarlierDates

    text = "On Monday it began. " + "x" * (EARLIER_REACH + 10) + " On Friday it ended. Then?"
    found = EarlierDates(find_timexes(text, PUBLISHED))
    assert [e.text for e in found.before(len(text) - 5)] == ["Friday"]
    assert [e.text for e in found.before(8)] == []  # "Monday" ends at 9
    assert [e.text for e in found.before(20)] == ["Monday"]


# Without a publication date: the story's first full date is the anchor.

STORY = ("On March 3, 2023, militants attacked a convoy. Yesterday, a second convoy was hit. "
         "On Monday, aircraft struck a camp. A month later, talks began on March 20.")


def test_without_a_publication_date_relative_dates_count_from_the_first_full_date() -> None:
    from wirebrief.analyze.timex import story_anchor

    found = {e.text: e.timex for e in find_timexes(STORY) if e.timex}
    assert story_anchor(STORY) == date(2023, 3, 3)
    assert found["March 3, 2023"].value == "2023-03-03"
    assert found["Yesterday"].value == "2023-03-02"
    assert found["Monday"].value == "2023-02-27"  # a bare weekday in the past tense
    # chained from the last anchored date (Monday, 27 February), not from the anchor
    assert found["A month later"].value == "2023-03"
    assert found["March 20"].value == "2023-03-20"  # a month without a year takes the anchor's
    assert all(t.resolved for t in found.values())


def test_a_publication_date_wins_over_the_story_date() -> None:
    found = {e.text: e.timex.value for e in find_timexes(STORY, PUBLISHED) if e.timex}
    assert found["Yesterday"] == "2024-05-09"
    assert found["March 3, 2023"] == "2023-03-03"


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked a convoy on Monday. Yesterday, a second convoy was hit.",
        "In March 2023 militants attacked a convoy. On Monday a second was hit.",  # no day
    ],
)
def test_without_any_full_date_relative_dates_stay_unresolved(text: str) -> None:
    from wirebrief.analyze.timex import story_anchor

    assert story_anchor(text) is None
    rel = [e.timex for e in find_timexes(text) if e.timex and "X" in e.timex.value]
    assert rel and not any(t.resolved for t in rel)


def test_following_the_story_can_be_turned_off() -> None:
    found = {e.text: e.timex.value for e in find_timexes(STORY, follow_story=False) if e.timex}
    assert found["Yesterday"] == "XXXX-XX-XX"
    assert found["March 3, 2023"] == "2023-03-03"


@pytest.mark.model
def test_briefing_and_process_agree_without_a_publication_date(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from wirebrief.cli import app
    from wirebrief.pipeline import brief_text

    text = "Convoy attacked\n\n" + STORY
    lib = brief_text(text)
    infile, outfile = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    infile.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["process", str(infile), "-o", str(outfile)])
    assert result.exit_code == 0, result.output
    cli = json.loads(outfile.read_text(encoding="utf-8").splitlines()[0])
    lib_dates = [(e.text, e.timex.value) for e in lib.entities if e.timex]
    assert lib_dates == [(e["text"], e["timex"]["value"]) for e in cli["entities"] if e["timex"]]
    assert ("Yesterday", "2023-03-02") in lib_dates
    assert lib.published is None and cli["published"] is None
    assert any("first full date, 2023-03-03" in w for w in lib.warnings)
    assert cli["warnings"] == lib.warnings
    assert [(e.date.value if e.date else None) for e in lib.events] == [
        (e["date"] or {}).get("value") for e in cli["events"]]


@pytest.mark.model
def test_an_event_in_a_story_without_a_publication_date_takes_its_clause_date(nlp) -> None:  # type: ignore[no-untyped-def]
    from wirebrief.analyze.entities import extract_entities
    from wirebrief.analyze.events import code_events

    doc = nlp("On March 3, 2023, militants attacked an army convoy in Kirkuk. "
              "Yesterday, gunmen ambushed a patrol near Mosul.")
    events = code_events(doc, extract_entities(doc, None), None)
    dates = {e.explanation.trigger: e.date.value for e in events if e.explanation and e.date}
    assert dates.get("attacked") == "2023-03-03", dates
    assert dates.get("ambushed") == "2023-03-02", dates


def test_written_day_is_the_latest_full_day_the_text_writes() -> None:
    from wirebrief.analyze.story_time import written_day

    text = ("Talks began on March 3, 2022, after the 2014 annexation. In May 2023 and on "
            "4 April 2023 they met.")
    assert written_day(find_timexes(text, None)) == date(2023, 4, 4)
    assert written_day(find_timexes("It happened in 2019, in May.", None)) is None
    assert written_day([]) is None
