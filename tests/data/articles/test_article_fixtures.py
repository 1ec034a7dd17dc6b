"""Checks that the demo corpus and the generalisation fixtures are well formed.

These guard the data itself (so a broken edit fails here, not deep inside a pipeline test).
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from wirebrief.models import EntityType

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
CORPUS = REPO / "src" / "wirebrief" / "demo" / "corpus"

PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
ISO3 = re.compile(r"^[A-Z]{3}$")
FIXTURES = sorted(p.name.removesuffix(".txt") for p in HERE.glob("*.txt"))


def _index() -> list[dict[str, Any]]:
    lines = (CORPUS / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


class _Body(HTMLParser):
    """Collects paragraph text and the head metadata of a saved page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.paragraphs: list[str] = []
        self._in_p = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key and a.get("content") is not None:
                self.meta[key] = a["content"] or ""
        elif tag == "p":
            self._in_p = True
            self.paragraphs.append("")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_p = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self.paragraphs[-1] += data
        if self._in_title:
            self.title += data


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower())


def test_index_lists_every_article_once() -> None:
    rows = _index()
    files = sorted(p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})
    assert len(rows) == 24
    assert sorted(r["file"] for r in rows) == files
    for r in rows:
        assert set(r) == {"file", "published", "url", "source"}
        date.fromisoformat(r["published"])
        assert re.match(r"^https://example-[a-z]+\.test/", r["url"]), r["url"]
        assert r["source"].endswith("(sample)")
    assert len({r["url"] for r in rows}) == len(rows)


def test_corpus_mixes_formats_and_outlets() -> None:
    rows = _index()
    assert 6 <= sum(r["file"].endswith(".html") for r in rows) <= 10
    assert len({r["source"] for r in rows}) >= 6


@pytest.mark.parametrize("row", _index(), ids=lambda r: r["file"])
def test_article_length_and_shape(row: dict[str, Any]) -> None:
    raw = (CORPUS / row["file"]).read_text(encoding="utf-8")
    if row["file"].endswith(".html"):
        page = _Body()
        page.feed(raw)
        assert page.title.strip()
        assert page.meta.get("og:site_name")
        assert page.meta["article:published_time"][:10] == row["published"]
        assert "Related articles" in raw and "Previous Article" in raw and "Next Article" in raw
        body = " ".join(page.paragraphs)
    else:
        headline, _, body = raw.partition("\n\n")
        assert headline.strip() and "\n" not in headline.strip()
    assert 200 <= len(_words(body)) <= 480, len(_words(body))


def test_exact_and_near_duplicates() -> None:
    exact = [
        CORPUS / f
        for f in (
            "10-poland-receives-k2-tanks-from-south-korea.txt",
            "11-south-korean-k2-tanks-arrive-in-gdynia.txt",
        )
    ]
    assert exact[0].read_bytes() == exact[1].read_bytes()
    near = [
        (CORPUS / f).read_text(encoding="utf-8")
        for f in (
            "03-belarusian-crews-begin-iskander-training.txt",
            "04-belarus-starts-iskander-course-in-russia.txt",
        )
    ]
    assert near[0] != near[1]
    sets = [set(_words(t)) for t in near]
    overlap = len(sets[0] & sets[1]) / len(sets[0] | sets[1])
    assert overlap > 0.5
    by_file = {r["file"]: r["source"] for r in _index()}
    assert by_file[exact[0].name] != by_file[exact[1].name]


def test_russia_belarus_thread_spans_first_half_of_2024() -> None:
    thread = [r for r in _index() if int(r["file"][:2]) <= 6]
    months = {date.fromisoformat(r["published"]).month for r in thread}
    assert len(thread) == 6 and min(months) == 1 and max(months) == 6


def test_fixtures_exist() -> None:
    assert len(FIXTURES) == 6


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_expectations_are_well_formed(name: str) -> None:
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    exp = json.loads((HERE / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert set(exp) == {
        "published",
        "chrome_absent",
        "related_titles",
        "entities",
        "events",
        "summary_must_cover",
    }
    if exp["published"] is not None:
        date.fromisoformat(exp["published"])
    # Each chrome string and related title must really be on the page, or the check is empty.
    for s in exp["chrome_absent"] + exp["related_titles"]:
        assert s in text, s
    types = {t.value for t in EntityType}
    for ent in exp["entities"]:
        assert ent["text"] in text, ent["text"]
        assert ent["type"] in types
        if ent.get("country") is not None:
            assert ISO3.match(ent["country"])
        if ent["type"] == "PERSON":
            assert ent["role"]
    assert exp["events"]
    for ev in exp["events"]:
        assert ev["type"] in PLOVER
        assert ev["aux"] in {None, "future", "negation"}
        for key in ("actor_country", "recipient_country"):
            assert ev[key] is None or ISO3.match(ev[key])
        assert isinstance(ev["contexts_include"], list)
    for kw in exp["summary_must_cover"]:
        assert kw.lower() in text.lower()
