"""Regular expressions over untrusted text run in linear time (issue 13, item 1).

A paragraph of a few words with one very long word drove `_CALL_RE`'s e-mail branch, and the
identifier rule, into quadratic backtracking: a 40,000-character word cost 16 s, and over HTTP
it stalled every request. Each case here ran for minutes before the fix.
"""

from __future__ import annotations

import pytest

from tests.hostile.bounded import finishes
from wirebrief.extract.html import extract_html
from wirebrief.extract.html_clean import clean_paragraphs
from wirebrief.extract.text import clean_page_text

WORD = 300_000
BODY = "<p>" + "Officials said the ministry confirmed the delivery of the radars. " * 3 + "</p>"


@pytest.mark.parametrize("word", ["a" * WORD, "a@" * (WORD // 2), "a1" * (WORD // 2),
                                  "x" * WORD + "@a.com", "a-" * (WORD // 2)])
def test_one_long_word_in_a_short_paragraph(word: str) -> None:
    para = f"Write to the desk at {word} today"
    kept = finishes(lambda: clean_paragraphs([para, "The ministry confirmed it."]))
    assert kept[-1] == "The ministry confirmed it."


def test_long_word_page_through_the_extractor() -> None:
    html = f"<html><body><article><p>short {'b' * WORD}</p>{BODY}</article></body></html>"
    page = finishes(lambda: extract_html(html))
    assert "confirmed the delivery" in page.text


def test_long_word_through_the_text_cleaner() -> None:
    text = f"short {'b' * WORD}\n\n" + "Officials said the ministry confirmed it. " * 3
    clean = finishes(lambda: clean_page_text(text))
    assert "confirmed it" in clean.text


@pytest.mark.parametrize("para, is_call", [
    ("Send your tips to our news desk at tips@example.com", True),
    ("The desk at the address below answers readers every weekday", False),
    ("Contact the ministry press office by phone at 555 today", False),
    ("narrow-browser-and-phone", True),
])
def test_rules_still_drop_what_they_did(para: str, is_call: bool) -> None:
    kept = clean_paragraphs([para, "The ministry confirmed the delivery."])
    assert (para not in kept) is is_call


@pytest.mark.parametrize("text", ["Alpha " * 40_000, "Operation " * 40_000,
                                  "Alpha exercise " * 20_000])
def test_a_long_run_of_capitalised_words_through_the_operation_finder(text: str) -> None:
    from wirebrief.analyze.operations import find_operations

    # the exercise pattern read the run before every word: 20,000 words took 85 s
    found = finishes(lambda: find_operations(text + "The Malabar exercise began."))
    assert found[-1].text.endswith("Malabar")


def test_many_bases_in_a_long_article_scan_the_country_names_once() -> None:
    from wirebrief.analyze.place_mentions import place_entity

    # each base named after a town looked the article's countries up again: quadratic
    text = "India moved jets to the Ambala airbase. " * 5000
    start = text.index("Ambala airbase")
    places = finishes(lambda: [place_entity(text, "Ambala airbase", start, start + 14, "facility")
                               for _ in range(2000)])
    assert places[-1].country == "IND" and places[-1].precision == "near"


@pytest.mark.parametrize("text", [
    "Port " * 60_000 + "port",  # a facility word after every capitalised word
    ("Al-" + "A" * 200 + " ") * 2_000 + "airbase",  # long names before a facility word
    "base " * 60_000,  # facility words with no name
    "Shi’a's port\x00\ufffd " * 10_000,  # possessives, NUL and replacement characters
])
def test_facility_search_is_bounded(text: str) -> None:
    from wirebrief.analyze.facilities import facility_mentions

    found = finishes(lambda: facility_mentions(text))
    assert all(0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text
               for e in found)


@pytest.mark.parametrize("surface", ["", " ", "\x00", "S" * 100_000 + "s", "Ünïcødé’s", "🙂🙂🙂"])
def test_group_names_of_odd_surfaces(surface: str) -> None:
    from wirebrief.analyze.groups import group_name

    name = finishes(lambda: group_name(surface))
    assert name is None or (name and len(name) <= len(surface))


@pytest.mark.parametrize("text", [
    "destroyer " * 60_000 + "Kaga",  # a kind of ship before every word
    ("the frigate " + "A" * 200 + " ") * 2_000,  # long names after a kind
    'destroyer, "' * 30_000,  # quoted-name openers with no name
    "tanker Ünïcødé\x00\ufffd " * 10_000,  # odd characters where a name would be
])
def test_ship_search_is_bounded(text: str) -> None:
    from wirebrief.analyze.weapons.ships import find_typed_ships

    found = finishes(lambda: find_typed_ships(text, []))
    assert all(text[e.start:e.end] == e.text and e.subtype == "vessel" for e in found)


@pytest.mark.parametrize("text", ["attacks " * 200_000, "x" * 1_000_000, "\x00\ufffd" * 100_000,
                                  "talks" + "s" * 500_000])
def test_article_topic_is_bounded(text: str) -> None:
    from wirebrief.analyze.events.features import article_topic

    topic = finishes(lambda: article_topic(text))
    assert topic and all(k.startswith("a:") for k in topic)


@pytest.mark.parametrize("line", [
    "The talks ended." + " " * 300_000 + "x",  # a long gap after the end of a sentence
    "Reporting by " + "A" * 300_000,  # a credit that never closes
    ("It ended. REUTERS/" + "Abc " * 3) * 20_000,  # credits everywhere but the end
    "Photo: " + "Ab-" * 100_000,  # a credit name that never ends
    "\x00\ufffd. AFP/\x00" * 50_000,  # odd characters where a credit would be
])
def test_wire_credits_and_sign_offs_are_bounded(line: str) -> None:
    from wirebrief.extract.chrome import is_caption, strip_inline_chrome

    kept = finishes(lambda: strip_inline_chrome(line))
    assert len(kept) <= len(line)
    assert finishes(lambda: is_caption(line)) is False  # far too long for a caption


@pytest.mark.parametrize("surface", ["", " ", "Standard Time", "A " * 100_000 + "Standard Time",
                                     "Indian Standard Time\x00", "(" * 10_000, "GMT" * 50_000])
def test_time_zone_check_of_odd_surfaces(surface: str) -> None:
    from wirebrief.analyze.name_shapes import is_time_zone

    assert finishes(lambda: is_time_zone(surface)) is False
