"""Pages of the reference article's kind that the project wrote itself: other chrome,
other systems and countries. Expected facts live beside each page
(see tests/data/articles/README.md)."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import pytest

from wirebrief.ingest.reader import read_document
from wirebrief.models import Briefing, Entity
from wirebrief.pipeline import BriefOptions, brief_document

pytestmark = pytest.mark.model
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
CASES = sorted(p.stem.removesuffix(".expected") for p in ARTICLES.glob("*.expected.json"))


@functools.cache
def load(name: str) -> tuple[Briefing, dict]:
    expected = json.loads((ARTICLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    raw = read_document(ARTICLES / f"{name}.txt", 1 << 22)
    published = date.fromisoformat(expected["published"]) if expected.get("published") else None
    # The page's own date line is the source of truth; the sidecar date is only a fallback.
    return brief_document(raw, BriefOptions(published=published)), expected


def _norm(text: str) -> str:
    return text.lower().replace("defence", "defense")


def _overlaps(found: Entity, text: str) -> bool:
    a, b = _norm(found.text), _norm(text)
    return a in b or b in a


@pytest.mark.parametrize("name", CASES)
def test_page_chrome_removed_and_related_kept(name: str) -> None:
    briefing, expected = load(name)
    for chrome in expected["chrome_absent"]:
        assert chrome not in briefing.text, chrome
    related = {_norm(r.title) for r in briefing.related}
    for title in expected["related_titles"]:
        assert _norm(title) in related, title


@pytest.mark.parametrize("name", CASES)
def test_entities_found_with_type_and_country(name: str) -> None:
    briefing, expected = load(name)
    missing = []
    for want in expected["entities"]:
        candidates = [e for e in briefing.entities
                      if e.type.value == want["type"] and _overlaps(e, want["text"])]
        if want.get("country"):
            candidates = [e for e in candidates if e.country == want["country"]]
        if want.get("role"):
            candidates = [e for e in candidates if e.role and _norm(want["role"]) in _norm(e.role)]
        if want.get("canonical") and want["type"] == "WEAPON_SYSTEM":
            candidates = [e for e in candidates if _norm(want["canonical"]) in _norm(e.canonical)
                          or _norm(e.canonical) in _norm(want["canonical"])]
        if want.get("timex"):
            candidates = [e for e in candidates if e.timex and e.timex.value == want["timex"]]
        if not candidates:
            missing.append(want)
    assert not missing, missing


def _event_matches(ev, want: dict) -> bool:  # type: ignore[no-untyped-def]
    if ev.type != want["type"]:
        return False
    pair = (ev.actor.country if ev.actor else None,
            ev.recipient.country if ev.recipient else None)
    wanted = (want.get("actor_country"), want.get("recipient_country"))
    if want["type"] in {"COOPERATE", "CONSULT"}:
        if {c for c in wanted if c} - set(pair):
            return False
    elif any(w and w != p for w, p in zip(wanted, pair, strict=True)):
        return False
    if want.get("weapon") and not any(
            _norm(want["weapon"]) in _norm(w) or _norm(w) in _norm(want["weapon"])
            for w in ev.weapon_systems):
        return False
    if want.get("aux") and ev.aux != want["aux"]:
        return False
    return set(want.get("contexts_include", [])) <= set(ev.contexts)


# The event coder is learned: single events may come and go when the model is retrained, and
# its accuracy is measured by benchmarks/events.py on a sealed split. These pages were read while
# developing, so they only guard against a collapse: half the expected events must be coded.
MIN_EVENT_RECALL = 0.5


def test_events_coded_on_own_pages() -> None:
    found, total, missed = 0, 0, []
    for name in CASES:
        briefing, expected = load(name)
        hits = [any(_event_matches(ev, want) for ev in briefing.events)
                for want in expected["events"]]
        found += sum(hits)
        total += len(hits)
        missed += [(name, w) for w, h in zip(expected["events"], hits, strict=True) if not h]
    assert total and found / total >= MIN_EVENT_RECALL, (found, total, missed)


@pytest.mark.parametrize("name", CASES)
def test_summary_covers_key_facts(name: str) -> None:
    briefing, expected = load(name)
    joined = " ".join(s.text for s in briefing.summary).lower()
    for keyword in expected["summary_must_cover"]:
        assert keyword.lower() in joined, keyword
