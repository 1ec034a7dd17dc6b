"""Analysis cost grows linearly with the text (issue 13, item 3).

Overlap resolution compared each candidate with every span kept so far, and a few patterns
rescanned long runs of digits from each position: 400 KB of text took 110 s. The timings at
10 KB, 100 KB and 1 MB are in benchmarks/long_text.py; here, inputs that ran for minutes.
"""

from __future__ import annotations

import random

from tests.hostile.bounded import finishes
from wirebrief.analyze.entities import _resolve_overlaps
from wirebrief.analyze.orgs import find_organisations
from wirebrief.analyze.spans import SpanSet
from wirebrief.analyze.timex import find_timexes
from wirebrief.analyze.transfers import _QTY_RE
from wirebrief.extract.html_meta import _TITLE_SEP_RE
from wirebrief.ingest.feeds import _TAG_RE
from wirebrief.models import Entity, EntityType


def _brute(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for s, e in spans:
        if not any(s < te and ts < e for ts, te in taken):
            taken.append((s, e))
    return taken


def test_span_set_keeps_what_the_scan_kept() -> None:
    rng = random.Random(13)
    for _ in range(500):
        spans = [(a, a + rng.randint(0, 9)) for a in (rng.randint(0, 80) for _ in range(40))]
        kept = SpanSet()
        assert [sp for sp in spans if kept.add(*sp)] == _brute(spans)


def test_overlaps_of_a_hundred_thousand_mentions() -> None:
    ranked = [(i % 7, Entity(text="x", type=EntityType.PLACE, canonical="x", start=i, end=i + 2))
              for i in range(100_000)]
    chosen = sorted(finishes(lambda: _resolve_overlaps(ranked)), key=lambda e: e.start)
    assert all(a.end <= b.start for a, b in zip(chosen, chosen[1:], strict=False))
    assert len(chosen) > 100_000 // 3  # each kept mention blocks at most two others


def test_dates_in_a_long_run_of_month_names() -> None:
    found = finishes(lambda: find_timexes("May " * 60_000, None))
    assert isinstance(found, list)


def test_organisations_in_a_long_run_of_digits() -> None:
    assert finishes(lambda: find_organisations("1" * 300_000)) == []
    assert [e.text for e in find_organisations("The 1st Tank Army moved")] == ["The 1st Tank Army"]


def test_quantities_titles_and_tags_in_long_runs() -> None:
    assert finishes(lambda: list(_QTY_RE.finditer("1," * 150_000))) == []
    assert [m.group(1) for m in _QTY_RE.finditer("Poland ordered 1,000 tanks")] == ["1,000"]
    assert finishes(lambda: _TITLE_SEP_RE.split("a" + " " * 300_000 + "b")) == [
        "a" + " " * 300_000 + "b"]
    assert _TITLE_SEP_RE.split("Tanks ordered | Defense News") == ["Tanks ordered",
                                                                   "Defense News"]
    assert finishes(lambda: _TAG_RE.sub(" ", "<" * 300_000)) == "<" * 300_000


def test_family_name_first_links_of_thousands_of_people() -> None:
    # a lone word is looked up among the people named before it, not rescanned against each
    from wirebrief.analyze.people import link_person_mentions

    ents: list[Entity] = []
    pos = 0
    for name in [f"Name{i} Family{i}" for i in range(2000)] + [f"Name{i}" for i in range(2000)]:
        ents.append(Entity(text=name, type=EntityType.PERSON, canonical=name, start=pos,
                           end=pos + len(name), source="model"))
        pos += len(name) + 1
    out = finishes(lambda: link_person_mentions("", ents))
    assert [e.canonical for e in out[2000:2003]] == ["Name0 Family0", "Name1 Family1",
                                                     "Name2 Family2"]
