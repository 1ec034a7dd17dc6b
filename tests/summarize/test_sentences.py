"""Sentence splitter: a table of hard cases, plus span invariants."""

from __future__ import annotations

import pytest

from wirebrief.summarize.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


CASES: list[tuple[str, list[str]]] = [
    # abbreviations and titles
    (
        "The U.S. Navy said Lt. Gen. John Smith arrived at 9 a.m. Monday. He left.",
        ["The U.S. Navy said Lt. Gen. John Smith arrived at 9 a.m. Monday.", "He left."],
    ),
    ("Mr. Shoigu met Dr. Khrenin. They spoke.", ["Mr. Shoigu met Dr. Khrenin.", "They spoke."]),
    ("He lives in the U.S. The talks ended.", ["He lives in the U.S.", "The talks ended."]),
    (
        "The deal was signed on Jan. 5 in Minsk. No. 5 squadron flew.",
        ["The deal was signed on Jan. 5 in Minsk.", "No. 5 squadron flew."],
    ),
    (
        "Gen. Valery Gerasimov spoke. Troops moved.",
        ["Gen. Valery Gerasimov spoke.", "Troops moved."],
    ),
    ("It landed at 6 p.m. The crew was safe.", ["It landed at 6 p.m.", "The crew was safe."]),
    (
        "Spending rose 3.5 percent to $1.2 billion. It fell later.",
        ["Spending rose 3.5 percent to $1.2 billion.", "It fell later."],
    ),
    # quotes
    (
        '"We will respond," he said. "It is over." Then he left.',
        ['"We will respond," he said.', '"It is over."', "Then he left."],
    ),
    ('"Where is it?" he asked. Nobody knew.', ['"Where is it?" he asked.', "Nobody knew."]),
    (
        "\u201cWe are ready.\u201d The minister smiled.",
        ["\u201cWe are ready.\u201d", "The minister smiled."],
    ),
    # ellipses
    (
        "He paused ... and then spoke. Wait... What?",
        ["He paused ... and then spoke.", "Wait...", "What?"],
    ),
    ('Loeb wrote. "... A woman is entitled."', ["Loeb wrote.", '"... A woman is entitled."']),
    # sentences glued with no space
    (
        "The talks ended, the minister said.The army withdrew.",
        ["The talks ended, the minister said.", "The army withdrew."],
    ),
    ("U.S.Navy ships sailed.", ["U.S.Navy ships sailed."]),
    # datelines and bylines
    (
        "MINSK, April 3 (Reuters) - Belarus received the Iskander-M. Training began.",
        ["MINSK, April 3 (Reuters) - Belarus received the Iskander-M.", "Training began."],
    ),
    (
        "WASHINGTON, Jan. 5 (AP) \u2014 The Pentagon said so. More followed.",
        ["WASHINGTON, Jan. 5 (AP) \u2014 The Pentagon said so.", "More followed."],
    ),
    # headings and paragraph breaks
    (
        "Iskander-M deployed to Belarus\nBy John Smith\n\nFirst sentence here. Second one!",
        ["Iskander-M deployed to Belarus", "By John Smith", "First sentence here.", "Second one!"],
    ),
    (
        "No time to read?\nGet a summary\n\nBody text",
        ["No time to read?", "Get a summary", "Body text"],
    ),
    ("A paragraph without a stop\n\nanother one", ["A paragraph without a stop", "another one"]),
    # CJK full stops
    (
        "\u8fd9\u662f\u7b2c\u4e00\u53e5\u3002\u8fd9\u662f\u7b2c\u4e8c\u53e5\uff01",
        ["\u8fd9\u662f\u7b2c\u4e00\u53e5\u3002", "\u8fd9\u662f\u7b2c\u4e8c\u53e5\uff01"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_table(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_hard_wrapped_prose_is_joined() -> None:
    text = (
        "The ministry said on Tuesday that the brigade would move its launchers\n"
        "to new positions near the border before the end of the month, adding\n"
        "that the exercise had been planned long in advance and posed no threat.\n"
        "Officials in Vilnius disagreed.\n"
    )
    assert _split(text) == [
        text[: text.index("Officials")].strip(),
        "Officials in Vilnius disagreed.",
    ]


def test_single_newline_ends_sentence_in_unwrapped_text() -> None:
    text = "First line ends here.\nSecond line follows.\nThird."
    assert _split(text) == ["First line ends here.", "Second line follows.", "Third."]


@pytest.mark.parametrize(
    "text", ["", "   \n\n  ", "no punctuation at all", "...", "A. B. C.", "x" * 5000]
)
def test_spans_are_stripped_ordered_and_disjoint(text: str) -> None:
    spans = split_sentences(text)
    prev_end = 0
    for a, b in spans:
        assert prev_end <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        prev_end = b


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []


def test_many_sentences_are_split_linearly() -> None:
    text = " ".join(f"Sentence {i} is about the U.S. Army." for i in range(20000))
    spans = split_sentences(text)
    assert len(spans) == 20000
