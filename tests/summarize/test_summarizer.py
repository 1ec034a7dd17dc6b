"""Summarizer: lengths, order, exact spans, redundancy, chrome, styles, bad inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirebrief.errors import WirebriefError
from wirebrief.models import SummarySentence
from wirebrief.summarize.sentences import split_sentences
from wirebrief.summarize.summarizer import (
    METHODS,
    SUMMARIZER_NAME,
    SummaryTooShortError,
    summarize,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

ARTICLE = """Belarus receives Iskander-M missile systems from Russia

MINSK, April 3 (Reuters) - Russia has delivered Iskander-M missile systems to Belarus, \
Defense Minister Sergei Shoigu said on Monday. The Iskander-M can carry conventional or \
nuclear warheads, Shoigu said. Belarusian crews began training on the Iskander-M at a \
Russian range on April 3. Lt. Gen. Viktor Khrenin, the Belarusian defense minister, said \
the training would last several weeks. The U.S. State Department said it was watching the \
deployment closely. Russia also plans to finish a storage site for tactical nuclear weapons \
in Belarus by July 1. NATO officials said the move raised tensions on the alliance's \
eastern flank. Lithuania and Poland called for more allied troops on their territory.

Read more: Russia and Belarus hold joint drills
Photo: Iskander-M launcher during a parade (Getty Images)
"""


def _check_spans(text: str, summary: list[SummarySentence]) -> None:
    for s in summary:
        assert isinstance(s, SummarySentence)
        assert text[s.start : s.end] == s.text
    starts = [s.start for s in summary]
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)


def test_component_name() -> None:
    assert re.fullmatch(r"summarize\.[a-z]+\.v\d+", SUMMARIZER_NAME)


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_sentence_count_order_and_spans(n: int) -> None:
    summary = summarize(ARTICLE, sentences=n)
    assert len(summary) == n
    _check_spans(ARTICLE, summary)


def test_sentences_are_whole_sentences_of_the_splitter() -> None:
    spans = set(split_sentences(ARTICLE))
    for s in summarize(ARTICLE, sentences=4):
        assert (s.start, s.end) in spans


@pytest.mark.parametrize("budget", [15, 30, 45, 80])
def test_word_budget_is_never_exceeded(budget: int) -> None:
    summary = summarize(ARTICLE, words=budget)
    assert summary
    assert sum(len(s.text.split()) for s in summary) <= budget
    _check_spans(ARTICLE, summary)


def test_word_budget_below_any_sentence_still_returns_one() -> None:
    summary = summarize(ARTICLE, words=2)
    assert len(summary) == 1


def test_ratio_of_sentences() -> None:
    n_sentences = len(split_sentences(ARTICLE))
    summary = summarize(ARTICLE, ratio=0.5)
    assert len(summary) <= round(0.5 * n_sentences)
    assert len(summary) >= 3
    assert len(summarize(ARTICLE, ratio=0.0)) == 1


def test_chrome_heading_and_captions_are_not_chosen() -> None:
    summary = summarize(ARTICLE, sentences=8)
    texts = " ".join(s.text for s in summary)
    assert "Read more" not in texts
    assert "Getty" not in texts
    assert "Belarus receives Iskander-M missile systems from Russia" not in [
        s.text for s in summary
    ]


def test_dateline_sentence_stays_usable() -> None:
    summary = summarize(ARTICLE, sentences=1, method="lead")
    assert summary[0].text.startswith("MINSK, April 3 (Reuters) - Russia has delivered")


def test_duplicated_sentence_is_not_chosen_twice() -> None:
    dup = "Russia has delivered Iskander-M missile systems to Belarus, officials said."
    text = " ".join(
        [dup, dup, "Training began at a Russian range.", dup, "Poland asked for more troops."]
    )
    summary = summarize(text, sentences=3)
    assert [s.text for s in summary].count(dup) == 1
    _check_spans(text, summary)


def test_near_duplicate_is_not_chosen_twice() -> None:
    a = "Russia has delivered Iskander-M missile systems to Belarus, the ministry said."
    b = "Russia has delivered Iskander-M missile systems to Belarus, the minister said."
    text = f"{a} {b} Training began on April 3 at a Russian range. Poland asked for troops."
    chosen = [s.text for s in summarize(text, sentences=2)]
    assert not (a in chosen and b in chosen)


def test_boosts_pull_a_sentence_in() -> None:
    spans = split_sentences(ARTICLE)
    last = len(spans) - 3  # "Lithuania and Poland called for ..."
    assert ARTICLE[spans[last][0] :].startswith("Lithuania")
    plain = summarize(ARTICLE, sentences=2, spans=spans)
    boosted = summarize(ARTICLE, sentences=2, spans=spans, boosts={last: 5.0})
    assert spans[last][0] not in [s.start for s in plain]
    assert spans[last][0] in [s.start for s in boosted]


def test_precomputed_spans_are_used() -> None:
    text = "Alpha troops moved north today. Bravo units held the line. Charlie left."
    spans = [(0, 31), (32, 58)]
    summary = summarize(text, sentences=3, spans=spans)
    assert [(s.start, s.end) for s in summary] == spans


def test_headline_is_one_short_sentence() -> None:
    summary = summarize(ARTICLE, style="headline")
    assert len(summary) == 1
    assert len(summary[0].text.split()) <= 35


def test_bullets_prefer_short_sentences() -> None:
    long = "The ministry said " + " ".join(f"word{i}" for i in range(50)) + "."
    text = (
        f"{long} Russia delivered Iskander-M systems to Belarus on Monday. "
        "Belarusian crews began training at a Russian range. "
        "Poland called for more allied troops on its territory."
    )
    bullets = summarize(text, sentences=2, style="bullets")
    assert len(bullets) == 2
    assert all(len(b.text.split()) <= 35 for b in bullets)
    _check_spans(text, bullets)


@pytest.mark.parametrize("method", sorted(m for m in METHODS if m != "embedding"))
def test_every_method_returns_valid_summaries(method: str) -> None:
    summary = summarize(ARTICLE, sentences=3, method=method)
    assert len(summary) == 3
    _check_spans(ARTICLE, summary)


def test_unknown_method_is_rejected() -> None:
    with pytest.raises(ValueError):
        summarize(ARTICLE, method="nope")


# --- bad inputs ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n ", "...", "!!! ??? ---"])
def test_empty_text_is_too_short(text: str) -> None:
    with pytest.raises(SummaryTooShortError) as info:
        summarize(text)
    assert isinstance(info.value, WirebriefError)
    assert info.value.reason == "too_short"


def test_one_sentence_is_returned_whole() -> None:
    text = "Russia delivered the Iskander-M to Belarus."
    summary = summarize(text, sentences=3)
    assert [s.text for s in summary] == [text]


def test_no_punctuation_returns_whole_text() -> None:
    text = "russia delivered missiles to belarus and training began on a russian range " * 5
    summary = summarize(text)
    assert len(summary) == 1
    _check_spans(text, summary)
    assert summary[0].text == text.strip()


def test_all_headings_falls_back_to_them() -> None:
    text = "Iskander deployed\nTraining begins\nNATO responds"
    summary = summarize(text, sentences=2)
    assert len(summary) == 2
    _check_spans(text, summary)


def test_other_language() -> None:
    text = (
        "Die Bundeswehr hat neue Panzer erhalten. Der Minister sprach von einem wichtigen "
        "Schritt. Die Lieferung kam früher als geplant. Kritiker sprechen von zu hohen Kosten."
    )
    summary = summarize(text, sentences=2)
    assert len(summary) == 2
    _check_spans(text, summary)
    cjk = "俄罗斯向白俄罗斯交付了导弹。训练已经开始。北约表示关切。"
    _check_spans(cjk, summarize(cjk, sentences=2))


def test_all_quotes() -> None:
    text = (
        '"We have received the Iskander," he said. "Training has begun," she said. '
        '"Nothing will stop us," they said. "We are ready," he added.'
    )
    summary = summarize(text, sentences=2)
    assert len(summary) == 2
    _check_spans(text, summary)


def test_twenty_thousand_sentences() -> None:
    text = " ".join(f"Unit {i} moved to sector {i % 89} near the border." for i in range(20000))
    summary = summarize(text, sentences=3)
    assert len(summary) == 3
    _check_spans(text, summary)
    assert len(summarize(text, ratio=0.5)) >= 3


def test_out_of_range_spans_and_boosts_are_ignored() -> None:
    text = "Russia moved troops. Belarus hosted drills."
    summary = summarize(text, spans=[(0, 20), (500, 900), (5, 2)], boosts={99: 1.0, -1: 1.0})
    assert [s.text for s in summary] == ["Russia moved troops."]


# --- shared data ---------------------------------------------------------------------------


@pytest.mark.shared
def test_seed_article_summary_skips_chrome() -> None:
    path = SHARED / "data" / "seed" / "iskander-belarus.txt"
    if not path.is_file():
        pytest.skip(f"shared evaluation data absent: {path}")
    text = path.read_text(encoding="utf-8")
    for style in ("sentences", "bullets", "headline"):
        summary = summarize(text, style=style)  # type: ignore[arg-type]
        assert summary
        _check_spans(text, summary)
        joined = " ".join(s.text for s in summary)
        for chrome in ("Get a summary", "No time to read", "Previous Article", "Next Article"):
            assert chrome not in joined
