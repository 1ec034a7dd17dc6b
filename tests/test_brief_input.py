"""`brief_input`: one article pasted or uploaded as text or HTML, as the web page and the API
brief it."""

from __future__ import annotations

from datetime import date

import pytest

from wirebrief.errors import InputError
from wirebrief.pipeline import BriefOptions, brief_input

TEXT = ("Norway hands over NASAMS launchers to Lithuania\n\n"
        "Norway has delivered two NASAMS air defence launchers to Lithuania, the Lithuanian "
        "Ministry of National Defence said on Monday.\n\n"
        "The launchers will protect the capital, Vilnius, the ministry said.\n")


@pytest.mark.parametrize(("text", "html", "reason"), [
    (None, None, "empty"), ("  \n", None, "empty"), (None, " ", "empty"), ("", "", "empty"),
    ("a", "<p>b</p>", "ambiguous"),
])
def test_refuses_nothing_or_both(text: str | None, html: str | None, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        brief_input(text, html)
    assert caught.value.reason == reason


def test_text_and_html_brief_like_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    from wirebrief import pipeline

    seen: list[tuple[object, BriefOptions]] = []
    monkeypatch.setattr(pipeline, "brief_document",
                        lambda raw, options: seen.append((raw, options)) or "briefed")
    assert brief_input("Text\r\nhere", None, title="T", published=date(2024, 5, 6)) == "briefed"
    assert brief_input(None, "<p>Page</p>", url="https://example.org/a", sentences=5,
                       default_sentences=2) == "briefed"
    (raw1, opt1), (raw2, opt2) = seen
    assert (raw1.text, raw1.html, raw1.title, raw1.published) == (  # type: ignore[attr-defined]
        "Text\nhere", None, "T", date(2024, 5, 6))
    assert (opt1.summary_sentences, opt1.published) == (3, date(2024, 5, 6))
    assert (raw2.text, raw2.html, raw2.url) == (  # type: ignore[attr-defined]
        None, "<p>Page</p>", "https://example.org/a")
    assert opt2.summary_sentences == 5


def test_briefs_a_pasted_article() -> None:
    briefing = brief_input(TEXT, None, default_sentences=1)
    assert briefing.title and "NASAMS" in briefing.title
    assert len(briefing.summary) == 1
