"""One summary everywhere: the pipeline, `wirebrief summarize`, the reader and the API agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirebrief.cli import app
from wirebrief.errors import InputError
from wirebrief.ingest.reader import RawDocument
from wirebrief.models import Event, Evidence
from wirebrief.pipeline import BriefOptions, brief_document
from wirebrief.summarize.article import SummaryOptions, domain_boosts, summarize_article
from wirebrief.summarize.sentences import split_sentences
from wirebrief.summarize.summarizer import summarize
from wirebrief.web.summaries import summary_for

from .test_summarizer import ARTICLE

LAST = "Lithuania and Poland called for more allied troops on their territory."


def _event_on(text: str, sentence: str) -> Event:
    start = text.index(sentence)
    return Event(type="MOBILIZE", evidence=Evidence(sentence=sentence, start=start,
                                                    end=start + len(sentence)), confidence=0.9)


@pytest.fixture(autouse=True)
def _no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREBRIEF_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("WIREBRIEF_SUMMARY_PRIOR", raising=False)
    monkeypatch.delenv("WIREBRIEF_SUMMARY_SENTENCES", raising=False)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_pipeline_cli_and_reader_give_the_same_summary(tmp_path: Path, n: int) -> None:
    raw = RawDocument(external_id="a", text=ARTICLE)
    briefing = brief_document(raw, BriefOptions(summary_sentences=n, analyse=False))
    piped = [(s.start, s.end) for s in briefing.summary]
    assert len(piped) == n

    page = tmp_path / "a.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(page), "--sentences", str(n), "--json"])
    assert result.exit_code == 0, result.output
    assert [(s["start"], s["end"]) for s in json.loads(result.output)] == piped

    # The reader's button and the API both answer with summary_for.
    assert [(s.start, s.end) for s in summary_for(briefing, n)] == piped


def test_summarize_article_is_the_summarizer_without_a_prior() -> None:
    for n in (1, 3):
        plain = summarize(ARTICLE, sentences=n)
        assert summarize_article(ARTICLE, SummaryOptions(sentences=n)) == plain


def test_default_one_sentence_is_the_centroid_choice_and_longer_ones_lead_aware() -> None:
    assert summarize(ARTICLE, sentences=1) == summarize(ARTICLE, sentences=1, method="centroid")
    assert summarize(ARTICLE, sentences=3) == summarize(ARTICLE, sentences=3, method="position")


def test_domain_prior_pulls_the_event_sentence_in_and_is_off_by_default() -> None:
    events = [_event_on(ARTICLE, LAST)]
    plain = summarize_article(ARTICLE, SummaryOptions(sentences=2), events=events)
    domain = summarize_article(ARTICLE, SummaryOptions(sentences=2, prior="domain"), events=events)
    assert LAST not in [s.text for s in plain]
    assert LAST in [s.text for s in domain]


def test_domain_boosts_mark_the_sentences_with_events() -> None:
    spans = split_sentences(ARTICLE)
    boosts = domain_boosts(ARTICLE, spans, [], [_event_on(ARTICLE, LAST)])
    last = next(i for i, (a, _) in enumerate(spans) if ARTICLE[a:].startswith(LAST))
    assert boosts == {last: pytest.approx(2.45)}


def test_unknown_prior_is_refused() -> None:
    with pytest.raises(ValueError, match="prior"):
        SummaryOptions(prior="events")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        BriefOptions(summary_prior="events")


def test_reader_follows_the_prior_it_is_given() -> None:
    raw = RawDocument(external_id="a", text=ARTICLE)
    briefing = brief_document(raw, BriefOptions(summary_sentences=2, analyse=False))
    briefing = briefing.model_copy(update={"events": [_event_on(briefing.text, LAST)]})
    assert LAST not in [s.text for s in summary_for(briefing, 2)]
    assert LAST in [s.text for s in summary_for(briefing, 2, prior="domain")]


def test_briefing_names_the_prior_it_was_summarised_with() -> None:
    raw = RawDocument(external_id="a", text=ARTICLE)
    plain = brief_document(raw, BriefOptions(analyse=False))
    domain = brief_document(raw, BriefOptions(analyse=False, summary_prior="domain"))
    assert domain.components["summarize"] == plain.components["summarize"] + "+domain"
